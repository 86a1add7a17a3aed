// Peak requests in flight per environment, from the answers: each request's interval, grouped
// by the environment_id it reports. The workload exposes no counter of its own, so the interval
// is estimated: when Lambda's REPORT line gave the function's own duration, the interval is
// that long and ends when the answer arrived (the return trip shifts every interval alike);
// otherwise it is the client-side [start, end], which also holds the network and any queue in
// front of the function, so it can only overstate the peak.

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
