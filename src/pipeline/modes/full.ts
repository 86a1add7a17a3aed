// Mode `full`: deploy (keeping the route), verify, then shift. One hazard is particular to it:
// when production is already on `lmi`, the deploy's AutoPublishAlias moves the LMI alias — and
// with it production — to the new version before verification has run. If that verification
// then fails, production is on a version that just failed its checks; the twin is the fallback,
// so production goes back to it (when the twin itself passed its smoke checks), and the run
// fails with the verification's error.
import { errorMessage } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { isCutoverError } from '../../core/errors.js';
import type { RouteBeforeDeploy } from '../traffic/live-route.js';
import type { ReportBuilder } from '../../report/builder.js';
import { rollbackToStandard } from '../traffic/rollback.js';
import { routeRefFromOutputs } from '../traffic/route.js';
import { emptyCutoverSection, routeStateRecorder, type RouteStateSink } from '../traffic/route-record.js';
import { tryStageProber } from '../traffic/stage-prober.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import type { SmokeResult } from '../verify/smoke.js';

/** What verification got through before it failed: its deploy and its smoke checks. */
export interface VerifiedSoFar {
  deploy?: DeployResult;
  smoke?: SmokeResult;
}

/** Production serves the freshly deployed LMI version, which failed verification. */
export function failedVersionIsLive(
  pre: RouteBeforeDeploy,
  seen: VerifiedSoFar,
): seen is VerifiedSoFar & { deploy: DeployResult } {
  const deployed = seen.deploy;
  if (pre.route?.kind !== 'lmi' || !deployed || deployed.type !== 'did-deploy-stack') return false;
  if (!deployed.outputs.LmiVersion || deployed.outputs.LmiVersion === pre.lmiVersion) return false;
  // Never trade a failing LMI version for a twin that failed its own checks in the same run.
  const twinChecks = seen.smoke?.checks.filter((c) => c.target === 'standard') ?? [];
  return twinChecks.every((c) => c.passed);
}

/** All traffic back to the twin after a failed verification; never throws over the original error. */
export async function moveOffFailedVersion(
  ctx: PipelineContext,
  report: ReportBuilder,
  failure: unknown,
  options: { runId: string; onRouteState?: RouteStateSink; outputs: Readonly<Record<string, string>> },
): Promise<void> {
  const outputs = options.outputs;
  const why = isCutoverError(failure) ? failure.code : 'an error';
  const section = emptyCutoverSection();
  let probing: Awaited<ReturnType<typeof tryStageProber>>;
  try {
    const ref = routeRefFromOutputs(outputs, ctx.config.stackName);
    ctx.progress.warn(
      `Production was on lmi, so the deploy put LMI version ${outputs.LmiVersion} live before it was verified, ` +
        `and its verification failed (${why}): sending all traffic back to the standard twin.`,
    );
    probing = await tryStageProber(ctx, {
      stageUrl: outputs.ApiUrl,
      functionName: outputs.StandardFunctionName,
      runId: options.runId,
      probeRate: ctx.config.probeRate,
    });
    const recorder = await routeStateRecorder(
      ctx,
      { ref, route: { kind: 'lmi' }, stageUrl: outputs.ApiUrl, secretParameter: probing?.secretParameter },
      options.onRouteState,
    );
    const outcome = await report.stage(
      'rollback',
      () =>
        rollbackToStandard(
          ctx,
          {
            stage: ref,
            probe: probing?.prober.probe,
            probeRate: ctx.config.probeRate,
            lastKnownRoute: { kind: 'lmi' },
            onRouteChange: recorder.onRouteChange,
          },
          `LMI version ${outputs.LmiVersion} went live with the deploy and failed verification (${why})`,
        ),
      (o) => ({
        detail: o.section.verified ? `verified by ${o.section.probes} probe(s)` : 'not verified by probes',
      }),
    );
    if (outcome.change) section.routeChanges.push(outcome.change);
    section.rolledBack = true;
    section.rollback = outcome.section;
    report.route({ after: outcome.route });
  } catch (e) {
    // The verification's failure stays the run's error; this one is said loudly beside it.
    ctx.progress.error(`Moving production off the failed LMI version failed: ${errorMessage(e)}`);
  } finally {
    report.cutover(section);
    await probing?.prober.close();
  }
}
