export const id = 725;
export const ids = [725];
export const modules = {

/***/ 33725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishWavesReport: () => (/* binding */ publishWavesReport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/report/markdown.ts + 8 modules
var markdown = __webpack_require__(44822);
// EXTERNAL MODULE: ./src/report/markdown/waves.ts
var waves = __webpack_require__(47440);
// EXTERNAL MODULE: ./src/core/progress.ts
var progress = __webpack_require__(34664);
;// CONCATENATED MODULE: ./src/github/messages.ts
// The Action adapter's own progress lines (report, job summary, PR comment, post step), each
// with a stable code: scripts and tests match codes, not sentences.

/** How every line of the post step starts. */
const POST_PREFIX = 'lmi-cutover post step:';
const GITHUB_MESSAGES = {
    outputShadowed: (0,progress/* message */.i)('github.output-shadowed', 'warn', "A stack output has an action output's name; it stays in the outputs JSON only."),
    reportWritten: (0,progress/* message */.i)('github.report-written', 'info', 'The JSON report was written at report-path.'),
    reportSchemaProblems: (0,progress/* message */.i)('github.report-schema-problems', 'warn', 'The written report does not match its schema; readers may reject it.'),
    reportWriteFailed: (0,progress/* message */.i)('github.report-write-failed', 'warn', 'The JSON report could not be written.'),
    shardReportWritten: (0,progress/* message */.i)('github.shard-report-written', 'info', "A load shard's shard report was written at shard-report-path, for the merge."),
    shardReportWriteFailed: (0,progress/* message */.i)('github.shard-report-write-failed', 'error', "A load shard's shard report could not be written: the run fails, since the merge cannot use the shard."),
    shardNoComment: (0,progress/* message */.i)('github.shard-no-comment', 'info', "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's."),
    summarySkipped: (0,progress/* message */.i)('github.summary-skipped', 'warn', 'The job summary was not written (and why).'),
    summaryTrimmed: (0,progress/* message */.i)('github.summary-trimmed', 'info', 'The job summary left sections out to fit.'),
    noPullRequest: (0,progress/* message */.i)('github.no-pull-request', 'info', 'No pull request to comment on.'),
    commentSkipped: (0,progress/* message */.i)('github.comment-skipped', 'warn', 'The sticky PR comment was not written (and why).'),
    commentDuplicates: (0,progress/* message */.i)('github.comment-duplicates', 'info', 'Several lmi-cutover comments exist for the stack; the oldest is updated.'),
    commentUpdated: (0,progress/* message */.i)('github.comment-updated', 'info', 'The sticky PR comment was updated.'),
    commentCreated: (0,progress/* message */.i)('github.comment-created', 'info', 'The sticky PR comment was created.'),
    progressCommentPosted: (0,progress/* message */.i)('github.progress-comment-posted', 'info', 'The live PR comment was written at the start of the run; it is updated as each stage ends until the final report replaces it.'),
    progressCommentUpdated: (0,progress/* message */.i)('github.progress-comment-updated', 'debug', 'The live PR comment was updated with the run so far (or the detail of an update that failed).'),
    progressCommentFailed: (0,progress/* message */.i)('github.progress-comment-failed', 'warn', 'An update of the live PR comment failed; the run goes on, and the final report is still posted at the end.'),
    postNothingSaved: (0,progress/* message */.i)('github.post-nothing-saved', 'info', 'The post step found no saved route: nothing to do.'),
    postForeignCanary: (0,progress/* message */.i)('github.post-foreign-canary', 'warn', 'The post step found a canary its main step did not start and left it untouched.'),
    postNothingPending: (0,progress/* message */.i)('github.post-nothing-pending', 'info', 'The post step found the route consistent: nothing to repair.'),
    postRepaired: (0,progress/* message */.i)('github.post-repaired', 'warn', 'The post step returned a route left mid-cutover.'),
    postFailed: (0,progress/* message */.i)('github.post-failed', 'error', 'The post step could not check or repair the route.'),
    postUnverified: (0,progress/* message */.i)('github.post-unverified', 'warn', 'The post step cannot prove its repair with probes (no stage URL or secret).'),
};

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/github/comment.ts
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




/** The login GITHUB_TOKEN's comments are written as. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
async function upsertStickyComment(req, log) {
    const marker = req.marker ?? (0,markdown/* commentMarker */.Ql)(req.stackName);
    const body = req.body.includes(marker) ? req.body : `${marker}\n${req.body}`;
    const target = `${req.owner}/${req.repo}#${req.issueNumber}`;
    if (body.length > markdown/* COMMENT_LIMIT */.W$) {
        return skipped(log, `the report is ${(0,format/* formatCount */.B4)(body.length)} characters, over GitHub's ${(0,format/* formatCount */.B4)(markdown/* COMMENT_LIMIT */.W$)}-character comment limit; ` +
            'render it with renderMarkdown(report, { limit: COMMENT_LIMIT })');
    }
    try {
        const octokit = (0,github/* getOctokit */.Q)(req.token, req.apiUrl ? { baseUrl: req.apiUrl } : {});
        if (req.commentId !== undefined) {
            const updated = await updateComment(octokit, req, req.commentId, body);
            if (updated) {
                log.emit(GITHUB_MESSAGES.commentUpdated, `Updated the lmi-cutover comment on ${target}: ${updated.url}`);
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
            log.emit(GITHUB_MESSAGES.commentDuplicates, `${ours.length} lmi-cutover comments for ${req.stackName} on ${target}; updating the oldest, #${ours[0]?.id}`);
        }
        const existing = ours[0];
        if (existing) {
            const updated = await updateComment(octokit, req, existing.id, body);
            if (updated) {
                log.emit(GITHUB_MESSAGES.commentUpdated, `Updated the lmi-cutover comment on ${target}: ${updated.url}`);
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
        log.emit(GITHUB_MESSAGES.commentCreated, `Created the lmi-cutover comment on ${target}: ${data.html_url}`);
        return { type: 'created', id: data.id, url: data.html_url };
    }
    catch (err) {
        // An abort is not GitHub's answer (Octokit labels it 500).
        return skipped(log, reasonFor(err, req, target), req.signal?.aborted ? undefined : statusOf(err));
    }
}
/** Updates a comment; undefined when it was deleted since it was listed (then a new one is made). */
async function updateComment(octokit, req, id, body) {
    try {
        const { data } = await octokit.rest.issues.updateComment({
            owner: req.owner,
            repo: req.repo,
            comment_id: id,
            body,
            request: { signal: req.signal },
        });
        return { id: data.id, url: data.html_url };
    }
    catch (err) {
        if (statusOf(err) === 404)
            return undefined;
        throw err;
    }
}
async function authorMatcher(octokit, signal) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated({ request: { signal } });
        return (c) => c.user?.login === data.login;
    }
    catch (err) {
        if (statusOf(err) !== 403)
            throw err;
        // An installation token (see the header): match the app's bot, never a person.
        return (c) => c.user?.type === 'Bot' &&
            (c.user.login === ACTIONS_BOT_LOGIN ||
                (Boolean(c.performed_via_github_app?.slug) &&
                    c.user.login === `${c.performed_via_github_app?.slug}[bot]`));
    }
}
function reasonFor(err, req, target) {
    if (req.signal?.aborted)
        return `GitHub did not answer in time for ${target}`;
    const status = statusOf(err);
    const said = githubMessage(err);
    switch (status) {
        case 401:
            return `GitHub rejected the token (401 ${said}); check the github-token input`;
        case 403:
            return (`the token cannot comment on ${target} (403 ${said}). On a pull request from a fork GITHUB_TOKEN is read-only; ` +
                'otherwise give the job `permissions: pull-requests: write`, or set `comment: false`. The job summary has the report');
        case 404:
            return `${target} was not found, or the token cannot see it (404 ${said}); check pr-number and the token's repository access`;
        case 422:
            return `GitHub refused the comment on ${target} (422 ${said})`;
        default:
            return `commenting on ${target} failed${status ? ` (${status})` : ''}: ${said}`;
    }
}
function skipped(log, reason, status) {
    log.emit(GITHUB_MESSAGES.commentSkipped, `PR comment skipped: ${reason}`);
    return { type: 'skipped', reason, ...(status !== undefined ? { status } : {}) };
}
const statusOf = (err) => {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
};
/** GitHub's own sentence ("Resource not accessible by integration"), without the docs URL. */
function githubMessage(err) {
    const data = err?.response?.data;
    const message = data?.message;
    if (typeof message === 'string' && message)
        return message;
    return err instanceof Error ? err.message : String(err);
}
/**
 * The PR to comment on: an explicit number (the `pr-number` input, for push and
 * workflow_dispatch runs) wins; otherwise the pull request of a pull_request(_target) event, or
 * of a comment on a pull request. Undefined when there is none — then there is nothing to comment on.
 */
function pullRequestNumber(context, explicit) {
    if (explicit !== undefined && String(explicit).trim() !== '') {
        const text = String(explicit).trim();
        const n = /^#?\d+$/.test(text) ? Number(text.replace('#', '')) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) {
            throw new Error(`pr-number: "${text}" is not a pull request number; give a whole number such as 42, or leave it empty`);
        }
        return n;
    }
    const { eventName, payload } = context;
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        return payload.pull_request?.number ?? payload.number;
    }
    if (eventName === 'issue_comment' && payload.issue?.pull_request)
        return payload.issue.number;
    return undefined;
}

;// CONCATENATED MODULE: ./src/github/waves-report.ts
// `lmi-cutover waves report` on GitHub: the table in the job summary and as its own sticky PR
// comment (found again by the waves' marker, never a stack's). The CLI runs it from a workflow
// step with GITHUB_TOKEN, so the Action needs no mode for it. Like the Action's own report,
// neither may fail the step: each problem is one warning.





async function publishWavesReport(summary, req, log) {
    let wroteSummary = false;
    if (req.summaryPath) {
        try {
            await (0,promises_.appendFile)(req.summaryPath, (0,waves/* renderWavesMarkdown */.Q)(summary, { limit: markdown/* SUMMARY_LIMIT */.Jt }), 'utf8');
            wroteSummary = true;
        }
        catch (e) {
            log.emit(GITHUB_MESSAGES.summarySkipped, `Job summary skipped: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    if (!req.comment)
        return { summary: wroteSummary };
    const marker = (0,waves/* wavesMarker */.B)(summary.name);
    const comment = await upsertStickyComment({
        ...req.comment,
        stackName: `waves ${summary.name}`,
        body: (0,waves/* renderWavesMarkdown */.Q)(summary, { limit: markdown/* COMMENT_LIMIT */.W$, marker }),
        marker,
    }, log);
    return { summary: wroteSummary, comment };
}


/***/ })

};
