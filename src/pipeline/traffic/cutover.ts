// The shift: production moves from the version it runs now (the standard twin before the first
// cutover, an LMI version after it) to the verified candidate LMI version one canary step at a
// time (10 → 50 → 100 % by default), each step baked while probes prove the candidate healthy
// and the split right, then promoted (the canary copied onto the stage, then removed, with the
// old production version recorded as the rollback target) and probed once more.
//
// The invariant, on every path: when shiftToCandidate returns, production is the candidate;
// when it throws, production is the version it was before (rolled back, or never touched) — or,
// only if the rollback itself failed, the error is ROLLBACK_FAILED with the stage's exact state
// and the command to fix it by hand. A failed step, a thrown error and a cancellation (signal,
// SIGINT, SIGTERM) all roll back.
import { errorMessage } from '../../core/aws-errors.js';
import { type CutoverSection } from '../../report/model.js';
import {
  describeRoute,
  productionOf,
  routeLabel,
  sameVersion,
  versionLabel,
  type CutoverStep,
  type Route,
  type RouteChange,
  type VersionRef,
} from '../../core/domain.js';
import type { AlarmCheck } from './alarms.js';
import type { PipelineContext } from '../context.js';
import {
  resolveCutoverOptions,
  type CutoverOptions,
  type ResolvedCutoverOptions,
} from '../../config/cutover.js';
import { bakeStep, plannedCandidateAnswers, stepMinimumSample, type StepVersions } from './cutover-step.js';
import { DETECTABLE_REGRESSION, type ErrorCount } from './error-test.js';
import { bakeStepByMetrics, describeAnyStep } from './metrics-step.js';
import type { VersionMetricsReader } from './version-metrics.js';
import { CutoverError, isCutoverError, type CutoverErrorCode } from '../../core/errors.js';
import { confirmRoute, type Prober } from './probe.js';
import { makeRoutable } from './routable.js';
import { RollbackFailedError, rollbackTo, type RollbackDeps } from './rollback.js';
import {
  promoteCanary,
  readRoute,
  setCanary,
  wayBack,
  where,
  type AppliedRoute,
  type RouteBefore,
  type RouteRef,
  type WayBackChange,
} from './route.js';
import { trapTerminationSignals, type SignalSource } from './signals.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** After a cancellation the runner kills the process ~10 s after SIGINT: confirm briefly. */
const CANCELLED_SETTLE_SECONDS = 5;

export interface CutoverDeps {
  readonly stage: RouteRef;
  /** The verified LMI version production moves to. */
  readonly candidate: VersionRef;
  /** The twin's version verified in the same run: the emergency fallback once promoted. */
  readonly fallback?: VersionRef;
  /** One request through the stage URL (a signed webhook, or the checks file's load request). */
  readonly probe: Prober;
  /**
   * How each step is judged: absent, by the answers (each names the version that served it);
   * `metrics`, by Lambda's CloudWatch metrics per version, the answers judged as a whole.
   */
  readonly judge?: MetricsJudge;
  /** Required when alarmNames is not empty (cloudWatchAlarmCheck). */
  readonly alarmCheck?: AlarmCheck;
  /** Before every UpdateStage: the route about to be set (the Action saves it for the post step). */
  readonly onRouteIntent?: (to: Route) => void | Promise<void>;
  /** After every route change (the Action saves its state for the post step here). */
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
  /** Each canary step as soon as it is baked and judged, before the next one or a rollback (the report so far). */
  readonly onStepBaked?: (step: CutoverStep) => void;
  readonly signal?: AbortSignal;
  /** SIGINT/SIGTERM roll back while the shift runs; `process` by default, false when the caller traps them. */
  readonly signals?: SignalSource | false;
}

export interface MetricsJudge {
  readonly kind: 'metrics';
  readonly metrics: VersionMetricsReader;
  readonly periodSeconds: number;
  readonly delaySeconds: number;
}

export type CutoverOutcome = {
  readonly type: 'no-op' | 'promoted';
  readonly before: Route;
  readonly route: Route;
  readonly section: CutoverSection;
};

/** The run fails: carries the report's cutover section and where the route ended. */
export class CutoverFailedError extends CutoverError {
  constructor(
    code: CutoverErrorCode,
    message: string,
    details: readonly string[],
    readonly section: CutoverSection,
    /** The production version before the shift after a rollback; the rollback section's best reading when it failed. */
    readonly finalRoute: Route,
    readonly before: Route | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}

/** Marks a step whose gates failed, so the catch below can tell it from an error. */
class StepFailed extends Error {
  constructor(
    readonly step: CutoverStep | undefined,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** One shift under way: its settings, what it has recorded so far and where the stage is. */
interface Shift {
  readonly ctx: PipelineContext;
  readonly deps: CutoverDeps;
  readonly o: ResolvedCutoverOptions;
  readonly section: CutoverSection;
  /** The route the run found. */
  readonly before: Route;
  /** The production version the run found: where a failure returns. */
  readonly production: VersionRef;
  /** The way back the stage remembered when the run started, restored on a rollback. */
  readonly wayBackBefore: WayBackChange;
  /** The run's, the caller's and the signal trap's cancellation as one. */
  readonly signal: AbortSignal | undefined;
  /** The stage as last read or changed. */
  current: RouteBefore;
  /** Production's answers in the steps baked so far: the error test's baseline for the next one. */
  earlierProduction: ErrorCount;
}

export async function shiftToCandidate(
  ctx: PipelineContext,
  deps: CutoverDeps,
  options: CutoverOptions,
): Promise<CutoverOutcome> {
  const o = resolveCutoverOptions(options, deps.alarmCheck !== undefined);
  const ref = deps.stage;
  const section: CutoverSection = {
    steps: [],
    routeChanges: [],
    promoted: false,
    rolledBack: false,
    deletedVersions: [],
  };
  // ROUTE_UNKNOWN and STAGE_NOT_FOUND escape from here untouched: nothing has been changed yet.
  const initial = await readRoute(ctx, ref);
  const before = initial.route;
  const candidate = deps.candidate;
  ctx.progress.emit(TRAFFIC_MESSAGES.routeRead, `Route of ${where(ref)}: ${describeRoute(before)}.`);
  const production = productionOf(before);
  if (!production)
    throw new CutoverError('INTERNAL_ERROR', 'The route read from the stage has no production version.');
  if (before.kind !== 'canary' && sameVersion(production, candidate)) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.alreadyLmi,
      `All traffic already goes to ${versionLabel(candidate)}: nothing to shift.`,
    );
    return { type: 'no-op', before, route: before, section };
  }
  if (
    before.kind === 'canary' &&
    !sameVersion(before.candidate, candidate) &&
    options.resume === 'continue'
  ) {
    throw new CutoverError(
      'ROUTE_MID_CANARY',
      `${where(ref)} has a canary of ${before.percent} % to ${before.candidate ? versionLabel(before.candidate) : 'another version'}, ` +
        `not to this run's candidate ${versionLabel(candidate)}; resume: continue cannot carry it on. ` +
        'Undo it with mode rollback (or run with resume: rollback), then cut over again.',
    );
  }
  // The candidate must be Active and invocable by the stage before any traffic reaches it.
  await makeRoutable(ctx, ref, candidate);

  // From here a route may change: SIGINT/SIGTERM must roll back, not kill the process.
  const trap =
    deps.signals === false ? undefined : trapTerminationSignals(ctx.progress, deps.signals ?? process);
  try {
    const signals = [ctx.signal, deps.signal, trap?.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
    const back = wayBack(initial.state, ref);
    return await shift({
      ctx,
      deps,
      o,
      section,
      before,
      production,
      wayBackBefore: { rollback: back.rollback ?? null, fallback: back.fallback ?? null },
      signal,
      current: initial,
      earlierProduction: { errors: 0, count: 0 },
    });
  } finally {
    trap?.dispose();
  }
}

/** The canary steps, then the promotion; any failure, error or cancellation on the way rolls back. */
async function shift(run: Shift): Promise<CutoverOutcome> {
  const steps = await stepsToRun(run);
  if (!run.deps.judge) warnSmallSamples(run, steps);
  try {
    for (const [i, percent] of steps.entries()) {
      await canaryStep(run, percent, `step ${i + 1}/${steps.length}`);
    }
    return await promote(run);
  } catch (e) {
    throw await rollBackAfter(run, e);
  }
}

/** The steps this run takes: all of them, or — after a leftover canary — per `resume`. */
async function stepsToRun(run: Shift): Promise<readonly number[]> {
  const { ctx, o, before } = run;
  if (before.kind !== 'canary') return o.steps;
  if (o.resume === 'continue') {
    const above = o.steps.filter((p) => p > before.percent);
    // Nothing above: bake the last step again rather than promote what this run never saw.
    const remaining = above.length > 0 ? above : [o.steps[o.steps.length - 1]!];
    ctx.progress.emit(
      TRAFFIC_MESSAGES.resumeContinue,
      `An earlier cutover stopped at ${routeLabel(before)}; resume: continue — going on with ${remaining.join(' → ')} %.`,
    );
    return remaining;
  }
  ctx.progress.emit(
    TRAFFIC_MESSAGES.resumeRollback,
    `An earlier cutover stopped at ${describeRoute(before)}; resume: rollback — returning to ${versionLabel(run.production)}, then starting again.`,
  );
  await undoLeftoverCanary(run);
  run.current = await readRoute(ctx, run.deps.stage);
  return o.steps;
}

/** resume: rollback. Starting again needs production proven to serve all traffic. */
async function undoLeftoverCanary(run: Shift): Promise<void> {
  const { ctx, section, before } = run;
  let rb;
  try {
    rb = await rollbackTo(
      ctx,
      rollbackDeps(run, before),
      `resume: rollback: the stage was left at ${describeRoute(before)} by an unfinished cutover`,
    );
  } catch (e) {
    if (e instanceof RollbackFailedError)
      throw rollbackFailure(e, section, before, 'resuming from a leftover canary');
    throw e;
  }
  if (rb.change) section.routeChanges.push(rb.change);
  if (rb.section.verified) return;
  // Starting again on a stage that does not demonstrably serve the twin would hide the cause.
  section.rollback = rb.section;
  section.rolledBack = true;
  throw new CutoverFailedError(
    'CUTOVER_FAILED',
    `The leftover canary on ${where(run.deps.stage)} was rolled back, but probes did not confirm that all traffic reaches ${versionLabel(run.production)}; the cutover did not start again.`,
    [],
    section,
    { kind: run.production.side, target: run.production },
    before,
  );
}

/** Sets the canary, bakes it and judges it; StepFailed when a gate failed. */
async function canaryStep(run: Shift, percent: number, label: string): Promise<void> {
  const { ctx, deps, o } = run;
  throwIfCancelled(run.signal);
  await deps.onRouteIntent?.({ kind: 'canary', percent, base: run.production, candidate: deps.candidate });
  await record(
    run,
    await setCanary(
      ctx,
      deps.stage,
      run.current,
      deps.candidate,
      percent,
      `${label}: ${percent} % of traffic to ${versionLabel(deps.candidate)}`,
    ),
  );
  const bake = {
    percent,
    versions: stepVersions(run),
    earlierProduction: run.earlierProduction,
    bakeSeconds: o.bakeSeconds,
    probeRate: o.probeRate,
    signal: run.signal,
    label,
    limits: {
      maxErrorRate: o.maxErrorRate,
      maxP95Ms: o.maxP95Ms,
      alarmNames: o.alarmNames,
      minTolerancePoints: o.minTolerancePoints,
    },
  };
  const judge = deps.judge;
  const step = judge
    ? await bakeStepByMetrics(
        ctx,
        { probe: deps.probe, alarmCheck: deps.alarmCheck, metrics: judge.metrics },
        { ...bake, metricsPeriodSeconds: judge.periodSeconds, metricsDelaySeconds: judge.delaySeconds },
      )
    : await bakeStep(ctx, { probe: deps.probe, alarmCheck: deps.alarmCheck }, bake);
  run.section.steps.push(step);
  deps.onStepBaked?.(step);
  run.earlierProduction = {
    errors: run.earlierProduction.errors + step.production.errors,
    count: run.earlierProduction.count + step.production.count,
  };
  if (!step.passed)
    throw new StepFailed(step, `canary ${percent} % failed: ${step.reason ?? 'a gate failed'}`);
}

/**
 * Says before the first step which steps will have fewer candidate answers than the error test
 * needs (judged strictly then), and the probe-rate that would reach the minimum sample.
 */
function warnSmallSamples(run: Shift, steps: readonly number[]): void {
  const { o } = run;
  let earlier = 0;
  for (const percent of steps) {
    const plan = {
      percent,
      probeRate: o.probeRate,
      bakeSeconds: o.bakeSeconds,
      earlierProduction: { errors: 0, count: earlier },
      limits: { maxErrorRate: o.maxErrorRate },
    };
    const needed = stepMinimumSample(plan);
    const planned = plannedCandidateAnswers(plan);
    if (planned < needed && Number.isFinite(needed)) {
      const rate = Math.ceil(((needed * 100) / (percent * o.bakeSeconds)) * 10) / 10;
      run.ctx.progress.emit(
        TRAFFIC_MESSAGES.stepSampleSmall,
        `canary ${percent} %: about ${planned} candidate answers planned, below the ${needed} the error test needs to catch a ` +
          `${DETECTABLE_REGRESSION * 100}-point regression (80 % power); it will be judged strictly (any error rate above max-error-rate fails it). ` +
          `probe-rate ${rate} or a longer bake-seconds would reach it.`,
      );
    }
    earlier += (o.probeRate * o.bakeSeconds * (100 - percent)) / 100;
  }
}

const stepVersions = (run: Shift): StepVersions => ({
  candidate: run.deps.candidate,
  production: run.production,
});

/**
 * All traffic to the candidate, proven by consecutive answers from it through the plain stage.
 * The version production leaves becomes the rollback target; the twin verified in this run, the
 * fallback.
 */
async function promote(run: Shift): Promise<CutoverOutcome> {
  const { ctx, deps, o, section } = run;
  throwIfCancelled(run.signal);
  const wayBackAfter: WayBackChange = {
    rollback: run.production,
    ...(deps.fallback ? { fallback: deps.fallback } : {}),
  };
  await deps.onRouteIntent?.({ kind: 'lmi', target: deps.candidate });
  await record(
    run,
    await promoteCanary(ctx, deps.stage, run.current, wayBackAfter, 'promote: every canary step passed'),
  );
  const check = await confirmRoute(ctx, deps.probe, deps.candidate, {
    ratePerSecond: o.probeRate,
    samples: o.confirmSamples,
    settleMs: o.settleSeconds * 1000,
    signal: run.signal,
    attributed: !deps.judge,
  });
  if (!check.confirmed) {
    throw new StepFailed(
      undefined,
      `after promotion, ${o.confirmSamples} consecutive answers from ${versionLabel(deps.candidate)} did not come within ${o.settleSeconds}s ` +
        `(${check.strays} of ${check.probes} probes reached another version or failed)`,
    );
  }
  ctx.progress.emit(
    TRAFFIC_MESSAGES.promoted,
    `Promoted: ${check.probes} probe(s) through the plain stage, the last ${o.confirmSamples} all ` +
      (deps.judge
        ? `answered as load.expect requires (the stage reads back ${versionLabel(deps.candidate)}); `
        : `from ${versionLabel(deps.candidate)}; `) +
      `rollback target ${versionLabel(run.production)}${deps.fallback ? `, fallback ${versionLabel(deps.fallback)}` : ''}.`,
  );
  section.promoted = true;
  return { type: 'promoted', before: run.before, route: { kind: 'lmi', target: deps.candidate }, section };
}

async function record(run: Shift, applied: AppliedRoute): Promise<void> {
  run.section.routeChanges.push(applied.change);
  run.current = applied;
  await run.deps.onRouteChange?.(applied.change, applied.route);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error
      ? signal.reason
      : new CutoverError('CUTOVER_CANCELLED', 'Cancelled.');
}

function rollbackDeps(run: Shift, lastKnownRoute: Route): RollbackDeps {
  return {
    stage: run.deps.stage,
    target: run.production,
    wayBackAfter: run.wayBackBefore,
    probe: run.deps.probe,
    probeRate: run.o.probeRate,
    confirmSamples: run.o.confirmSamples,
    settleSeconds: run.o.settleSeconds,
    onRouteIntent: run.deps.onRouteIntent,
    onRouteChange: run.deps.onRouteChange,
    lastKnownRoute,
    attributed: !run.deps.judge,
  };
}

/** Why the shift stopped, in the words and code of the error it fails with. */
function whyStopped(
  e: unknown,
  signal: AbortSignal | undefined,
): { reason: string; code: CutoverErrorCode; cancelled: boolean } {
  const cancelled = signal?.aborted === true;
  if (e instanceof StepFailed) return { reason: e.reason, code: 'CUTOVER_STEP_FAILED', cancelled };
  if (!cancelled) return { reason: `error: ${errorMessage(e)}`, code: 'CUTOVER_FAILED', cancelled };
  // A cancellation names what cancelled (SIGTERM, the job), not the wait it interrupted.
  const by = signal!.reason instanceof Error ? signal!.reason.message : errorMessage(e);
  return { reason: `cancelled: ${by}`, code: 'CUTOVER_CANCELLED', cancelled };
}

/** Rolls back from wherever the shift stopped; the error the run fails with. */
async function rollBackAfter(run: Shift, e: unknown): Promise<CutoverFailedError> {
  const { ctx, section, o } = run;
  const at = run.current.route;
  const { reason, code, cancelled } = whyStopped(e, run.signal);
  const deps = rollbackDeps(run, at);
  try {
    const rb = await rollbackTo(
      ctx,
      cancelled ? { ...deps, settleSeconds: Math.min(o.settleSeconds, CANCELLED_SETTLE_SECONDS) } : deps,
      reason,
    );
    if (rb.change) section.routeChanges.push(rb.change);
    section.rolledBack = true;
    section.rollback = rb.section;
  } catch (rollbackError) {
    if (rollbackError instanceof RollbackFailedError)
      throw rollbackFailure(rollbackError, section, run.before, reason);
    throw rollbackError;
  }
  const step = e instanceof StepFailed ? e.step : undefined;
  const details = [
    ...(step ? [describeAnyStep(step)] : []),
    ...(isCutoverError(e) && !(e instanceof StepFailed) ? [`[${e.code}] ${e.message}`, ...e.details] : []),
    `Rollback: ${section.rollback!.verified ? `verified by ${section.rollback!.probes} probe(s)` : 'NOT verified by probes'}; production is ${versionLabel(run.production)}.`,
  ];
  return new CutoverFailedError(
    code,
    `The release was rolled back to ${versionLabel(run.production)} at ${describeRoute(at)}: ${reason.replace(/\.$/, '')}.`,
    details,
    section,
    { kind: run.production.side, target: run.production },
    run.before,
    { cause: e },
  );
}

function rollbackFailure(
  e: RollbackFailedError,
  section: CutoverSection,
  before: Route,
  context: string,
): CutoverFailedError {
  section.rollback = e.rollback;
  section.rolledBack = false;
  return new CutoverFailedError(
    'ROLLBACK_FAILED',
    `${e.message} (the rollback followed: ${context})`,
    e.details,
    section,
    e.rollback.finalRoute,
    before,
    { cause: e },
  );
}

/** The Action's `route` (as the final Route), `cutover-result` and `rolled-back` outputs. */
export function cutoverOutputs(result: CutoverOutcome | CutoverFailedError): {
  route: Route;
  'cutover-result': 'promoted' | 'no-op' | 'rolled-back' | 'rollback-failed' | 'failed';
  'rolled-back': 'true' | 'false';
} {
  if (!(result instanceof CutoverFailedError)) {
    return { route: result.route, 'cutover-result': result.type, 'rolled-back': 'false' };
  }
  const rolledBack = result.section.rolledBack;
  return {
    route: result.finalRoute,
    'cutover-result':
      result.code === 'ROLLBACK_FAILED' ? 'rollback-failed' : rolledBack ? 'rolled-back' : 'failed',
    'rolled-back': rolledBack ? 'true' : 'false',
  };
}
