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
  const ending = c.promoted
    ? '✅ Promoted: the stage now sends all traffic to the candidate version, without a canary.'
    : c.rolledBack
      ? '↩️ Not promoted: the release was rolled back; production is where it was.'
      : 'Not promoted.';
  const body = stepsTable(c.steps, ctx);
  const sources = metricsSources(c.steps);
  const tests = errorTests(c.steps);
  return {
    id: 'cutover',
    title: 'Cutover steps',
    text: `### Cutover steps\n\n${body}\n\n${tests ? `${tests}\n\n` : ''}${sources ? `${sources}\n\n` : ''}${ending}`,
    dropRank: 6,
  };
}

/** One row per step: its split, tolerance, p95 and errors per side, and its verdict. */
export function stepsTable(steps: DeepReadonly<CutoverStep[]>, ctx: RenderContext): string {
  const rows = steps.map((s) => stepRow(s, ctx));
  return table(
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
}

/** How each step's errors were decided: the test, its p-value, and whether the sample was big enough for it. */
function errorTests(steps: DeepReadonly<CutoverStep[]>): string | undefined {
  const tested = steps.filter((s) => s.errorTest);
  const first = tested[0]?.errorTest;
  if (!first) return undefined;
  const lines = tested.map((s) => {
    const t = s.errorTest!;
    const limit = t.limitPValue === undefined ? '' : `, against max-error-rate p = ${formatP(t.limitPValue)}`;
    const how =
      t.decidedBy === 'test'
        ? `decided by the test (minimum sample ${formatCount(t.minimumSample ?? 0)})`
        : t.minimumSample === null
          ? '**judged strictly**: production has too few answers in this run to compare with'
          : `**judged strictly**: ${formatCount(t.candidate.count)} candidate answers, below the minimum sample of ${formatCount(t.minimumSample)}`;
    return `- ${s.percent} %: candidate ${formatCount(t.candidate.errors)}/${formatCount(t.candidate.count)} failed, production ${formatCount(t.production.errors)}/${formatCount(t.production.count)}, p = ${formatP(t.pValue)}${limit}; ${how}`;
  });
  return (
    `_Errors judged by a one-sided Fisher exact test_ of the candidate against production (this step and the earlier ones), α = ${first.alpha}: ` +
    `a step fails when the candidate's error rate is above max-error-rate and significantly above production's. ` +
    `The minimum sample is what catches a ${first.detectableRegression * 100}-point regression with 80 % power; below it a step is judged strictly (any error rate above max-error-rate fails).\n\n` +
    lines.join('\n')
  );
}

const formatP = (p: number) => (p < 0.0001 ? '< 0.0001' : String(p));

/**
 * Which figures came from where, for steps judged by CloudWatch: the table's counts, errors and
 * p95 are Lambda's metrics per version; the probes are listed as the stage's answers.
 */
function metricsSources(steps: DeepReadonly<CutoverStep[]>): string | undefined {
  const judged = steps.filter((s) => s.judgedBy === 'metrics');
  if (judged.length === 0) return undefined;
  const lines = judged.map((s) => {
    const m = s.metrics;
    const window = m
      ? `CloudWatch ${formatClock(m.windowStart)}–${formatClock(m.windowEnd)} (${m.periodSeconds} s periods)` +
        `: candidate ${formatCount(m.candidate.invocations)} invocations, ${formatCount(m.candidate.errors)} errors, ${formatCount(m.candidate.throttles)} throttles; ` +
        `production ${formatCount(m.production.invocations)} invocations, ${formatCount(m.production.errors)} errors`
      : 'CloudWatch not read (the step stopped before its metrics could arrive)';
    const answers = s.stageAnswers
      ? `; through the stage ${formatCount(s.stageAnswers.count)} probes, ${formatCount(s.stageAnswers.failed)} failed, p95 ${formatMs(s.stageAnswers.latency.p95)}`
      : '';
    return `- ${s.percent} %: ${window}${answers}`;
  });
  return (
    '_Judged by CloudWatch metrics_ (the answers do not say which version served them): observed share, ' +
    'errors (Errors + Throttles) and p95 (handler Duration) are `AWS/Lambda` per version; probes that miss `load.expect` count against the candidate.\n\n' +
    lines.join('\n')
  );
}

function stepRow(s: DeepReadonly<CutoverStep>, ctx: RenderContext): string[] {
  const failedGates = s.gates.filter((g) => !g.passed).map((g) => g.name);
  const why = s.reason ?? (failedGates.length > 0 ? `gates: ${failedGates.join(', ')}` : '');
  // A metrics-judged step that stopped before its metrics arrived has no per-version figures.
  const unread = s.judgedBy === 'metrics' && !s.metrics;
  const figure = (text: string) => (unread ? '–' : text);
  return [
    `${s.percent} %`,
    formatClock(s.startedAt),
    formatDuration(s.bakeSeconds * 1000),
    formatCount(s.probes),
    figure(formatPercent(s.observedCandidatePercent)),
    `±${formatPercent(s.tolerancePercent)}`,
    figure(formatMs(s.candidate.latency.p95)),
    figure(formatMs(s.production.latency.p95)),
    figure(`${formatCount(s.candidate.errors)}/${formatCount(s.candidate.count)}`),
    figure(`${formatCount(s.production.errors)}/${formatCount(s.production.count)}`),
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
