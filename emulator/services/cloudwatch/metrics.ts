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
//
// And the AWS/ApiGateway metrics of the REST API stages execute-api serves, as API Gateway
// publishes them (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html):
// Count (one per request; the docs read it with SampleCount, and Sum gives the same), 4XXError
// and 5XXError (0 or 1 per request, so Average is the error rate) and Latency (ms), under the
// dimensions {ApiName} and {ApiName, Stage}. The per-method dimensions need detailed metrics,
// which stages have off by default: not published. ApiName is the API's name, not its id, so
// REST APIs that share a name share their metrics; API Gateway strips non-ASCII characters
// from it and uses the API id when nothing is left.
import type { InvocationRecord } from '../lambda/invoke.js';

/** One request a REST API stage answered (execute-api), as API Gateway's metrics count it. */
export interface ApiRequestRecord {
  readonly restApiId: string;
  readonly apiName: string;
  readonly stage: string;
  /** When the request arrived (epoch ms). */
  readonly at: number;
  readonly status: number;
  readonly latencyMs: number;
}

export type ApiRequestListener = (record: ApiRequestRecord) => void;

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
  /** Samples: [epoch ms, value, epoch ms it becomes visible], in time order unless `unsorted`. */
  samples: [number, number, number][];
  /**
   * Requests are recorded when they end, stamped when they started, so samples arrive out of
   * order: they are appended, and sorted (stably) when a query reads them.
   */
  unsorted: boolean;
}

const LAMBDA_NAMESPACE = 'AWS/Lambda';
const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

const UNITS: Record<string, string> = {
  Invocations: 'Count',
  Errors: 'Count',
  Throttles: 'Count',
  Duration: 'Milliseconds',
  Count: 'Count',
  '4XXError': 'Count',
  '5XXError': 'Count',
  Latency: 'Milliseconds',
};

/** The ApiName dimension's value: the name without non-ASCII characters, or the id when none is left. */
export function metricApiName(name: string, restApiId: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is exactly \x00-\x7f
  const ascii = name.replace(/[^\x00-\x7f]/g, '');
  return ascii === '' ? restApiId : ascii;
}

const sortDims = (d: Dimension[]): Dimension[] => [...d].sort((a, b) => a.Name.localeCompare(b.Name));
/** A dimension set, sorted, with the key of its series: made once per set, not per sample. */
interface DimensionSet {
  readonly dims: Dimension[];
  readonly key: string;
}
const dimensionSet = (dims: Dimension[]): DimensionSet => {
  const sorted = sortDims(dims);
  return { dims: sorted, key: JSON.stringify(sorted.map((d) => [d.Name, d.Value])) };
};
// Namespaces and metric names hold no newline.
const seriesKey = (namespace: string, metric: string, set: DimensionSet): string =>
  `${namespace}\n${metric}\n${set.key}`;

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
  /** The dimension sets of each function/qualifier/alias/version seen: every invocation records 16 samples. */
  private readonly lambdaSets = new Map<string, DimensionSet[]>();

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
    const id = `${r.functionName}\n${r.qualifier ?? ''}\n${r.alias ?? ''}\n${r.executedVersion}`;
    let sets = this.lambdaSets.get(id);
    if (!sets) this.lambdaSets.set(id, (sets = dimensionSets(r).map(dimensionSet)));
    const samples = samplesOf(r);
    for (const set of sets) {
      for (const [metric, value] of samples) this.add(LAMBDA_NAMESPACE, metric, set, r.at, value);
    }
  };

  /** execute-api's hook: one request a stage answered, whatever its status. */
  readonly recordApiRequest = (r: ApiRequestRecord): void => {
    const api = { Name: 'ApiName', Value: metricApiName(r.apiName, r.restApiId) };
    const samples: [string, number][] = [
      ['Count', 1],
      ['4XXError', r.status >= 400 && r.status < 500 ? 1 : 0],
      ['5XXError', r.status >= 500 ? 1 : 0],
      ['Latency', r.latencyMs],
    ];
    for (const dims of [[api], [api, { Name: 'Stage', Value: r.stage }]]) {
      const set = dimensionSet(dims);
      for (const [metric, value] of samples) this.add(API_GATEWAY_NAMESPACE, metric, set, r.at, value);
    }
  };

  private add(namespace: string, metric: string, set: DimensionSet, at: number, value: number): void {
    const key = seriesKey(namespace, metric, set);
    let s = this.series.get(key);
    if (!s) {
      s = {
        Namespace: namespace,
        MetricName: metric,
        Dimensions: set.dims,
        unit: UNITS[metric] ?? 'None',
        samples: [],
        unsorted: false,
      };
      this.series.set(key, s);
    }
    const last = s.samples[s.samples.length - 1];
    if (last && last[0] > at) s.unsorted = true;
    s.samples.push([at, value, this.now() + this.publishDelayMs]);
  }

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
    const s = this.series.get(seriesKey(id.Namespace, id.MetricName, dimensionSet(id.Dimensions)));
    return s && this.visible(s) ? s.unit : undefined;
  }

  /**
   * The samples of one metric (exact dimension set, as CloudWatch matches) grouped into the
   * periods [bucketStart, bucketStart + periodMs) for the given bucket starts; periods without a
   * sample are absent. A unit that differs from the metric's own matches nothing.
   */
  buckets(id: MetricId, starts: number[], periodMs: number, unit?: string): Map<number, number[]> {
    const out = new Map<number, number[]>();
    const s = this.series.get(seriesKey(id.Namespace, id.MetricName, dimensionSet(id.Dimensions)));
    if (!s || starts.length === 0 || (unit !== undefined && unit !== s.unit)) return out;
    if (s.unsorted) {
      s.samples.sort((a, b) => a[0] - b[0]);
      s.unsorted = false;
    }
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
