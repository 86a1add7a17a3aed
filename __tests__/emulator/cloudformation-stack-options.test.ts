// CloudFormation's stack options and stack operations beyond the change set itself, as the
// local cloud models them: termination protection, notification ARNs, the capability a
// transform needs, CancelUpdateStack, rollback triggers with their monitoring period, and the
// change sets an execution makes obsolete.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CancelUpdateStackCommand,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type CreateChangeSetCommandInput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { Emulator } from '../../emulator/index.js';
import { allEvents, changeSetSettled, deploy, stackSettled } from './cfn-helpers.js';
import { clientConfig, errorOf, startTestEmulator, waitFor } from './helpers.js';

let emu: Emulator;
let cfn: CloudFormationClient;
let cw: CloudWatchClient;

/** One monitoring minute lasts this long here. */
const MINUTE_MS = 300;

beforeAll(async () => {
  // A capacity provider takes 1.5 s to become Active: an update that adds one stays in progress.
  emu = await startTestEmulator({ capacityProviderReadyMs: 1500, monitoringMinuteMs: MINUTE_MS });
  cfn = new CloudFormationClient(clientConfig(emu));
  cw = new CloudWatchClient(clientConfig(emu));
});

afterAll(async () => {
  cfn.destroy();
  cw.destroy();
  await emu.stop();
});

const ssmParams = (...values: string[]) =>
  JSON.stringify({
    Resources: Object.fromEntries(
      values.map((v, i) => [
        `P${i}`,
        { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: v } },
      ]),
    ),
  });

const TOPIC = (name: string) => `arn:aws:sns:us-east-1:000000000000:${name}`;

const describe1 = async (name: string): Promise<Stack> =>
  (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;

let changeSets = 0;
/** An UPDATE change set, computed and executed; resolves when the stack settles. */
async function update(
  stackName: string,
  input: Omit<CreateChangeSetCommandInput, 'StackName' | 'ChangeSetName'>,
): Promise<Stack> {
  return deploy(cfn, { StackName: stackName, ChangeSetName: `u${++changeSets}`, ...input });
}

/** Starts an update without waiting for it; resolves once CloudFormation runs it. */
async function startUpdate(
  stackName: string,
  input: Omit<CreateChangeSetCommandInput, 'StackName' | 'ChangeSetName'>,
): Promise<void> {
  const cs = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `s${++changeSets}`, ...input }),
  );
  const described = await changeSetSettled(cfn, cs.Id!);
  expect(described.Status).toBe('CREATE_COMPLETE');
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
}

async function putAlarm(name: string): Promise<string> {
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'nothing-here' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  await cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'OK', StateReason: 'test' }));
  return `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`;
}

const setAlarm = (name: string, StateValue: 'OK' | 'ALARM') =>
  cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue, StateReason: 'test' }));

const stackReasons = async (name: string) =>
  (await allEvents(cfn, name))
    .filter((e) => e.ResourceType === 'AWS::CloudFormation::Stack')
    .map((e) => [e.ResourceStatus, e.ResourceStatusReason]);

describe('termination protection', () => {
  it('refuses DeleteStack while it is on, with AWS’s message, and shows in DescribeStacks', async () => {
    await deploy(cfn, {
      StackName: 'guarded',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });
    expect((await describe1('guarded')).EnableTerminationProtection).toBe(false);

    const on = await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'guarded', EnableTerminationProtection: true }),
    );
    expect(on.StackId).toBe((await describe1('guarded')).StackId);
    expect((await describe1('guarded')).EnableTerminationProtection).toBe(true);
    const refused = await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'guarded' })));
    expect(refused.name).toBe('ValidationError');
    expect(refused.message).toBe('Stack [guarded] cannot be deleted while TerminationProtection is enabled');
    expect((await describe1('guarded')).StackStatus).toBe('CREATE_COMPLETE');

    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'guarded', EnableTerminationProtection: false }),
    );
    await cfn.send(new DeleteStackCommand({ StackName: 'guarded' }));
    const id = on.StackId!;
    expect((await stackSettled(cfn, id)).StackStatus).toBe('DELETE_COMPLETE');

    const ghost = await errorOf(
      cfn.send(
        new UpdateTerminationProtectionCommand({ StackName: 'ghost', EnableTerminationProtection: true }),
      ),
    );
    expect(ghost.name).toBe('ValidationError');
    expect(ghost.message).toContain('does not exist');
  });
});

describe('notification ARNs', () => {
  it('are kept on the stack and in the change set; an update that names none keeps them', async () => {
    const created = await deploy(cfn, {
      StackName: 'notified',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
      NotificationARNs: [TOPIC('deploys'), TOPIC('audit')],
    });
    expect(created.NotificationARNs).toEqual([TOPIC('deploys'), TOPIC('audit')]);

    const kept = await update('notified', { TemplateBody: ssmParams('b') });
    expect(kept.StackStatus).toBe('UPDATE_COMPLETE');
    expect(kept.NotificationARNs).toEqual([TOPIC('deploys'), TOPIC('audit')]);

    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'notified',
        ChangeSetName: 'replace-topics',
        TemplateBody: ssmParams('c'),
        NotificationARNs: [TOPIC('other')],
      }),
    );
    expect((await changeSetSettled(cfn, cs.Id!)).NotificationARNs).toEqual([TOPIC('other')]);
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect((await stackSettled(cfn, 'notified')).NotificationARNs).toEqual([TOPIC('other')]);
  });

  it('fail the request when one is not an SNS topic ARN or there are more than 5', async () => {
    const attempt = (NotificationARNs: string[]) =>
      errorOf(
        cfn.send(
          new CreateChangeSetCommand({
            StackName: 'badly-notified',
            ChangeSetName: 'c',
            ChangeSetType: 'CREATE',
            TemplateBody: ssmParams('a'),
            NotificationARNs,
          }),
        ),
      );
    const bad = await attempt(['arn:aws:sqs:us-east-1:000000000000:queue']);
    expect(bad.name).toBe('ValidationError');
    expect(bad.message).toContain('arn:aws:sqs:us-east-1:000000000000:queue');
    const many = await attempt([1, 2, 3, 4, 5, 6].map((i) => TOPIC(`t${i}`)));
    expect(many.message).toContain('Member must have length less than or equal to 5');
    // Nothing was created by a refused request.
    expect(emu.state.cloudformation.findStack('badly-notified')).toBeUndefined();
  });
});

describe('capabilities', () => {
  it('a template with the SAM transform needs CAPABILITY_AUTO_EXPAND, as AWS answers', async () => {
    const sam = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  P:',
      '    Type: AWS::SSM::Parameter',
      '    Properties: { Type: String, Value: x }',
    ].join('\n');
    const attempt = (Capabilities?: string[]) =>
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'expanded',
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
          TemplateBody: sam,
          Capabilities: Capabilities as CreateChangeSetCommandInput['Capabilities'],
        }),
      );
    for (const caps of [undefined, ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM']]) {
      const err = await errorOf(attempt(caps));
      expect(err.name).toBe('InsufficientCapabilitiesException');
      expect(err.message).toBe('Requires capabilities : [CAPABILITY_AUTO_EXPAND]');
    }
    const ok = await attempt(['CAPABILITY_AUTO_EXPAND']);
    expect((await changeSetSettled(cfn, ok.Id!)).Status).toBe('CREATE_COMPLETE');
  });
});

describe('CancelUpdateStack', () => {
  const withCapacityProvider = JSON.stringify({
    Resources: {
      P0: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'b' } },
      Cp: {
        Type: 'AWS::Lambda::CapacityProvider',
        Properties: {
          VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0123abcd'] },
          PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        },
      },
    },
  });

  it('is refused outside UPDATE_IN_PROGRESS with AWS’s message', async () => {
    await deploy(cfn, {
      StackName: 'settled',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });
    const err = await errorOf(cfn.send(new CancelUpdateStackCommand({ StackName: 'settled' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('CancelUpdateStack cannot be called from current stack status');
    const ghost = await errorOf(cfn.send(new CancelUpdateStackCommand({ StackName: 'ghost' })));
    expect(ghost.message).toContain('does not exist');
  });

  it('rolls a running update back: the resource in progress is cancelled, the stack ends UPDATE_ROLLBACK_COMPLETE', async () => {
    await deploy(cfn, {
      StackName: 'cancelled',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });
    const before = (await describe1('cancelled')).StackStatus;
    expect(before).toBe('CREATE_COMPLETE');
    await startUpdate('cancelled', { TemplateBody: withCapacityProvider });
    await waitFor(
      () =>
        emu.state.cloudformation.findStack('cancelled')?.resources.get('Cp')?.status ===
          'CREATE_IN_PROGRESS' || undefined,
    );

    await cfn.send(new CancelUpdateStackCommand({ StackName: 'cancelled' }));
    const settled = await stackSettled(cfn, 'cancelled');
    expect(settled.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');

    const events = await allEvents(cfn, 'cancelled');
    expect(
      events.find((e) => e.LogicalResourceId === 'Cp' && e.ResourceStatus === 'CREATE_FAILED')
        ?.ResourceStatusReason,
    ).toBe('Resource creation cancelled');
    expect(await stackReasons('cancelled')).toContainEqual([
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'Stack update cancelled',
    ]);
    // Back on the previous template: the parameter has its old value, the capacity provider is gone.
    const stack = emu.state.cloudformation.findStack('cancelled')!;
    expect(stack.resources.has('Cp')).toBe(false);
    expect(emu.state.ssm.get(stack.resources.get('P0')!.physicalId!, false).outValue).toBe('a');
    expect(emu.state.lambda.capacityProviders.size).toBe(0);
  });
});

describe('rollback triggers', () => {
  it('an alarm in ALARM during the update rolls it back, the stack event naming the alarm', async () => {
    const arn = await putAlarm('errors-during-update');
    await deploy(cfn, {
      StackName: 'triggered',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
      RollbackConfiguration: {
        RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }],
        MonitoringTimeInMinutes: 10,
      },
    });
    // Ten minutes of monitoring: the update waits there until the alarm fires.
    const saved = (await describe1('triggered')).RollbackConfiguration;
    expect(saved).toEqual({
      RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }],
      MonitoringTimeInMinutes: 10,
    });

    // The next update names no rollback configuration: the stack's own applies.
    await startUpdate('triggered', { TemplateBody: ssmParams('b') });
    await waitFor(
      async () => (await describe1('triggered')).StackStatus === 'UPDATE_IN_PROGRESS' || undefined,
    );
    await setAlarm('errors-during-update', 'ALARM');
    const settled = await stackSettled(cfn, 'triggered');

    expect(settled.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const reasons = await stackReasons('triggered');
    const rollback = reasons.find(([status]) => status === 'UPDATE_ROLLBACK_IN_PROGRESS');
    expect(rollback?.[1]).toContain(arn);
    expect(rollback?.[1]).toContain('ALARM');
    const stack = emu.state.cloudformation.findStack('triggered')!;
    expect(emu.state.ssm.get(stack.resources.get('P0')!.physicalId!, false).outValue).toBe('a');
    await setAlarm('errors-during-update', 'OK');
  });

  it('watches for MonitoringTimeInMinutes after the resources, then completes the update', async () => {
    const arn = await putAlarm('quiet');
    const triggers = { RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' as const }] };
    await deploy(cfn, {
      StackName: 'monitored',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });

    // Two minutes of monitoring, and the alarm fires after the resources are done.
    await startUpdate('monitored', {
      TemplateBody: ssmParams('b'),
      RollbackConfiguration: { ...triggers, MonitoringTimeInMinutes: 2 },
    });
    const stack = emu.state.cloudformation.findStack('monitored')!;
    await waitFor(() => (stack.resources.get('P0')?.status === 'UPDATE_COMPLETE' ? true : undefined));
    expect(stack.status).toBe('UPDATE_IN_PROGRESS');
    await setAlarm('quiet', 'ALARM');
    expect((await stackSettled(cfn, 'monitored')).StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    await setAlarm('quiet', 'OK');

    // A quiet alarm: the update completes once the period is over, not before.
    const started = Date.now();
    const done = await update('monitored', {
      TemplateBody: ssmParams('c'),
      RollbackConfiguration: { ...triggers, MonitoringTimeInMinutes: 1 },
    });
    expect(done.StackStatus).toBe('UPDATE_COMPLETE');
    expect(Date.now() - started).toBeGreaterThanOrEqual(MINUTE_MS);
  });

  it('fails and rolls back an operation whose trigger names an alarm that does not exist', async () => {
    await deploy(cfn, {
      StackName: 'missing-alarm',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });
    const ghost = 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:no-such-alarm';
    const settled = await update('missing-alarm', {
      TemplateBody: ssmParams('b'),
      RollbackConfiguration: { RollbackTriggers: [{ Arn: ghost, Type: 'AWS::CloudWatch::Alarm' }] },
    });
    expect(settled.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const rollback = (await stackReasons('missing-alarm')).find(([s]) => s === 'UPDATE_ROLLBACK_IN_PROGRESS');
    expect(rollback?.[1]).toContain(ghost);
  });

  it('validates the configuration as CloudFormation does', async () => {
    const attempt = (RollbackConfiguration: CreateChangeSetCommandInput['RollbackConfiguration']) =>
      errorOf(
        cfn.send(
          new CreateChangeSetCommand({
            StackName: 'bad-triggers',
            ChangeSetName: 'c',
            ChangeSetType: 'CREATE',
            TemplateBody: ssmParams('a'),
            RollbackConfiguration,
          }),
        ),
      );
    const arn = (i: number) => `arn:aws:cloudwatch:us-east-1:000000000000:alarm:a${i}`;
    const six = await attempt({
      RollbackTriggers: [1, 2, 3, 4, 5, 6].map((i) => ({ Arn: arn(i), Type: 'AWS::CloudWatch::Alarm' })),
    });
    expect(six.message).toContain('Member must have length less than or equal to 5');
    const long = await attempt({ MonitoringTimeInMinutes: 181 });
    expect(long.message).toContain('Member must have value less than or equal to 180');
    const notAlarm = await attempt({
      RollbackTriggers: [{ Arn: 'arn:aws:sns:us-east-1:000000000000:t', Type: 'AWS::CloudWatch::Alarm' }],
    });
    expect(notAlarm.name).toBe('ValidationError');
  });
});

describe('change sets an execution makes obsolete', () => {
  it('are OBSOLETE while another change set of the stack executes, and deleted once it is done', async () => {
    await deploy(cfn, {
      StackName: 'two-plans',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: ssmParams('a'),
    });
    const reviewed = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'two-plans',
        ChangeSetName: 'reviewed',
        TemplateBody: ssmParams('b'),
      }),
    );
    await changeSetSettled(cfn, reviewed.Id!);
    await startUpdate('two-plans', {
      TemplateBody: ssmParams('c'),
      RollbackConfiguration: { MonitoringTimeInMinutes: 1 },
    });
    const during = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: reviewed.Id }));
    expect(during.ExecutionStatus).toBe('OBSOLETE');
    const exec = await errorOf(cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: reviewed.Id })));
    expect(exec.name).toBe('InvalidChangeSetStatusException');

    await stackSettled(cfn, 'two-plans');
    const gone = await errorOf(cfn.send(new DescribeChangeSetCommand({ ChangeSetName: reviewed.Id })));
    expect(gone.name).toBe('ChangeSetNotFoundException');
  });
});
