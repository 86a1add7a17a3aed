// Smoke checks, the concurrency check LMI vs twin with its gates, and the sweep.
import { generatorWarnings } from '../generator-warning.js';
import { shardsNote } from '../shards-note.js';
import { latencyChart, mermaidXyChart, sweepChart } from '../charts.js';
import { formatCount, formatDuration, formatMs, formatRate } from '../format.js';
import { code, codeCell, details, passMark, table, type Block, type RenderContext } from '../md.js';
import type { DeepReadonly, ReadonlyReport } from '../model.js';
import type { GateResult, LatencyBaseline, LoadResult } from '../../core/domain.js';
import { describeBaseline } from '../../core/latency-baseline.js';

/** `v3` for a version number; an alias as it is. */
const versionText = (v: string) => (/^\d+$/.test(v) ? `v${v}` : v);

export function smoke(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const s = report.smoke;
  if (!s || s.checks.length === 0) return undefined;
  const passed = s.checks.filter((c) => c.passed).length;
  const rows = s.checks.map((c) => [
    passMark(c.passed),
    ctx.cellText(c.name),
    `${c.target === 'lmi' ? 'LMI' : 'twin'}${c.version ? ` ${versionText(c.version)}` : ''}`,
    codeCell(c.request, ctx.budget.cell),
    ctx.cellText(c.expected),
    ctx.cellText(c.actual),
    formatDuration(c.durationMs),
  ]);
  // Failed checks first: they are what the reader came for.
  rows.sort((a, b) => Number(a[0] === '✅') - Number(b[0] === '✅'));
  const body = table(
    ['', 'Check', 'Target', 'Request', 'Expected', 'Actual', 'Time'],
    ctx.capRows(rows, 'smoke checks'),
  );
  const title = `### Smoke checks: ${passed}/${s.checks.length} passed ${passMark(s.passed)}`;
  const text = `${title}\n\n${details(`${s.checks.length} check(s)`, body, !s.passed)}`;
  return { id: 'smoke', title: 'Smoke checks', text, dropRank: 6 };
}

export function load(report: ReadonlyReport, ctx: RenderContext): Block[] {
  const l = report.load;
  if (!l) return [];
  const twin = l.standard;
  const both = (f: (r: DeepReadonly<LoadResult>) => string) => [f(l.lmi), ...(twin ? [f(twin)] : [])];
  const metric = (name: string, f: (r: DeepReadonly<LoadResult>) => string) => [name, ...both(f)];
  const rows = [
    metric('Target', (r) => codeCell(`${r.functionName}:${r.qualifier}`, ctx.budget.cell)),
    metric('Concurrency / requests', (r) => `${formatCount(r.concurrency)} / ${formatCount(r.requests)}`),
    metric('p50', (r) => formatMs(r.latency.p50)),
    metric('p95', (r) => formatMs(r.latency.p95)),
    metric('p99', (r) => formatMs(r.latency.p99)),
    metric('max', (r) => formatMs(r.latency.max)),
    metric('Throughput', (r) => `${r.throughputRps.toFixed(1)} req/s`),
    metric('Errors', (r) => `${formatCount(r.errors)} (${formatRate(r.errorRate)})`),
    metric('Throttles', (r) => `${formatCount(r.throttles)} (${formatRate(r.throttleRate)})`),
    metric('Environments used', (r) =>
      r.environments === undefined
        ? 'unknown: the app does not report its environment'
        : formatCount(r.environments),
    ),
    ...(l.lmi.environments !== undefined || twin?.environments !== undefined
      ? [
          metric('Peak in flight per environment', (r) =>
            r.environments === undefined ? '–' : inFlightPeak(r),
          ),
        ]
      : []),
    metric('Cold starts', (r) => (r.coldStarts === undefined ? '–' : formatCount(r.coldStarts))),
    metric('Isolation', (r) => {
      const i = r.isolation;
      if (!i) return 'not applicable: no events table to read back';
      return (
        `${passMark(i.passed)} ${formatCount(i.stored)}/${formatCount(i.expectedStored)} stored, ` +
        `${formatCount(i.duplicates)} duplicate(s), ${formatCount(i.mismatchedIds)} mismatched id(s)`
      );
    }),
    metric('Wall time', (r) => formatDuration(r.wallMs)),
  ];
  const headers = ['', 'LMI', ...(twin ? ['Standard twin'] : [])];
  const warnings = generatorWarnings(l.lmi, twin).map((w) => `\n\n> ⚠️ ${w}`);
  const sharded = shardsNote(l.shards);
  if (sharded) warnings.unshift(`\n\n${sharded.warning ? '> ⚠️ ' : ''}${ctx.prose(sharded.text)}`);
  const blocks: Block[] = [
    {
      id: 'load',
      title: 'Concurrency check',
      text: `### Concurrency check: LMI${twin ? ' vs standard twin' : ''}\n\n${table(
        headers,
        rows,
        headers.map((_, i) => (i === 0 ? 'l' : 'r')),
      )}${warnings.join('')}`,
      dropRank: 7,
    },
    {
      id: 'latency-chart',
      title: 'Latency chart',
      text: mermaidXyChart(latencyChart(l.lmi.latency, twin?.latency)),
      dropRank: 3,
    },
  ];
  const gates = gatesBlock(l.gates, l.p95Baseline, ctx);
  if (gates) blocks.push(gates);
  return blocks;
}

/**
 * The peak in flight per environment, said as what it is (peakInFlightSource). Counted by the
 * function, it is shown as is; where an LMI environment answered from several worker threads,
 * each counting only its own requests, it is the busiest worker's count, so "≥". Estimated from
 * client-side request timing, it also holds the network and queueing, so it can overstate:
 * standard Lambda serves one request per environment, so for the twin an estimate above 1 is that
 * overlap, never a fact; its cell states the guarantee and names the overlap.
 */
function inFlightPeak(r: DeepReadonly<LoadResult>): string {
  const peak = formatCount(r.peakInFlightPerEnvironment ?? 0);
  switch (r.peakInFlightSource ?? 'client-estimate') {
    case 'function':
      return `${peak}, counted by the function`;
    case 'function-per-worker':
      return `≥${peak}, counted by the function per worker thread (the busiest one's count)`;
    case 'client-estimate':
      if (r.target === 'lmi') return `≈${peak}, estimated from client-side timing`;
      return (r.peakInFlightPerEnvironment ?? 0) > 1
        ? `1, as standard Lambda guarantees (client-side timing showed ≈${peak}: overlap, not concurrency)`
        : '1, as standard Lambda guarantees';
  }
}

function gatesBlock(
  gates: readonly GateResult[],
  baseline: DeepReadonly<LatencyBaseline> | undefined,
  ctx: RenderContext,
): Block | undefined {
  if (gates.length === 0) return undefined;
  const value = (v: number | string) => (typeof v === 'number' ? gateNumber(v) : ctx.cellText(v));
  const rows = gates.map((g) => [passMark(g.passed), code(g.name), value(g.limit), value(g.actual)]);
  // Where an auto limit came from, under the table: a reader must see what it was compared with.
  const basis = baseline ? `\n\n${code('max-p95-ms')} ${ctx.prose(describeBaseline(baseline))}.` : '';
  const text = `#### Gates\n\n${table(['', 'Gate', 'Limit', 'Actual'], ctx.capRows(rows, 'gates'), ['l', 'l', 'r', 'r'])}${basis}`;
  return { id: 'gates', title: 'Gates', text, dropRank: 7 };
}

/** Gate figures are rates (0.05) or milliseconds (312.5): four decimals keep both exact enough. */
const gateNumber = (v: number): string => String(Math.round(v * 10000) / 10000);

/** A chart with more points than this is unreadable; the table still has them all. */
const MAX_CHART_POINTS = 40;

export function sweep(report: ReadonlyReport, ctx: RenderContext): Block[] {
  const points = report.load?.sweep;
  if (!points || points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
  const rows = sorted.map((p) => [
    formatCount(p.concurrencyPerEnvironment),
    formatMs(p.latency.p50),
    formatMs(p.latency.p95),
    formatMs(p.latency.p99),
    `${p.throughputRps.toFixed(1)} req/s`,
    formatRate(p.errorRate),
    formatCount(p.throttles),
    p.knee ? '◀ **knee**' : '',
  ]);
  const knee = sorted.find((p) => p.knee);
  const advice = knee
    ? `Latency bends upward past **${knee.concurrencyPerEnvironment}** concurrent requests per environment: a data point for \`PerExecutionEnvironmentMaxConcurrency\`.`
    : 'No knee found in the levels swept.';
  const tableText = table(
    ['Per environment', 'p50', 'p95', 'p99', 'Throughput', 'Errors', 'Throttles', ''],
    ctx.capRows(rows, 'sweep levels'),
    ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  const blocks: Block[] = [
    {
      id: 'sweep',
      title: 'Concurrency sweep',
      text: `### Concurrency sweep\n\n${advice}\n\n${tableText}`,
      dropRank: 4,
    },
  ];
  if (sorted.length <= MAX_CHART_POINTS) {
    const chart = sweepChart(sorted);
    const shown = chart.categories.length;
    // Levels that would not fit side by side on the x-axis are left out of the chart, not the table.
    const note =
      shown < sorted.length
        ? `\n\n_The chart shows ${shown} of the ${sorted.length} levels${knee ? ', the knee among them' : ''}; the table lists every level._`
        : '';
    blocks.push({
      id: 'sweep-chart',
      title: 'Sweep chart',
      text: `${mermaidXyChart(chart)}${note}`,
      dropRank: 2,
    });
  }
  return blocks;
}
