// Markdown building blocks and the render budget. Tables are always emitted whole: when a
// table is too long, rows are left out and one row says how many, so trimming never leaves
// broken markdown behind.
import { clip, formatCount } from './format.js';

/** How much detail a render may spend; the fitter lowers it until the result fits. */
export interface Budget {
  /** Most rows per long table. */
  rows: number;
  /** Most characters per table cell. */
  cell: number;
  /** Most characters for free text such as error messages. */
  text: number;
}

/** Collects what a render left out, for the footer. */
export class RenderContext {
  readonly trimmed: string[] = [];
  constructor(readonly budget: Budget) {}

  /**
   * At most `budget.rows` rows: the first ones (and, with `keepTail`, the last ones too,
   * which hold a run's ending), one row in between saying how many were left out.
   */
  capRows(rows: string[][], what: string, opts: { keepTail?: boolean } = {}): string[][] {
    const max = Math.max(1, this.budget.rows);
    if (rows.length <= max) return rows;
    const omitted = rows.length - max;
    this.trimmed.push(`${formatCount(omitted)} of ${formatCount(rows.length)} ${what}`);
    const width = rows[0]?.length ?? 1;
    const note = [`… ${formatCount(omitted)} more ${what} not shown`, ...Array<string>(width - 1).fill('…')];
    if (!opts.keepTail) return [...rows.slice(0, max), note];
    const head = Math.ceil(max / 2);
    return [...rows.slice(0, head), note, ...rows.slice(rows.length - (max - head))];
  }

  cellText(text: string): string {
    return escapeCell(text, this.budget.cell);
  }

  /** Free text for a code block: shortened to the budget, otherwise verbatim. */
  freeText(text: string): string {
    if (text.length > this.budget.text) this.trimmed.push('the end of a long message');
    return clip(text, this.budget.text);
  }

  /** Free text shown as markdown: shortened, HTML, links and images neutralised. */
  prose(text: string): string {
    return noLinks(noMentions(escapeHtml(this.freeText(text))));
  }
}

/** A cell: one line, pipes escaped, HTML neutralised (a stray `<details>` or `-->` in a value cannot break the page). */
function escapeCell(text: string, max = 300): string {
  return noLinks(noMentions(escapeHtml(clip(text.replace(/\r?\n/g, ' '), max)))).replace(/\|/g, '\\|');
}

/**
 * Untrusted text (stack events, AWS errors, probe answers) must not become a link or an image in
 * a bot's comment: `![x](https://…)` would load a tracker, `[approve](https://…)` would dress a
 * URL as a button. Brackets are escaped, and a zero-width space in `://` and `www.` keeps GitHub
 * from turning a bare URL into a link; the text still reads the same.
 */
const noLinks = (text: string): string =>
  text
    .replace(/[[\]]/g, (b) => `\\${b}`)
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`);

/**
 * A zero-width space after each `@`: an error quoting `@aws-sdk/client-lambda` must not mention
 * (and notify) a GitHub user from a bot comment. Code spans need no such care.
 */
const noMentions = (text: string): string => text.replace(/@(?=[\w-])/g, '@\u200b');

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Inline code in a cell or sentence; backticks inside are swapped so the span stays closed. */
export const code = (text: string, max = 300): string =>
  `\`${clip(text.replace(/`/g, "'").replace(/\r?\n/g, ' '), max)}\``;

/** Inline code that may sit in a table cell: pipes are escaped too. */
export const codeCell = (text: string, max = 300): string => code(text, max).replace(/\|/g, '\\|');

export function table(headers: string[], rows: string[][], align?: ('l' | 'r' | 'c')[]): string {
  const sep = headers.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

/** Prefixes every line so a multi-line block (code fences included) stays inside a quote or alert. */
export const quoteBlock = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

export const passMark = (passed: boolean): string => (passed ? '✅' : '❌');

/**
 * One piece of the rendered report. Blocks with a `dropRank` may be replaced by a one-line
 * note when nothing else makes the report fit (lowest rank first); the rest always stay.
 */
export interface Block {
  id: string;
  title: string;
  text: string;
  dropRank?: number;
}
