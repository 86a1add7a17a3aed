// One change set's resource changes in the terminal's columns, for the deploy and the plan:
// `!!` endangers production, `!` replaced, `?` may be replaced; the replacement's causes last.
import { isReplacement, mayBeReplaced, sortedChanges } from '../facts.js';
import type { DeepReadonly } from '../model.js';
import type { ResourceChange } from '../../core/domain.js';
import { columns, oneLine, type TextContext } from './plain.js';

type Change = DeepReadonly<ResourceChange>;

const flagOf = (ch: Change): string =>
  ch.risk ? '!!' : isReplacement(ch) ? '!' : mayBeReplaced(ch) ? '?' : '';

/** `replaced by: A, B (may)` for a replacement whose causes CloudFormation named. */
const causesOf = (ch: Change): string => {
  const causes = (ch.recreatedBy ?? []).map(
    (c) => `${c.property}${c.when === 'Conditionally' ? ' (may)' : ''}`,
  );
  return causes.length > 0 && (isReplacement(ch) || mayBeReplaced(ch))
    ? `replaced by: ${causes.join(', ')}`
    : '';
};

export function changeLines(changes: readonly Change[], ctx: TextContext, physicalId: boolean): string[] {
  const sorted = sortedChanges(changes);
  const ordered = [...sorted.filter((c) => c.risk), ...sorted.filter((c) => !c.risk)];
  // The causes column only when some change has causes, so the common table stays narrow.
  const withCauses = ordered.some((ch) => causesOf(ch) !== '');
  return ctx.cap(ordered, 'resource changes', (cs) =>
    columns(
      cs.map((ch) => [
        flagOf(ch) || ' ',
        isReplacement(ch) ? 'Replace' : ch.action,
        ch.logicalId,
        ch.type,
        ...(physicalId ? [ch.physicalId ?? ''] : []),
        ...(withCauses ? [causesOf(ch)] : []),
      ]),
    ),
  );
}

/** The loud lines: each change that replaces or removes what production runs on, and why. */
export function riskLines(changes: readonly Change[]): string[] {
  const risky = changes.filter((c) => c.risk);
  if (risky.length === 0) return [];
  return [
    `DANGER: ${risky.length} change(s) destroy production data or routing:`,
    ...risky.map(
      (c) =>
        `  ${isReplacement(c) ? 'Replace' : c.action} ${c.logicalId} (${c.type}): ${oneLine(c.risk ?? '')}`,
    ),
  ];
}
