// Latencies of a burst spread over load workers: each worker records its own in an HDR histogram
// set up as core/stats.ts summarizeLatencies sets up its own (microseconds, 3 significant
// digits), plus the exact count, sum and maximum; the main thread adds the histograms up. Adding
// HDR histograms adds their bucket counts, so the merged percentiles are those of one histogram
// of every latency: the LatencySummary is the one summarizeLatencies gives for all the samples.
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../../../core/stats.js';

/** A worker's latencies, as they cross to the main thread. */
export interface EncodedLatencies {
  /** The HDR histogram, compressed and base64-encoded (the HdrHistogram V2 format). */
  readonly histogram: string;
  readonly count: number;
  readonly sumMs: number;
  readonly maxMs: number;
}

const build = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });

export class LatencyRecorder {
  readonly #histogram = build();
  #count = 0;
  #sumMs = 0;
  #maxMs = 0;

  record(ms: number): void {
    this.#histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    this.#count++;
    this.#sumMs += ms;
    this.#maxMs = Math.max(this.#maxMs, ms);
  }

  /** The latencies so far; the recorder is spent after this. */
  encode(): EncodedLatencies {
    try {
      return {
        histogram: hdr.encodeIntoCompressedBase64(this.#histogram),
        count: this.#count,
        sumMs: this.#sumMs,
        maxMs: this.#maxMs,
      };
    } finally {
      this.#histogram.destroy();
    }
  }
}

export function mergeLatencies(parts: readonly EncodedLatencies[]): LatencySummary {
  const count = parts.reduce((n, p) => n + p.count, 0);
  if (count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const merged = build();
  try {
    for (const part of parts) {
      if (part.count === 0) continue;
      const h = hdr.decodeFromCompressedBase64(part.histogram);
      merged.add(h);
      h.destroy();
    }
    const at = (p: number) => round(merged.getValueAtPercentile(p) / 1000);
    return {
      count,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(Math.max(...parts.map((p) => p.maxMs))),
      mean: round(parts.reduce((s, p) => s + p.sumMs, 0) / count),
    };
  } finally {
    merged.destroy();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
