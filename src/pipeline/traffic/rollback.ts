// Rollback: all production traffic to one known-good version in one UpdateStage call (canary
// removed, liveFunction = that version), read back, then proven by probes. A failed canary goes
// back to the production version it started from; mode rollback goes to the previous production
// version or, with `--to standard`, to the twin's last verified version. Every target stays
// published, Active and permitted, so this is instant and needs nothing rebuilt. When the
// rollback itself fails, the error says so loudly, with the stage's exact state as GetStage
// shows it and the command that fixes it by hand.
import { errorMessage } from '../../core/aws-errors.js';
import type { RollbackSection } from '../../report/model.js';
import {
  productionOf,
  sameVersion,
  versionLabel,
  type Route,
  type RouteChange,
  type VersionRef,
} from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { FIXED } from '../../config/defaults.js';
import { CutoverError } from '../../core/errors.js';
import { confirmRoute, type Prober, type RouteConfirmation } from './probe.js';
import { makeRoutable } from './routable.js';
import {
  classifyRoute,
  describeStageState,
  manualRouteCommand,
  readStage,
  routeTo,
  where,
  type RouteRef,
  type StageRouteState,
  type WayBackChange,
} from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

interface ConfirmSettings {
  /** Probes per second while confirming (`probe-rate`). */
  readonly probeRate: number;
  /** Consecutive answers from the target version that prove the route; FIXED.confirmSamples unless the cutover's tests ask for fewer. */
  readonly confirmSamples?: number;
  /** How long the change may take to reach every API Gateway node; FIXED.settleSeconds unless shortened (a cancelled cutover, tests). */
  readonly settleSeconds?: number;
  /** False when answers do not name their version: they prove health, the read-back proves the route. */
  readonly attributed?: boolean;
}

export interface RollbackDeps extends ConfirmSettings {
  readonly stage: RouteRef;
  /** The version production returns to. */
  readonly target: VersionRef;
  /** What the stage remembers as the way back once production is on the target. */
  readonly wayBackAfter?: WayBackChange;
  /** Without a prober the stage's read-back is the only proof, and the section says so. */
  readonly probe?: Prober;
  /** Called before the UpdateStage with the route about to be set (saved for the post step). */
  readonly onRouteIntent?: (to: Route) => void | Promise<void>;
  /** Called after the route changed (the Action saves its state for the post step). */
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
  /** The route the caller last set, for the report when the stage cannot even be read. */
  readonly lastKnownRoute?: Route;
}

export interface RollbackOutcome {
  readonly section: RollbackSection;
  /** Undefined when the stage already sent all traffic to the target. */
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

export async function rollbackTo(
  ctx: PipelineContext,
  deps: RollbackDeps,
  reason: string,
): Promise<RollbackOutcome> {
  const at = new Date(ctx.clock.now()).toISOString();
  ctx.progress.emit(
    TRAFFIC_MESSAGES.rollingBack,
    `Rolling back ${where(deps.stage)} to ${versionLabel(deps.target)}: ${reason}`,
  );
  const from = await readRouteToUndo(ctx, deps, reason, at);
  const change = await routeAllToTarget(ctx, deps, from, reason, at);
  const confirmation = await proveTarget(ctx, deps);
  const route: Route = { kind: deps.target.side, target: deps.target };
  return {
    section: {
      reason,
      at,
      verified: confirmation?.confirmed ?? false,
      probes: confirmation?.probes ?? 0,
      finalRoute: route,
    },
    change,
    route,
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
async function routeAllToTarget(
  ctx: PipelineContext,
  deps: RollbackDeps,
  from: { route: Route; state: StageRouteState },
  reason: string,
  at: string,
): Promise<RouteChange | undefined> {
  const ref = deps.stage;
  const target = deps.target;
  const production = productionOf(from.route);
  if (from.route.kind !== 'canary' && sameVersion(production, target)) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.alreadyStandard,
      `${where(ref)} already sends all traffic to ${versionLabel(target)}; no route change needed.`,
    );
    return undefined;
  }
  let applied;
  try {
    // The version serving production now needs no check; any other must be Active and permitted.
    if (!sameVersion(production, target)) await makeRoutable(ctx, ref, target);
    await recordSafely(ctx, () => deps.onRouteIntent?.({ kind: target.side, target }));
    applied = await routeTo(ctx, ref, from, target, `rollback: ${reason}`, deps.wayBackAfter);
  } catch (e) {
    throw await rollbackFailed(ctx, { ...deps, lastKnownRoute: from.route }, reason, at, errorMessage(e), e);
  }
  const change = applied.change;
  await recordSafely(ctx, () => deps.onRouteChange?.(change, applied.route));
  return change;
}

/** A rollback never fails for its bookkeeping: the stage is the truth. */
async function recordSafely(ctx: PipelineContext, save: () => void | Promise<void>): Promise<void> {
  try {
    await save();
  } catch (e) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackNotRecorded,
      `Could not record the rollback for the post step: ${errorMessage(e)}`,
    );
  }
}

/** Probes until the target answers `confirmSamples` times in a row; undefined without a prober. */
async function proveTarget(ctx: PipelineContext, deps: RollbackDeps): Promise<RouteConfirmation | undefined> {
  const samples = deps.confirmSamples ?? FIXED.confirmSamples;
  const settleSeconds = deps.settleSeconds ?? FIXED.settleSeconds;
  if (!deps.probe) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackUnprobed,
      `The rollback was not verified by probes (no prober); the stage reads back as ${versionLabel(deps.target)}.`,
    );
    return undefined;
  }
  const confirmation = await confirmRoute(ctx, deps.probe, deps.target, {
    ratePerSecond: deps.probeRate,
    samples,
    settleMs: settleSeconds * 1000,
    attributed: deps.attributed,
  });
  if (confirmation.confirmed) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackVerified,
      deps.attributed === false
        ? `Rollback verified: the stage reads back as ${versionLabel(deps.target)} and ${confirmation.probes} probe(s) through it, the last ${samples} all answered as load.expect requires (the answers do not name their version).`
        : `Rollback verified: ${confirmation.probes} probe(s), the last ${samples} all answered by ${versionLabel(deps.target)}.`,
    );
  } else {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.rollbackNotVerified,
      `Rollback NOT verified: the stage reads back as ${versionLabel(deps.target)}, but within ${settleSeconds}s ` +
        `${confirmation.strays} of ${confirmation.probes} probes still reached another version or failed. Check the stage and ${versionLabel(deps.target)}.`,
    );
  }
  return confirmation;
}

/** The closest known route for the report; the section's stageState has the exact values. */
function approximateRoute(state: StageRouteState, ref: RouteRef): Route {
  const c = classifyRoute(state, ref);
  if (c.known) return c.route;
  if (state.canary) return { kind: 'canary', percent: state.canary.percentTraffic };
  return (state.liveFunction ?? '').includes(ref.lmiFunctionName) ? { kind: 'lmi' } : { kind: 'standard' };
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
    stageState = `could not be read (${errorMessage(e)}); assume it may still send traffic to the version being rolled back`;
  }
  const region = await ctx.aws.region().catch(() => undefined);
  const manualFix = manualRouteCommand(ref, deps.target, hasCanary, region);
  const message =
    `ROLLBACK FAILED on ${where(ref)}: ${what}. Production traffic is NOT confirmed on ${versionLabel(deps.target)}. ` +
    `Run the command below to send all traffic to ${versionLabel(deps.target)} by hand.`;
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
