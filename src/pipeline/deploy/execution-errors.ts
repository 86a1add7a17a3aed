// How a change set execution fails, as errors a person can act on: the root cause first (the
// earliest failure that is not just CloudFormation cancelling the resources around it), what
// state the stack is left in, and what to run next.
import { shellQuote } from '../../core/format.js';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { stuckStackAdvice } from '../../aws/cloudformation.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';

/** What the errors name: the stack, and the bounds the run applied. */
export interface ExecutionBounds {
  readonly stackName: string;
  readonly timeoutMinutes: number;
  readonly provisioningTimeoutMinutes: number;
}

const CANCELLED = ['Resource creation cancelled', 'Resource update cancelled'];

/** Failed events, root cause first: the earliest resource failure that is not a cancellation. */
export function orderFailures(events: readonly StackEvent[], stackName: string): StackEvent[] {
  const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED'));
  const isStackSummary = (e: StackEvent) =>
    e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stackName;
  const rank = (e: StackEvent) => (isStackSummary(e) ? 2 : isCancellation(e) ? 1 : 0);
  // Stable sort keeps chronological order within each rank.
  return [...failed].sort((a, b) => rank(a) - rank(b));
}

const isCancellation = (e: StackEvent) => CANCELLED.some((c) => e.ResourceStatusReason?.startsWith(c));

/**
 * The reason CloudFormation gave the stack's rollback, when no resource failed by itself: a
 * rollback trigger's alarm, or a cancel, only cancel the resources in progress (or none, in the
 * monitoring period), so the stack's own *ROLLBACK_IN_PROGRESS event is the root cause.
 */
function rollbackReason(events: readonly StackEvent[], stackName: string): string | undefined {
  return events.find(
    (e) =>
      e.ResourceType === 'AWS::CloudFormation::Stack' &&
      e.LogicalResourceId === stackName &&
      e.ResourceStatus?.endsWith('ROLLBACK_IN_PROGRESS') &&
      e.ResourceStatusReason,
  )?.ResourceStatusReason;
}

const describeFailure = (e: StackEvent) =>
  `${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? 'no reason given'}`;

export function failureError(
  bounds: ExecutionBounds,
  status: string,
  events: readonly StackEvent[],
): CutoverError {
  const failures = orderFailures(events, bounds.stackName);
  const root = failures[0];
  const rolledBackFor = rollbackReason(events, bounds.stackName);
  let cause: string;
  if (root && !isCancellation(root)) cause = ` Root cause: ${describeFailure(root)}.`;
  else if (rolledBackFor)
    cause = ` CloudFormation rolled the stack back: ${rolledBackFor}${rolledBackFor.endsWith('.') ? '' : '.'}`;
  else if (root) cause = ` Root cause: ${describeFailure(root)}.`;
  else cause = ' CloudFormation reported no failed resource.';
  let next: string;
  if (status === 'ROLLBACK_COMPLETE')
    next = ' Fix it and run again; the next run deletes the failed stack and creates it anew.';
  else if (status.endsWith('_ROLLBACK_COMPLETE'))
    next = ' The stack is back on its previous template; fix the cause and run again.';
  else next = ` ${stuckStackAdvice(bounds.stackName, status)}`;
  return new CutoverError(
    'DEPLOY_FAILED',
    `Deploying stack ${bounds.stackName} failed; the stack is ${status}.${cause}${next}`,
    failures.map(describeFailure),
  );
}

export function provisioningTimeoutError(
  bounds: ExecutionBounds,
  versionId: string,
  waitedMs: number,
): CutoverError {
  return new CutoverError(
    'PROVISIONING_TIMEOUT',
    `Function version ${versionId} is still provisioning after ${formatDuration(waitedMs)} ` +
      `(provisioning-timeout-minutes: ${bounds.provisioningTimeoutMinutes}); the run fails because the LMI version is not known to be Active. ` +
      `CloudFormation carries on without this run: watch the stack ${bounds.stackName} in the console, or raise provisioning-timeout-minutes.`,
    [`in progress: ${versionId}`],
  );
}

/** The deadline passed in a state the run cannot cancel: a creation, a cleanup, a rollback. */
export function timeoutError(bounds: ExecutionBounds, status: string, busy: string[]): CutoverError {
  const cancel =
    status === 'CREATE_IN_PROGRESS'
      ? ' A first creation cannot be cancelled (CancelUpdateStack applies to updates only): if it fails, the stack ends ROLLBACK_COMPLETE and the next run deletes it and creates it again.'
      : status === 'UPDATE_IN_PROGRESS'
        ? ` To stop it, run "aws cloudformation cancel-update-stack --stack-name ${shellQuote(bounds.stackName)}".`
        : '';
  return new CutoverError(
    'DEPLOY_TIMEOUT',
    `Stack ${bounds.stackName} is still ${status} after ${bounds.timeoutMinutes} minutes (deploy-timeout-minutes); ` +
      `the run fails because the deployment is not known to have worked. CloudFormation carries on without this run: watch it in the console.${cancel}`,
    busy.length > 0 ? [`in progress: ${busy.join(', ')}`] : [],
  );
}
