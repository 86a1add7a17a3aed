// The Action adapter's own progress lines (report, job summary, PR comment, post step), each
// with a stable code: scripts and tests match codes, not sentences.
import { message } from '../core/progress.js';

/** How every line of the post step starts. */
export const POST_PREFIX = 'lmi-cutover post step:';

export const GITHUB_MESSAGES = {
  outputShadowed: message(
    'github.output-shadowed',
    'warn',
    "A stack output has an action output's name; it stays in the outputs JSON only.",
  ),
  reportWritten: message('github.report-written', 'info', 'The JSON report was written at report-path.'),
  reportSchemaProblems: message(
    'github.report-schema-problems',
    'warn',
    'The written report does not match its schema; readers may reject it.',
  ),
  reportWriteFailed: message('github.report-write-failed', 'warn', 'The JSON report could not be written.'),
  shardReportWritten: message(
    'github.shard-report-written',
    'info',
    "A load shard's shard report was written at shard-report-path, for the merge.",
  ),
  shardReportWriteFailed: message(
    'github.shard-report-write-failed',
    'error',
    "A load shard's shard report could not be written: the run fails, since the merge cannot use the shard.",
  ),
  shardNoComment: message(
    'github.shard-no-comment',
    'info',
    "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's.",
  ),
  summarySkipped: message('github.summary-skipped', 'warn', 'The job summary was not written (and why).'),
  summaryTrimmed: message('github.summary-trimmed', 'info', 'The job summary left sections out to fit.'),
  noPullRequest: message('github.no-pull-request', 'info', 'No pull request to comment on.'),
  commentSkipped: message(
    'github.comment-skipped',
    'warn',
    'The sticky PR comment was not written (and why).',
  ),
  commentDuplicates: message(
    'github.comment-duplicates',
    'info',
    'Several lmi-cutover comments exist for the stack; the oldest is updated.',
  ),
  commentUpdated: message('github.comment-updated', 'info', 'The sticky PR comment was updated.'),
  commentCreated: message('github.comment-created', 'info', 'The sticky PR comment was created.'),
  progressCommentPosted: message(
    'github.progress-comment-posted',
    'info',
    'The live PR comment was written at the start of the run; it is updated as each stage ends until the final report replaces it.',
  ),
  progressCommentUpdated: message(
    'github.progress-comment-updated',
    'debug',
    'The live PR comment was updated with the run so far (or the detail of an update that failed).',
  ),
  progressCommentFailed: message(
    'github.progress-comment-failed',
    'warn',
    'An update of the live PR comment failed; the run goes on, and the final report is still posted at the end.',
  ),
  postNothingSaved: message(
    'github.post-nothing-saved',
    'info',
    'The post step found no saved route: nothing to do.',
  ),
  postForeignCanary: message(
    'github.post-foreign-canary',
    'warn',
    'The post step found a canary its main step did not start and left it untouched.',
  ),
  postNothingPending: message(
    'github.post-nothing-pending',
    'info',
    'The post step found the route consistent: nothing to repair.',
  ),
  postRepaired: message('github.post-repaired', 'warn', 'The post step returned a route left mid-cutover.'),
  postFailed: message('github.post-failed', 'error', 'The post step could not check or repair the route.'),
  postUnverified: message(
    'github.post-unverified',
    'warn',
    'The post step cannot prove its repair with probes (no stage URL or secret).',
  ),
} as const;
