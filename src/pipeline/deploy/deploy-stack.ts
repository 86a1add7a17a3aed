// The deploy stage: package the template's functions, bring the stack to a deployable state,
// create and inspect a change set, execute it and follow it to the end. Outcomes are typed;
// failures are CutoverErrors. Every wait is bounded by deploy-timeout-minutes.
import type { Config } from '../../config/config.js';
import type { PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import {
  announceChanges,
  deleteChangeSetQuietly,
  deleteStaleChangeSets,
  newChangeSetName,
  startChangeSet,
  waitForChangeSet,
  type ChangeSetRequest,
} from './change-set.js';
import { didDeployStack, noOpDeploy, type DeployResult } from './deploy-result.js';
import { executeAndFollow } from './follow-events.js';
import { loadProjectEsbuild, type EsbuildLoader } from './package/esbuild.js';
import type { PackagedArtifact } from './package/package-template.js';
import { placeTemplate, type PlacedTemplate } from './place-template.js';
import { prepareStack, type StackPlan } from './prepare-stack.js';
import { prepareTemplate } from './prepare-template.js';
import { resolveStackParameters } from './template/parameters.js';

export type { DeployResult } from './deploy-result.js';

export interface DeployTiming {
  /** Between DescribeStacks/DescribeStackEvents polls. */
  readonly stackPollMs: number;
  /** Between DescribeChangeSet polls. */
  readonly changeSetPollMs: number;
  /** Ceiling while throttled. */
  readonly maxPollMs: number;
  /** At least one progress line this often. */
  readonly heartbeatMs: number;
}

export const DEFAULT_DEPLOY_TIMING: DeployTiming = {
  stackPollMs: 5_000,
  changeSetPollMs: 2_000,
  maxPollMs: 60_000,
  heartbeatMs: 30_000,
};

export interface DeployOptions {
  /**
   * Values set by the pipeline itself (the release passes LiveFunction and the way back from the stage's current
   * route). They win over the parameter-overrides input, which would otherwise move traffic.
   */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly loadEsbuild?: EsbuildLoader;
  readonly timing?: Partial<DeployTiming>;
}

/** The inputs the deploy stage reads, plus the directory relative paths resolve against. */
export interface DeploySettings extends Pick<
  Config,
  | 'stackName'
  | 'template'
  | 'artifactBucket'
  | 'parameterOverrides'
  | 'tags'
  | 'roleArn'
  | 'deployTimeoutMinutes'
  | 'provisioningTimeoutMinutes'
> {
  readonly cwd: string;
}

/** The clock every wait of one deployment shares: one deadline, two poll paces. */
interface DeployWaits {
  readonly started: number;
  readonly deadline: number;
  readonly timeoutMinutes: number;
  readonly stackPoll: PollTiming;
  readonly changeSetPoll: PollTiming;
}

export async function deployStack(
  ctx: PipelineContext,
  config: DeploySettings,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const waits = deployWaits(config, options.timing, ctx.clock.now());

  // 1. Template, parameters and packaging: all local problems surface before any stack call.
  const prepared = await prepareTemplate(ctx, {
    stackName: config.stackName,
    template: config.template,
    cwd: config.cwd,
    artifactBucket: config.artifactBucket,
    parameterOverrides: config.parameterOverrides,
    pipelineOverrides: options.parameterOverrides,
    loadEsbuild: options.loadEsbuild ?? loadProjectEsbuild,
  });
  const { template, artifacts } = prepared.packaged;
  const placed = await placeTemplate(ctx, template, prepared.keyPrefix, config.artifactBucket);

  // 2. The stack.
  const plan = await prepareStack(ctx, {
    stackName: config.stackName,
    timing: waits.stackPoll,
    roleArn: config.roleArn,
    deadline: waits.deadline,
    timeoutMinutes: waits.timeoutMinutes,
  });
  const parameters = resolveStackParameters(template, prepared.overrides, plan.existing);

  // 3.–5. The change set, its execution, the outputs.
  return deployChangeSet(ctx, { config, waits, plan, parameters, placed, artifacts });
}

function deployWaits(
  config: DeploySettings,
  timing: Partial<DeployTiming> | undefined,
  started: number,
): DeployWaits {
  const t = { ...DEFAULT_DEPLOY_TIMING, ...timing };
  const stackPoll: PollTiming = {
    intervalMs: t.stackPollMs,
    maxIntervalMs: t.maxPollMs,
    heartbeatMs: t.heartbeatMs,
  };
  return {
    started,
    deadline: started + config.deployTimeoutMinutes * 60_000,
    timeoutMinutes: config.deployTimeoutMinutes,
    stackPoll,
    changeSetPoll: { ...stackPoll, intervalMs: t.changeSetPollMs },
  };
}

interface ChangeSetRun {
  readonly config: DeploySettings;
  readonly waits: DeployWaits;
  readonly plan: StackPlan;
  readonly parameters: ChangeSetRequest['parameters'];
  readonly placed: PlacedTemplate;
  readonly artifacts: readonly PackagedArtifact[];
}

async function deployChangeSet(ctx: PipelineContext, run: ChangeSetRun): Promise<DeployResult> {
  const { config, waits, plan } = run;
  const { stackName } = config;
  const bounds = { deadline: waits.deadline, timeoutMinutes: waits.timeoutMinutes };
  if (plan.stackExists) await deleteStaleChangeSets(ctx, stackName);
  const changeSetName = newChangeSetName(ctx.clock.now());
  let executing = false;
  try {
    await startChangeSet(ctx, {
      stackName,
      changeSetName,
      changeSetType: plan.changeSetType,
      template: run.placed.templateArg,
      parameters: run.parameters,
      tags: config.tags,
      roleArn: config.roleArn,
    });
    const outcome = await waitForChangeSet(ctx, stackName, changeSetName, {
      timing: waits.changeSetPoll,
      ...bounds,
    });
    const base = { stackName, changeSetName, artifacts: run.artifacts, template: run.placed.location };
    if (outcome.type === 'empty') return await noOpDeploy(ctx, base, outcome, waits.started);
    announceChanges(ctx, changeSetName, outcome.changes);

    // 4. Execute and follow. From here CloudFormation owns the change set.
    executing = true;
    const execution = await executeAndFollow(ctx, {
      stackName,
      stackId: outcome.stackId,
      changeSetName,
      changeSetType: plan.changeSetType,
      timing: waits.stackPoll,
      ...bounds,
      provisioningTimeoutMinutes: config.provisioningTimeoutMinutes,
    });

    // 5. Outputs.
    return await didDeployStack(ctx, base, {
      stackId: outcome.stackId,
      stackStatus: execution.stackStatus,
      changeSetType: plan.changeSetType,
      changes: outcome.changes,
      recreated: plan.recreated,
      started: waits.started,
    });
  } finally {
    // Never leave our change set behind unless CloudFormation is executing it.
    if (!executing) await deleteChangeSetQuietly(ctx, stackName, changeSetName);
  }
}
