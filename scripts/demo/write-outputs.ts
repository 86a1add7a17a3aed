// What the demo leaves behind in its output folder, as the Action would publish it: the JSON
// report, the job summary and the sticky PR comment (with its marker), each fitted under
// GitHub's limit.
import { message } from '../../src/core/progress.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeReportJson } from '../../src/report/json.js';
import {
  COMMENT_LIMIT,
  SUMMARY_LIMIT,
  commentMarker,
  renderMarkdownFitted,
} from '../../src/report/markdown.js';
import type { ReadonlyReport } from '../../src/report/model.js';

/** A note about the files written (a trimmed comment, a schema problem), printed as a warning. */
export const DEMO_NOTE = message('demo.note', 'warn', 'Something about the demo output files needs a look.');

export interface DemoFiles {
  readonly report: string;
  readonly summary: string;
  readonly comment: string;
  /** Schema problems in the JSON, and what was left out of the markdown to fit. */
  readonly notes: readonly string[];
}

export async function writeDemoOutputs(dir: string, report: ReadonlyReport): Promise<DemoFiles> {
  await mkdir(dir, { recursive: true });
  const json = await writeReportJson(join(dir, 'report.json'), report);
  const summary = renderMarkdownFitted(report, { limit: SUMMARY_LIMIT });
  const comment = renderMarkdownFitted(report, {
    limit: COMMENT_LIMIT,
    marker: commentMarker(report.run.stackName),
  });
  const files = { summary: join(dir, 'summary.md'), comment: join(dir, 'comment.md') };
  await Promise.all([
    writeFile(files.summary, summary.markdown, 'utf8'),
    writeFile(files.comment, comment.markdown, 'utf8'),
  ]);
  return {
    report: json.path,
    ...files,
    notes: [
      ...json.problems.map((p) => `report.json has a schema problem: ${p}`),
      ...(comment.trimmed.length > 0 ? [`comment.md left out ${comment.trimmed.join(', ')} to fit`] : []),
    ],
  };
}
