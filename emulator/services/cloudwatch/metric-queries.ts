// GetMetricData, GetMetricStatistics and ListMetrics over the metric store, with CloudWatch's
// validation of the common mistakes and its alignment of periods: StartTime is rounded down
// (to the minute when it is less than 15 days ago, 5 minutes up to 63 days, the hour beyond;
// to a multiple of the period for high-resolution periods under 60 s) and the periods follow
// from there. Metric math (Expression) is not implemented and says so.
import { cwError, invalidCombination, invalidValue, missingParameter, validationError } from './errors.js';
import type { Dimension, MetricId, MetricStore } from './metrics.js';
import {
  SIMPLE_STATISTICS,
  computeStatistic,
  isPercentile,
  isSimpleStatistic,
  isStatistic,
  isValidPeriod,
} from './stats.js';

type Input = Record<string, unknown>;

const DAY = 86_400_000;
const MAX_QUERIES = 500;
const MAX_DATAPOINTS_STATISTICS = 1440;
const MAX_DATAPOINTS_DATA = 100_800;

/** A timestamp as the SDK sends it over JSON 1.0 (epoch seconds), or an ISO string. */
export function timeOf(v: unknown, name: string): number {
  if (v === undefined || v === null) throw missingParameter(name);
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalidValue(`The parameter ${name} must be a timestamp.`);
  return ms;
}

export const epochSeconds = (ms: number): number => ms / 1000;

export function dimensionsOf(v: unknown, where: string): Dimension[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw validationError(`The parameter ${where} must be a list.`);
  if (v.length > 30) throw invalidValue(`The collection ${where} must not have a size greater than 30.`);
  return v.map((d: Input, i) => {
    if (typeof d.Name !== 'string' || d.Name === '') throw missingParameter(`${where}.member.${i + 1}.Name`);
    if (typeof d.Value !== 'string') throw missingParameter(`${where}.member.${i + 1}.Value`);
    return { Name: d.Name, Value: d.Value };
  });
}

function roundedStart(startMs: number, periodS: number, now: number): number {
  if (periodS < 60) return Math.floor(startMs / (periodS * 1000)) * periodS * 1000;
  const age = now - startMs;
  const unit = age > 63 * DAY ? 3_600_000 : age > 15 * DAY ? 300_000 : 60_000;
  return Math.floor(startMs / unit) * unit;
}

function periodStarts(startMs: number, endMs: number, periodS: number, now: number): number[] {
  const starts: number[] = [];
  for (let t = roundedStart(startMs, periodS, now); t < endMs; t += periodS * 1000) starts.push(t);
  return starts;
}

const periodCount = (startMs: number, endMs: number, periodS: number, now: number): number =>
  Math.ceil((endMs - roundedStart(startMs, periodS, now)) / (periodS * 1000));

interface ParsedQuery {
  id: string;
  label: string;
  returnData: boolean;
  metric: MetricId;
  period: number;
  stat: string;
  unit?: string;
}

function parseQuery(q: Input, i: number): ParsedQuery {
  const where = `MetricDataQueries.member.${i + 1}`;
  const id = q.Id;
  if (typeof id !== 'string' || id === '') throw missingParameter(`${where}.Id`);
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(id) || id.length > 255) {
    throw validationError(
      `The value ${id} for parameter ${where}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  }
  if (q.Expression !== undefined) {
    if (q.MetricStat !== undefined)
      throw validationError(`Exactly one of ${where}.MetricStat and ${where}.Expression must be specified.`);
    throw validationError(
      `The local emulator does not implement metric math: ${where}.Expression (${String(q.Expression)}) is not supported; use MetricStat.`,
    );
  }
  const ms = q.MetricStat as Input | undefined;
  if (!ms)
    throw validationError(`Exactly one of ${where}.MetricStat and ${where}.Expression must be specified.`);
  const m = ms.Metric as Input | undefined;
  if (!m) throw missingParameter(`${where}.MetricStat.Metric`);
  if (typeof m.Namespace !== 'string') throw missingParameter(`${where}.MetricStat.Metric.Namespace`);
  if (typeof m.MetricName !== 'string') throw missingParameter(`${where}.MetricStat.Metric.MetricName`);
  const period = ms.Period;
  if (typeof period !== 'number') throw missingParameter(`${where}.MetricStat.Period`);
  if (!isValidPeriod(period)) {
    throw validationError(
      `The value ${period} for parameter ${where}.MetricStat.Period is not valid: it must be 1, 5, 10, 30 or a multiple of 60.`,
    );
  }
  const stat = ms.Stat;
  if (typeof stat !== 'string') throw missingParameter(`${where}.MetricStat.Stat`);
  if (!isStatistic(stat)) {
    throw validationError(
      `The value ${stat} for parameter ${where}.MetricStat.Stat is not a valid statistic: use ${SIMPLE_STATISTICS.join(', ')} or a percentile such as p95 (other statistics are not implemented by the local emulator).`,
    );
  }
  return {
    id,
    label: typeof q.Label === 'string' ? q.Label : m.MetricName,
    returnData: q.ReturnData !== false,
    metric: {
      Namespace: m.Namespace,
      MetricName: m.MetricName,
      Dimensions: dimensionsOf(m.Dimensions, `${where}.MetricStat.Metric.Dimensions`),
    },
    period,
    stat,
    unit: typeof ms.Unit === 'string' ? ms.Unit : undefined,
  };
}

export function getMetricData(store: MetricStore, input: Input, now: number): Input {
  const queries = input.MetricDataQueries;
  if (!Array.isArray(queries) || queries.length === 0) throw missingParameter('MetricDataQueries');
  if (queries.length > MAX_QUERIES) {
    throw validationError(
      `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`,
    );
  }
  const start = timeOf(input.StartTime, 'StartTime');
  const end = timeOf(input.EndTime, 'EndTime');
  if (start >= end) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = input.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw validationError(
      `1 validation error detected: Value '${String(scanBy)}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`,
    );
  }
  const parsed = (queries as Input[]).map(parseQuery);
  const ids = new Set<string>();
  for (const q of parsed) {
    if (ids.has(q.id))
      throw validationError(`The value ${q.id} for parameter MetricDataQueries.member.Id is not unique.`);
    ids.add(q.id);
  }
  const results = parsed
    .filter((q) => q.returnData)
    .map((q) => {
      if (periodCount(start, end, q.period, now) > MAX_DATAPOINTS_DATA) {
        throw validationError(
          `The query ${q.id} asks for more than ${MAX_DATAPOINTS_DATA} datapoints; increase its Period or shorten the time range.`,
        );
      }
      const starts = periodStarts(start, end, q.period, now);
      const buckets = store.buckets(q.metric, starts, q.period * 1000, q.unit);
      const points = starts
        .filter((s) => buckets.has(s))
        .map((s) => [s, computeStatistic(q.stat, buckets.get(s)!)] as const);
      if (scanBy === 'TimestampDescending') points.reverse();
      return {
        Id: q.id,
        Label: q.label,
        Timestamps: points.map(([t]) => epochSeconds(t)),
        Values: points.map(([, v]) => v),
        StatusCode: 'Complete',
      };
    });
  return { MetricDataResults: results, Messages: [] };
}

export function getMetricStatistics(store: MetricStore, input: Input, now: number): Input {
  if (typeof input.Namespace !== 'string') throw missingParameter('Namespace');
  if (typeof input.MetricName !== 'string') throw missingParameter('MetricName');
  const start = timeOf(input.StartTime, 'StartTime');
  const end = timeOf(input.EndTime, 'EndTime');
  const period = input.Period;
  if (typeof period !== 'number') throw missingParameter('Period');
  if (!Number.isInteger(period) || period < 1) {
    throw validationError(
      `1 validation error detected: Value '${period}' at 'period' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (period >= 60 && period % 60 !== 0) throw invalidValue('The parameter Period must be a multiple of 60.');
  if (!isValidPeriod(period))
    throw invalidValue('The parameter Period must be 1, 5, 10, 30 or a multiple of 60.');
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
  const statistics = (input.Statistics as string[] | undefined) ?? [];
  const extended = (input.ExtendedStatistics as string[] | undefined) ?? [];
  if (statistics.length === 0 && extended.length === 0) {
    throw invalidCombination(
      'At least one of the parameters Statistics and ExtendedStatistics must be specified.',
    );
  }
  const badStat = statistics.find((s) => !isSimpleStatistic(s));
  if (badStat !== undefined || statistics.length > 5) {
    throw validationError(
      `1 validation error detected: Value '[${statistics.join(', ')}]' at 'statistics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${SIMPLE_STATISTICS.join(', ')}]${statistics.length > 5 ? ', Member must have length less than or equal to 5' : ''}]`,
    );
  }
  const badExtended = extended.find((s) => !isPercentile(s));
  if (badExtended !== undefined) {
    throw invalidValue(
      `The value ${badExtended} for parameter ExtendedStatistics is not supported (the local emulator supports percentiles pNN and pNN.NN).`,
    );
  }
  if (extended.length > 10)
    throw invalidValue('The collection ExtendedStatistics must not have a size greater than 10.');
  const count = periodCount(start, end, period, now);
  if (count > MAX_DATAPOINTS_STATISTICS) {
    throw invalidCombination(
      `You have requested up to ${count.toLocaleString('en-US')} datapoints, which exceeds the limit of ${MAX_DATAPOINTS_STATISTICS.toLocaleString('en-US')}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const metric: MetricId = {
    Namespace: input.Namespace,
    MetricName: input.MetricName,
    Dimensions: dimensionsOf(input.Dimensions, 'Dimensions'),
  };
  const unit = typeof input.Unit === 'string' ? input.Unit : undefined;
  const starts = periodStarts(start, end, period, now);
  const buckets = store.buckets(metric, starts, period * 1000, unit);
  const metricUnit = unit ?? store.unitOf(metric) ?? 'None';
  const datapoints = [...buckets.entries()].map(([t, samples]) => ({
    Timestamp: epochSeconds(t),
    ...Object.fromEntries(statistics.map((s) => [s, computeStatistic(s, samples)])),
    ...(extended.length > 0
      ? { ExtendedStatistics: Object.fromEntries(extended.map((s) => [s, computeStatistic(s, samples)])) }
      : {}),
    Unit: metricUnit,
  }));
  return { Label: input.MetricName, Datapoints: datapoints };
}

export function listMetrics(store: MetricStore, input: Input): Input {
  const filters = input.Dimensions;
  if (filters !== undefined && !Array.isArray(filters))
    throw validationError('The parameter Dimensions must be a list.');
  if (Array.isArray(filters) && filters.length > 10) {
    throw invalidValue('The collection Dimensions must not have a size greater than 10.');
  }
  if (input.NextToken !== undefined) throw cwError('InvalidNextToken', 'The NextToken is not valid.');
  const metrics = store.list({
    Namespace: typeof input.Namespace === 'string' ? input.Namespace : undefined,
    MetricName: typeof input.MetricName === 'string' ? input.MetricName : undefined,
    Dimensions: (filters as Input[] | undefined)?.map((f) => ({
      Name: String(f.Name),
      ...(typeof f.Value === 'string' ? { Value: f.Value } : {}),
    })),
  });
  return { Metrics: metrics };
}
