// CloudFormation's state: every stack (deleted ones included), change sets, exports, and the
// stack operations running in the background, with the lookups the API's operations share.
import { AwsError } from '../../errors.js';
import type { Faults } from '../../core/faults.js';
import type { Timers } from '../../core/timers.js';
import type { EngineDeps } from './engine-types.js';
import type { StackOperation } from './executor.js';
import type { ChangeSetRecord, StackRecord } from './model.js';
import type { Services } from './providers/types.js';

export interface CloudFormationOptions {
  region: string;
  timers: Timers;
  faults: Faults;
  changeSetDelayMs: number;
  services: Services;
  log: (line: string) => void;
  /** Rewrites an output value as this emulator serves it (see EngineDeps.outputValue). */
  outputValue?: (value: string) => string;
  /** A CloudWatch alarm's StateValue by ARN, for rollback triggers; undefined when it does not exist. */
  alarmState?: (arn: string) => string | undefined;
  /** One minute of a rollback configuration's MonitoringTimeInMinutes. */
  monitoringMinuteMs: number;
}

export const validation = (message: string) => new AwsError('ValidationError', message);

export class CloudFormationState {
  /** Every stack by id, deleted ones included (DescribeStacks by ARN still finds them). */
  readonly stacks = new Map<string, StackRecord>();
  readonly changeSets = new Map<string, ChangeSetRecord>();
  readonly exports = new Map<string, { stackId: string; value: string }>();
  /** Stack operations running in the background; stop() aborts them. */
  readonly operations = new Set<StackOperation>();

  constructor(readonly options: CloudFormationOptions) {}

  /** What a stack operation works with. */
  get engineDeps(): EngineDeps {
    const o = this.options;
    return {
      region: o.region,
      services: o.services,
      timers: o.timers,
      faults: o.faults,
      exports: this.exports,
      log: o.log,
      outputValue: o.outputValue,
      alarmState: o.alarmState,
      monitoringMinuteMs: o.monitoringMinuteMs,
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

  stop(): void {
    for (const op of this.operations) op.abort.abort(new Error('The emulator stopped.'));
  }
}
