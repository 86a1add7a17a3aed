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
import { shiftVerified, skipIfUnrun, webhookShiftInputs, type CutoverRun } from './cutover.js';
import type { ModeInput } from './mode-input.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import {
  readChecks,
  verifyStackWithChecks,
  type ChecksVerifyResult,
} from '../verify/checks/verify-checks.js';
import { checksShiftInputs } from './checks-shift.js';

/** Mode full: deploy, verify, then the gated shift to the verified LMI version. */
export async function fullMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult | ChecksVerifyResult; cutover: CutoverRun }> {
  const { config, report, options, runId } = input;
  const settings = { ...config, cwd: input.cwd };
  const checksSettings =
    config.checksFile !== undefined
      ? { ...settings, checksFile: config.checksFile, requireLoad: true }
      : undefined;
  // A bad checks file (or one without `load:`) is refused before the stage is touched.
  const checks = checksSettings ? await readChecks(checksSettings) : undefined;
  const pre = await beforeDeploy(ctx, input);
  const verifyOptions = { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) };
  let deployed: { deploy: DeployResult; verify: VerifyResult | ChecksVerifyResult };
  try {
    deployed = checksSettings
      ? await verifyStackWithChecks(ctx, report, checksSettings, verifyOptions, checks)
      : await verifyStack(ctx, report, settings, verifyOptions);
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
  const { verified, probing } =
    'type' in deployed.verify
      ? checksShiftInputs(ctx, config, deployed.verify, config.checksFile!)
      : await webhookShiftInputs(ctx, config, deployed.verify, runId);
  const cutover = await shiftVerified(ctx, report, config, verified, probing, ref, { ...options, runId });
  return { ...deployed, cutover };
}
