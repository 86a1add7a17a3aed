// The stack-safety inputs as CloudFormation takes them: the capabilities and notification
// topics go on the change set as given; rollback-alarms are looked up by name first (a trigger
// needs the alarm's ARN and type, and a typo must stop the run before anything is created,
// where CloudFormation would only fail the operation later); termination protection has no
// change set member, so it is set on the stack once a deploy succeeded.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Capability } from '@aws-sdk/client-cloudformation';
import type { RollbackTriggers } from '../../aws/change-sets.js';
import { describeStack, updateTerminationProtection } from '../../aws/cloudformation.js';
import { describeAlarmsByName } from '../../aws/cloudwatch.js';
import type { Config } from '../../config/config.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';
import { DEPLOY_MESSAGES } from './messages.js';

export type StackSafetySettings = Pick<
  Config,
  'capabilities' | 'notificationArns' | 'rollbackAlarms' | 'rollbackMonitoringMinutes'
>;

/** What every change set of the run carries besides its template and parameters. */
export interface StackSafety {
  readonly capabilities: readonly Capability[];
  /** Undefined: the stack keeps its topics. */
  readonly notificationArns?: readonly string[];
  /** Undefined: the stack keeps its rollback configuration. */
  readonly rollback?: RollbackTriggers;
}

/** An alarm's name: an ARN's last part (`arn:aws:cloudwatch:…:alarm:<name>`), or the name itself. */
const alarmName = (nameOrArn: string): string =>
  nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf(':alarm:') + ':alarm:'.length) : nameOrArn;

export async function resolveStackSafety(
  ctx: PipelineContext,
  settings: StackSafetySettings,
): Promise<StackSafety> {
  const alarms =
    settings.rollbackAlarms.length > 0
      ? await rollbackAlarms(ctx.aws.cloudWatch, settings.rollbackAlarms)
      : undefined;
  const minutes = settings.rollbackMonitoringMinutes;
  if (alarms) {
    ctx.progress.emit(
      DEPLOY_MESSAGES.rollbackTriggers,
      `Rollback triggers: ${alarms.map((a) => a.arn).join(', ')}` +
        (minutes !== undefined ? `, watched for ${minutes} minute(s) after the resources` : ''),
    );
  }
  const rollback =
    alarms || minutes !== undefined
      ? { ...(alarms ? { alarms } : {}), ...(minutes !== undefined ? { monitoringMinutes: minutes } : {}) }
      : undefined;
  return {
    capabilities: [...settings.capabilities],
    ...(settings.notificationArns ? { notificationArns: settings.notificationArns } : {}),
    ...(rollback ? { rollback } : {}),
  };
}

async function rollbackAlarms(
  cloudWatch: CloudWatchClient,
  given: readonly string[],
): Promise<NonNullable<RollbackTriggers['alarms']>> {
  const names = given.map(alarmName);
  let found;
  try {
    found = await describeAlarmsByName(cloudWatch, names);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudwatch:DescribeAlarms', names.join(', '));
    throw e;
  }
  const byName = new Map(found.map((a) => [a.AlarmName, a]));
  const missing = given.filter((g) => {
    const alarm = byName.get(alarmName(g));
    // An ARN must name this very alarm (same region and account), not just one of that name.
    return !alarm || (g.startsWith('arn:') && alarm.AlarmArn !== g);
  });
  if (missing.length > 0) {
    throw new CutoverError(
      'ALARM_NOT_FOUND',
      `rollback-alarms lists ${missing.length === 1 ? 'an alarm' : 'alarms'} CloudWatch does not have in this region: ${missing.join(', ')}. ` +
        'CloudFormation would fail the whole update on a missing trigger: fix the names (they are case-sensitive) or remove them; nothing was changed.',
    );
  }
  return names.map((n) => {
    const alarm = byName.get(n)!;
    return {
      arn: alarm.AlarmArn!,
      type: 'AlarmRule' in alarm ? 'AWS::CloudWatch::CompositeAlarm' : 'AWS::CloudWatch::Alarm',
    };
  });
}

/**
 * After a successful deploy: termination protection as termination-protection asks, when the
 * stack has it otherwise. Returns what it changed (undefined when nothing).
 */
export async function applyTerminationProtection(
  ctx: PipelineContext,
  stackId: string,
  wanted: boolean | undefined,
): Promise<boolean | undefined> {
  if (wanted === undefined) return undefined;
  const cfn = ctx.aws.cloudFormation;
  const stack = await describeStack(cfn, stackId);
  if ((stack?.EnableTerminationProtection ?? false) === wanted) return undefined;
  try {
    await updateTerminationProtection(cfn, stackId, wanted);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:UpdateTerminationProtection', stack?.StackName ?? stackId);
    throw e;
  }
  ctx.progress.emit(
    DEPLOY_MESSAGES.terminationProtection,
    `Termination protection of ${stack?.StackName ?? stackId} turned ${wanted ? 'on' : 'off'} (termination-protection: ${wanted}).`,
  );
  return wanted;
}
