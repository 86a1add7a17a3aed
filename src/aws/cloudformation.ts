// Typed helpers over the CloudFormation API: what a stack status means for a deployment,
// change sets read in full, and stack events read incrementally.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  type Capability,
  type Parameter,
  type CloudFormationClient,
  type Stack,
  type StackEvent,
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

/** Names of the stack's change sets that start with prefix (all pages). */
export async function listChangeSetNames(
  cfn: CloudFormationClient,
  stackName: string,
  prefix: string,
): Promise<Array<{ name: string; executionStatus?: string }>> {
  const found: Array<{ name: string; executionStatus?: string }> = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await cfn.send(new ListChangeSetsCommand({ StackName: stackName, NextToken }));
    for (const s of res.Summaries ?? []) {
      if (s.ChangeSetName?.startsWith(prefix))
        found.push({ name: s.ChangeSetName, executionStatus: s.ExecutionStatus });
    }
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  return found;
}

/** One resource in a change set, as a reviewer reads it (the report's ResourceChange shape). */
export interface ResourceChangeSummary {
  readonly logicalId: string;
  readonly physicalId?: string;
  /** The resource type, e.g. AWS::Lambda::Function. */
  readonly type: string;
  readonly action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  /** 'True' means deleted and recreated; undefined for Add and Remove. */
  readonly replacement?: 'True' | 'False' | 'Conditional';
}

export interface ChangeSetDescription {
  readonly status: string;
  readonly statusReason?: string;
  readonly executionStatus?: string;
  readonly stackId?: string;
  readonly changes: readonly ResourceChangeSummary[];
}

/** DescribeChangeSet across all pages (a page holds at most 100 changes). */
export async function describeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
  { allPages = true } = {},
): Promise<ChangeSetDescription> {
  const changes: ResourceChangeSummary[] = [];
  let NextToken: string | undefined;
  let first: ChangeSetDescription | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await cfn.send(
      new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, NextToken }),
    );
    first ??= {
      status: res.Status ?? 'UNKNOWN',
      statusReason: res.StatusReason,
      executionStatus: res.ExecutionStatus,
      stackId: res.StackId,
      changes,
    };
    for (const c of res.Changes ?? []) {
      const rc = c.ResourceChange;
      if (!rc) continue;
      changes.push({
        logicalId: rc.LogicalResourceId ?? '?',
        physicalId: rc.PhysicalResourceId,
        type: rc.ResourceType ?? '?',
        // SyncWithActual only comes from drift-aware change sets, which this tool never creates.
        action: rc.Action === 'SyncWithActual' || !rc.Action ? 'Modify' : rc.Action,
        replacement: rc.Replacement,
      });
    }
    NextToken = res.NextToken;
    if (!allPages || !NextToken) break;
  }
  return first ?? { status: 'UNKNOWN', changes };
}

// The two ways CloudFormation says a change set is empty (the second comes from older paths).
const EMPTY_CHANGE_SET = [
  "The submitted information didn't contain changes",
  'No updates are to be performed',
];

export const isEmptyChangeSetReason = (reason: string | undefined): boolean =>
  EMPTY_CHANGE_SET.some((text) => reason?.includes(text));

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

export interface CreateChangeSetRequest {
  readonly stackName: string;
  readonly changeSetName: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly template: { readonly body: string } | { readonly url: string };
  readonly parameters: readonly Parameter[];
  readonly capabilities: readonly Capability[];
  readonly roleArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string;
}

/** Starts creating a change set; returns its id (the caller waits for it to be created). */
export async function createChangeSet(
  cfn: CloudFormationClient,
  request: CreateChangeSetRequest,
): Promise<string | undefined> {
  const res = await cfn.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.changeSetName,
      ChangeSetType: request.changeSetType,
      ...('body' in request.template
        ? { TemplateBody: request.template.body }
        : { TemplateURL: request.template.url }),
      Parameters: [...request.parameters],
      Capabilities: [...request.capabilities],
      RoleARN: request.roleArn,
      Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
      Description: request.description,
    }),
  );
  return res.Id;
}

export async function deleteChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<void> {
  await cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
}

/** Executes a change set; its name doubles as the request token, so a retried call runs it once. */
export async function executeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<void> {
  await cfn.send(
    new ExecuteChangeSetCommand({
      StackName: stackName,
      ChangeSetName: changeSetName,
      ClientRequestToken: changeSetName,
    }),
  );
}

/** Deletes a stack (by id, so a later lookup reads DELETE_COMPLETE instead of "does not exist"). */
export async function deleteStack(
  cfn: CloudFormationClient,
  stackId: string,
  roleArn?: string,
): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stackId, RoleARN: roleArn }));
}
