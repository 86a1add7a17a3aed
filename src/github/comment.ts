// One sticky PR comment per stack: found again by a hidden marker and by its author, updated in
// place, created when missing. Commenting is a courtesy on top of the job summary, so nothing
// here throws: a token that cannot comment (a fork's PR, a read-only token) gets one warning and
// a `skipped` result, and the run goes on.
//
// Whether to comment at all (`comment: false`, no PR number) is the caller's decision: call this
// only when a comment is wanted.
//
// Finding "our" comment. A comment counts as ours when it carries the marker AND was written by
// the token's own user, so a person who pastes the marker into their comment is never edited.
// The user comes from GET /user. GitHub App installation tokens — GITHUB_TOKEN among them —
// cannot call /user (403 "Resource not accessible by integration"), and an installation token
// cannot learn its app's slug either (GET /app needs the app's JWT). For those tokens a comment
// counts as ours when its author is a bot that is `github-actions[bot]` (what GITHUB_TOKEN writes
// as) or the bot of the app that wrote it (`performed_via_github_app.slug` + "[bot]"). A human
// account's comment is never matched.
import { GITHUB_MESSAGES } from './messages.js';
import { getOctokit } from '@actions/github';
import type { Progress } from '../core/progress.js';
import { formatCount } from '../report/format.js';
import { COMMENT_LIMIT, commentMarker } from '../report/markdown.js';

/** The part of the pipeline's Progress this module talks through (`actionProgress()` fits). */
export type GitHubLog = Pick<Progress, 'emit'>;

export interface StickyCommentRequest {
  token: string;
  owner: string;
  repo: string;
  issueNumber: number;
  stackName: string;
  /** The rendered report; the marker is put on top when the body lacks it. */
  body: string;
  /** The hidden marker that finds the comment again; the stack's own (commentMarker) by default. */
  marker?: string;
  /** REST API root; defaults to GITHUB_API_URL (GitHub Enterprise), then https://api.github.com. */
  apiUrl?: string;
  /**
   * The comment this run already wrote (the live progress comment): updated directly, without
   * listing the thread again; found by the marker as usual only when it is gone.
   */
  commentId?: number;
  /** Aborts every request (the live comment bounds each update with a timeout). */
  signal?: AbortSignal;
}

export type StickyCommentResult =
  | { type: 'created' | 'updated'; id: number; url: string }
  | {
      type: 'skipped';
      reason: string;
      /** GitHub's HTTP status when it refused; absent when no answer came (or nothing was sent). */
      status?: number;
    };

/** The login GITHUB_TOKEN's comments are written as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

type Octokit = ReturnType<typeof getOctokit>;
interface CommentLike {
  id: number;
  body?: string | null;
  user: { login: string; type?: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

export async function upsertStickyComment(
  req: StickyCommentRequest,
  log: GitHubLog,
): Promise<StickyCommentResult> {
  const marker = req.marker ?? commentMarker(req.stackName);
  const body = req.body.includes(marker) ? req.body : `${marker}\n${req.body}`;
  const target = `${req.owner}/${req.repo}#${req.issueNumber}`;
  if (body.length > COMMENT_LIMIT) {
    return skipped(
      log,
      `the report is ${formatCount(body.length)} characters, over GitHub's ${formatCount(COMMENT_LIMIT)}-character comment limit; ` +
        'render it with renderMarkdown(report, { limit: COMMENT_LIMIT })',
    );
  }
  try {
    const octokit = getOctokit(req.token, req.apiUrl ? { baseUrl: req.apiUrl } : {});
    if (req.commentId !== undefined) {
      const updated = await updateComment(octokit, req, req.commentId, body);
      if (updated) {
        log.emit(
          GITHUB_MESSAGES.commentUpdated,
          `Updated the lmi-cutover comment on ${target}: ${updated.url}`,
        );
        return { type: 'updated', ...updated };
      }
    }
    const isOurs = await authorMatcher(octokit, req.signal);
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: req.owner,
      repo: req.repo,
      issue_number: req.issueNumber,
      per_page: 100,
      request: { signal: req.signal },
    });
    const ours = comments.filter((c) => c.body?.includes(marker) && isOurs(c));
    if (ours.length > 1) {
      log.emit(
        GITHUB_MESSAGES.commentDuplicates,
        `${ours.length} lmi-cutover comments for ${req.stackName} on ${target}; updating the oldest, #${ours[0]?.id}`,
      );
    }
    const existing = ours[0];
    if (existing) {
      const updated = await updateComment(octokit, req, existing.id, body);
      if (updated) {
        log.emit(
          GITHUB_MESSAGES.commentUpdated,
          `Updated the lmi-cutover comment on ${target}: ${updated.url}`,
        );
        return { type: 'updated', ...updated };
      }
    }
    const { data } = await octokit.rest.issues.createComment({
      owner: req.owner,
      repo: req.repo,
      issue_number: req.issueNumber,
      body,
      request: { signal: req.signal },
    });
    log.emit(
      GITHUB_MESSAGES.commentCreated,
      `Created the lmi-cutover comment on ${target}: ${data.html_url}`,
    );
    return { type: 'created', id: data.id, url: data.html_url };
  } catch (err) {
    // An abort is not GitHub's answer (Octokit labels it 500).
    return skipped(log, reasonFor(err, req, target), req.signal?.aborted ? undefined : statusOf(err));
  }
}

/** Updates a comment; undefined when it was deleted since it was listed (then a new one is made). */
async function updateComment(octokit: Octokit, req: StickyCommentRequest, id: number, body: string) {
  try {
    const { data } = await octokit.rest.issues.updateComment({
      owner: req.owner,
      repo: req.repo,
      comment_id: id,
      body,
      request: { signal: req.signal },
    });
    return { id: data.id, url: data.html_url };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

async function authorMatcher(octokit: Octokit, signal?: AbortSignal): Promise<(c: CommentLike) => boolean> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated({ request: { signal } });
    return (c) => c.user?.login === data.login;
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
    // An installation token (see the header): match the app's bot, never a person.
    return (c) =>
      c.user?.type === 'Bot' &&
      (c.user.login === ACTIONS_BOT_LOGIN ||
        (Boolean(c.performed_via_github_app?.slug) &&
          c.user.login === `${c.performed_via_github_app?.slug}[bot]`));
  }
}

function reasonFor(err: unknown, req: StickyCommentRequest, target: string): string {
  if (req.signal?.aborted) return `GitHub did not answer in time for ${target}`;
  const status = statusOf(err);
  const said = githubMessage(err);
  switch (status) {
    case 401:
      return `GitHub rejected the token (401 ${said}); check the github-token input`;
    case 403:
      return (
        `the token cannot comment on ${target} (403 ${said}). On a pull request from a fork GITHUB_TOKEN is read-only; ` +
        'otherwise give the job `permissions: pull-requests: write`, or set `comment: false`. The job summary has the report'
      );
    case 404:
      return `${target} was not found, or the token cannot see it (404 ${said}); check pr-number and the token's repository access`;
    case 422:
      return `GitHub refused the comment on ${target} (422 ${said})`;
    default:
      return `commenting on ${target} failed${status ? ` (${status})` : ''}: ${said}`;
  }
}

function skipped(log: GitHubLog, reason: string, status?: number): StickyCommentResult {
  log.emit(GITHUB_MESSAGES.commentSkipped, `PR comment skipped: ${reason}`);
  return { type: 'skipped', reason, ...(status !== undefined ? { status } : {}) };
}

const statusOf = (err: unknown): number | undefined => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
};

/** GitHub's own sentence ("Resource not accessible by integration"), without the docs URL. */
function githubMessage(err: unknown): string {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string' && message) return message;
  return err instanceof Error ? err.message : String(err);
}

/** The event payload fields that name a pull request. */
export interface PullRequestContext {
  eventName: string;
  payload: {
    number?: number;
    pull_request?: { number?: number };
    issue?: { number?: number; pull_request?: unknown };
  };
}

/**
 * The PR to comment on: an explicit number (the `pr-number` input, for push and
 * workflow_dispatch runs) wins; otherwise the pull request of a pull_request(_target) event, or
 * of a comment on a pull request. Undefined when there is none — then there is nothing to comment on.
 */
export function pullRequestNumber(
  context: PullRequestContext,
  explicit?: string | number,
): number | undefined {
  if (explicit !== undefined && String(explicit).trim() !== '') {
    const text = String(explicit).trim();
    const n = /^#?\d+$/.test(text) ? Number(text.replace('#', '')) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(
        `pr-number: "${text}" is not a pull request number; give a whole number such as 42, or leave it empty`,
      );
    }
    return n;
  }
  const { eventName, payload } = context;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    return payload.pull_request?.number ?? payload.number;
  }
  if (eventName === 'issue_comment' && payload.issue?.pull_request) return payload.issue.number;
  return undefined;
}
