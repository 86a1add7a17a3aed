// The top of the terminal report: outcome and route, when and why the run started, the run's
// error, the loud banner when a rollback itself failed, and the console links.
import { OUTCOME_WORDS, productionKept, routeLine, runDurationMs, shortSha } from '../facts.js';
import { formatDateTime, formatDuration } from '../format.js';
import { reportConsoleLinks } from '../links.js';
import type { ReadonlyReport } from '../model.js';
import { columns, INDENT, type Section } from './plain.js';

export function headline(report: ReadonlyReport): string[] {
  const { run } = report;
  const o = OUTCOME_WORDS[run.outcome];
  const lines = [`lmi-cutover ${run.mode}: ${o.word.toUpperCase()}  ${run.stackName} (${run.region})`];
  const route = routeLine(report.route, '->');
  if (route) lines.push(`route: ${route}`);
  const duration = runDurationMs(report);
  lines.push(
    [
      `started ${formatDateTime(run.startedAt)}`,
      duration !== undefined ? `took ${formatDuration(duration)}` : '',
      run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : '',
      run.trigger?.sha ? `commit ${shortSha(run.trigger.sha)}` : '',
      run.trigger?.runUrl ?? '',
    ]
      .filter(Boolean)
      .join(', '),
  );
  if (run.error) lines.push('', `ERROR ${run.error.code}: ${run.error.message}`);
  const kept = productionKept(report);
  if (kept) lines.push(kept);
  return lines;
}

/** Loud on purpose, and right under the headline: a person must fix the stage now. */
export function rollbackFailure(report: ReadonlyReport): string[] {
  const failure = report.cutover?.rollback?.failure;
  if (!failure) return [];
  return [
    '',
    '!!! ROLLBACK FAILED: production traffic may still reach the version being rolled back. Fix the stage by hand now.',
    `${INDENT}${failure.message}`,
    `${INDENT}stage state: ${failure.stageState}`,
    `${INDENT}fix by hand (sends all traffic to the version production returns to):`,
    `${INDENT}${INDENT}${failure.manualFix}`,
  ];
}

export function consoleLinks(report: ReadonlyReport): Section {
  const links = reportConsoleLinks(report);
  return {
    title: 'AWS console',
    lines: columns([
      ...(links.stack ? [['stack', links.stack]] : []),
      ...(links.lmiFunction ? [['LMI function', links.lmiFunction]] : []),
      ...(links.standardFunction ? [['standard twin', links.standardFunction]] : []),
      ...(links.api ? [['API', links.api]] : []),
    ]),
  };
}
