// The stack options a change set carries besides its template: the SNS topics CloudFormation
// notifies (NotificationARNs) and the rollback triggers it watches (RollbackConfiguration),
// validated as CloudFormation validates them. A member the request leaves out keeps what the
// stack already has, as the API reference says for both.
import { queryList } from '../../http/query.js';
import type { RollbackConfiguration, StackRecord } from './model.js';
import { AwsError } from '../../errors.js';

const MAX_NOTIFICATION_ARNS = 5;
const MAX_ROLLBACK_TRIGGERS = 5;
const MAX_MONITORING_MINUTES = 180;
const TRIGGER_TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'];
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;

const validation = (message: string) => new AwsError('ValidationError', message);

/** What the request's members look like once the query protocol is unflattened. */
export interface StackOptionsInput {
  NotificationARNs?: unknown;
  RollbackConfiguration?: unknown;
}

/** NotificationARNs as given; undefined when the request did not name the member. */
export function notificationArnsOf(input: StackOptionsInput): string[] | undefined {
  if (input.NotificationARNs === undefined) return undefined;
  const arns = queryList<string>(input.NotificationARNs);
  if (arns.length > MAX_NOTIFICATION_ARNS) {
    throw validation(
      `1 validation error detected: Value '[${arns.join(', ')}]' at 'notificationARNs' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NOTIFICATION_ARNS}`,
    );
  }
  // AWS's documentation does not quote the message for a malformed topic ARN; this names it.
  const bad = arns.find((a) => !SNS_TOPIC_ARN.test(a));
  if (bad !== undefined) throw validation(`Notification ARN ${bad} is not a valid SNS topic ARN.`);
  return arns;
}

/** RollbackConfiguration as given; undefined when the request did not name it. */
export function rollbackConfigurationOf(
  input: StackOptionsInput,
): Partial<RollbackConfiguration> | undefined {
  const given = input.RollbackConfiguration;
  if (given === undefined || given === '') return undefined;
  const raw = given as { RollbackTriggers?: unknown; MonitoringTimeInMinutes?: unknown };
  const out: Partial<RollbackConfiguration> = {};
  if (raw.RollbackTriggers !== undefined) {
    const triggers = queryList<{ Arn?: string; Type?: string }>(raw.RollbackTriggers);
    if (triggers.length > MAX_ROLLBACK_TRIGGERS) {
      throw validation(
        `1 validation error detected: Value at 'rollbackConfiguration.rollbackTriggers' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ROLLBACK_TRIGGERS}`,
      );
    }
    for (const t of triggers) {
      if (!t.Type || !TRIGGER_TYPES.includes(t.Type))
        throw validation(
          `Rollback trigger type ${t.Type ?? ''} is not supported; use ${TRIGGER_TYPES.join(' or ')}.`,
        );
      if (!t.Arn || !ALARM_ARN.test(t.Arn))
        throw validation(`Rollback trigger ${t.Arn ?? ''} is not a CloudWatch alarm ARN.`);
    }
    out.triggers = triggers.map((t) => ({ Arn: t.Arn!, Type: t.Type! }));
  }
  if (raw.MonitoringTimeInMinutes !== undefined) {
    const minutes = Number(raw.MonitoringTimeInMinutes);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MONITORING_MINUTES) {
      throw validation(
        `1 validation error detected: Value '${String(raw.MonitoringTimeInMinutes)}' at 'rollbackConfiguration.monitoringTimeInMinutes' failed to satisfy constraint: Member must have value less than or equal to ${MAX_MONITORING_MINUTES}`,
      );
    }
    out.monitoringMinutes = minutes;
  }
  return out;
}

/** The rollback configuration an operation runs with: the change set's members over the stack's. */
export function effectiveRollbackConfiguration(
  stack: StackRecord,
  given: Partial<RollbackConfiguration> | undefined,
): RollbackConfiguration {
  return {
    triggers: given?.triggers ?? stack.rollbackConfiguration?.triggers ?? [],
    monitoringMinutes: given?.monitoringMinutes ?? stack.rollbackConfiguration?.monitoringMinutes ?? 0,
  };
}

/** RollbackConfiguration as DescribeStacks and DescribeChangeSet return it. */
export const rollbackConfigurationShape = (c: Partial<RollbackConfiguration> | undefined) =>
  c
    ? {
        RollbackTriggers: c.triggers?.map((t) => ({ Arn: t.Arn, Type: t.Type })),
        MonitoringTimeInMinutes: c.monitoringMinutes,
      }
    : undefined;
