// Mode `verify`: deploy, wait for the LMI version, smoke and concurrency checks; production
// traffic is never moved. With a `checks` file, the user's own smoke checks replace the bundled
// webhook workload's, and the concurrency check sends the file's `load` request.
import type { PipelineContext } from '../context.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import { verifyStackWithChecks, type ChecksVerifyResult } from '../verify/checks/verify-checks.js';
import { verifyStack, type VerifyResult } from '../verify/verify-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import type { ModeInput } from './mode-input.js';

export async function verifyMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult | ChecksVerifyResult }> {
  const { config, report, options, runId } = input;
  const pre = await beforeDeploy(ctx, input);
  const verifyOptions = { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) };
  if (config.checksFile) {
    const settings = { ...config, cwd: input.cwd, checksFile: config.checksFile };
    return verifyStackWithChecks(ctx, report, settings, verifyOptions);
  }
  return verifyStack(ctx, report, { ...config, cwd: input.cwd }, verifyOptions);
}
