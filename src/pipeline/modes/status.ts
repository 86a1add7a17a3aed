// `lmi-cutover status`: where production traffic goes now and what serves it — the stage's
// route read from the stage itself, each alias's version and that version's state from
// GetFunctionConfiguration. Read-only; a stage in a shape lmi-cutover did not make is shown
// with its raw values and the commands that fix it, never guessed at.
import { getFunctionConfiguration, listAliases } from '../../aws/lambda.js';
import { errorMessage } from '../../core/aws-errors.js';
import type { Route } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import {
  classifyRoute,
  describeStageState,
  manualRouteCommand,
  readStage,
  routeRefFromOutputs,
  type RouteRef,
} from '../traffic/route.js';
import { listPublishedVersions } from '../traffic/versions.js';

export interface AliasStatus {
  readonly side: 'lmi' | 'standard';
  /** `<function>:<alias>`. */
  readonly target: string;
  /** Percent of production traffic this alias gets on the current route. */
  readonly trafficPercent: number | undefined;
  readonly version?: string;
  readonly state?: string;
  readonly stateReasonCode?: string;
  readonly stateReason?: string;
  readonly lastUpdateStatus?: string;
  /** Why the alias or its version could not be read. */
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
  readonly aliases: readonly AliasStatus[];
  /** Published LMI versions, newest first, when they could be listed. */
  readonly lmiVersions?: readonly string[];
  /** The commands that set a known route, when the route is unknown. */
  readonly fixes: readonly string[];
}

function trafficPercent(route: Route | undefined, side: 'lmi' | 'standard'): number | undefined {
  if (!route) return undefined;
  const lmi = route.kind === 'lmi' ? 100 : route.kind === 'canary' ? route.percent : 0;
  return side === 'lmi' ? lmi : 100 - lmi;
}

async function aliasStatus(
  ctx: PipelineContext,
  side: 'lmi' | 'standard',
  target: string,
  route: Route | undefined,
): Promise<AliasStatus> {
  const [functionName, alias] = splitTarget(target);
  const base = { side, target, trafficPercent: trafficPercent(route, side) };
  try {
    // ListAliases rather than GetAlias: the version hygiene needs it anyway, so the policy stays small.
    const aliases = await listAliases(ctx.aws.lambda, functionName);
    const version = aliases.find((a) => a.Name === alias)?.FunctionVersion;
    if (!version) return { ...base, error: `${functionName} has no alias ${alias}` };
    const c = await getFunctionConfiguration(ctx.aws.lambda, functionName, version);
    return {
      ...base,
      version,
      state: c.State,
      stateReasonCode: c.StateReasonCode,
      stateReason: c.StateReason,
      lastUpdateStatus: c.LastUpdateStatus,
    };
  } catch (e) {
    return { ...base, error: errorMessage(e) };
  }
}

/** `name:live` → [name, live]. */
function splitTarget(target: string): [string, string] {
  const i = target.lastIndexOf(':');
  return i > 0 ? [target.slice(0, i), target.slice(i + 1)] : [target, 'live'];
}

export async function readStatus(ctx: PipelineContext, stackName: string): Promise<StageStatus> {
  const stack = await requireDeployedStack(ctx, stackName, 'show');
  const ref = routeRefFromOutputs(stack.outputs, stackName);
  const state = await readStage(ctx, ref);
  const c = classifyRoute(state, ref);
  const route = c.known ? c.route : undefined;
  const region = await ctx.aws.region();
  const aliases = await Promise.all([
    aliasStatus(ctx, 'lmi', ref.lmiTarget, route),
    aliasStatus(ctx, 'standard', ref.standardTarget, route),
  ]);
  let lmiVersions: string[] | undefined;
  try {
    lmiVersions = await listPublishedVersions(ctx, splitTarget(ref.lmiTarget)[0]);
  } catch {
    lmiVersions = undefined;
  }
  const hasCanary = state.canary !== undefined;
  return {
    stackName,
    region,
    stackStatus: stack.status,
    ref,
    stageUrl: stack.outputs.ApiUrl || undefined,
    route,
    unknownReason: c.known ? undefined : c.reason,
    stageState: describeStageState(state),
    aliases,
    lmiVersions,
    fixes: c.known
      ? []
      : [
          `All traffic to the standard twin: ${manualRouteCommand(ref, 'standard', hasCanary, region)}`,
          `All traffic to the LMI alias: ${manualRouteCommand(ref, 'lmi', hasCanary, region)}`,
        ],
  };
}
