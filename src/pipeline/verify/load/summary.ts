// A burst's figures for the report: latency percentiles, throughput, errors, throttles, cold
// starts, and — when the answers can tell them — environments and the isolation result.
import type { LoadResult } from '../../../core/domain.js';
import { summarizeLatencies } from '../../../core/stats.js';
import type { Burst } from './burst.js';
import { generatorLimited } from './generator-load.js';
import { countedPeak, environmentInterval, peakOverlapBy } from './in-flight.js';
import type { IsolationResult } from './isolation.js';
import { isAccepted, isError, isThrottle, type Sample } from './sample.js';

export interface BurstFigures {
  readonly result: LoadResult;
  /** Mean of the function's own duration (REPORT lines); undefined when no log tail had one. */
  readonly meanFunctionDurationMs?: number;
}

export interface SummaryFacts {
  /** The answers carry the environment that served them (the bundled workload's do). */
  readonly environmentsReported: boolean;
  /** The events-table read-back; absent where it does not apply. */
  readonly isolation?: IsolationResult;
}

export function summarizeBurst(burst: Burst, facts: SummaryFacts): BurstFigures {
  const { samples, plan } = burst;
  const requests = samples.length;
  // Latency of every request the function answered (errors included): what a caller waits.
  const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
  const accepted = samples.filter(isAccepted).length;
  const errors = samples.filter(isError).length;
  const throttles = samples.filter(isThrottle).length;
  const reported = samples.filter((s) => s.durationMs !== undefined);
  const rate = (n: number) => (requests === 0 ? 0 : n / requests);
  const { isolation } = facts;
  const result: LoadResult = {
    target: plan.target.side,
    functionName: plan.target.functionName,
    qualifier: plan.target.qualifier,
    concurrency: plan.concurrency,
    requests,
    latency: burst.latency ?? summarizeLatencies(timed.map((s) => s.latencyMs)),
    throughputRps: burst.wallMs > 0 ? round2(accepted / (burst.wallMs / 1000)) : 0,
    errors,
    errorRate: rate(errors),
    throttles,
    throttleRate: rate(throttles),
    ...(facts.environmentsReported ? environmentFigures(timed) : {}),
    ...(reported.length > 0 ? { coldStarts: samples.filter((s) => s.coldStart).length } : {}),
    ...(isolation
      ? {
          isolation: {
            passed: isolation.passed,
            mismatchedIds: isolation.mismatchedIds,
            stored: isolation.stored,
            expectedStored: isolation.expectedStored,
            duplicates: isolation.duplicates,
          },
        }
      : {}),
    wallMs: Math.round(burst.wallMs),
    ...generatorFigures(burst),
  };
  const meanFunctionDurationMs =
    reported.length > 0
      ? round2(reported.reduce((sum, s) => sum + (s.durationMs ?? 0), 0) / reported.length)
      : undefined;
  return { result, meanFunctionDurationMs };
}

/** The warning of a burst the load generator limited; nothing when it kept up. */
function generatorFigures(burst: Burst): Pick<LoadResult, 'generatorLimited'> {
  const median = burst.latency?.p50;
  const limited = burst.generator && generatorLimited(burst.generator, median);
  return limited ? { generatorLimited: limited } : {};
}

/**
 * Environments seen, from the environment_id of each answer, and the peak in flight on one: the
 * function's own count when the answers carry it, else estimated from the requests' timing.
 */
function environmentFigures(timed: readonly Sample[]) {
  const peaks = peakOverlapBy(
    timed.map((s) => ({ ...environmentInterval(s), environmentId: s.environmentId })),
    (i) => i.environmentId,
  );
  const counted = countedPeak(timed);
  return {
    environments: peaks.size,
    ...(counted
      ? { peakInFlightPerEnvironment: counted.peak, peakInFlightSource: counted.source }
      : {
          peakInFlightPerEnvironment: Math.max(0, ...peaks.values()),
          peakInFlightSource: 'client-estimate' as const,
        }),
  };
}

/** One line of a burst's figures for the log; environments only when they were reported. */
export function describeFigures(r: LoadResult): string {
  const environments = r.environments === undefined ? '' : `, ${r.environments} environments`;
  return (
    `p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, p99 ${r.latency.p99} ms, ` +
    `${r.throughputRps} req/s, ${r.errors} errors, ${r.throttles} throttles${environments} ` +
    `in ${(r.wallMs / 1000).toFixed(1)} s`
  );
}

const round2 = (n: number) => Math.round(n * 100) / 100;
