// The probes that prove the post step's repair (post.ts loads this only when it repairs).
import { errorMessage } from '../core/aws-errors.js';
import type { PipelineContext } from '../pipeline/context.js';
import { checksRollbackProbing } from '../pipeline/modes/checks-shift.js';
import type { CutoverState } from '../pipeline/traffic/cutover-state.js';
import { createStageProber, probeConnections, type StageProber } from '../pipeline/traffic/stage-prober.js';
import { newRunId } from '../pipeline/webhook/request.js';
import { readSigningSecret } from '../pipeline/webhook/secret.js';
import { GITHUB_MESSAGES, POST_PREFIX as PREFIX } from './messages.js';

/**
 * Probes prove the repair: signed webhooks, or the checks file's load request for an app that
 * brought one. Without the stage URL or the secret the repair still happens.
 */
export async function proberFor(
  ctx: PipelineContext,
  state: CutoverState,
  probeRate: number,
): Promise<{ prober: StageProber; attributed?: false } | undefined> {
  if (state.checksFile) {
    return checksRollbackProbing(ctx, {
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      checksFile: state.checksFile,
      stageUrl: state.stageUrl,
      lmiFunctionName: state.lmiFunctionName,
      runId: newRunId(),
      probeRate,
    });
  }
  if (!state.stageUrl || !state.secretParameter) return undefined;
  try {
    const secrets = await readSigningSecret(ctx, state.secretParameter);
    return {
      prober: createStageProber({
        stageUrl: state.stageUrl,
        secrets,
        runId: newRunId(),
        connections: probeConnections(probeRate),
      }),
    };
  } catch (e) {
    ctx.progress.emit(
      GITHUB_MESSAGES.postUnverified,
      `${PREFIX} the repair cannot be verified by probes: ${errorMessage(e)}`,
    );
    return undefined;
  }
}
