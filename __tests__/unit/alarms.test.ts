// The alarm-names gate against a mocked CloudWatch: ALARM fails it, INSUFFICIENT_DATA does
// not, composite alarms are asked for, a name that matches no alarm fails it, and long lists
// are sent in chunks of 100 with every page read.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import {
  assertAlarmsExist,
  cloudWatchAlarmCheck,
  describeAlarmStates,
} from '../../src/pipeline/traffic/alarms.js';
import { awsError } from './support.js';

const cw = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'us-east-1' });

beforeEach(() => {
  cw.reset();
});

describe('cloudWatchAlarmCheck', () => {
  it('returns the alarms in ALARM, asking for metric and composite alarms', async () => {
    cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'lmi-5xx', StateValue: 'ALARM' },
        { AlarmName: 'lmi-p95', StateValue: 'OK' },
        { AlarmName: 'new-alarm', StateValue: 'INSUFFICIENT_DATA' },
      ],
      CompositeAlarms: [{ AlarmName: 'webhook-health', StateValue: 'ALARM' }],
    });
    const check = cloudWatchAlarmCheck(client);
    await expect(check(['lmi-5xx', 'lmi-p95', 'new-alarm', 'webhook-health'])).resolves.toEqual([
      'lmi-5xx',
      'webhook-health',
    ]);
    expect(cw).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNames: ['lmi-5xx', 'lmi-p95', 'new-alarm', 'webhook-health'],
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
    });
  });

  it('fails the gate for a name that matches no alarm', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'lmi-5xx', StateValue: 'OK' }] });
    await expect(cloudWatchAlarmCheck(client)(['lmi-5xx', 'lmi-5XX'])).resolves.toEqual([
      'lmi-5XX (no such alarm)',
    ]);
  });

  it('makes no call for an empty list', async () => {
    await expect(cloudWatchAlarmCheck(client)([])).resolves.toEqual([]);
    expect(cw).not.toHaveReceivedCommand(DescribeAlarmsCommand);
  });

  it('sends at most 100 names per call and follows NextToken', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `alarm-${i}`);
    cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[]; NextToken?: string }) => {
      const half = Math.ceil(input.AlarmNames.length / 2);
      const part = input.NextToken ? input.AlarmNames.slice(half) : input.AlarmNames.slice(0, half);
      return {
        MetricAlarms: part.map((n) => ({ AlarmName: n, StateValue: n === 'alarm-149' ? 'ALARM' : 'OK' })),
        NextToken: input.NextToken ? undefined : 'page-2',
      };
    });
    const states = await describeAlarmStates(client, names);
    expect(states.size).toBe(150);
    const calls = cw.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.AlarmNames?.length)).toEqual([100, 100, 50, 50]);
    await expect(cloudWatchAlarmCheck(client)(names)).resolves.toEqual(['alarm-149']);
  });

  it('names the missing permission when CloudWatch denies the call', async () => {
    cw.on(DescribeAlarmsCommand).rejects(
      awsError(
        'AccessDenied',
        'User: arn:aws:sts::1:assumed-role/deploy is not authorized to perform: cloudwatch:DescribeAlarms',
        403,
      ),
    );
    await expect(cloudWatchAlarmCheck(client)(['lmi-5xx'])).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('cloudwatch:DescribeAlarms'),
    });
  });
});

describe('assertAlarmsExist', () => {
  it('passes when every name is an alarm and throws ALARM_NOT_FOUND naming the others', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'lmi-5xx', StateValue: 'OK' }] });
    await expect(assertAlarmsExist(client, ['lmi-5xx'])).resolves.toBeUndefined();
    await expect(assertAlarmsExist(client, ['lmi-5xx', 'typo'])).rejects.toMatchObject({
      code: 'ALARM_NOT_FOUND',
      message: expect.stringContaining('typo'),
    });
  });
});
