// Where the API stage sends production traffic, read from and written to the stage itself.
// The stage variable `liveFunction` pins the production version (`<function>:<version>`): only
// lmi-cutover moves it, and a deploy passes its current value back to the template, so
// CloudFormation never does. A canary sends `percentTraffic` % of requests to the same
// deployment with `liveFunction` overridden to the candidate LMI version. Two more variables
// remember the release's way back: `rollbackFunction` (the production version before the
// last promotion) and `fallbackFunction` (the twin's last verified version). Any other shape
// is reported with its raw values rather than guessed at.
//
// Every change is ONE UpdateStage call whose patch operations fully determine the route, so a
// change is never half-applied; the stage AWS returns is classified again and compared with the
// intended route before the change counts.
import type { PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { getStage, updateStage } from '../../aws/apigateway.js';
import { errorMessage, errorName, isNotFoundError } from '../../core/aws-errors.js';
import {
  describeRoute,
  productionOf,
  qualifiedName,
  sameVersion,
  type Route,
  type RouteChange,
  type VersionRef,
} from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { shellQuote } from '../../core/format.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** The stage variable the integration URI interpolates (`function:${stageVariables.liveFunction}`). */
const LIVE_VARIABLE = 'liveFunction';
/** The production version before the last promotion: where `rollback` returns. */
const ROLLBACK_VARIABLE = 'rollbackFunction';
/** The twin's last verified version: where `rollback --to standard` sends production. */
const FALLBACK_VARIABLE = 'fallbackFunction';

export interface StageRef {
  readonly restApiId: string;
  readonly stage: string;
}

export interface RouteRef extends StageRef {
  readonly lmiFunctionName: string;
  readonly standardFunctionName: string;
}

/** The parts of a stage that decide the route, exactly as API Gateway returned them. */
export interface StageRouteState {
  readonly deploymentId?: string;
  readonly liveFunction?: string;
  readonly rollbackFunction?: string;
  readonly fallbackFunction?: string;
  readonly canary?: {
    readonly percentTraffic: number;
    readonly deploymentId?: string;
    readonly liveFunctionOverride?: string;
  };
}

export interface RouteReading {
  readonly route: Route;
  readonly state: StageRouteState;
}

export type RouteClassification =
  { readonly known: true; readonly route: Route } | { readonly known: false; readonly reason: string };

function stageRouteState(stage: Stage): StageRouteState {
  const c = stage.canarySettings;
  const v = stage.variables ?? {};
  return {
    deploymentId: stage.deploymentId,
    liveFunction: v[LIVE_VARIABLE],
    ...(v[ROLLBACK_VARIABLE] ? { rollbackFunction: v[ROLLBACK_VARIABLE] } : {}),
    ...(v[FALLBACK_VARIABLE] ? { fallbackFunction: v[FALLBACK_VARIABLE] } : {}),
    ...(c
      ? {
          canary: {
            percentTraffic: c.percentTraffic ?? 0,
            deploymentId: c.deploymentId,
            liveFunctionOverride: c.stageVariableOverrides?.[LIVE_VARIABLE],
          },
        }
      : {}),
  };
}

/** `arn:aws:lambda:eu-west-1:123:function:name:7` → `name:7`: the stage variable's short form. */
function shortTarget(value: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:(.+)$/.exec(value);
  return m ? m[1]! : value;
}

/** The version a stage variable names, or why it names none of the workload's versions. */
export function parseTarget(value: string | undefined, ref: RouteRef): VersionRef | string {
  if (value === undefined || value === '') return 'not set';
  const short = shortTarget(value);
  const i = short.lastIndexOf(':');
  const name = i > 0 ? short.slice(0, i) : short;
  const qualifier = i > 0 ? short.slice(i + 1) : '';
  const side =
    name === ref.lmiFunctionName ? 'lmi' : name === ref.standardFunctionName ? 'standard' : undefined;
  if (!side) {
    return `"${value}", neither the LMI function (${ref.lmiFunctionName}) nor the standard twin (${ref.standardFunctionName})`;
  }
  if (!/^\d+$/.test(qualifier)) {
    return `"${value}", which is not a published version (lmi-cutover pins production to a version number, never an alias or $LATEST)`;
  }
  return { side, functionName: name, version: qualifier };
}

/** standard, lmi or canary:N with the versions — or why the stage is none of them. */
export function classifyRoute(state: StageRouteState, ref: RouteRef): RouteClassification {
  const base = parseTarget(state.liveFunction, ref);
  if (typeof base === 'string') return { known: false, reason: `${LIVE_VARIABLE} is ${base}` };
  const canary = state.canary;
  if (!canary) return { known: true, route: { kind: base.side, target: base } };
  const candidate = parseTarget(canary.liveFunctionOverride, ref);
  // A promotion copies the canary onto the stage before removing it: until then every request
  // reaches the same version whichever side it takes.
  if (typeof candidate !== 'string' && sameVersion(candidate, base)) {
    return { known: true, route: { kind: base.side, target: base } };
  }
  if (typeof candidate === 'string' || candidate.side !== 'lmi') {
    return {
      known: false,
      reason:
        `a canary of ${canary.percentTraffic} % overrides ${LIVE_VARIABLE} with ` +
        `${typeof candidate === 'string' ? candidate : `the twin's version ${candidate.version}`}; ` +
        'lmi-cutover only makes canaries to a version of the LMI function',
    };
  }
  return { known: true, route: { kind: 'canary', percent: canary.percentTraffic, base, candidate } };
}

/** The release's way back as the stage remembers it; a value that names no version is dropped. */
export function wayBack(
  state: StageRouteState,
  ref: RouteRef,
): { rollback?: VersionRef; fallback?: VersionRef } {
  const rollback = parseTarget(state.rollbackFunction, ref);
  const fallback = parseTarget(state.fallbackFunction, ref);
  return {
    ...(typeof rollback !== 'string' ? { rollback } : {}),
    ...(typeof fallback !== 'string' && fallback.side === 'standard' ? { fallback } : {}),
  };
}

/** One line for logs and errors: every value that decides the route. */
export function describeStageState(state: StageRouteState): string {
  const vars =
    `${LIVE_VARIABLE}=${state.liveFunction ?? '(unset)'}` +
    (state.rollbackFunction ? `, ${ROLLBACK_VARIABLE}=${state.rollbackFunction}` : '') +
    (state.fallbackFunction ? `, ${FALLBACK_VARIABLE}=${state.fallbackFunction}` : '');
  const base = `deployment ${state.deploymentId ?? '(none)'}, ${vars}`;
  const c = state.canary;
  if (!c) return `${base}, no canary`;
  return (
    `${base}, canary ${c.percentTraffic} % on deployment ${c.deploymentId ?? '(none)'} with ` +
    `${LIVE_VARIABLE}=${c.liveFunctionOverride ?? '(not overridden)'}`
  );
}

export const where = (ref: StageRef): string => `stage ${ref.stage} of REST API ${ref.restApiId}`;

/** The stage's raw route state (GetStage). STAGE_NOT_FOUND when the API or stage is gone. */
export async function readStage(ctx: PipelineContext, ref: StageRef): Promise<StageRouteState> {
  try {
    return stageRouteState(await getStage(ctx.aws.apiGateway, ref));
  } catch (e) {
    throwIfAccessDenied(e, 'apigateway:GET', `${where(ref)}`);
    if (isNotFoundError(e) || errorName(e) === 'NotFoundException') {
      throw new CutoverError(
        'STAGE_NOT_FOUND',
        `API Gateway has no ${where(ref)} (${errorMessage(e)}). Deploy the stack first, or check the stack's RestApiId and StageName outputs.`,
        [],
        { cause: e },
      );
    }
    throw e;
  }
}

function unknownRouteError(
  ref: RouteRef,
  state: StageRouteState,
  reason: string,
  region: string | undefined,
): CutoverError {
  const back = wayBack(state, ref);
  const fixes = [back.rollback, back.fallback].filter((v): v is VersionRef => v !== undefined);
  const hasCanary = state.canary !== undefined;
  // Nothing remembered: the command's shape, with the version left for a person to fill in.
  const placeholder: VersionRef = { side: 'lmi', functionName: ref.lmiFunctionName, version: '<version>' };
  const commands =
    fixes.length > 0
      ? fixes.map(
          (v) => `All traffic to ${qualifiedName(v)}: ${manualRouteCommand(ref, v, hasCanary, region)}`,
        )
      : [
          `All traffic to one published version (fill in <version>; the twin is ${ref.standardFunctionName}): ` +
            manualRouteCommand(ref, placeholder, hasCanary, region),
        ];
  return new CutoverError(
    'ROUTE_UNKNOWN',
    `The route of ${where(ref)} is not one lmi-cutover made: ${reason}. Nothing was changed; ` +
      'set it to a known route by hand (for example with a command below) and run again.',
    [`Stage state: ${describeStageState(state)}`, ...commands],
  );
}

/** The stage's route; ROUTE_UNKNOWN, with the raw values and the fix, for any other shape. */
export async function readRoute(ctx: PipelineContext, ref: RouteRef): Promise<RouteReading> {
  const state = await readStage(ctx, ref);
  const c = classifyRoute(state, ref);
  if (!c.known) throw unknownRouteError(ref, state, c.reason, await ctx.aws.region());
  if (state.canary && c.route.kind === 'canary' && state.canary.deploymentId !== state.deploymentId) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.canaryDeploymentDiffers,
      `The canary of ${where(ref)} runs deployment ${state.canary.deploymentId ?? '(none)'} while the stage runs ` +
        `${state.deploymentId ?? '(none)'}; the next canary step puts both on the stage's deployment.`,
    );
  }
  return { route: c.route, state };
}

// --- route changes --------------------------------------------------------------------------

/** A route change that AWS accepted and that reads back as intended. */
export interface AppliedRoute {
  readonly change: RouteChange;
  readonly route: Route;
  readonly state: StageRouteState;
  /** The patch operations that were sent, for logs and manual replay. */
  readonly operations: readonly PatchOperation[];
}

/** `before` is the stage as last read or changed: its deployment and whether it has a canary. */
export interface RouteBefore {
  readonly route: Route;
  readonly state: StageRouteState;
}

/** What a whole-route change does to the remembered way back: a version, remove it, or leave it. */
export interface WayBackChange {
  readonly rollback?: VersionRef | null;
  readonly fallback?: VersionRef | null;
}

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });
const remove = (path: string): PatchOperation => ({ op: 'remove', path });

function wayBackOperations(state: StageRouteState, change: WayBackChange): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const one = (name: string, value: VersionRef | null | undefined, present: boolean) => {
    if (value) ops.push(replace(`/variables/${name}`, qualifiedName(value)));
    else if (value === null && present) ops.push(remove(`/variables/${name}`));
  };
  one(ROLLBACK_VARIABLE, change.rollback, state.rollbackFunction !== undefined);
  one(FALLBACK_VARIABLE, change.fallback, state.fallbackFunction !== undefined);
  return ops;
}

/** All traffic to `target`, no canary; the canary is removed only when there is one to remove. */
function wholeRouteOperations(target: VersionRef, hasCanary: boolean): PatchOperation[] {
  return [
    replace(`/variables/${LIVE_VARIABLE}`, qualifiedName(target)),
    ...(hasCanary ? [remove('/canarySettings')] : []),
  ];
}

/** `aws apigateway update-stage …` that sets the route by hand (for error messages), every value quoted. */
export function manualRouteCommand(
  ref: StageRef,
  target: VersionRef,
  hasCanary: boolean,
  region?: string,
): string {
  const ops = wholeRouteOperations(target, hasCanary)
    .map((o) => shellQuote(`op=${o.op},path=${o.path}${o.value !== undefined ? `,value=${o.value}` : ''}`))
    .join(' ');
  return (
    `aws apigateway update-stage --rest-api-id ${shellQuote(ref.restApiId)} --stage-name ${shellQuote(ref.stage)}` +
    `${region ? ` --region ${shellQuote(region)}` : ''} --patch-operations ${ops}`
  );
}

function sameRoute(a: Route, b: Route): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'canary' && b.kind === 'canary') {
    return a.percent === b.percent && sameVersion(a.base, b.base) && sameVersion(a.candidate, b.candidate);
  }
  return sameVersion(productionOf(a), productionOf(b));
}

async function applyRoute(
  ctx: PipelineContext,
  ref: RouteRef,
  from: Route,
  to: Route,
  operations: PatchOperation[],
  why: string,
): Promise<AppliedRoute> {
  let stage: Stage;
  try {
    stage = await updateStage(ctx.aws.apiGateway, ref, operations);
  } catch (e) {
    throwIfAccessDenied(e, 'apigateway:PATCH', where(ref));
    throw new CutoverError(
      'ROUTE_CHANGE_FAILED',
      `UpdateStage on ${where(ref)} failed while moving the route from ${describeRoute(from)} to ${describeRoute(to)}: ${errorMessage(e)}`,
      [`Patch operations: ${JSON.stringify(operations)}`],
      { cause: e },
    );
  }
  const state = stageRouteState(stage);
  const got = classifyRoute(state, ref);
  if (!got.known || !sameRoute(got.route, to)) {
    throw new CutoverError(
      'ROUTE_CHANGE_FAILED',
      `UpdateStage on ${where(ref)} was accepted, but the stage it returned is ` +
        `${got.known ? describeRoute(got.route) : `not a known route (${got.reason})`}, not ${describeRoute(to)}.`,
      [`Stage state: ${describeStageState(state)}`, `Patch operations: ${JSON.stringify(operations)}`],
    );
  }
  const change: RouteChange = { at: new Date(ctx.clock.now()).toISOString(), from, to: got.route, why };
  ctx.progress.emit(
    TRAFFIC_MESSAGES.routeChanged,
    `${change.at} route ${describeRoute(from)} → ${describeRoute(got.route)}: ${why}`,
  );
  return { change, route: got.route, state, operations };
}

/**
 * `percent` % of traffic to `candidate` on the stage's own deployment; the rest stays on the
 * production version. `replace` on /canarySettings/* creates the canary when the stage has none
 * (AWS accepts `replace` only, not `add`, on these paths).
 */
export async function setCanary(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  candidate: VersionRef,
  percent: number,
  why: string,
): Promise<AppliedRoute> {
  if (!(percent > 0 && percent <= 100)) {
    throw new CutoverError(
      'INVALID_INPUT',
      `A canary step must be above 0 and at most 100 %, not ${percent}.`,
    );
  }
  const base = productionOf(before.route);
  if (!base)
    throw new CutoverError('INTERNAL_ERROR', 'A canary needs the production version it starts from.');
  const operations = [
    replace('/canarySettings/percentTraffic', String(percent)),
    ...(before.state.deploymentId
      ? [replace('/canarySettings/deploymentId', before.state.deploymentId)]
      : []),
    replace(`/canarySettings/stageVariableOverrides/${LIVE_VARIABLE}`, qualifiedName(candidate)),
  ];
  return applyRoute(ctx, ref, before.route, { kind: 'canary', percent, base, candidate }, operations, why);
}

/**
 * Promotion as API Gateway documents it: the canary's stage-variable overrides and deployment
 * are copied onto the stage (all traffic then reaches the candidate whichever side a request
 * takes), then the canary is removed and the way back recorded in a second call.
 */
export async function promoteCanary(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  wayBackAfter: WayBackChange,
  why: string,
): Promise<AppliedRoute> {
  const from = before.route;
  if (from.kind !== 'canary' || !from.candidate) {
    throw new CutoverError('INTERNAL_ERROR', `Only a canary can be promoted, not ${describeRoute(from)}.`);
  }
  const promoted: Route = { kind: 'lmi', target: from.candidate };
  const copied = await applyRoute(
    ctx,
    ref,
    from,
    promoted,
    [
      replace('/canarySettings/percentTraffic', '0.0'),
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ],
    why,
  );
  const cleaned = await applyRoute(
    ctx,
    ref,
    promoted,
    promoted,
    [remove('/canarySettings'), ...wayBackOperations(copied.state, wayBackAfter)],
    'promotion: the canary removed, the way back recorded',
  );
  return { ...cleaned, change: copied.change, operations: [...copied.operations, ...cleaned.operations] };
}

/** All traffic to `target` and no canary, in one UpdateStage, with the way back updated as told. */
export async function routeTo(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  target: VersionRef,
  why: string,
  wayBackAfter: WayBackChange = {},
): Promise<AppliedRoute> {
  const ops = [
    ...wholeRouteOperations(target, before.state.canary !== undefined),
    ...wayBackOperations(before.state, wayBackAfter),
  ];
  return applyRoute(ctx, ref, before.route, { kind: target.side, target }, ops, why);
}

// --- from the stack outputs -----------------------------------------------------------------

/** The stage and both functions from the workload stack's outputs. */
export function routeRefFromOutputs(outputs: Readonly<Record<string, string>>, stackName: string): RouteRef {
  const need = ['RestApiId', 'StageName', 'LmiFunctionName', 'StandardFunctionName'];
  const missing = need.filter((k) => !outputs[k]);
  if (missing.length > 0) {
    throw new CutoverError(
      'STACK_OUTPUTS_MISSING',
      `Stack ${stackName} has no ${missing.join(', ')} output${missing.length === 1 ? '' : 's'}; the release needs the stage and both functions. ` +
        'Use the bundled workload template or add these outputs to yours.',
    );
  }
  return {
    restApiId: outputs.RestApiId!,
    stage: outputs.StageName!,
    lmiFunctionName: shortTarget(outputs.LmiFunctionName!),
    standardFunctionName: shortTarget(outputs.StandardFunctionName!),
  };
}

/** The versions this deploy published (LmiVersion, StandardVersion outputs). */
export function deployedVersions(
  outputs: Readonly<Record<string, string>>,
  ref: RouteRef,
): { lmi?: VersionRef; standard?: VersionRef } {
  const v = (side: 'lmi' | 'standard', version: string | undefined): VersionRef | undefined =>
    version && /^\d+$/.test(version)
      ? { side, functionName: side === 'lmi' ? ref.lmiFunctionName : ref.standardFunctionName, version }
      : undefined;
  const lmi = v('lmi', outputs.LmiVersion);
  const standard = v('standard', outputs.StandardVersion);
  return { ...(lmi ? { lmi } : {}), ...(standard ? { standard } : {}) };
}
