// Before every deploy: read which version the stage sends production traffic to now, and the
// way back it remembers, and pass them back as the template's LiveFunction, RollbackFunction
// and FallbackFunction parameters, so CloudFormation keeps them instead of resetting them to
// the template's defaults — a deploy never moves traffic by itself. A stage left mid-canary
// cannot be expressed as parameters (CloudFormation would drop the canary), so it is handled
// per `resume` and never silently carried on.
import { errorMessage } from '../../core/aws-errors.js';
import {
  describeRoute,
  productionOf,
  qualifiedName,
  routeLabel,
  versionLabel,
  type Route,
  type RouteChange,
} from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError, isCutoverError } from '../../core/errors.js';
import { findDeployedStack, type DeployedStack } from '../deploy/deployed-stack.js';
import { rollbackTo } from './rollback.js';
import { readRoute, routeRefFromOutputs, type RouteRef, type StageRouteState } from './route.js';
import { routeStateRecorder, type RouteStateSink } from './route-record.js';
import { tryStageProber } from './stage-prober.js';
import { checkCapacityRoom, DEFAULT_MIN_ENVIRONMENTS } from '../provision/capacity-room.js';
import { warnVersionQuota } from './versions.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** The template parameters the workload's stage variables follow. */
const LIVE_PARAMETER = 'LiveFunction';
const ROLLBACK_PARAMETER = 'RollbackFunction';
const FALLBACK_PARAMETER = 'FallbackFunction';
const ROUTE_PARAMETERS = [LIVE_PARAMETER, ROLLBACK_PARAMETER, FALLBACK_PARAMETER] as const;
const ROUTE_OUTPUTS = ['RestApiId', 'StageName', 'LmiFunctionName', 'StandardFunctionName'] as const;

export interface RouteBeforeDeploy {
  /** The route found; undefined for a first deploy or a stack without a routed stage. */
  readonly route?: Route;
  readonly ref?: RouteRef;
  /** What the deploy must pass (LiveFunction, RollbackFunction, FallbackFunction), or nothing. */
  readonly parameterOverrides: Readonly<Record<string, string>>;
  /** A leftover canary undone first (mode full, resume: rollback). */
  readonly changes: readonly RouteChange[];
  /** The LMI version the stack served before this deploy (its LmiVersion output). */
  readonly lmiVersion?: string;
}

export interface RouteBeforeDeployOptions {
  readonly stackName: string;
  /** Probes per second that confirm an undone canary. */
  readonly probeRate: number;
  /** Undo a leftover canary first (mode full with resume: rollback); otherwise refuse to deploy. */
  readonly rollBackLeftoverCanary: boolean;
  /** Why a leftover canary is refused, in the mode's own words. */
  readonly refusal?: string;
  readonly runId: string;
  /** Saves the route state after the leftover canary is undone (the Action's post step). */
  readonly onRouteState?: RouteStateSink;
  /** The deploy's parameter-overrides input: the candidate's MinExecutionEnvironments, if set. */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
}

const nothing: RouteBeforeDeploy = { parameterOverrides: {}, changes: [] };

export async function routeBeforeDeploy(
  ctx: PipelineContext,
  options: RouteBeforeDeployOptions,
): Promise<RouteBeforeDeploy> {
  const { progress } = ctx;
  const config = options;
  const stack = await findDeployedStack(ctx, options.stackName);
  if (!stack) return nothing;
  // Every deploy publishes an LMI version: warn while there is still room to clean up, and stop
  // before publishing one whose minimum environments the capacity provider cannot hold.
  const cpArn = stack.outputs.CapacityProviderArn;
  if (cpArn) {
    const quota = await warnVersionQuota(ctx, cpArn);
    if (quota && stack.outputs.LmiFunctionName) {
      await checkCapacityRoom(ctx, {
        capacityProviderArn: cpArn,
        versions: quota.versions,
        lmiFunctionName: stack.outputs.LmiFunctionName,
        candidateMinEnvironments: candidateMinimum(options.parameterOverrides, stack.parameters),
      });
    }
  }

  if (!(LIVE_PARAMETER in stack.parameters)) {
    progress.emit(
      TRAFFIC_MESSAGES.noLiveTargetParameter,
      `Stack ${config.stackName} has no ${LIVE_PARAMETER} parameter: no route to keep.`,
    );
    return nothing;
  }
  if (ROUTE_OUTPUTS.some((k) => !stack.outputs[k])) {
    const kept = Object.fromEntries(
      ROUTE_PARAMETERS.filter((p) => p in stack.parameters).map((p) => [p, stack.parameters[p]!]),
    );
    progress.emit(
      TRAFFIC_MESSAGES.routeOutputsMissing,
      `Stack ${config.stackName} has a ${LIVE_PARAMETER} parameter but not the ${ROUTE_OUTPUTS.join(', ')} outputs, ` +
        `so its route cannot be read; the deploy keeps the stack's current values (${describeParameters(kept)}).`,
    );
    return { parameterOverrides: kept, changes: [] };
  }
  const ref = routeRefFromOutputs(stack.outputs, config.stackName);
  let reading;
  try {
    reading = await readRoute(ctx, ref);
  } catch (e) {
    // The stage is gone: CloudFormation recreates it from the template, nothing to keep.
    if (isCutoverError(e) && e.code === 'STAGE_NOT_FOUND') {
      progress.emit(
        TRAFFIC_MESSAGES.stageMissingBeforeDeploy,
        `${e.message} The deploy recreates it with the template's default production version.`,
      );
      return nothing;
    }
    throw e;
  }
  let route = reading.route;
  let state = reading.state;
  const changes: RouteChange[] = [];
  if (route.kind === 'canary') {
    if (!options.rollBackLeftoverCanary) {
      throw new CutoverError(
        'ROUTE_MID_CANARY',
        `The stage is in the middle of a release (${describeRoute(route)}: ${route.percent} % of production on the candidate). ` +
          (options.refusal ?? 'A deploy now would move that traffic.') +
          ' Finish it with mode cutover (resume: continue) or undo it with mode rollback, then deploy.',
      );
    }
    route = await undoLeftoverCanary(ctx, stack, ref, route, options, changes);
    state = (await readRoute(ctx, ref)).state;
  }
  const parameterOverrides = routeParameters(route, state, stack.parameters);
  progress.emit(
    TRAFFIC_MESSAGES.liveTargetKept,
    `Route of stage ${ref.stage}: ${describeRoute(route)}; deploying with ${describeParameters(parameterOverrides)} so the deploy keeps it.`,
  );
  return {
    route: reading.route,
    ref,
    parameterOverrides,
    changes,
    lmiVersion: stack.outputs.LmiVersion || undefined,
  };
}

/** MinExecutionEnvironments as this deploy will set it: the input's, the stack's, or SAM's default. */
function candidateMinimum(
  overrides: Readonly<Record<string, string>> | undefined,
  current: Readonly<Record<string, string>>,
): number {
  const value = Number(overrides?.MinExecutionEnvironments ?? current.MinExecutionEnvironments);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MIN_ENVIRONMENTS;
}

/** The stage's values as parameters; a parameter the template does not declare is not passed. */
function routeParameters(
  route: Route,
  state: StageRouteState,
  declared: Readonly<Record<string, string>>,
): Record<string, string> {
  const production = productionOf(route)!;
  const values: Record<string, string> = {
    [LIVE_PARAMETER]: qualifiedName(production),
    [ROLLBACK_PARAMETER]: state.rollbackFunction ?? '',
    [FALLBACK_PARAMETER]: state.fallbackFunction ?? '',
  };
  return Object.fromEntries(Object.entries(values).filter(([k]) => k in declared));
}

const describeParameters = (p: Readonly<Record<string, string>>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v === '' ? '(none)' : v}`)
    .join(', ');

async function undoLeftoverCanary(
  ctx: PipelineContext,
  stack: DeployedStack,
  ref: RouteRef,
  route: Route,
  options: RouteBeforeDeployOptions,
  changes: RouteChange[],
): Promise<Route> {
  ctx.progress.emit(
    TRAFFIC_MESSAGES.leftoverCanaryBeforeDeploy,
    `An earlier cutover left the stage at ${describeRoute(route)}; resume: rollback — returning all traffic to ${versionLabel(productionOf(route)!)} before deploying.`,
  );
  const probing = await tryStageProber(ctx, {
    stageUrl: stack.outputs.ApiUrl,
    functionName: stack.outputs.StandardFunctionName,
    runId: options.runId,
    probeRate: options.probeRate,
  });
  const recorder = await routeStateRecorder(
    ctx,
    {
      stackName: options.stackName,
      ref,
      route,
      production: productionOf(route)!,
      stageUrl: stack.outputs.ApiUrl,
      secretParameter: probing?.secretParameter,
    },
    options.onRouteState,
  );
  try {
    const outcome = await rollbackTo(
      ctx,
      {
        stage: ref,
        target: productionOf(route)!,
        probe: probing?.prober.probe,
        probeRate: options.probeRate,
        lastKnownRoute: route,
        onRouteIntent: recorder.onRouteIntent,
        onRouteChange: recorder.onRouteChange,
      },
      `resume: rollback: the stage was left at ${routeLabel(route)} by an unfinished cutover; undone before deploying`,
    );
    if (outcome.change) changes.push(outcome.change);
    if (probing && !outcome.section.verified) {
      throw new CutoverError(
        'CUTOVER_FAILED',
        `The leftover canary was rolled back, but probes did not confirm that all traffic reaches ${versionLabel(productionOf(route)!)}; nothing was deployed.`,
      );
    }
    return outcome.route;
  } catch (e) {
    if (isCutoverError(e)) throw e;
    throw new CutoverError('CUTOVER_FAILED', `Undoing the leftover canary failed: ${errorMessage(e)}`, [], {
      cause: e,
    });
  } finally {
    await probing?.prober.close();
  }
}
