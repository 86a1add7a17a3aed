// One side's burst of a shard as its shard report carries it: the figures summarizeBurst gave,
// and what the merge needs to add shards up exactly — the latencies as HDR histograms (all
// answers, and the warm ones), the accepted count, the environments by id with their worker
// threads, the burst's window by the wall clock, and the isolation check's first problems.
import { encodeLatencies } from '../../../core/latency-histogram.js';
import type { EnvironmentSeen, ShardSide, ShardWarmLatencies } from '../../../report/shard-report.js';
import { warmAnswers } from '../baseline.js';
import type { LoadRun } from '../load.js';
import { isAccepted, type Sample } from '../load/sample.js';

/** The answers the check's percentiles count: every request the function answered, errors included. */
const isTimed = (s: Sample): boolean => s.outcome === 'answered' || s.outcome === 'function-error';

export function shardSide(run: LoadRun): ShardSide {
  const { burst, result, isolation } = run;
  const timed = burst.samples.filter(isTimed);
  return {
    result,
    accepted: burst.samples.filter(isAccepted).length,
    latency: encodeLatencies(timed.map((s) => s.latencyMs)),
    warm: shardWarm(burst.samples),
    ...(result.environments !== undefined ? { environments: environmentsSeen(timed) } : {}),
    startedAt: burst.startedAt,
    endedAt: burst.endedAt,
    isolationProblems: [...isolation.problems],
    ...(run.meanFunctionDurationMs !== undefined
      ? { meanFunctionDurationMs: run.meanFunctionDurationMs }
      : {}),
  };
}

/** The warm answers' latencies, as max-p95-ms auto counts them (baseline.ts warmAnswers). */
export function shardWarm(samples: readonly Sample[]): ShardWarmLatencies {
  const { warm, coldStartsExcluded, coldStartsKnown } = warmAnswers(samples);
  return { latency: encodeLatencies(warm.map((s) => s.latencyMs)), coldStartsExcluded, coldStartsKnown };
}

/** Each environment that answered and its worker threads; '' stands for an answer naming none. */
function environmentsSeen(timed: readonly Sample[]): EnvironmentSeen[] {
  const seen = new Map<string, Set<string>>();
  for (const s of timed) {
    if (s.environmentId === undefined) continue;
    const workers = seen.get(s.environmentId) ?? new Set<string>();
    seen.set(s.environmentId, workers.add(s.workerId ?? ''));
  }
  return [...seen]
    .map(([id, workers]) => ({ id, workers: [...workers].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
