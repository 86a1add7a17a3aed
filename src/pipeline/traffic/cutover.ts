// The shift: production moves from the standard-Lambda twin to the LMI alias one canary step at
// a time (10 → 50 → 100 % by default), each step baked while probes prove the LMI side healthy
// and the split right, then promoted (liveFunction = LMI, canary removed) and probed once more.
//
// The invariant, on every path: when shiftToLmi returns, the stage is `lmi`; when it throws, the
// stage is `standard` (rolled back, or never touched) — or, only if the rollback itself failed,
// the error is ROLLBACK_FAILED with the stage's exact state and the command to fix it by hand.
// A failed step, a thrown error and a cancellation (signal, SIGINT, SIGTERM) all roll back.
import { errorMessage } from '../../core/aws-errors.js';
import { type CutoverSection } from '../../report/model.js';
import { routeLabel, type CutoverStep, type Route, type RouteChange } from '../../core/domain.js';
import type { AlarmCheck } from './alarms.js';
import type { PipelineContext } from '../context.js';
import {
  resolveCutoverOptions,
  type CutoverOptions,
  type ResolvedCutoverOptions,
} from '../../config/cutover.js';
import { bakeStep, describeStep } from './cutover-step.js';
import { CutoverError, isCutoverError, type CutoverErrorCode } from '../../core/errors.js';
import { confirmRoute, type Prober } from './probe.js';
import { RollbackFailedError, rollbackToStandard } from './rollback.js';
import { FIXED } from '../../config/defaults.js';
import {
  promoteToLmi,
  readRoute,
  setCanary,
  type AppliedRoute,
  type RouteReading,
  type RouteRef,
} from './route.js';
import { trapTerminationSignals, type SignalSource } from './signals.js';

export * from '../../config/cutover.js';

/** After a cancellation the runner kills the process ~10 s after SIGINT: confirm briefly. */
export const CANCELLED_SETTLE_SECONDS = 5;

export interface CutoverDeps {
  readonly stage: RouteRef;
  /** One signed webhook through the stage URL. */
  readonly probe: Prober;
  /** Required when alarmNames is not empty (cloudWatchAlarmCheck). */
  readonly alarmCheck?: AlarmCheck;
  /** After every route change (the Action saves its state for the post step here). */
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
  readonly signal?: AbortSignal;
  /** SIGINT/SIGTERM roll back while the shift runs; `process` by default, false when the caller traps them. */
  readonly signals?: SignalSource | false;
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
    /** `standard` after a rollback; the rollback section's best reading when it failed. */
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

const where = (ref: RouteRef) => `stage ${ref.stage} of REST API ${ref.restApiId}`;

export async function shiftToLmi(
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
  ctx.progress.info(`Route of ${where(ref)}: ${routeLabel(before)}.`);
  if (before.kind === 'lmi') {
    ctx.progress.info('All traffic already goes to the LMI alias: nothing to shift.');
    return { type: 'no-op', before, route: before, section };
  }

  // From here a route may change: SIGINT/SIGTERM must roll back, not kill the process.
  const trap =
    deps.signals === false ? undefined : trapTerminationSignals(ctx.progress, deps.signals ?? process);
  try {
    return await shift(ctx, deps, o, initial, section, trap?.signal);
  } finally {
    trap?.dispose();
  }
}

async function shift(
  ctx: PipelineContext,
  deps: CutoverDeps,
  o: ResolvedCutoverOptions,
  initial: RouteReading,
  section: CutoverSection,
  trapSignal: AbortSignal | undefined,
): Promise<CutoverOutcome> {
  const ref = deps.stage;
  const before = initial.route;
  const rollbackDeps = {
    stage: ref,
    probe: deps.probe,
    probeRate: o.probeRate,
    confirmSamples: o.confirmSamples,
    settleSeconds: o.settleSeconds,
    onRouteChange: deps.onRouteChange,
  };
  let current: { route: Route; state: RouteReading['state'] } = initial;
  let remaining = o.steps;
  if (before.kind === 'canary') {
    if (o.resume === 'continue') {
      const above = o.steps.filter((p) => p > before.percent);
      // Nothing above: bake the last step again rather than promote what this run never saw.
      remaining = above.length > 0 ? above : [o.steps[o.steps.length - 1]!];
      ctx.progress.warn(
        `An earlier cutover stopped at ${routeLabel(before)}; resume: continue — going on with ${remaining.join(' → ')} %.`,
      );
    } else {
      ctx.progress.warn(
        `An earlier cutover stopped at ${routeLabel(before)}; resume: rollback — returning to standard, then starting again.`,
      );
      let rb;
      try {
        rb = await rollbackToStandard(
          ctx,
          { ...rollbackDeps, lastKnownRoute: before },
          `resume: rollback: the stage was left at ${routeLabel(before)} by an unfinished cutover`,
        );
      } catch (e) {
        if (e instanceof RollbackFailedError)
          throw rollbackFailure(e, section, before, 'resuming from a leftover canary');
        throw e;
      }
      if (rb.change) section.routeChanges.push(rb.change);
      if (!rb.section.verified) {
        // Starting again on a stage that does not demonstrably serve the twin would hide the cause.
        section.rollback = rb.section;
        section.rolledBack = true;
        throw new CutoverFailedError(
          'CUTOVER_FAILED',
          `The leftover canary on ${where(ref)} was rolled back, but probes did not confirm that all traffic reaches the standard twin; the cutover did not start again.`,
          [],
          section,
          { kind: 'standard' },
          before,
        );
      }
      current = await readRoute(ctx, ref);
    }
  }

  const signals = [ctx.signal, deps.signal, trapSignal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  const record = async (applied: AppliedRoute) => {
    section.routeChanges.push(applied.change);
    current = applied;
    await deps.onRouteChange?.(applied.change, applied.route);
  };
  const throwIfCancelled = () => {
    if (signal?.aborted)
      throw signal.reason instanceof Error
        ? signal.reason
        : new CutoverError('CUTOVER_CANCELLED', 'Cancelled.');
  };

  try {
    for (const [i, percent] of remaining.entries()) {
      throwIfCancelled();
      const label = `step ${i + 1}/${remaining.length}`;
      await record(
        await setCanary(ctx, ref, current, percent, `${label}: ${percent} % of traffic to the LMI alias`),
      );
      const step = await bakeStep(
        ctx,
        { probe: deps.probe, alarmCheck: deps.alarmCheck },
        {
          percent,
          bakeSeconds: o.bakeSeconds,
          probeRate: o.probeRate,
          signal,
          limits: {
            maxErrorRate: o.maxErrorRate,
            maxP95Ms: o.maxP95Ms,
            alarmNames: o.alarmNames,
            minTolerancePoints: o.minTolerancePoints,
          },
        },
      );
      section.steps.push(step);
      if (!step.passed)
        throw new StepFailed(step, `canary ${percent} % failed: ${step.reason ?? 'a gate failed'}`);
    }
    throwIfCancelled();
    await record(await promoteToLmi(ctx, ref, current, 'promote: every canary step passed'));
    const check = await confirmRoute(ctx, deps.probe, 'lambda-managed-instances', {
      ratePerSecond: o.probeRate,
      samples: o.confirmSamples,
      settleMs: o.settleSeconds * 1000,
      signal,
    });
    if (!check.confirmed) {
      throw new StepFailed(
        undefined,
        `after promotion, ${o.confirmSamples} consecutive answers from the LMI alias did not come within ${o.settleSeconds}s ` +
          `(${check.strays} of ${check.probes} probes reached the twin or failed)`,
      );
    }
    ctx.progress.info(
      `Promoted: ${check.probes} probe(s) through the plain stage, the last ${o.confirmSamples} all from the LMI alias.`,
    );
    section.promoted = true;
    return { type: 'promoted', before, route: { kind: 'lmi' }, section };
  } catch (e) {
    throw await rollBackAfter(ctx, e, {
      section,
      before,
      at: current.route,
      cancelled: signal?.aborted === true,
      cancelReason: signal?.reason,
      rollback: { ...rollbackDeps, lastKnownRoute: current.route },
    });
  }
}

async function rollBackAfter(
  ctx: PipelineContext,
  e: unknown,
  c: {
    section: CutoverSection;
    before: Route;
    at: Route;
    cancelled: boolean;
    cancelReason?: unknown;
    rollback: Parameters<typeof rollbackToStandard>[1];
  },
): Promise<CutoverFailedError> {
  const { section } = c;
  const step = e instanceof StepFailed ? e.step : undefined;
  // A cancellation names what cancelled (SIGTERM, the job), not the wait it interrupted.
  const cancelledBy = c.cancelReason instanceof Error ? c.cancelReason.message : errorMessage(e);
  const reason =
    e instanceof StepFailed
      ? e.reason
      : c.cancelled
        ? `cancelled: ${cancelledBy}`
        : `error: ${errorMessage(e)}`;
  const code: CutoverErrorCode =
    e instanceof StepFailed ? 'CUTOVER_STEP_FAILED' : c.cancelled ? 'CUTOVER_CANCELLED' : 'CUTOVER_FAILED';
  try {
    const rb = await rollbackToStandard(
      ctx,
      c.cancelled
        ? {
            ...c.rollback,
            settleSeconds: Math.min(
              c.rollback.settleSeconds ?? FIXED.settleSeconds,
              CANCELLED_SETTLE_SECONDS,
            ),
          }
        : c.rollback,
      reason,
    );
    if (rb.change) section.routeChanges.push(rb.change);
    section.rolledBack = true;
    section.rollback = rb.section;
  } catch (rollbackError) {
    if (rollbackError instanceof RollbackFailedError)
      throw rollbackFailure(rollbackError, section, c.before, reason);
    throw rollbackError;
  }
  const details = [
    ...(step ? [describeStep(step)] : []),
    ...(isCutoverError(e) && !(e instanceof StepFailed) ? [`[${e.code}] ${e.message}`, ...e.details] : []),
    `Rollback: ${section.rollback!.verified ? `verified by ${section.rollback!.probes} probe(s)` : 'NOT verified by probes'}; the route is standard.`,
  ];
  return new CutoverFailedError(
    code,
    `The cutover was rolled back to the standard twin at ${routeLabel(c.at)}: ${reason.replace(/\.$/, '')}.`,
    details,
    section,
    { kind: 'standard' },
    c.before,
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

/** The Action's `route`, `cutover-result` and `rolled-back` outputs. */
export function cutoverOutputs(result: CutoverOutcome | CutoverFailedError): {
  route: string;
  'cutover-result': 'promoted' | 'no-op' | 'rolled-back' | 'rollback-failed' | 'failed';
  'rolled-back': 'true' | 'false';
} {
  if (!(result instanceof CutoverFailedError)) {
    return { route: routeLabel(result.route), 'cutover-result': result.type, 'rolled-back': 'false' };
  }
  const rolledBack = result.section.rolledBack;
  return {
    route: routeLabel(result.finalRoute),
    'cutover-result':
      result.code === 'ROLLBACK_FAILED' ? 'rollback-failed' : rolledBack ? 'rolled-back' : 'failed',
    'rolled-back': rolledBack ? 'true' : 'false',
  };
}
