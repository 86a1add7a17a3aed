// The live PR comment: the run so far, while it runs — what it is, which stage it is in, the
// stages that ended and the canary steps baked. It lives in the sticky comment until the full
// report replaces it at the end, so it says so, and it carries the same marker. Every value
// from outside (stage details, step reasons) goes through the same escaping as the report.
import { shortSha } from '../facts.js';
import { formatClock, formatDateTime } from '../format.js';
import { code, RenderContext, type Budget } from '../md.js';
import type { ReadonlyReport } from '../model.js';
import type { RunningStage } from '../builder.js';
import type { Mode } from '../../core/domain.js';
import { stepsTable } from './cutover.js';
import { timeline } from './deploy.js';

/** A live comment stays small: a handful of stages and steps, never near GitHub's limit. */
const LIVE_BUDGET: Budget = { rows: 30, cell: 200, text: 1000 };

const DOING: Record<Mode, string> = {
  plan: 'planning…',
  deploy: 'deploying…',
  verify: 'deploying…',
  cutover: 'cutting over…',
  full: 'deploying…',
  rollback: 'rolling back…',
  merge: 'merging shards…',
};

export function renderProgressMarkdown(
  report: ReadonlyReport,
  running: readonly RunningStage[],
  opts: { readonly marker: string },
): string {
  const ctx = new RenderContext(LIVE_BUDGET);
  const { run } = report;
  const facts = [
    `started ${formatDateTime(run.startedAt)}`,
    run.trigger?.runUrl ? `[workflow run](${run.trigger.runUrl})` : undefined,
    run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : undefined,
    run.trigger?.sha ? `commit ${code(shortSha(run.trigger.sha) ?? '')}` : undefined,
    run.trigger?.event ? `on ${code(run.trigger.event)}` : undefined,
  ].filter(Boolean);
  const now = running.at(-1);
  const steps = report.cutover?.steps ?? [];
  const parts = [
    opts.marker,
    `## ⏳ lmi-cutover ${code(run.mode)} ${DOING[run.mode]} on ${code(run.stackName)}`,
    facts.join(' · '),
    now
      ? `**Now:** ${now.stage}, since ${formatClock(now.startedAt)}.`
      : report.timeline.length === 0
        ? '**Now:** starting.'
        : undefined,
    timeline(report, ctx)?.text,
    steps.length > 0 ? `### Canary steps so far\n\n${stepsTable(steps, ctx)}` : undefined,
    `<sub>${report.tool.name} ${report.tool.version} · live progress, updated as each stage ends · ` +
      'the full report replaces this comment when the run ends</sub>',
  ];
  return `${parts.filter((p) => p !== undefined && p !== '').join('\n\n')}\n`;
}
