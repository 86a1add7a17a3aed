// Mode `verify`: deploy, wait for the LMI version, smoke and concurrency checks; production
// traffic is never moved. With a `checks` file, the user's own smoke checks replace the bundled
// webhook workload's, and the concurrency check sends the file's `load` request.
import type { PipelineContext } from '../context.js';
import type { DeployResult } from '../deploy/deploy-stack.js';
import { verifyStackWithChecks, type ChecksVerifyResult } from '../verify/checks/verify-checks.js';
import { verifyStack, type VerifyResult } from '../verify/verify-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import type { ModeInput } from './mode-input.js';
import { cleanUpVersions } from './cutover.js';
import { MODE_MESSAGES } from './messages.js';
import { readRoute, routeRefFromOutputs, type RouteReading, type RouteRef } from '../traffic/route.js';
import { errorMessage } from '../../core/aws-errors.js';

export async function verifyMode(
  ctx: PipelineContext,
  input: ModeInput,
): Promise<{ deploy: DeployResult; verify: VerifyResult | ChecksVerifyResult }> {
  const { config, report, options, runId } = input;
  const pre = await beforeDeploy(ctx, input);
  const verifyOptions = { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) };
  const result = config.checksFile
    ? await verifyStackWithChecks(
        ctx,
        report,
        { ...config, cwd: input.cwd, checksFile: config.checksFile },
        verifyOptions,
      )
    : await verifyStack(ctx, report, { ...config, cwd: input.cwd }, verifyOptions);
  // Each push to a staging stack publishes a version that holds 3 environments until released:
  // the candidates verified before this one are released, or the capacity provider fills up.
  // The candidate passed: a stage that cannot be read skips the cleanup, said, and fails nothing.
  let ref: RouteRef;
  let reading: RouteReading;
  try {
    ref = routeRefFromOutputs(result.deploy.outputs, config.stackName);
    reading = await readRoute(ctx, ref);
  } catch (e) {
    const why = `earlier LMI versions were not released: ${errorMessage(e)}`;
    ctx.progress.emit(MODE_MESSAGES.verifyCleanupSkipped, `The verify passed; ${why}`);
    report.skipped('cleanup', why);
    return result;
  }
  await cleanUpVersions(ctx, report, config, ref, reading);
  return result;
}
