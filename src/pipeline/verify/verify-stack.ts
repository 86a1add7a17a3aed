// Verify mode: deploy, wait until the published LMI version is Active, smoke-check it and the
// standard twin, load both with the same burst (plus the optional sweep), and gate the LMI
// version on the figures. The production route is never touched. Every stage records itself
// in the report, and a stage that fails stops the ones after it, which the timeline shows as
// skipped.
import type { StageTiming } from '../../report/model.js';
import type { GateResult, SweepPoint } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import type { Config } from '../../config/config.js';
import {
  deployStack,
  type DeployOptions,
  type DeployResult,
  type DeploySettings,
} from '../deploy/deploy-stack.js';
import { CutoverError, isCutoverError } from '../../core/errors.js';
import { assertGatesPassed, evaluateGates } from './gates.js';
import { assertIsolation, loadSizing, runLoadCheck, type LoadCheckResult, type LoadSizing } from './load.js';
import type { CheckTraffic } from './check-traffic.js';
import {
  waitForVersionActive,
  type ProvisionOptions,
  type ProvisionResult,
} from '../provision/wait-for-version.js';
import { provisioningFailedInDeploy, versionFailureInDeploy } from '../provision/stack-failure.js';
import type { ReportBuilder } from '../../report/builder.js';
import { assertSmokePassed, runSmokeChecks, type SmokeResult } from './smoke.js';
import { runSweep } from './sweep.js';
import { measuredCost, type CostSettings } from './cost.js';
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
}

/** Deploy, then verify what was deployed. */
export async function verifyStack(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings & DeploySettings,
  options: VerifyOptions = {},
): Promise<{ deploy: DeployResult; verify: VerifyResult }> {
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
  const verify = await verifyDeployed(ctx, report, settings, deploy.outputs, options);
  return { deploy, verify };
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
    const provision = await provisionPhase(ctx, report, config, stack, options);
    // Signed with the secret the function itself reads.
    const secret = await readSigningSecret(ctx, secretParameterName(provision, stack));
    const traffic: CheckTraffic = { stack, region, secret, runId, now: options.now };
    const smoke = await smokePhase(ctx, report, traffic, options);
    const sizing = loadSizing(config, provision.function.maxConcurrency);
    const { load, gates } = await loadPhase(ctx, report, config, traffic, sizing, provision);
    const sweep = await sweepPhase(ctx, report, config, traffic, sizing);
    return { stack, provision, smoke, load, gates, sweep };
  } catch (e) {
    report.skippedUnlessRecorded(verifyStages(config), e);
    throw e;
  }
}

/** Phase 1: wait until the LMI version the outputs name is Active. */
async function provisionPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: VerifySettings,
  stack: WorkloadStack,
  options: VerifyOptions,
): Promise<ProvisionResult> {
  const { lmi } = stack;
  const provision = await report.stage(
    'provision',
    () =>
      ctx.progress.group(`Wait for LMI version ${lmi.version} of ${lmi.functionName} to be Active`, () =>
        waitForVersionActive(
          ctx,
          {
            functionName: lmi.functionName,
            version: lmi.version,
            capacityProviderArn: lmi.capacityProviderArn,
          },
          {
            ...options.provision,
            timeoutMinutes: config.provisioningTimeoutMinutes,
            observe: (o) => report.provisioningObserved(o),
          },
        ),
      ),
    (p) => ({ detail: p.confirmedOnly ? 'confirmed Active in one call' : `Active after ${p.seconds} s` }),
  );
  report.provisioned(provision);
  return provision;
}

/** Phase 2: the smoke checks of both sides; a failed one stops the run here. */
async function smokePhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  traffic: CheckTraffic,
  options: VerifyOptions,
): Promise<SmokeResult> {
  return report.stage(
    'smoke',
    () =>
      ctx.progress.group('Smoke checks: LMI version and standard twin', async () => {
        const result = await runSmokeChecks(ctx, traffic);
        report.smoke(result.checks);
        options.onSmokeChecked?.(result);
        assertSmokePassed(result);
        return result;
      }),
    (s) => ({ detail: `${s.checks.length} checks` }),
  );
}

/**
 * Phase 3: the concurrency check, LMI and twin side by side, then the cost, isolation and the
 * gates. The figures, the gates and the cost reach the report before a failed gate stops the run.
 */
async function loadPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: VerifySettings,
  traffic: CheckTraffic,
  sizing: LoadSizing,
  provision: ProvisionResult,
): Promise<{ load: LoadCheckResult; gates: GateResult[] }> {
  const checked = await report.stage(
    'load',
    () =>
      ctx.progress.group(
        `Concurrency check: ${sizing.requests} requests, ${sizing.concurrency} in flight`,
        async () => {
          const load = await runLoadCheck(ctx, { ...sizing, ...traffic });
          const { lmi, standard } = load;
          report.load(lmi.result, standard?.result);
          const gates = evaluateGates(lmi.result, standard?.result, config);
          report.gates(gates);
          const cost = await measuredCost(ctx, config, traffic.stack, provision.function, load);
          if (cost) report.cost(cost);
          assertIsolation(lmi);
          assertGatesPassed(gates, {
            lmi: lmi.result,
            twin: standard?.result,
            autoP95: config.maxP95Ms === 'auto',
          });
          return { load, gates };
        },
      ),
    ({ load: l }) => ({
      detail: `p95 ${l.lmi.result.latency.p95} ms, ${l.lmi.result.environments} environments`,
    }),
  );
  return checked;
}

/** Phase 4: the sweep, when `concurrency-sweep` names levels. */
async function sweepPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: VerifySettings,
  traffic: CheckTraffic,
  sizing: LoadSizing,
): Promise<SweepPoint[] | undefined> {
  if (config.concurrencySweep.length === 0) return undefined;
  const sweep = await report.stage('sweep', () =>
    ctx.progress.group(`Concurrency sweep: ${config.concurrencySweep.join(', ')} per environment`, () =>
      runSweep(ctx, {
        ...traffic,
        levels: config.concurrencySweep,
        requestsPerConcurrency: sizing.requests / sizing.concurrency,
      }),
    ),
  );
  report.sweep(sweep);
  return sweep;
}
/** The SSM parameter the LMI function reads its signing secret from. */
function secretParameterName(provision: ProvisionResult, stack: WorkloadStack): string {
  const name = provision.function.environment[SECRET_PARAMETER_VARIABLE];
  if (name) return name;
  throw new CutoverError(
    'SIGNING_SECRET_UNAVAILABLE',
    `${stack.lmi.functionName} has no ${SECRET_PARAMETER_VARIABLE} environment variable, so the signing secret cannot be found; ` +
      'set it to the SSM parameter name as workload/template.yaml does.',
  );
}

const verifyStages = (settings: Pick<Config, 'concurrencySweep'>): StageTiming['stage'][] => [
  'provision',
  'smoke',
  'load',
  ...(settings.concurrencySweep.length > 0 ? (['sweep'] as const) : []),
];
