// Mode plan's stage: the same packaging (minus the upload: the planning role needs no write access
// to the bucket production deploys read code from), stack-safety inputs and parameters as a
// deploy, the change set created and read in full — each change with what causes its replacement and
// whether it endangers production — and then nothing executed. The change set is kept for review
// and for change-set-name; CloudFormation deletes it when any other change set of the stack is
// executed, and the next plan from the same pull request (or any plan older than
// FIXED.planChangeSetMaxAgeDays) deletes it too, so plans do not pile up on the stack.
import { listChangeSetNames, type ResourceChangeSummary } from '../../aws/change-sets.js';
import { FIXED } from '../../config/defaults.js';
import type { PipelineContext } from '../context.js';
import {
  announceChanges,
  deleteChangeSetQuietly,
  PLAN_PREFIX,
  planChangeSetName,
  startChangeSet,
  waitForChangeSet,
} from './change-set.js';
import { productionRisk } from './change-risk.js';
import {
  changeSetRequest,
  prepareDeployment,
  type DeployOptions,
  type DeploySettings,
} from './deployment.js';
import { DEPLOY_MESSAGES } from './messages.js';
import { routingContractOf } from './template/routing-contract.js';

type PlannedChange = ResourceChangeSummary & { readonly risk?: string };

interface PlanBase {
  readonly stackName: string;
  readonly stackId: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  /** The stack's status when planned; undefined for a stack that does not exist yet. */
  readonly stackStatus?: string;
  readonly durationMs: number;
}

export type PlanResult =
  | (PlanBase & {
      readonly type: 'planned';
      readonly changeSetName: string;
      readonly changes: readonly PlannedChange[];
    })
  /** CloudFormation found nothing to change; the empty change set is deleted. */
  | (PlanBase & { readonly type: 'no-changes'; readonly reason: string });

export interface PlanOptions extends DeployOptions {
  /** Names the change set, so the next plan of the same pull request replaces it. */
  readonly pullRequest?: number;
}

const DESCRIPTION = 'lmi-cutover plan: review it, then execute it with change-set-name';

export async function planStack(
  ctx: PipelineContext,
  config: DeploySettings,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const run = await prepareDeployment(ctx, config, options, { readOnly: true, uploadArtifacts: false });
  const { waits, plan } = run;
  const { stackName } = config;
  if (plan.stackExists) await deleteReplacedPlans(ctx, stackName, options.pullRequest);
  if (plan.changeSetType === 'CREATE')
    ctx.progress.emit(
      DEPLOY_MESSAGES.planNewStack,
      `Stack ${stackName} does not exist yet: the plan's CREATE change set holds it in REVIEW_IN_PROGRESS, with no resources, until the change set is executed or deleted.`,
    );
  const changeSetName = planChangeSetName(ctx.clock.now(), options.pullRequest);
  let kept = false;
  try {
    await startChangeSet(ctx, changeSetRequest(run, changeSetName), DESCRIPTION);
    const outcome = await waitForChangeSet(ctx, stackName, changeSetName, {
      timing: waits.changeSetPoll,
      deadline: waits.deadline,
      timeoutMinutes: waits.timeoutMinutes,
    });
    const base: PlanBase = {
      stackName,
      stackId: outcome.stackId,
      changeSetType: plan.changeSetType,
      ...(plan.existing?.StackStatus ? { stackStatus: plan.existing.StackStatus } : {}),
      durationMs: ctx.clock.now() - waits.started,
    };
    if (outcome.type === 'empty') {
      ctx.progress.emit(DEPLOY_MESSAGES.noChanges, `No changes: ${outcome.reason}`);
      return { ...base, type: 'no-changes', reason: outcome.reason };
    }
    const template = run.prepared.packaged.template;
    const contract = routingContractOf(template.Metadata, `The template ${config.template}`);
    const changes = outcome.changes.map((c): PlannedChange => {
      const risk = productionRisk(c, contract);
      return risk ? { ...c, risk } : c;
    });
    announceChanges(ctx, changeSetName, changes);
    ctx.progress.emit(
      DEPLOY_MESSAGES.planKept,
      `Nothing was executed. Change set ${changeSetName} is kept for review: execute exactly this with change-set-name: ${changeSetName} (mode deploy or full). ` +
        'It is refused once the stack, the template or the parameters change, and CloudFormation deletes it when another change set of the stack is executed.',
    );
    kept = true;
    return { ...base, type: 'planned', changeSetName, changes };
  } finally {
    if (!kept) await deleteChangeSetQuietly(ctx, stackName, changeSetName);
  }
}

/** Earlier plans this one replaces: the same pull request's (or, without one, other plans without one), and stale ones. */
async function deleteReplacedPlans(
  ctx: PipelineContext,
  stackName: string,
  pullRequest: number | undefined,
): Promise<void> {
  const cutoff = ctx.clock.now() - FIXED.planChangeSetMaxAgeDays * 86_400_000;
  const samePlanner = (name: string) =>
    pullRequest === undefined
      ? /^\d/.test(name.slice(PLAN_PREFIX.length))
      : name.startsWith(`${PLAN_PREFIX}pr${pullRequest}-`);
  const replaced = (await listChangeSetNames(ctx.aws.cloudFormation, stackName, PLAN_PREFIX)).filter(
    (c) =>
      c.executionStatus !== 'EXECUTE_IN_PROGRESS' &&
      (samePlanner(c.name) || (c.creationTime !== undefined && c.creationTime.getTime() < cutoff)),
  );
  for (const { name } of replaced) await deleteChangeSetQuietly(ctx, stackName, name);
  if (replaced.length > 0)
    ctx.progress.emit(
      DEPLOY_MESSAGES.plansDeleted,
      `Deleted ${replaced.length} earlier plan${replaced.length === 1 ? '' : 's'} this one replaces: ${replaced.map((c) => c.name).join(', ')}`,
    );
}
