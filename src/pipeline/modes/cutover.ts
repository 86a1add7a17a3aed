// Mode `cutover` (and the end of mode `full`): verify the deployed candidate LMI version again —
// it may have been deployed hours ago — then shift production to it from whatever version
// serves now (the twin before the first cutover, an LMI version after) through the gated canary
// steps, with real probes through the stage URL. After a promotion, superseded LMI versions are
// retired (keep-versions). Every route change is saved for the post step and every figure lands
// in the report, on success and on failure alike.
import { MODE_MESSAGES } from './messages.js';
import { warnIfNoErrorBaseline } from './step-warnings.js';
import { describeRoute, productionOf, type VersionRef } from '../../core/domain.js';
import { assertAlarmsExist, cloudWatchAlarmCheck } from '../traffic/alarms.js';
import type { PipelineContext } from '../context.js';
import { CutoverFailedError, shiftToCandidate, type CutoverOutcome } from '../traffic/cutover.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import { CutoverError } from '../../core/errors.js';
import type { ReportBuilder } from '../../report/builder.js';
import {
  readRoute,
  routeRefFromOutputs,
  wayBack,
  type RouteReading,
  type RouteRef,
} from '../traffic/route.js';
import { routeStateRecorder, type RouteStateSink } from '../traffic/route-record.js';
import type { SignalSource } from '../traffic/signals.js';
import { createStageProber, probeConnections } from '../traffic/stage-prober.js';
import { checksShiftInputs } from './checks-shift.js';
import { verifyDeployedWithChecks, type ChecksVerifyResult } from '../verify/checks/verify-checks.js';
import {
  requireStageUrl,
  verifiedCandidate,
  type Probing,
  type ShiftSettings,
  type VerifiedCandidate,
} from './shift-inputs.js';
import type { Config } from '../../config/config.js';
import {
  verifyDeployed,
  type VerifyOptions,
  type VerifyResult,
  type VerifySettings,
} from '../verify/verify-stack.js';
import { retireVersions, type VersionCleanupResult } from '../traffic/versions.js';
import { readSigningSecret, SECRET_PARAMETER_VARIABLE } from '../webhook/secret.js';
import { newRunId } from '../webhook/request.js';
import type { SigningSecrets } from '../webhook/signature.js';

export interface CutoverRun {
  readonly outcome: CutoverOutcome;
  /** After a promotion: the superseded LMI versions retired, deleted and kept. */
  readonly cleanup?: VersionCleanupResult;
}

export interface ShiftOptions {
  /** Saves the route state after each change (the Action: core.saveState for the post step). */
  readonly onRouteState?: RouteStateSink;
  /** SIGINT/SIGTERM trap during the shift; `process` by default (see shiftToCandidate). */
  readonly signals?: SignalSource | false;
}

export interface CutoverModeOptions extends ShiftOptions {
  readonly verify?: Omit<VerifyOptions, 'deploy'>;
}

/** Mode cutover: the deployed stack's LMI version, verified again, then shifted to. */
export async function cutoverMode(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: ShiftSettings & VerifySettings & Pick<Config, 'template'>,
  options: CutoverModeOptions & { readonly cwd?: string } = {},
): Promise<{ verify: VerifyResult | ChecksVerifyResult; cutover: CutoverRun }> {
  const runId = options.verify?.runId ?? newRunId();
  try {
    const stack = await requireDeployedStack(ctx, config.stackName, 'cut over');
    const ref = routeRefFromOutputs(stack.outputs, config.stackName);
    // Fail fast on a stage in an unknown state, before minutes of verification.
    const { route } = await readRoute(ctx, ref);
    report.route({ before: route, after: route });
    ctx.progress.emit(
      MODE_MESSAGES.routeBeforeCutover,
      `Route of stage ${ref.stage} before the cutover: ${describeRoute(route)}.`,
    );
    const verifyOptions = { ...options.verify, runId };
    let verify: VerifyResult | ChecksVerifyResult;
    let inputs: { verified: VerifiedCandidate; probing: Probing };
    if (config.checksFile !== undefined) {
      const settings = {
        ...config,
        checksFile: config.checksFile,
        cwd: options.cwd ?? process.cwd(),
        requireLoad: true,
      };
      const checked = await verifyDeployedWithChecks(ctx, report, settings, stack.outputs, verifyOptions);
      verify = checked;
      inputs = checksShiftInputs(ctx, config, checked, settings.checksFile);
    } else {
      const webhook = await verifyDeployed(ctx, report, config, stack.outputs, verifyOptions);
      verify = webhook;
      inputs = await webhookShiftInputs(ctx, config, webhook, runId);
    }
    const { verified, probing } = inputs;
    const cutover = await shiftVerified(ctx, report, config, verified, probing, ref, { ...options, runId });
    return { verify, cutover };
  } catch (e) {
    skipIfUnrun(report, 'cutover', e);
    throw e;
  }
}

/** A stage an earlier failure kept from running shows as skipped, with the reason. */
export function skipIfUnrun(report: ReportBuilder, stage: 'cutover' | 'rollback', e: unknown): void {
  report.skippedUnlessRecorded([stage], e);
}

/** The gated shift of a verified candidate, its report sections, and the version cleanup. */
export async function shiftVerified(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: ShiftSettings,
  verified: VerifiedCandidate,
  probing: Probing,
  ref: RouteRef,
  options: ShiftOptions & { runId: string },
): Promise<CutoverRun> {
  const { stack } = verified;
  const prober = probing.prober;
  let outcome: CutoverOutcome;
  try {
    const maxP95Ms = cutoverP95Limit(config.maxP95Ms, verified);
    warnIfNoErrorBaseline(ctx, config);
    const alarmCheck = config.alarmNames.length > 0 ? cloudWatchAlarmCheck(ctx.aws.cloudWatch) : undefined;
    // A misspelt alarm must stop the run before traffic moves, not at the end of the first bake.
    if (alarmCheck) await assertAlarmsExist(ctx.aws.cloudWatch, config.alarmNames);

    const before = await readRoute(ctx, ref);
    const candidate: VersionRef = {
      side: 'lmi',
      functionName: ref.lmiFunctionName,
      version: stack.lmi.version,
    };
    const recorder = await routeStateRecorder(
      ctx,
      {
        stackName: config.stackName,
        ref,
        route: before.route,
        production: productionOf(before.route)!,
        stageUrl: probing.stageUrl,
        ...(probing.secretParameter ? { secretParameter: probing.secretParameter } : {}),
        ...(probing.checksFile ? { checksFile: probing.checksFile } : {}),
      },
      options.onRouteState,
    );
    try {
      outcome = await report.stage(
        'cutover',
        () =>
          ctx.progress.group(
            `Cutover: ${config.cutoverSteps.join(' → ')} % of traffic to LMI version ${stack.lmi.version}` +
              (probing.judge ? ', judged by CloudWatch metrics' : ''),
            () =>
              shiftToCandidate(
                ctx,
                {
                  stage: ref,
                  candidate,
                  fallback: verifiedTwin(verified, ref),
                  probe: prober.probe,
                  ...(probing.judge ? { judge: probing.judge } : {}),
                  alarmCheck,
                  onRouteIntent: recorder.onRouteIntent,
                  onRouteChange: recorder.onRouteChange,
                  onStepBaked: (step) => report.cutoverStep(step),
                  signals: options.signals,
                },
                { ...shiftLimits(config), maxP95Ms },
              ),
          ),
        describeShift,
      );
    } catch (e) {
      if (e instanceof CutoverFailedError) {
        report.cutover(e.section);
        report.route({ before: e.before, after: e.finalRoute });
      } else {
        report.route({ after: recorder.state.currentRoute });
      }
      throw e;
    }
  } finally {
    await prober.close();
  }
  report.cutover(outcome.section);
  report.route({ before: outcome.before, after: outcome.route });
  if (outcome.type !== 'promoted') return { outcome };
  return { outcome, cleanup: await cleanUpVersions(ctx, report, config, ref) };
}

/** The twin's candidate, once its smoke checks passed in this run: the next emergency fallback. */
function verifiedTwin(verified: VerifiedCandidate, ref: RouteRef): VersionRef | undefined {
  const version = verified.stack.standard.version;
  const twinChecks = verified.smoke.checks.filter((c) => c.target === 'standard');
  if (!version || twinChecks.length === 0 || !twinChecks.every((c) => c.passed)) return undefined;
  return { side: 'standard', functionName: ref.standardFunctionName, version };
}

/** The bundled webhook's candidate: its figures and its prober (signed webhooks, answers naming their version). */
export async function webhookShiftInputs(
  ctx: PipelineContext,
  config: ShiftSettings,
  verify: VerifyResult,
  runId: string,
): Promise<{ verified: VerifiedCandidate; probing: Probing }> {
  const { stageUrl, secretParameter, secrets } = await probingOf(ctx, config, verify);
  return {
    verified: verifiedCandidate(verify.stack, verify.smoke, verify.baseline),
    probing: {
      prober: createStageProber({
        stageUrl,
        secrets,
        runId,
        connections: probeConnections(config.probeRate),
      }),
      stageUrl,
      secretParameter,
    },
  };
}

/** What the probes need: the stage URL and the signing secrets the functions read. */
async function probingOf(
  ctx: PipelineContext,
  config: ShiftSettings,
  verify: VerifyResult,
): Promise<{ stageUrl: string; secretParameter: string; secrets: SigningSecrets }> {
  const { stack } = verify;
  const stageUrl = requireStageUrl(stack, config.stackName);
  const secretParameter = verify.provision.function.environment[SECRET_PARAMETER_VARIABLE];
  if (!secretParameter) {
    throw new CutoverError(
      'SIGNING_SECRET_UNAVAILABLE',
      `${stack.lmi.functionName} has no ${SECRET_PARAMETER_VARIABLE} environment variable, so probes cannot be signed.`,
    );
  }
  return { stageUrl, secretParameter, secrets: await readSigningSecret(ctx, secretParameter) };
}

/** The shift's settings as the config resolved them (the p95 limit is resolved separately). */
const shiftLimits = (config: ShiftSettings) => ({
  steps: config.cutoverSteps,
  bakeSeconds: config.bakeSeconds,
  probeRate: config.probeRate,
  resume: config.resume,
  alarmNames: config.alarmNames,
  maxErrorRate: config.maxErrorRate,
});

const describeShift = (o: CutoverOutcome): { outcome: 'no-op' | 'passed'; detail: string } => ({
  outcome: o.type === 'no-op' ? 'no-op' : 'passed',
  detail:
    o.type === 'no-op'
      ? `already ${describeRoute(o.route)}`
      : `${o.section.steps.map((s) => `${s.percent} % (${s.observedCandidatePercent} % seen)`).join(' → ')}, promoted`,
});

/**
 * After a promotion, or a verify: LMI versions the stage does not name (production, rollback
 * target, a canary) and no alias points at (the verified candidate) release their environments
 * (0/0), and those beyond keep-versions are deleted.
 */
export async function cleanUpVersions(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: ShiftSettings,
  ref: RouteRef,
  /** The stage as the caller just read it; read here when absent (after a promotion it changed). */
  reading?: RouteReading,
): Promise<VersionCleanupResult> {
  const cleanup = await report.stage(
    'cleanup',
    async () => {
      const { route, state } = reading ?? (await readRoute(ctx, ref));
      const back = wayBack(state, ref);
      const inUse = [
        productionOf(route),
        route.kind === 'canary' ? route.candidate : undefined,
        back.rollback,
      ]
        .filter((v): v is VersionRef => v?.side === 'lmi')
        .map((v) => v.version);
      return retireVersions(ctx, { functionName: ref.lmiFunctionName, keep: config.keepVersions, inUse });
    },
    (c) => ({
      outcome: c.deleted.length > 0 ? 'passed' : 'no-op',
      detail: `deleted ${c.deleted.length}, kept ${c.kept.length}${c.failed.length > 0 ? `, ${c.failed.length} failed` : ''}`,
    }),
  );
  report.deletedVersions(cleanup.deleted);
  return cleanup;
}

/**
 * The p95 limit of a canary step: a number as given, or with `auto` the limit the same run's
 * concurrency check derived from production's warm latency.
 */
function cutoverP95Limit(limit: number | 'auto', verified: VerifiedCandidate): number {
  if (limit !== 'auto') return limit;
  const baseline = verified.baseline;
  if (!baseline || baseline.warm.count === 0) {
    throw new CutoverError(
      'GATE_FAILED',
      "max-p95-ms: auto needs production's warm latency from this run's concurrency check, and there is none " +
        '(production answered no warm request, or the concurrency check did not run); set max-p95-ms to a number of milliseconds.',
    );
  }
  return baseline.limitMs;
}
