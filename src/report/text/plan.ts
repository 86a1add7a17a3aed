// Mode plan in the terminal: the change set kept for review, the dangerous changes first, then
// every change, and how to execute it.
import { changeCounts } from '../facts.js';
import type { ReadonlyReport } from '../model.js';
import { changeLines, riskLines } from './changes.js';
import type { Section, TextContext } from './plain.js';

export function plan(report: ReadonlyReport, ctx: TextContext): Section | undefined {
  const p = report.plan;
  if (!p) return undefined;
  if (!p.changeSetName || p.changes.length === 0) {
    return {
      title: 'Plan',
      lines: [
        `no changes: the stack already matches this template and parameters${p.noChangesReason ? ` (${p.noChangesReason})` : ''}`,
      ],
    };
  }
  const c = changeCounts(p.changes);
  return {
    title: `Plan (change set ${p.changeSetName}, ${p.changeSetType}, stack ${p.stackStatus ?? 'new'})`,
    lines: [
      `added ${c.added}  modified ${c.modified}  replaced ${c.replaced}  removed ${c.removed}${c.other ? `  imported/dynamic ${c.other}` : ''}`,
      ...riskLines(p.changes),
      ...changeLines(p.changes, ctx, false),
      `nothing was executed; apply exactly this with: lmi-cutover deploy --change-set-name ${p.changeSetName}`,
    ],
  };
}
