// The stack operations that are not change sets: DeleteStack (a stack operation in the
// background that deletes the stack's resources, and its change sets at once; deleting a stack
// that does not exist succeeds, as in AWS), UpdateTerminationProtection, and CancelUpdateStack.
import { StackOperation } from './executor.js';
import { validation, type CloudFormationState } from './state.js';

/** The StackStatusReason of the rollback a CancelUpdateStack starts. */
const UPDATE_CANCELLED_REASON = 'Stack update cancelled';

export function deleteStack(state: CloudFormationState, nameOrId: string | undefined): void {
  const stack = nameOrId ? state.findStack(nameOrId) : undefined;
  if (!stack || stack.status === 'DELETE_COMPLETE') return;
  if (stack.terminationProtection) {
    throw validation(`Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`);
  }
  if (stack.busy || (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS')) {
    throw validation(`Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
  }
  for (const [id, cs] of state.changeSets) if (cs.stackId === stack.stackId) state.changeSets.delete(id);
  const op = new StackOperation(state.engineDeps, stack);
  stack.busy = true;
  state.operations.add(op);
  op.deleteStack()
    .catch((e: unknown) =>
      state.options.log(`[emulator] stack delete failed: ${(e as Error).stack ?? String(e)}`),
    )
    .finally(() => {
      stack.busy = false;
      state.operations.delete(op);
    });
}

/** Turns termination protection on or off; returns the stack's id, as the API does. */
export function updateTerminationProtection(
  state: CloudFormationState,
  nameOrId: string | undefined,
  enable: string | undefined,
): string {
  if (enable !== 'true' && enable !== 'false') {
    throw validation(
      "1 validation error detected: Value null at 'enableTerminationProtection' failed to satisfy constraint: Member must not be null",
    );
  }
  const stack = state.getStack(nameOrId);
  stack.terminationProtection = enable === 'true';
  return stack.stackId;
}

/**
 * Cancels the update running on the stack: only in UPDATE_IN_PROGRESS (a create, a rollback or
 * the cleanup cannot be cancelled). The operation then rolls back as a failed update would.
 */
export function cancelUpdateStack(state: CloudFormationState, nameOrId: string | undefined): void {
  const stack = state.getStack(nameOrId);
  const op = [...state.operations].find((o) => o.stackId === stack.stackId);
  if (stack.status !== 'UPDATE_IN_PROGRESS' || !op) {
    throw validation('CancelUpdateStack cannot be called from current stack status');
  }
  op.cancel(UPDATE_CANCELLED_REASON);
}
