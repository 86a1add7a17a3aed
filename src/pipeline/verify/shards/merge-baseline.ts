// max-p95-ms auto over a sharded check: the same limit verify derives (baseline.ts), from the
// warm latencies the shards recorded. Production measured by one side of the check: that side's
// warm histograms merged across shards. Production a standard version the check did not load:
// every shard's share of the burst at it, merged. Production an LMI version: shard 1's light
// sample and the candidate's at the same load, as one runner sends it in verify.
import type { LatencyBaseline } from '../../../core/domain.js';
import { mergeLatencies } from '../../../core/latency-histogram.js';
import type { ShardBaseline, ShardMeasurement, ShardWarmLatencies } from '../../../report/shard-report.js';
import { latencyBaselineOf } from '../baseline.js';

/** Production's warm latency and the limit, or why the shards cannot give it. */
export function mergeBaseline(
  shards: readonly { readonly shard: number; readonly measurement: ShardMeasurement }[],
): { baseline: LatencyBaseline } | { missing: string } {
  const baselines = shards.map((s) => s.measurement.baseline);
  const first = baselines[0];
  if (!first || baselines.some((b) => b === undefined))
    return {
      missing:
        'the shards ran with a numeric max-p95-ms, so none measured the latency of the version production serves',
    };
  const all = baselines as ShardBaseline[];
  let warm: ShardWarmLatencies[];
  let sample: LatencyBaseline['sample'];
  let candidateWarm: ShardWarmLatencies['latency'][] = [];
  if (first.from === 'lmi' || first.from === 'standard') {
    const sides = shards.map((s) => s.measurement[first.from as 'lmi' | 'standard']);
    warm = sides.map((s) => s.warm);
    sample = {
      concurrency: sum(sides.map((s) => s.result.concurrency)),
      requests: sum(sides.map((s) => s.result.requests)),
    };
  } else {
    const bursts = all.flatMap((b) => (b.burst ? [b.burst] : []));
    warm = bursts.map((b) => b.warm);
    candidateWarm = bursts.flatMap((b) => (b.candidateWarm ? [b.candidateWarm] : []));
    sample = {
      concurrency: sum(bursts.map((b) => b.concurrency)),
      requests: sum(bursts.map((b) => b.requests)),
    };
  }
  return {
    baseline: latencyBaselineOf({
      target: first.target,
      plan: first,
      sample,
      warm: mergeLatencies(warm.map((w) => w.latency)),
      coldStartsExcluded: sum(warm.map((w) => w.coldStartsExcluded)),
      coldStartsKnown: warm.every((w) => w.coldStartsKnown),
      ...(candidateWarm.length > 0 ? { candidateWarm: mergeLatencies(candidateWarm) } : {}),
    }),
  };
}

/**
 * Why the shards' baselines do not belong to one check, or undefined: every shard must have
 * found the same production version and measured it the same way; a burst at production comes
 * from every shard, a light sample from shard 1 alone.
 */
export function baselineProblem(
  shards: readonly { readonly shard: number; readonly measurement: ShardMeasurement }[],
): string | undefined {
  const with_ = shards.filter((s) => s.measurement.baseline);
  if (with_.length === 0) return undefined;
  if (with_.length !== shards.length)
    return `max-p95-ms auto: shards ${list(with_)} measured production's latency and shards ${list(shards.filter((s) => !s.measurement.baseline))} did not: run every shard with the same max-p95-ms`;
  const key = (b: ShardBaseline) => `${b.basis} ${b.from} ${b.target.functionName}:${b.target.qualifier}`;
  const keys = new Set(with_.map((s) => key(s.measurement.baseline!)));
  if (keys.size > 1)
    return `max-p95-ms auto: the shards found production on different versions (${[...keys].join('; ')}): the stage's route changed while they ran`;
  const from = with_[0]!.measurement.baseline!.from;
  const carrying = with_.filter((s) => s.measurement.baseline!.burst);
  if (from === 'burst' && carrying.length !== shards.length)
    return `max-p95-ms auto: shards ${list(shards.filter((s) => !s.measurement.baseline!.burst))} carry no burst at production's version`;
  if (from === 'light' && (carrying.length !== 1 || carrying[0]!.shard !== 1))
    return `max-p95-ms auto: production's light sample must come from shard 1 alone, not from shards ${list(carrying)}`;
  return undefined;
}

const list = (shards: readonly { readonly shard: number }[]) =>
  shards
    .map((s) => s.shard)
    .sort((a, b) => a - b)
    .join(', ');

const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);
