// The deploy stage: package the template's functions, bring the stack to a deployable state,
// create and inspect a change set — or check the reviewed one change-set-name names — execute
// it and follow it to the end, then set termination protection. Outcomes are typed; failures
// are CutoverErrors. Every wait is bounded by deploy-timeout-minutes.
import type { ResourceChangeSummary } from '../../aws/change-sets.js';
import type { PipelineContext } from '../context.js';
import {
  announceChanges,
  deleteChangeSetQuietly,
  deleteStaleChangeSets,
  newChangeSetName,
  startChangeSet,
  waitForChangeSet,
} from './change-set.js';
import { didDeployStack, noOpDeploy, type DeployResult } from './deploy-result.js';
import {
  changeSetRequest,
  prepareDeployment,
  type ChangeSetRun,
  type DeployOptions,
  type DeploySettings,
} from './deployment.js';
import { executeAndFollow } from './follow-events.js';
import { checkReviewedChangeSet } from './reviewed-change-set.js';
import { applyTerminationProtection } from './stack-safety.js';

export type { DeployResult } from './deploy-result.js';
export type { DeployOptions, DeploySettings } from './deployment.js';

export async function deployStack(
  ctx: PipelineContext,
  config: DeploySettings,
  options: DeployOptions = {},
): Promise<DeployResult> {
  // 1.–2. Template, packaging, stack-safety inputs, the stack, the parameters.
  const reviewed = config.changeSetName;
  const run = await prepareDeployment(ctx, config, options, {
    readOnly: reviewed !== undefined,
    uploadArtifacts: true,
  });
  // 3.–5. The change set, its execution, the outputs.
  const result = reviewed
    ? await deployReviewedChangeSet(ctx, run, reviewed)
    : await deployChangeSet(ctx, run);
  await applyTerminationProtection(ctx, result.stackId, config.terminationProtection);
  return result;
}

async function deployChangeSet(ctx: PipelineContext, run: ChangeSetRun): Promise<DeployResult> {
  const { config, waits, plan } = run;
  const { stackName } = config;
  const bounds = { deadline: waits.deadline, timeoutMinutes: waits.timeoutMinutes };
  if (plan.stackExists) await deleteStaleChangeSets(ctx, stackName);
  const changeSetName = newChangeSetName(ctx.clock.now());
  let executing = false;
  try {
    await startChangeSet(ctx, changeSetRequest(run, changeSetName));
    const outcome = await waitForChangeSet(ctx, stackName, changeSetName, {
      timing: waits.changeSetPoll,
      ...bounds,
    });
    const base = { stackName, changeSetName, artifacts: run.artifacts, template: run.placed.location };
    if (outcome.type === 'empty') return await noOpDeploy(ctx, base, outcome, waits.started);
    announceChanges(ctx, changeSetName, outcome.changes);

    // 4. Execute and follow. From here CloudFormation owns the change set.
    executing = true;
    return await executeThenDescribe(ctx, run, {
      changeSetName,
      stackId: outcome.stackId,
      changes: outcome.changes,
    });
  } finally {
    // Never leave our change set behind unless CloudFormation is executing it.
    if (!executing) await deleteChangeSetQuietly(ctx, stackName, changeSetName);
  }
}

/**
 * change-set-name: the reviewed change set, executed only when nothing it was reviewed against
 * has changed. It is never deleted here: a refused one stays for its reviewers to see.
 */
async function deployReviewedChangeSet(
  ctx: PipelineContext,
  run: ChangeSetRun,
  given: string,
): Promise<DeployResult> {
  const reviewed = await checkReviewedChangeSet(ctx, run, given);
  announceChanges(ctx, reviewed.changeSetName, reviewed.changes);
  return executeThenDescribe(ctx, run, reviewed);
}

/** Steps 4 and 5: execute the change set, follow it to the end, read the outputs. */
async function executeThenDescribe(
  ctx: PipelineContext,
  run: ChangeSetRun,
  changeSet: {
    readonly changeSetName: string;
    readonly stackId: string;
    readonly changes: readonly ResourceChangeSummary[];
  },
): Promise<DeployResult> {
  const { config, waits, plan } = run;
  const execution = await executeAndFollow(ctx, {
    stackName: config.stackName,
    stackId: changeSet.stackId,
    changeSetName: changeSet.changeSetName,
    changeSetType: plan.changeSetType,
    timing: waits.stackPoll,
    deadline: waits.deadline,
    timeoutMinutes: waits.timeoutMinutes,
    provisioningTimeoutMinutes: config.provisioningTimeoutMinutes,
  });
  const base = {
    stackName: config.stackName,
    changeSetName: changeSet.changeSetName,
    artifacts: run.artifacts,
    template: run.placed.location,
  };
  return didDeployStack(ctx, base, {
    stackId: changeSet.stackId,
    stackStatus: execution.stackStatus,
    changeSetType: plan.changeSetType,
    changes: changeSet.changes,
    recreated: plan.recreated,
    started: waits.started,
  });
}
