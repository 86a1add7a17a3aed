// What the main step leaves for the post step: after every route change the Action saves this
// small object (core.saveState), so that if the main step dies mid-shift — job cancelled,
// runner killed, timeout — the post step (post-if: always()) knows which stage to look at and
// which route was last consistent, and can put production back there.
import { z } from 'zod';
import { type RollbackSection } from '../../report/model.js';
import { routeLabel, type Route, type RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { confirmRoute, type Prober } from './probe.js';
import { FIXED } from '../../config/defaults.js';
import { rollbackToStandard, type RollbackDeps } from './rollback.js';
import { promoteToLmi, readRoute, type RouteReading, type RouteRef } from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** The core.saveState / core.getState key. */
export const CUTOVER_STATE_KEY = 'lmi-cutover-route';

type ConsistentRoute = { kind: 'standard' } | { kind: 'lmi' };

export interface CutoverState {
  readonly version: 1;
  readonly stackName: string;
  readonly region: string;
  readonly restApiId: string;
  readonly stage: string;
  readonly standardTarget: string;
  readonly lmiTarget: string;
  /** The last route with no canary: where an interrupted shift goes back to. */
  readonly lastConsistentRoute: ConsistentRoute;
  readonly currentRoute: Route;
  /** ISO time of the last change. */
  readonly at: string;
  /** The stage's public URL (ApiUrl), so the post step can prove its repair with probes. */
  readonly stageUrl?: string;
  /** The SSM parameter holding the webhook signing secret the probes sign with. */
  readonly secretParameter?: string;
}

const routeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standard') }),
  z.object({ kind: z.literal('lmi') }),
  z.object({ kind: z.literal('canary'), percent: z.number().min(0).max(100) }),
]);

const stateSchema = z.object({
  version: z.literal(1),
  stackName: z.string().min(1),
  region: z.string(),
  restApiId: z.string().min(1),
  stage: z.string().min(1),
  standardTarget: z.string().min(1),
  lmiTarget: z.string().min(1),
  lastConsistentRoute: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('standard') }),
    z.object({ kind: z.literal('lmi') }),
  ]),
  currentRoute: routeSchema,
  at: z.string(),
  stageUrl: z.string().min(1).optional(),
  secretParameter: z.string().min(1).optional(),
});

const isConsistent = (r: Route): r is ConsistentRoute => r.kind !== 'canary';

export function initialCutoverState(args: {
  stackName: string;
  region: string;
  ref: RouteRef;
  route: Route;
  at: string;
  stageUrl?: string;
  secretParameter?: string;
}): CutoverState {
  return {
    version: 1,
    stackName: args.stackName,
    region: args.region,
    restApiId: args.ref.restApiId,
    stage: args.ref.stage,
    standardTarget: args.ref.standardTarget,
    lmiTarget: args.ref.lmiTarget,
    // A canary found at the start was made from the twin: the twin is where it goes back to.
    lastConsistentRoute: isConsistent(args.route) ? args.route : { kind: 'standard' },
    currentRoute: args.route,
    at: args.at,
    ...(args.stageUrl ? { stageUrl: args.stageUrl } : {}),
    ...(args.secretParameter ? { secretParameter: args.secretParameter } : {}),
  };
}

/** The state after a route change. */
export function advanceCutoverState(
  state: CutoverState,
  change: Pick<RouteChange, 'to' | 'at'>,
): CutoverState {
  return {
    ...state,
    currentRoute: change.to,
    lastConsistentRoute: isConsistent(change.to) ? change.to : state.lastConsistentRoute,
    at: change.at,
  };
}

export const serializeCutoverState = (state: CutoverState): string => JSON.stringify(state);

/** Undefined when nothing was saved (the main step changed no route). */
export function parseCutoverState(text: string | undefined): CutoverState | undefined {
  if (!text || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    throw new CutoverError(
      'INTERNAL_ERROR',
      'The route state the main step saved cannot be read, so the post step cannot tell whether a cutover was left unfinished. ' +
        'Check the stage with `lmi-cutover status` and run mode rollback if it shows a canary.',
      [`Saved state: ${text.slice(0, 300)}`],
    );
  }
  return parsed.data;
}

const routeRefOfState = (s: CutoverState): RouteRef => ({
  restApiId: s.restApiId,
  stage: s.stage,
  standardTarget: s.standardTarget,
  lmiTarget: s.lmiTarget,
});

export interface RepairDeps {
  /** Without a prober the repair counts as not verified. */
  readonly probe?: Prober;
  /** `probe-rate`: probes per second while confirming the repaired route. */
  readonly probeRate: number;
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
}

export type RepairResult =
  | { readonly type: 'nothing-pending'; readonly route: Route; readonly message: string }
  | {
      readonly type: 'repaired';
      readonly from: Route;
      readonly to: ConsistentRoute;
      readonly change?: RouteChange;
      /** Set when the repair was a rollback to the twin. */
      readonly rollback?: RollbackSection;
      readonly verified: boolean;
      readonly message: string;
    };

/**
 * For the post step: a stage left mid-canary goes back to the last consistent route, and the
 * result says so; a consistent stage is left alone. An unknown route throws ROUTE_UNKNOWN
 * (with the raw values and the commands to fix it) rather than being overwritten.
 */
export async function repairAfterInterruption(
  ctx: PipelineContext,
  state: CutoverState,
  deps: RepairDeps,
): Promise<RepairResult> {
  const ref = routeRefOfState(state);
  const reading = await readRoute(ctx, ref);
  const live = reading.route;
  if (live.kind !== 'canary') {
    const saved = routeLabel(state.currentRoute);
    const message =
      `The stage's route is ${routeLabel(live)}: nothing is pending` +
      (saved !== routeLabel(live) ? ` (the main step last saved ${saved} at ${state.at}).` : '.');
    ctx.progress.emit(TRAFFIC_MESSAGES.nothingPending, message);
    return { type: 'nothing-pending', route: live, message };
  }

  const to = state.lastConsistentRoute;
  const reason =
    `the main step stopped with the stage at ${routeLabel(live)} (last saved ${routeLabel(state.currentRoute)} at ${state.at}); ` +
    `returning to the last consistent route, ${routeLabel(to)}`;
  return to.kind === 'standard'
    ? repairToStandard(ctx, { ...deps, stage: ref, lastKnownRoute: live }, reason)
    : repairToLmi(ctx, { ...deps, stage: ref }, reading, reason);
}

async function repairToStandard(
  ctx: PipelineContext,
  deps: RollbackDeps & { lastKnownRoute: Route },
  reason: string,
): Promise<RepairResult> {
  const live = deps.lastKnownRoute;
  const outcome = await rollbackToStandard(ctx, deps, reason);
  const message =
    `The cutover was left unfinished at ${routeLabel(live)}; rolled back to standard` +
    (outcome.section.verified
      ? `, verified by ${outcome.section.probes} probe(s).`
      : ' (not verified by probes).');
  ctx.progress.emit(TRAFFIC_MESSAGES.repairedToStandard, message);
  return {
    type: 'repaired',
    from: live,
    to: { kind: 'standard' },
    change: outcome.change,
    rollback: outcome.section,
    verified: outcome.section.verified,
    message,
  };
}

async function repairToLmi(
  ctx: PipelineContext,
  deps: RepairDeps & { stage: RouteRef },
  reading: RouteReading,
  reason: string,
): Promise<RepairResult> {
  const live = reading.route;
  const applied = await promoteToLmi(ctx, deps.stage, reading, `post step: ${reason}`);
  await deps.onRouteChange?.(applied.change, applied.route);
  const confirmation = deps.probe
    ? await confirmRoute(ctx, deps.probe, 'lambda-managed-instances', {
        ratePerSecond: deps.probeRate,
        samples: FIXED.confirmSamples,
        settleMs: FIXED.settleSeconds * 1000,
      })
    : undefined;
  const verified = confirmation?.confirmed ?? false;
  const message =
    `The stage was left at ${routeLabel(live)}; returned it to lmi, its last consistent route` +
    (verified ? `, verified by ${confirmation!.probes} probe(s).` : ' (not verified by probes).');
  ctx.progress.emit(TRAFFIC_MESSAGES.repairedToLmi, message);
  return { type: 'repaired', from: live, to: { kind: 'lmi' }, change: applied.change, verified, message };
}
