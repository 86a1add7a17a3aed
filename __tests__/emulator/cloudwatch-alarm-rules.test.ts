// The alarm evaluation rules on a controlled clock (no server): M out of N, the look-back past
// missing periods when enough real datapoints exist, filling missing periods per
// TreatMissingData when they do not, the evaluation schedule replayed on read, and percentiles.
import { describe, expect, it } from '@jest/globals';
import { AlarmStore, type AlarmConfig } from '../../emulator/services/cloudwatch/alarms.js';
import { MetricStore } from '../../emulator/services/cloudwatch/metrics.js';
import { computeStatistic } from '../../emulator/services/cloudwatch/stats.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const MIN = 60_000;

function setup() {
  let now = T0;
  const metrics = new MetricStore();
  const alarms = new AlarmStore(metrics, 'us-east-1', () => now);
  /** One invocation of fn:1 in minute k after T0 (k < 0 is before). */
  const invoke = (minute: number, failed: boolean) =>
    metrics.record({
      at: T0 + minute * MIN + 1000,
      functionName: 'fn',
      qualifier: '1',
      executedVersion: '1',
      durationMs: 5,
      functionError: failed,
      throttled: false,
      coldStart: false,
    });
  const put = (extra: Partial<AlarmConfig>) =>
    alarms.put({
      AlarmName: 'a',
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [
        { Name: 'FunctionName', Value: 'fn' },
        { Name: 'Resource', Value: 'fn:1' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      ...extra,
    });
  const state = () => alarms.all()[0]!.StateValue;
  return { invoke, put, state, alarms, at: (m: number) => (now = T0 + m * MIN) };
}

describe('M out of N', () => {
  it('alarms when DatapointsToAlarm of the last EvaluationPeriods breach', () => {
    const s = setup();
    // Minutes -3, -2, -1: error, ok, error.
    s.invoke(-3, true);
    s.invoke(-2, false);
    s.invoke(-1, true);
    s.put({ DatapointsToAlarm: 2 });
    expect(s.state()).toBe('ALARM');
    s.put({ DatapointsToAlarm: 3 });
    expect(s.state()).toBe('OK');
    expect(s.alarms.all()[0]!.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 3 datapoints/);
  });

  it('looks back past missing periods when enough real datapoints exist (TreatMissingData unused)', () => {
    const s = setup();
    s.invoke(-5, true);
    s.invoke(-4, true);
    s.invoke(-2, true); // -3 and -1 missing; the range (N + 2 = 5 periods) still holds 3 real ones
    s.put({ TreatMissingData: 'notBreaching' });
    expect(s.state()).toBe('ALARM');
  });

  it('fills missing periods per TreatMissingData only as far as needed', () => {
    const s = setup();
    s.invoke(-1, true); // one real breaching datapoint, 2 of 3 missing
    s.put({ TreatMissingData: 'notBreaching', DatapointsToAlarm: 2 });
    expect(s.state()).toBe('OK');
    s.put({ TreatMissingData: 'breaching', DatapointsToAlarm: 2 });
    expect(s.state()).toBe('ALARM');
    s.put({ TreatMissingData: 'missing', DatapointsToAlarm: 1 });
    expect(s.state()).toBe('ALARM');
    s.put({ TreatMissingData: 'missing', DatapointsToAlarm: 2 });
    expect(s.state()).toBe('OK');
  });
});

describe('the schedule', () => {
  it('evaluates complete periods only, every minute, replaying missed ticks into the history', () => {
    const s = setup();
    s.put({ EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    expect(s.state()).toBe('OK');
    s.at(0.5);
    s.invoke(0, true); // in the current, incomplete minute
    expect(s.state()).toBe('OK');
    s.at(1); // minute 0 complete
    expect(s.state()).toBe('ALARM');
    s.invoke(1, false);
    s.at(5); // minute 1 good → OK at 2; minutes 2-4 missing but the good one is looked back at
    const history = s.alarms.historyItems().filter((h) => h.HistoryItemType === 'StateUpdate');
    expect(history.map((h) => [h.HistorySummary, (h.Timestamp - T0) / MIN])).toEqual([
      ['Alarm updated from INSUFFICIENT_DATA to OK', 0],
      ['Alarm updated from OK to ALARM', 1],
      ['Alarm updated from ALARM to OK', 2],
    ]);
    expect(s.state()).toBe('OK');
  });
});

describe('statistics', () => {
  it('computes nearest-rank percentiles and the simple statistics', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(computeStatistic('p95', v)).toBe(95);
    expect(computeStatistic('p99.9', v)).toBe(100);
    expect(computeStatistic('p50', [3, 1, 2])).toBe(2);
    expect(computeStatistic('Average', [1, 2, 3])).toBe(2);
    expect(computeStatistic('SampleCount', [0, 0])).toBe(2);
  });
});
