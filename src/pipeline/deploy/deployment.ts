// What a deploy and a plan both do before the change set: package the template, look up the
// stack-safety inputs, bring the stack to a state a change set can target, and settle the
// parameters — all bounded by one deadline (deploy-timeout-minutes).
import type { Config } from '../../config/config.js';
import type { PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import type { ChangeSetRequest } from './change-set.js';
import { loadProjectEsbuild, type EsbuildLoader } from './package/esbuild.js';
import type { PackagedArtifact } from './package/package-template.js';
import { placeTemplate, type PlacedTemplate } from './place-template.js';
import { prepareStack, type StackPlan } from './prepare-stack.js';
import { prepareTemplate, type PreparedTemplate } from './prepare-template.js';
import { resolveStackSafety, type StackSafety } from './stack-safety.js';
import { resolveStackParameters } from './template/parameters.js';

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
  | 'capabilities'
  | 'notificationArns'
  | 'rollbackAlarms'
  | 'rollbackMonitoringMinutes'
  | 'terminationProtection'
  | 'changeSetName'
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

/** Everything the change set step needs, found before any change set exists. */
export interface ChangeSetRun {
  readonly config: DeploySettings;
  readonly waits: DeployWaits;
  readonly prepared: PreparedTemplate;
  readonly plan: StackPlan;
  readonly parameters: ChangeSetRequest['parameters'];
  readonly placed: PlacedTemplate;
  readonly artifacts: readonly PackagedArtifact[];
  readonly safety: StackSafety;
}

/** How much of the stack and the bucket the run may change before its change set. */
export interface PreparationMode {
  /** A plan or a reviewed change set: a failed (ROLLBACK_COMPLETE) stack is refused, not deleted. */
  readonly readOnly: boolean;
  /** False for a plan: the artifacts' keys are computed, nothing is uploaded. */
  readonly uploadArtifacts: boolean;
}

/**
 * Steps 1 and 2: template, parameters and packaging first (every local problem surfaces before
 * any stack call), then the stack-safety inputs and the stack.
 */
export async function prepareDeployment(
  ctx: PipelineContext,
  config: DeploySettings,
  options: DeployOptions,
  mode: PreparationMode,
): Promise<ChangeSetRun> {
  const waits = deployWaits(config, options.timing, ctx.clock.now());
  const prepared = await prepareTemplate(ctx, {
    stackName: config.stackName,
    template: config.template,
    cwd: config.cwd,
    artifactBucket: config.artifactBucket,
    parameterOverrides: config.parameterOverrides,
    pipelineOverrides: options.parameterOverrides,
    loadEsbuild: options.loadEsbuild ?? loadProjectEsbuild,
    uploadArtifacts: mode.uploadArtifacts,
  });
  const { template, artifacts } = prepared.packaged;
  const placed = await placeTemplate(ctx, template, prepared.keyPrefix, config.artifactBucket);
  const safety = await resolveStackSafety(ctx, config);
  const plan = await prepareStack(ctx, {
    stackName: config.stackName,
    timing: waits.stackPoll,
    roleArn: config.roleArn,
    deadline: waits.deadline,
    timeoutMinutes: waits.timeoutMinutes,
    readOnly: mode.readOnly,
  });
  const parameters = resolveStackParameters(template, prepared.overrides, plan.existing);
  return { config, waits, prepared, plan, parameters, placed, artifacts, safety };
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

/** This run's change set request, for a name: the template, parameters, tags and safety members. */
export function changeSetRequest(run: ChangeSetRun, changeSetName: string): ChangeSetRequest {
  const { config, plan, safety } = run;
  return {
    stackName: config.stackName,
    changeSetName,
    changeSetType: plan.changeSetType,
    template: run.placed.templateArg,
    parameters: run.parameters,
    tags: config.tags,
    roleArn: config.roleArn,
    capabilities: safety.capabilities,
    ...(safety.notificationArns ? { notificationArns: safety.notificationArns } : {}),
    ...(safety.rollback ? { rollback: safety.rollback } : {}),
  };
}
