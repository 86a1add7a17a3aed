// The deploy stage: package the template's functions, bring the stack to a deployable state,
// create and inspect a change set, execute it and follow it to the end. Outcomes are typed;
// failures are CutoverErrors. Every wait is bounded by deploy-timeout-minutes.
import type { Config } from '../../config/config.js';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeStack, type ResourceChangeSummary } from '../../aws/cloudformation.js';
import { s3EndpointOverride } from '../../aws/clients.js';
import { s3ObjectUrl } from '../../aws/s3.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { formatBytes, formatDuration } from '../../core/format.js';
import {
  createChangeSet,
  deleteChangeSetQuietly,
  deleteStaleChangeSets,
  describeChanges,
  newChangeSetName,
  waitForChangeSet,
} from './change-set.js';
import { executeAndFollow } from './follow-events.js';
import type { PollTiming } from '../../core/poll.js';
import { prepareStack } from './prepare-stack.js';
import { loadProjectEsbuild, type EsbuildLoader } from './package/esbuild.js';
import { packageFunctions, upload, type PackagedArtifact } from './package/package-template.js';
import { sha256Hex } from './package/zip.js';
import { dumpTemplate, parseTemplate, type CfnTemplate } from './template/cfn-yaml.js';
import { checkDeclaredParameters, resolveStackParameters } from './template/parameters.js';

/** CloudFormation's limit for TemplateBody; larger templates must come from S3. */
export const TEMPLATE_BODY_LIMIT = 51_200;

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
   * Values set by the pipeline itself (the cutover passes LiveTarget from the stage's current
   * route). They win over the parameter-overrides input, which would otherwise move traffic.
   */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly loadEsbuild?: EsbuildLoader;
  readonly timing?: Partial<DeployTiming>;
}

export type TemplateLocation =
  | { readonly kind: 'body'; readonly bytes: number }
  | { readonly kind: 'url'; readonly bytes: number; readonly url: string };

interface DeployOutcomeBase {
  readonly stackName: string;
  readonly stackId: string;
  readonly stackStatus: string;
  readonly changeSetName: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly artifacts: readonly PackagedArtifact[];
  readonly template: TemplateLocation;
  readonly durationMs: number;
}

export interface DidDeployStack extends DeployOutcomeBase {
  readonly type: 'did-deploy-stack';
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly changes: readonly ResourceChangeSummary[];
  readonly changeCount: number;
  /** The stack was ROLLBACK_COMPLETE and was deleted before this creation. */
  readonly recreated: boolean;
}

export interface NoOpDeploy extends DeployOutcomeBase {
  readonly type: 'no-op';
  readonly changes: readonly [];
  readonly changeCount: 0;
}

export type DeployResult = DidDeployStack | NoOpDeploy;

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

export async function deployStack(
  ctx: PipelineContext,
  config: DeploySettings,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const { progress, clock } = ctx;
  const { stackName } = config;
  const timing = { ...DEFAULT_DEPLOY_TIMING, ...options.timing };
  const started = clock.now();
  const deadline = started + config.deployTimeoutMinutes * 60_000;
  const stackPoll: PollTiming = {
    intervalMs: timing.stackPollMs,
    maxIntervalMs: timing.maxPollMs,
    heartbeatMs: timing.heartbeatMs,
  };
  const changeSetPoll: PollTiming = { ...stackPoll, intervalMs: timing.changeSetPollMs };
  const bounds = { deadline, timeoutMinutes: config.deployTimeoutMinutes };

  // 1. Template, parameters and packaging: all local problems surface before any stack call.
  const templatePath = resolve(config.cwd, config.template);
  const source = await loadTemplate(templatePath, config.template);
  const overrides = mergeOverrides(ctx, config.parameterOverrides, options.parameterOverrides);
  checkDeclaredParameters(source, overrides);
  maskNoEchoValues(ctx, source, overrides);
  const keyPrefix = `lmi-cutover/${stackName}`;
  const packaged = await packageFunctions(ctx, source, {
    templateDir: dirname(templatePath),
    bucket: config.artifactBucket,
    keyPrefix,
    loadEsbuild: options.loadEsbuild ?? loadProjectEsbuild,
  });
  const { location, templateArg } = await placeTemplate(
    ctx,
    packaged.template,
    keyPrefix,
    config.artifactBucket,
  );

  // 2. The stack.
  const plan = await prepareStack(ctx, { stackName, timing: stackPoll, roleArn: config.roleArn, ...bounds });
  const parameters = resolveStackParameters(packaged.template, overrides, plan.existing);

  // 3. The change set.
  if (plan.stackExists) await deleteStaleChangeSets(ctx, stackName);
  const changeSetName = newChangeSetName(clock.now());
  let executing = false;
  try {
    await createChangeSet(ctx, {
      stackName,
      changeSetName,
      changeSetType: plan.changeSetType,
      template: templateArg,
      parameters,
      tags: config.tags,
      roleArn: config.roleArn,
    });
    progress.info(
      `Created ${plan.changeSetType} change set ${changeSetName}; waiting for CloudFormation to compute it.`,
    );
    const outcome = await waitForChangeSet(ctx, stackName, changeSetName, {
      timing: changeSetPoll,
      ...bounds,
    });

    const base = { stackName, changeSetName, artifacts: packaged.artifacts, template: location };
    if (outcome.type === 'empty') {
      progress.info(`No changes: ${outcome.reason}`);
      const stack = await describeStack(ctx.aws.cloudFormation, outcome.stackId);
      return {
        ...base,
        type: 'no-op',
        stackId: stack?.StackId ?? outcome.stackId,
        stackStatus: stack?.StackStatus ?? 'UNKNOWN',
        outputs: stackOutputs(stack?.Outputs),
        changes: [],
        changeCount: 0,
        durationMs: clock.now() - started,
      };
    }

    progress.info(
      `Change set ${changeSetName}: ${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'}`,
    );
    for (const line of describeChanges(outcome.changes)) progress.info(`  ${line}`);

    // 4. Execute and follow. From here CloudFormation owns the change set.
    executing = true;
    const execution = await executeAndFollow(ctx, {
      stackName,
      stackId: outcome.stackId,
      changeSetName,
      changeSetType: plan.changeSetType,
      timing: stackPoll,
      ...bounds,
      provisioningTimeoutMinutes: config.provisioningTimeoutMinutes,
    });

    // 5. Outputs.
    const stack = await describeStack(ctx.aws.cloudFormation, outcome.stackId);
    const durationMs = clock.now() - started;
    progress.info(`Deployed ${stackName} in ${formatDuration(durationMs)}.`);
    return {
      ...base,
      type: 'did-deploy-stack',
      stackId: stack?.StackId ?? outcome.stackId,
      stackStatus: execution.stackStatus,
      outputs: stackOutputs(stack?.Outputs),
      changeSetType: plan.changeSetType,
      changes: outcome.changes,
      changeCount: outcome.changes.length,
      recreated: plan.recreated,
      durationMs,
    };
  } finally {
    // Never leave our change set behind unless CloudFormation is executing it.
    if (!executing) await deleteChangeSetQuietly(ctx, stackName, changeSetName);
  }
}

async function loadTemplate(path: string, shown: string): Promise<CfnTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CutoverError(
      'TEMPLATE_NOT_FOUND',
      `The template ${shown} was not found (looked for ${path}). Set the template input to your SAM template's path.`,
    );
  }
  return parseTemplate(text, shown);
}

function mergeOverrides(
  ctx: PipelineContext,
  fromInput: Readonly<Record<string, string>>,
  fromPipeline: Readonly<Record<string, string>> = {},
): Record<string, string> {
  for (const [key, value] of Object.entries(fromPipeline)) {
    // Names only: a value may be a NoEcho secret.
    if (key in fromInput && fromInput[key] !== value) {
      ctx.progress.warn(`parameter-overrides sets ${key}, but the pipeline's own value for it wins.`);
    }
  }
  return { ...fromInput, ...fromPipeline };
}

/** NoEcho parameter values are secrets: keep them out of every log line. */
function maskNoEchoValues(ctx: PipelineContext, template: CfnTemplate, values: Record<string, string>): void {
  for (const [key, declaration] of Object.entries(template.Parameters ?? {})) {
    const noEcho = declaration?.NoEcho === true || declaration?.NoEcho === 'true';
    if (noEcho && values[key]) ctx.progress.mask(values[key]);
  }
}

/** Inline when it fits (readable JSON first), else uploaded to the artifact bucket. */
async function placeTemplate(
  ctx: PipelineContext,
  template: CfnTemplate,
  keyPrefix: string,
  bucket: string | undefined,
): Promise<{ location: TemplateLocation; templateArg: { body: string } | { url: string } }> {
  const pretty = dumpTemplate(template, 'json');
  const compact = dumpTemplate(template, 'json', { compact: true });
  for (const body of [pretty, compact]) {
    const bytes = Buffer.byteLength(body);
    if (bytes <= TEMPLATE_BODY_LIMIT) return { location: { kind: 'body', bytes }, templateArg: { body } };
  }
  const body = Buffer.from(pretty);
  if (!bucket) {
    throw new CutoverError(
      'TEMPLATE_TOO_LARGE',
      `The packaged template is ${body.byteLength} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for inline templates: ` +
        'set artifact-bucket so it can be uploaded to S3.',
    );
  }
  const key = `${keyPrefix}/${sha256Hex(body)}.template.json`;
  const outcome = await upload(ctx, bucket, key, body, 'application/json');
  const url = s3ObjectUrl(bucket, key, await ctx.aws.region(), s3EndpointOverride(ctx.aws.options));
  ctx.progress.info(
    `Template is ${formatBytes(body.byteLength)} (over ${TEMPLATE_BODY_LIMIT} bytes): ${outcome === 'exists' ? 'already in' : 'uploaded to'} ${url}`,
  );
  return { location: { kind: 'url', bytes: body.byteLength, url }, templateArg: { url } };
}

function stackOutputs(
  outputs: Array<{ OutputKey?: string; OutputValue?: string }> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    (outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
  );
}
