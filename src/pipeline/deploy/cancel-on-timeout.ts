// When deploy-timeout-minutes passes while an update still runs, the run does not walk away
// from it: it cancels the update (CancelUpdateStack, valid only in UPDATE_IN_PROGRESS),
// follows CloudFormation's rollback for a bounded while, and fails saying what it did and where
// the stack is now. A first creation cannot be cancelled (execution-errors.ts says so instead).
import { cancelUpdateStack, describeStack, stuckStackAdvice } from '../../aws/cloudformation.js';
import { FIXED } from '../../config/defaults.js';
import { errorMessage } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration, shellQuote } from '../../core/format.js';
import { poll, type PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import { orderFailures, type ExecutionBounds } from './execution-errors.js';
import { DEPLOY_MESSAGES } from './messages.js';
import type { OperationEvents } from './operation-events.js';

export interface CancelTarget extends ExecutionBounds {
  readonly stackId: string;
  readonly timing: PollTiming;
}

/** Cancels the timed-out update and waits for the rollback; returns the run's DEPLOY_TIMEOUT error. */
export async function cancelTimedOutUpdate(
  ctx: PipelineContext,
  target: CancelTarget,
  events: OperationEvents,
  busy: readonly string[],
): Promise<CutoverError> {
  ctx.progress.emit(
    DEPLOY_MESSAGES.updateCancelling,
    `Stack ${target.stackName} is still UPDATE_IN_PROGRESS after ${target.timeoutMinutes} minutes (deploy-timeout-minutes): ` +
      'cancelling the update (CancelUpdateStack); CloudFormation rolls it back to the previous template.',
  );
  let refused: string | undefined;
  try {
    await cancelUpdateStack(ctx.aws.cloudFormation, target.stackId);
  } catch (e) {
    // The update moved past UPDATE_IN_PROGRESS meanwhile, or the role may not cancel.
    refused = errorMessage(e);
    ctx.progress.emit(
      DEPLOY_MESSAGES.updateNotCancelled,
      `CancelUpdateStack was refused (${refused}); watching stack ${target.stackName} settle.`,
    );
  }
  const status = await settle(ctx, target, events);
  return timedOutError(target, { status, refused, busy, events });
}

/** The stack's status once it leaves *_IN_PROGRESS, or the in-progress one at the bound. */
async function settle(ctx: PipelineContext, target: CancelTarget, events: OperationEvents): Promise<string> {
  const started = ctx.clock.now();
  const bound = FIXED.cancelRollbackWaitMinutes;
  let status = 'UPDATE_IN_PROGRESS';
  const stillRunning = new Error('still in progress');
  try {
    return await poll<string>(
      ctx,
      {
        timing: target.timing,
        deadline: started + bound * 60_000,
        what: `DescribeStacks for ${target.stackName}`,
        heartbeatMessage: DEPLOY_MESSAGES.rollbackWaiting,
        heartbeat: (elapsed) =>
          `still waiting: stack ${target.stackName} is ${status} after the cancel, ${formatDuration(elapsed)} elapsed`,
        onTimeout: () => {
          throw stillRunning;
        },
      },
      async () => {
        const activity = await events.read();
        status =
          (await describeStack(ctx.aws.cloudFormation, target.stackId))?.StackStatus ?? 'DELETE_COMPLETE';
        if (status.endsWith('_IN_PROGRESS')) return { done: false, activity };
        await events.read();
        return { done: true, value: status };
      },
    );
  } catch (e) {
    if (e === stillRunning) return status;
    throw e;
  }
}

interface Outcome {
  readonly status: string;
  readonly refused: string | undefined;
  readonly busy: readonly string[];
  readonly events: OperationEvents;
}

function timedOutError(target: CancelTarget, o: Outcome): CutoverError {
  const { stackName, timeoutMinutes } = target;
  const opening = `Stack ${stackName} was still UPDATE_IN_PROGRESS after ${timeoutMinutes} minutes (deploy-timeout-minutes)`;
  const slow = o.busy.length > 0 ? ` Still in progress at the deadline: ${o.busy.join(', ')}.` : '';
  const cancelled = o.refused === undefined;
  let message: string;
  if (o.status === 'UPDATE_ROLLBACK_COMPLETE') {
    message =
      `${opening}, so this run ${cancelled ? 'cancelled the update (CancelUpdateStack) and CloudFormation rolled it back' : 'tried to cancel it and CloudFormation rolled it back'}: ` +
      `the stack is UPDATE_ROLLBACK_COMPLETE, on its previous template and parameters, and production was not moved.${slow} ` +
      'Find what was slow (the stack events above), then run again or raise deploy-timeout-minutes.';
  } else if (o.status.endsWith('_IN_PROGRESS')) {
    message = cancelled
      ? `${opening}, so this run cancelled the update (CancelUpdateStack), but the rollback is still ${o.status} after ${FIXED.cancelRollbackWaitMinutes} minutes. ` +
        `CloudFormation carries on without this run: watch stack ${stackName} in the console, then run again.${slow}`
      : `${opening}, and cancelling it was refused (${o.refused}); the stack is still ${o.status}. ` +
        `CloudFormation carries on without this run. To stop it, run "aws cloudformation cancel-update-stack --stack-name ${shellQuote(stackName)}".${slow}`;
  } else if (o.status === 'UPDATE_COMPLETE') {
    message =
      `${opening}; the update finished before it could be cancelled${o.refused ? ` (${o.refused})` : ''}, so the stack is UPDATE_COMPLETE, ` +
      'but the run fails: it ran over its deadline. Run again to go on from the deployed stack, or raise deploy-timeout-minutes.';
  } else {
    message =
      `${opening}; this run ${cancelled ? 'cancelled the update' : `could not cancel it (${o.refused})`} and the stack is now ${o.status}. ` +
      stuckStackAdvice(stackName, o.status);
  }
  const failures = orderFailures(o.events.all, stackName).map(
    (e) => `${e.LogicalResourceId ?? '?'} ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? ''}`,
  );
  return new CutoverError('DEPLOY_TIMEOUT', message, [
    ...(o.busy.length > 0 ? [`in progress at the deadline: ${o.busy.join(', ')}`] : []),
    ...failures,
  ]);
}
