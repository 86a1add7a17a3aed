// CloudWatch's AWS/Lambda metrics through the real SDK: invocations of a standard function's
// versions and alias and of a published LMI version, read back with GetMetricData (per
// version, per alias, ExecutedVersion, Duration percentiles), GetMetricStatistics and
// ListMetrics, and CloudWatch's errors for bad queries (with the SDK's query-compatible names).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  type Dimension,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateAliasCommand,
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, waitFor, zipOf } from './helpers.js';

const HANDLER = `
export const handler = async (event) => {
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  if (event.fail) throw new Error(event.fail);
  return { ok: true };
};
`;

let emu: Emulator;
let lambda: LambdaClient;
let cw: CloudWatchClient;
let start: Date;
/** Durations Lambda reported (REPORT lines) per Resource. */
const durations: Record<string, number[]> = {};

async function invoke(FunctionName: string, Qualifier: string | undefined, event: object = {}) {
  const r = await lambda.send(
    new InvokeCommand({
      FunctionName,
      Qualifier,
      LogType: 'Tail',
      Payload: Buffer.from(JSON.stringify(event)),
    }),
  );
  const tail = Buffer.from(r.LogResult ?? '', 'base64').toString('utf8');
  const ms = Number(/REPORT RequestId: \S+\tDuration: ([\d.]+) ms/.exec(tail)?.[1]);
  (durations[`${FunctionName}:${Qualifier}`] ??= []).push(ms);
  return r;
}

const dims = (fn: string, resource?: string, executed?: string): Dimension[] => [
  { Name: 'FunctionName', Value: fn },
  ...(resource ? [{ Name: 'Resource', Value: `${fn}:${resource}` }] : []),
  ...(executed ? [{ Name: 'ExecutedVersion', Value: executed }] : []),
];

const query = (
  Id: string,
  MetricName: string,
  Dimensions: Dimension[],
  Stat: string,
  Period = 60,
): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName, Dimensions }, Period, Stat },
});

/** Each query's values summed over the window (one period holds them all in practice). */
async function totals(queries: MetricDataQuery[]): Promise<Record<string, number[]>> {
  const r = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: start,
      EndTime: new Date(Date.now() + 60_000),
    }),
  );
  return Object.fromEntries((r.MetricDataResults ?? []).map((m) => [m.Id!, m.Values ?? []]));
}
const sum = (v: number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);

/** Nearest-rank percentile, as the emulator computes it. */
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
};

beforeAll(async () => {
  start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  emu = await startTestEmulator({ runCode: { accountConcurrencyLimit: 3 } });
  lambda = new LambdaClient(clientConfig(emu));
  cw = new CloudWatchClient(clientConfig(emu));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'std',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'std' }));
  await lambda.send(
    new UpdateFunctionCodeCommand({
      FunctionName: 'std',
      ZipFile: await zipOf({ 'index.mjs': HANDLER + '\n// v2' }),
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'std' }));
  await lambda.send(new CreateAliasCommand({ FunctionName: 'std', Name: 'live', FunctionVersion: '2' }));

  await lambda.send(
    new CreateCapacityProviderCommand({
      CapacityProviderName: 'cp',
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
      InstanceRequirements: { Architectures: ['arm64'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 24, ScalingMode: 'Auto' },
    }),
  );
  const cpArn = await waitFor(async () => {
    const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp' }));
    return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
  });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'lmi',
      Runtime: 'nodejs24.x',
      Role: ROLE,
      Handler: 'index.handler',
      MemorySize: 2048,
      Architectures: ['arm64'],
      Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: cpArn,
          PerExecutionEnvironmentMaxConcurrency: 4,
          ExecutionEnvironmentMemoryGiBPerVCpu: 2,
        },
      },
    }),
  );
  const v = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi' }));
  await waitFor(async () => {
    const c = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'lmi', Qualifier: v.Version }),
    );
    return c.State === 'Active' ? true : undefined;
  });

  // std:1 — 5 successes (one slow), 2 function errors; then 4 concurrent slow calls over an
  // account limit of 3: one throttled.
  for (let i = 0; i < 4; i++) await invoke('std', '1');
  await invoke('std', '1', { sleepMs: 150 });
  for (let i = 0; i < 2; i++) await invoke('std', '1', { fail: 'boom' });
  const burst = await Promise.allSettled(
    Array.from({ length: 4 }, () => invoke('std', '1', { sleepMs: 300 })),
  );
  expect(burst.filter((r) => r.status === 'rejected')).toHaveLength(1);
  // std:live (→ version 2) — 3 successes; lmi:1 — 3 successes and 1 error.
  for (let i = 0; i < 3; i++) await invoke('std', 'live');
  for (let i = 0; i < 3; i++) await invoke('lmi', '1');
  await invoke('lmi', '1', { fail: 'lmi boom' });
}, 60_000);

afterAll(async () => {
  lambda.destroy();
  cw.destroy();
  await emu.stop();
});

describe('GetMetricData on AWS/Lambda', () => {
  it('counts Invocations, Errors and Throttles per version (Resource = function:version)', async () => {
    const t = await totals([
      query('inv', 'Invocations', dims('std', '1'), 'Sum'),
      query('err', 'Errors', dims('std', '1'), 'Sum'),
      query('thr', 'Throttles', dims('std', '1'), 'Sum'),
      query('lmiinv', 'Invocations', dims('lmi', '1'), 'Sum'),
      query('lmierr', 'Errors', dims('lmi', '1'), 'Sum'),
      query('lmithr', 'Throttles', dims('lmi', '1'), 'Sum'),
    ]);
    // 4 + 1 + 2 + 3 that ran (the throttled request is not an invocation).
    expect(sum(t.inv)).toBe(10);
    expect(sum(t.err)).toBe(2);
    expect(sum(t.thr)).toBe(1);
    expect(sum(t.lmiinv)).toBe(4);
    expect(sum(t.lmierr)).toBe(1);
    expect(sum(t.lmithr)).toBe(0);
  });

  it('serves Duration statistics and percentiles from the invocations that ran', async () => {
    const ran = durations['std:1']!.filter((d) => Number.isFinite(d));
    expect(ran).toHaveLength(10);
    const t = await totals([
      query('p95', 'Duration', dims('std', '1'), 'p95'),
      query('p50', 'Duration', dims('std', '1'), 'p50'),
      query('max', 'Duration', dims('std', '1'), 'Maximum'),
      query('min', 'Duration', dims('std', '1'), 'Minimum'),
      query('n', 'Duration', dims('std', '1'), 'SampleCount'),
    ]);
    expect(t.n).toEqual([10]);
    expect(t.p95![0]).toBeCloseTo(pct(ran, 95), 1);
    expect(t.p50![0]).toBeCloseTo(pct(ran, 50), 1);
    expect(t.max![0]).toBeCloseTo(Math.max(...ran), 1);
    expect(t.min![0]).toBeCloseTo(Math.min(...ran), 1);
    expect(t.p95![0]).toBeGreaterThanOrEqual(290); // the 300 ms calls
  });

  it('publishes alias invocations under the alias, with ExecutedVersion, and not under the version', async () => {
    const t = await totals([
      query('alias', 'Invocations', dims('std', 'live'), 'Sum'),
      query('exec', 'Invocations', dims('std', 'live', '2'), 'Sum'),
      query('v2', 'Invocations', dims('std', '2'), 'Sum'),
      query('fn', 'Invocations', dims('std'), 'Sum'),
      query('all', 'Invocations', [], 'Sum'),
    ]);
    expect(sum(t.alias)).toBe(3);
    expect(sum(t.exec)).toBe(3);
    expect(t.v2).toEqual([]);
    expect(sum(t.fn)).toBe(13); // every version and alias of std
    expect(sum(t.all)).toBe(17); // every function of the account
  });

  it('buckets by period, newest first by default, oldest first with TimestampAscending', async () => {
    const q = [{ ...query('inv', 'Invocations', dims('std', '1'), 'Sum', 1), Label: 'std v1' }];
    const end = new Date(Date.now() + 1000);
    const desc = await cw.send(
      new GetMetricDataCommand({ MetricDataQueries: q, StartTime: start, EndTime: end }),
    );
    const asc = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: q,
        StartTime: start,
        EndTime: end,
        ScanBy: 'TimestampAscending',
      }),
    );
    const d = desc.MetricDataResults![0]!;
    expect(d).toMatchObject({ Id: 'inv', Label: 'std v1', StatusCode: 'Complete' });
    const times = d.Timestamps!.map((x) => x.getTime());
    expect(times.length).toBeGreaterThan(0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const t of times) expect(t % 1000).toBe(0);
    expect(sum(d.Values)).toBe(10);
    expect(asc.MetricDataResults![0]!.Timestamps!.map((x) => x.getTime())).toEqual([...times].reverse());
  });

  it('leaves out queries with ReturnData false and answers unknown metrics with no datapoints', async () => {
    const r = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          { ...query('hidden', 'Invocations', dims('std', '1'), 'Sum'), ReturnData: false },
          query('none', 'Invocations', dims('nope', '1'), 'Sum'),
        ],
        StartTime: start,
        EndTime: new Date(Date.now() + 60_000),
      }),
    );
    expect(r.MetricDataResults).toEqual([
      { Id: 'none', Label: 'Invocations', Timestamps: [], Values: [], StatusCode: 'Complete' },
    ]);
  });
});

describe('GetMetricStatistics and ListMetrics', () => {
  it('returns Statistics and ExtendedStatistics per period with the unit', async () => {
    const r = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: dims('lmi', '1'),
        StartTime: start,
        EndTime: new Date(start.getTime() + 600_000),
        Period: 600,
        Statistics: ['SampleCount', 'Average', 'Maximum'],
        ExtendedStatistics: ['p99'],
      }),
    );
    expect(r.Label).toBe('Duration');
    expect(r.Datapoints).toHaveLength(1);
    const dp = r.Datapoints![0]!;
    expect(dp.Timestamp!.getTime()).toBe(start.getTime());
    expect(dp.SampleCount).toBe(4);
    expect(dp.Unit).toBe('Milliseconds');
    expect(dp.ExtendedStatistics!.p99).toBeCloseTo(Math.max(...durations['lmi:1']!), 1);
    expect(dp.Maximum).toBe(dp.ExtendedStatistics!.p99);
  });

  it('lists the metrics with their dimension sets, filtered by name and dimensions', async () => {
    const all = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/Lambda', MetricName: 'Invocations' }));
    const sets = all.Metrics!.map((m) => m.Dimensions!.map((d) => `${d.Name}=${d.Value}`).join(','));
    expect(sets.sort()).toEqual(
      [
        '',
        'FunctionName=lmi',
        'FunctionName=lmi,Resource=lmi:1',
        'FunctionName=std',
        'FunctionName=std,Resource=std:1',
        'FunctionName=std,Resource=std:live',
        'ExecutedVersion=2,FunctionName=std,Resource=std:live',
      ].sort(),
    );
    const versions = await cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'Resource', Value: 'lmi:1' }] }),
    );
    expect(versions.Metrics!.map((m) => m.MetricName).sort()).toEqual([
      'Duration',
      'Errors',
      'Invocations',
      'Throttles',
    ]);
    const executed = await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'ExecutedVersion' }] }));
    expect(
      new Set(executed.Metrics!.map((m) => m.Dimensions!.find((d) => d.Name === 'Resource')?.Value)),
    ).toEqual(new Set(['std:live']));
  });
});

describe('CloudWatch errors for bad input', () => {
  const window = () => ({ StartTime: start, EndTime: new Date(Date.now() + 60_000) });

  it('GetMetricStatistics: period not a multiple of 60, StartTime after EndTime, no statistic', async () => {
    const base = {
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Statistics: ['Sum' as const],
      ...window(),
    };
    const period = await errorOf(cw.send(new GetMetricStatisticsCommand({ ...base, Period: 90 })));
    expect(period.name).toBe('InvalidParameterValueException');
    expect(period.message).toBe('The parameter Period must be a multiple of 60.');
    expect((period as { Code?: string }).Code).toBe('InvalidParameterValue');
    expect(period.$metadata?.httpStatusCode).toBe(400);
    const times = await errorOf(
      cw.send(new GetMetricStatisticsCommand({ ...base, Period: 60, StartTime: new Date(), EndTime: start })),
    );
    expect(times.name).toBe('InvalidParameterValueException');
    expect(times.message).toBe('The parameter StartTime must be less than the parameter EndTime.');
    const none = await errorOf(
      cw.send(new GetMetricStatisticsCommand({ ...base, Period: 60, Statistics: [] })),
    );
    expect(none.name).toBe('InvalidParameterCombinationException');
    const tooMany = await errorOf(
      cw.send(
        new GetMetricStatisticsCommand({
          ...base,
          Period: 60,
          StartTime: new Date(start.getTime() - 2 * 86_400_000),
        }),
      ),
    );
    expect(tooMany.name).toBe('InvalidParameterCombinationException');
    expect(tooMany.message).toMatch(/exceeds the limit of 1,440/);
  });

  it('GetMetricData: over 500 queries, unknown stat, bad period, metric math, StartTime after EndTime', async () => {
    const q = (i: number) => query(`q${i}`, 'Invocations', dims('std', '1'), 'Sum');
    const many = await errorOf(
      cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: Array.from({ length: 501 }, (_, i) => q(i)),
          ...window(),
        }),
      ),
    );
    expect(many.name).toBe('ValidationException');
    expect(many.message).toBe('The collection MetricDataQueries must not have a size greater than 500.');
    expect((many as { Code?: string }).Code).toBe('ValidationError');
    const stat = await errorOf(
      cw.send(
        new GetMetricDataCommand({ MetricDataQueries: [query('a', 'Errors', [], 'Median')], ...window() }),
      ),
    );
    expect(stat.name).toBe('ValidationException');
    expect(stat.message).toMatch(
      /Median for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic/,
    );
    const period = await errorOf(
      cw.send(
        new GetMetricDataCommand({ MetricDataQueries: [query('a', 'Errors', [], 'Sum', 90)], ...window() }),
      ),
    );
    expect(period.message).toMatch(/Period is not valid: it must be 1, 5, 10, 30 or a multiple of 60/);
    const math = await errorOf(
      cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: [{ Id: 'e', Expression: 'SUM(METRICS())' }],
          ...window(),
        }),
      ),
    );
    expect(math.name).toBe('ValidationException');
    expect(math.message).toMatch(/does not implement metric math/);
    const times = await errorOf(
      cw.send(new GetMetricDataCommand({ MetricDataQueries: [q(1)], StartTime: new Date(), EndTime: start })),
    );
    expect(times.message).toBe('The parameter StartTime must be less than the parameter EndTime.');
  });

  it('answers an unimplemented operation loudly', async () => {
    const { PutMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
    const e = await errorOf(
      cw.send(new PutMetricDataCommand({ Namespace: 'X', MetricData: [{ MetricName: 'm', Value: 1 }] })),
    );
    expect(e.message).toBe('The local emulator does not implement CloudWatch operation PutMetricData.');
  });
});
