// Metric alarms: PutMetricAlarm's configuration, and their state evaluated from the metric
// store on CloudWatch's schedule (every minute; every 10 seconds for the high-resolution
// periods 10 and 30). Evaluation is lazy: whenever the alarms are read, every evaluation tick
// that passed since the last read is replayed in order (the last 100 at most), so the state,
// its timestamps and the history are what the schedule would have produced.
//
// The rules (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
// "Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing data"):
// - At tick T the alarm looks at the complete periods ending at T (period k covers
//   [T-(k+1)P, T-kP)), an evaluation range somewhat longer than EvaluationPeriods (N). The docs
//   do not give its length; the emulator uses N + 2 periods.
// - When at least N periods of the range have data, the most recent N datapoints are evaluated
//   and TreatMissingData plays no part. ALARM when at least DatapointsToAlarm (M) breach, else OK.
// - With fewer than N datapoints, missing periods are filled (as few as needed, the most
//   recent first) per TreatMissingData: notBreaching → good, breaching → bad, then the M rule.
//   missing: all missing → INSUFFICIENT_DATA; ignore: all missing → the state is kept. With some
//   data, missing and ignore evaluate the datapoints present (ALARM when M of them breach, else
//   OK); the docs' table gives N=3/M=3 examples only and is silent on other partial cases.
// - SetAlarmState holds until the next tick's evaluation, as in CloudWatch.
import { ACCOUNT_ID } from '../../core/ids.js';
import { computeStatistic } from './stats.js';
import type { Dimension, MetricStore } from './metrics.js';

export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export const STATE_VALUES: StateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
export const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const TREAT_MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
export type TreatMissing = (typeof TREAT_MISSING)[number];

export interface AlarmConfig {
  AlarmName: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: ComparisonOperator;
  TreatMissingData?: TreatMissing;
  EvaluateLowSampleCountPercentile?: string;
}

export interface Alarm extends AlarmConfig {
  AlarmArn: string;
  AlarmConfigurationUpdatedTimestamp: number;
  StateValue: StateValue;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  /** The last evaluation tick (epoch ms) applied. */
  lastTick: number;
}

export interface HistoryItem {
  AlarmName: string;
  AlarmType: 'MetricAlarm';
  Timestamp: number;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate';
  HistorySummary: string;
  HistoryData: string;
}

const EVALUATION_RANGE_EXTRA = 2;
const MAX_REPLAYED_TICKS = 100;
const MAX_HISTORY = 1000;

const breaches = (op: ComparisonOperator, v: number, t: number): boolean =>
  op === 'GreaterThanOrEqualToThreshold'
    ? v >= t
    : op === 'GreaterThanThreshold'
      ? v > t
      : op === 'LessThanThreshold'
        ? v < t
        : v <= t;

const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** CloudWatch's own way of writing numbers and dates in a StateReason: `2.0 (14/06/25 10:01:00)`. */
const num = (v: number): string => (Number.isInteger(v) ? v.toFixed(1) : String(v));
function reasonDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const evaluationInterval = (period: number): number => (period < 60 ? 10_000 : 60_000);

interface Evaluation {
  state: StateValue;
  reason: string;
  data: Record<string, unknown>;
}

export class AlarmStore {
  private readonly alarms = new Map<string, Alarm>();
  private readonly history: HistoryItem[] = [];

  constructor(
    private readonly metrics: MetricStore,
    private readonly region: string,
    private readonly now: () => number = Date.now,
  ) {}

  put(config: AlarmConfig): void {
    const now = this.now();
    const existing = this.alarms.get(config.AlarmName);
    const tick = Math.floor(now / evaluationInterval(config.Period)) * evaluationInterval(config.Period);
    const alarm: Alarm = existing
      ? // An update overwrites the configuration and keeps the state.
        { ...existing, ...config, AlarmConfigurationUpdatedTimestamp: now, lastTick: tick - 1 }
      : {
          ...config,
          AlarmArn: `arn:aws:cloudwatch:${this.region}:${ACCOUNT_ID}:alarm:${config.AlarmName}`,
          AlarmConfigurationUpdatedTimestamp: now,
          StateValue: 'INSUFFICIENT_DATA',
          StateReason: 'Unchecked: Initial alarm creation',
          StateUpdatedTimestamp: now,
          StateTransitionedTimestamp: now,
          // A new or updated alarm is evaluated at once (on the current tick), then on schedule.
          lastTick: tick - 1,
        };
    this.alarms.set(config.AlarmName, alarm);
    this.addHistory({
      AlarmName: config.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${config.AlarmName}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({ version: '1.0', type: existing ? 'Update' : 'Create' }),
    });
  }

  get(name: string): Alarm | undefined {
    return this.alarms.get(name);
  }

  /** Every alarm, evaluated up to now, in name order (as DescribeAlarms lists them). */
  all(): Alarm[] {
    const list = [...this.alarms.values()].sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1));
    for (const a of list) this.evaluateUpToNow(a);
    return list;
  }

  /** Deletes the alarms; when any name is unknown none is deleted (returns the unknown names). */
  delete(names: string[]): string[] {
    const unknown = names.filter((n) => !this.alarms.has(n));
    if (unknown.length === 0) for (const n of names) this.alarms.delete(n);
    return unknown;
  }

  setState(name: string, state: StateValue, reason: string, reasonData?: string): void {
    const alarm = this.alarms.get(name);
    if (!alarm) return;
    this.evaluateUpToNow(alarm);
    const now = this.now();
    alarm.lastTick = Math.floor(now / evaluationInterval(alarm.Period)) * evaluationInterval(alarm.Period);
    this.transition(
      alarm,
      now,
      { state, reason, data: reasonData ? (JSON.parse(reasonData) as Record<string, unknown>) : {} },
      true,
    );
  }

  historyItems(): HistoryItem[] {
    for (const a of this.alarms.values()) this.evaluateUpToNow(a);
    return [...this.history];
  }

  private addHistory(item: HistoryItem): void {
    this.history.push(item);
    if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
  }

  private evaluateUpToNow(alarm: Alarm): void {
    const interval = evaluationInterval(alarm.Period);
    const current = Math.floor(this.now() / interval) * interval;
    if (alarm.lastTick >= current) return;
    const first = Math.max(
      Math.floor(alarm.lastTick / interval) * interval + interval,
      current - (MAX_REPLAYED_TICKS - 1) * interval,
    );
    for (let tick = first; tick <= current; tick += interval) {
      this.transition(alarm, tick, this.evaluate(alarm, tick), false);
    }
    alarm.lastTick = current;
  }

  private transition(alarm: Alarm, at: number, e: Evaluation, forced: boolean): void {
    if (!forced && e.state === alarm.StateValue) return;
    const old = alarm.StateValue;
    alarm.StateValue = e.state;
    alarm.StateReason = e.reason;
    alarm.StateReasonData = Object.keys(e.data).length > 0 ? JSON.stringify(e.data) : undefined;
    alarm.StateUpdatedTimestamp = at;
    if (old !== e.state) alarm.StateTransitionedTimestamp = at;
    this.addHistory({
      AlarmName: alarm.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: at,
      HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${old} to ${e.state}`,
      HistoryData: JSON.stringify({
        version: '1.0',
        oldState: { stateValue: old },
        newState: { stateValue: e.state, stateReason: e.reason, stateReasonData: e.data },
      }),
    });
  }

  /** The alarm's state at one evaluation tick. */
  evaluate(alarm: Alarm, tick: number): Evaluation {
    const periodMs = alarm.Period * 1000;
    const n = alarm.EvaluationPeriods;
    const m = alarm.DatapointsToAlarm ?? n;
    const stat = alarm.ExtendedStatistic ?? alarm.Statistic ?? 'Average';
    const range = n + EVALUATION_RANGE_EXTRA;
    // Newest first.
    const starts = Array.from({ length: range }, (_, k) => tick - (k + 1) * periodMs);
    const buckets = this.metrics.buckets(alarm, starts, periodMs, alarm.Unit);
    const points = starts.map((start) => {
      const samples = buckets.get(start);
      return samples
        ? { start, value: computeStatistic(stat, samples), sampleCount: samples.length }
        : { start };
    });
    const real = points.filter(
      (p): p is { start: number; value: number; sampleCount: number } => p.value !== undefined,
    );
    const treat = alarm.TreatMissingData ?? 'missing';
    const data: Record<string, unknown> = {
      version: '1.0',
      queryDate: new Date(tick).toISOString(),
      startDate: new Date(starts[Math.min(n, range) - 1]!).toISOString(),
      ...(alarm.ExtendedStatistic ? { extendedStatistic: stat } : { statistic: stat }),
      period: alarm.Period,
      recentDatapoints: real
        .slice(0, n)
        .reverse()
        .map((p) => p.value),
      threshold: alarm.Threshold,
      evaluatedDatapoints: real.slice(0, n).map((p) => ({
        timestamp: new Date(p.start).toISOString(),
        sampleCount: p.sampleCount,
        value: p.value,
      })),
    };
    const isBreaching = (v: number) => breaches(alarm.ComparisonOperator, v, alarm.Threshold);
    let evaluated: { value?: number; start: number; breaching: boolean }[];
    if (real.length >= n) {
      evaluated = real.slice(0, n).map((p) => ({ ...p, breaching: isBreaching(p.value) }));
    } else if (treat === 'breaching' || treat === 'notBreaching') {
      // Every real datapoint of the range, plus the most recent missing periods up to N.
      const fill = n - real.length;
      const missing = points.filter((p) => p.value === undefined).slice(0, fill);
      evaluated = [
        ...real.map((p) => ({ ...p, breaching: isBreaching(p.value) })),
        ...missing.map((p) => ({ start: p.start, breaching: treat === 'breaching' })),
      ].sort((a, b) => b.start - a.start);
    } else if (real.length === 0) {
      if (treat === 'ignore') return { state: alarm.StateValue, reason: alarm.StateReason, data: {} };
      return {
        state: 'INSUFFICIENT_DATA',
        reason: `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`,
        data,
      };
    } else {
      evaluated = real.map((p) => ({ ...p, breaching: isBreaching(p.value) }));
    }
    const breaching = evaluated.filter((p) => p.breaching).length;
    const state: StateValue = breaching >= m ? 'ALARM' : 'OK';
    const shown = evaluated
      .map((p) =>
        p.value === undefined
          ? `${treat === 'breaching' ? 'missing (breaching)' : 'missing (not breaching)'}`
          : `${num(p.value)} (${reasonDate(p.start)})`,
      )
      .join(', ');
    const count = state === 'ALARM' ? breaching : evaluated.length - breaching;
    const words = OPERATOR_WORDS[alarm.ComparisonOperator];
    const transition = state === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK';
    const needed = state === 'ALARM' ? m : n - m + 1;
    const reason =
      `Threshold Crossed: ${count} out of the last ${evaluated.length} datapoints [${shown}] ` +
      `${count === 1 ? 'was' : 'were'} ${state === 'ALARM' ? '' : 'not '}${words} the threshold (${num(alarm.Threshold)}) ` +
      `(minimum ${plural(needed, 'datapoint')} for ${transition} transition).`;
    return { state, reason, data };
  }
}
