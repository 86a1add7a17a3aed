// A release by waves as one markdown table, for its own sticky PR comment and the job summary:
// one row per region and stack, in release order, with the route before → after and the result.
// Every string that came from a report or a gate (routes, errors, reasons) goes through the
// cell helpers, so a hostile value cannot become a link, a mention or broken markup.
import { describeRoute, type Route } from '../../core/domain.js';
import { formatCount } from '../format.js';
import { codeCell, RenderContext, table, type Budget } from '../md.js';
import type { WaveResult, WaveRow, WavesSummary } from '../waves.js';

/** The waves' own marker: never the marker of a stack's comment, so neither edits the other. */
export const wavesMarker = (name: string): string => `<!-- lmi-cutover:waves:${name} -->`;

const RESULT_WORDS: Record<WaveResult, string> = {
  released: '✅ released',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back',
  refused: '❌ refused by the gate',
  'not-run': '⏭️ not run',
  missing: '❌ no report',
};

/** How the headline says what stopped the release. */
const HALTED_BY: Record<WaveResult, string> = {
  released: 'released',
  failed: 'failed',
  'rolled-back': 'rolled back',
  refused: 'was refused by the gate',
  'not-run': 'did not run',
  missing: 'left no report',
};

/** Detail levels tried in order until the table fits. */
const LEVELS: Budget[] = [
  { rows: Number.POSITIVE_INFINITY, cell: 400, text: 400 },
  { rows: Number.POSITIVE_INFINITY, cell: 160, text: 160 },
  { rows: 60, cell: 80, text: 80 },
  { rows: 10, cell: 60, text: 60 },
];

function headline(s: WavesSummary): string {
  const released = s.rows.filter((r) => r.result === 'released').length;
  const of = `${formatCount(released)} of ${formatCount(s.rows.length)} released`;
  const halted = s.rows.find((r) => r.result !== 'released');
  if (!halted) return `## ✅ lmi-cutover waves: every target released (${of})`;
  const notRun = s.rows.filter((r) => r.result === 'not-run').length;
  const missing = s.missing.length > 0 ? `, ${formatCount(s.missing.length)} without a report` : '';
  const later = notRun > 0 ? `, ${formatCount(notRun)} not run` : '';
  return (
    `## ❌ lmi-cutover waves: halted at wave ${halted.wave}, ${halted.region}/${halted.stackName} ` +
    `${HALTED_BY[halted.result]} (${of}${later}${missing})`
  );
}

const routeText = (r: Route | undefined): string => (r ? describeRoute(r) : '—');

function rowCells(r: WaveRow, ctx: RenderContext): string[] {
  const route = r.route ? `${routeText(r.route.before)} → ${routeText(r.route.after)}` : '—';
  const result = RESULT_WORDS[r.result] + (r.detail ? `: ${r.detail}` : '');
  return [
    `${r.wave} · ${ctx.cellText(r.waveName)}`,
    codeCell(r.region),
    codeCell(r.stackName),
    ctx.cellText(route),
    ctx.cellText(result),
  ];
}

function render(s: WavesSummary, ctx: RenderContext, marker: string | undefined): string {
  const rows = ctx.capRows(
    s.rows.map((r) => rowCells(r, ctx)),
    'targets',
    { keepTail: true },
  );
  const parts = [
    marker,
    headline(s),
    table(['Wave', 'Region', 'Stack', 'Route before → after', 'Result'], rows),
    s.missing.length > 0
      ? `**The report step fails:** ${s.missing.map((k) => codeCell(k)).join(', ')} should have run and left no report.`
      : undefined,
    s.ignored.length > 0
      ? `Left out, not in the waves file: ${s.ignored.map((k) => ctx.cellText(k)).join(', ')}.`
      : undefined,
    ctx.trimmed.length > 0 ? `✂️ Trimmed to fit: left out ${ctx.trimmed.join('; ')}.` : undefined,
    `<sub>lmi-cutover waves · ${ctx.cellText(s.name)} · each wave's own report is in its job's summary</sub>`,
  ];
  return `${parts.filter((p) => p !== undefined).join('\n\n')}\n`;
}

/** The table at the most detail that fits `limit` bytes (COMMENT_LIMIT, or a summary's room). */
export function renderWavesMarkdown(s: WavesSummary, opts: { limit: number; marker?: string }): string {
  let markdown = '';
  for (const budget of LEVELS) {
    markdown = render(s, new RenderContext(budget), opts.marker);
    if (Buffer.byteLength(markdown) <= opts.limit) return markdown;
  }
  return markdown;
}
