// Timeline, change set and LMI provisioning, in the terminal's columns.
import { changeCounts } from '../facts.js';
import { formatClock, formatDuration } from '../format.js';
import type { DeepReadonly, DeploySection, ReadonlyReport } from '../model.js';
import { changeLines as rows, riskLines } from './changes.js';
import { columns, oneLine, type Section, type TextContext } from './plain.js';

export function timeline(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  if (report.timeline.length === 0) return undefined;
  return {
    title: 'Timeline',
    lines: ctx.cap(report.timeline, 'stages', (ts) =>
      columns(
        [
          ['STAGE', 'OUTCOME', 'DURATION', 'STARTED', 'DETAIL'],
          ...ts.map((t) => [
            t.stage,
            t.outcome,
            formatDuration(t.durationMs),
            formatClock(t.startedAt),
            oneLine(t.detail ?? ''),
          ]),
        ],
        'llrll',
      ),
    ),
  };
}

export function changeSet(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const d = report.deploy;
  if (!d) return undefined;
  const head = [
    d.stackStatus,
    d.changeSetName ? `change set ${d.changeSetName}` : '',
    `took ${formatDuration(d.durationMs)}`,
  ];
  const lines =
    d.type === 'no-op' || d.changes.length === 0
      ? ['no changes: the stack already matches the template']
      : changeLines(d, ctx);
  return { title: `Change set (${head.filter(Boolean).join(', ')})`, lines };
}

/** The counts, a warning when anything is deleted and recreated, then one row per change. */
function changeLines(d: DeepReadonly<DeploySection>, ctx: TextContext): string[] {
  const c = changeCounts(d.changes);
  const lines = [
    `added ${c.added}  modified ${c.modified}  replaced ${c.replaced}  removed ${c.removed}${c.other ? `  imported/dynamic ${c.other}` : ''}`,
  ];
  if (c.replaced > 0)
    lines.push(`WARNING: ${c.replaced} resource(s) will be deleted and recreated (replacement)`);
  lines.push(...riskLines(d.changes), ...rows(d.changes, ctx, true));
  return lines;
}

export function provisioning(report: ReadonlyReport): Section | undefined {
  const p = report.provisioning;
  if (!p) return undefined;
  return {
    title: 'LMI provisioning',
    lines: [
      `version ${p.version} of ${p.functionName}: ${p.state} after ${formatDuration(p.seconds * 1000)}`,
      ...(p.stateReasonCode || p.stateReason
        ? [`reason: ${[p.stateReasonCode, p.stateReason].filter(Boolean).join(' ')}`]
        : []),
      ...(p.capacityProviderState
        ? [`capacity provider ${p.capacityProviderArn ?? ''} ${p.capacityProviderState}`.replace('  ', ' ')]
        : []),
      ...(p.confirmedOnly ? ['CloudFormation had already waited; one call confirmed Active'] : []),
    ],
  };
}
