// One change set's resource changes as markdown, for the deploy's change list and the plan
// alike: a row per change with what replaces it, and a loud callout for every change that
// replaces or removes something production runs on. Logical ids, types and property names come
// from the template and CloudFormation: untrusted, so every one goes through a code span or the
// cell neutraliser.
import { formatCount } from '../format.js';
import { isReplacement, mayBeReplaced, sortedChanges } from '../facts.js';
import { code, codeCell, quoteBlock, table, type RenderContext } from '../md.js';
import type { DeepReadonly } from '../model.js';
import type { ResourceChange } from '../../core/domain.js';

type Change = DeepReadonly<ResourceChange>;

/** 🛑 endangers production, ⚠️ replaced, ❔ may be replaced. */
const flagOf = (ch: Change): string =>
  ch.risk ? '🛑' : isReplacement(ch) ? '⚠️' : mayBeReplaced(ch) ? '❔' : '';

const actionOf = (ch: Change): string => (isReplacement(ch) ? 'Replace' : ch.action);

/** `True` / `Conditional`, with the properties that cause it. */
function replacementCell(ch: Change, ctx: RenderContext): string {
  if (!ch.replacement) return '';
  const causes = (ch.recreatedBy ?? []).map(
    (c) => `${codeCell(c.property, ctx.budget.cell)}${c.when === 'Conditionally' ? ' (may)' : ''}`,
  );
  return causes.length > 0 ? `${ch.replacement}: ${causes.join(', ')}` : ch.replacement;
}

/** The table of changes, most dangerous first, capped to the render budget. */
export function changeTable(
  changes: readonly Change[],
  ctx: RenderContext,
  options: { physicalId: boolean },
): string {
  const rows = sortedByRisk(changes).map((ch) => [
    flagOf(ch),
    actionOf(ch),
    codeCell(ch.logicalId, ctx.budget.cell),
    ctx.cellText(ch.type),
    replacementCell(ch, ctx),
    ...(options.physicalId ? [ch.physicalId ? codeCell(ch.physicalId, ctx.budget.cell) : ''] : []),
  ]);
  const headers = ['', 'Action', 'Logical ID', 'Type', 'Replacement (caused by)'];
  return table(
    options.physicalId ? [...headers, 'Physical ID'] : headers,
    ctx.capRows(rows, 'resource changes'),
  );
}

/** Changes that endanger production first, then CloudFormation's own severity order. */
const sortedByRisk = (changes: readonly Change[]): Change[] => {
  const sorted = sortedChanges(changes);
  return [...sorted.filter((c) => c.risk), ...sorted.filter((c) => !c.risk)];
};

/** The loud block: every change that replaces or removes what production runs on, with why. */
export function riskCallout(changes: readonly Change[], ctx: RenderContext): string | undefined {
  const risky = changes.filter((c) => c.risk);
  if (risky.length === 0) return undefined;
  const shown = risky.slice(0, Math.max(1, ctx.budget.rows));
  const lines = shown.map(
    (c) =>
      `- 🛑 **${actionOf(c)}** ${code(c.logicalId, ctx.budget.cell)} (${ctx.cellText(c.type)}): ${ctx.prose(c.risk ?? '')}`,
  );
  if (risky.length > shown.length) lines.push(`- … and ${formatCount(risky.length - shown.length)} more`);
  const n = risky.length;
  return quoteBlock(
    [
      '[!CAUTION]',
      `**${formatCount(n)} change${n === 1 ? '' : 's'} destroy${n === 1 ? 's' : ''} production data or routing:**`,
      '',
      ...lines,
    ].join('\n'),
  );
}
