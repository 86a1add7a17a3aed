// Verify mode: deploy, wait until the published LMI version is Active, smoke-check it and the
// standard twin, load both with the same burst (plus the optional sweep), and gate the LMI
// version on the figures. The production route is never touched. Every stage records itself
// in the report, and a stage that fails stops the ones after it, which the timeline shows as
// skipped.
import type { StageTiming } from '../../report/model.js';
import type { GateResult, LatencyBaseline, SweepPoint } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import type { Config } from '../../config/config.js';
import {
  deployStack,
  type DeployOptions,
  type DeployResult,
  type DeploySettings,
} from '../deploy/deploy-stack.js';
import { CutoverError, isCutoverError } from '../../core/errors.js';
import { loadSizing, type LoadCheckResult } from './load.js';
import type { CheckTraffic } from './check-traffic.js';
import type { ProvisionOptions, ProvisionResult } from '../provision/wait-for-version.js';
import { provisioningFailedInDeploy, versionFailureInDeploy } from '../provision/stack-failure.js';
import type { ReportBuilder } from '../../report/builder.js';
import type { SmokeResult } from './smoke.js';
import type { CostSettings } from './cost.js';
import { loadPhase, provisionPhase, smokePhase, sweepPhase } from './phases.js';
import { webhookLevel } from './sweep.js';
import { productionTarget } from './baseline.js';
import { newRunId } from '../webhook/request.js';
import { readSigningSecret, SECRET_PARAMETER_VARIABLE } from '../webhook/secret.js';
import { workloadStackFromOutputs, type WorkloadStack } from '../webhook/workload-stack.js';

/** The inputs verification reads: where the stack is, the load to send, the gates, the cost volume. */
export interface VerifySettings
  extends
    CostSettings,
    Pick<
      Config,
      | 'stackName'
      | 'provisioningTimeoutMinutes'
      | 'concurrency'
      | 'loadRequests'
      | 'concurrencySweep'
      | 'maxErrorRate'
      | 'maxP95Ms'
      | 'maxThrottleRate'
      | 'checksFile'
    > {}

export interface VerifyOptions {
  readonly deploy?: DeployOptions;
  readonly provision?: Omit<ProvisionOptions, 'observe' | 'timeoutMinutes'>;
  /** Marks this run's check traffic; random by default. */
  readonly runId?: string;
  /** Monotonic milliseconds for latencies; performance.now() by default (tests pass a fake). */
  readonly now?: () => number;
  /** Told each stage's result as it arrives, so a caller can decide on what ran before a failure. */
  readonly onDeployed?: (deploy: DeployResult) => void;
  readonly onSmokeChecked?: (smoke: SmokeResult) => void;
}

export interface VerifyResult {
  readonly stack: WorkloadStack;
  readonly provision: ProvisionResult;
  readonly smoke: SmokeResult;
  readonly load: LoadCheckResult;
  readonly gates: readonly GateResult[];
  readonly sweep?: readonly SweepPoint[];
  /** What max-p95-ms auto was derived from; absent for a number. */
  readonly baseline?: LatencyBaseline;
}

/** Deploy, then verify what was deployed. */
export async function verifyStack(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings & DeploySettings,
  options: VerifyOptions = {},
): Promise<{ deploy: DeployResult; verify: VerifyResult }> {
  const deploy = await deployForVerify(ctx, report, settings, options);
  const verify = await verifyDeployed(ctx, report, settings, deploy.outputs, options);
  return { deploy, verify };
}

/** The deploy stage of a verifying run, recorded in the report; a failure skips the verify stages. */
export async function deployForVerify(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings & DeploySettings,
  options: Pick<VerifyOptions, 'deploy' | 'onDeployed'> = {},
): Promise<DeployResult> {
  let deploy: DeployResult;
  try {
    deploy = await report.stage(
      'deploy',
      () =>
        ctx.progress.group(`Deploy stack ${settings.stackName}`, () =>
          deployStack(ctx, settings, options.deploy),
        ),
      (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }),
    );
  } catch (e) {
    deployFailed(report, settings, e);
  }
  report.deploy(deploy);
  options.onDeployed?.(deploy);
  return deploy;
}

/**
 * Records a failed deploy and throws on. When CloudFormation was waiting for the LMI version,
 * what failed is its provisioning, and the report says so.
 */
function deployFailed(report: ReportBuilder, settings: VerifySettings, e: unknown): never {
  if (isCutoverError(e) && e.code === 'PROVISIONING_TIMEOUT') {
    // The deploy stage ended CloudFormation's wait for the LMI version: provisioning timed out.
    report.failed('provision', e);
    report.skippedUnlessRecorded(verifyStages(settings), e);
    throw e;
  }
  const failed = versionFailureInDeploy(e);
  if (!failed) {
    report.skippedUnlessRecorded(verifyStages(settings), e);
    throw e;
  }
  const error = provisioningFailedInDeploy(failed);
  report.failed('provision', error);
  report.skippedUnlessRecorded(verifyStages(settings), error);
  throw error;
}

/**
 * Verifies the LMI version a deployed stack's outputs name: provisioning, smoke, load and
 * gates, and the sweep when `concurrency-sweep` asks for it. The cutover reuses this to check
 * its candidate again before shifting traffic.
 */
export async function verifyDeployed(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: VerifySettings,
  outputs: Readonly<Record<string, string>>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const runId = options.runId ?? newRunId();
  try {
    const stack = workloadStackFromOutputs(config.stackName, outputs);
    const region = await ctx.aws.region();
    const provision = await provisionPhase(ctx, report, config, stack, options.provision);
    // Signed with the secrets the function itself reads.
    const secrets = await readSigningSecret(ctx, secretParameterName(provision, stack));
    const traffic: CheckTraffic = { stack, region, secrets, runId, now: options.now };
    const smoke = await smokePhase(ctx, report, traffic, options.onSmokeChecked);
    const sizing = loadSizing(config, provision.function.maxConcurrency);
    const production = () => productionTarget(ctx, config.stackName, outputs);
    const { load, gates, baseline } = await loadPhase(
      ctx,
      report,
      config,
      traffic,
      sizing,
      provision.function,
      production,
    );
    const sweep = await sweepPhase(ctx, report, config, sizing, webhookLevel(ctx, traffic));
    return { stack, provision, smoke, load, gates, sweep, ...(baseline ? { baseline } : {}) };
  } catch (e) {
    report.skippedUnlessRecorded(verifyStages(config), e);
    throw e;
  }
}

/** The SSM parameter the LMI function reads its signing secret from. */
export function secretParameterName(provision: ProvisionResult, stack: WorkloadStack): string {
  const name = provision.function.environment[SECRET_PARAMETER_VARIABLE];
  if (name) return name;
  throw new CutoverError(
    'SIGNING_SECRET_UNAVAILABLE',
    `${stack.lmi.functionName} has no ${SECRET_PARAMETER_VARIABLE} environment variable, so the signing secret cannot be found; ` +
      'set it to the SSM parameter name as workload/template.yaml does.',
  );
}

export const verifyStages = (settings: Pick<Config, 'concurrencySweep'>): StageTiming['stage'][] => [
  'provision',
  'smoke',
  'load',
  ...(settings.concurrencySweep.length > 0 ? (['sweep'] as const) : []),
];
