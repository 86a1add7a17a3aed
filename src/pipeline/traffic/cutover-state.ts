// What the main step leaves for the post step: before and after every route change the Action
// saves this small object (core.saveState), so that if the main step dies mid-shift — job
// cancelled, runner killed, timeout — the post step (post-if: always()) knows which stage to look
// at, which production version the run started from and which canary it meant to set. It undoes
// only a canary that matches its own (this run's candidate over this run's production version);
// a canary someone else set is reported and left alone, because undoing it could undo their fix.
// The repair itself is in interrupted-repair.ts, so reading the state loads no AWS client.
import { z } from 'zod';
import { routeSchema, versionRefSchema } from '../../core/route-schema.js';
import type { Route, RouteChange, VersionRef } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';
import type { RouteRef } from './route.js';

/** The core.saveState / core.getState key. */
export const CUTOVER_STATE_KEY = 'lmi-cutover-route';

export interface CutoverState {
  readonly version: 2;
  readonly stackName: string;
  readonly region: string;
  readonly restApiId: string;
  readonly stage: string;
  readonly lmiFunctionName: string;
  readonly standardFunctionName: string;
  /** The production version the run started from: where an interrupted shift goes back to. */
  readonly production: VersionRef;
  /** The LMI version this run sends canary traffic to, once it has decided to. */
  readonly candidate?: VersionRef;
  /** The route the run is about to set (saved before each UpdateStage) or last set. */
  readonly intendedRoute: Route;
  /** The route the stage last read back after a change of this run. */
  readonly currentRoute: Route;
  /** ISO time of the last save. */
  readonly at: string;
  /** The stage's public URL (ApiUrl), so the post step can prove its repair with probes. */
  readonly stageUrl?: string;
  /** The SSM parameter holding the webhook signing secret the probes sign with. */
  readonly secretParameter?: string;
  /** An app's checks file (the `checks` input): the post step proves its repair with its load request. */
  readonly checksFile?: string;
}

const stateSchema = z.object({
  version: z.literal(2),
  stackName: z.string().min(1),
  region: z.string(),
  restApiId: z.string().min(1),
  stage: z.string().min(1),
  lmiFunctionName: z.string().min(1),
  standardFunctionName: z.string().min(1),
  production: versionRefSchema,
  candidate: versionRefSchema.optional(),
  intendedRoute: routeSchema,
  currentRoute: routeSchema,
  at: z.string(),
  stageUrl: z.string().min(1).optional(),
  secretParameter: z.string().min(1).optional(),
  checksFile: z.string().min(1).optional(),
});

export function initialCutoverState(args: {
  stackName: string;
  region: string;
  ref: RouteRef;
  route: Route;
  production: VersionRef;
  candidate?: VersionRef;
  at: string;
  stageUrl?: string;
  secretParameter?: string;
  checksFile?: string;
}): CutoverState {
  return {
    version: 2,
    stackName: args.stackName,
    region: args.region,
    restApiId: args.ref.restApiId,
    stage: args.ref.stage,
    lmiFunctionName: args.ref.lmiFunctionName,
    standardFunctionName: args.ref.standardFunctionName,
    production: args.production,
    ...(args.candidate ? { candidate: args.candidate } : {}),
    intendedRoute: args.route,
    currentRoute: args.route,
    at: args.at,
    ...(args.stageUrl ? { stageUrl: args.stageUrl } : {}),
    ...(args.secretParameter ? { secretParameter: args.secretParameter } : {}),
    ...(args.checksFile ? { checksFile: args.checksFile } : {}),
  };
}

/** The state just before an UpdateStage: the route the run is about to set. */
export function intendCutoverState(state: CutoverState, to: Route, at: string): CutoverState {
  const candidate = to.kind === 'canary' ? to.candidate : undefined;
  return { ...state, intendedRoute: to, ...(candidate ? { candidate } : {}), at };
}

/** The state after a route change. */
export function advanceCutoverState(
  state: CutoverState,
  change: Pick<RouteChange, 'to' | 'at'>,
): CutoverState {
  return { ...state, intendedRoute: change.to, currentRoute: change.to, at: change.at };
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
