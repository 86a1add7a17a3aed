// CloudFormation's change-set operations: CreateChangeSet (validate the request, resolve the
// template, record the change set, plan its changes in the background), ExecuteChangeSet
// (a stack operation in the background) and DeleteChangeSet.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import { arn } from '../../core/ids.js';
import {
  checkCapabilities,
  checkTransformCapability,
  processTemplate,
  resolveTemplate,
  type CreateChangeSetInput,
  type ResolvedTemplate,
} from './change-set-template.js';
import { StackOperation } from './executor.js';
import type { ChangeSetRecord, StackRecord } from './model.js';
import { paramRefValues } from './parameters.js';
import { ChangeSetFailed, NO_CHANGES_REASON, isEmptyUpdate, planChanges } from './planner.js';
import { notificationArnsOf, rollbackConfigurationOf } from './stack-options.js';
import { validation, type CloudFormationState } from './state.js';
import type { Template } from './template.js';

export type { CreateChangeSetInput } from './change-set-template.js';

const NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_FAILED',
]);

interface ChangeSetRequest {
  stackName: string;
  csName: string;
  type: 'CREATE' | 'UPDATE';
  /** The stack the change set is for; none yet for a CREATE. */
  stack: StackRecord | undefined;
}

export async function createChangeSet(
  state: CloudFormationState,
  input: CreateChangeSetInput,
): Promise<{ Id: string; StackId: string }> {
  const request = validateRequest(state, input);
  const options = {
    notificationArns: notificationArnsOf(input),
    rollbackConfiguration: rollbackConfigurationOf(input),
  };
  const resolved = await resolveTemplate(state, input, request.stack, request.type);
  checkTransformCapability(resolved.template, resolved.capabilities);
  const stackId =
    request.stack?.stackId ??
    arn('cloudformation', state.options.region, `stack/${request.stackName}/${randomUUID()}`);
  const processed = processTemplate(state, resolved.template, resolved.params, request.stackName, stackId);
  if (processed.template) checkCapabilities(processed.template, resolved.capabilities);
  return recordChangeSet(state, input, request, { ...resolved, ...options }, stackId, processed);
}

/** Names, type, and whether the stack is in a state this change set may target. */
function validateRequest(state: CloudFormationState, input: CreateChangeSetInput): ChangeSetRequest {
  const stackName = input.StackName ?? '';
  const csName = input.ChangeSetName ?? '';
  if (!NAME.test(stackName)) {
    throw validation(
      `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  if (!NAME.test(csName)) {
    throw validation(
      `1 validation error detected: Value '${csName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  const type = input.ChangeSetType ?? 'UPDATE';
  if (type !== 'CREATE' && type !== 'UPDATE') {
    throw validation(`ChangeSetType ${type} is not supported by the local emulator (use CREATE or UPDATE).`);
  }
  const stack = state.findStack(stackName);
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validation(
      `Stack [${stackName}] already exists and cannot be created again with the changeSet [${csName}].`,
    );
  }
  if (type === 'UPDATE') {
    if (!stack || stack.status === 'REVIEW_IN_PROGRESS')
      throw validation(`Stack [${stackName}] does not exist`);
    if (!UPDATABLE.has(stack.status) || stack.busy) {
      throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
    }
  }
  if (stack && [...state.changeSets.values()].some((c) => c.stackId === stack.stackId && c.name === csName)) {
    throw new AwsError('AlreadyExistsException', `ChangeSet [${csName}] already exists`);
  }
  return { stackName, csName, type, stack };
}

/** A stack that does not exist yet is created REVIEW_IN_PROGRESS, as CloudFormation does. */
function reviewStack(
  state: CloudFormationState,
  stackId: string,
  stackName: string,
  resolved: ResolvedTemplate,
): StackRecord {
  const stack: StackRecord = {
    stackId,
    stackName,
    status: 'REVIEW_IN_PROGRESS',
    statusReason: 'User Initiated',
    creationTime: new Date(),
    parameters: resolved.params,
    capabilities: resolved.capabilities,
    tags: resolved.tags,
    disableRollback: false,
    terminationProtection: false,
    notificationArns: [],
    order: [],
    resources: new Map(),
    events: [],
    outputs: [],
    busy: false,
  };
  state.stacks.set(stackId, stack);
  stack.events.push({
    EventId: randomUUID(),
    StackId: stackId,
    StackName: stackName,
    LogicalResourceId: stackName,
    PhysicalResourceId: stackId,
    ResourceType: 'AWS::CloudFormation::Stack',
    Timestamp: new Date(),
    ResourceStatus: 'REVIEW_IN_PROGRESS',
    ResourceStatusReason: 'User Initiated',
  });
  return stack;
}

/** Records the change set CREATE_PENDING and plans its changes after changeSetDelayMs. */
function recordChangeSet(
  state: CloudFormationState,
  input: CreateChangeSetInput,
  request: ChangeSetRequest,
  resolved: ResolvedTemplate & Pick<ChangeSetRecord, 'notificationArns' | 'rollbackConfiguration'>,
  stackId: string,
  processed: { template?: Template; failure?: string },
): { Id: string; StackId: string } {
  const { stackName, csName, type } = request;
  const stack = request.stack ?? reviewStack(state, stackId, stackName, resolved);
  const cs: ChangeSetRecord = {
    id: arn('cloudformation', state.options.region, `changeSet/${csName}/${randomUUID()}`),
    name: csName,
    stackId,
    stackName,
    type,
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    creationTime: new Date(),
    description: input.Description,
    parameters: resolved.params,
    capabilities: resolved.capabilities,
    tags: resolved.tags,
    notificationArns: resolved.notificationArns,
    rollbackConfiguration: resolved.rollbackConfiguration,
    templateBody: resolved.body,
    template: processed.template,
    changes: [],
  };
  state.changeSets.set(cs.id, cs);
  state.options.timers.after(state.options.changeSetDelayMs, () =>
    computeChangeSet(state, stack, cs, processed.failure),
  );
  return { Id: cs.id, StackId: stackId };
}

/** Plans the change set's changes: CREATE_COMPLETE and AVAILABLE, or FAILED with the reason. */
function computeChangeSet(
  state: CloudFormationState,
  stack: StackRecord,
  cs: ChangeSetRecord,
  failure: string | undefined,
): void {
  if (!state.changeSets.has(cs.id)) return;
  cs.status = 'CREATE_IN_PROGRESS';
  const fail = (reason: string) => {
    cs.status = 'FAILED';
    cs.executionStatus = 'UNAVAILABLE';
    cs.statusReason = reason;
  };
  if (failure || !cs.template) return fail(failure ?? 'The template could not be processed.');
  try {
    cs.changes = planChanges(stack, {
      region: state.options.region,
      stackName: stack.stackName,
      stackId: stack.stackId,
      params: paramRefValues(cs.parameters),
      template: cs.template,
      ssm: state.options.services.ssm,
      exports: state.exports,
    });
  } catch (e) {
    if (e instanceof ChangeSetFailed || e instanceof AwsError) return fail(e.message);
    state.options.log(`[emulator] change set ${cs.name} failed: ${(e as Error).stack ?? String(e)}`);
    return fail(`Internal error computing the change set: ${(e as Error).message}`);
  }
  if (cs.type === 'UPDATE' && isEmptyUpdate(stack, cs.changes, cs.template, cs.parameters, cs.tags)) {
    return fail(NO_CHANGES_REASON);
  }
  cs.status = 'CREATE_COMPLETE';
  cs.executionStatus = 'AVAILABLE';
}

export function executeChangeSet(
  state: CloudFormationState,
  name: string | undefined,
  stackName: string | undefined,
  disableRollback: boolean,
): void {
  const cs = state.findChangeSet(name, stackName);
  const stack = state.getStack(cs.stackId);
  if (cs.status !== 'CREATE_COMPLETE') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status}]`,
    );
  }
  if (cs.executionStatus !== 'AVAILABLE') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      `ChangeSet [${cs.id}] cannot be executed in its current execution status of [${cs.executionStatus}]`,
    );
  }
  if (stack.busy)
    throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  cs.executionStatus = 'EXECUTE_IN_PROGRESS';
  for (const other of state.changeSets.values()) {
    if (other.stackId === stack.stackId && other !== cs) other.executionStatus = 'OBSOLETE';
  }
  const op = new StackOperation(state.engineDeps, stack);
  stack.busy = true;
  state.operations.add(op);
  op.runChangeSet(cs, disableRollback)
    .then((ok) => {
      cs.executionStatus = ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
    })
    .catch((e: unknown) => {
      state.options.log(`[emulator] stack operation failed: ${(e as Error).stack ?? String(e)}`);
      cs.executionStatus = 'EXECUTE_FAILED';
    })
    .finally(() => {
      stack.busy = false;
      state.operations.delete(op);
      for (const [id, c] of state.changeSets)
        if (c.stackId === stack.stackId && c !== cs && c.executionStatus === 'OBSOLETE')
          state.changeSets.delete(id);
    });
}

export function deleteChangeSet(
  state: CloudFormationState,
  name: string | undefined,
  stackName: string | undefined,
): void {
  const cs = state.findChangeSet(name, stackName);
  if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new AwsError('InvalidChangeSetStatus', `Cannot delete ChangeSet in status ${cs.executionStatus}`);
  }
  state.changeSets.delete(cs.id);
}
