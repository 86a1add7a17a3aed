// Lambda's metrics reach CloudWatch late: with a publishing delay, a sample stays out of
// queries, ListMetrics and the metric's unit until that long after it was recorded.
import { describe, expect, it } from '@jest/globals';
import { MetricStore } from '../../emulator/services/cloudwatch/metrics.js';

const record = {
  at: 1_000,
  functionName: 'orders',
  qualifier: '3',
  executedVersion: '3',
  durationMs: 12,
  functionError: true,
  throttled: false,
  coldStart: false,
};
const errors = {
  Namespace: 'AWS/Lambda',
  MetricName: 'Errors',
  Dimensions: [
    { Name: 'FunctionName', Value: 'orders' },
    { Name: 'Resource', Value: 'orders:3' },
  ],
};

describe('MetricStore with a publishing delay', () => {
  it('hides a sample until the delay has passed, then serves it', () => {
    let now = 1_000;
    const store = new MetricStore(() => now, 60_000);
    store.record(record);
    expect(store.buckets(errors, [0], 60_000)).toEqual(new Map());
    expect(store.list({ MetricName: 'Errors' })).toEqual([]);
    expect(store.unitOf(errors)).toBeUndefined();
    now = 60_999;
    expect(store.buckets(errors, [0], 60_000).size).toBe(0);
    now = 61_000;
    expect(store.buckets(errors, [0], 60_000)).toEqual(new Map([[0, [1]]]));
    expect(store.list({ MetricName: 'Errors' })).toHaveLength(3);
    expect(store.unitOf(errors)).toBe('Count');
  });

  it('serves every sample at once without a delay', () => {
    const store = new MetricStore(() => 1_000);
    store.record(record);
    expect(store.buckets(errors, [0], 60_000)).toEqual(new Map([[0, [1]]]));
  });

  it('puts samples recorded out of order (requests end after later ones start) in their periods', () => {
    const store = new MetricStore(() => 100_000);
    const duration = { ...errors, MetricName: 'Duration' };
    // Recorded when each request ended: a long one that started first comes last.
    for (const [at, durationMs] of [
      [61_000, 1],
      [59_999, 2],
      [120_500, 3],
      [1_000, 4],
      [60_000, 5],
    ] as const)
      store.record({ ...record, at, durationMs, functionError: false });
    expect(store.buckets(duration, [0, 60_000, 120_000], 60_000)).toEqual(
      new Map([
        [0, [4, 2]],
        [60_000, [5, 1]],
        [120_000, [3]],
      ]),
    );
    // Later samples join the right period too.
    store.record({ ...record, at: 30_000, durationMs: 6, functionError: false });
    expect(store.buckets(duration, [0], 60_000)).toEqual(new Map([[0, [4, 6, 2]]]));
  });
});
