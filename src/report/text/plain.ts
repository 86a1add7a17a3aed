// Plain-text building blocks for the terminal report: aligned columns, titled sections and the
// row cap. Kept apart from the sections so every section lines up and cuts lists the same way.
import { formatCount } from '../format.js';

/** One titled block of the terminal report; left out when it has no lines. */
export interface Section {
  title: string;
  lines: string[];
}

export const INDENT = '  ';

/**
 * A terminal scrolls a 5,000-row list out of sight: cut it, and point at the JSON report,
 * which has every row.
 */
export class TextContext {
  constructor(readonly maxRows: number) {}

  /** At most `maxRows` items, then one line saying how many more the JSON report has. */
  cap<T>(items: readonly T[], what: string, render: (rows: T[]) => string[]): string[] {
    const lines = render(items.slice(0, this.maxRows));
    if (items.length > this.maxRows)
      lines.push(`... ${formatCount(items.length - this.maxRows)} more ${what} (see the JSON report)`);
    return lines;
  }
}

/** Blank lines inside a section stay blank: indenting them would leave trailing spaces. */
export function sectionLines({ title, lines }: Section): string[] {
  if (lines.length === 0) return [];
  return ['', title, ...lines.map((l) => (l ? INDENT + l : l))];
}

/** Aligned columns: `align` is one letter per column, l or r (default l). */
export function columns(rows: readonly string[][], align = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        return align[i] === 'r' ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** Code points, not UTF-16 units: an emoji or accented name must not push a column out. */
const width = (s: string) => [...s].length;

/** A multi-line value would break its row apart; the terminal gets it on one line. */
export const oneLine = (s: string): string => s.replace(/\s*\r?\n\s*/g, ' ');

export const mark = (passed: boolean): string => (passed ? 'PASS' : 'FAIL');
