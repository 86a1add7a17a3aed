// Before every deploy: read where the stage sends production traffic now and pass it back as
// the template's LiveTarget parameter, so CloudFormation keeps the route instead of resetting
// it to the template's default — a deploy never moves traffic by itself. A stage left
// mid-canary cannot be expressed as a parameter (CloudFormation would drop the canary), so it
// is handled per `resume` and never silently carried on.
import { errorMessage } from '../../core/aws-errors.js';
import { routeLabel, type Route, type RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError, isCutoverError } from '../../core/errors.js';
import { findDeployedStack, type DeployedStack } from '../deploy/deployed-stack.js';
import { rollbackToStandard } from './rollback.js';
import { liveTargetParameter, readRoute, routeRefFromOutputs, type RouteRef } from './route.js';
import { routeStateRecorder, type RouteStateSink } from './route-record.js';
import { tryStageProber } from './stage-prober.js';
import { warnVersionQuota } from './versions.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** The template parameter the workload's stage variable follows. */
const LIVE_TARGET_PARAMETER = 'LiveTarget';
const ROUTE_OUTPUTS = ['RestApiId', 'StageName', 'LmiAliasArn', 'StandardAliasArn'] as const;

export interface RouteBeforeDeploy {
  /** The route found; undefined for a first deploy or a stack without a routed stage. */
  readonly route?: Route;
  readonly ref?: RouteRef;
  /** What the deploy must pass (LiveTarget), or nothing. */
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
  // Every deploy publishes an LMI version: warn while there is still room to clean up.
  if (stack.outputs.CapacityProviderArn) await warnVersionQuota(ctx, stack.outputs.CapacityProviderArn);

  if (!(LIVE_TARGET_PARAMETER in stack.parameters)) {
    progress.emit(
      TRAFFIC_MESSAGES.noLiveTargetParameter,
      `Stack ${config.stackName} has no ${LIVE_TARGET_PARAMETER} parameter: no route to keep.`,
    );
    return nothing;
  }
  if (ROUTE_OUTPUTS.some((k) => !stack.outputs[k])) {
    progress.emit(
      TRAFFIC_MESSAGES.routeOutputsMissing,
      `Stack ${config.stackName} has a ${LIVE_TARGET_PARAMETER} parameter but not the ${ROUTE_OUTPUTS.join(', ')} outputs, ` +
        `so its route cannot be read; the deploy keeps the stack's current ${LIVE_TARGET_PARAMETER} (${stack.parameters[LIVE_TARGET_PARAMETER]}).`,
    );
    return {
      parameterOverrides: { [LIVE_TARGET_PARAMETER]: stack.parameters[LIVE_TARGET_PARAMETER]! },
      changes: [],
    };
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
        `${e.message} The deploy recreates it with the template's ${LIVE_TARGET_PARAMETER}.`,
      );
      return nothing;
    }
    throw e;
  }
  let route = reading.route;
  const changes: RouteChange[] = [];
  if (route.kind === 'canary') {
    if (!options.rollBackLeftoverCanary) {
      throw new CutoverError(
        'ROUTE_MID_CANARY',
        `The stage is in the middle of a cutover (${routeLabel(route)}: ${route.percent} % of production on the LMI alias). ` +
          (options.refusal ?? 'A deploy now would move that traffic.') +
          ' Finish it with mode cutover (resume: continue) or undo it with mode rollback, then deploy.',
      );
    }
    route = await undoLeftoverCanary(ctx, stack, ref, route, options, changes);
  }
  const liveTarget = liveTargetParameter(route);
  progress.emit(
    TRAFFIC_MESSAGES.liveTargetKept,
    `Route of stage ${ref.stage}: ${routeLabel(route)}; deploying with ${LIVE_TARGET_PARAMETER}=${liveTarget} so the deploy keeps it.`,
  );
  return {
    route: reading.route,
    ref,
    parameterOverrides: { [LIVE_TARGET_PARAMETER]: liveTarget },
    changes,
    lmiVersion: stack.outputs.LmiVersion || undefined,
  };
}

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
    `An earlier cutover left the stage at ${routeLabel(route)}; resume: rollback — returning all traffic to the standard twin before deploying.`,
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
      stageUrl: stack.outputs.ApiUrl,
      secretParameter: probing?.secretParameter,
    },
    options.onRouteState,
  );
  try {
    const outcome = await rollbackToStandard(
      ctx,
      {
        stage: ref,
        probe: probing?.prober.probe,
        probeRate: options.probeRate,
        lastKnownRoute: route,
        onRouteChange: recorder.onRouteChange,
      },
      `resume: rollback: the stage was left at ${routeLabel(route)} by an unfinished cutover; undone before deploying`,
    );
    if (outcome.change) changes.push(outcome.change);
    if (probing && !outcome.section.verified) {
      throw new CutoverError(
        'CUTOVER_FAILED',
        `The leftover canary was rolled back, but probes did not confirm that all traffic reaches the standard twin; nothing was deployed.`,
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
