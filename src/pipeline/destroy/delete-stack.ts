// DeleteStack, then the stack's events one line each until CloudFormation says DELETE_COMPLETE.
// DELETE_FAILED fails loudly with every resource's reason; the deadline fails too, saying the
// deletion goes on without this run: a timeout is never reported as a deleted stack.
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { deleteStack, describeStack, stuckStackAdvice } from '../../aws/cloudformation.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { errorMessage, errorName } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration, shellQuote } from '../../core/format.js';
import { poll, type PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import { OperationEvents, stackEventHistory } from '../deploy/operation-events.js';
import { DESTROY_MESSAGES } from './messages.js';

export interface DeleteWait {
  readonly deadline: number;
  readonly timing: PollTiming;
  readonly timeoutMinutes: number;
}

export async function deleteStackAndWait(
  ctx: PipelineContext,
  stack: { readonly stackName: string; readonly stackId: string },
  wait: DeleteWait,
): Promise<{ readonly events: readonly StackEvent[] }> {
  const cfn = ctx.aws.cloudFormation;
  const history = await stackEventHistory(cfn, stack.stackId);
  try {
    // By id: once deleted, an id still reads DELETE_COMPLETE where a name reads "does not exist".
    await deleteStack(cfn, stack.stackId);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:DeleteStack', stack.stackName);
    if (errorName(e) === 'ValidationError' && /TerminationProtection/i.test(errorMessage(e))) {
      throw new CutoverError(
        'DESTROY_REFUSED',
        `CloudFormation refused to delete stack ${stack.stackName}: ${errorMessage(e)} (it was turned on after destroy read the stack).`,
        [
          `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${shellQuote(stack.stackName)}`,
        ],
        { cause: e },
      );
    }
    throw e;
  }
  const started = ctx.clock.now();
  ctx.progress.emit(
    DESTROY_MESSAGES.deleting,
    `DeleteStack ${stack.stackName}: CloudFormation is deleting it.`,
  );
  const events = new OperationEvents(ctx, stack, started, history, DESTROY_MESSAGES.stackEvent);
  let status = 'DELETE_IN_PROGRESS';
  await poll<void>(
    ctx,
    {
      timing: wait.timing,
      deadline: wait.deadline,
      what: `DescribeStacks for ${stack.stackName}`,
      heartbeatMessage: DESTROY_MESSAGES.waiting,
      heartbeat: (elapsed) => {
        const busy = events.inProgress();
        return `still waiting: stack ${stack.stackName} ${status}, ${busy.length} resource(s) deleting${busy.length ? ` (${busy.slice(0, 5).join(', ')})` : ''}, ${formatDuration(elapsed)} elapsed`;
      },
      onTimeout: () => {
        throw new CutoverError(
          'DESTROY_TIMEOUT',
          `Stack ${stack.stackName} is still ${status} after ${wait.timeoutMinutes} minutes (--timeout-minutes); it is not known to be deleted. ` +
            'CloudFormation carries on without this run: watch its events, then run destroy again to check what is left.',
          events.inProgress().map((id) => `still deleting: ${id}`),
        );
      },
    },
    async () => {
      const activity = await events.read();
      status = (await describeStack(cfn, stack.stackId))?.StackStatus ?? 'DELETE_COMPLETE';
      if (status === 'DELETE_IN_PROGRESS') return { done: false, activity };
      await events.read();
      if (status === 'DELETE_COMPLETE') return { done: true, value: undefined };
      throw deleteFailed(stack.stackName, status, events.all);
    },
  );
  ctx.progress.emit(
    DESTROY_MESSAGES.deleted,
    `Stack ${stack.stackName} is DELETE_COMPLETE after ${formatDuration(ctx.clock.now() - started)}.`,
  );
  return { events: events.all };
}

/** DELETE_FAILED (or any other end): every resource CloudFormation could not delete, with its reason. */
function deleteFailed(stackName: string, status: string, events: readonly StackEvent[]): CutoverError {
  const failed = events.filter(
    (e) => e.ResourceStatus === 'DELETE_FAILED' && e.LogicalResourceId !== stackName,
  );
  const lines = failed.map(
    (e) =>
      `${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) DELETE_FAILED: ${e.ResourceStatusReason ?? 'no reason given'}`,
  );
  const stackReason = events.findLast(
    (e) => e.LogicalResourceId === stackName && e.ResourceStatus === status,
  )?.ResourceStatusReason;
  return new CutoverError(
    'STACK_DELETE_FAILED',
    `Deleting stack ${stackName} failed: it is ${status}` +
      (lines.length > 0
        ? `; ${lines[0]}`
        : stackReason
          ? `: ${stackReason}`
          : '; CloudFormation named no failed resource') +
      `. What could not be deleted is still there. ${status === 'DELETE_FAILED' ? stuckStackAdvice(stackName, status) : ''}`.trimEnd(),
    lines,
  );
}
