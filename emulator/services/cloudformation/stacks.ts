// DeleteStack: a stack operation in the background that deletes the stack's resources (and
// its change sets at once). Deleting a stack that does not exist succeeds, as in AWS.
import { StackOperation } from './executor.js';
import { validation, type CloudFormationState } from './state.js';

export function deleteStack(state: CloudFormationState, nameOrId: string | undefined): void {
  const stack = nameOrId ? state.findStack(nameOrId) : undefined;
  if (!stack || stack.status === 'DELETE_COMPLETE') return;
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
