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
});
