// The report as GitHub markdown, for the job summary and the sticky PR comment alike, fitted
// under a size limit by leaving detail out — never by failing, never by cutting a table.
//
// Sizes are measured in UTF-8 bytes. GitHub limits a comment to 65,536 characters and a step
// summary to 1 MiB; a string's UTF-8 length is never below its character count, so one measure
// keeps both limits.
import { OUTCOME_WORDS } from './facts.js';
import { formatCount } from './format.js';
import { fence, RenderContext, type Block, type Budget } from './md.js';
import { consoleLinksBlock, headline, rollbackFailure } from './markdown/headline.js';
import { changeSet, provisioning, stackOutputs, timeline } from './markdown/deploy.js';
import { planBlock } from './markdown/plan.js';
import { load, smoke, sweep } from './markdown/verify.js';
import { cutoverSteps, deletedVersions, rollback, routeChanges } from './markdown/cutover.js';
import { cost } from './markdown/cost.js';
import type { ReadonlyReport } from './model.js';
import type { Mode } from '../core/domain.js';

/** GitHub's limit for an issue or pull request comment body. */
export const COMMENT_LIMIT = 65_536;
/** GitHub's limit for one step's job summary. */
export const SUMMARY_LIMIT = 1_048_576;

/**
 * The hidden marker that finds this stack's sticky comment again. A plan has its own: the PR
 * keeps what merging would do to a stack apart from what a run on that stack did. So has a merge
 * of shards: the whole check's verdict sits beside the verify run's report, not over it.
 */
export const commentMarker = (stackName: string, mode?: Mode): string =>
  mode === 'plan' || mode === 'merge'
    ? `<!-- lmi-cutover:${mode}:${stackName} -->`
    : `<!-- lmi-cutover:${stackName} -->`;

export interface MarkdownOptions {
  /** Most UTF-8 bytes the result may have (COMMENT_LIMIT, SUMMARY_LIMIT, or less). */
  limit: number;
  /** A first line such as `commentMarker(stack)`; counted against the limit. */
  marker?: string;
}

export interface FittedMarkdown {
  markdown: string;
  bytes: number;
  /** What was left out to fit, in words; empty when nothing was. */
  trimmed: string[];
}

/** Detail levels tried in order until the report fits. */
const LEVELS: Budget[] = [
  { rows: Number.POSITIVE_INFINITY, cell: 300, text: 8000 },
  { rows: 2000, cell: 300, text: 8000 },
  { rows: 500, cell: 200, text: 4000 },
  { rows: 100, cell: 160, text: 2000 },
  { rows: 20, cell: 120, text: 1000 },
  { rows: 5, cell: 80, text: 500 },
];

export function renderMarkdown(report: ReadonlyReport, opts: MarkdownOptions): string {
  return renderMarkdownFitted(report, opts).markdown;
}

export function renderMarkdownFitted(report: ReadonlyReport, opts: MarkdownOptions): FittedMarkdown {
  const label = limitLabel(opts.limit);
  let built: Built | undefined;
  for (const budget of LEVELS) {
    built = build(report, budget);
    const r = compose(report, built, opts, label, new Set());
    if (r.bytes <= opts.limit) return r;
  }
  // Fewest rows everywhere and still too big: replace whole blocks by a line, least useful first.
  const last = built as Built;
  const droppable = last.blocks
    .map((b, position) => ({ ...b, position }))
    .filter((b) => b.dropRank !== undefined)
    .sort((a, b) => (a.dropRank ?? 0) - (b.dropRank ?? 0) || b.position - a.position);
  const dropped = new Set<string>();
  for (const block of droppable) {
    dropped.add(block.id);
    const r = compose(report, last, opts, label, dropped);
    if (r.bytes <= opts.limit) return r;
  }
  return minimal(report, opts, label);
}

interface Built {
  blocks: Block[];
  trimmed: string[];
}

function build(report: ReadonlyReport, budget: Budget): Built {
  const ctx = new RenderContext(budget);
  const blocks = buildBlocks(report, ctx);
  return { blocks, trimmed: [...new Set(ctx.trimmed)] };
}

function buildBlocks(report: ReadonlyReport, ctx: RenderContext): Block[] {
  return [
    headline(report, ctx),
    rollbackFailure(report, ctx),
    planBlock(report, ctx),
    consoleLinksBlock(report),
    timeline(report, ctx),
    ...changeSet(report, ctx),
    stackOutputs(report, ctx),
    provisioning(report, ctx),
    smoke(report, ctx),
    ...load(report, ctx),
    ...sweep(report, ctx),
    cutoverSteps(report, ctx),
    routeChanges(report, ctx),
    rollback(report, ctx),
    deletedVersions(report, ctx),
    ...cost(report, ctx),
  ].filter((b): b is Block => b !== undefined);
}

function compose(
  report: ReadonlyReport,
  built: Built,
  opts: MarkdownOptions,
  label: string,
  dropped: ReadonlySet<string>,
): FittedMarkdown {
  const droppedTitles: string[] = [];
  const parts = built.blocks.map((b) => {
    if (!dropped.has(b.id)) return b.text;
    droppedTitles.push(b.title);
    return `_✂️ ${b.title}: left out to fit ${label}._`;
  });
  const trimmed = built.trimmed.concat(droppedTitles.map((t) => `the ${t.toLowerCase()} block`));
  const markdown = join([opts.marker, ...parts, footer(report, trimmed, label, opts.marker !== undefined)]);
  return { markdown, bytes: byteLength(markdown), trimmed };
}

function footer(
  report: ReadonlyReport,
  trimmed: readonly string[],
  label: string,
  isComment: boolean,
): string {
  const lines = [];
  if (trimmed.length > 0) {
    lines.push(
      `✂️ Trimmed to fit ${label}: left out ${trimmed.join('; ')}. The JSON report (\`report-path\`) has everything.`,
    );
  }
  const runs =
    report.run.mode === 'plan'
      ? 'every plan of this stack'
      : report.run.mode === 'merge'
        ? 'every merge of sharded checks of this stack'
        : 'every run for this stack';
  const sticky = isComment ? ` · this comment is updated in place by ${runs}` : '';
  lines.push(
    `<sub>${report.tool.name} ${report.tool.version} · report schema ${report.schemaVersion}${sticky}</sub>`,
  );
  return lines.join('\n\n');
}

/**
 * The last resort for a limit too small for any table: the outcome, and the manual fix when a
 * rollback failed. If even that does not fit, the text is cut at a character boundary.
 */
function minimal(report: ReadonlyReport, opts: MarkdownOptions, label: string): FittedMarkdown {
  const o = OUTCOME_WORDS[report.run.outcome];
  const fix = report.cutover?.rollback?.failure?.manualFix;
  const note = `✂️ Everything else was left out to fit ${label}; the JSON report (\`report-path\`) has it.`;
  const full = join([
    opts.marker,
    `## ${o.emoji} lmi-cutover \`${report.run.mode}\` ${o.word} on \`${report.run.stackName}\``,
    fix ? `**The rollback failed. Fix it by hand:**\n\n${fence('sh', fix)}` : undefined,
    note,
  ]);
  const markdown = byteLength(full) <= opts.limit ? full : cutToBytes(full, opts.limit);
  return { markdown, bytes: byteLength(markdown), trimmed: ['every section but the outcome'] };
}

const join = (parts: (string | undefined)[]): string =>
  `${parts.filter((p) => p !== undefined && p !== '').join('\n\n')}\n`;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

function cutToBytes(s: string, limit: number): string {
  let out = Buffer.from(s, 'utf8').subarray(0, Math.max(0, limit)).toString('utf8');
  // A cut inside a multi-byte character decodes to U+FFFD (3 bytes): drop it.
  while (out.endsWith('\uFFFD') || byteLength(out) > limit) out = out.slice(0, -1);
  return out;
}

function limitLabel(limit: number): string {
  if (limit === COMMENT_LIMIT) return "GitHub's 65,536-character comment limit";
  if (limit === SUMMARY_LIMIT) return "GitHub's 1 MiB job summary limit";
  return `a ${formatCount(limit)}-byte limit`;
}
