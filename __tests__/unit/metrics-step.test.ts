// A canary step judged by CloudWatch: the window of whole metric periods inside the bake, the
// GetMetricData queries per version (FunctionName + Resource, exact p95 from one datapoint when
// the window is a valid period), the gates on those figures and on the stage's answers as a
// whole, the alarm watch that stops a bake early, and a step that stopped early never waits for
// its metrics.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import type { StepMetrics, VersionRef } from '../../src/core/domain.js';
import {
  cloudWatchVersionMetrics,
  metricsWindow,
  type VersionMetrics,
} from '../../src/pipeline/traffic/version-metrics.js';
import { bakeStepByMetrics, judgeByMetrics } from '../../src/pipeline/traffic/metrics-step.js';
import { watchAlarms } from '../../src/pipeline/traffic/alarm-watch.js';
import type { ProbeSample } from '../../src/pipeline/traffic/probe.js';
import { awsError, testContext } from './support.js';

const cw = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'us-east-1' });
beforeEach(() => {
  cw.reset();
});

const candidate: VersionRef = { side: 'lmi', functionName: 'orders-lmi', version: '4' };
const production: VersionRef = { side: 'lmi', functionName: 'orders-lmi', version: '3' };

describe('metricsWindow', () => {
  it('keeps only the whole periods inside the bake', () => {
    const t = Date.UTC(2026, 11, 5, 4, 0, 0);
    expect(metricsWindow(t + 10_000, t + 190_000, 60)).toEqual({
      startMs: t + 60_000,
      endMs: t + 180_000,
      periodSeconds: 60,
    });
    // Already on a boundary: the first period counts.
    expect(metricsWindow(t, t + 60_000, 60)).toEqual({ startMs: t, endMs: t + 60_000, periodSeconds: 60 });
    // 100 s starting mid-minute hold no whole minute.
    expect(metricsWindow(t + 30_000, t + 110_000, 60)).toBeUndefined();
  });
});

describe('cloudWatchVersionMetrics', () => {
  const window = {
    startMs: Date.UTC(2026, 11, 5, 4, 1),
    endMs: Date.UTC(2026, 11, 5, 4, 3),
    periodSeconds: 60,
  };

  it('queries each version under FunctionName + Resource, one datapoint for a 120 s window', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'v0_inv', Values: [61] },
        { Id: 'v0_err', Values: [2] },
        { Id: 'v0_thr', Values: [1] },
        { Id: 'v0_p50', Values: [40.123] },
        { Id: 'v0_p95', Values: [212.456] },
        { Id: 'v1_inv', Values: [540] },
        { Id: 'v1_err', Values: [0] },
        { Id: 'v1_thr', Values: [0] },
        { Id: 'v1_p50', Values: [38] },
        { Id: 'v1_p95', Values: [190], StatusCode: 'PartialData' },
      ],
    });
    const [c, p] = await cloudWatchVersionMetrics(client)([candidate, production], window);
    expect(c).toEqual({
      invocations: 61,
      errors: 2,
      throttles: 1,
      durationP50Ms: 40.12,
      durationP95Ms: 212.46,
      partial: false,
    });
    expect(p).toMatchObject({ invocations: 540, durationP95Ms: 190, partial: true });
    const input = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input as GetMetricDataCommandInput;
    expect(input.StartTime).toEqual(new Date(window.startMs));
    expect(input.EndTime).toEqual(new Date(window.endMs));
    const p95 = input.MetricDataQueries!.find((q) => q.Id === 'v0_p95')!;
    expect(p95.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: [
          { Name: 'FunctionName', Value: 'orders-lmi' },
          { Name: 'Resource', Value: 'orders-lmi:4' },
        ],
      },
      Period: 120,
      Stat: 'p95',
    });
  });

  it('sums the periods and takes the highest p95 when the window is not a valid period; reads every page', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'v0_inv', Values: [3, 4] },
          { Id: 'v0_p95', Values: [10, 30] },
        ],
        NextToken: 'more',
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'v0_inv', Values: [5] },
          { Id: 'v0_p95', Values: [20] },
        ],
      });
    const w = { startMs: 1_000, endMs: 4_000, periodSeconds: 1 };
    const [c] = await cloudWatchVersionMetrics(client)([candidate], w);
    expect(c).toMatchObject({ invocations: 12, errors: 0, durationP95Ms: 30 });
    expect(
      cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input.MetricDataQueries![0]!.MetricStat!.Period,
    ).toBe(1);
    expect(cw.commandCalls(GetMetricDataCommand)[1]!.args[0].input.NextToken).toBe('more');
  });

  it('names the missing permission when CloudWatch refuses', async () => {
    cw.on(GetMetricDataCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'));
    await expect(cloudWatchVersionMetrics(client)([candidate], window)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('cloudwatch:GetMetricData on orders-lmi:4'),
    });
  });
});

const figures = (m: Partial<VersionMetrics>): VersionMetrics => ({
  invocations: 0,
  errors: 0,
  throttles: 0,
  partial: false,
  ...m,
});
const stepMetrics = (c: Partial<VersionMetrics>, p: Partial<VersionMetrics>): StepMetrics => ({
  windowStart: '2026-12-05T04:01:00.000Z',
  windowEnd: '2026-12-05T04:03:00.000Z',
  periodSeconds: 60,
  candidate: figures(c),
  production: figures(p),
});
const limits = { maxErrorRate: 0.01, maxP95Ms: 300, alarmNames: [] as string[], minTolerancePoints: 5 };

describe('judgeByMetrics', () => {
  it('passes a healthy step: error rate, Duration p95 and the split by invocations', () => {
    const v = judgeByMetrics(
      10,
      stepMetrics({ invocations: 60, durationP95Ms: 120 }, { invocations: 540, durationP95Ms: 110 }),
      { count: 600, failed: 0 },
      0,
      limits,
      undefined,
    );
    expect(v.reasons).toEqual([]);
    expect(v.observedPercent).toBe(10);
    expect(v.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['split-tolerance', true],
      ['stage-answers', true],
    ]);
  });

  it('fails on the candidate’s errors and throttles, on its p95, and on a split off the step', () => {
    const v = judgeByMetrics(
      10,
      stepMetrics({ invocations: 300, errors: 14, throttles: 2, durationP95Ms: 450 }, { invocations: 300 }),
      { count: 600, failed: 0 },
      0,
      limits,
      undefined,
    );
    expect(v.reasons).toEqual([
      "by CloudWatch (14 errors, 2 throttles, 300 invocations): 16 of 302 candidate invocations failed against 0 of 300 of production's: " +
        'the candidate fails more often than production (one-sided Fisher p = 1.3e-5 ≤ 0.01)',
      'candidate Duration p95 450 ms by CloudWatch is above max-p95-ms 300 ms',
      'observed candidate share 50 % of 600 invocations (CloudWatch) is outside 10 % ± 5',
    ]);
  });

  it('fails when the candidate shows no invocation (no traffic, or metrics not arrived yet), and on partial data', () => {
    const v = judgeByMetrics(
      10,
      stepMetrics({}, { invocations: 100, partial: true }),
      { count: 10, failed: 0 },
      0,
      limits,
      undefined,
    );
    expect(v.reasons).toContain(
      'CloudWatch shows no invocation of the candidate in the window (no traffic, or metrics not yet arrived)',
    );
    expect(v.reasons).toContain('CloudWatch returned partial data for the window');
  });

  it('charges failed answers through the stage to the candidate, and fails on an alarm in ALARM', () => {
    const v = judgeByMetrics(
      10,
      undefined,
      { count: 100, failed: 2 },
      1,
      { ...limits, alarmNames: ['orders-errors'] },
      ['orders-errors'],
    );
    expect(v.gates.map((g) => [g.name, g.passed])).toEqual([
      ['stage-answers', false],
      ['alarms', false],
    ]);
    expect(v.reasons).toEqual([
      '2 of 100 answers through the stage missed load.expect (allowed 1); the answers do not say which version served them, so they count against the candidate',
      'CloudWatch alarm in ALARM: orders-errors',
    ]);
  });
});

describe('watchAlarms', () => {
  it('polls until an alarm is in ALARM, then trips', async () => {
    const ctx = testContext();
    const states = [[], [], ['orders-errors']];
    let calls = 0;
    const watch = watchAlarms(ctx, async () => states[Math.min(calls++, 2)]!, ['orders-errors'], {
      pollMs: 5_000,
    });
    for (let i = 0; i < 10 && !watch.tripped(); i++) await new Promise((r) => setImmediate(r));
    expect(watch.tripped()).toBe(true);
    const done = await watch.finish();
    expect(done).toMatchObject({ inAlarm: ['orders-errors'], polls: 3 });
    expect(ctx.clock.sleeps.slice(0, 3)).toEqual([5_000, 5_000, 5_000]);
  });

  it('checks once more when the bake ends before a poll, and passes a poll’s error on', async () => {
    const ctx = testContext();
    let calls = 0;
    const never = new Promise<void>(() => undefined);
    const slowClock = { ...ctx, clock: { ...ctx.clock, sleep: () => never } };
    const quiet = watchAlarms(slowClock, async () => (calls++, []), ['a'], { pollMs: 10_000 });
    await expect(quiet.finish()).resolves.toEqual({ inAlarm: [], polls: 1 });
    expect(calls).toBe(1);
    const failing = watchAlarms(ctx, async () => Promise.reject(new Error('throttled')), ['a'], {
      pollMs: 1_000,
    });
    for (let i = 0; i < 10 && !failing.tripped(); i++) await new Promise((r) => setImmediate(r));
    await expect(failing.finish()).rejects.toThrow('throttled');
  });
});

describe('bakeStepByMetrics', () => {
  const ok: ProbeSample = { ok: true, status: 201, latencyMs: 12 };
  const base = {
    percent: 50,
    versions: { candidate, production },
    bakeSeconds: 120,
    probeRate: 1,
    limits: { ...limits, maxP95Ms: 5000 },
    metricsPeriodSeconds: 60,
    metricsDelaySeconds: 90,
  };

  it('holds the canary for the delay, then reads the whole minutes of the bake', async () => {
    const ctx = testContext();
    const windows: unknown[] = [];
    const step = await bakeStepByMetrics(
      ctx,
      {
        probe: async () => ok,
        metrics: async (versions, window) => {
          windows.push([versions.map((v) => v.version), window]);
          return [
            figures({ invocations: 50, durationP95Ms: 30 }),
            figures({ invocations: 50, durationP95Ms: 28 }),
          ];
        },
      },
      base,
    );
    // 120 s of bake + 90 s of delay, one probe a second.
    expect(step.probes).toBe(210);
    expect(windows).toEqual([
      [
        ['4', '3'],
        { startMs: Date.UTC(2025, 0, 2, 3, 5), endMs: Date.UTC(2025, 0, 2, 3, 6), periodSeconds: 60 },
      ],
    ]);
    expect(step).toMatchObject({ judgedBy: 'metrics', passed: true, observedCandidatePercent: 50 });
    expect(step.candidate).toEqual({ count: 50, errors: 0, latency: { count: 50, p50: 0, p95: 30 } });
  });

  it('stops at the first failed answer beyond what max-error-rate allows, without waiting for metrics', async () => {
    const ctx = testContext();
    let n = 0;
    let read = false;
    const step = await bakeStepByMetrics(
      ctx,
      {
        probe: async () => (++n === 5 ? { ok: false, status: 502, latencyMs: 3, error: 'HTTP 502' } : ok),
        metrics: async () => {
          read = true;
          return [];
        },
      },
      { ...base, limits: { ...base.limits, maxErrorRate: 0 } },
    );
    expect(read).toBe(false);
    expect(step.probes).toBe(5);
    expect(step.metrics).toBeUndefined();
    expect(step.passed).toBe(false);
    expect(step.reason).toMatch(
      /^1 of 5 answers through the stage missed load.expect .*; the bake stopped early after/,
    );
  });
});
