// A burst's figures for the report: latency percentiles, throughput, errors, throttles,
// environments, cold starts and the isolation result.
import type { LoadResult } from '../../../core/domain.js';
import { summarizeLatencies } from '../../../core/stats.js';
import { isAccepted, isError, isThrottle, type Burst } from './burst.js';
import { environmentInterval, peakOverlapBy } from './in-flight.js';
import type { IsolationResult } from './isolation.js';

export interface BurstFigures {
  readonly result: LoadResult;
  /** Mean of the function's own duration (REPORT lines); undefined when no log tail had one. */
  readonly meanFunctionDurationMs?: number;
}

export function summarizeBurst(burst: Burst, isolation: IsolationResult): BurstFigures {
  const { samples, plan } = burst;
  const requests = samples.length;
  // Latency of every request the function answered (errors included): what a caller waits.
  const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
  const accepted = samples.filter(isAccepted).length;
  const errors = samples.filter(isError).length;
  const throttles = samples.filter(isThrottle).length;
  const peaks = peakOverlapBy(
    timed.map((s) => ({ ...environmentInterval(s), environmentId: s.environmentId })),
    (i) => i.environmentId,
  );
  const reported = samples.filter((s) => s.durationMs !== undefined);
  const rate = (n: number) => (requests === 0 ? 0 : n / requests);
  const result: LoadResult = {
    target: plan.target.side,
    functionName: plan.target.functionName,
    qualifier: plan.target.qualifier,
    concurrency: plan.concurrency,
    requests,
    latency: summarizeLatencies(timed.map((s) => s.latencyMs)),
    throughputRps: burst.wallMs > 0 ? round2(accepted / (burst.wallMs / 1000)) : 0,
    errors,
    errorRate: rate(errors),
    throttles,
    throttleRate: rate(throttles),
    environments: peaks.size,
    peakInFlightPerEnvironment: Math.max(0, ...peaks.values()),
    ...(reported.length > 0 ? { coldStarts: samples.filter((s) => s.coldStart).length } : {}),
    isolation: {
      passed: isolation.passed,
      mismatchedIds: isolation.mismatchedIds,
      stored: isolation.stored,
      expectedStored: isolation.expectedStored,
      duplicates: isolation.duplicates,
    },
    wallMs: Math.round(burst.wallMs),
  };
  const meanFunctionDurationMs =
    reported.length > 0
      ? round2(reported.reduce((sum, s) => sum + (s.durationMs ?? 0), 0) / reported.length)
      : undefined;
  return { result, meanFunctionDurationMs };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
