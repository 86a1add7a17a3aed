// Peak requests in flight per environment, from the answers, grouped by the environment_id each
// reports. Where the answers carry the function's own count (the workload's in_flight), that
// count is the figure (countedPeak). Otherwise it is estimated from each request's interval:
// when Lambda's REPORT line gave the function's own duration, the interval is that long and ends
// when the answer arrived (the return trip shifts every interval alike); otherwise it is the
// client-side [start, end], which also holds the network and any queue in front of the
// function, so it can only overstate the peak.
import type { PeakInFlightSource } from '../../../core/domain.js';

/** What one answer says about where it ran and what the function counted there. */
export interface CountedAnswer {
  readonly environmentId?: string;
  readonly workerId?: string;
  /** The function's count on its worker when this request started, itself included. */
  readonly inFlight?: number;
}

export interface CountedPeak {
  readonly peak: number;
  readonly source: Extract<PeakInFlightSource, 'function' | 'function-per-worker'>;
}

/**
 * The peak the function counted, or undefined unless every answer that names its environment
 * carries a count. The function counts per worker thread (LMI runs one per vCPU, sharing no
 * memory), and a worker's count only rises when a request starts, so the highest count answered
 * is the busiest worker's peak (exactly, unless the request that reached it got no answer). It is
 * the environment's own peak only where each environment answered from one worker ('function');
 * otherwise it is a lower bound of it ('function-per-worker').
 */
export function countedPeak(answers: readonly CountedAnswer[]): CountedPeak | undefined {
  const placed = answers.filter((a) => a.environmentId !== undefined);
  if (placed.length === 0 || placed.some((a) => a.inFlight === undefined)) return undefined;
  const workers = new Map<string, Set<string | undefined>>();
  for (const a of placed) {
    const seen = workers.get(a.environmentId!) ?? new Set();
    workers.set(a.environmentId!, seen.add(a.workerId));
  }
  // An answer without a worker id cannot be told apart from a sibling worker's: not one worker.
  const oneWorkerEach = [...workers.values()].every((w) => w.size === 1 && !w.has(undefined));
  return {
    peak: Math.max(...placed.map((a) => a.inFlight!)),
    source: oneWorkerEach ? 'function' : 'function-per-worker',
  };
}

export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** The interval a request held its environment, as well as it can be told (see above). */
export function environmentInterval(s: { startMs: number; endMs: number; durationMs?: number }): Interval {
  if (s.durationMs === undefined || s.durationMs > s.endMs - s.startMs)
    return { startMs: s.startMs, endMs: s.endMs };
  return { startMs: s.endMs - s.durationMs, endMs: s.endMs };
}

/** Most intervals overlapping at one instant (an interval ending at t does not overlap one starting at t). */
export function peakOverlap(intervals: readonly Interval[]): number {
  const edges: Array<[number, number]> = [];
  for (const i of intervals) {
    edges.push([i.startMs, 1], [i.endMs, -1]);
  }
  // Ends before starts at the same instant.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** The peak per key (environment id). */
export function peakOverlapBy<T extends Interval>(items: readonly T[], key: (item: T) => string | undefined) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups].map(([k, list]) => [k, peakOverlap(list)]));
}
