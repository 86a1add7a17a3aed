// Mode `plan`: what a deploy of this commit would do to the stack, executing nothing. The
// stage's route is read first and passed back exactly as a deploy passes it, so the plan shows
// the change set a deploy would execute (and the same route-moving parameters are compared when
// it is executed by name). The change set is kept for review and for change-set-name.
import type { PipelineContext } from '../context.js';
import { planStack, type PlanResult } from '../deploy/plan-stack.js';
import { beforeDeploy, withLiveTarget } from './before-deploy.js';
import type { ModeInput } from './mode-input.js';

export async function planMode(ctx: PipelineContext, input: ModeInput): Promise<{ plan: PlanResult }> {
  const { config, report, options } = input;
  const pre = await beforeDeploy(ctx, input);
  const pullRequest = report.report.run.trigger?.pullRequest ?? config.prNumber;
  const plan = await report.stage(
    'plan',
    () =>
      ctx.progress.group(`Plan stack ${config.stackName}`, () =>
        planStack(
          ctx,
          { ...config, cwd: input.cwd },
          { ...withLiveTarget(options.deploy, pre), ...(pullRequest !== undefined ? { pullRequest } : {}) },
        ),
      ),
    (p) =>
      p.type === 'no-changes'
        ? { outcome: 'no-op', detail: 'no changes' }
        : { outcome: 'passed', detail: planDetail(p) },
  );
  report.plan({
    changeSetType: plan.changeSetType,
    ...(plan.stackStatus ? { stackStatus: plan.stackStatus } : {}),
    ...(plan.type === 'planned'
      ? { changeSetName: plan.changeSetName, changes: [...plan.changes] }
      : { changes: [], noChangesReason: plan.reason }),
  });
  return { plan };
}

function planDetail(p: Extract<PlanResult, { type: 'planned' }>): string {
  const risky = p.changes.filter((c) => c.risk).length;
  return `${p.changes.length} change(s)${risky > 0 ? `, ${risky} endangering production` : ''}; nothing executed`;
}
