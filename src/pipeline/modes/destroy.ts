// `lmi-cutover destroy`: delete a stack and every LMI version it holds, unless its stage serves
// production traffic. Reads the stack (each resource and what deletion does to it, each
// function's published versions), reads the stage's requests from CloudWatch, decides
// (destroy/decide.ts), and with --dry-run stops there. Otherwise it scales the LMI versions to
// 0/0 and waits until they are Deactivated, deletes the stack and follows it to DELETE_COMPLETE,
// then looks everything up again to prove the functions and their versions are gone and names
// what outlives the stack. A CLI command, not an Action mode: a workflow runs the CLI for it.
import { CutoverError } from '../../core/errors.js';
import type { PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import { decideDestroy, type DestroyDecision, type SourceTraffic } from '../destroy/decide.js';
import { deleteStackAndWait } from '../destroy/delete-stack.js';
import { checkLeftovers, type Leftovers } from '../destroy/leftovers.js';
import { DESTROY_MESSAGES } from '../destroy/messages.js';
import { releaseLmiEnvironments, type ReleasedEnvironments } from '../destroy/release-environments.js';
import type { StackResourceLine } from '../destroy/resource-fate.js';
import { readStackInventory, type StackInventory } from '../destroy/stack-inventory.js';
import { readStageTraffic } from '../destroy/stage-traffic.js';

export interface DestroyOptions {
  readonly stackName: string;
  /** Read, decide and list; delete nothing. */
  readonly dryRun: boolean;
  readonly iKnowItServesProduction: boolean;
  /** How far back a stage request counts as traffic. */
  readonly trafficWindowHours: number;
  /** Bounds the scale-down and the deletion together. */
  readonly timeoutMinutes: number;
  readonly timing?: Partial<PollTiming>;
}

export type DestroyRun =
  | { readonly type: 'no-stack'; readonly stackName: string }
  | {
      readonly type: 'dry-run';
      readonly inventory: StackInventory;
      readonly traffic: readonly SourceTraffic[];
      readonly decision: DestroyDecision;
    }
  | {
      readonly type: 'destroyed';
      readonly inventory: StackInventory;
      readonly traffic: readonly SourceTraffic[];
      readonly decision: Extract<DestroyDecision, { type: 'proceed' }>;
      readonly released: ReleasedEnvironments;
      readonly leftovers: Leftovers;
    };

const DEFAULT_TIMING: PollTiming = { intervalMs: 5_000, maxIntervalMs: 60_000, heartbeatMs: 30_000 };

export async function destroyStack(ctx: PipelineContext, options: DestroyOptions): Promise<DestroyRun> {
  const { progress } = ctx;
  const inventory = await readStackInventory(ctx, options.stackName);
  if (!inventory) {
    progress.emit(
      DESTROY_MESSAGES.noStack,
      `Stack ${options.stackName} does not exist in ${await ctx.aws.region()}: nothing to delete.`,
    );
    return { type: 'no-stack', stackName: options.stackName };
  }
  listWhatGoes(ctx, inventory, options.dryRun);
  const traffic = await readTraffic(ctx, inventory, options.trafficWindowHours);
  const decision = decideDestroy(inventory, traffic, options);
  reportDecision(ctx, inventory, decision, options.dryRun);
  if (options.dryRun) return { type: 'dry-run', inventory, traffic, decision };
  if (decision.type === 'refused') throw new CutoverError('DESTROY_REFUSED', decision.reason, decision.fixes);

  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const wait = {
    deadline: ctx.clock.now() + options.timeoutMinutes * 60_000,
    timing,
    timeoutMinutes: options.timeoutMinutes,
  };
  const released = await releaseLmiEnvironments(ctx, inventory.functions, wait);
  await deleteStackAndWait(ctx, inventory, wait);
  const leftovers = await checkLeftovers(ctx, inventory);
  if (leftovers.unexpected.length > 0) {
    throw new CutoverError(
      'DESTROY_INCOMPLETE',
      `Stack ${inventory.stackName} is DELETE_COMPLETE, but what it deleted is still there: ${leftovers.unexpected.join('; ')}. Check it in the console.`,
      leftovers.unexpected,
    );
  }
  return { type: 'destroyed', inventory, traffic, decision, released, leftovers };
}

/** One line per resource and per published version: what deleting the stack does to it. */
function listWhatGoes(ctx: PipelineContext, inventory: StackInventory, dryRun: boolean): void {
  const deletes = dryRun ? 'Would delete' : 'Deletes';
  const keeps = dryRun ? 'Would keep' : 'Keeps';
  const name = (r: StackResourceLine) => `${r.type} ${r.physicalId ?? '(not created)'} (${r.logicalId})`;
  for (const r of inventory.resources) {
    const line =
      r.fate.kind === 'deleted'
        ? `${deletes} ${name(r)}`
        : r.fate.kind === 'snapshot'
          ? `${deletes} ${name(r)}, leaving a snapshot (DeletionPolicy: Snapshot)`
          : r.fate.kind === 'with-function'
            ? `${deletes} ${name(r)}: retained by the template, but it goes with function ${r.fate.functionName}`
            : `${keeps} ${name(r)} (DeletionPolicy: ${r.fate.policy}): it outlives the stack`;
    ctx.progress.emit(DESTROY_MESSAGES.resource, line);
  }
  for (const fn of inventory.functions) {
    for (const v of fn.versions) {
      ctx.progress.emit(
        DESTROY_MESSAGES.version,
        `${fn.retained ? keeps : deletes} ${fn.lmi ? 'LMI' : 'standard'} version ${fn.name}:${v.version}` +
          `${v.state ? ` (${v.state})` : ''} ${fn.retained ? 'with its retained function' : 'with its function'}`,
      );
    }
  }
}

async function readTraffic(
  ctx: PipelineContext,
  inventory: StackInventory,
  windowHours: number,
): Promise<SourceTraffic[]> {
  const out: SourceTraffic[] = [];
  for (const source of inventory.apis) {
    const traffic = await readStageTraffic(ctx, source, windowHours);
    out.push({ source, traffic });
    const where = `${source.stage !== undefined ? `Stage ${source.stage} of ` : ''}REST API ${source.restApiId}`;
    if (traffic.kind === 'unknown') {
      ctx.progress.emit(DESTROY_MESSAGES.trafficUnknown, `${where}: traffic unknown: ${traffic.reason}.`);
    } else if (traffic.kind === 'gone') {
      ctx.progress.emit(DESTROY_MESSAGES.traffic, `${where} no longer exists: it serves nothing.`);
    } else {
      ctx.progress.emit(
        DESTROY_MESSAGES.traffic,
        `${where} (API name "${traffic.apiName}"): ${traffic.kind === 'serving' ? traffic.requests : 0} request(s) in the last ${windowHours} h (CloudWatch AWS/ApiGateway Count).`,
      );
    }
  }
  return out;
}

function reportDecision(
  ctx: PipelineContext,
  inventory: StackInventory,
  decision: DestroyDecision,
  dryRun: boolean,
): void {
  if (decision.type === 'refused') {
    ctx.progress.emit(
      DESTROY_MESSAGES.decision,
      `${dryRun ? 'Destroy would refuse' : 'Refused'}: ${decision.reason} ${decision.fixes.join(' ')}`,
    );
    return;
  }
  if (decision.overridden)
    ctx.progress.emit(
      DESTROY_MESSAGES.overridden,
      `${decision.overridden} Deleting it anyway: ${decision.why}.`,
    );
  ctx.progress.emit(
    DESTROY_MESSAGES.decision,
    `${dryRun ? 'Dry run: destroy would delete' : 'Deleting'} stack ${inventory.stackName} (${inventory.status}): ${decision.why}.` +
      (dryRun ? ' Nothing was changed.' : ''),
  );
}
