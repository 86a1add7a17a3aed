// The report for a terminal: the same facts as the markdown, in aligned plain-text columns,
// with no markdown, HTML or mermaid. Long lists are cut at `maxRows` with a line saying so.
// Each section lives in text/, one file per part of the run, as the markdown's do.
import type { ReadonlyReport } from './model.js';
import { consoleLinks, headline, rollbackFailure } from './text/headline.js';
import { changeSet, provisioning, timeline } from './text/deploy.js';
import { plan } from './text/plan.js';
import { load, smoke } from './text/verify.js';
import { cutoverSteps, deletedVersions, rollback, routeChanges } from './text/cutover.js';
import { cost } from './text/cost.js';
import { sectionLines, TextContext, type Section } from './text/plain.js';

// The CLI's own tables (status, cost) line up the same way as the report's.

export interface TextOptions {
  /** Most rows per long list (default 50). */
  maxRows?: number;
}

export function renderText(report: ReadonlyReport, opts: TextOptions = {}): string {
  const ctx = new TextContext(opts.maxRows ?? 50);
  const sections = [
    consoleLinks(report),
    plan(report, ctx),
    timeline(report, ctx),
    changeSet(report, ctx),
    provisioning(report),
    smoke(report, ctx),
    ...load(report, ctx),
    cutoverSteps(report, ctx),
    routeChanges(report, ctx),
    rollback(report),
    deletedVersions(report),
    cost(report),
  ].filter((s): s is Section => s !== undefined);
  const lines = [...headline(report), ...rollbackFailure(report), ...sections.flatMap(sectionLines)];
  return `${lines.join('\n')}\n`;
}
