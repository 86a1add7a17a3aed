// The top of the report: outcome and route now, the run's error, the loud block when a
// rollback itself failed, and the console links.
import { OUTCOME_WORDS, productionKept, routeLine, runDurationMs, shortSha } from '../facts.js';
import { formatDateTime, formatDuration } from '../format.js';
import { reportConsoleLinks } from '../links.js';
import { code, fence, quoteBlock, type Block, type RenderContext } from '../md.js';
import type { ReadonlyReport } from '../model.js';

export function headline(report: ReadonlyReport, ctx: RenderContext): Block {
  const { run } = report;
  const o = OUTCOME_WORDS[run.outcome];
  const route = routeLine(report.route);
  const duration = runDurationMs(report);
  const facts = [
    route ? `**route: ${route}**` : undefined,
    `region ${code(run.region)}`,
    duration !== undefined ? `took ${formatDuration(duration)}` : undefined,
    `started ${formatDateTime(run.startedAt)}`,
    run.trigger?.runUrl ? `[workflow run](${run.trigger.runUrl})` : undefined,
    run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : undefined,
    run.trigger?.sha ? `commit ${code(shortSha(run.trigger.sha) ?? '')}` : undefined,
    run.trigger?.event ? `on ${code(run.trigger.event)}` : undefined,
  ].filter(Boolean);
  const parts = [
    `## ${o.emoji} lmi-cutover ${code(run.mode)} ${o.word} on ${code(run.stackName)}`,
    facts.join(' · '),
  ];
  if (run.error) {
    const message = ctx.prose(run.error.message);
    parts.push(
      quoteBlock(
        `[!WARNING]\n**${code(run.error.code)}** ${message.includes('\n') ? `\n\n${message}` : message}`,
      ),
    );
  }
  const kept = productionKept(report);
  if (kept) parts.push(`**${kept.charAt(0).toUpperCase()}${kept.slice(1)}.**`);
  return { id: 'headline', title: 'Headline', text: parts.join('\n\n') };
}

/** Loud on purpose: a failed rollback is the one state where a person must act now. */
export function rollbackFailure(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const failure = report.cutover?.rollback?.failure;
  if (!failure) return undefined;
  const body = [
    '[!CAUTION]',
    '**The rollback failed: production traffic may still reach the version being rolled back. Fix the stage by hand now.**',
    '',
    ctx.prose(failure.message),
    '',
    'Stage state as last read:',
    '',
    fence('text', ctx.freeText(failure.stageState)),
    '',
    'Fix it by hand (sends all traffic to the version production returns to):',
    '',
    // The command is never shortened: a clipped command is worse than none.
    fence('sh', failure.manualFix),
  ].join('\n');
  return { id: 'rollback-failure', title: 'Rollback failure', text: quoteBlock(body) };
}

export function consoleLinksBlock(report: ReadonlyReport): Block | undefined {
  const l = reportConsoleLinks(report);
  const links = [
    l.stack && `[CloudFormation stack](${l.stack})`,
    l.lmiFunction && `[LMI function](${l.lmiFunction})`,
    l.standardFunction && `[standard twin](${l.standardFunction})`,
    l.api && `[API Gateway API](${l.api})`,
  ].filter(Boolean);
  if (links.length === 0) return undefined;
  return { id: 'links', title: 'Console links', text: `**AWS console:** ${links.join(' · ')}`, dropRank: 9 };
}
