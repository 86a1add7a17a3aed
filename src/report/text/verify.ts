// Smoke checks, the concurrency check with its latency bars and gates, and the sweep: what the
// run measured before any production traffic moved.
import { generatorWarnings } from '../generator-warning.js';
import { shardsNote } from '../shards-note.js';
import type { LatencySummary } from '../../core/stats.js';
import { formatCount, formatDuration, formatMs, formatRate } from '../format.js';
import type { DeepReadonly, ReadonlyReport } from '../model.js';
import { columns, mark, oneLine, type Section, type TextContext } from './plain.js';
import type { LoadResult } from '../../core/domain.js';
import { describeBaseline } from '../../core/latency-baseline.js';

export function smoke(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const s = report.smoke;
  if (!s || s.checks.length === 0) return undefined;
  const passed = s.checks.filter((c) => c.passed).length;
  return {
    title: `Smoke checks: ${passed}/${s.checks.length} passed`,
    lines: ctx.cap(s.checks, 'checks', (cs) =>
      columns(
        [
          ['', 'CHECK', 'TARGET', 'REQUEST', 'EXPECTED', 'ACTUAL', 'TIME'],
          ...cs.map((c) => [
            mark(c.passed),
            c.name,
            c.version ? `${c.target} ${/^\d+$/.test(c.version) ? `v${c.version}` : c.version}` : c.target,
            c.request,
            oneLine(c.expected),
            oneLine(c.actual),
            formatDuration(c.durationMs),
          ]),
        ],
        'llllllr',
      ),
    ),
  };
}

/** The concurrency check, then its gates and the sweep when the run had them. */
export function load(report: ReadonlyReport, ctx: TextContext): Section[] {
  const l = report.load;
  if (!l) return [];
  const check: Section = {
    title: `Concurrency check: LMI${l.standard ? ' vs standard twin' : ''}`,
    lines: [
      ...loadColumns(l.lmi, l.standard),
      ...inFlightLines(l.lmi, l.standard),
      ...shardLines(l.shards),
      ...generatorWarnings(l.lmi, l.standard).map((w) => `! ${w}`),
      '',
      ...latencyBars(l.lmi.latency, l.standard?.latency),
    ],
  };
  return [check, gates(report), sweep(report, ctx)].filter((s): s is Section => s !== undefined);
}

function shardLines(section: Parameters<typeof shardsNote>[0]): string[] {
  const note = shardsNote(section);
  return note ? [`${note.warning ? '! ' : ''}${note.text}`] : [];
}

function gates(report: ReadonlyReport): Section | undefined {
  const gs = report.load?.gates ?? [];
  const baseline = report.load?.p95Baseline;
  if (gs.length === 0) return undefined;
  return {
    title: 'Gates',
    lines: columns(
      [
        ['', 'GATE', 'LIMIT', 'ACTUAL'],
        ...gs.map((g) => [mark(g.passed), g.name, String(g.limit), String(g.actual)]),
      ],
      'llrr',
    ).concat(baseline ? ['', `max-p95-ms ${describeBaseline(baseline)}.`] : []),
  };
}

function sweep(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const points = report.load?.sweep;
  if (!points || points.length === 0) return undefined;
  const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
  return {
    title: 'Concurrency sweep',
    lines: ctx.cap(sorted, 'levels', (ps) =>
      columns(
        [
          ['PER ENV', 'P50', 'P95', 'P99', 'THROUGHPUT', 'ERRORS', 'THROTTLES', ''],
          ...ps.map((x) => [
            String(x.concurrencyPerEnvironment),
            formatMs(x.latency.p50),
            formatMs(x.latency.p95),
            formatMs(x.latency.p99),
            `${x.throughputRps.toFixed(1)} req/s`,
            formatRate(x.errorRate),
            formatCount(x.throttles),
            x.knee ? '<- knee' : '',
          ]),
        ],
        'rrrrrrrl',
      ),
    ),
  };
}

type Load = DeepReadonly<LoadResult>;

function loadColumns(lmi: Load, twin?: Load): string[] {
  const both = (f: (r: Load) => string) => [f(lmi), ...(twin ? [f(twin)] : [])];
  const rows: string[][] = [
    ['', 'LMI', ...(twin ? ['TWIN'] : [])],
    ['target', ...both((r) => `${r.functionName}:${r.qualifier}`)],
    ['concurrency', ...both((r) => formatCount(r.concurrency))],
    ['requests', ...both((r) => formatCount(r.requests))],
    ['throughput', ...both((r) => `${r.throughputRps.toFixed(1)} req/s`)],
    ['errors', ...both((r) => `${r.errors} (${formatRate(r.errorRate)})`)],
    ['throttles', ...both((r) => `${r.throttles} (${formatRate(r.throttleRate)})`)],
    [
      'environments',
      ...both((r) => (r.environments === undefined ? 'unknown (not reported)' : String(r.environments))),
    ],
    ['cold starts', ...both((r) => (r.coldStarts === undefined ? '-' : String(r.coldStarts)))],
    [
      'isolation',
      ...both((r) =>
        r.isolation
          ? `${mark(r.isolation.passed)} ${r.isolation.stored}/${r.isolation.expectedStored} stored, ${r.isolation.duplicates} dup`
          : 'n/a (no events table)',
      ),
    ],
  ];
  return columns(rows, twin ? 'lrr' : 'lr');
}

/** The peak in flight per environment of each side that reports environments; too wordy for a column. */
function inFlightLines(lmi: Load, twin?: Load): string[] {
  const rows = [
    ...(lmi.environments !== undefined ? [['LMI', inFlightPeak(lmi)]] : []),
    ...(twin?.environments !== undefined ? [['twin', inFlightPeak(twin)]] : []),
  ];
  return rows.length === 0 ? [] : ['', 'peak in flight per environment', ...columns(rows, 'll')];
}

/**
 * The peak in flight per environment, said as what it is (peakInFlightSource), in the markdown's
 * words, ASCII (>= for ≥, ~ for ≈): counted by the function, per worker thread where an LMI
 * environment answered from several; or estimated from client-side timing, and then the twin's
 * side states standard Lambda's one request per environment and calls a higher estimate overlap.
 */
function inFlightPeak(r: Load): string {
  const peak = r.peakInFlightPerEnvironment ?? 0;
  switch (r.peakInFlightSource ?? 'client-estimate') {
    case 'function':
      return `${peak}, counted by the function`;
    case 'function-per-worker':
      return `>=${peak}, counted by the function per worker thread (the busiest one's count)`;
    case 'client-estimate':
      if (r.target === 'lmi') return `~${peak}, estimated from client-side timing`;
      return peak > 1
        ? `1, as standard Lambda guarantees (client-side timing showed ~${peak}: overlap, not concurrency)`
        : '1, as standard Lambda guarantees';
  }
}

/** p50..max as bars scaled to the largest value, LMI above twin. */
function latencyBars(
  lmi: DeepReadonly<LatencySummary>,
  twin?: DeepReadonly<LatencySummary>,
  width = 30,
): string[] {
  const keys = ['p50', 'p95', 'p99', 'max'] as const;
  const max = Math.max(...keys.flatMap((k) => [lmi[k], twin?.[k] ?? 0]), 1);
  const bar = (v: number) => '#'.repeat(Math.max(v > 0 ? 1 : 0, Math.round((v / max) * width)));
  const rows = keys.flatMap((k) => [
    [k, 'LMI', formatMs(lmi[k]), bar(lmi[k])],
    ...(twin ? [['', 'twin', formatMs(twin[k]), bar(twin[k])]] : []),
  ]);
  return ['latency', ...columns(rows, 'llrl')];
}
