// The destructive half of stack operations: deleting resources (honouring Retain), the
// cleanup after an update, rollbacks after a failed create or update, and stack deletion.
import { handlerFailure, resourceEvent } from './events.js';
import type { EngineDeps, Touched } from './engine-types.js';
import type { StackOutput, StackRecord, StackResource, StackStatus } from './model.js';
import { PROVIDERS } from './providers/index.js';
import type { ProviderContext } from './providers/types.js';
import type { Template } from './template.js';

export interface TeardownContext {
  deps: EngineDeps;
  stack: StackRecord;
  setStatus(status: StackStatus, reason?: string): void;
  /** Deletes and rollbacks run with a fresh signal: they must not see the failure's abort. */
  deleteContext(logicalId: string): ProviderContext;
}

/** What an update replaces, restored by its rollback. */
export interface PreviousStack {
  template?: Template;
  templateBody?: string;
  parameters: StackRecord['parameters'];
  outputs: StackOutput[];
  order: string[];
  tags: StackRecord['tags'];
  capabilities: string[];
  description?: string;
  notificationArns: string[];
  rollbackConfiguration: StackRecord['rollbackConfiguration'];
}

/** A failure injected through faults.failResource(). */
export class InjectedFailure extends Error {}

/** Deletes one physical resource (or skips it under Retain); false when the delete failed. */
async function deleteResource(
  op: TeardownContext,
  r: StackResource,
  policy: string | undefined,
): Promise<boolean> {
  if (policy === 'Retain') {
    resourceEvent(op.stack, r, 'DELETE_SKIPPED');
    return true;
  }
  if (!r.physicalId) {
    resourceEvent(op.stack, r, 'DELETE_COMPLETE');
    return true;
  }
  resourceEvent(op.stack, r, 'DELETE_IN_PROGRESS');
  try {
    const injected = op.deps.faults.takeResourceFailure(r.logicalId, r.type, 'Delete');
    if (injected) throw new InjectedFailure(injected);
    await PROVIDERS[r.type]?.delete(op.deleteContext(r.logicalId), r.physicalId, r.properties, r.attributes);
    resourceEvent(op.stack, r, 'DELETE_COMPLETE');
    return true;
  } catch (e) {
    resourceEvent(op.stack, r, 'DELETE_FAILED', handlerFailure(r.type, e));
    return false;
  }
}

/** After a successful update: delete removed resources and the old copies of replaced ones. */
export async function cleanupAfterUpdate(
  op: TeardownContext,
  previousOrder: string[],
  active: Set<string>,
  replacedOld: StackResource[],
): Promise<void> {
  const { stack } = op;
  const removed = [...previousOrder].reverse().filter((id) => !active.has(id) && stack.resources.has(id));
  for (const id of stack.resources.keys()) if (!active.has(id) && !removed.includes(id)) removed.push(id);
  for (const id of removed) {
    const r = stack.resources.get(id)!;
    await deleteResource(op, r, r.deletionPolicy);
    stack.resources.delete(id);
  }
  for (const old of [...replacedOld].reverse()) await deleteResource(op, old, old.updateReplacePolicy);
}

export async function rollbackCreate(op: TeardownContext, created: string[], reason: string): Promise<void> {
  const { stack } = op;
  op.setStatus('ROLLBACK_IN_PROGRESS', reason);
  const failed: string[] = [];
  for (const id of [...created].reverse()) {
    const r = stack.resources.get(id);
    if (!r) continue;
    if (await deleteResource(op, r, r.deletionPolicy)) stack.resources.delete(id);
    else failed.push(id);
  }
  stack.outputs = [];
  if (failed.length)
    op.setStatus('ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
  else op.setStatus('ROLLBACK_COMPLETE');
}

/**
 * Undoes an update in reverse: resources updated in place are updated back, replaced ones
 * point at their old physical resource again, and what the update created is deleted in the
 * cleanup phase.
 */
export async function rollbackUpdate(
  op: TeardownContext,
  touched: Touched[],
  reason: string,
  prev: PreviousStack,
): Promise<void> {
  const { stack } = op;
  op.setStatus('UPDATE_ROLLBACK_IN_PROGRESS', reason);
  const cleanup: { record: StackResource; policy?: string; remove: boolean }[] = [];
  const failed: string[] = [];
  for (const t of [...touched].reverse()) {
    const current = stack.resources.get(t.logicalId);
    if (t.kind === 'create') {
      if (current) cleanup.push({ record: current, policy: current.deletionPolicy, remove: true });
      continue;
    }
    const before = t.before!;
    if (t.kind === 'replace') {
      if (current?.physicalId)
        cleanup.push({ record: { ...current }, policy: current.updateReplacePolicy, remove: false });
      stack.resources.set(t.logicalId, before);
      resourceEvent(stack, before, 'UPDATE_COMPLETE');
      continue;
    }
    const r = current!;
    resourceEvent(stack, r, 'UPDATE_IN_PROGRESS');
    try {
      const result = await PROVIDERS[r.type]!.update!(
        op.deleteContext(r.logicalId),
        before.physicalId!,
        before.properties,
        {
          props: r.properties,
          attributes: r.attributes,
        },
      );
      if (result.stabilize) await result.stabilize();
      r.properties = before.properties;
      r.attributes = { ...before.attributes, ...result.attributes };
      resourceEvent(stack, r, 'UPDATE_COMPLETE');
    } catch (e) {
      resourceEvent(stack, r, 'UPDATE_FAILED', handlerFailure(r.type, e));
      failed.push(r.logicalId);
    }
  }
  Object.assign(stack, prev);
  if (failed.length) {
    op.setStatus(
      'UPDATE_ROLLBACK_FAILED',
      `The following resource(s) failed to update: [${failed.join(', ')}]. `,
    );
    return;
  }
  op.setStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  for (const c of cleanup) {
    await deleteResource(op, c.record, c.policy);
    if (c.remove) stack.resources.delete(c.record.logicalId);
  }
  op.setStatus('UPDATE_ROLLBACK_COMPLETE');
}

export async function deleteStackResources(op: TeardownContext): Promise<boolean> {
  const { stack, deps } = op;
  op.setStatus('DELETE_IN_PROGRESS', 'User Initiated');
  const ids = [...stack.order].reverse();
  for (const id of stack.resources.keys()) if (!ids.includes(id)) ids.unshift(id);
  const failed: string[] = [];
  for (const id of ids) {
    const r = stack.resources.get(id);
    if (!r) continue;
    if (await deleteResource(op, r, r.deletionPolicy)) stack.resources.delete(id);
    else failed.push(id);
  }
  if (failed.length) {
    op.setStatus('DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
    return false;
  }
  for (const [name, exp] of deps.exports) if (exp.stackId === stack.stackId) deps.exports.delete(name);
  stack.deletionTime = new Date();
  op.setStatus('DELETE_COMPLETE');
  return true;
}
