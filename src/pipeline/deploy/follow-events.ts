// Step 4 of the deploy stage: execute the change set and narrate the stack events until the
// stack settles. The run is bounded twice: by deploy-timeout-minutes for the whole stack (an
// update still running then is cancelled and rolled back, cancel-on-timeout.ts), and by
// provisioning-timeout-minutes for each LMI function version CloudFormation is creating.
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { executeChangeSet } from '../../aws/change-sets.js';
import { describeStack, isDeploySuccess } from '../../aws/cloudformation.js';
import type { PipelineContext } from '../context.js';
import { formatDuration } from '../../core/format.js';
import { poll, type PollTiming } from '../../core/poll.js';
import { cancelTimedOutUpdate } from './cancel-on-timeout.js';
import { failureError, provisioningTimeoutError, timeoutError } from './execution-errors.js';
import { DEPLOY_MESSAGES } from './messages.js';
import { OperationEvents, stackEventHistory } from './operation-events.js';

export interface FollowOptions {
  readonly stackName: string;
  readonly stackId: string;
  readonly changeSetName: string;
  /** CREATE: a failure leaves ROLLBACK_COMPLETE, which the next run deletes and recreates. */
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly deadline: number;
  readonly timing: PollTiming;
  readonly timeoutMinutes: number;
  /**
   * CloudFormation holds an LMI function's AWS::Lambda::Version in CREATE_IN_PROGRESS until
   * the version is Active, so the provisioning bound (provisioning-timeout-minutes) is applied
   * here, counted from the version resource's first in-progress event.
   */
  readonly provisioningTimeoutMinutes: number;
}

export interface ExecutionResult {
  readonly stackStatus: string;
  /** Events of this operation, oldest first. */
  readonly events: readonly StackEvent[];
}

export async function executeAndFollow(
  ctx: PipelineContext,
  options: FollowOptions,
): Promise<ExecutionResult> {
  const cfn = ctx.aws.cloudFormation;
  // Events already on the stack are history: remember them so only this operation's are shown.
  const history = await stackEventHistory(cfn, options.stackId);
  await executeChangeSet(cfn, options.stackName, options.changeSetName);
  const started = ctx.clock.now();
  ctx.progress.emit(DEPLOY_MESSAGES.executing, `Executing change set ${options.changeSetName}.`);

  const events = new OperationEvents(ctx, options, started, history);
  let stackStatus: string;
  try {
    stackStatus = await followUntilSettled(ctx, options, events, started);
  } catch (e) {
    if (!(e instanceof StillRunning)) throw e;
    if (options.changeSetType === 'UPDATE' && e.status === 'UPDATE_IN_PROGRESS')
      throw await cancelTimedOutUpdate(ctx, options, events, e.busy);
    throw timeoutError(options, e.status, e.busy);
  }
  if (!isDeploySuccess(stackStatus)) throw failureError(options, stackStatus, events.all);
  ctx.progress.emit(
    DEPLOY_MESSAGES.stackSettled,
    `Stack ${options.stackName} is ${stackStatus} after ${formatDuration(ctx.clock.now() - started)}.`,
  );
  return { stackStatus, events: events.all };
}

/** deploy-timeout-minutes passed with the stack in this status. */
class StillRunning extends Error {
  constructor(
    readonly status: string,
    readonly busy: string[],
  ) {
    super(`still ${status}`);
  }
}

/** Polls events and the stack status until the stack leaves *_IN_PROGRESS; returns that status. */
async function followUntilSettled(
  ctx: PipelineContext,
  options: FollowOptions,
  events: OperationEvents,
  started: number,
): Promise<string> {
  const cfn = ctx.aws.cloudFormation;
  let stackStatus = options.changeSetType === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
  return poll<string>(
    ctx,
    {
      timing: options.timing,
      deadline: options.deadline,
      what: `DescribeStackEvents for ${options.stackName}`,
      heartbeatMessage: DEPLOY_MESSAGES.stackWaiting,
      heartbeat: () => stillWaiting(events.inProgress(), stackStatus, ctx.clock.now() - started),
      onTimeout: () => {
        throw new StillRunning(stackStatus, events.inProgress());
      },
    },
    async () => {
      const activity = await events.read();
      const overdue = events.overdueVersion(options.provisioningTimeoutMinutes * 60_000);
      if (overdue) throw provisioningTimeoutError(options, overdue.logicalId, overdue.waitedMs);
      const stack = await describeStack(cfn, options.stackId);
      stackStatus = stack?.StackStatus ?? 'DELETE_COMPLETE';
      if (stackStatus.endsWith('_IN_PROGRESS')) return { done: false, activity };
      // The stack settled: pick up the events that landed between the two calls.
      await events.read();
      return { done: true, value: stackStatus };
    },
  );
}

/** `still waiting: 2 resources in progress (Fn, Api), stack UPDATE_IN_PROGRESS, 1m30s elapsed` */
function stillWaiting(busy: readonly string[], stackStatus: string, elapsedMs: number): string {
  const shown = busy.length > 0 ? ` (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''})` : '';
  return `still waiting: ${busy.length} resource${busy.length === 1 ? '' : 's'} in progress${shown}, stack ${stackStatus}, ${formatDuration(elapsedMs)} elapsed`;
}
