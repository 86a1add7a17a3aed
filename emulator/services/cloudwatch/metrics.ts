// The AWS/Lambda metrics, derived from the invocations the Lambda service records, as Lambda
// publishes them (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
// and monitoring-metrics.html):
//
// - Invocations: one per invocation that ran, function errors included; throttled requests are
//   not invocations. Errors: one per function error (0 for a successful invocation, so a period
//   with traffic has an Errors datapoint of 0 rather than none). Throttles: one per request
//   refused with TooManyRequestsException; the docs are silent on whether Lambda reports 0 for
//   unthrottled traffic, the emulator does (as for Errors). Duration: milliseconds the handler
//   ran, per invocation that ran (not the init time of a cold start).
// - Dimensions: none (every function of the account), {FunctionName} (every version and alias),
//   {FunctionName, Resource=`name:qualifier`} for an invocation through a version, an alias or
//   $LATEST, and {FunctionName, Resource=`name:alias`, ExecutedVersion} for an invocation through
//   an alias. The docs say Resource covers "a version or alias" and ExecutedVersion the version
//   an alias ran; they are silent on whether an invocation through an alias also counts under
//   the version's own Resource: the emulator counts it under the alias only (use ExecutedVersion
//   for the per-version view of alias traffic). An unqualified invocation has no Resource.
// - Lambda publishes at one-minute resolution; the emulator keeps every sample, so periods of
//   1, 5, 10 and 30 seconds (high resolution) also return data (this lets tests run in seconds).
// - Lambda's metrics reach CloudWatch late: with a publishing delay, a sample is invisible to
//   queries, ListMetrics and alarms until that long after it was recorded (0 by default).
// - API-level throttles injected with faults.throttle (Invoke's request rate, not concurrency)
//   never reach the function and are not counted, like Lambda's CallerRateLimitExceeded.
import type { InvocationRecord } from '../lambda/invoke.js';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricId {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

interface Series extends MetricId {
  unit: string;
  /** Samples in time order: [epoch ms, value, epoch ms it becomes visible]. */
  samples: [number, number, number][];
}

const LAMBDA_NAMESPACE = 'AWS/Lambda';

const UNITS: Record<string, string> = {
  Invocations: 'Count',
  Errors: 'Count',
  Throttles: 'Count',
  Duration: 'Milliseconds',
};

const sortDims = (d: Dimension[]): Dimension[] => [...d].sort((a, b) => a.Name.localeCompare(b.Name));
const keyOf = (namespace: string, metric: string, dims: Dimension[]): string =>
  JSON.stringify([namespace, metric, sortDims(dims).map((d) => [d.Name, d.Value])]);

/** The dimension sets one invocation is published under. */
function dimensionSets(r: InvocationRecord): Dimension[][] {
  const fn = { Name: 'FunctionName', Value: r.functionName };
  const sets: Dimension[][] = [[], [fn]];
  if (r.qualifier !== undefined) {
    const resource = { Name: 'Resource', Value: `${r.functionName}:${r.qualifier}` };
    sets.push([fn, resource]);
    if (r.alias !== undefined)
      sets.push([fn, resource, { Name: 'ExecutedVersion', Value: r.executedVersion }]);
  }
  return sets;
}

/** The metric values one invocation contributes. */
function samplesOf(r: InvocationRecord): [string, number][] {
  if (r.throttled) return [['Throttles', 1]];
  return [
    ['Invocations', 1],
    ['Errors', r.functionError ? 1 : 0],
    ['Throttles', 0],
    ['Duration', r.durationMs],
  ];
}

/** The first index whose sample is at or after t. */
function lowerBound(samples: [number, number, number][], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]![0] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MetricStore {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly publishDelayMs = 0,
  ) {}

  private visible(s: Series): boolean {
    const now = this.now();
    return s.samples.some((x) => x[2] <= now);
  }

  /** The Lambda service's hook: one invocation (or throttled request). */
  readonly record = (r: InvocationRecord): void => {
    for (const dims of dimensionSets(r)) {
      for (const [metric, value] of samplesOf(r)) {
        const key = keyOf(LAMBDA_NAMESPACE, metric, dims);
        let s = this.series.get(key);
        if (!s) {
          s = {
            Namespace: LAMBDA_NAMESPACE,
            MetricName: metric,
            Dimensions: sortDims(dims),
            unit: UNITS[metric] ?? 'None',
            samples: [],
          };
          this.series.set(key, s);
        }
        // Invocations are recorded when they end: keep the samples ordered by start time.
        let i = s.samples.length;
        while (i > 0 && s.samples[i - 1]![0] > r.at) i -= 1;
        s.samples.splice(i, 0, [r.at, value, this.now() + this.publishDelayMs]);
      }
    }
  };

  /** ListMetrics: metrics with the namespace/name and every filter dimension (a value if given). */
  list(filter: {
    Namespace?: string;
    MetricName?: string;
    Dimensions?: { Name: string; Value?: string }[];
  }): MetricId[] {
    const out: MetricId[] = [];
    for (const s of this.series.values()) {
      if (filter.Namespace !== undefined && s.Namespace !== filter.Namespace) continue;
      if (filter.MetricName !== undefined && s.MetricName !== filter.MetricName) continue;
      if (!this.visible(s)) continue;
      const dimsOk = (filter.Dimensions ?? []).every((f) =>
        s.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)),
      );
      if (!dimsOk) continue;
      out.push({ Namespace: s.Namespace, MetricName: s.MetricName, Dimensions: s.Dimensions });
    }
    return out;
  }

  /** The unit the metric is published in; undefined when no such metric has data. */
  unitOf(id: MetricId): string | undefined {
    const s = this.series.get(keyOf(id.Namespace, id.MetricName, id.Dimensions));
    return s && this.visible(s) ? s.unit : undefined;
  }

  /**
   * The samples of one metric (exact dimension set, as CloudWatch matches) grouped into the
   * periods [bucketStart, bucketStart + periodMs) for the given bucket starts; periods without a
   * sample are absent. A unit that differs from the metric's own matches nothing.
   */
  buckets(id: MetricId, starts: number[], periodMs: number, unit?: string): Map<number, number[]> {
    const out = new Map<number, number[]>();
    const s = this.series.get(keyOf(id.Namespace, id.MetricName, id.Dimensions));
    if (!s || starts.length === 0 || (unit !== undefined && unit !== s.unit)) return out;
    const now = this.now();
    for (const start of starts) {
      const values: number[] = [];
      for (let i = lowerBound(s.samples, start); i < s.samples.length; i++) {
        const [at, v, visibleAt] = s.samples[i]!;
        if (at >= start + periodMs) break;
        if (visibleAt <= now) values.push(v);
      }
      if (values.length > 0) out.set(start, values);
    }
    return out;
  }
}
