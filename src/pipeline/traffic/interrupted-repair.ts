// The post step's repair of a release its main step left mid-canary (the state is in
// cutover-state.ts): this run's own canary goes back to where the run started; anything else is
// reported and left alone.
import { type RollbackSection } from '../../report/model.js';
import { describeRoute, sameVersion, versionLabel, type Route, type RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import type { CutoverState } from './cutover-state.js';
import type { Prober } from './probe.js';
import { rollbackTo } from './rollback.js';
import { readRoute, type RouteRef } from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

const routeRefOfState = (s: CutoverState): RouteRef => ({
  restApiId: s.restApiId,
  stage: s.stage,
  lmiFunctionName: s.lmiFunctionName,
  standardFunctionName: s.standardFunctionName,
});

export interface RepairDeps {
  /** Without a prober the repair counts as not verified. */
  readonly probe?: Prober;
  /** `probe-rate`: probes per second while confirming the repaired route. */
  readonly probeRate: number;
  /** False when the probes' answers cannot name their version (a checks file's load request). */
  readonly attributed?: boolean;
  readonly onRouteChange?: (change: RouteChange, route: Route) => void | Promise<void>;
}

export type RepairResult =
  | { readonly type: 'nothing-pending'; readonly route: Route; readonly message: string }
  | { readonly type: 'foreign-canary'; readonly route: Route; readonly message: string }
  | {
      readonly type: 'repaired';
      readonly from: Route;
      readonly to: Route;
      readonly change?: RouteChange;
      readonly rollback: RollbackSection;
      readonly verified: boolean;
      readonly message: string;
    };

/** This run's canary: its candidate over its production version. */
function isOwnCanary(route: Route, state: CutoverState): boolean {
  return (
    route.kind === 'canary' &&
    state.candidate !== undefined &&
    sameVersion(route.candidate, state.candidate) &&
    sameVersion(route.base, state.production)
  );
}

/**
 * For the post step: a canary this run started goes back to the production version it started
 * from, and the result says so; a consistent stage is left alone, and so is a canary the run
 * did not start. An unknown route throws ROUTE_UNKNOWN (with the raw values and the commands to
 * fix it) rather than being overwritten.
 */
export async function repairAfterInterruption(
  ctx: PipelineContext,
  state: CutoverState,
  deps: RepairDeps,
): Promise<RepairResult> {
  const ref = routeRefOfState(state);
  const live = (await readRoute(ctx, ref)).route;
  if (live.kind !== 'canary') {
    const saved = describeRoute(state.currentRoute);
    const message =
      `The stage's route is ${describeRoute(live)}: nothing is pending` +
      (saved !== describeRoute(live) ? ` (the main step last saved ${saved} at ${state.at}).` : '.');
    ctx.progress.emit(TRAFFIC_MESSAGES.nothingPending, message);
    return { type: 'nothing-pending', route: live, message };
  }
  if (!isOwnCanary(live, state)) {
    const message =
      `The stage has a canary, ${describeRoute(live)}, that this run's main step did not start ` +
      `(it ${state.candidate ? `meant ${versionLabel(state.candidate)} over ${versionLabel(state.production)}` : 'set no canary'}); ` +
      'left untouched. Whoever started it decides: finish it with mode cutover or undo it with mode rollback.';
    ctx.progress.emit(TRAFFIC_MESSAGES.foreignCanary, message);
    return { type: 'foreign-canary', route: live, message };
  }
  const reason =
    `the main step stopped with the stage at ${describeRoute(live)} (last saved ${describeRoute(state.currentRoute)} at ${state.at}); ` +
    `returning production to ${versionLabel(state.production)}, where the run started`;
  const outcome = await rollbackTo(
    ctx,
    { ...deps, stage: ref, target: state.production, lastKnownRoute: live },
    reason,
  );
  const message =
    `The release was left unfinished at ${describeRoute(live)}; production returned to ${versionLabel(state.production)}` +
    (outcome.section.verified
      ? `, verified by ${outcome.section.probes} probe(s).`
      : ' (not verified by probes).');
  ctx.progress.emit(TRAFFIC_MESSAGES.repairedToStandard, message);
  return {
    type: 'repaired',
    from: live,
    to: outcome.route,
    change: outcome.change,
    rollback: outcome.section,
    verified: outcome.section.verified,
    message,
  };
}
