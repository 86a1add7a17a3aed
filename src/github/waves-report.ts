// `lmi-cutover waves report` on GitHub: the table in the job summary and as its own sticky PR
// comment (found again by the waves' marker, never a stack's). The CLI runs it from a workflow
// step with GITHUB_TOKEN, so the Action needs no mode for it. Like the Action's own report,
// neither may fail the step: each problem is one warning.
import { appendFile } from 'node:fs/promises';
import { COMMENT_LIMIT, SUMMARY_LIMIT } from '../report/markdown.js';
import { renderWavesMarkdown, wavesMarker } from '../report/markdown/waves.js';
import type { WavesSummary } from '../report/waves.js';
import { upsertStickyComment, type GitHubLog, type StickyCommentResult } from './comment.js';
import { GITHUB_MESSAGES } from './messages.js';

export interface WavesPublishRequest {
  /** GITHUB_STEP_SUMMARY; undefined outside a workflow. */
  readonly summaryPath?: string;
  readonly comment?: {
    readonly token: string;
    readonly owner: string;
    readonly repo: string;
    readonly issueNumber: number;
    readonly apiUrl?: string;
  };
}

export async function publishWavesReport(
  summary: WavesSummary,
  req: WavesPublishRequest,
  log: GitHubLog,
): Promise<{ summary: boolean; comment?: StickyCommentResult }> {
  let wroteSummary = false;
  if (req.summaryPath) {
    try {
      await appendFile(req.summaryPath, renderWavesMarkdown(summary, { limit: SUMMARY_LIMIT }), 'utf8');
      wroteSummary = true;
    } catch (e) {
      log.emit(
        GITHUB_MESSAGES.summarySkipped,
        `Job summary skipped: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (!req.comment) return { summary: wroteSummary };
  const marker = wavesMarker(summary.name);
  const comment = await upsertStickyComment(
    {
      ...req.comment,
      stackName: `waves ${summary.name}`,
      body: renderWavesMarkdown(summary, { limit: COMMENT_LIMIT, marker }),
      marker,
    },
    log,
  );
  return { summary: wroteSummary, comment };
}
