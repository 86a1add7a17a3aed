// Mode `full`: deploy (keeping the route), verify, then shift. One hazard is particular to it:
// when production is already on `lmi`, the deploy's AutoPublishAlias moves the LMI alias — and
// with it production — to the new version before verification has run. If that verification
// then fails, production is on a version that just failed its checks; the twin is the fallback,
// so production goes back to it (when the twin itself passed its smoke checks), and the run
// fails with the verification's error.
import { MODE_MESSAGES } from './messages.js';
import { errorMessage } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { isCutoverError } from '../../core/errors.js';
import type { RouteBeforeDeploy } from '../traffic/live-route.js';
import type { ReportBuilder } from '../../report/builder.js';
import { rollbackToStandard } from '../traffic/rollback.js';
import { routeRefFromOutputs } from '../traffic/route.js';
import { emptyCutoverSection, routeStateRecorder, type RouteStateSink } from '../traffic/route-record.js';
import { tryStageProber } from '../traffic/stage-prober.js';
import { verifyStack, type VerifyResult } from '../verify/verify-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import { shiftVerified, skipIfUnrun, type CutoverRun } from './cutover.js';
import type { ModeInput } from './mode-input.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import type { SmokeResult } from '../verify/smoke.js';

/** Mode full: deploy, verify, then the gated shift to the verified LMI version. */
export async function fullMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult; cutover: CutoverRun }> {
  const { config, report, options, runId } = input;
  const pre = await beforeDeploy(ctx, input);
  let deployed: { deploy: DeployResult; verify: VerifyResult };
  const seen: VerifiedSoFar = {};
  try {
    deployed = await verifyStack(
      ctx,
      report,
      { ...config, cwd: input.cwd },
      {
        ...options.verify,
        runId,
        deploy: withLiveTarget(options.deploy, pre),
        onDeployed: (d) => (seen.deploy = d),
        onSmokeChecked: (s) => (seen.smoke = s),
      },
    );
  } catch (e) {
    skipIfUnrun(report, 'cutover', e);
    if (failedVersionIsLive(pre, seen)) {
      await moveOffFailedVersion(ctx, report, e, {
        runId,
        onRouteState: options.onRouteState,
        outputs: seen.deploy.outputs,
        stackName: config.stackName,
        probeRate: config.probeRate,
      });
    }
    throw e;
  }
  const ref = routeRefFromOutputs(deployed.deploy.outputs, config.stackName);
  const cutover = await shiftVerified(ctx, report, config, deployed.verify, ref, { ...options, runId });
  return { ...deployed, cutover };
}

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
async function moveOffFailedVersion(
  ctx: PipelineContext,
  report: ReportBuilder,
  failure: unknown,
  options: {
    runId: string;
    onRouteState?: RouteStateSink;
    outputs: Readonly<Record<string, string>>;
    stackName: string;
    probeRate: number;
  },
): Promise<void> {
  const outputs = options.outputs;
  const why = isCutoverError(failure) ? failure.code : 'an error';
  const section = emptyCutoverSection();
  let probing: Awaited<ReturnType<typeof tryStageProber>>;
  try {
    const ref = routeRefFromOutputs(outputs, options.stackName);
    ctx.progress.emit(
      MODE_MESSAGES.failedVersionLive,
      `Production was on lmi, so the deploy put LMI version ${outputs.LmiVersion} live before it was verified, ` +
        `and its verification failed (${why}): sending all traffic back to the standard twin.`,
    );
    probing = await tryStageProber(ctx, {
      stageUrl: outputs.ApiUrl,
      functionName: outputs.StandardFunctionName,
      runId: options.runId,
      probeRate: options.probeRate,
    });
    const recorder = await routeStateRecorder(
      ctx,
      {
        stackName: options.stackName,
        ref,
        route: { kind: 'lmi' },
        stageUrl: outputs.ApiUrl,
        secretParameter: probing?.secretParameter,
      },
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
            probeRate: options.probeRate,
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
    ctx.progress.emit(
      MODE_MESSAGES.moveOffFailedVersionFailed,
      `Moving production off the failed LMI version failed: ${errorMessage(e)}`,
    );
  } finally {
    report.cutover(section);
    await probing?.prober.close();
  }
}
