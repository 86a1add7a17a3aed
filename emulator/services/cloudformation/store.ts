// CloudFormation's state and operations: stacks, change sets, and the stack operations
// running in the background (change set computation and execution, deletes).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import type { Faults } from '../../core/faults.js';
import { arn } from '../../core/ids.js';
import type { Timers } from '../../core/timers.js';
import { baseContext, prepare, requiredCapabilities } from './context.js';
import { StackOperation } from './executor.js';
import type { ChangeSetRecord, StackRecord } from './model.js';
import {
  paramRefValues,
  resolveParameters,
  type ParameterInput,
  type ResolvedParameter,
} from './parameters.js';
import { ChangeSetFailed, NO_CHANGES_REASON, isEmptyUpdate, planChanges } from './planner.js';
import type { Services } from './providers/types.js';
import { SAM_TRANSFORM, TransformFailed, samTransform } from './sam/index.js';
import { readTemplateBody } from './template-source.js';
import { parseTemplate, transformsOf, type Template } from './template.js';
import { queryList } from '../../http/query.js';

export interface CloudFormationOptions {
  region: string;
  timers: Timers;
  faults: Faults;
  changeSetDelayMs: number;
  services: Services;
  log: (line: string) => void;
  /** Rewrites an output value as this emulator serves it (see EngineDeps.outputValue). */
  outputValue?: (value: string) => string;
}

const NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_FAILED',
]);

const validation = (message: string) => new AwsError('ValidationError', message);

export interface CreateChangeSetInput {
  StackName?: string;
  ChangeSetName?: string;
  ChangeSetType?: string;
  TemplateBody?: string;
  TemplateURL?: string;
  UsePreviousTemplate?: string;
  Parameters?: unknown;
  Capabilities?: unknown;
  Tags?: unknown;
  Description?: string;
}

export class CloudFormationStore {
  /** Every stack by id, deleted ones included (DescribeStacks by ARN still finds them). */
  readonly stacks = new Map<string, StackRecord>();
  readonly changeSets = new Map<string, ChangeSetRecord>();
  readonly exports = new Map<string, { stackId: string; value: string }>();
  private readonly operations = new Set<StackOperation>();

  constructor(readonly options: CloudFormationOptions) {}

  private get deps() {
    const o = this.options;
    return {
      region: o.region,
      services: o.services,
      timers: o.timers,
      faults: o.faults,
      exports: this.exports,
      log: o.log,
      outputValue: o.outputValue,
    };
  }

  /** A live stack by name, or any stack (deleted included) by id. */
  findStack(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.get(nameOrId);
    return [...this.stacks.values()].find((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
  }

  getStack(nameOrId: string | undefined): StackRecord {
    const stack = nameOrId ? this.findStack(nameOrId) : undefined;
    if (!stack) throw validation(`Stack with id ${nameOrId ?? ''} does not exist`);
    return stack;
  }

  findChangeSet(name: string | undefined, stackName: string | undefined): ChangeSetRecord {
    if (!name) throw validation('ChangeSetName is required.');
    if (name.startsWith('arn:')) {
      const cs = this.changeSets.get(name);
      if (!cs) throw new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
      return cs;
    }
    if (!stackName)
      throw validation('StackName must be specified if ChangeSetName is not specified as an ARN.');
    const stack = this.findStack(stackName);
    const cs =
      stack && [...this.changeSets.values()].find((c) => c.stackId === stack.stackId && c.name === name);
    if (!cs) throw new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
    return cs;
  }

  async createChangeSet(input: CreateChangeSetInput): Promise<{ Id: string; StackId: string }> {
    const { region, services } = this.options;
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
      throw validation(
        `ChangeSetType ${type} is not supported by the local emulator (use CREATE or UPDATE).`,
      );
    }
    let stack = this.findStack(stackName);
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
    if (
      stack &&
      [...this.changeSets.values()].some((c) => c.stackId === stack!.stackId && c.name === csName)
    ) {
      throw new AwsError('AlreadyExistsException', `ChangeSet [${csName}] already exists`);
    }

    const body = await readTemplateBody(input, services.s3, stack?.templateBody);
    const template = parseTemplate(body);
    const previous =
      stack && type === 'UPDATE'
        ? Object.fromEntries(stack.parameters.map((p) => [p.key, p.value]))
        : undefined;
    const params = resolveParameters(
      template,
      queryList<ParameterInput>(input.Parameters),
      previous,
      (name) => {
        try {
          return services.ssm.get(name, false).outValue;
        } catch {
          throw validation(
            `Parameters: [${name}] referenced by template could not be found in Parameter Store.`,
          );
        }
      },
    );
    const capabilities = queryList<string>(input.Capabilities);
    const tags = queryList<{ Key: string; Value: string }>(input.Tags);

    const stackId = stack?.stackId ?? arn('cloudformation', region, `stack/${stackName}/${randomUUID()}`);
    const processed = this.process(template, params, stackName, stackId);
    if (processed.template) {
      const order = Object.keys(processed.template.Resources);
      const needed = requiredCapabilities(
        processed.template,
        order,
        (id) => processed.template!.Resources[id]!.Properties ?? {},
      );
      const has = new Set(capabilities);
      if (has.has('CAPABILITY_NAMED_IAM')) has.add('CAPABILITY_IAM');
      const missing = needed.filter((c) => !has.has(c));
      if (missing.length) {
        throw new AwsError(
          'InsufficientCapabilitiesException',
          `Requires capabilities : [${missing.join(', ')}]`,
        );
      }
    }

    if (!stack) {
      stack = {
        stackId,
        stackName,
        status: 'REVIEW_IN_PROGRESS',
        statusReason: 'User Initiated',
        creationTime: new Date(),
        parameters: params,
        capabilities,
        tags,
        disableRollback: false,
        order: [],
        resources: new Map(),
        events: [],
        outputs: [],
        busy: false,
      };
      this.stacks.set(stackId, stack);
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
    }
    const cs: ChangeSetRecord = {
      id: arn('cloudformation', region, `changeSet/${csName}/${randomUUID()}`),
      name: csName,
      stackId,
      stackName,
      type,
      status: 'CREATE_PENDING',
      executionStatus: 'UNAVAILABLE',
      creationTime: new Date(),
      description: input.Description,
      parameters: params,
      capabilities,
      tags,
      templateBody: body,
      template: processed.template,
      changes: [],
    };
    this.changeSets.set(cs.id, cs);
    const target = stack;
    this.options.timers.after(this.options.changeSetDelayMs, () =>
      this.computeChangeSet(target, cs, processed.failure),
    );
    return { Id: cs.id, StackId: stackId };
  }

  /** Runs transforms; a failure fails the change set later rather than the request. */
  private process(
    template: Template,
    params: ResolvedParameter[],
    stackName: string,
    stackId: string,
  ): { template?: Template; failure?: string } {
    const transforms = transformsOf(template);
    const unsupported = transforms.filter((t) => t !== SAM_TRANSFORM);
    if (unsupported.length) {
      return {
        failure: `The local emulator does not support the transform(s) [${unsupported.join(', ')}]; it implements ${SAM_TRANSFORM}.`,
      };
    }
    let processed = template;
    if (transforms.length) {
      try {
        processed = samTransform(template, paramRefValues(params));
      } catch (e) {
        if (e instanceof TransformFailed) return { failure: e.message };
        throw e;
      }
    }
    const base = baseContext({
      region: this.options.region,
      stackName,
      stackId,
      params: paramRefValues(params),
      template: processed,
      ssm: this.options.services.ssm,
      exports: this.exports,
    });
    try {
      prepare(processed, base);
    } catch (e) {
      // A plain template's errors are the request's; a transformed one's fail the change set.
      if (!transforms.length) throw e;
      return { failure: (e as Error).message };
    }
    return { template: processed };
  }

  private computeChangeSet(stack: StackRecord, cs: ChangeSetRecord, failure: string | undefined): void {
    if (!this.changeSets.has(cs.id)) return;
    cs.status = 'CREATE_IN_PROGRESS';
    const fail = (reason: string) => {
      cs.status = 'FAILED';
      cs.executionStatus = 'UNAVAILABLE';
      cs.statusReason = reason;
    };
    if (failure || !cs.template) return fail(failure ?? 'The template could not be processed.');
    try {
      cs.changes = planChanges(stack, {
        region: this.options.region,
        stackName: stack.stackName,
        stackId: stack.stackId,
        params: paramRefValues(cs.parameters),
        template: cs.template,
        ssm: this.options.services.ssm,
        exports: this.exports,
      });
    } catch (e) {
      if (e instanceof ChangeSetFailed || e instanceof AwsError) return fail(e.message);
      this.options.log(`[emulator] change set ${cs.name} failed: ${(e as Error).stack ?? String(e)}`);
      return fail(`Internal error computing the change set: ${(e as Error).message}`);
    }
    if (cs.type === 'UPDATE' && isEmptyUpdate(stack, cs.changes, cs.template, cs.parameters, cs.tags)) {
      return fail(NO_CHANGES_REASON);
    }
    cs.status = 'CREATE_COMPLETE';
    cs.executionStatus = 'AVAILABLE';
  }

  executeChangeSet(name: string | undefined, stackName: string | undefined, disableRollback: boolean): void {
    const cs = this.findChangeSet(name, stackName);
    const stack = this.getStack(cs.stackId);
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
    for (const other of this.changeSets.values()) {
      if (other.stackId === stack.stackId && other !== cs) other.executionStatus = 'OBSOLETE';
    }
    const op = new StackOperation(this.deps, stack);
    stack.busy = true;
    this.operations.add(op);
    op.runChangeSet(cs, disableRollback)
      .then((ok) => {
        cs.executionStatus = ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
      })
      .catch((e: unknown) => {
        this.options.log(`[emulator] stack operation failed: ${(e as Error).stack ?? String(e)}`);
        cs.executionStatus = 'EXECUTE_FAILED';
      })
      .finally(() => {
        stack.busy = false;
        this.operations.delete(op);
        for (const [id, c] of this.changeSets)
          if (c.stackId === stack.stackId && c !== cs && c.executionStatus === 'OBSOLETE')
            this.changeSets.delete(id);
      });
  }

  deleteChangeSet(name: string | undefined, stackName: string | undefined): void {
    const cs = this.findChangeSet(name, stackName);
    if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
      throw new AwsError('InvalidChangeSetStatus', `Cannot delete ChangeSet in status ${cs.executionStatus}`);
    }
    this.changeSets.delete(cs.id);
  }

  deleteStack(nameOrId: string | undefined): void {
    const stack = nameOrId ? this.findStack(nameOrId) : undefined;
    if (!stack || stack.status === 'DELETE_COMPLETE') return;
    if (stack.busy || (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS')) {
      throw validation(`Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
    }
    for (const [id, cs] of this.changeSets) if (cs.stackId === stack.stackId) this.changeSets.delete(id);
    const op = new StackOperation(this.deps, stack);
    stack.busy = true;
    this.operations.add(op);
    op.deleteStack()
      .catch((e: unknown) =>
        this.options.log(`[emulator] stack delete failed: ${(e as Error).stack ?? String(e)}`),
      )
      .finally(() => {
        stack.busy = false;
        this.operations.delete(op);
      });
  }

  stop(): void {
    for (const op of this.operations) op.abort.abort(new Error('The emulator stopped.'));
  }
}
