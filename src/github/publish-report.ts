// The end of every Action run, success or failure: the report as JSON at report-path, in the
// job summary, and as the sticky PR comment (replacing the live one the run kept up to date).
// None of these may fail the run: each problem is one warning, and the log keeps the run's own
// result.
import { GITHUB_MESSAGES } from './messages.js';
import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { COMMENT_LIMIT, commentMarker, renderMarkdownFitted } from '../report/markdown.js';
import { writeReportJson } from '../report/json.js';
import { writeShardReportJson } from '../report/shard-json.js';
import type { ShardReport } from '../report/shard-report.js';
import type { Report, ReadonlyReport } from '../report/model.js';
import type { MessageSpec } from '../core/progress.js';
import {
  pullRequestNumber,
  upsertStickyComment,
  type GitHubLog,
  type PullRequestContext,
  type StickyCommentRequest,
} from './comment.js';
import type { SetOutput } from './outputs.js';
import { writeJobSummary } from './summary.js';

export interface RunContext extends PullRequestContext {
  readonly sha?: string;
  readonly ref?: string;
  readonly serverUrl?: string;
  readonly runId?: number;
  /** owner/repo from GITHUB_REPOSITORY; undefined outside a workflow. */
  readonly repository?: { owner: string; repo: string };
}

export interface PublishOptions {
  readonly config: Config;
  readonly cwd: string;
  readonly context: RunContext;
  readonly log: GitHubLog;
  readonly setOutput: SetOutput;
  /** The live comment this run posted: the final report replaces it, by id. */
  readonly commentId?: number;
}

/** Where the sticky comment goes: everything the request needs but its body. */
export type CommentTarget = Omit<StickyCommentRequest, 'body' | 'commentId' | 'signal'> & { marker: string };

/**
 * Where this run's sticky comment goes, or why there is none (a line to log, or nothing when
 * comments are off). The live comment and the final report ask the same question here, so the
 * live one never appears where the final one would not.
 */
export function commentTarget(
  config: Config,
  context: RunContext,
):
  | { target: CommentTarget; why?: undefined }
  | { target?: undefined; why?: { message: MessageSpec; text: string } } {
  if (!config.comment) return {};
  if (config.loadShard)
    return {
      why: {
        message: GITHUB_MESSAGES.shardNoComment,
        text: "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's.",
      },
    };
  const pr = safePullRequest(context, config.prNumber);
  const repo = context.repository;
  if (pr === undefined || !repo) {
    return {
      why: {
        message: GITHUB_MESSAGES.noPullRequest,
        text: 'No pull request to comment on (set pr-number for push and workflow_dispatch runs).',
      },
    };
  }
  if (!config.githubToken)
    return {
      why: { message: GITHUB_MESSAGES.commentSkipped, text: 'PR comment skipped: github-token is empty.' },
    };
  return {
    target: {
      token: config.githubToken,
      owner: repo.owner,
      repo: repo.repo,
      issueNumber: pr,
      stackName: config.stackName,
      marker: commentMarker(config.stackName, config.mode),
    },
  };
}

/** What the report says about the run that produced it: event, commit, link, pull request. */
export function runTrigger(context: RunContext, explicitPr?: number): Report['run']['trigger'] {
  const pr = safePullRequest(context, explicitPr);
  const repo = context.repository;
  return {
    event: context.eventName || undefined,
    sha: context.sha || undefined,
    ref: context.ref || undefined,
    runUrl:
      repo && context.serverUrl && context.runId
        ? `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
        : undefined,
    pullRequest: pr,
  };
}

export async function publishReport(report: ReadonlyReport, options: PublishOptions): Promise<void> {
  const { config, log } = options;
  const path = resolve(options.cwd, config.reportPath);
  try {
    const written = await writeReportJson(path, report);
    options.setOutput('report-path', written.path);
    log.emit(GITHUB_MESSAGES.reportWritten, `Report written to ${written.path} (${written.bytes} bytes).`);
    if (written.problems.length > 0) {
      log.emit(
        GITHUB_MESSAGES.reportSchemaProblems,
        `The report at ${written.path} has schema problems: ${written.problems.slice(0, 5).join('; ')}`,
      );
    }
  } catch (e) {
    log.emit(
      GITHUB_MESSAGES.reportWriteFailed,
      `Writing the report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  try {
    await writeJobSummary(report, log);
  } catch (e) {
    log.emit(
      GITHUB_MESSAGES.summarySkipped,
      `Job summary skipped: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  const { target, why } = commentTarget(config, options.context);
  if (!target) {
    if (why) log.emit(why.message, why.text);
    return;
  }
  try {
    const { markdown } = renderMarkdownFitted(report, { limit: COMMENT_LIMIT, marker: target.marker });
    await upsertStickyComment({ ...target, body: markdown, commentId: options.commentId }, log);
  } catch (e) {
    log.emit(
      GITHUB_MESSAGES.commentSkipped,
      `PR comment skipped: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * A load shard's report at shard-report-path, and its path as an output. It is what the shard
 * is for: false when it could not be written, and the run then fails.
 */
export async function publishShardReport(
  shard: ShardReport,
  options: Pick<PublishOptions, 'config' | 'cwd' | 'log' | 'setOutput'>,
): Promise<boolean> {
  const path = resolve(options.cwd, options.config.shardReportPath);
  try {
    const written = await writeShardReportJson(path, shard);
    options.setOutput('shard-report-path', written.path);
    options.log.emit(
      GITHUB_MESSAGES.shardReportWritten,
      `Shard report written to ${written.path} (${written.bytes} bytes).`,
    );
    return true;
  } catch (e) {
    options.log.emit(
      GITHUB_MESSAGES.shardReportWriteFailed,
      `Writing the shard report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}

function safePullRequest(context: PullRequestContext, explicit?: number): number | undefined {
  try {
    return pullRequestNumber({ eventName: context.eventName, payload: context.payload ?? {} }, explicit);
  } catch {
    return undefined;
  }
}
