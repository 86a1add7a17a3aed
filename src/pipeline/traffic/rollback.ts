// Rollback: all production traffic back to the standard twin in one UpdateStage call (canary
// removed, liveFunction = twin), read back, then proven by probes. The twin stays deployed, so
// this is instant and needs nothing rebuilt. When the rollback itself fails, the error says so
// loudly, with the stage's exact state as GetStage shows it and the command that fixes it by hand.
import { errorMessage } from '../../core/aws-errors.js';
import type { RollbackSection } from '../../report/model.js';
import type { Route, RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { FIXED } from '../../config/defaults.js';
import { CutoverError } from '../../core/errors.js';
import { confirmRoute, type Prober, type RouteConfirmation } from './probe.js';
import {
  aliasTarget,
  classifyRoute,
  describeStageState,
  manualRouteCommand,
  readStage,
  routeToStandard,
  type RouteRef,
  type StageRouteState,
} from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

interface ConfirmSettings {
  /** Probes per second while confirming (`probe-rate`). */
  readonly probeRate: number;
  /** Consecutive answers from the expected side that prove the route; FIXED.confirmSamples unless the cutover's tests ask for fewer. */
  readonly confirmSamples?: number;
  /** How long the change may take to reach every API Gateway node; FIXED.settleSeconds unless shortened (a cancelled cutover, tests). */
  readonly settleSeconds?: number;
}

export interface RollbackDeps extends ConfirmSettings {
  readonly stage: RouteRef;
  /** Without a prober the stage's read-back is the only proof, and the section says so. */
  readonly probe?: Prober;
  /** Called after the route changed (the Action saves its state for the post step). */
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
  /** The route the caller last set, for the report when the stage cannot even be read. */
  readonly lastKnownRoute?: Route;
}

export interface RollbackOutcome {
  readonly section: RollbackSection;
  /** Undefined when the stage already sent all traffic to the twin. */
  readonly change?: RouteChange;
  readonly route: Route;
}

/** ROLLBACK_FAILED, carrying the report's rollback section with the failure filled in. */
export class RollbackFailedError extends CutoverError {
  constructor(
    message: string,
    details: readonly string[],
    readonly rollback: RollbackSection,
    options?: { cause?: unknown },
  ) {
    super('ROLLBACK_FAILED', message, details, options);
  }
}

const where = (ref: RouteRef) => `stage ${ref.stage} of REST API ${ref.restApiId}`;

export async function rollbackToStandard(
  ctx: PipelineContext,
  deps: RollbackDeps,
  reason: string,
): Promise<RollbackOutcome> {
  const at = new Date(ctx.clock.now()).toISOString();
  ctx.progress.emit(
    TRAFFIC_MESSAGES.rollingBack,
    `Rolling back ${where(deps.stage)} to the standard twin: ${reason}`,
  );
  const from = await readRouteToUndo(ctx, deps, reason, at);
  const change = await routeAllToStandard(ctx, deps, from, reason, at);
  const confirmation = await proveStandard(ctx, deps);
  return {
    section: {
      reason,
      at,
      verified: confirmation?.confirmed ?? false,
      probes: confirmation?.probes ?? 0,
      finalRoute: { kind: 'standard' },
    },
    change,
    route: { kind: 'standard' },
  };
}

/** The stage's route as it is now; ROLLBACK_FAILED when it cannot be read or is not one of ours. */
async function readRouteToUndo(
  ctx: PipelineContext,
  deps: RollbackDeps,
  reason: string,
  at: string,
): Promise<{ route: Route; state: StageRouteState }> {
  let state: StageRouteState;
  try {
    state = await readStage(ctx, deps.stage);
  } catch (e) {
    throw await rollbackFailed(ctx, deps, reason, at, `reading the stage: ${errorMessage(e)}`, e);
  }
  const before = classifyRoute(state, deps.stage);
  if (!before.known) {
    // Not a shape this tool made: someone else changed the stage, and overwriting it blindly
    // could undo their fix. A person decides.
    throw await rollbackFailed(
      ctx,
      deps,
      reason,
      at,
      `the stage is in a state lmi-cutover did not make (${before.reason})`,
    );
  }
  return { route: before.route, state };
}

/** The one UpdateStage of the rollback, recorded for the post step; undefined when none was needed. */
async function routeAllToStandard(
  ctx: PipelineContext,
  deps: RollbackDeps,
  from: { route: Route; state: StageRouteState },
  reason: string,
  at: string,
): Promise<RouteChange | undefined> {
  const ref = deps.stage;
  if (from.route.kind === 'standard') {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.alreadyStandard,
      `${where(ref)} already sends all traffic to the standard twin; no route change needed.`,
    );
    return undefined;
  }
  let change: RouteChange;
  try {
    change = (await routeToStandard(ctx, ref, from, `rollback: ${reason}`)).change;
  } catch (e) {
    throw await rollbackFailed(ctx, { ...deps, lastKnownRoute: from.route }, reason, at, errorMessage(e), e);
  }
  try {
    await deps.onRouteChange?.(change, { kind: 'standard' });
  } catch (e) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackNotRecorded,
      `Could not record the rollback for the post step: ${errorMessage(e)}`,
    );
  }
  return change;
}

/** Probes until the twin answers `confirmSamples` times in a row; undefined without a prober. */
async function proveStandard(
  ctx: PipelineContext,
  deps: RollbackDeps,
): Promise<RouteConfirmation | undefined> {
  const samples = deps.confirmSamples ?? FIXED.confirmSamples;
  const settleSeconds = deps.settleSeconds ?? FIXED.settleSeconds;
  if (!deps.probe) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackUnprobed,
      'The rollback was not verified by probes (no prober); the stage reads back as standard.',
    );
    return undefined;
  }
  const confirmation = await confirmRoute(ctx, deps.probe, 'lambda-standard', {
    ratePerSecond: deps.probeRate,
    samples,
    settleMs: settleSeconds * 1000,
  });
  if (confirmation.confirmed) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackVerified,
      `Rollback verified: ${confirmation.probes} probe(s), the last ${samples} all answered by the standard twin.`,
    );
  } else {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackNotVerified,
      `Rollback NOT verified: the stage reads back as standard, but within ${settleSeconds}s ` +
        `${confirmation.strays} of ${confirmation.probes} probes still reached the LMI alias or failed. Check the stage and the twin.`,
    );
  }
  return confirmation;
}

/** The closest known route for the report; the section's stageState has the exact values. */
function approximateRoute(state: StageRouteState, ref: RouteRef): Route {
  const c = classifyRoute(state, ref);
  if (c.known) return c.route;
  if (state.canary) return { kind: 'canary', percent: state.canary.percentTraffic };
  return aliasTarget(state.liveFunction ?? '') === aliasTarget(ref.lmiTarget)
    ? { kind: 'lmi' }
    : { kind: 'standard' };
}

async function rollbackFailed(
  ctx: PipelineContext,
  deps: RollbackDeps,
  reason: string,
  at: string,
  what: string,
  cause?: unknown,
): Promise<RollbackFailedError> {
  const ref = deps.stage;
  // Read the stage again: the error must say what production looks like now, not before.
  let stageState: string;
  // Unreadable and never known: report it as mid-canary, the state that needs a person.
  let finalRoute: Route = deps.lastKnownRoute ?? { kind: 'canary', percent: 0 };
  let hasCanary = true;
  try {
    const now = await readStage(ctx, ref);
    stageState = describeStageState(now);
    finalRoute = approximateRoute(now, ref);
    hasCanary = now.canary !== undefined;
  } catch (e) {
    stageState = `could not be read (${errorMessage(e)}); assume it may still send traffic to the LMI alias`;
  }
  const region = await ctx.aws.region().catch(() => undefined);
  const manualFix = manualRouteCommand(ref, 'standard', hasCanary, region);
  const message =
    `ROLLBACK FAILED on ${where(ref)}: ${what}. Production traffic is NOT confirmed on the standard twin. ` +
    'Run the command below to send all traffic to the twin by hand.';
  ctx.progress.emit(TRAFFIC_MESSAGES.rollbackFailed, message);
  ctx.progress.emit(TRAFFIC_MESSAGES.rollbackFailedStageState, `Stage state now: ${stageState}`);
  ctx.progress.emit(TRAFFIC_MESSAGES.rollbackFailedFix, `Fix by hand: ${manualFix}`);
  return new RollbackFailedError(
    message,
    [`Rollback reason: ${reason}`, `Stage state now: ${stageState}`, `Fix by hand: ${manualFix}`],
    { reason, at, verified: false, probes: 0, finalRoute, failure: { message, stageState, manualFix } },
    { cause },
  );
}
