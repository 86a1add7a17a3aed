// Step 2 of the deploy stage: bring the stack to a state a change set can run against.
import type { Stack } from '@aws-sdk/client-cloudformation';
import {
  classifyStackStatus,
  deleteStack,
  describeStack,
  stuckStackAdvice,
} from '../../aws/cloudformation.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { poll, type PollStep, type PollTiming } from '../../core/poll.js';
import { DEPLOY_MESSAGES } from './messages.js';

export type StackPlan =
  /** No stack yet, or one left in REVIEW_IN_PROGRESS by a change set that never ran. */
  | {
      readonly changeSetType: 'CREATE';
      readonly recreated: boolean;
      /** REVIEW_IN_PROGRESS: the stack exists and may hold change sets. */
      readonly stackExists: boolean;
      readonly existing?: undefined;
    }
  | {
      readonly changeSetType: 'UPDATE';
      readonly recreated: false;
      readonly stackExists: true;
      readonly existing: Stack;
    };

export interface PrepareStackOptions {
  readonly stackName: string;
  readonly deadline: number;
  readonly timing: PollTiming;
  readonly roleArn?: string;
  readonly timeoutMinutes: number;
  /**
   * A plan, or a reviewed change set to execute: a ROLLBACK_COMPLETE stack is refused instead
   * of deleted (a plan changes nothing, and the reviewed change set would go with the stack).
   */
  readonly readOnly?: boolean;
}

/** What the wait for a deployable stack has seen so far. */
interface StackWait {
  /** The stack was ROLLBACK_COMPLETE and this run deleted it. */
  recreated: boolean;
  /** The *_IN_PROGRESS status of another operation this run waits for. */
  waitingFor?: string;
}

export async function prepareStack(ctx: PipelineContext, options: PrepareStackOptions): Promise<StackPlan> {
  const { stackName } = options;
  const wait: StackWait = { recreated: false };
  return poll<StackPlan>(
    ctx,
    {
      timing: options.timing,
      deadline: options.deadline,
      what: `DescribeStacks for ${stackName}`,
      heartbeatMessage: DEPLOY_MESSAGES.stackBusyWaiting,
      heartbeat: (elapsed) =>
        `still waiting: stack ${stackName} is ${wait.waitingFor}, ${formatDuration(elapsed)} elapsed`,
      onTimeout: () => {
        throw new CutoverError(
          'DEPLOY_TIMEOUT',
          `Stack ${stackName} is still ${wait.waitingFor} after ${options.timeoutMinutes} minutes (deploy-timeout-minutes), ` +
            'so this run never started its own deployment. Another deployment holds the stack: let it finish, then run again.',
        );
      },
    },
    () => lookAtStack(ctx, options, wait),
  );
}

/** One look at the stack: a plan when it is deployable, else what to do before looking again. */
async function lookAtStack(
  ctx: PipelineContext,
  options: PrepareStackOptions,
  wait: StackWait,
): Promise<PollStep<StackPlan>> {
  const { stackName } = options;
  const { recreated } = wait;
  const stack = await describeStack(ctx.aws.cloudFormation, stackName);
  const status = stack?.StackStatus;
  switch (classifyStackStatus(status)) {
    case 'absent':
      if (!recreated)
        ctx.progress.emit(DEPLOY_MESSAGES.stackAbsent, `Stack ${stackName} does not exist yet: creating it.`);
      return { done: true, value: { changeSetType: 'CREATE', recreated, stackExists: false } };
    case 'review':
      ctx.progress.emit(
        DEPLOY_MESSAGES.stackInReview,
        `Stack ${stackName} is REVIEW_IN_PROGRESS (created by a change set that never ran): creating it with a new CREATE change set.`,
      );
      return { done: true, value: { changeSetType: 'CREATE', recreated, stackExists: true } };
    case 'stable':
      ctx.progress.emit(DEPLOY_MESSAGES.stackUpdate, `Stack ${stackName} is ${status}: updating it.`);
      return {
        done: true,
        value: { changeSetType: 'UPDATE', recreated: false, stackExists: true, existing: stack! },
      };
    case 'rollback-complete':
      if (options.readOnly) {
        throw new CutoverError(
          'STACK_STUCK',
          `Stack ${stackName} is ROLLBACK_COMPLETE: its first creation failed and CloudFormation can only delete it, so no change set can be made against it or executed on it. ` +
            'A plan never deletes a stack: deploy without change-set-name (it deletes the failed stack and creates it again), then plan again.',
        );
      }
      ctx.progress.emit(
        DEPLOY_MESSAGES.stackRollbackComplete,
        `Stack ${stackName} is ROLLBACK_COMPLETE: its first creation failed and CloudFormation can only delete it. ` +
          'Deleting it, then creating it again.',
      );
      await deleteAndWait(ctx, stack!, options);
      wait.recreated = true;
      return { done: false, activity: true };
    case 'in-progress': {
      const first = wait.waitingFor === undefined;
      wait.waitingFor = status;
      if (first)
        ctx.progress.emit(
          DEPLOY_MESSAGES.stackBusy,
          `Stack ${stackName} is ${status}: waiting for that operation to settle first.`,
        );
      return { done: false, activity: first };
    }
    case 'stuck':
      throw new CutoverError(
        'STACK_STUCK',
        `Stack ${stackName} is ${status}. ${stuckStackAdvice(stackName, status!)}`,
      );
  }
}

async function deleteAndWait(
  ctx: PipelineContext,
  stack: Stack,
  options: PrepareStackOptions,
): Promise<void> {
  const cfn = ctx.aws.cloudFormation;
  // By id: after deletion a name lookup says "does not exist", an id lookup says DELETE_COMPLETE.
  const stackId = stack.StackId ?? options.stackName;
  await deleteStack(cfn, stackId, options.roleArn);
  let status = 'DELETE_IN_PROGRESS';
  await poll<void>(
    ctx,
    {
      timing: options.timing,
      deadline: options.deadline,
      what: `DescribeStacks for ${options.stackName}`,
      heartbeatMessage: DEPLOY_MESSAGES.stackDeleteWaiting,
      heartbeat: (elapsed) =>
        `still waiting: deleting stack ${options.stackName} (${status}), ${formatDuration(elapsed)} elapsed`,
      onTimeout: () => {
        throw new CutoverError(
          'DEPLOY_TIMEOUT',
          `Deleting the ROLLBACK_COMPLETE stack ${options.stackName} did not finish within ${options.timeoutMinutes} minutes (deploy-timeout-minutes). ` +
            'Check its events in the CloudFormation console, then run again.',
        );
      },
    },
    async () => {
      const current = await describeStack(cfn, stackId);
      status = current?.StackStatus ?? 'DELETE_COMPLETE';
      if (status === 'DELETE_COMPLETE') {
        ctx.progress.emit(
          DEPLOY_MESSAGES.failedStackDeleted,
          `Deleted the failed stack ${options.stackName}.`,
        );
        return { done: true, value: undefined };
      }
      if (status === 'DELETE_FAILED') {
        throw new CutoverError(
          'STACK_DELETE_FAILED',
          `Deleting the ROLLBACK_COMPLETE stack ${options.stackName} failed (${current?.StackStatusReason ?? 'no reason given'}). ` +
            stuckStackAdvice(options.stackName, 'DELETE_FAILED'),
        );
      }
      return { done: false };
    },
  );
}
