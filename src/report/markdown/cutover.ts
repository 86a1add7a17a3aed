// The cutover: each canary step with its observed split and figures, every route change with
// its timestamp, the rollback, and version hygiene.
import {
  formatClock,
  formatCount,
  formatDateTime,
  formatDuration,
  formatMs,
  formatPercent,
} from '../format.js';
import { code, codeCell, details, passMark, table, type Block, type RenderContext } from '../md.js';
import type { DeepReadonly, ReadonlyReport } from '../model.js';
import { describeRoute, type CutoverStep } from '../../core/domain.js';

export function cutoverSteps(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const c = report.cutover;
  if (!c || c.steps.length === 0) return undefined;
  const rows = c.steps.map((s) => stepRow(s, ctx));
  const ending = c.promoted
    ? '✅ Promoted: the stage now sends all traffic to the candidate version, without a canary.'
    : c.rolledBack
      ? '↩️ Not promoted: the release was rolled back; production is where it was.'
      : 'Not promoted.';
  const body = table(
    [
      'Step',
      'Started',
      'Bake',
      'Probes',
      'Observed candidate',
      'Tolerance',
      'Candidate p95',
      'Production p95',
      'Candidate errors',
      'Production errors',
      'Result',
    ],
    // The tail holds the step that ended the run: keep it when rows are left out.
    ctx.capRows(rows, 'cutover steps', { keepTail: true }),
    ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  return {
    id: 'cutover',
    title: 'Cutover steps',
    text: `### Cutover steps\n\n${body}\n\n${ending}`,
    dropRank: 6,
  };
}

function stepRow(s: DeepReadonly<CutoverStep>, ctx: RenderContext): string[] {
  const failedGates = s.gates.filter((g) => !g.passed).map((g) => g.name);
  const why = s.reason ?? (failedGates.length > 0 ? `gates: ${failedGates.join(', ')}` : '');
  return [
    `${s.percent} %`,
    formatClock(s.startedAt),
    formatDuration(s.bakeSeconds * 1000),
    formatCount(s.probes),
    formatPercent(s.observedCandidatePercent),
    `±${formatPercent(s.tolerancePercent)}`,
    formatMs(s.candidate.latency.p95),
    formatMs(s.production.latency.p95),
    `${formatCount(s.candidate.errors)}/${formatCount(s.candidate.count)}`,
    `${formatCount(s.production.errors)}/${formatCount(s.production.count)}`,
    `${passMark(s.passed)}${why ? ` ${ctx.cellText(why)}` : ''}`,
  ];
}

export function routeChanges(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const changes = report.cutover?.routeChanges ?? [];
  if (changes.length === 0) return undefined;
  const rows = changes.map((r) => [
    formatDateTime(r.at),
    code(describeRoute(r.from)),
    code(describeRoute(r.to)),
    ctx.cellText(r.why),
  ]);
  const body = table(['At', 'From', 'To', 'Why'], ctx.capRows(rows, 'route changes', { keepTail: true }));
  const text =
    changes.length > 12
      ? `### Route changes\n\n${details(`${formatCount(changes.length)} route changes`, body)}`
      : `### Route changes\n\n${body}`;
  return { id: 'route-changes', title: 'Route changes', text, dropRank: 5 };
}

export function rollback(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const r = report.cutover?.rollback;
  if (!r) return undefined;
  const lines = [
    `${r.failure ? '❌' : '↩️'} Rolled back at ${formatDateTime(r.at)}: ${ctx.prose(r.reason)}`,
    r.verified
      ? `✅ Verified with ${formatCount(r.probes)} probe(s): all traffic is on ${code(describeRoute(r.finalRoute))} again.`
      : `⚠️ Not verified by probes (${formatCount(r.probes)} sent).`,
    `Final route: ${code(describeRoute(r.finalRoute))}.`,
  ];
  if (r.failure) lines.push('**The rollback itself failed: see the manual fix at the top of this report.**');
  return { id: 'rollback', title: 'Rollback', text: `### Rollback\n\n${lines.join('\n\n')}` };
}

export function deletedVersions(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const v = report.cutover?.deletedVersions ?? [];
  if (v.length === 0) return undefined;
  const shown = v.slice(0, ctx.budget.rows);
  if (shown.length < v.length)
    ctx.trimmed.push(`${formatCount(v.length - shown.length)} deleted version numbers`);
  const more = v.length > shown.length ? ` and ${formatCount(v.length - shown.length)} more` : '';
  const text = `Deleted ${formatCount(v.length)} old LMI version(s) no alias referenced: ${shown.map((x) => codeCell(x, 40)).join(', ')}${more}.`;
  return { id: 'deleted-versions', title: 'Deleted versions', text, dropRank: 1 };
}
