// Latencies recorded in more than one place — the load workers of one burst, the shards of one
// concurrency check on other runners — and added up: each place records its own in an HDR
// histogram set up as summarizeLatencies sets up its own (stats.ts latencyHistogram), plus the
// exact count, sum and maximum. Adding HDR histograms adds their bucket counts, so the merged
// percentiles are those of one histogram of every latency: the LatencySummary is the one
// summarizeLatencies gives for all the samples.
import * as hdr from 'hdr-histogram-js';
import { latencyHistogram, latencyMicros, type LatencySummary } from './stats.js';

/** One place's latencies, as they cross to where they are merged (a thread, a file). */
export interface EncodedLatencies {
  /** The HDR histogram, compressed and base64-encoded (the HdrHistogram V2 format). */
  readonly histogram: string;
  readonly count: number;
  readonly sumMs: number;
  readonly maxMs: number;
}

export class LatencyRecorder {
  readonly #histogram = latencyHistogram();
  #count = 0;
  #sumMs = 0;
  #maxMs = 0;

  record(ms: number): void {
    this.#histogram.recordValue(latencyMicros(ms));
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

/** Latencies already in hand, encoded. */
export function encodeLatencies(latenciesMs: readonly number[]): EncodedLatencies {
  const recorder = new LatencyRecorder();
  for (const ms of latenciesMs) recorder.record(ms);
  return recorder.encode();
}

/**
 * Why these encoded latencies cannot be merged — the histogram does not decode, or holds another
 * number of values than `count` says — or undefined when they can. For latencies read from a
 * file another process wrote.
 */
export function encodedLatenciesProblem(part: EncodedLatencies): string | undefined {
  let h: hdr.Histogram;
  try {
    h = hdr.decodeFromCompressedBase64(part.histogram);
  } catch (e) {
    return `its latency histogram does not decode (${e instanceof Error ? e.message : String(e)})`;
  }
  try {
    if (h.totalCount !== part.count)
      return `its latency histogram holds ${h.totalCount} values, but its count says ${part.count}`;
    return undefined;
  } finally {
    h.destroy();
  }
}

export function mergeLatencies(parts: readonly EncodedLatencies[]): LatencySummary {
  const count = parts.reduce((n, p) => n + p.count, 0);
  if (count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const merged = latencyHistogram();
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
