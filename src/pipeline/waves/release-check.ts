// Is a target of the wave before released? Its stage's route, read as every other mode reads it
// (route.ts), must send all production traffic to the LMI version its release put there: the
// version its report's route ends on when the wave's reports are given, else the version the
// stack's last deploy published (its LmiVersion output). Its alarms must not be in ALARM.
import { errorMessage } from '../../core/aws-errors.js';
import {
  describeRoute,
  productionOf,
  sameVersion,
  versionLabel,
  type Route,
  type VersionRef,
} from '../../core/domain.js';
import type { ReadonlyReport } from '../../report/model.js';
import type { PipelineContext } from '../context.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import { cloudWatchAlarmCheck } from '../traffic/alarms.js';
import { deployedVersions, readRoute, routeRefFromOutputs, type RouteRef } from '../traffic/route.js';

export interface GateTarget {
  readonly region: string;
  readonly stackName: string;
  readonly alarmNames: readonly string[];
}

export interface ReleaseCheck {
  readonly target: GateTarget;
  readonly ref?: RouteRef;
  readonly stageUrl?: string;
  readonly route?: Route;
  readonly expected?: VersionRef;
  readonly alarms: string[];
  readonly problems: string[];
}

/** The version the release's report says it put in production, or why there is none. */
function expectedFromReport(report: ReadonlyReport | undefined): VersionRef | string {
  if (!report) return 'no report of its release: its wave did not finish, or its artifact is missing';
  const { run } = report;
  const error = run.error ? ` (${run.error.code}: ${run.error.message})` : '';
  if (run.outcome === 'rolled-back') return `its release rolled back${error}`;
  if (run.outcome === 'failure') return `its release failed${error}`;
  const after = report.route.after;
  if (after?.kind !== 'lmi' || !after.target)
    return `its release did not end with production on an LMI version (route after: ${after ? describeRoute(after) : 'unknown'})`;
  return after.target;
}

/** The stage's route against the expected version; the problem, if any. */
export function routeProblem(route: Route, expected: VersionRef, why: string): string | undefined {
  if (route.kind === 'canary')
    return `its stage is mid-canary (${describeRoute(route)}), not all on ${versionLabel(expected)}`;
  const production = productionOf(route);
  if (sameVersion(production, expected)) return undefined;
  return `production is ${describeRoute(route)}, not ${versionLabel(expected)}, ${why}`;
}

/**
 * Reads one target. `reports` undefined: no reports were given, the stack's LmiVersion output
 * is the release. Never throws: what cannot be read is a problem, and a problem refuses.
 */
export async function checkRelease(
  ctx: PipelineContext,
  target: GateTarget,
  reports: readonly ReadonlyReport[] | undefined,
): Promise<ReleaseCheck> {
  const problems: string[] = [];
  const alarms: string[] = [];
  const result = (extra: Partial<ReleaseCheck> = {}): ReleaseCheck => ({
    target,
    alarms,
    problems,
    ...extra,
  });
  let fromReport: VersionRef | string | undefined;
  if (reports) {
    const own = reports
      .filter((r) => r.run.region === target.region && r.run.stackName === target.stackName)
      .sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt))
      .at(-1);
    fromReport = expectedFromReport(own);
    if (typeof fromReport === 'string') problems.push(fromReport);
  }
  try {
    const stack = await requireDeployedStack(ctx, target.stackName, 'gate');
    const ref = routeRefFromOutputs(stack.outputs, target.stackName);
    const { route } = await readRoute(ctx, ref);
    const deployed = deployedVersions(stack.outputs, ref).lmi;
    const expected = typeof fromReport === 'object' ? fromReport : reports ? undefined : deployed;
    if (!reports && !deployed)
      problems.push('the stack has no LmiVersion output: which version was released cannot be told');
    if (expected) {
      const why = reports
        ? 'the version its release put there'
        : 'the version its last deploy published (LmiVersion): that release did not finish or was rolled back';
      const problem = routeProblem(route, expected, why);
      if (problem) problems.push(problem);
    }
    if (target.alarmNames.length > 0) {
      alarms.push(...(await cloudWatchAlarmCheck(ctx.aws.cloudWatch)(target.alarmNames)));
      if (alarms.length > 0) problems.push(`alarms in ALARM or missing: ${alarms.join(', ')}`);
    }
    return result({
      ref,
      stageUrl: stack.outputs.ApiUrl || undefined,
      route,
      ...(expected ? { expected } : {}),
    });
  } catch (e) {
    problems.push(errorMessage(e));
    return result();
  }
}
