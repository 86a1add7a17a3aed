import * as hdr from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Percentiles of latencies in milliseconds through an HDR histogram: recorded in microseconds
 * with 3 significant digits, so a p99 of 212.4 ms is exact to within 0.1 %.
 */
export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  try {
    for (const ms of latenciesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    const at = (p: number) => round(histogram.getValueAtPercentile(p) / 1000);
    return {
      count: latenciesMs.length,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(Math.max(...latenciesMs)),
      mean: round(latenciesMs.reduce((a, b) => a + b, 0) / latenciesMs.length),
    };
  } finally {
    histogram.destroy();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
