// What the run remembers about the route: the state the post step reads back (saved before and
// after every route change through an injected sink — core.saveState in the Action) and the
// report's route and cutover sections.
import { errorMessage } from '../../core/aws-errors.js';
import type { CutoverSection } from '../../report/model.js';
import type { Route, RouteChange, VersionRef } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import {
  advanceCutoverState,
  initialCutoverState,
  intendCutoverState,
  type CutoverState,
} from './cutover-state.js';
import type { RouteRef } from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** Where the Action saves the state for its post step; the CLI and tests pass their own. */
export type RouteStateSink = (state: CutoverState) => void | Promise<void>;

export interface RouteStateRecorder {
  readonly state: CutoverState;
  /** For CutoverDeps/RollbackDeps.onRouteIntent: saved before the UpdateStage is sent. */
  readonly onRouteIntent: (to: Route) => Promise<void>;
  /** For CutoverDeps/RollbackDeps.onRouteChange. */
  readonly onRouteChange: (change: RouteChange, route: Route) => Promise<void>;
}

export async function routeStateRecorder(
  ctx: PipelineContext,
  args: {
    stackName: string;
    ref: RouteRef;
    route: Route;
    /** The production version the run starts from. */
    production: VersionRef;
    stageUrl?: string;
    secretParameter?: string;
    checksFile?: string;
  },
  sink: RouteStateSink | undefined,
): Promise<RouteStateRecorder> {
  let state = initialCutoverState({
    stackName: args.stackName,
    region: await ctx.aws.region(),
    ref: args.ref,
    route: args.route,
    production: args.production,
    at: new Date(ctx.clock.now()).toISOString(),
    stageUrl: args.stageUrl,
    secretParameter: args.secretParameter,
    checksFile: args.checksFile,
  });
  const save = async () => {
    try {
      await sink?.(state);
    } catch (e) {
      // The shift goes on: the stage is the truth, the saved state only helps a post step.
      ctx.progress.emit(
        TRAFFIC_MESSAGES.routeStateNotSaved,
        `Could not save the route state for the post step: ${errorMessage(e)}`,
      );
    }
  };
  return {
    get state() {
      return state;
    },
    onRouteIntent: async (to) => {
      state = intendCutoverState(state, to, new Date(ctx.clock.now()).toISOString());
      await save();
    },
    onRouteChange: async (change) => {
      state = advanceCutoverState(state, change);
      await save();
    },
  };
}

export const emptyCutoverSection = (): CutoverSection => ({
  steps: [],
  routeChanges: [],
  promoted: false,
  rolledBack: false,
  deletedVersions: [],
});
