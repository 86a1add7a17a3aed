// Timeline, change set, stack outputs and LMI provisioning.
import { changeCounts, isReplacement } from '../facts.js';
import { formatClock, formatCount, formatDuration } from '../format.js';
import { code, codeCell, details, passMark, table, type Block, type RenderContext } from '../md.js';
import type { ReadonlyReport, StageTiming } from '../model.js';
import { changeTable, riskCallout } from './changes.js';

const STAGE_MARK: Record<StageTiming['outcome'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  'no-op': '➖ no-op',
};

export function timeline(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  if (report.timeline.length === 0) return undefined;
  const rows = report.timeline.map((t) => [
    t.stage,
    STAGE_MARK[t.outcome],
    formatDuration(t.durationMs),
    formatClock(t.startedAt),
    t.detail ? ctx.cellText(t.detail) : '',
  ]);
  const body = table(['Stage', 'Outcome', 'Duration', 'Started', 'Detail'], ctx.capRows(rows, 'stages'), [
    'l',
    'l',
    'r',
    'l',
    'l',
  ]);
  return { id: 'timeline', title: 'Timeline', text: `### Timeline\n\n${body}`, dropRank: 7 };
}

export function changeSet(report: ReadonlyReport, ctx: RenderContext): Block[] {
  const d = report.deploy;
  if (!d) return [];
  const head = [
    `Stack ${code(d.stackStatus)}`,
    d.changeSetName ? `change set ${code(d.changeSetName)}` : undefined,
    `deploy took ${formatDuration(d.durationMs)}`,
  ].filter(Boolean);
  if (d.type === 'no-op' || d.changes.length === 0) {
    const text = `### Change set\n\n${head.join(' · ')}\n\nNo changes: the stack already matches the template.`;
    return [{ id: 'change-set', title: 'Change set', text, dropRank: 8 }];
  }
  const c = changeCounts(d.changes);
  const headers = ['Added', 'Modified', 'Replaced', 'Removed', ...(c.other > 0 ? ['Imported/Dynamic'] : [])];
  const counts = [c.added, c.modified, c.replaced, c.removed, ...(c.other > 0 ? [c.other] : [])].map(
    formatCount,
  );
  const warnings: string[] = [];
  if (c.replaced > 0) {
    const names = d.changes.filter(isReplacement).map((ch) => ch.logicalId);
    const shown = names.slice(0, Math.max(1, ctx.budget.rows));
    const more = names.length > shown.length ? ` and ${formatCount(names.length - shown.length)} more` : '';
    warnings.push(
      `⚠️ **${formatCount(c.replaced)} replacement(s):** deleted and recreated — ${shown.map((n) => codeCell(n, ctx.budget.cell)).join(', ')}${more}.`,
    );
  }
  if (c.mayReplace > 0)
    warnings.push(`❔ ${formatCount(c.mayReplace)} modification(s) may become replacements (Conditional).`);
  const callout = riskCallout(d.changes, ctx);
  const summary = [
    '### Change set',
    head.join(' · '),
    table(
      headers,
      [counts],
      headers.map(() => 'r'),
    ),
    ...warnings,
    ...(callout ? [callout] : []),
  ].join('\n\n');
  const list = details(
    `${formatCount(d.changes.length)} resource change(s)`,
    changeTable(d.changes, ctx, { physicalId: true }),
  );
  return [
    { id: 'change-set', title: 'Change set summary', text: summary, dropRank: 8 },
    { id: 'change-list', title: 'Per-resource changes', text: list, dropRank: 1 },
  ];
}

export function stackOutputs(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const entries = Object.entries(report.deploy?.outputs ?? {});
  if (entries.length === 0) return undefined;
  const rows = entries.map(([k, v]) => [codeCell(k, ctx.budget.cell), codeCell(v, ctx.budget.cell)]);
  const text = details(
    `Stack outputs (${entries.length})`,
    table(['Output', 'Value'], ctx.capRows(rows, 'outputs')),
  );
  return { id: 'outputs', title: 'Stack outputs', text, dropRank: 0 };
}

export function provisioning(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const p = report.provisioning;
  if (!p) return undefined;
  const active = p.state === 'Active';
  const lines = [
    `${passMark(active)} Version **${p.version}** of ${code(p.functionName)} is ${code(p.state)} after **${formatDuration(p.seconds * 1000)}**.`,
  ];
  if (p.stateReasonCode || p.stateReason) {
    lines.push(
      `Reason: ${p.stateReasonCode ? code(p.stateReasonCode) : ''}${p.stateReason ? ` ${ctx.prose(p.stateReason)}` : ''}`,
    );
  }
  if (p.capacityProviderArn || p.capacityProviderState) {
    lines.push(
      `Capacity provider ${p.capacityProviderArn ? code(p.capacityProviderArn) : ''}${p.capacityProviderState ? ` is ${code(p.capacityProviderState)}` : ''}.`,
    );
  }
  if (p.confirmedOnly)
    lines.push('CloudFormation had already waited for the version; one call confirmed it Active.');
  return {
    id: 'provisioning',
    title: 'LMI provisioning',
    text: `### LMI provisioning\n\n${lines.join('\n\n')}`,
    dropRank: 8,
  };
}
