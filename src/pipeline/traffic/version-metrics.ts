// What Lambda itself reports about one published version over a canary's window: the AWS/Lambda
// metrics with the FunctionName and Resource (`function:version`) dimensions — Invocations,
// Errors, Throttles, and Duration's p50 and p95 (extended statistics). The stage invokes
// `function:version` (liveFunction / its canary override), so every request a version served
// through the stage is counted under that Resource, whatever the workload answers.
//
// The window is whole metric periods only: Lambda publishes per minute, so a partial minute at
// either end would mix in traffic from before the step (the verify stage's own invocations, the
// previous step's smaller share). When the window can be one valid period, one datapoint covers
// it and its p95 is exact; otherwise the p95 is the highest of the periods' (an upper bound).
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { getMetricData } from '../../aws/cloudwatch.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { qualifiedName, type VersionRef } from '../../core/domain.js';
import { isMetricPeriod } from '../../config/cutover.js';

export interface VersionMetrics {
  readonly invocations: number;
  /** Function errors (an unhandled exception, a timeout, a crash); a handled 5xx is not one. */
  readonly errors: number;
  /** Requests refused for concurrency; not counted in invocations. */
  readonly throttles: number;
  /** Handler duration, milliseconds; absent when the version ran nothing in the window. */
  readonly durationP50Ms?: number;
  readonly durationP95Ms?: number;
  /** CloudWatch said PartialData: the figures may be short. */
  readonly partial: boolean;
}

export interface MetricsWindow {
  /** Epoch milliseconds, aligned to the period. */
  readonly startMs: number;
  readonly endMs: number;
  readonly periodSeconds: number;
}

/** Reads one version's figures over a window; injected so tests can stand in for CloudWatch. */
export type VersionMetricsReader = (
  versions: readonly VersionRef[],
  window: MetricsWindow,
) => Promise<VersionMetrics[]>;

/** The whole periods inside [fromMs, toMs); undefined when not one fits. */
export function metricsWindow(
  fromMs: number,
  toMs: number,
  periodSeconds: number,
): MetricsWindow | undefined {
  const p = periodSeconds * 1000;
  const startMs = Math.ceil(fromMs / p) * p;
  const endMs = Math.floor(toMs / p) * p;
  return endMs - startMs >= p ? { startMs, endMs, periodSeconds } : undefined;
}

const STATS = [
  ['inv', 'Invocations', 'Sum'],
  ['err', 'Errors', 'Sum'],
  ['thr', 'Throttles', 'Sum'],
  ['p50', 'Duration', 'p50'],
  ['p95', 'Duration', 'p95'],
] as const;

export function cloudWatchVersionMetrics(client: CloudWatchClient): VersionMetricsReader {
  return async (versions, window) => {
    const span = (window.endMs - window.startMs) / 1000;
    // One datapoint for the whole window when CloudWatch allows that period and would not move
    // the start: it rounds StartTime down to the minute (periods of 60 s and more) or to a
    // multiple of a high-resolution period, which would pull the previous step in.
    const alignment = span >= 60 ? 60_000 : span * 1000;
    const single = isMetricPeriod(span) && window.startMs % alignment === 0;
    const period = single ? span : window.periodSeconds;
    const queries = versions.flatMap((v, i) =>
      STATS.map(([id, metric, stat]) => ({
        Id: `v${i}_${id}`,
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [
              { Name: 'FunctionName', Value: v.functionName },
              { Name: 'Resource', Value: qualifiedName(v) },
            ],
          },
          Period: period,
          Stat: stat,
        },
      })),
    );
    let data;
    try {
      data = await getMetricData(client, {
        MetricDataQueries: queries,
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
      });
    } catch (e) {
      throwIfAccessDenied(e, 'cloudwatch:GetMetricData', versions.map(qualifiedName).join(', '));
      throw e;
    }
    return versions.map((_, i) => {
      const values = (id: string) => data.get(`v${i}_${id}`)?.values ?? [];
      const sum = (id: string) => values(id).reduce((a, b) => a + b, 0);
      const highest = (id: string) => (values(id).length > 0 ? Math.max(...values(id)) : undefined);
      const p50 = highest('p50');
      const p95 = highest('p95');
      return {
        invocations: sum('inv'),
        errors: sum('err'),
        throttles: sum('thr'),
        ...(p50 !== undefined ? { durationP50Ms: round2(p50) } : {}),
        ...(p95 !== undefined ? { durationP95Ms: round2(p95) } : {}),
        partial: STATS.some(([id]) => data.get(`v${i}_${id}`)?.partial === true),
      };
    });
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
