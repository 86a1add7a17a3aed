// Mode `deploy`: the stack only, through a change set, keeping the stage's route.
import type { PipelineContext } from '../context.js';
import { deployStack, type DeployResult } from '../deploy/deploy-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import type { ModeInput } from './mode-input.js';

export async function deployMode(ctx: PipelineContext, input: ModeInput): Promise<{ deploy: DeployResult }> {
  const { config, report, options } = input;
  const pre = await beforeDeploy(ctx, input);
  const deploy = await report.stage(
    'deploy',
    () =>
      ctx.progress.group(`Deploy stack ${config.stackName}`, () =>
        deployStack(ctx, { ...config, cwd: input.cwd }, withLiveTarget(options.deploy, pre)),
      ),
    (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }),
  );
  report.deploy(deploy);
  return { deploy };
}
