// `lmi-cutover status`: where production traffic goes now and what the release model holds in
// reserve — production, the candidate (a canary's, or the newest deployed LMI version when it
// is not yet production), the rollback target and the twin's fallback — each with its version's
// state, its share of traffic and, for LMI versions, its scaling (Min/MaxExecutionEnvironments).
// Read-only; a stage in a shape lmi-cutover did not make is shown with its raw values and the
// commands that fix it, never guessed at.
import { getFunctionConfiguration, getFunctionScalingConfig } from '../../aws/lambda.js';
import { errorMessage } from '../../core/aws-errors.js';
import { productionOf, sameVersion, type Route, type VersionRef } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import {
  classifyRoute,
  deployedVersions,
  describeStageState,
  manualRouteCommand,
  readStage,
  routeRefFromOutputs,
  wayBack,
  type RouteRef,
} from '../traffic/route.js';
import { listPublishedVersions } from '../traffic/versions.js';

type VersionRole = 'production' | 'candidate' | 'rollback target' | 'fallback';

export interface VersionStatus {
  readonly role: VersionRole;
  readonly target: VersionRef;
  /** Percent of production traffic this version gets on the current route. */
  readonly trafficPercent: number | undefined;
  readonly state?: string;
  readonly stateReasonCode?: string;
  readonly stateReason?: string;
  readonly lastUpdateStatus?: string;
  /** LMI versions: the execution environments asked for (Requested) — 0/0 means retired. */
  readonly scaling?: { readonly min?: number; readonly max?: number };
  /** Why the version could not be read. */
  readonly error?: string;
}

export interface StageStatus {
  readonly stackName: string;
  readonly region: string;
  readonly stackStatus: string;
  readonly ref: RouteRef;
  readonly stageUrl?: string;
  /** Undefined when the stage is in a shape lmi-cutover did not make (see unknownReason). */
  readonly route?: Route;
  readonly unknownReason?: string;
  /** Every value that decides the route, as API Gateway returned it. */
  readonly stageState: string;
  readonly versions: readonly VersionStatus[];
  /** Published LMI versions, newest first, when they could be listed. */
  readonly lmiVersions?: readonly string[];
  /** The commands that set a known route, when the route is unknown. */
  readonly fixes: readonly string[];
}

function trafficPercent(route: Route | undefined, v: VersionRef): number | undefined {
  if (!route) return undefined;
  if (route.kind !== 'canary') return sameVersion(route.target, v) ? 100 : 0;
  if (sameVersion(route.candidate, v)) return route.percent;
  return sameVersion(route.base, v) ? 100 - route.percent : 0;
}

async function versionStatus(
  ctx: PipelineContext,
  role: VersionRole,
  target: VersionRef,
  route: Route | undefined,
): Promise<VersionStatus> {
  const base = { role, target, trafficPercent: trafficPercent(route, target) };
  try {
    const c = await getFunctionConfiguration(ctx.aws.lambda, target.functionName, target.version);
    const scaling =
      target.side === 'lmi'
        ? (await getFunctionScalingConfig(ctx.aws.lambda, target.functionName, target.version)).requested
        : undefined;
    return {
      ...base,
      state: c.State,
      stateReasonCode: c.StateReasonCode,
      stateReason: c.StateReason,
      lastUpdateStatus: c.LastUpdateStatus,
      ...(scaling ? { scaling } : {}),
    };
  } catch (e) {
    return { ...base, error: errorMessage(e) };
  }
}

/** Each role once, in the order a reader asks: what serves, what is coming, the ways back. */
function roles(
  route: Route | undefined,
  back: { rollback?: VersionRef; fallback?: VersionRef },
  deployed: { lmi?: VersionRef },
): [VersionRole, VersionRef][] {
  const production = route ? productionOf(route) : undefined;
  const candidate =
    route?.kind === 'canary'
      ? route.candidate
      : deployed.lmi && !sameVersion(deployed.lmi, production)
        ? deployed.lmi
        : undefined;
  const out: [VersionRole, VersionRef | undefined][] = [
    ['production', production],
    ['candidate', candidate],
    ['rollback target', back.rollback],
    ['fallback', back.fallback],
  ];
  return out.filter((r): r is [VersionRole, VersionRef] => r[1] !== undefined);
}

export async function readStatus(ctx: PipelineContext, stackName: string): Promise<StageStatus> {
  const stack = await requireDeployedStack(ctx, stackName, 'show');
  const ref = routeRefFromOutputs(stack.outputs, stackName);
  const state = await readStage(ctx, ref);
  const c = classifyRoute(state, ref);
  const route = c.known ? c.route : undefined;
  const region = await ctx.aws.region();
  const back = wayBack(state, ref);
  const versions = await Promise.all(
    roles(route, back, deployedVersions(stack.outputs, ref)).map(([role, v]) =>
      versionStatus(ctx, role, v, route),
    ),
  );
  let lmiVersions: string[] | undefined;
  try {
    lmiVersions = await listPublishedVersions(ctx, ref.lmiFunctionName);
  } catch {
    lmiVersions = undefined;
  }
  const hasCanary = state.canary !== undefined;
  const fixTargets = [back.rollback, back.fallback].filter((v): v is VersionRef => v !== undefined);
  return {
    stackName,
    region,
    stackStatus: stack.status,
    ref,
    stageUrl: stack.outputs.ApiUrl || undefined,
    route,
    unknownReason: c.known ? undefined : c.reason,
    stageState: describeStageState(state),
    versions,
    lmiVersions,
    fixes: c.known
      ? []
      : fixTargets.map(
          (v) =>
            `All traffic to ${v.functionName}:${v.version}: ${manualRouteCommand(ref, v, hasCanary, region)}`,
        ),
  };
}
