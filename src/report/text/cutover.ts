// The cutover in the terminal: each canary step with its observed split and figures, every route
// change with its timestamp, the rollback, and the old versions deleted.
import { formatClock, formatCount, formatDateTime, formatMs, formatPercent } from '../format.js';
import type { ReadonlyReport } from '../model.js';
import { columns, mark, oneLine, type Section, type TextContext } from './plain.js';
import { describeRoute } from '../../core/domain.js';

const STEP_HEADERS = [
  'STEP',
  'STARTED',
  'PROBES',
  'OBSERVED CANDIDATE',
  'TOLERANCE',
  'CAND P95',
  'PROD P95',
  'CAND ERR',
  'PROD ERR',
  'RESULT',
];

export function cutoverSteps(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const c = report.cutover;
  if (!c || c.steps.length === 0) return undefined;
  const rows = ctx.cap(c.steps, 'steps', (ss) =>
    columns(
      [
        STEP_HEADERS,
        ...ss.map((x) => [
          `${x.percent} %`,
          formatClock(x.startedAt),
          formatCount(x.probes),
          formatPercent(x.observedCandidatePercent),
          `+/-${formatPercent(x.tolerancePercent)}`,
          formatMs(x.candidate.latency.p95),
          formatMs(x.production.latency.p95),
          `${x.candidate.errors}/${x.candidate.count}`,
          `${x.production.errors}/${x.production.count}`,
          `${mark(x.passed)}${x.reason ? ` ${oneLine(x.reason)}` : ''}`,
        ]),
      ],
      'rlrrrrrrrl',
    ),
  );
  for (const x of c.steps) {
    const t = x.errorTest;
    if (!t) continue;
    rows.push(
      `${x.percent} %: errors ${t.candidate.errors}/${t.candidate.count} vs production ${t.production.errors}/${t.production.count}, ` +
        `Fisher p = ${t.pValue < 0.0001 ? '< 0.0001' : t.pValue}${t.limitPValue === undefined ? '' : `, vs max-error-rate p = ${t.limitPValue}`}; ` +
        (t.decidedBy === 'test'
          ? `decided by the test (alpha ${t.alpha}, minimum sample ${t.minimumSample})`
          : t.minimumSample === null
            ? 'judged strictly: production has too few answers to compare with'
            : `judged strictly: below the minimum sample of ${t.minimumSample}`),
    );
  }
  if (c.steps.some((x) => x.judgedBy === 'metrics'))
    rows.push(
      'steps judged by CloudWatch (AWS/Lambda per version): share = Invocations, errors = Errors + Throttles, p95 = handler Duration',
    );
  rows.push(c.promoted ? 'promoted: all traffic to the candidate version, canary removed' : 'not promoted');
  return { title: 'Cutover steps', lines: rows };
}

export function routeChanges(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const changes = report.cutover?.routeChanges ?? [];
  if (changes.length === 0) return undefined;
  return {
    title: 'Route changes',
    lines: ctx.cap(changes, 'route changes', (rs) =>
      columns(
        rs.map((r) => [
          formatDateTime(r.at),
          `${describeRoute(r.from)} -> ${describeRoute(r.to)}`,
          oneLine(r.why),
        ]),
      ),
    ),
  };
}

export function rollback(report: ReadonlyReport): Section | undefined {
  const rb = report.cutover?.rollback;
  if (!rb) return undefined;
  return {
    title: 'Rollback',
    lines: [
      `at ${formatDateTime(rb.at)}: ${oneLine(rb.reason)}`,
      rb.verified
        ? `verified with ${rb.probes} probe(s): all traffic on ${describeRoute(rb.finalRoute)}`
        : `NOT verified by probes (${rb.probes} sent)`,
      `final route: ${describeRoute(rb.finalRoute)}`,
      ...(rb.failure ? ['the rollback itself FAILED: see the manual fix at the top'] : []),
    ],
  };
}

export function deletedVersions(report: ReadonlyReport): Section | undefined {
  const v = report.cutover?.deletedVersions ?? [];
  if (v.length === 0) return undefined;
  return { title: 'Deleted LMI versions', lines: [v.join(', ')] };
}
