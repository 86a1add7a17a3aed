// Rollback: all production traffic back to the standard twin in one UpdateStage call (canary
// removed, liveFunction = twin), read back, then proven by probes. The twin stays deployed, so
// this is instant and needs nothing rebuilt. When the rollback itself fails, the error says so
// loudly, with the stage's exact state as GetStage shows it and the command that fixes it by hand.
import { errorMessage } from '../../core/aws-errors.js';
import type { RollbackSection } from '../../report/model.js';
import type { Route, RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { DEFAULTS, FIXED } from '../../config/defaults.js';
import { CutoverError } from '../../core/errors.js';
import { confirmRoute, type Prober } from './probe.js';
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

export interface ConfirmSettings {
  /** Probes per second while confirming. */
  readonly probeRate?: number;
  /** Consecutive answers from the expected side that prove the route. */
  readonly confirmSamples?: number;
  /** How long the change may take to reach every API Gateway node. */
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
  const ref = deps.stage;
  const at = new Date(ctx.clock.now()).toISOString();
  ctx.progress.warn(`Rolling back ${where(ref)} to the standard twin: ${reason}`);

  let state: StageRouteState;
  try {
    state = await readStage(ctx, ref);
  } catch (e) {
    throw await rollbackFailed(ctx, deps, reason, at, `reading the stage: ${errorMessage(e)}`, e);
  }
  const before = classifyRoute(state, ref);
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

  let change: RouteChange | undefined;
  if (before.route.kind === 'standard') {
    ctx.progress.info(
      `${where(ref)} already sends all traffic to the standard twin; no route change needed.`,
    );
  } else {
    try {
      const applied = await routeToStandard(ctx, ref, { route: before.route, state }, `rollback: ${reason}`);
      change = applied.change;
    } catch (e) {
      throw await rollbackFailed(
        ctx,
        { ...deps, lastKnownRoute: before.route },
        reason,
        at,
        errorMessage(e),
        e,
      );
    }
    try {
      await deps.onRouteChange?.(change, { kind: 'standard' });
    } catch (e) {
      ctx.progress.warn(`Could not record the rollback for the post step: ${errorMessage(e)}`);
    }
  }

  const confirmation = deps.probe
    ? await confirmRoute(ctx, deps.probe, 'lambda-standard', {
        ratePerSecond: deps.probeRate ?? DEFAULTS.probeRate,
        samples: deps.confirmSamples ?? FIXED.confirmSamples,
        settleMs: (deps.settleSeconds ?? FIXED.settleSeconds) * 1000,
      })
    : undefined;
  if (!confirmation) {
    ctx.progress.warn(
      'The rollback was not verified by probes (no prober); the stage reads back as standard.',
    );
  } else if (confirmation.confirmed) {
    ctx.progress.info(
      `Rollback verified: ${confirmation.probes} probe(s), the last ${deps.confirmSamples ?? FIXED.confirmSamples} all answered by the standard twin.`,
    );
  } else {
    ctx.progress.error(
      `Rollback NOT verified: the stage reads back as standard, but within ${deps.settleSeconds ?? FIXED.settleSeconds}s ` +
        `${confirmation.strays} of ${confirmation.probes} probes still reached the LMI alias or failed. Check the stage and the twin.`,
    );
  }
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
  ctx.progress.error(message);
  ctx.progress.error(`Stage state now: ${stageState}`);
  ctx.progress.error(`Fix by hand: ${manualFix}`);
  return new RollbackFailedError(
    message,
    [`Rollback reason: ${reason}`, `Stage state now: ${stageState}`, `Fix by hand: ${manualFix}`],
    { reason, at, verified: false, probes: 0, finalRoute, failure: { message, stageState, manualFix } },
    { cause },
  );
}
