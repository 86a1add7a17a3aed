// Where the API stage sends production traffic, read from and written to the stage itself.
// The stage variable `liveFunction` names the alias the stage invokes (`<function>:live`, as the
// template sets it); a canary sends `percentTraffic` % of requests to the same deployment with
// `liveFunction` overridden to the LMI alias. Three shapes are ours — standard, canary:N and
// lmi — and anything else is reported with its raw values rather than guessed at.
//
// Every change is ONE UpdateStage call whose patch operations fully determine the route, so a
// change is never half-applied; the stage AWS returns is classified again and compared with the
// intended route before the change counts.
import type { PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { getStage, updateStage } from '../../aws/apigateway.js';
import { errorMessage, errorName, isNotFoundError } from '../../core/aws-errors.js';
import { routeLabel, type Route, type RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** The stage variable the integration URI interpolates (`function:${stageVariables.liveFunction}`). */
const LIVE_VARIABLE = 'liveFunction';

export interface StageRef {
  readonly restApiId: string;
  readonly stage: string;
}

export interface RouteTargets {
  /** `<lmi function>:live`: what `liveFunction` holds when the LMI alias serves. */
  readonly lmiTarget: string;
  /** `<standard twin>:live`. */
  readonly standardTarget: string;
}

export interface RouteRef extends StageRef, RouteTargets {}

/** The parts of a stage that decide the route, exactly as API Gateway returned them. */
export interface StageRouteState {
  readonly deploymentId?: string;
  readonly liveFunction?: string;
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
  return {
    deploymentId: stage.deploymentId,
    liveFunction: stage.variables?.[LIVE_VARIABLE],
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

/**
 * `arn:aws:lambda:eu-west-1:123:function:name:live` and `name:live` name the same alias; the
 * stage variable must hold the short form, but a caller may hand in the ARN from the outputs.
 */
export function aliasTarget(value: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:(.+)$/.exec(value);
  return m ? m[1]! : value;
}

const same = (value: string | undefined, target: string) =>
  value !== undefined && aliasTarget(value) === aliasTarget(target);

/** standard, lmi or canary:N — or why the stage is none of them. */
export function classifyRoute(state: StageRouteState, targets: RouteTargets): RouteClassification {
  const base = state.liveFunction;
  const baseIs = same(base, targets.standardTarget)
    ? 'standard'
    : same(base, targets.lmiTarget)
      ? 'lmi'
      : undefined;
  if (!baseIs) {
    return {
      known: false,
      reason: `${LIVE_VARIABLE} is ${base === undefined ? 'not set' : `"${base}"`}, neither the standard twin (${targets.standardTarget}) nor the LMI alias (${targets.lmiTarget})`,
    };
  }
  const canary = state.canary;
  if (!canary) return { known: true, route: { kind: baseIs } };
  if (baseIs === 'standard' && same(canary.liveFunctionOverride, targets.lmiTarget)) {
    return { known: true, route: { kind: 'canary', percent: canary.percentTraffic } };
  }
  return {
    known: false,
    reason:
      `${LIVE_VARIABLE} points at the ${baseIs === 'lmi' ? 'LMI alias' : 'standard twin'} and a canary of ${canary.percentTraffic} % ` +
      `overrides it with ${canary.liveFunctionOverride === undefined ? 'nothing' : `"${canary.liveFunctionOverride}"`}; ` +
      `lmi-cutover only makes canaries from the standard twin to the LMI alias`,
  };
}

/** One line for logs and errors: every value that decides the route. */
export function describeStageState(state: StageRouteState): string {
  const base = `deployment ${state.deploymentId ?? '(none)'}, ${LIVE_VARIABLE}=${state.liveFunction ?? '(unset)'}`;
  const c = state.canary;
  if (!c) return `${base}, no canary`;
  return (
    `${base}, canary ${c.percentTraffic} % on deployment ${c.deploymentId ?? '(none)'} with ` +
    `${LIVE_VARIABLE}=${c.liveFunctionOverride ?? '(not overridden)'}`
  );
}

const where = (ref: StageRef) => `stage ${ref.stage} of REST API ${ref.restApiId}`;

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
  return new CutoverError(
    'ROUTE_UNKNOWN',
    `The route of ${where(ref)} is not one lmi-cutover made: ${reason}. Nothing was changed; ` +
      'set it to a known route by hand (one of the commands below) and run again.',
    [
      `Stage state: ${describeStageState(state)}`,
      `All traffic to the standard twin: ${manualRouteCommand(ref, 'standard', state.canary !== undefined, region)}`,
      `All traffic to the LMI alias: ${manualRouteCommand(ref, 'lmi', state.canary !== undefined, region)}`,
    ],
  );
}

/** The stage's route; ROUTE_UNKNOWN, with the raw values and the fix, for any other shape. */
export async function readRoute(ctx: PipelineContext, ref: RouteRef): Promise<RouteReading> {
  const state = await readStage(ctx, ref);
  const c = classifyRoute(state, ref);
  if (!c.known) throw unknownRouteError(ref, state, c.reason, await ctx.aws.region());
  if (state.canary && state.canary.deploymentId !== state.deploymentId) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.canaryDeploymentDiffers,
      `The canary of ${where(ref)} runs deployment ${state.canary.deploymentId ?? '(none)'} while the stage runs ` +
        `${state.deploymentId ?? '(none)'}; the next canary step puts both on the stage's deployment.`,
    );
  }
  return { route: c.route, state };
}

/**
 * The value for the template's LiveTarget parameter, so a redeploy keeps the live route. A
 * canary is refused: CloudFormation would reset it, and finishing or undoing it is a decision.
 */
export function liveTargetParameter(route: Route): 'standard' | 'lmi' {
  if (route.kind !== 'canary') return route.kind;
  throw new CutoverError(
    'ROUTE_MID_CANARY',
    `The stage is in the middle of a cutover (canary:${route.percent}: ${route.percent} % of traffic on the LMI alias). ` +
      'A deploy now would move that traffic. Finish it with mode cutover (resume: continue) or undo it with mode rollback, then deploy.',
  );
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

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });
const removeCanary: PatchOperation = { op: 'remove', path: '/canarySettings' };

/** Route to `target` with no canary; the canary is removed only when there is one to remove. */
function wholeRouteOperations(
  targets: RouteTargets,
  target: 'standard' | 'lmi',
  hasCanary: boolean,
): PatchOperation[] {
  const value = aliasTarget(target === 'lmi' ? targets.lmiTarget : targets.standardTarget);
  return [replace(`/variables/${LIVE_VARIABLE}`, value), ...(hasCanary ? [removeCanary] : [])];
}

/**
 * The base on the standard twin and a canary of `percent` % on the stage's own deployment with
 * the LMI alias. `replace` on /canarySettings/* creates the canary when the stage has none (AWS
 * accepts `replace` only, not `add`, on these paths).
 */
function canaryOperations(
  targets: RouteTargets,
  percent: number,
  deploymentId: string | undefined,
): PatchOperation[] {
  return [
    replace(`/variables/${LIVE_VARIABLE}`, aliasTarget(targets.standardTarget)),
    replace('/canarySettings/percentTraffic', String(percent)),
    ...(deploymentId ? [replace('/canarySettings/deploymentId', deploymentId)] : []),
    replace(`/canarySettings/stageVariableOverrides/${LIVE_VARIABLE}`, aliasTarget(targets.lmiTarget)),
  ];
}

/** `aws apigateway update-stage …` that sets the route by hand (for error messages). */
export function manualRouteCommand(
  ref: RouteRef,
  target: 'standard' | 'lmi',
  hasCanary: boolean,
  region?: string,
): string {
  const ops = wholeRouteOperations(ref, target, hasCanary)
    .map((o) => `op=${o.op},path=${o.path}${o.value !== undefined ? `,value=${o.value}` : ''}`)
    .join(' ');
  return (
    `aws apigateway update-stage --rest-api-id ${ref.restApiId} --stage-name ${ref.stage}` +
    `${region ? ` --region ${region}` : ''} --patch-operations ${ops}`
  );
}

function sameRoute(a: Route, b: Route): boolean {
  return a.kind === b.kind && (a.kind !== 'canary' || (b.kind === 'canary' && a.percent === b.percent));
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
      `UpdateStage on ${where(ref)} failed while moving the route from ${routeLabel(from)} to ${routeLabel(to)}: ${errorMessage(e)}`,
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
        `${got.known ? routeLabel(got.route) : `not a known route (${got.reason})`}, not ${routeLabel(to)}.`,
      [`Stage state: ${describeStageState(state)}`, `Patch operations: ${JSON.stringify(operations)}`],
    );
  }
  const change: RouteChange = { at: new Date(ctx.clock.now()).toISOString(), from, to, why };
  ctx.progress.emit(
    TRAFFIC_MESSAGES.routeChanged,
    `${change.at} route ${routeLabel(from)} → ${routeLabel(to)}: ${why}`,
  );
  return { change, route: got.route, state, operations };
}

/** `before` is the stage as last read or changed: its deployment and whether it has a canary. */
export interface RouteBefore {
  readonly route: Route;
  readonly state: StageRouteState;
}

export async function setCanary(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  percent: number,
  why: string,
): Promise<AppliedRoute> {
  if (!(percent > 0 && percent <= 100)) {
    throw new CutoverError(
      'INVALID_INPUT',
      `A canary step must be above 0 and at most 100 %, not ${percent}.`,
    );
  }
  return applyRoute(
    ctx,
    ref,
    before.route,
    { kind: 'canary', percent },
    canaryOperations(ref, percent, before.state.deploymentId),
    why,
  );
}

/** liveFunction = the LMI alias and no canary. */
export async function promoteToLmi(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  why: string,
): Promise<AppliedRoute> {
  const ops = wholeRouteOperations(ref, 'lmi', before.state.canary !== undefined);
  return applyRoute(ctx, ref, before.route, { kind: 'lmi' }, ops, why);
}

/** liveFunction = the standard twin and no canary. */
export async function routeToStandard(
  ctx: PipelineContext,
  ref: RouteRef,
  before: RouteBefore,
  why: string,
): Promise<AppliedRoute> {
  const ops = wholeRouteOperations(ref, 'standard', before.state.canary !== undefined);
  return applyRoute(ctx, ref, before.route, { kind: 'standard' }, ops, why);
}

// --- from the stack outputs -----------------------------------------------------------------

/** The stage and both aliases from the workload stack's outputs (RestApiId, StageName, *AliasArn). */
export function routeRefFromOutputs(outputs: Readonly<Record<string, string>>, stackName: string): RouteRef {
  const need = ['RestApiId', 'StageName', 'LmiAliasArn', 'StandardAliasArn'];
  const missing = need.filter((k) => !outputs[k]);
  if (missing.length > 0) {
    throw new CutoverError(
      'STACK_OUTPUTS_MISSING',
      `Stack ${stackName} has no ${missing.join(', ')} output${missing.length === 1 ? '' : 's'}; the cutover needs the stage and both aliases. ` +
        'Use the bundled workload template or add these outputs to yours.',
    );
  }
  return {
    restApiId: outputs.RestApiId!,
    stage: outputs.StageName!,
    lmiTarget: aliasTarget(outputs.LmiAliasArn!),
    standardTarget: aliasTarget(outputs.StandardAliasArn!),
  };
}
