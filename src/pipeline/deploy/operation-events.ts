// The events of one stack operation as the deploy stage narrates them: each printed once as it
// arrives, the latest status of every resource kept (for the heartbeat and a timeout's
// details), and when each function version began provisioning (for provisioning-timeout-minutes).
import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';
import { readNewStackEvents } from '../../aws/cloudformation.js';
import { formatDuration } from '../../core/format.js';
import type { MessageSpec } from '../../core/progress.js';
import type { PipelineContext } from '../context.js';
import { DEPLOY_MESSAGES } from './messages.js';

/** The ids of the events already on the stack: history, never shown as this operation's. */
export async function stackEventHistory(cfn: CloudFormationClient, stackId: string): Promise<Set<string>> {
  const seen = new Set<string>();
  await readNewStackEvents(cfn, stackId, seen, 1);
  return seen;
}

export class OperationEvents {
  /** Events of this operation, oldest first. */
  readonly all: StackEvent[] = [];
  private readonly latestStatus = new Map<string, string>();
  /** When each function version resource started provisioning, by our clock. */
  private readonly versionStarted = new Map<string, number>();

  constructor(
    private readonly ctx: PipelineContext,
    private readonly stack: { readonly stackName: string; readonly stackId: string },
    /** When the execution started, for each line's elapsed time. */
    private readonly started: number,
    /** Ids already read (the history first); updated by every read. */
    private readonly seen: Set<string>,
    /** The code each event line carries (a deletion's are destroy's). */
    private readonly eventMessage: MessageSpec = DEPLOY_MESSAGES.stackEvent,
  ) {}

  /** Reads and prints the events since the last read; true when there were any. */
  async read(): Promise<boolean> {
    const fresh = await readNewStackEvents(this.ctx.aws.cloudFormation, this.stack.stackId, this.seen);
    for (const e of fresh) {
      this.all.push(e);
      this.track(e);
      this.ctx.progress.emit(this.eventMessage, formatEvent(e, this.ctx.clock.now() - this.started));
    }
    return fresh.length > 0;
  }

  private track({ LogicalResourceId: id, ResourceStatus: status, ResourceType: type }: StackEvent): void {
    if (!id || !status) return;
    this.latestStatus.set(id, status);
    if (type === 'AWS::Lambda::Version' && status === 'CREATE_IN_PROGRESS' && !this.versionStarted.has(id))
      this.versionStarted.set(id, this.ctx.clock.now());
  }

  /** Resources (not the stack itself) whose latest status is *_IN_PROGRESS. */
  inProgress(): string[] {
    return [...this.latestStatus]
      .filter(([id, s]) => id !== this.stack.stackName && s.endsWith('_IN_PROGRESS'))
      .map(([id]) => id);
  }

  /** A function version still being created after limitMs, if any. */
  overdueVersion(limitMs: number): { readonly logicalId: string; readonly waitedMs: number } | undefined {
    const now = this.ctx.clock.now();
    for (const [logicalId, since] of this.versionStarted) {
      if (this.latestStatus.get(logicalId) !== 'CREATE_IN_PROGRESS') continue;
      if (now - since >= limitMs) return { logicalId, waitedMs: now - since };
    }
    return undefined;
  }
}

/** `  1m05s  Fn  AWS::Lambda::Function  CREATE_FAILED  Resource handler returned …` */
function formatEvent(e: StackEvent, elapsedMs: number): string {
  const reason = e.ResourceStatusReason ? `  ${e.ResourceStatusReason}` : '';
  return `${formatDuration(elapsedMs).padStart(6)}  ${e.LogicalResourceId ?? '?'}  ${e.ResourceType ?? '?'}  ${e.ResourceStatus ?? '?'}${reason}`;
}
