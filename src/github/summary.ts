// The report in the job summary. GitHub caps one step's summary at 1 MiB, so the markdown is
// fitted to what is left of that budget (the file may already hold text from this step).
// Outside GitHub Actions (no GITHUB_STEP_SUMMARY) it is skipped, not an error.
import { GITHUB_MESSAGES } from './messages.js';
import { stat } from 'node:fs/promises';
import * as core from '@actions/core';
import { renderMarkdownFitted, SUMMARY_LIMIT } from '../report/markdown.js';
import type { ReadonlyReport } from '../report/model.js';
import type { GitHubLog } from './comment.js';

export type SummaryResult =
  { type: 'written'; bytes: number; trimmed: string[] } | { type: 'skipped'; reason: string };

/** Below this much room a summary would be only a headline: better said in a warning. */
const MIN_ROOM = 1024;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';

export async function writeJobSummary(report: ReadonlyReport, log: GitHubLog): Promise<SummaryResult> {
  const path = process.env[SUMMARY_ENV_VAR];
  if (!path)
    return { type: 'skipped', reason: `${SUMMARY_ENV_VAR} is not set: not running in GitHub Actions` };
  try {
    const used = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    const room = SUMMARY_LIMIT - used;
    if (room < MIN_ROOM) {
      const reason = `the job summary already holds ${used} bytes of its ${SUMMARY_LIMIT}`;
      log.emit(GITHUB_MESSAGES.summarySkipped, `Job summary skipped: ${reason}`);
      return { type: 'skipped', reason };
    }
    const fitted = renderMarkdownFitted(report, { limit: room });
    await core.summary.addRaw(fitted.markdown).write();
    if (fitted.trimmed.length > 0)
      log.emit(
        GITHUB_MESSAGES.summaryTrimmed,
        `Job summary trimmed to fit: left out ${fitted.trimmed.join('; ')}`,
      );
    return { type: 'written', bytes: fitted.bytes, trimmed: fitted.trimmed };
  } catch (err) {
    // The report is also in the log and the JSON file; a summary that cannot be written must not fail the run.
    core.summary.emptyBuffer();
    const reason = `writing the job summary failed: ${err instanceof Error ? err.message : String(err)}`;
    log.emit(GITHUB_MESSAGES.summarySkipped, reason);
    return { type: 'skipped', reason };
  }
}
