// Step 3 of the deploy stage: one change set per run, named so our own leftovers can be found
// and removed, waited for, and read in full into a typed summary.
import { randomBytes } from 'node:crypto';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSet,
  isEmptyChangeSetReason,
  listChangeSetNames,
  type CreateChangeSetRequest,
  type ResourceChangeSummary,
} from '../../aws/change-sets.js';
import { errorMessage, errorName } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { poll, type PollStep, type PollTiming } from '../../core/poll.js';
import { DEPLOY_MESSAGES } from './messages.js';

const CHANGE_SET_PREFIX = 'lmi-cutover-';
/** A plan's change set is kept for review: deploys leave these alone (see plan-stack.ts). */
export const PLAN_PREFIX = `${CHANGE_SET_PREFIX}plan-`;

const random3 = () => randomBytes(3).toString('hex');
const stampOf = (now: number) =>
  new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** `lmi-cutover-20250102-030405-a1b2c3`: sortable, unique per run, a valid change set name. */
export function newChangeSetName(now: number, random: () => string = random3): string {
  return `${CHANGE_SET_PREFIX}${stampOf(now)}-${random()}`;
}

/** `lmi-cutover-plan-pr42-20250102-030405-a1b2c3`: a plan's, naming its pull request when known. */
export function planChangeSetName(now: number, pullRequest?: number, random: () => string = random3): string {
  const pr = pullRequest === undefined ? '' : `pr${pullRequest}-`;
  return `${PLAN_PREFIX}${pr}${stampOf(now)}-${random()}`;
}

/**
 * Removes change sets earlier deploys of this tool left behind; never touches anyone else's,
 * nor a plan kept for review.
 */
export async function deleteStaleChangeSets(ctx: PipelineContext, stackName: string): Promise<string[]> {
  const cfn = ctx.aws.cloudFormation;
  const stale = (await listChangeSetNames(cfn, stackName, CHANGE_SET_PREFIX)).filter(
    // One being executed cannot be deleted and finishes by itself.
    (c) => c.executionStatus !== 'EXECUTE_IN_PROGRESS' && !c.name.startsWith(PLAN_PREFIX),
  );
  for (const { name } of stale) await deleteChangeSet(cfn, stackName, name);
  if (stale.length > 0) {
    ctx.progress.emit(
      DEPLOY_MESSAGES.staleChangeSetsDeleted,
      `Deleted ${stale.length} stale change set${stale.length === 1 ? '' : 's'} of earlier runs: ${stale.map((c) => c.name).join(', ')}`,
    );
  }
  return stale.map((c) => c.name);
}

/** This run's change set: its stack-safety members come from resolveStackSafety. */
export type ChangeSetRequest = Omit<CreateChangeSetRequest, 'description'>;

export type ChangeSetOutcome =
  | { readonly type: 'ready'; readonly stackId: string; readonly changes: readonly ResourceChangeSummary[] }
  /** CloudFormation found nothing to change. */
  | { readonly type: 'empty'; readonly stackId: string; readonly reason: string };

export interface ChangeSetWait {
  readonly deadline: number;
  readonly timing: PollTiming;
  readonly timeoutMinutes: number;
}

/** Asks CloudFormation for this run's change set; waitForChangeSet follows its computation. */
export async function startChangeSet(
  ctx: PipelineContext,
  request: ChangeSetRequest,
  description = 'Created by lmi-cutover',
): Promise<void> {
  try {
    await createChangeSet(ctx.aws.cloudFormation, { ...request, description });
  } catch (e) {
    if (errorName(e) !== 'InsufficientCapabilitiesException') throw e;
    throw new CutoverError(
      'DEPLOY_CHANGESET_FAILED',
      `CloudFormation refused change set ${request.changeSetName} on ${request.stackName}: ${errorMessage(e)}. ` +
        `The template needs a capability the capabilities input does not list (${request.capabilities.join(', ') || 'none'}): add it there, or change the template.`,
      [],
      { cause: e },
    );
  }
  ctx.progress.emit(
    DEPLOY_MESSAGES.changeSetCreated,
    `Created ${request.changeSetType} change set ${request.changeSetName}; waiting for CloudFormation to compute it.`,
  );
}

/** Waits until the change set is ready (or empty); a failed one becomes DEPLOY_CHANGESET_FAILED. */
export async function waitForChangeSet(
  ctx: PipelineContext,
  stackName: string,
  changeSetName: string,
  wait: ChangeSetWait,
): Promise<ChangeSetOutcome> {
  let status = 'CREATE_PENDING';
  return poll<ChangeSetOutcome>(
    ctx,
    {
      timing: wait.timing,
      deadline: wait.deadline,
      what: `DescribeChangeSet for ${changeSetName}`,
      heartbeatMessage: DEPLOY_MESSAGES.changeSetWaiting,
      heartbeat: (elapsed) =>
        `still waiting: change set ${changeSetName} is ${status}, ${formatDuration(elapsed)} elapsed`,
      onTimeout: () => {
        throw new CutoverError(
          'DEPLOY_TIMEOUT',
          `Change set ${changeSetName} on ${stackName} was still ${status} after ${wait.timeoutMinutes} minutes (deploy-timeout-minutes). ` +
            'CloudFormation is unusually slow: check the change set in the console, then run again.',
        );
      },
    },
    async () => {
      const step = await readChangeSet(ctx, stackName, changeSetName);
      status = step.status;
      return step.step;
    },
  );
}

/** One look at the change set: its status, and the outcome once CloudFormation has one. */
async function readChangeSet(
  ctx: PipelineContext,
  stackName: string,
  changeSetName: string,
): Promise<{ status: string; step: PollStep<ChangeSetOutcome> }> {
  const cfn = ctx.aws.cloudFormation;
  // The first page holds the status; all pages are read once it is complete.
  const head = await describeChangeSet(cfn, stackName, changeSetName, { allPages: false });
  const { status } = head;
  if (status === 'CREATE_COMPLETE') {
    const full = await describeChangeSet(cfn, stackName, changeSetName);
    return {
      status,
      step: {
        done: true,
        value: { type: 'ready', stackId: full.stackId ?? stackName, changes: full.changes },
      },
    };
  }
  if (status !== 'FAILED') return { status, step: { done: false } };
  if (isEmptyChangeSetReason(head.statusReason)) {
    const reason = head.statusReason ?? '';
    return {
      status,
      step: { done: true, value: { type: 'empty', stackId: head.stackId ?? stackName, reason } },
    };
  }
  throw new CutoverError(
    'DEPLOY_CHANGESET_FAILED',
    `CloudFormation rejected change set ${changeSetName} on ${stackName}: ${head.statusReason ?? 'no reason given'}. ` +
      'Fix the template or parameters and run again.',
  );
}

/** Best effort: a change set left behind is cleaned up by the next run anyway. */
export async function deleteChangeSetQuietly(
  ctx: PipelineContext,
  stackName: string,
  changeSetName: string,
): Promise<void> {
  try {
    await deleteChangeSet(ctx.aws.cloudFormation, stackName, changeSetName);
  } catch (e) {
    ctx.progress.emit(
      DEPLOY_MESSAGES.changeSetDeleteFailed,
      `Could not delete change set ${changeSetName}: ${errorMessage(e)}`,
    );
  }
}

/** A change as the log shows it; the plan adds why it endangers production. */
type LoggedChange = ResourceChangeSummary & { readonly risk?: string };

/** The change set's size, then one line per resource change, before it is executed. */
export function announceChanges(
  ctx: PipelineContext,
  changeSetName: string,
  changes: readonly LoggedChange[],
): void {
  ctx.progress.emit(
    DEPLOY_MESSAGES.changeSetSummary,
    `Change set ${changeSetName}: ${changes.length} change${changes.length === 1 ? '' : 's'}`,
  );
  for (const line of describeChanges(changes)) ctx.progress.emit(DEPLOY_MESSAGES.change, `  ${line}`);
}

/** `Modify  Cp  AWS::Lambda::CapacityProvider  replacement: True (InstanceRequirements)` lines for the log. */
function describeChanges(changes: readonly LoggedChange[]): string[] {
  return changes.map((c) => {
    const causes = c.recreatedBy?.map((r) => `${r.property}${r.when === 'Conditionally' ? '?' : ''}`) ?? [];
    const replacement =
      c.action === 'Modify' && c.replacement
        ? `  replacement: ${c.replacement}${causes.length > 0 ? ` (${causes.join(', ')})` : ''}`
        : '';
    const risk = c.risk ? `  !! ${c.risk}` : '';
    return `${c.action.padEnd(7)} ${c.logicalId}  ${c.type}${replacement}${risk}`;
  });
}
