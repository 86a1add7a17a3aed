// The CloudFormation store the emulator hands out (`state.cloudformation`) and its API serves
// from: the state (state.ts) with the API's operations on it as methods (change-sets.ts,
// stacks.ts).
import {
  createChangeSet,
  deleteChangeSet,
  executeChangeSet,
  type CreateChangeSetInput,
} from './change-sets.js';
import { CloudFormationState } from './state.js';
import { cancelUpdateStack, deleteStack, updateTerminationProtection } from './stacks.js';

export type { CreateChangeSetInput } from './change-sets.js';

export class CloudFormationStore extends CloudFormationState {
  createChangeSet(input: CreateChangeSetInput): Promise<{ Id: string; StackId: string }> {
    return createChangeSet(this, input);
  }

  executeChangeSet(name: string | undefined, stackName: string | undefined, disableRollback: boolean): void {
    executeChangeSet(this, name, stackName, disableRollback);
  }

  deleteChangeSet(name: string | undefined, stackName: string | undefined): void {
    deleteChangeSet(this, name, stackName);
  }

  deleteStack(nameOrId: string | undefined): void {
    deleteStack(this, nameOrId);
  }

  updateTerminationProtection(nameOrId: string | undefined, enable: string | undefined): string {
    return updateTerminationProtection(this, nameOrId, enable);
  }

  cancelUpdateStack(nameOrId: string | undefined): void {
    cancelUpdateStack(this, nameOrId);
  }
}
