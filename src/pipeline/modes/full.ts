// Mode `full`: deploy (production pinned: the stage's versions are passed back to the template),
// verify the candidate, then shift production to it through the canary. The deploy never
// changes what production serves, so a candidate that fails verification leaves production
// exactly where it was, with nothing to undo; the run fails with the verification's error and
// says where production stayed.
import { MODE_MESSAGES } from './messages.js';
import { describeRoute } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { routeRefFromOutputs } from '../traffic/route.js';
import { verifyStack, type VerifyResult } from '../verify/verify-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import { shiftVerified, skipIfUnrun, type CutoverRun } from './cutover.js';
import type { ModeInput } from './mode-input.js';
import type { DeployResult } from '../deploy/deploy-stack.js';

/** Mode full: deploy, verify, then the gated shift to the verified LMI version. */
export async function fullMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult; cutover: CutoverRun }> {
  const { config, report, options, runId } = input;
  const pre = await beforeDeploy(ctx, input);
  let deployed: { deploy: DeployResult; verify: VerifyResult };
  try {
    deployed = await verifyStack(
      ctx,
      report,
      { ...config, cwd: input.cwd },
      { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) },
    );
  } catch (e) {
    skipIfUnrun(report, 'cutover', e);
    if (pre.route) {
      ctx.progress.emit(
        MODE_MESSAGES.productionUntouched,
        `The candidate did not pass verification; production stays on ${describeRoute(pre.route)}, which the deploy did not change.`,
      );
    }
    throw e;
  }
  const ref = routeRefFromOutputs(deployed.deploy.outputs, config.stackName);
  const cutover = await shiftVerified(ctx, report, config, deployed.verify, ref, { ...options, runId });
  return { ...deployed, cutover };
}
