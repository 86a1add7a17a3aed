// The stack-safety inputs end to end on the local cloud, each as CloudFormation applies it:
// termination protection (a protected stack cannot be deleted), notification ARNs kept on the
// stack, capabilities (the SAM transform needs CAPABILITY_AUTO_EXPAND), rollback triggers (an
// alarm in ALARM during the update rolls it back), and deploy-timeout-minutes cancelling an
// update that is still running and waiting for CloudFormation's rollback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { releaseCopy, type ReleaseCopy } from '../../scripts/demo/releases.js';
import { allEvents } from '../emulator/cfn-helpers.js';
import { errorOf, waitFor } from '../emulator/helpers.js';
import {
  DEFAULT_TIMINGS,
  REPO_ROOT,
  expectSucceeded,
  fastClock,
  lmiVersionPending,
  startE2eCloud,
  type E2eCloud,
} from './harness.js';

/** One minute of MonitoringTimeInMinutes lasts this long here. */
const MONITORING_MINUTE_MS = 1500;
/** Pending for far longer than any test waits: only a deadline ends the wait. */
const NEVER_MS = 30 * 60_000;

let cloud: E2eCloud;
let cfn: CloudFormationClient;
let cw: CloudWatchClient;
const copies: ReleaseCopy[] = [];

beforeAll(async () => {
  cloud = await startE2eCloud({ emulator: { monitoringMinuteMs: MONITORING_MINUTE_MS } });
  const settings = {
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  };
  cfn = new CloudFormationClient(settings);
  cw = new CloudWatchClient(settings);
}, 60_000);

afterAll(async () => {
  cfn?.destroy();
  cw?.destroy();
  for (const c of copies) await c.remove();
  await cloud?.stop();
});

const describeStack = async (name: string): Promise<Stack> =>
  (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;

const parameterOf = (stack: Stack, key: string) =>
  stack.Parameters?.find((p) => p.ParameterKey === key)?.ParameterValue;

const deploy = (
  stackName: string,
  inputs: Record<string, string> = {},
  parameters: Record<string, string> = {},
) => cloud.run({ mode: 'deploy', stackName, inputs, parameters });

describe('termination-protection', () => {
  it('is turned on after the deploy, so DeleteStack is refused, and off again with false', async () => {
    expectSucceeded(await deploy('guarded-e2e', { 'termination-protection': 'true' }));
    expect((await describeStack('guarded-e2e')).EnableTerminationProtection).toBe(true);
    const refused = await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'guarded-e2e' })));
    expect(refused.name).toBe('ValidationError');
    expect(refused.message).toBe(
      'Stack [guarded-e2e] cannot be deleted while TerminationProtection is enabled',
    );
    expect((await describeStack('guarded-e2e')).StackStatus).toBe('CREATE_COMPLETE');

    // A later deploy that does not name it leaves it on; `false` turns it off.
    const kept = await deploy('guarded-e2e');
    expectSucceeded(kept);
    expect(kept.calls.some((c) => c.operation === 'UpdateTerminationProtection')).toBe(false);
    expect((await describeStack('guarded-e2e')).EnableTerminationProtection).toBe(true);
    const off = await deploy('guarded-e2e', { 'termination-protection': 'false' });
    expectSucceeded(off);
    expect(off.progress.codes).toContain('deploy.termination-protection');
    expect((await describeStack('guarded-e2e')).EnableTerminationProtection).toBe(false);
  }, 120_000);
});

describe('notification-arns', () => {
  it('are kept on the stack, and a deploy without the input keeps them', async () => {
    const topics = ['arn:aws:sns:us-east-1:000000000000:deploys', 'arn:aws:sns:us-east-1:000000000000:audit'];
    expectSucceeded(await deploy('notified-e2e', { 'notification-arns': topics.join(',') }));
    expect((await describeStack('notified-e2e')).NotificationARNs).toEqual(topics);
    expectSucceeded(await deploy('notified-e2e', {}, { StandardMemorySize: '1024' }));
    expect((await describeStack('notified-e2e')).NotificationARNs).toEqual(topics);
  }, 120_000);
});

describe('capabilities', () => {
  it('without CAPABILITY_AUTO_EXPAND the SAM template is refused, as CloudFormation refuses it', async () => {
    const run = await deploy('capabilities-e2e', { capabilities: 'CAPABILITY_IAM,CAPABILITY_NAMED_IAM' });
    expect(run.error?.code).toBe('DEPLOY_CHANGESET_FAILED');
    expect(run.error!.message).toContain('Requires capabilities : [CAPABILITY_AUTO_EXPAND]');
    expect(run.error!.message).toContain('capabilities input');
    expect(run.calls.find((c) => c.operation === 'CreateChangeSet')?.errorCode).toBe(
      'InsufficientCapabilitiesException',
    );
    expect(cloud.emulator.state.cloudformation.findStack('capabilities-e2e')).toBeUndefined();
  }, 120_000);
});

describe('rollback-alarms', () => {
  async function alarm(name: string): Promise<string> {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: 'nothing' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'OK', StateReason: 'e2e' }));
    return `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`;
  }

  it('an alarm that goes to ALARM while CloudFormation watches rolls the update back, naming the alarm', async () => {
    const arn = await alarm('webhook-errors-e2e');
    expectSucceeded(await deploy('triggered-e2e'));
    const inputs = { 'rollback-alarms': 'webhook-errors-e2e', 'rollback-monitoring-minutes': '2' };

    // The alarm fires once the update runs; the monitoring period keeps it in progress meanwhile.
    const stack = () => cloud.emulator.state.cloudformation.findStack('triggered-e2e');
    const fired = waitFor(() => (stack()?.status === 'UPDATE_IN_PROGRESS' ? true : undefined), 60_000).then(
      () =>
        cw.send(
          new SetAlarmStateCommand({
            AlarmName: 'webhook-errors-e2e',
            StateValue: 'ALARM',
            StateReason: 'e2e',
          }),
        ),
    );
    const run = await deploy('triggered-e2e', inputs, { StandardMemorySize: '1024' });
    await fired;

    expect(run.error?.code).toBe('DEPLOY_FAILED');
    expect(run.error!.message).toContain('the stack is UPDATE_ROLLBACK_COMPLETE');
    expect(run.error!.message).toContain(
      `CloudFormation rolled the stack back: Rollback trigger alarm(s) in ALARM state: [${arn}]`,
    );
    const after = await describeStack('triggered-e2e');
    expect(after.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(parameterOf(after, 'StandardMemorySize')).toBe('512');
    const rollback = (await allEvents(cfn, 'triggered-e2e')).find(
      (e) =>
        e.ResourceType === 'AWS::CloudFormation::Stack' && e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS',
    );
    expect(rollback?.ResourceStatusReason).toContain(arn);

    // With the alarm quiet, the same update completes after the monitoring period.
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'webhook-errors-e2e', StateValue: 'OK', StateReason: 'e2e' }),
    );
    const quiet = await deploy('triggered-e2e', inputs, { StandardMemorySize: '1024' });
    expectSucceeded(quiet);
    const updated = await describeStack('triggered-e2e');
    expect(parameterOf(updated, 'StandardMemorySize')).toBe('1024');
    expect(updated.RollbackConfiguration).toEqual({
      RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }],
      MonitoringTimeInMinutes: 2,
    });
  }, 180_000);

  it('a rollback alarm that does not exist stops the run before any change set', async () => {
    expectSucceeded(await deploy('missing-alarm-e2e'));
    const run = await deploy(
      'missing-alarm-e2e',
      { 'rollback-alarms': 'no-such-alarm' },
      { StandardMemorySize: '1024' },
    );
    expect(run.error?.code).toBe('ALARM_NOT_FOUND');
    expect(run.calls.some((c) => c.operation === 'CreateChangeSet')).toBe(false);
  }, 120_000);
});

describe('deploy-timeout-minutes', () => {
  it('cancels an update still running at the deadline, waits for the rollback, and says where the stack is', async () => {
    const first = await deploy('timeout-e2e');
    expectSucceeded(first);
    const before = await describeStack('timeout-e2e');
    const template = (await cfn.send(new GetTemplateCommand({ StackName: 'timeout-e2e' }))).TemplateBody;
    const lmiFunction = before.Outputs!.find((o) => o.OutputKey === 'LmiFunctionName')!.OutputValue!;

    // The next commit's LMI version stays Pending: CloudFormation holds the update in progress.
    const copy = await releaseCopy(REPO_ROOT, 'change', 'slow release');
    copies.push(copy);
    cloud.emulator.faults.provisioning({ functionName: lmiFunction, durationMs: NEVER_MS });
    const run = await cloud.run({
      mode: 'deploy',
      stackName: 'timeout-e2e',
      template: copy.template,
      inputs: { 'deploy-timeout-minutes': '2', 'provisioning-timeout-minutes': '10' },
      // Minutes pass in moments once the version is Pending, as on AWS they would.
      clock: fastClock({ from: lmiVersionPending(cloud), realSleepMs: 50 }),
      pipeline: DEFAULT_TIMINGS,
    });

    expect(run.error?.code).toBe('DEPLOY_TIMEOUT');
    expect(run.error!.message).toMatch(
      /^Stack timeout-e2e was still UPDATE_IN_PROGRESS after 2 minutes \(deploy-timeout-minutes\), so this run cancelled the update \(CancelUpdateStack\) and CloudFormation rolled it back: the stack is UPDATE_ROLLBACK_COMPLETE, on its previous template and parameters, and production was not moved\. Still in progress at the deadline: .*WebhookLmiFunctionVersion\w+/,
    );
    expect(run.calls.filter((c) => c.operation === 'CancelUpdateStack').map((c) => c.statusCode)).toEqual([
      200,
    ]);
    expect(run.progress.codes).toContain('deploy.update-cancelling');

    const after = await describeStack('timeout-e2e');
    expect(after.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(after.Outputs).toEqual(before.Outputs);
    expect((await cfn.send(new GetTemplateCommand({ StackName: 'timeout-e2e' }))).TemplateBody).toBe(
      template,
    );
    const events = await allEvents(cfn, 'timeout-e2e');
    expect(
      events.find(
        (e) =>
          e.ResourceType === 'AWS::CloudFormation::Stack' &&
          e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS',
      )?.ResourceStatusReason,
    ).toBe('Stack update cancelled');
    expect(
      events.some(
        (e) =>
          e.ResourceType === 'AWS::Lambda::Version' &&
          e.ResourceStatus === 'CREATE_FAILED' &&
          e.ResourceStatusReason === 'Resource creation cancelled',
      ),
    ).toBe(true);
  }, 180_000);
});
