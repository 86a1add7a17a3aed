// One side of a sharded check (the LMI version, or the twin), added up from its shards: the
// latencies by merging the HDR histograms (exactly the percentiles one histogram of every answer
// gives), counts summed, environments counted once across shards by their ids, the isolation
// results combined. Throughput and wall time span the first shard's start to the last one's end
// by the runners' wall clocks; how much of that span every shard was sending is said apart.
import type { LoadResult, PeakInFlightSource } from '../../../core/domain.js';
import { mergeLatencies } from '../../../core/latency-histogram.js';
import type { ShardSide } from '../../../report/shard-report.js';
import type { IsolationResult } from '../load/isolation.js';

/** A side's shards, each with its number. */
export type NumberedSides = readonly { readonly shard: number; readonly side: ShardSide }[];

export interface MergedSide {
  readonly result: LoadResult;
  readonly isolation: IsolationResult;
  /** Share of the span, 0..1, during which every shard was sending. */
  readonly allAtOnce: number;
  /** Mean of the function's own duration over the shards that had one, weighted by requests. */
  readonly meanFunctionDurationMs?: number;
}

const MAX_PROBLEMS = 10;

export function mergeSide(shards: NumberedSides): MergedSide {
  const sides = shards.map((s) => s.side);
  const results = sides.map((s) => s.result);
  const first = results[0]!;
  const sum = (f: (r: LoadResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const requests = sum((r) => r.requests);
  const errors = sum((r) => r.errors);
  const throttles = sum((r) => r.throttles);
  const accepted = sides.reduce((n, s) => n + s.accepted, 0);
  const startedAt = Math.min(...sides.map((s) => s.startedAt));
  const endedAt = Math.max(...sides.map((s) => s.endedAt));
  const spanMs = Math.max(0, endedAt - startedAt);
  const overlapMs = Math.max(
    0,
    Math.min(...sides.map((s) => s.endedAt)) - Math.max(...sides.map((s) => s.startedAt)),
  );
  const rate = (n: number) => (requests === 0 ? 0 : n / requests);
  const colds = results.filter((r) => r.coldStarts !== undefined);
  const limited = shards.find((s) => s.side.result.generatorLimited);
  const isolation = mergeIsolation(shards);
  const result: LoadResult = {
    target: first.target,
    functionName: first.functionName,
    qualifier: first.qualifier,
    concurrency: sum((r) => r.concurrency),
    requests,
    latency: mergeLatencies(sides.map((s) => s.latency)),
    throughputRps: spanMs > 0 ? round2(accepted / (spanMs / 1000)) : 0,
    errors,
    errorRate: rate(errors),
    throttles,
    throttleRate: rate(throttles),
    ...environmentFigures(sides),
    ...(colds.length > 0 ? { coldStarts: colds.reduce((n, r) => n + r.coldStarts!, 0) } : {}),
    isolation: {
      passed: isolation.passed,
      mismatchedIds: isolation.mismatchedIds,
      stored: isolation.stored,
      expectedStored: isolation.expectedStored,
      duplicates: isolation.duplicates,
    },
    wallMs: Math.round(spanMs),
    // One shard's generator falling behind puts its latencies, and so the merged ones, in doubt.
    ...(limited
      ? {
          generatorLimited: {
            ...limited.side.result.generatorLimited!,
            reason: `shard ${limited.shard}: ${limited.side.result.generatorLimited!.reason}`,
          },
        }
      : {}),
  };
  const timed = sides.filter((s) => s.meanFunctionDurationMs !== undefined);
  const timedRequests = timed.reduce((n, s) => n + s.result.requests, 0);
  return {
    result,
    isolation,
    allAtOnce: spanMs > 0 ? Math.round((overlapMs / spanMs) * 1000) / 1000 : 1,
    ...(timedRequests > 0
      ? {
          meanFunctionDurationMs: round2(
            timed.reduce((n, s) => n + s.meanFunctionDurationMs! * s.result.requests, 0) / timedRequests,
          ),
        }
      : {}),
  };
}

/**
 * Environments seen by any shard, counted once by id. The peak in flight: the function's own
 * count is the same whichever shard's request read it, so the highest counted is the busiest
 * worker's peak across all shards ('function' only when every environment answered every shard
 * from one named worker); a client-side estimate is per shard, and the highest is a lower bound.
 */
function environmentFigures(
  sides: readonly ShardSide[],
): Pick<LoadResult, 'environments' | 'peakInFlightPerEnvironment' | 'peakInFlightSource'> {
  if (sides.some((s) => s.environments === undefined)) return {};
  const workers = new Map<string, Set<string>>();
  for (const s of sides)
    for (const e of s.environments!) {
      const seen = workers.get(e.id) ?? new Set<string>();
      for (const w of e.workers) seen.add(w);
      workers.set(e.id, seen);
    }
  const peaks = sides.filter((s) => s.result.peakInFlightPerEnvironment !== undefined);
  if (peaks.length === 0) return { environments: workers.size };
  const counted = peaks.every((s) => s.result.peakInFlightSource !== 'client-estimate');
  const oneWorkerEach = [...workers.values()].every((w) => w.size === 1 && !w.has(''));
  const source: PeakInFlightSource = !counted
    ? 'client-estimate'
    : oneWorkerEach
      ? 'function'
      : 'function-per-worker';
  return {
    environments: workers.size,
    peakInFlightPerEnvironment: Math.max(...peaks.map((s) => s.result.peakInFlightPerEnvironment!)),
    peakInFlightSource: source,
  };
}

/** Passed when every shard's passed; counts summed; the first problems, each naming its shard. */
function mergeIsolation(shards: NumberedSides): IsolationResult {
  const all = shards.map((s) => s.side.result.isolation);
  const count = (f: (i: NonNullable<LoadResult['isolation']>) => number) =>
    all.reduce((n, i) => n + (i ? f(i) : 0), 0);
  return {
    passed: all.every((i) => i?.passed === true),
    mismatchedIds: count((i) => i.mismatchedIds),
    stored: count((i) => i.stored),
    expectedStored: count((i) => i.expectedStored),
    duplicates: count((i) => i.duplicates),
    problems: shards
      .flatMap((s) => s.side.isolationProblems.map((p) => `shard ${s.shard}: ${p}`))
      .slice(0, MAX_PROBLEMS),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
