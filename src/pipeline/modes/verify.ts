// Mode `verify`: deploy, wait for the LMI version, smoke and concurrency checks; production
// traffic is never moved.
import type { PipelineContext } from '../context.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import { verifyStack, type VerifyResult } from '../verify/verify-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import type { ModeInput } from './mode-input.js';

export async function verifyMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult }> {
  const { config, report, options, runId } = input;
  const pre = await beforeDeploy(ctx, input);
  return verifyStack(
    ctx,
    report,
    { ...config, cwd: input.cwd },
    { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) },
  );
}
