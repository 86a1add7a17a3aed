// CloudWatch metric alarms through the real SDK, on the AWS/Lambda metrics of a published
// version: OK → ALARM → OK driven by injected function errors and latency (10-second
// high-resolution periods keep it to seconds), TreatMissingData on a metric with no data,
// SetAlarmState holding until the next evaluation, DescribeAlarms filters, DeleteAlarms,
// the history, and CloudWatch's errors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, waitFor, zipOf } from './helpers.js';

let emu: Emulator;
let lambda: LambdaClient;
let cw: CloudWatchClient;

const alarmOn = (
  AlarmName: string,
  MetricName: string,
  resource: string,
  extra: Partial<PutMetricAlarmCommandInput> = {},
): PutMetricAlarmCommandInput => ({
  AlarmName,
  Namespace: 'AWS/Lambda',
  MetricName,
  Dimensions: [
    { Name: 'FunctionName', Value: resource.split(':')[0] },
    { Name: 'Resource', Value: resource },
  ],
  Statistic: 'Sum',
  Period: 10,
  EvaluationPeriods: 1,
  Threshold: 0,
  ComparisonOperator: 'GreaterThanThreshold',
  ...extra,
});

async function alarm(name: string): Promise<MetricAlarm> {
  const r = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return r.MetricAlarms![0]!;
}
const stateOf = async (name: string) => (await alarm(name)).StateValue;

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: true });
  lambda = new LambdaClient(clientConfig(emu));
  cw = new CloudWatchClient(clientConfig(emu));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'fn',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await zipOf({ 'index.mjs': 'export const handler = async () => ({ ok: true });\n' }) },
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
});

afterAll(async () => {
  lambda.destroy();
  cw.destroy();
  await emu.stop();
});

describe('alarm transitions driven by the function', () => {
  it('goes OK → ALARM on injected errors and latency, then back to OK once healthy', async () => {
    await cw.send(
      new PutMetricAlarmCommand(alarmOn('fn-errors', 'Errors', 'fn:1', { TreatMissingData: 'notBreaching' })),
    );
    await cw.send(
      new PutMetricAlarmCommand(
        alarmOn('fn-p95', 'Duration', 'fn:1', {
          Statistic: undefined,
          ExtendedStatistic: 'p95',
          Threshold: 200,
          TreatMissingData: 'notBreaching',
        }),
      ),
    );
    // No data yet, treated as not breaching: OK at the first evaluation.
    const initial = await alarm('fn-errors');
    expect(initial).toMatchObject({
      StateValue: 'OK',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:fn-errors',
      Period: 10,
      EvaluationPeriods: 1,
      Threshold: 0,
      TreatMissingData: 'notBreaching',
    });
    expect(initial.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(await stateOf('fn-p95')).toBe('OK');

    emu.faults.invocations({ functionName: 'fn', version: '1', errorRate: 1, latencyMs: 250 });
    let traffic = true;
    const invokeLoop = async () => {
      while (traffic) {
        await lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: '1' }));
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    let loop = invokeLoop();
    await waitFor(async () => ((await stateOf('fn-errors')) === 'ALARM' ? true : undefined), 30_000, 250);
    await waitFor(async () => ((await stateOf('fn-p95')) === 'ALARM' ? true : undefined), 15_000, 250);
    const alarmed = await alarm('fn-errors');
    expect(alarmed.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[\d+\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than the threshold \(0\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/,
    );
    expect(JSON.parse(alarmed.StateReasonData!)).toMatchObject({
      version: '1.0',
      statistic: 'Sum',
      period: 10,
      threshold: 0,
    });
    expect((await alarm('fn-p95')).StateReason).toMatch(/was greater than the threshold \(200\.0\)/);

    traffic = false;
    await loop;
    emu.faults.invocations({ functionName: 'fn', version: '1' });
    traffic = true;
    loop = invokeLoop();
    await waitFor(async () => ((await stateOf('fn-errors')) === 'OK' ? true : undefined), 30_000, 250);
    await waitFor(async () => ((await stateOf('fn-p95')) === 'OK' ? true : undefined), 15_000, 250);
    traffic = false;
    await loop;
    expect((await alarm('fn-errors')).StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[0\.0 .*\] was not greater than the threshold \(0\.0\) \(minimum 1 datapoint for ALARM -> OK transition\)\.$/,
    );

    const history = await cw.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'fn-errors',
        HistoryItemType: 'StateUpdate',
        ScanBy: 'TimestampAscending',
      }),
    );
    expect(history.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([
      'Alarm updated from INSUFFICIENT_DATA to OK',
      'Alarm updated from OK to ALARM',
      'Alarm updated from ALARM to OK',
    ]);
  }, 90_000);
});

describe('TreatMissingData on a metric without data', () => {
  it('missing → INSUFFICIENT_DATA, breaching → ALARM, notBreaching → OK, ignore keeps the state', async () => {
    for (const treat of ['missing', 'breaching', 'notBreaching', 'ignore']) {
      await cw.send(
        new PutMetricAlarmCommand(
          alarmOn(`quiet-${treat}`, 'Errors', 'fn:7', { TreatMissingData: treat, EvaluationPeriods: 3 }),
        ),
      );
    }
    const r = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'quiet-' }));
    const states = Object.fromEntries(
      r.MetricAlarms!.map((a) => [a.AlarmName, [a.StateValue, a.StateReason]]),
    );
    expect(states).toEqual({
      // No transition, so the reason of creation stays (as on AWS for a metric without data).
      'quiet-missing': ['INSUFFICIENT_DATA', 'Unchecked: Initial alarm creation'],
      'quiet-breaching': [
        'ALARM',
        expect.stringMatching(/^Threshold Crossed: 3 out of the last 3 datapoints/),
      ],
      'quiet-notBreaching': [
        'OK',
        expect.stringMatching(
          /^Threshold Crossed: 3 out of the last 3 datapoints \[missing \(not breaching\), .*\] were not greater/,
        ),
      ],
      'quiet-ignore': ['INSUFFICIENT_DATA', 'Unchecked: Initial alarm creation'],
    });
  });

  it('SetAlarmState holds until the next evaluation; with ignore the set state stays', async () => {
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'quiet-missing', StateValue: 'ALARM', StateReason: 'testing' }),
    );
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'quiet-ignore',
        StateValue: 'ALARM',
        StateReason: 'testing',
        StateReasonData: '{"by":"test"}',
      }),
    );
    expect(await alarm('quiet-missing')).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing' });
    expect(await alarm('quiet-ignore')).toMatchObject({ StateReasonData: '{"by":"test"}' });
    await waitFor(
      async () => ((await stateOf('quiet-missing')) === 'INSUFFICIENT_DATA' ? true : undefined),
      15_000,
      250,
    );
    expect((await alarm('quiet-missing')).StateReason).toBe('Insufficient Data: 3 datapoints were unknown.');
    expect(await alarm('quiet-ignore')).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing' });
  }, 30_000);

  it('filters by StateValue and deletes alarms (none when a name is unknown)', async () => {
    const inAlarm = await cw.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'quiet-', StateValue: 'ALARM' }),
    );
    expect(inAlarm.MetricAlarms!.map((a) => a.AlarmName).sort()).toEqual(['quiet-breaching', 'quiet-ignore']);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['quiet-missing', 'no-such-alarm'] }));
    expect(
      (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['quiet-missing'] }))).MetricAlarms,
    ).toHaveLength(1);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['quiet-missing', 'quiet-ignore'] }));
    const left = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'quiet-' }));
    expect(left.MetricAlarms!.map((a) => a.AlarmName).sort()).toEqual([
      'quiet-breaching',
      'quiet-notBreaching',
    ]);
  });
});

describe('alarm errors', () => {
  it('answers CloudWatch’s errors with the SDK’s names', async () => {
    const missing = await errorOf(
      cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
    );
    expect(missing.name).toBe('ResourceNotFound');
    expect(missing.message).toBe('Alarm nope not found');
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const format = await errorOf(
      cw.send(
        new SetAlarmStateCommand({
          AlarmName: 'fn-errors',
          StateValue: 'OK',
          StateReason: 'x',
          StateReasonData: '{',
        }),
      ),
    );
    expect(format.name).toBe('InvalidFormatFault');
    const period = await errorOf(
      cw.send(new PutMetricAlarmCommand(alarmOn('bad', 'Errors', 'fn:1', { Period: 45 }))),
    );
    expect(period.name).toBe('ValidationException');
    expect(period.message).toBe('Period must be 10, 30 or a multiple of 60.');
    const both = await errorOf(
      cw.send(new PutMetricAlarmCommand(alarmOn('bad', 'Errors', 'fn:1', { ExtendedStatistic: 'p99' }))),
    );
    expect(both.name).toBe('InvalidParameterCombinationException');
    const m = await errorOf(
      cw.send(
        new PutMetricAlarmCommand(
          alarmOn('bad', 'Errors', 'fn:1', { DatapointsToAlarm: 3, EvaluationPeriods: 2 }),
        ),
      ),
    );
    expect(m.message).toBe('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
    const combo = await errorOf(
      cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })),
    );
    expect(combo.name).toBe('InvalidParameterCombinationException');
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['bad'] }))).MetricAlarms).toEqual([]);
  });
});
