// Step 4 of the deploy stage: execute the change set and narrate the stack events until the
// stack settles. On failure the root cause comes first: the earliest failure that is not just
// CloudFormation cancelling the resources around it.
import { ExecuteChangeSetCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import {
  describeStack,
  isDeploySuccess,
  readNewStackEvents,
  stuckStackAdvice,
} from '../../aws/cloudformation.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { poll, type PollTiming } from '../../core/poll.js';

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
  readonly provisioningTimeoutMinutes?: number;
}

export interface ExecutionResult {
  readonly stackStatus: string;
  /** Events of this operation, oldest first. */
  readonly events: readonly StackEvent[];
}

const CANCELLED = ['Resource creation cancelled', 'Resource update cancelled'];

export async function executeAndFollow(
  ctx: PipelineContext,
  options: FollowOptions,
): Promise<ExecutionResult> {
  const cfn = ctx.aws.cloudFormation;
  // Events already on the stack are history: remember them so only this operation's are shown.
  const seen = new Set<string>();
  await readNewStackEvents(cfn, options.stackId, seen, 1);

  await cfn.send(
    new ExecuteChangeSetCommand({
      StackName: options.stackName,
      ChangeSetName: options.changeSetName,
      ClientRequestToken: options.changeSetName,
    }),
  );
  const started = ctx.clock.now();
  ctx.progress.info(`Executing change set ${options.changeSetName}.`);

  const events: StackEvent[] = [];
  const latestStatus = new Map<string, string>();
  let stackStatus = options.changeSetType === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
  const inProgress = () =>
    [...latestStatus]
      .filter(([id, s]) => id !== options.stackName && s.endsWith('_IN_PROGRESS'))
      .map(([id]) => id);

  // When each function version resource started provisioning, by our clock.
  const versionStarted = new Map<string, number>();
  const readEvents = async (): Promise<boolean> => {
    const fresh = await readNewStackEvents(cfn, options.stackId, seen);
    for (const e of fresh) {
      events.push(e);
      if (e.LogicalResourceId && e.ResourceStatus) {
        latestStatus.set(e.LogicalResourceId, e.ResourceStatus);
        if (e.ResourceType === 'AWS::Lambda::Version' && e.ResourceStatus === 'CREATE_IN_PROGRESS')
          if (!versionStarted.has(e.LogicalResourceId))
            versionStarted.set(e.LogicalResourceId, ctx.clock.now());
      }
      ctx.progress.info(formatEvent(e, ctx.clock.now() - started));
    }
    return fresh.length > 0;
  };
  const checkProvisioningBound = () => {
    if (options.provisioningTimeoutMinutes === undefined) return;
    const limitMs = options.provisioningTimeoutMinutes * 60_000;
    for (const [id, since] of versionStarted) {
      if (latestStatus.get(id) !== 'CREATE_IN_PROGRESS') continue;
      if (ctx.clock.now() - since >= limitMs)
        throw provisioningTimeoutError(options, id, ctx.clock.now() - since);
    }
  };

  stackStatus = await poll<string>(
    ctx,
    {
      timing: options.timing,
      deadline: options.deadline,
      what: `DescribeStackEvents for ${options.stackName}`,
      heartbeat: () => {
        const busy = inProgress();
        return `still waiting: ${busy.length} resource${busy.length === 1 ? '' : 's'} in progress${busy.length > 0 ? ` (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''})` : ''}, stack ${stackStatus}, ${formatDuration(ctx.clock.now() - started)} elapsed`;
      },
      onTimeout: () => {
        throw timeoutError(options, stackStatus, inProgress());
      },
    },
    async () => {
      const activity = await readEvents();
      checkProvisioningBound();
      const stack = await describeStack(cfn, options.stackId);
      stackStatus = stack?.StackStatus ?? 'DELETE_COMPLETE';
      if (stackStatus.endsWith('_IN_PROGRESS')) return { done: false, activity };
      // The stack settled: pick up the events that landed between the two calls.
      await readEvents();
      return { done: true, value: stackStatus };
    },
  );

  if (!isDeploySuccess(stackStatus)) throw failureError(options, stackStatus, events);
  ctx.progress.info(
    `Stack ${options.stackName} is ${stackStatus} after ${formatDuration(ctx.clock.now() - started)}.`,
  );
  return { stackStatus, events };
}

/** `  1m05s  Fn  AWS::Lambda::Function  CREATE_FAILED  Resource handler returned …` */
export function formatEvent(e: StackEvent, elapsedMs: number): string {
  const reason = e.ResourceStatusReason ? `  ${e.ResourceStatusReason}` : '';
  return `${formatDuration(elapsedMs).padStart(6)}  ${e.LogicalResourceId ?? '?'}  ${e.ResourceType ?? '?'}  ${e.ResourceStatus ?? '?'}${reason}`;
}

/** Failed events, root cause first: the earliest resource failure that is not a cancellation. */
export function orderFailures(events: readonly StackEvent[], stackName: string): StackEvent[] {
  const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED'));
  const isStackSummary = (e: StackEvent) =>
    e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stackName;
  const isCancellation = (e: StackEvent) => CANCELLED.some((c) => e.ResourceStatusReason?.startsWith(c));
  const rank = (e: StackEvent) => (isStackSummary(e) ? 2 : isCancellation(e) ? 1 : 0);
  // Stable sort keeps chronological order within each rank.
  return [...failed].sort((a, b) => rank(a) - rank(b));
}

const describeFailure = (e: StackEvent) =>
  `${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? 'no reason given'}`;

function failureError(options: FollowOptions, status: string, events: readonly StackEvent[]): CutoverError {
  const failures = orderFailures(events, options.stackName);
  const root = failures[0];
  const cause = root
    ? ` Root cause: ${describeFailure(root)}.`
    : ' CloudFormation reported no failed resource.';
  let next: string;
  if (status === 'ROLLBACK_COMPLETE')
    next = ' Fix it and run again; the next run deletes the failed stack and creates it anew.';
  else if (status.endsWith('_ROLLBACK_COMPLETE'))
    next = ' The stack is back on its previous template; fix the cause and run again.';
  else next = ` ${stuckStackAdvice(options.stackName, status)}`;
  return new CutoverError(
    'DEPLOY_FAILED',
    `Deploying stack ${options.stackName} failed; the stack is ${status}.${cause}${next}`,
    failures.map(describeFailure),
  );
}

function provisioningTimeoutError(options: FollowOptions, versionId: string, waitedMs: number): CutoverError {
  return new CutoverError(
    'PROVISIONING_TIMEOUT',
    `Function version ${versionId} is still provisioning after ${formatDuration(waitedMs)} ` +
      `(provisioning-timeout-minutes: ${options.provisioningTimeoutMinutes}); the run fails because the LMI version is not known to be Active. ` +
      `CloudFormation carries on without this run: watch the stack ${options.stackName} in the console, or raise provisioning-timeout-minutes.`,
    [`in progress: ${versionId}`],
  );
}

function timeoutError(options: FollowOptions, status: string, busy: string[]): CutoverError {
  const cancel =
    status === 'UPDATE_IN_PROGRESS'
      ? ` To stop it, run "aws cloudformation cancel-update-stack --stack-name ${options.stackName}".`
      : '';
  return new CutoverError(
    'DEPLOY_TIMEOUT',
    `Stack ${options.stackName} is still ${status} after ${options.timeoutMinutes} minutes (deploy-timeout-minutes); ` +
      `the run fails because the deployment is not known to have worked. CloudFormation carries on without this run: watch it in the console.${cancel}`,
    busy.length > 0 ? [`in progress: ${busy.join(', ')}`] : [],
  );
}
