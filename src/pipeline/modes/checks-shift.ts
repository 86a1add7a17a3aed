// The shift of an app brought with a checks file: the canary probes send its `load.request`
// through the stage and judge each answer by `load.expect`, and since those answers do not say
// which version served them, each step is judged by Lambda's own CloudWatch metrics per version.
import { readChecksFile } from '../../config/checks-file.js';
import type { PipelineContext } from '../context.js';
import { createRequestProber } from '../traffic/request-prober.js';
import { probeConnections, type StageProber } from '../traffic/stage-prober.js';
import { getFunctionConfiguration } from '../../aws/lambda.js';
import { errorMessage } from '../../core/aws-errors.js';
import { TRAFFIC_MESSAGES } from '../traffic/messages.js';
import { signerFor } from '../verify/checks/signing.js';
import { cloudWatchVersionMetrics } from '../traffic/version-metrics.js';
import { requireLoadRequest, type ChecksVerifyResult } from '../verify/checks/verify-checks.js';
import {
  requireStageUrl,
  verifiedCandidate,
  type Probing,
  type ShiftSettings,
  type VerifiedCandidate,
} from './shift-inputs.js';

export function checksShiftInputs(
  ctx: PipelineContext,
  config: ShiftSettings,
  verify: ChecksVerifyResult,
  checksFile: string,
): { verified: VerifiedCandidate; probing: Probing } {
  const stageUrl = requireStageUrl(verify.stack, config.stackName);
  // Checked before the deploy (requireLoad), so this only restates it.
  const load = requireLoadRequest(verify.loadRequest, checksFile);
  return {
    verified: verifiedCandidate(verify.stack, verify.smoke, verify.baseline),
    probing: {
      prober: createRequestProber({
        stageUrl,
        request: load.request,
        expect: load.expect,
        ...(verify.sign ? { sign: verify.sign } : {}),
        connections: probeConnections(config.probeRate),
      }),
      stageUrl,
      checksFile,
      judge: {
        kind: 'metrics',
        metrics: cloudWatchVersionMetrics(ctx.aws.cloudWatch),
        periodSeconds: config.metricsPeriodSeconds,
        delaySeconds: config.metricsDelaySeconds,
      },
    },
  };
}

/**
 * Mode rollback for an app with a checks file: its `load` request proves the rolled-back route
 * healthy (the answers cannot name their version; the stage's read-back names it). Best effort,
 * like the webhook's prober: a rollback never waits on, or fails for, its proof.
 */
export async function checksRollbackProbing(
  ctx: PipelineContext,
  source: {
    readonly cwd: string;
    readonly checksFile: string;
    readonly stageUrl: string | undefined;
    readonly lmiFunctionName: string;
    readonly runId: string;
    readonly probeRate: number;
  },
): Promise<{ prober: StageProber; attributed: false } | undefined> {
  try {
    if (!source.stageUrl) throw new Error('the stack has no stage URL');
    const checks = await readChecksFile(source.cwd, source.checksFile);
    const load = requireLoadRequest(checks.load, source.checksFile);
    const { signing } = checks;
    const environment = signing
      ? ((await getFunctionConfiguration(ctx.aws.lambda, source.lmiFunctionName)).Environment?.Variables ??
        {})
      : {};
    const sign = await signerFor(ctx, signing, {
      runId: source.runId,
      functionEnvironment: environment,
      functionName: source.lmiFunctionName,
    });
    const prober = createRequestProber({
      stageUrl: source.stageUrl,
      request: load.request,
      expect: load.expect,
      ...(sign ? { sign } : {}),
      connections: probeConnections(source.probeRate),
    });
    return { prober, attributed: false };
  } catch (e) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.probesUnavailable,
      `Probes are not available, so the route change cannot be verified by them: ${errorMessage(e)}`,
    );
    return undefined;
  }
}
