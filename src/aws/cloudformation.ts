// Typed helpers over the CloudFormation API for stacks: what a stack status means for a
// deployment, stack events read incrementally, the stack's resources and processed template,
// and the stack-wide operations (delete, cancel an update, termination protection). Change sets
// are in change-sets.ts.
import {
  CancelUpdateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateTerminationProtectionCommand,
  paginateListStackResources,
  type CloudFormationClient,
  type Stack,
  type StackEvent,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { errorMessage, errorName } from '../core/aws-errors.js';
import { shellQuote } from '../core/format.js';

export type StackStatusKind =
  /** No stack: create it. */
  | 'absent'
  /** Created by a CREATE change set that never ran: create again through a CREATE change set. */
  | 'review'
  /** Settled and updatable. */
  | 'stable'
  /** Something is running on the stack: wait for it. */
  | 'in-progress'
  /** A first creation failed and rolled back: the stack can only be deleted. */
  | 'rollback-complete'
  /** Needs a person (continue-update-rollback, manual delete …). */
  | 'stuck';

const STABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

export function classifyStackStatus(status: string | undefined): StackStatusKind {
  if (!status || status === 'DELETE_COMPLETE') return 'absent';
  if (status === 'REVIEW_IN_PROGRESS') return 'review';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  if (status === 'ROLLBACK_COMPLETE') return 'rollback-complete';
  if (STABLE.has(status)) return 'stable';
  return 'stuck';
}

/** Statuses that end a deployment successfully. */
export const isDeploySuccess = (status: string | undefined): boolean =>
  status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE';

/** What a person must do to free a stack in each stuck state. */
export function stuckStackAdvice(stackName: string, status: string): string {
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return `CloudFormation could not roll back the last update. Fix or skip the resources that failed (see the stack events), run "aws cloudformation continue-update-rollback --stack-name ${shellQuote(stackName)}", then run again.`;
    case 'UPDATE_FAILED':
      return `The last update failed with rollback disabled. Run "aws cloudformation rollback-stack --stack-name ${shellQuote(stackName)}" (or fix and update it by hand), then run again.`;
    case 'DELETE_FAILED':
      return `Deleting the stack failed. Delete it again, retaining what cannot be deleted ("aws cloudformation delete-stack --stack-name ${shellQuote(stackName)} --retain-resources …"), then run again.`;
    case 'CREATE_FAILED':
    case 'ROLLBACK_FAILED':
    case 'IMPORT_ROLLBACK_FAILED':
      return `The stack cannot be updated from this state. Delete it ("aws cloudformation delete-stack --stack-name ${shellQuote(stackName)}", retaining resources that cannot be deleted), then run again.`;
    default:
      return `lmi-cutover does not know how to deploy over this state. Inspect the stack in the CloudFormation console, bring it to a *_COMPLETE state, then run again.`;
  }
}

/** DescribeStacks for a name or id; undefined when the stack does not exist. */
export async function describeStack(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return Stacks?.[0];
  } catch (e) {
    if (isStackMissingError(e)) return undefined;
    throw e;
  }
}

const isStackMissingError = (e: unknown): boolean =>
  errorName(e) === 'ValidationError' && /does not exist/.test(errorMessage(e));

/**
 * Events newer than the ones in `seen`, oldest first. Pages back (newest first) until an event
 * already seen, so a burst of more than one page between polls is not lost. `seen` is updated.
 */
export async function readNewStackEvents(
  cfn: CloudFormationClient,
  stackId: string,
  seen: Set<string>,
  maxPages = 20,
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  const inThisRead = new Set<string>();
  let NextToken: string | undefined;
  pages: for (let page = 0; page < maxPages; page++) {
    const res = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken }));
    for (const event of res.StackEvents ?? []) {
      if (!event.EventId || seen.has(event.EventId)) break pages;
      if (inThisRead.has(event.EventId)) continue;
      inThisRead.add(event.EventId);
      fresh.push(event);
    }
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  for (const id of inThisRead) seen.add(id);
  return fresh.reverse();
}

/** Every resource of the stack, every page (ListStackResources). */
export async function listStackResources(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: stackName }))
    all.push(...(page.StackResourceSummaries ?? []));
  return all;
}

/** The stack's template after its transforms (SAM's resources, with their DeletionPolicy), as text. */
export async function getProcessedTemplate(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<string | undefined> {
  const res = await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Processed' }));
  return res.TemplateBody;
}

/** Deletes a stack (by id, so a later lookup reads DELETE_COMPLETE instead of "does not exist"). */
export async function deleteStack(
  cfn: CloudFormationClient,
  stackId: string,
  roleArn?: string,
): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stackId, RoleARN: roleArn }));
}

/** Cancels the update running on the stack; CloudFormation then rolls it back. */
export async function cancelUpdateStack(cfn: CloudFormationClient, stackId: string): Promise<void> {
  await cfn.send(new CancelUpdateStackCommand({ StackName: stackId }));
}

export async function updateTerminationProtection(
  cfn: CloudFormationClient,
  stackId: string,
  enable: boolean,
): Promise<void> {
  await cfn.send(
    new UpdateTerminationProtectionCommand({ StackName: stackId, EnableTerminationProtection: enable }),
  );
}
