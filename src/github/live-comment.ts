// The live PR comment: the sticky comment written when a run starts ("deploying…") and updated
// as each stage ends and each canary step is baked, so a ten-minute run can be followed from the
// pull request. The final report replaces it, in the same comment, at the end.
//
// A courtesy that must cost the run nothing. update() returns at once and never throws; the
// work starts on the next turn of the event loop. One request at a time: while it is in flight,
// later updates coalesce into one that renders the newest state when it is sent — only the
// latest state needs to land, and few writes keep GitHub's secondary rate limits away. Each
// update is bounded by a timeout. Serialised updates, and every update after the first naming the
// comment by id, mean two updates can never create two comments. A failed update warns; GitHub
// refusing outright (401, 403, 404, 422) or three failures in a row stop the updates, and the
// final report is still attempted at the end.
import type { Config } from '../config/config.js';
import type { ReportListener } from '../report/builder.js';
import { renderProgressMarkdown } from '../report/markdown/progress.js';
import { commentTarget, type CommentTarget, type RunContext } from './publish-report.js';
import { upsertStickyComment, type GitHubLog } from './comment.js';
import { GITHUB_MESSAGES } from './messages.js';

/** Most time one update may take; GitHub answers in well under a second. */
export const LIVE_UPDATE_TIMEOUT_MS = 10_000;
/** Failures in a row after which the live updates stop (GitHub unreachable, not just slow once). */
const MAX_FAILURES_IN_A_ROW = 3;
/** Answers that will not change within a run: bad token, no write access, no such PR, refused body. */
const REFUSALS: ReadonlySet<number> = new Set([401, 403, 404, 422]);

export interface LiveComment {
  /** Queues the state `render` draws (called when the update is sent, so it draws the newest). */
  update(render: () => string): void;
  /**
   * Ends the updates: one not yet sent is dropped (the final report replaces it anyway) and the
   * one in flight is waited for. The comment's id, when one was written.
   */
  close(): Promise<number | undefined>;
}

export interface LiveCommentOptions {
  readonly timeoutMs?: number;
}

export function liveComment(
  target: CommentTarget,
  log: GitHubLog,
  options: LiveCommentOptions = {},
): LiveComment {
  const timeoutMs = options.timeoutMs ?? LIVE_UPDATE_TIMEOUT_MS;
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  // upsertStickyComment's own lines say too much for every stage: kept, as debug lines.
  const quiet: GitHubLog = { emit: (_m, text) => log.emit(GITHUB_MESSAGES.progressCommentUpdated, text) };
  let id: number | undefined;
  let pending: (() => string) | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;

  const fail = (reason: string, refused: boolean) => {
    failures++;
    stopped ||= refused || failures >= MAX_FAILURES_IN_A_ROW;
    log.emit(
      GITHUB_MESSAGES.progressCommentFailed,
      `Live PR comment on ${where} not updated: ${reason}. The run goes on` +
        (stopped ? '; no more live updates in this run' : '') +
        ', and the final report is still posted at the end.',
    );
  };

  const send = async (render: () => string): Promise<void> => {
    let body: string;
    try {
      body = render();
    } catch (e) {
      return fail(`drawing it failed: ${e instanceof Error ? e.message : String(e)}`, false);
    }
    const result = await upsertStickyComment(
      { ...target, body, commentId: id, signal: AbortSignal.timeout(timeoutMs) },
      quiet,
    ).catch((e: unknown) => ({
      type: 'skipped' as const,
      reason: e instanceof Error ? e.message : String(e),
      status: undefined,
    }));
    if (result.type === 'skipped') return fail(result.reason, REFUSALS.has(result.status ?? 0));
    failures = 0;
    if (id === undefined)
      log.emit(
        GITHUB_MESSAGES.progressCommentPosted,
        `Live PR comment on ${where}, updated as each stage ends: ${result.url}`,
      );
    id = result.id;
  };

  const pump = () => {
    if (inFlight || !pending || stopped) return;
    const render = pending;
    pending = undefined;
    inFlight = send(render).finally(() => {
      inFlight = undefined;
      pump();
    });
  };

  // The send starts on the next turn of the event loop, never inside the stage that reported:
  // drawing the comment and building the client stay out of the run's own path.
  let scheduled = false;
  let closed = false;
  return {
    update(render) {
      if (closed || stopped) return;
      pending = render;
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        pump();
      });
    },
    async close() {
      closed = true;
      pending = undefined;
      while (inFlight) await inFlight;
      return id;
    },
  };
}

/**
 * The live comment of one run, fed by the report as it fills; undefined when `progress-comment`
 * is off or when the final report would not be commented either (comments off, no pull request,
 * no token).
 */
export function startProgressComment(
  config: Config,
  context: RunContext,
  log: GitHubLog,
  options: LiveCommentOptions = {},
): { readonly onReportUpdate: ReportListener; close(): Promise<number | undefined> } | undefined {
  if (!config.progressComment) return undefined;
  const { target } = commentTarget(config, context);
  if (!target) return undefined;
  const comment = liveComment(target, log, options);
  return {
    onReportUpdate: (report, running) =>
      comment.update(() => renderProgressMarkdown(report, running, { marker: target.marker })),
    close: () => comment.close(),
  };
}
