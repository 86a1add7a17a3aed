// Derived facts both renderers state: change counts, the outcome in words, the route line.
// Computed once here so the PR comment and the terminal never disagree.
import { elapsedMs } from './format.js';
import type { ReadonlyReport } from './model.js';
import { describeRoute, type Outcome, type ResourceChange, type Route } from '../core/domain.js';

export interface ChangeCounts {
  added: number;
  modified: number;
  replaced: number;
  removed: number;
  /** Imports and Dynamic changes: rare, shown only when present. */
  other: number;
  /** Modifications CloudFormation may turn into a replacement (Replacement: Conditional). */
  mayReplace: number;
}

/** What the counts and the order read of a change (a reader's read-only one fits). */
type ChangeLike = Pick<ResourceChange, 'action' | 'replacement' | 'logicalId'>;

/** CloudFormation sets Replacement on modifications only; 'True' means delete and recreate. */
export const isReplacement = (ch: ChangeLike): boolean => ch.action === 'Modify' && ch.replacement === 'True';
export const mayBeReplaced = (ch: ChangeLike): boolean =>
  ch.action === 'Modify' && ch.replacement === 'Conditional';

export function changeCounts(changes: readonly ChangeLike[]): ChangeCounts {
  const c: ChangeCounts = { added: 0, modified: 0, replaced: 0, removed: 0, other: 0, mayReplace: 0 };
  for (const ch of changes) {
    if (ch.action === 'Add') c.added++;
    else if (ch.action === 'Remove') c.removed++;
    else if (isReplacement(ch)) c.replaced++;
    else if (ch.action === 'Modify') {
      c.modified++;
      if (mayBeReplaced(ch)) c.mayReplace++;
    } else c.other++;
  }
  return c;
}

/** Replacements first (they delete a live resource), then removals, modifications, additions. */
function changeSeverity(ch: ChangeLike): number {
  if (isReplacement(ch)) return 0;
  if (ch.action === 'Remove') return 1;
  if (mayBeReplaced(ch)) return 2;
  if (ch.action === 'Modify') return 3;
  return 4;
}

/** Generic so a reader's read-only changes come back read-only: sorting must not open the report. */
export const sortedChanges = <C extends ChangeLike>(changes: readonly C[]): C[] =>
  [...changes].sort(
    (a, b) => changeSeverity(a) - changeSeverity(b) || a.logicalId.localeCompare(b.logicalId),
  );

export const OUTCOME_WORDS: Record<Outcome, { emoji: string; word: string }> = {
  success: { emoji: '✅', word: 'succeeded' },
  'no-op': { emoji: '➖', word: 'no-op (nothing to change)' },
  failure: { emoji: '❌', word: 'failed' },
  'rolled-back': { emoji: '↩️', word: 'rolled back' },
};

/** "standard (twin v1) → lmi (LMI v1)", "lmi (LMI v2) (unchanged)", or undefined when the run never read the route. */
export function routeLine(route: ReadonlyReport['route'], arrow = '→'): string | undefined {
  const { before, after } = route;
  if (before && after) {
    return sameRoute(before, after)
      ? `${describeRoute(after)} (unchanged)`
      : `${describeRoute(before)} ${arrow} ${describeRoute(after)}`;
  }
  if (after) return describeRoute(after);
  if (before) return `${describeRoute(before)} (before the run; final route unknown)`;
  return undefined;
}

/**
 * After a failed run: where production is, when the run ended with it where it started (a
 * release that failed its checks, or one rolled back). Undefined otherwise.
 */
export function productionKept(report: ReadonlyReport): string | undefined {
  const { before, after } = report.route;
  if (report.run.outcome !== 'failure' && report.run.outcome !== 'rolled-back') return undefined;
  if (!before || !after || after.kind === 'canary' || !sameRoute(before, after)) return undefined;
  const moved = (report.cutover?.routeChanges.length ?? 0) > 0;
  return moved
    ? `production is back on ${describeRoute(after)}, where the release started`
    : `production is untouched: it still serves ${describeRoute(after)}; the failed release never reached it`;
}

const sameRoute = (a: Route, b: Route): boolean => describeRoute(a) === describeRoute(b);

export const runDurationMs = (report: ReadonlyReport): number | undefined =>
  elapsedMs(report.run.startedAt, report.run.finishedAt);

export const shortSha = (sha?: string): string | undefined => (sha ? sha.slice(0, 7) : undefined);
