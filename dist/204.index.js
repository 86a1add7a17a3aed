export const id = 204;
export const ids = [204];
export const modules = {

/***/ 26832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ versionRefSchema),
/* harmony export */   l: () => (/* binding */ routeSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45586);
// The route and the version it names as zod schemas, shared by every reader of saved data (the
// report read back from disk, the post step's saved state), so both accept exactly one shape.

const versionRefSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    side: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['standard', 'lmi']),
    functionName: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1),
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^\d+$/),
});
const routeSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ kind: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['standard', 'lmi']), target: versionRefSchema.optional() }),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        kind: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('canary'),
        percent: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).max(100),
        base: versionRefSchema.optional(),
        candidate: versionRefSchema.optional(),
    }),
]);


/***/ }),

/***/ 47318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kd: () => (/* binding */ pullRequestNumber),
/* harmony export */   qD: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* unused harmony export ACTIONS_BOT_LOGIN */
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40551);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92413);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12011);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(234);
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
    const marker = req.marker ?? (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .commentMarker */ .Ql)(req.stackName);
    const body = req.body.includes(marker) ? req.body : `${marker}\n${req.body}`;
    const target = `${req.owner}/${req.repo}#${req.issueNumber}`;
    if (body.length > _report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMENT_LIMIT */ .W$) {
        return skipped(log, `the report is ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(body.length)} characters, over GitHub's ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMENT_LIMIT */ .W$)}-character comment limit; ` +
            'render it with renderMarkdown(report, { limit: COMMENT_LIMIT })');
    }
    try {
        const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__.getOctokit)(req.token, req.apiUrl ? { baseUrl: req.apiUrl } : {});
        if (req.commentId !== undefined) {
            const updated = await updateComment(octokit, req, req.commentId, body);
            if (updated) {
                log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.commentUpdated, `Updated the lmi-cutover comment on ${target}: ${updated.url}`);
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
            log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.commentDuplicates, `${ours.length} lmi-cutover comments for ${req.stackName} on ${target}; updating the oldest, #${ours[0]?.id}`);
        }
        const existing = ours[0];
        if (existing) {
            const updated = await updateComment(octokit, req, existing.id, body);
            if (updated) {
                log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.commentUpdated, `Updated the lmi-cutover comment on ${target}: ${updated.url}`);
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
        log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.commentCreated, `Created the lmi-cutover comment on ${target}: ${data.html_url}`);
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
    log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.commentSkipped, `PR comment skipped: ${reason}`);
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


/***/ }),

/***/ 3507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentTarget: () => (/* binding */ commentTarget),
  publishReport: () => (/* binding */ publishReport),
  publishShardReport: () => (/* binding */ publishShardReport),
  runTrigger: () => (/* binding */ runTrigger)
});

// EXTERNAL MODULE: ./src/github/messages.ts
var messages = __webpack_require__(40551);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/report/markdown.ts + 7 modules
var report_markdown = __webpack_require__(234);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/report/schema.ts
var schema = __webpack_require__(91327);
;// CONCATENATED MODULE: ./src/report/json.ts
// The report on disk at `report-path`: written by the main step (and the CLI), read back by
// the post step or a later job. Reading validates the shape, so a truncated or foreign file is
// a clear error rather than a crash deep inside a renderer.




class ReportFileError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'ReportFileError';
    }
}
/** Writes the report as JSON, creating parent directories; atomic, so a reader never sees half a file. */
async function writeReportJson(path, report) {
    const json = `${JSON.stringify(report, null, 2)}\n`;
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await (0,promises_.writeFile)(tmp, json, 'utf8');
    await (0,promises_.rename)(tmp, path);
    const checked = schema/* reportSchema */.Q.safeParse(JSON.parse(json));
    return {
        path,
        bytes: Buffer.byteLength(json),
        problems: checked.success ? [] : checked.error.issues.map(describeIssue),
    };
}
/**
 * Reads and validates a report. The parsed JSON is returned as written (fields this version
 * does not know are kept), once the fields it does know have been checked.
 */
async function readReportJson(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT') {
            throw new ReportFileError('ReportNotFound', `report-path: no report at ${path}; the main step did not write one`);
        }
        throw new ReportFileError('ReportUnreadable', `report-path: cannot read ${path}: ${err.message}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        throw new ReportFileError('ReportNotJson', `report-path: ${path} is not JSON (${err.message})`);
    }
    const version = data?.schemaVersion;
    if (typeof version === 'number' && version !== 1) {
        throw new ReportFileError('ReportWrongVersion', `report-path: ${path} has report schema ${version}; this lmi-cutover reads schema 1 (use the same version that wrote it)`);
    }
    const checked = reportSchema.safeParse(data);
    if (!checked.success) {
        throw new ReportFileError('ReportInvalid', `report-path: ${path} is not an lmi-cutover report:\n${z.prettifyError(checked.error)}`);
    }
    return data;
}
const describeIssue = (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`;

// EXTERNAL MODULE: ./src/report/shard-json.ts
var shard_json = __webpack_require__(15181);
// EXTERNAL MODULE: ./src/github/comment.ts
var comment = __webpack_require__(47318);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
;// CONCATENATED MODULE: ./src/github/summary.ts
// The report in the job summary. GitHub caps one step's summary at 1 MiB, so the markdown is
// fitted to what is left of that budget (the file may already hold text from this step).
// Outside GitHub Actions (no GITHUB_STEP_SUMMARY) it is skipped, not an error.




/** Below this much room a summary would be only a headline: better said in a warning. */
const MIN_ROOM = 1024;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
async function writeJobSummary(report, log) {
    const path = process.env[SUMMARY_ENV_VAR];
    if (!path)
        return { type: 'skipped', reason: `${SUMMARY_ENV_VAR} is not set: not running in GitHub Actions` };
    try {
        const used = await (0,promises_.stat)(path).then((s) => s.size, () => 0);
        const room = report_markdown/* SUMMARY_LIMIT */.Jt - used;
        if (room < MIN_ROOM) {
            const reason = `the job summary already holds ${used} bytes of its ${report_markdown/* SUMMARY_LIMIT */.Jt}`;
            log.emit(messages/* GITHUB_MESSAGES */.R.summarySkipped, `Job summary skipped: ${reason}`);
            return { type: 'skipped', reason };
        }
        const fitted = (0,report_markdown/* renderMarkdownFitted */.kB)(report, { limit: room });
        await core/* summary */.z.addRaw(fitted.markdown).write();
        if (fitted.trimmed.length > 0)
            log.emit(messages/* GITHUB_MESSAGES */.R.summaryTrimmed, `Job summary trimmed to fit: left out ${fitted.trimmed.join('; ')}`);
        return { type: 'written', bytes: fitted.bytes, trimmed: fitted.trimmed };
    }
    catch (err) {
        // The report is also in the log and the JSON file; a summary that cannot be written must not fail the run.
        core/* summary */.z.emptyBuffer();
        const reason = `writing the job summary failed: ${err instanceof Error ? err.message : String(err)}`;
        log.emit(messages/* GITHUB_MESSAGES */.R.summarySkipped, reason);
        return { type: 'skipped', reason };
    }
}

;// CONCATENATED MODULE: ./src/github/publish-report.ts
// The end of every Action run, success or failure: the report as JSON at report-path, in the
// job summary, and as the sticky PR comment (replacing the live one the run kept up to date).
// None of these may fail the run: each problem is one warning, and the log keeps the run's own
// result.







/**
 * Where this run's sticky comment goes, or why there is none (a line to log, or nothing when
 * comments are off). The live comment and the final report ask the same question here, so the
 * live one never appears where the final one would not.
 */
function commentTarget(config, context) {
    if (!config.comment)
        return {};
    if (config.loadShard)
        return {
            why: {
                message: messages/* GITHUB_MESSAGES */.R.shardNoComment,
                text: "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's.",
            },
        };
    const pr = safePullRequest(context, config.prNumber);
    const repo = context.repository;
    if (pr === undefined || !repo) {
        return {
            why: {
                message: messages/* GITHUB_MESSAGES */.R.noPullRequest,
                text: 'No pull request to comment on (set pr-number for push and workflow_dispatch runs).',
            },
        };
    }
    if (!config.githubToken)
        return {
            why: { message: messages/* GITHUB_MESSAGES */.R.commentSkipped, text: 'PR comment skipped: github-token is empty.' },
        };
    return {
        target: {
            token: config.githubToken,
            owner: repo.owner,
            repo: repo.repo,
            issueNumber: pr,
            stackName: config.stackName,
            marker: (0,report_markdown/* commentMarker */.Ql)(config.stackName, config.mode),
        },
    };
}
/** What the report says about the run that produced it: event, commit, link, pull request. */
function runTrigger(context, explicitPr) {
    const pr = safePullRequest(context, explicitPr);
    const repo = context.repository;
    return {
        event: context.eventName || undefined,
        sha: context.sha || undefined,
        ref: context.ref || undefined,
        runUrl: repo && context.serverUrl && context.runId
            ? `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
            : undefined,
        pullRequest: pr,
    };
}
async function publishReport(report, options) {
    const { config, log } = options;
    const path = (0,external_node_path_.resolve)(options.cwd, config.reportPath);
    try {
        const written = await writeReportJson(path, report);
        options.setOutput('report-path', written.path);
        log.emit(messages/* GITHUB_MESSAGES */.R.reportWritten, `Report written to ${written.path} (${written.bytes} bytes).`);
        if (written.problems.length > 0) {
            log.emit(messages/* GITHUB_MESSAGES */.R.reportSchemaProblems, `The report at ${written.path} has schema problems: ${written.problems.slice(0, 5).join('; ')}`);
        }
    }
    catch (e) {
        log.emit(messages/* GITHUB_MESSAGES */.R.reportWriteFailed, `Writing the report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
        await writeJobSummary(report, log);
    }
    catch (e) {
        log.emit(messages/* GITHUB_MESSAGES */.R.summarySkipped, `Job summary skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
    const { target, why } = commentTarget(config, options.context);
    if (!target) {
        if (why)
            log.emit(why.message, why.text);
        return;
    }
    try {
        const { markdown } = (0,report_markdown/* renderMarkdownFitted */.kB)(report, { limit: report_markdown/* COMMENT_LIMIT */.W$, marker: target.marker });
        await (0,comment/* upsertStickyComment */.qD)({ ...target, body: markdown, commentId: options.commentId }, log);
    }
    catch (e) {
        log.emit(messages/* GITHUB_MESSAGES */.R.commentSkipped, `PR comment skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
}
/**
 * A load shard's report at shard-report-path, and its path as an output. It is what the shard
 * is for: false when it could not be written, and the run then fails.
 */
async function publishShardReport(shard, options) {
    const path = (0,external_node_path_.resolve)(options.cwd, options.config.shardReportPath);
    try {
        const written = await (0,shard_json/* writeShardReportJson */.Q)(path, shard);
        options.setOutput('shard-report-path', written.path);
        options.log.emit(messages/* GITHUB_MESSAGES */.R.shardReportWritten, `Shard report written to ${written.path} (${written.bytes} bytes).`);
        return true;
    }
    catch (e) {
        options.log.emit(messages/* GITHUB_MESSAGES */.R.shardReportWriteFailed, `Writing the shard report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`);
        return false;
    }
}
function safePullRequest(context, explicit) {
    try {
        return (0,comment/* pullRequestNumber */.Kd)({ eventName: context.eventName, payload: context.payload ?? {} }, explicit);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W$: () => (/* binding */ COMMENT_LIMIT),
  Jt: () => (/* binding */ SUMMARY_LIMIT),
  Ql: () => (/* binding */ commentMarker),
  kB: () => (/* binding */ renderMarkdownFitted)
});

// UNUSED EXPORTS: renderMarkdown

// EXTERNAL MODULE: ./src/report/facts.ts
var report_facts = __webpack_require__(51349);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/md.ts
var md = __webpack_require__(11109);
;// CONCATENATED MODULE: ./src/report/links.ts
function consoleHost(region) {
    if (region.startsWith('cn-'))
        return `https://${region}.console.amazonaws.cn`;
    if (region.startsWith('us-gov-'))
        return 'https://console.amazonaws-us-gov.com';
    return `https://${region}.console.aws.amazon.com`;
}
function consoleLinks(t) {
    const host = consoleHost(t.region);
    const region = encodeURIComponent(t.region);
    const links = {};
    if (t.stackId) {
        links.stack = `${host}/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${encodeURIComponent(t.stackId)}`;
    }
    const fn = (name) => `${host}/lambda/home?region=${region}#/functions/${encodeURIComponent(functionName(name))}`;
    if (t.lmiFunction)
        links.lmiFunction = fn(t.lmiFunction);
    if (t.standardFunction)
        links.standardFunction = fn(t.standardFunction);
    if (t.restApiId) {
        const id = encodeURIComponent(t.restApiId);
        links.api = `${host}/apigateway/main/apis/${id}/resources?api=${id}&region=${region}`;
    }
    return links;
}
/**
 * The links for a report: explicit `report.links` win; otherwise they are derived from what the
 * run recorded (the stack id, the workload template's outputs, the measured functions).
 */
function reportConsoleLinks(report) {
    const outputs = report.deploy?.outputs ?? {};
    const derived = consoleLinks({
        region: report.run.region,
        stackId: report.deploy?.stackId || report.run.stackName,
        lmiFunction: outputs['LmiFunctionName'] ?? report.provisioning?.functionName ?? report.load?.lmi.functionName,
        standardFunction: outputs['StandardFunctionName'] ?? report.load?.standard?.functionName,
        restApiId: outputs['RestApiId'],
    });
    return { ...derived, ...definedOnly(report.links ?? {}) };
}
/** The console wants the bare name: strip an ARN prefix and a `:qualifier`. */
function functionName(nameOrArn) {
    const arn = /^arn:[^:]+:lambda:[^:]+:\d+:function:([^:]+)/.exec(nameOrArn);
    if (arn?.[1])
        return arn[1];
    return nameOrArn.split(':')[0] ?? nameOrArn;
}
const definedOnly = (links) => Object.fromEntries(Object.entries(links).filter(([, v]) => typeof v === 'string' && v.length > 0));

;// CONCATENATED MODULE: ./src/report/markdown/headline.ts
// The top of the report: outcome and route now, the run's error, the loud block when a
// rollback itself failed, and the console links.




function headline(report, ctx) {
    const { run } = report;
    const o = report_facts/* OUTCOME_WORDS */.nx[run.outcome];
    const route = (0,report_facts/* routeLine */.Gs)(report.route);
    const duration = (0,report_facts/* runDurationMs */.sW)(report);
    const facts = [
        route ? `**route: ${route}**` : undefined,
        `region ${(0,md/* code */.aY)(run.region)}`,
        duration !== undefined ? `took ${(0,format/* formatDuration */.a3)(duration)}` : undefined,
        `started ${(0,format/* formatDateTime */.r6)(run.startedAt)}`,
        run.trigger?.runUrl ? `[workflow run](${run.trigger.runUrl})` : undefined,
        run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : undefined,
        run.trigger?.sha ? `commit ${(0,md/* code */.aY)((0,report_facts/* shortSha */.Fu)(run.trigger.sha) ?? '')}` : undefined,
        run.trigger?.event ? `on ${(0,md/* code */.aY)(run.trigger.event)}` : undefined,
    ].filter(Boolean);
    const parts = [
        `## ${o.emoji} lmi-cutover ${(0,md/* code */.aY)(run.mode)} ${o.word} on ${(0,md/* code */.aY)(run.stackName)}`,
        facts.join(' · '),
    ];
    if (run.error) {
        const message = ctx.prose(run.error.message);
        parts.push((0,md/* quoteBlock */.Af)(`[!WARNING]\n**${(0,md/* code */.aY)(run.error.code)}** ${message.includes('\n') ? `\n\n${message}` : message}`));
    }
    const kept = (0,report_facts/* productionKept */.CX)(report);
    if (kept)
        parts.push(`**${kept.charAt(0).toUpperCase()}${kept.slice(1)}.**`);
    return { id: 'headline', title: 'Headline', text: parts.join('\n\n') };
}
/** Loud on purpose: a failed rollback is the one state where a person must act now. */
function rollbackFailure(report, ctx) {
    const failure = report.cutover?.rollback?.failure;
    if (!failure)
        return undefined;
    const body = [
        '[!CAUTION]',
        '**The rollback failed: production traffic may still reach the version being rolled back. Fix the stage by hand now.**',
        '',
        ctx.prose(failure.message),
        '',
        'Stage state as last read:',
        '',
        (0,md/* fence */.EU)('text', ctx.freeText(failure.stageState)),
        '',
        'Fix it by hand (sends all traffic to the version production returns to):',
        '',
        // The command is never shortened: a clipped command is worse than none.
        (0,md/* fence */.EU)('sh', failure.manualFix),
    ].join('\n');
    return { id: 'rollback-failure', title: 'Rollback failure', text: (0,md/* quoteBlock */.Af)(body) };
}
function consoleLinksBlock(report) {
    const l = reportConsoleLinks(report);
    const links = [
        l.stack && `[CloudFormation stack](${l.stack})`,
        l.lmiFunction && `[LMI function](${l.lmiFunction})`,
        l.standardFunction && `[standard twin](${l.standardFunction})`,
        l.api && `[API Gateway API](${l.api})`,
    ].filter(Boolean);
    if (links.length === 0)
        return undefined;
    return { id: 'links', title: 'Console links', text: `**AWS console:** ${links.join(' · ')}`, dropRank: 9 };
}

// EXTERNAL MODULE: ./src/report/markdown/deploy.ts
var deploy = __webpack_require__(1963);
// EXTERNAL MODULE: ./src/report/markdown/plan.ts
var plan = __webpack_require__(73807);
;// CONCATENATED MODULE: ./src/report/generator-warning.ts
/** One line per side the generator limited; none when it kept up. */
function generatorWarnings(lmi, twin) {
    return [
        ['LMI', lmi],
        ['standard twin', twin],
    ].flatMap(([label, r]) => {
        const g = r?.generatorLimited;
        if (!g)
            return [];
        return [
            `Load generator limited (${label}): ${g.reason} (event loop ${Math.round(g.eventLoopBusy * 100)} % busy, ` +
                (g.eventLoopDelayMs === undefined ? '' : `up to ${g.eventLoopDelayMs} ms late, `) +
                `${g.cpuMsPerRequest} ms CPU per request); these latencies are an upper bound, not the function's own.`,
        ];
    });
}

;// CONCATENATED MODULE: ./src/report/shards-note.ts
/** Below this share of their span with every shard sending, the shards were not one burst. */
const AT_ONCE_WARNING = 0.9;
function shardsNote(section) {
    if (!section)
        return undefined;
    const { id, count } = section;
    if (section.shard !== undefined) {
        return {
            text: `Shard ${section.shard} of ${count} of sharded check ${id}: these figures are this run's share only, ` +
                `and no gate was applied. Mode merge adds up the ${count} shards and judges the whole check.`,
            warning: false,
        };
    }
    const at = section.allAtOnce;
    const percent = (f) => `${Math.round(f * 100)} %`;
    const once = at
        ? ` Every shard was sending for ${percent(at.lmi)} of the LMI burst's span${at.standard === undefined ? '' : ` and ${percent(at.standard)} of the twin's`}.`
        : '';
    const low = at !== undefined && Math.min(at.lmi, at.standard ?? 1) < AT_ONCE_WARNING;
    return {
        text: `Merged from ${count} shards of sharded check ${id}: percentiles from their latency histograms added up exactly, ` +
            `counts summed, environments counted once by id.${once}` +
            (low ? ' For the rest of the span fewer requests than the concurrency shown were in flight.' : ''),
        warning: low,
    };
}

// EXTERNAL MODULE: ./src/cost/lmi.ts
var lmi = __webpack_require__(84507);
// EXTERNAL MODULE: ./src/cost/standard.ts
var standard = __webpack_require__(49632);
;// CONCATENATED MODULE: ./src/report/charts.ts



/**
 * One colour per side, the same in GitHub's light and dark mode (an init directive sets them;
 * mermaid's own default palette starts at #ECECFF, 1.17:1 on white). Each is at least 3:1
 * (WCAG's figure for graphics) on white, on mermaid's dark background (#333) and on GitHub's
 * dark page, and blue against orange stays apart for the common colour-vision deficiencies.
 */
const SERIES_COLOURS = { lmi: '#2f81f7', standard: '#e8590c' };
function mermaidXyChart(chart) {
    const max = Math.max(0, ...chart.series.flatMap((s) => s.values.filter(Number.isFinite)));
    const palette = chart.series.map((s) => s.colour).join(',');
    const lines = [
        `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
        'xychart-beta',
        `  title ${quote(chart.title)}`,
        `  x-axis ${chart.xTitle ? `${quote(chart.xTitle)} ` : ''}[${chart.categories.map(quote).join(', ')}]`,
        `  y-axis ${quote(chart.yTitle)} 0 --> ${(0,format/* plainNumber */.ku)(niceCeiling(max * 1.1))}`,
        ...chart.series.map((s) => `  ${s.kind} [${s.values.map(format/* plainNumber */.ku).join(', ')}]`),
    ];
    return ['```mermaid', ...lines, '```'].join('\n');
}
/** Latency percentiles: bars for LMI, a line for the standard twin. */
function latencyChart(lmi, twin) {
    const pick = (l) => [l.p50, l.p95, l.p99, l.max];
    return {
        title: twin ? 'Latency (ms): LMI bars, standard twin line' : 'Latency (ms): LMI',
        categories: ['p50', 'p95', 'p99', 'max'],
        yTitle: 'ms',
        series: [
            { kind: 'bar', colour: SERIES_COLOURS.lmi, values: pick(lmi) },
            ...(twin ? [{ kind: 'line', colour: SERIES_COLOURS.standard, values: pick(twin) }] : []),
        ],
    };
}
/**
 * The sweep: p95 against concurrency per execution environment, the knee named in the title.
 * More levels than fit are thinned (the knee, the first and the last always stay).
 */
function sweepChart(points) {
    const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
    const labels = sorted.map((p) => String(p.concurrencyPerEnvironment));
    const kept = thinIndices(sorted.length, maxCategories(labels), sorted.flatMap((p, i) => (p.knee ? [i] : []))).map((i) => sorted[i]);
    const knee = sorted.find((p) => p.knee);
    return {
        title: knee
            ? `LMI p95 (ms) by concurrency: knee at ${knee.concurrencyPerEnvironment}`
            : 'LMI p95 (ms) by concurrency',
        xTitle: 'requests in flight per environment',
        categories: kept.map((p) => String(p.concurrencyPerEnvironment)),
        yTitle: 'p95 ms',
        series: [{ kind: 'line', colour: SERIES_COLOURS.lmi, values: kept.map((p) => p.latency.p95) }],
    };
}
/**
 * Monthly cost of both options over a range of volumes on a geometric grid that spans the
 * run's volume and the crossover. Each point is priced exactly as `compareCosts` prices its
 * volume (same functions, same inputs; a test holds them equal) without its crossover search,
 * which would cost ~8 ms a point. The crossover and the run's volume are marked points.
 */
function costCurve(input, at, points = 8) {
    const volume = input.invocations;
    const cross = at.crossoverInvocations;
    const lo = Math.max(1000, (cross === null ? volume / 10 : Math.min(volume, cross) / 3) || 1000);
    const hi = Math.max(lo * 10, cross === null ? volume * 10 : Math.max(volume, cross) * 3);
    const ratio = (hi / lo) ** (1 / (points - 1));
    const grid = Array.from({ length: points }, (_, i) => twoSignificant(lo * ratio ** i));
    const marks = new Map([[volume, ['this run']]]);
    if (cross !== null)
        marks.set(cross, [...(marks.get(cross) ?? []), 'crossover']);
    // A grid point closer to a marked volume than half a grid step gives way to it, so the axis
    // stays evenly spaced (in log terms) and no label sits right beside a mark.
    const halfStep = Math.log(ratio) / 2;
    const kept = grid.filter((g) => ![...marks.keys()].some((m) => Math.abs(Math.log(g / m)) < halfStep));
    const volumes = [...new Set([...kept, ...marks.keys()])].sort((a, b) => a - b);
    return volumes.map((invocations) => ({
        invocations,
        marks: marks.get(invocations) ?? [],
        standard: (0,standard/* standardMonthlyCost */.I)({ ...input.standard, invocations, architecture: input.lmi.architecture })
            .total,
        lmi: (0,lmi/* lmiMonthlyCost */.z)({ ...input.lmi, invocations }).total,
    }));
}
/** Bars for LMI (whole instances: a step per instance), a line for standard Lambda (pay per use). */
function costChart(curve, crossover) {
    // Volumes that print alike ("5M" for 5.0M and 5.04M) would merge into one category: keep one,
    // a marked one first.
    const byLabel = new Map();
    for (const p of [...curve].sort((a, b) => b.marks.length - a.marks.length)) {
        if (!byLabel.has((0,format/* formatVolume */.Qt)(p.invocations)))
            byLabel.set((0,format/* formatVolume */.Qt)(p.invocations), p);
    }
    const unique = [...byLabel.values()].sort((a, b) => a.invocations - b.invocations);
    const labels = unique.map((p) => (0,format/* formatVolume */.Qt)(p.invocations));
    const kept = thinIndices(unique.length, maxCategories(labels), unique.flatMap((p, i) => (p.marks.length > 0 ? [i] : []))).map((i) => unique[i]);
    const run = curve.find((p) => p.marks.includes('this run'));
    const runText = run ? `this run ${(0,format/* formatVolume */.Qt)(run.invocations)}, ` : '';
    return {
        title: `Monthly cost: ${runText}${crossover === null ? 'no crossover' : `crossover ${(0,format/* formatVolume */.Qt)(crossover)}`}`,
        xTitle: 'invocations per month',
        categories: kept.map((p) => (0,format/* formatVolume */.Qt)(p.invocations)),
        yTitle: 'USD per month',
        series: [
            { kind: 'bar', colour: SERIES_COLOURS.lmi, values: kept.map((p) => p.lmi) },
            { kind: 'line', colour: SERIES_COLOURS.standard, values: kept.map((p) => p.standard) },
        ],
    };
}
// The x-axis gets what is left of the 700 px chart after the y-axis, its labels and title:
// about 600 px, split evenly between categories. A label is budgeted at 9 px a character (14 px
// digits in DejaVu Sans / Verdana, the widest font a reader's browser is likely to fall back to)
// plus 12 px of space, so narrower fonts fit with room to spare.
const X_AXIS_PX = 580;
const LABEL_CHAR_PX = 9;
const LABEL_GAP_PX = 12;
/** How many categories with labels like these fit side by side on the x-axis (never fewer than 2). */
function maxCategories(labels) {
    const longest = Math.max(1, ...labels.map((l) => l.length));
    return Math.max(2, Math.floor(X_AXIS_PX / (longest * LABEL_CHAR_PX + LABEL_GAP_PX)));
}
/**
 * Which of `count` points to chart so that at most `max` remain: every pinned index, then the
 * others spread evenly (the first and last among them included). Ascending. On a band axis every
 * category gets the same width, so any `max` of them fit; pinned points beyond `max` still stay.
 */
function thinIndices(count, max, pinned = []) {
    const all = Array.from({ length: count }, (_, i) => i);
    if (count <= max)
        return all;
    const pins = new Set(pinned.filter((i) => Number.isInteger(i) && i >= 0 && i < count));
    const rest = all.filter((i) => !pins.has(i));
    const slots = Math.min(rest.length, max - pins.size);
    const spread = slots <= 0
        ? []
        : slots === 1
            ? [rest[Math.floor((rest.length - 1) / 2)]]
            : Array.from({ length: slots }, (_, k) => rest[Math.round((k * (rest.length - 1)) / (slots - 1))]);
    return [...new Set([...pins, ...spread])].sort((a, b) => a - b);
}
/** The smallest round value (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above n, to end the axis on. */
function niceCeiling(n) {
    if (!(n > 0))
        return 1;
    const exp = 10 ** Math.floor(Math.log10(n));
    const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * exp >= n * (1 - 1e-12)) ?? 10;
    return step * exp;
}
const twoSignificant = (n) => {
    const exp = 10 ** (Math.floor(Math.log10(n)) - 1);
    return Math.round(n / exp) * exp;
};
const quote = (text) => `"${text.replace(/["\r\n]/g, ' ').replace(/%%/g, '%')}"`;

// EXTERNAL MODULE: ./src/core/latency-baseline.ts
var latency_baseline = __webpack_require__(39053);
;// CONCATENATED MODULE: ./src/report/markdown/verify.ts
// Smoke checks, the concurrency check LMI vs twin with its gates, and the sweep.






/** `v3` for a version number; an alias as it is. */
const versionText = (v) => (/^\d+$/.test(v) ? `v${v}` : v);
function smoke(report, ctx) {
    const s = report.smoke;
    if (!s || s.checks.length === 0)
        return undefined;
    const passed = s.checks.filter((c) => c.passed).length;
    const rows = s.checks.map((c) => [
        (0,md/* passMark */.pA)(c.passed),
        ctx.cellText(c.name),
        `${c.target === 'lmi' ? 'LMI' : 'twin'}${c.version ? ` ${versionText(c.version)}` : ''}`,
        (0,md/* codeCell */.MZ)(c.request, ctx.budget.cell),
        ctx.cellText(c.expected),
        ctx.cellText(c.actual),
        (0,format/* formatDuration */.a3)(c.durationMs),
    ]);
    // Failed checks first: they are what the reader came for.
    rows.sort((a, b) => Number(a[0] === '✅') - Number(b[0] === '✅'));
    const body = (0,md/* table */.tp)(['', 'Check', 'Target', 'Request', 'Expected', 'Actual', 'Time'], ctx.capRows(rows, 'smoke checks'));
    const title = `### Smoke checks: ${passed}/${s.checks.length} passed ${(0,md/* passMark */.pA)(s.passed)}`;
    const text = `${title}\n\n${(0,md/* details */.zH)(`${s.checks.length} check(s)`, body, !s.passed)}`;
    return { id: 'smoke', title: 'Smoke checks', text, dropRank: 6 };
}
function load(report, ctx) {
    const l = report.load;
    if (!l)
        return [];
    const twin = l.standard;
    const both = (f) => [f(l.lmi), ...(twin ? [f(twin)] : [])];
    const metric = (name, f) => [name, ...both(f)];
    const rows = [
        metric('Target', (r) => (0,md/* codeCell */.MZ)(`${r.functionName}:${r.qualifier}`, ctx.budget.cell)),
        metric('Concurrency / requests', (r) => `${(0,format/* formatCount */.B4)(r.concurrency)} / ${(0,format/* formatCount */.B4)(r.requests)}`),
        metric('p50', (r) => (0,format/* formatMs */._V)(r.latency.p50)),
        metric('p95', (r) => (0,format/* formatMs */._V)(r.latency.p95)),
        metric('p99', (r) => (0,format/* formatMs */._V)(r.latency.p99)),
        metric('max', (r) => (0,format/* formatMs */._V)(r.latency.max)),
        metric('Throughput', (r) => `${r.throughputRps.toFixed(1)} req/s`),
        metric('Errors', (r) => `${(0,format/* formatCount */.B4)(r.errors)} (${(0,format/* formatRate */.CE)(r.errorRate)})`),
        metric('Throttles', (r) => `${(0,format/* formatCount */.B4)(r.throttles)} (${(0,format/* formatRate */.CE)(r.throttleRate)})`),
        metric('Environments used', (r) => r.environments === undefined
            ? 'unknown: the app does not report its environment'
            : (0,format/* formatCount */.B4)(r.environments)),
        ...(l.lmi.environments !== undefined || twin?.environments !== undefined
            ? [
                metric('Peak in flight per environment', (r) => r.environments === undefined ? '–' : inFlightPeak(r)),
            ]
            : []),
        metric('Cold starts', (r) => (r.coldStarts === undefined ? '–' : (0,format/* formatCount */.B4)(r.coldStarts))),
        metric('Isolation', (r) => {
            const i = r.isolation;
            if (!i)
                return 'not applicable: no events table to read back';
            return (`${(0,md/* passMark */.pA)(i.passed)} ${(0,format/* formatCount */.B4)(i.stored)}/${(0,format/* formatCount */.B4)(i.expectedStored)} stored, ` +
                `${(0,format/* formatCount */.B4)(i.duplicates)} duplicate(s), ${(0,format/* formatCount */.B4)(i.mismatchedIds)} mismatched id(s)`);
        }),
        metric('Wall time', (r) => (0,format/* formatDuration */.a3)(r.wallMs)),
    ];
    const headers = ['', 'LMI', ...(twin ? ['Standard twin'] : [])];
    const warnings = generatorWarnings(l.lmi, twin).map((w) => `\n\n> ⚠️ ${w}`);
    const sharded = shardsNote(l.shards);
    if (sharded)
        warnings.unshift(`\n\n${sharded.warning ? '> ⚠️ ' : ''}${ctx.prose(sharded.text)}`);
    const blocks = [
        {
            id: 'load',
            title: 'Concurrency check',
            text: `### Concurrency check: LMI${twin ? ' vs standard twin' : ''}\n\n${(0,md/* table */.tp)(headers, rows, headers.map((_, i) => (i === 0 ? 'l' : 'r')))}${warnings.join('')}`,
            dropRank: 7,
        },
        {
            id: 'latency-chart',
            title: 'Latency chart',
            text: mermaidXyChart(latencyChart(l.lmi.latency, twin?.latency)),
            dropRank: 3,
        },
    ];
    const gates = gatesBlock(l.gates, l.p95Baseline, ctx);
    if (gates)
        blocks.push(gates);
    return blocks;
}
/**
 * The peak in flight per environment, said as what it is (peakInFlightSource). Counted by the
 * function, it is shown as is; where an LMI environment answered from several worker threads,
 * each counting only its own requests, it is the busiest worker's count, so "≥". Estimated from
 * client-side request timing, it also holds the network and queueing, so it can overstate:
 * standard Lambda serves one request per environment, so for the twin an estimate above 1 is that
 * overlap, never a fact; its cell states the guarantee and names the overlap.
 */
function inFlightPeak(r) {
    const peak = (0,format/* formatCount */.B4)(r.peakInFlightPerEnvironment ?? 0);
    switch (r.peakInFlightSource ?? 'client-estimate') {
        case 'function':
            return `${peak}, counted by the function`;
        case 'function-per-worker':
            return `≥${peak}, counted by the function per worker thread (the busiest one's count)`;
        case 'client-estimate':
            if (r.target === 'lmi')
                return `≈${peak}, estimated from client-side timing`;
            return (r.peakInFlightPerEnvironment ?? 0) > 1
                ? `1, as standard Lambda guarantees (client-side timing showed ≈${peak}: overlap, not concurrency)`
                : '1, as standard Lambda guarantees';
    }
}
function gatesBlock(gates, baseline, ctx) {
    if (gates.length === 0)
        return undefined;
    const value = (v) => (typeof v === 'number' ? gateNumber(v) : ctx.cellText(v));
    const rows = gates.map((g) => [(0,md/* passMark */.pA)(g.passed), (0,md/* code */.aY)(g.name), value(g.limit), value(g.actual)]);
    // Where an auto limit came from, under the table: a reader must see what it was compared with.
    const basis = baseline ? `\n\n${(0,md/* code */.aY)('max-p95-ms')} ${ctx.prose((0,latency_baseline/* describeBaseline */.F)(baseline))}.` : '';
    const text = `#### Gates\n\n${(0,md/* table */.tp)(['', 'Gate', 'Limit', 'Actual'], ctx.capRows(rows, 'gates'), ['l', 'l', 'r', 'r'])}${basis}`;
    return { id: 'gates', title: 'Gates', text, dropRank: 7 };
}
/** Gate figures are rates (0.05) or milliseconds (312.5): four decimals keep both exact enough. */
const gateNumber = (v) => String(Math.round(v * 10000) / 10000);
/** A chart with more points than this is unreadable; the table still has them all. */
const MAX_CHART_POINTS = 40;
function sweep(report, ctx) {
    const points = report.load?.sweep;
    if (!points || points.length === 0)
        return [];
    const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
    const rows = sorted.map((p) => [
        (0,format/* formatCount */.B4)(p.concurrencyPerEnvironment),
        (0,format/* formatMs */._V)(p.latency.p50),
        (0,format/* formatMs */._V)(p.latency.p95),
        (0,format/* formatMs */._V)(p.latency.p99),
        `${p.throughputRps.toFixed(1)} req/s`,
        (0,format/* formatRate */.CE)(p.errorRate),
        (0,format/* formatCount */.B4)(p.throttles),
        p.knee ? '◀ **knee**' : '',
    ]);
    const knee = sorted.find((p) => p.knee);
    const advice = knee
        ? `Latency bends upward past **${knee.concurrencyPerEnvironment}** concurrent requests per environment: a data point for \`PerExecutionEnvironmentMaxConcurrency\`.`
        : 'No knee found in the levels swept.';
    const tableText = (0,md/* table */.tp)(['Per environment', 'p50', 'p95', 'p99', 'Throughput', 'Errors', 'Throttles', ''], ctx.capRows(rows, 'sweep levels'), ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
    const blocks = [
        {
            id: 'sweep',
            title: 'Concurrency sweep',
            text: `### Concurrency sweep\n\n${advice}\n\n${tableText}`,
            dropRank: 4,
        },
    ];
    if (sorted.length <= MAX_CHART_POINTS) {
        const chart = sweepChart(sorted);
        const shown = chart.categories.length;
        // Levels that would not fit side by side on the x-axis are left out of the chart, not the table.
        const note = shown < sorted.length
            ? `\n\n_The chart shows ${shown} of the ${sorted.length} levels${knee ? ', the knee among them' : ''}; the table lists every level._`
            : '';
        blocks.push({
            id: 'sweep-chart',
            title: 'Sweep chart',
            text: `${mermaidXyChart(chart)}${note}`,
            dropRank: 2,
        });
    }
    return blocks;
}

// EXTERNAL MODULE: ./src/report/markdown/cutover.ts
var cutover = __webpack_require__(35996);
// EXTERNAL MODULE: ./src/cost/prices.ts
var prices = __webpack_require__(51295);
;// CONCATENATED MODULE: ./src/report/markdown/cost.ts
// Standard Lambda vs LMI per month, the crossover, the chart over volumes, the assumptions.




function cost(report, ctx) {
    const c = report.cost;
    if (!c)
        return [];
    const { standard: s, lmi: l } = c;
    const rows = [
        ['Requests', (0,format/* formatUsd */.UK)(s.requests), (0,format/* formatUsd */.UK)(l.requests)],
        ['Compute (GB-seconds)', (0,format/* formatUsd */.UK)(s.compute), '–'],
        [
            `EC2: ${l.instances} × ${l.instanceType} at ${(0,format/* formatUnitPrice */.jx)(l.instanceHourly)}/h`,
            '–',
            (0,format/* formatUsd */.UK)(l.ec2),
        ],
        [`Management fee (${prices/* LMI_MANAGEMENT_FEE */.Ee * 100} % of on-demand)`, '–', (0,format/* formatUsd */.UK)(l.managementFee)],
        ['**Total per month**', `**${(0,format/* formatUsd */.UK)(s.total)}**`, `**${(0,format/* formatUsd */.UK)(l.total)}**`],
    ];
    const diff = Math.abs(c.lmiMinusStandard);
    const verdict = c.cheaper === 'lmi'
        ? `LMI is **${(0,format/* formatUsd */.UK)(diff)}/month cheaper** at this volume.`
        : `LMI is **${(0,format/* formatUsd */.UK)(diff)}/month dearer** at this volume.`;
    const crossover = c.crossoverInvocations === null
        ? 'With these inputs LMI never becomes the cheaper option (checked up to 10¹² invocations a month).'
        : `LMI costs no more than standard Lambda from about **${(0,format/* formatVolume */.Qt)(c.crossoverInvocations)} invocations a month** (${(0,format/* formatCount */.B4)(c.crossoverInvocations)}).`;
    const text = [
        `### Cost per month at ${(0,format/* formatCount */.B4)(c.invocations)} invocations`,
        (0,md/* table */.tp)(['', 'Standard Lambda', 'LMI'], rows, ['l', 'r', 'r']),
        `${verdict} ${crossover}`,
    ].join('\n\n');
    const blocks = [{ id: 'cost', title: 'Cost comparison', text, dropRank: 6 }];
    if (c.input)
        blocks.push(costChartBlock(c.input, c));
    if (c.assumptions.length > 0) {
        const shown = c.assumptions.slice(0, Math.max(1, ctx.budget.rows));
        if (shown.length < c.assumptions.length)
            ctx.trimmed.push(`${c.assumptions.length - shown.length} cost assumptions`);
        const list = shown.map((a) => `- ${ctx.prose(a)}`).join('\n');
        blocks.push({
            id: 'cost-assumptions',
            title: 'Cost assumptions',
            text: (0,md/* details */.zH)('Assumptions', list),
            dropRank: 2,
        });
    }
    return blocks;
}
function costChartBlock(input, at) {
    let text;
    try {
        const chart = mermaidXyChart(costChart(costCurve(input, at), at.crossoverInvocations));
        // The chart carries no legend: the caption names the series by colour and shape, which the
        // chart sets the same in GitHub's light and dark mode.
        const caption = '_Blue bars: LMI (whole instances, never fewer than 3). Orange line: standard Lambda (pay per use). ' +
            "The x-axis is roughly logarithmic; this run's volume and the crossover named in the title are exact points on it._";
        text = `${chart}\n\n${caption}`;
    }
    catch (err) {
        // A report read back from disk may carry inputs this version cannot price; the table still stands.
        text = `_Cost chart unavailable: ${(0,md/* escapeHtml */.ZD)(err instanceof Error ? err.message : String(err))}_`;
    }
    return { id: 'cost-chart', title: 'Cost chart', text, dropRank: 3 };
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// The report as GitHub markdown, for the job summary and the sticky PR comment alike, fitted
// under a size limit by leaving detail out — never by failing, never by cutting a table.
//
// Sizes are measured in UTF-8 bytes. GitHub limits a comment to 65,536 characters and a step
// summary to 1 MiB; a string's UTF-8 length is never below its character count, so one measure
// keeps both limits.









/** GitHub's limit for an issue or pull request comment body. */
const COMMENT_LIMIT = 65_536;
/** GitHub's limit for one step's job summary. */
const SUMMARY_LIMIT = 1_048_576;
/**
 * The hidden marker that finds this stack's sticky comment again. A plan has its own: the PR
 * keeps what merging would do to a stack apart from what a run on that stack did. So has a merge
 * of shards: the whole check's verdict sits beside the verify run's report, not over it.
 */
const commentMarker = (stackName, mode) => mode === 'plan' || mode === 'merge'
    ? `<!-- lmi-cutover:${mode}:${stackName} -->`
    : `<!-- lmi-cutover:${stackName} -->`;
/** Detail levels tried in order until the report fits. */
const LEVELS = [
    { rows: Number.POSITIVE_INFINITY, cell: 300, text: 8000 },
    { rows: 2000, cell: 300, text: 8000 },
    { rows: 500, cell: 200, text: 4000 },
    { rows: 100, cell: 160, text: 2000 },
    { rows: 20, cell: 120, text: 1000 },
    { rows: 5, cell: 80, text: 500 },
];
function renderMarkdown(report, opts) {
    return renderMarkdownFitted(report, opts).markdown;
}
function renderMarkdownFitted(report, opts) {
    const label = limitLabel(opts.limit);
    let built;
    for (const budget of LEVELS) {
        built = build(report, budget);
        const r = compose(report, built, opts, label, new Set());
        if (r.bytes <= opts.limit)
            return r;
    }
    // Fewest rows everywhere and still too big: replace whole blocks by a line, least useful first.
    const last = built;
    const droppable = last.blocks
        .map((b, position) => ({ ...b, position }))
        .filter((b) => b.dropRank !== undefined)
        .sort((a, b) => (a.dropRank ?? 0) - (b.dropRank ?? 0) || b.position - a.position);
    const dropped = new Set();
    for (const block of droppable) {
        dropped.add(block.id);
        const r = compose(report, last, opts, label, dropped);
        if (r.bytes <= opts.limit)
            return r;
    }
    return minimal(report, opts, label);
}
function build(report, budget) {
    const ctx = new md/* RenderContext */.AZ(budget);
    const blocks = buildBlocks(report, ctx);
    return { blocks, trimmed: [...new Set(ctx.trimmed)] };
}
function buildBlocks(report, ctx) {
    return [
        headline(report, ctx),
        rollbackFailure(report, ctx),
        (0,plan/* planBlock */.H)(report, ctx),
        consoleLinksBlock(report),
        (0,deploy/* timeline */.IO)(report, ctx),
        ...(0,deploy/* changeSet */.Jn)(report, ctx),
        (0,deploy/* stackOutputs */.XC)(report, ctx),
        (0,deploy/* provisioning */.iq)(report, ctx),
        smoke(report, ctx),
        ...load(report, ctx),
        ...sweep(report, ctx),
        (0,cutover/* cutoverSteps */.MJ)(report, ctx),
        (0,cutover/* routeChanges */.F7)(report, ctx),
        (0,cutover/* rollback */.dU)(report, ctx),
        (0,cutover/* deletedVersions */.f0)(report, ctx),
        ...cost(report, ctx),
    ].filter((b) => b !== undefined);
}
function compose(report, built, opts, label, dropped) {
    const droppedTitles = [];
    const parts = built.blocks.map((b) => {
        if (!dropped.has(b.id))
            return b.text;
        droppedTitles.push(b.title);
        return `_✂️ ${b.title}: left out to fit ${label}._`;
    });
    const trimmed = built.trimmed.concat(droppedTitles.map((t) => `the ${t.toLowerCase()} block`));
    const markdown = join([opts.marker, ...parts, footer(report, trimmed, label, opts.marker !== undefined)]);
    return { markdown, bytes: byteLength(markdown), trimmed };
}
function footer(report, trimmed, label, isComment) {
    const lines = [];
    if (trimmed.length > 0) {
        lines.push(`✂️ Trimmed to fit ${label}: left out ${trimmed.join('; ')}. The JSON report (\`report-path\`) has everything.`);
    }
    const runs = report.run.mode === 'plan'
        ? 'every plan of this stack'
        : report.run.mode === 'merge'
            ? 'every merge of sharded checks of this stack'
            : 'every run for this stack';
    const sticky = isComment ? ` · this comment is updated in place by ${runs}` : '';
    lines.push(`<sub>${report.tool.name} ${report.tool.version} · report schema ${report.schemaVersion}${sticky}</sub>`);
    return lines.join('\n\n');
}
/**
 * The last resort for a limit too small for any table: the outcome, and the manual fix when a
 * rollback failed. If even that does not fit, the text is cut at a character boundary.
 */
function minimal(report, opts, label) {
    const o = report_facts/* OUTCOME_WORDS */.nx[report.run.outcome];
    const fix = report.cutover?.rollback?.failure?.manualFix;
    const note = `✂️ Everything else was left out to fit ${label}; the JSON report (\`report-path\`) has it.`;
    const full = join([
        opts.marker,
        `## ${o.emoji} lmi-cutover \`${report.run.mode}\` ${o.word} on \`${report.run.stackName}\``,
        fix ? `**The rollback failed. Fix it by hand:**\n\n${(0,md/* fence */.EU)('sh', fix)}` : undefined,
        note,
    ]);
    const markdown = byteLength(full) <= opts.limit ? full : cutToBytes(full, opts.limit);
    return { markdown, bytes: byteLength(markdown), trimmed: ['every section but the outcome'] };
}
const join = (parts) => `${parts.filter((p) => p !== undefined && p !== '').join('\n\n')}\n`;
const byteLength = (s) => Buffer.byteLength(s, 'utf8');
function cutToBytes(s, limit) {
    let out = Buffer.from(s, 'utf8').subarray(0, Math.max(0, limit)).toString('utf8');
    // A cut inside a multi-byte character decodes to U+FFFD (3 bytes): drop it.
    while (out.endsWith('\uFFFD') || byteLength(out) > limit)
        out = out.slice(0, -1);
    return out;
}
function limitLabel(limit) {
    if (limit === COMMENT_LIMIT)
        return "GitHub's 65,536-character comment limit";
    if (limit === SUMMARY_LIMIT)
        return "GitHub's 1 MiB job summary limit";
    return `a ${(0,format/* formatCount */.B4)(limit)}-byte limit`;
}


/***/ }),

/***/ 35996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ stepsTable),
/* harmony export */   F7: () => (/* binding */ routeChanges),
/* harmony export */   MJ: () => (/* binding */ cutoverSteps),
/* harmony export */   dU: () => (/* binding */ rollback),
/* harmony export */   f0: () => (/* binding */ deletedVersions)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);
/* harmony import */ var _md_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11109);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25179);
// The cutover: each canary step with its observed split and figures, every route change with
// its timestamp, the rollback, and version hygiene.



function cutoverSteps(report, ctx) {
    const c = report.cutover;
    if (!c || c.steps.length === 0)
        return undefined;
    const ending = c.promoted
        ? '✅ Promoted: the stage now sends all traffic to the candidate version, without a canary.'
        : c.rolledBack
            ? '↩️ Not promoted: the release was rolled back; production is where it was.'
            : 'Not promoted.';
    const body = stepsTable(c.steps, ctx);
    const sources = metricsSources(c.steps);
    const tests = errorTests(c.steps);
    return {
        id: 'cutover',
        title: 'Cutover steps',
        text: `### Cutover steps\n\n${body}\n\n${tests ? `${tests}\n\n` : ''}${sources ? `${sources}\n\n` : ''}${ending}`,
        dropRank: 6,
    };
}
/** One row per step: its split, tolerance, p95 and errors per side, and its verdict. */
function stepsTable(steps, ctx) {
    const rows = steps.map((s) => stepRow(s, ctx));
    return (0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)([
        'Step',
        'Started',
        'Bake',
        'Probes',
        'Observed candidate',
        'Tolerance',
        'Candidate p95',
        'Production p95',
        'Candidate errors',
        'Production errors',
        'Result',
    ], 
    // The tail holds the step that ended the run: keep it when rows are left out.
    ctx.capRows(rows, 'cutover steps', { keepTail: true }), ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}
/** How each step's errors were decided: the test, its p-value, and whether the sample was big enough for it. */
function errorTests(steps) {
    const tested = steps.filter((s) => s.errorTest);
    const first = tested[0]?.errorTest;
    if (!first)
        return undefined;
    const lines = tested.map((s) => {
        const t = s.errorTest;
        const limit = t.limitPValue === undefined ? '' : `, against max-error-rate p = ${formatP(t.limitPValue)}`;
        const how = t.decidedBy === 'test'
            ? `decided by the test (minimum sample ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.minimumSample ?? 0)})`
            : t.minimumSample === null
                ? '**judged strictly**: production has too few answers in this run to compare with'
                : `**judged strictly**: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.candidate.count)} candidate answers, below the minimum sample of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.minimumSample)}`;
        return `- ${s.percent} %: candidate ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.candidate.errors)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.candidate.count)} failed, production ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.production.errors)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(t.production.count)}, p = ${formatP(t.pValue)}${limit}; ${how}`;
    });
    return (`_Errors judged by a one-sided Fisher exact test_ of the candidate against production (this step and the earlier ones), α = ${first.alpha}: ` +
        `a step fails when the candidate's error rate is above max-error-rate and significantly above production's. ` +
        `The minimum sample is what catches a ${first.detectableRegression * 100}-point regression with 80 % power; below it a step is judged strictly (any error rate above max-error-rate fails).\n\n` +
        lines.join('\n'));
}
const formatP = (p) => (p < 0.0001 ? '< 0.0001' : String(p));
/**
 * Which figures came from where, for steps judged by CloudWatch: the table's counts, errors and
 * p95 are Lambda's metrics per version; the probes are listed as the stage's answers.
 */
function metricsSources(steps) {
    const judged = steps.filter((s) => s.judgedBy === 'metrics');
    if (judged.length === 0)
        return undefined;
    const lines = judged.map((s) => {
        const m = s.metrics;
        const window = m
            ? `CloudWatch ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatClock */ .ei)(m.windowStart)}–${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatClock */ .ei)(m.windowEnd)} (${m.periodSeconds} s periods)` +
                `: candidate ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(m.candidate.invocations)} invocations, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(m.candidate.errors)} errors, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(m.candidate.throttles)} throttles; ` +
                `production ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(m.production.invocations)} invocations, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(m.production.errors)} errors`
            : 'CloudWatch not read (the step stopped before its metrics could arrive)';
        const answers = s.stageAnswers
            ? `; through the stage ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.stageAnswers.count)} probes, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.stageAnswers.failed)} failed, p95 ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(s.stageAnswers.latency.p95)}`
            : '';
        return `- ${s.percent} %: ${window}${answers}`;
    });
    return ('_Judged by CloudWatch metrics_ (the answers do not say which version served them): observed share, ' +
        'errors (Errors + Throttles) and p95 (handler Duration) are `AWS/Lambda` per version; probes that miss `load.expect` count against the candidate.\n\n' +
        lines.join('\n'));
}
function stepRow(s, ctx) {
    const failedGates = s.gates.filter((g) => !g.passed).map((g) => g.name);
    const why = s.reason ?? (failedGates.length > 0 ? `gates: ${failedGates.join(', ')}` : '');
    // A metrics-judged step that stopped before its metrics arrived has no per-version figures.
    const unread = s.judgedBy === 'metrics' && !s.metrics;
    const figure = (text) => (unread ? '–' : text);
    return [
        `${s.percent} %`,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatClock */ .ei)(s.startedAt),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(s.bakeSeconds * 1000),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.probes),
        figure((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPercent */ .l9)(s.observedCandidatePercent)),
        `±${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPercent */ .l9)(s.tolerancePercent)}`,
        figure((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(s.candidate.latency.p95)),
        figure((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(s.production.latency.p95)),
        figure(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.candidate.errors)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.candidate.count)}`),
        figure(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.production.errors)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(s.production.count)}`),
        `${(0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .passMark */ .pA)(s.passed)}${why ? ` ${ctx.cellText(why)}` : ''}`,
    ];
}
function routeChanges(report, ctx) {
    const changes = report.cutover?.routeChanges ?? [];
    if (changes.length === 0)
        return undefined;
    const rows = changes.map((r) => [
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDateTime */ .r6)(r.at),
        (0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRoute */ .fx)(r.from)),
        (0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRoute */ .fx)(r.to)),
        ctx.cellText(r.why),
    ]);
    const body = (0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['At', 'From', 'To', 'Why'], ctx.capRows(rows, 'route changes', { keepTail: true }));
    const text = changes.length > 12
        ? `### Route changes\n\n${(0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .details */ .zH)(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(changes.length)} route changes`, body)}`
        : `### Route changes\n\n${body}`;
    return { id: 'route-changes', title: 'Route changes', text, dropRank: 5 };
}
function rollback(report, ctx) {
    const r = report.cutover?.rollback;
    if (!r)
        return undefined;
    const lines = [
        `${r.failure ? '❌' : '↩️'} Rolled back at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDateTime */ .r6)(r.at)}: ${ctx.prose(r.reason)}`,
        r.verified
            ? `✅ Verified with ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(r.probes)} probe(s): all traffic is on ${(0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRoute */ .fx)(r.finalRoute))} again.`
            : `⚠️ Not verified by probes (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(r.probes)} sent).`,
        `Final route: ${(0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRoute */ .fx)(r.finalRoute))}.`,
    ];
    if (r.failure)
        lines.push('**The rollback itself failed: see the manual fix at the top of this report.**');
    return { id: 'rollback', title: 'Rollback', text: `### Rollback\n\n${lines.join('\n\n')}` };
}
function deletedVersions(report, ctx) {
    const v = report.cutover?.deletedVersions ?? [];
    if (v.length === 0)
        return undefined;
    const shown = v.slice(0, ctx.budget.rows);
    if (shown.length < v.length)
        ctx.trimmed.push(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(v.length - shown.length)} deleted version numbers`);
    const more = v.length > shown.length ? ` and ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(v.length - shown.length)} more` : '';
    const text = `Deleted ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(v.length)} old LMI version(s) no alias referenced: ${shown.map((x) => (0,_md_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)(x, 40)).join(', ')}${more}.`;
    return { id: 'deleted-versions', title: 'Deleted versions', text, dropRank: 1 };
}


/***/ }),

/***/ 1963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ timeline),
/* harmony export */   Jn: () => (/* binding */ changeSet),
/* harmony export */   XC: () => (/* binding */ stackOutputs),
/* harmony export */   iq: () => (/* binding */ provisioning)
/* harmony export */ });
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51349);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);
/* harmony import */ var _md_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11109);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48343);
// Timeline, change set, stack outputs and LMI provisioning.




const STAGE_MARK = {
    passed: '✅ passed',
    failed: '❌ failed',
    skipped: '⏭️ skipped',
    'no-op': '➖ no-op',
};
function timeline(report, ctx) {
    if (report.timeline.length === 0)
        return undefined;
    const rows = report.timeline.map((t) => [
        t.stage,
        STAGE_MARK[t.outcome],
        (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(t.durationMs),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatClock */ .ei)(t.startedAt),
        t.detail ? ctx.cellText(t.detail) : '',
    ]);
    const body = (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Stage', 'Outcome', 'Duration', 'Started', 'Detail'], ctx.capRows(rows, 'stages'), [
        'l',
        'l',
        'r',
        'l',
        'l',
    ]);
    return { id: 'timeline', title: 'Timeline', text: `### Timeline\n\n${body}`, dropRank: 7 };
}
function changeSet(report, ctx) {
    const d = report.deploy;
    if (!d)
        return [];
    const head = [
        `Stack ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(d.stackStatus)}`,
        d.changeSetName ? `change set ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(d.changeSetName)}` : undefined,
        `deploy took ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(d.durationMs)}`,
    ].filter(Boolean);
    if (d.type === 'no-op' || d.changes.length === 0) {
        const text = `### Change set\n\n${head.join(' · ')}\n\nNo changes: the stack already matches the template.`;
        return [{ id: 'change-set', title: 'Change set', text, dropRank: 8 }];
    }
    const c = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .changeCounts */ .Zg)(d.changes);
    const headers = ['Added', 'Modified', 'Replaced', 'Removed', ...(c.other > 0 ? ['Imported/Dynamic'] : [])];
    const counts = [c.added, c.modified, c.replaced, c.removed, ...(c.other > 0 ? [c.other] : [])].map(_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4);
    const warnings = [];
    if (c.replaced > 0) {
        const names = d.changes.filter(_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .isReplacement */ .D8).map((ch) => ch.logicalId);
        const shown = names.slice(0, Math.max(1, ctx.budget.rows));
        const more = names.length > shown.length ? ` and ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(names.length - shown.length)} more` : '';
        warnings.push(`⚠️ **${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.replaced)} replacement(s):** deleted and recreated — ${shown.map((n) => (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(n, ctx.budget.cell)).join(', ')}${more}.`);
    }
    if (c.mayReplace > 0)
        warnings.push(`❔ ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.mayReplace)} modification(s) may become replacements (Conditional).`);
    const callout = (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .riskCallout */ .q)(d.changes, ctx);
    const summary = [
        '### Change set',
        head.join(' · '),
        (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(headers, [counts], headers.map(() => 'r')),
        ...warnings,
        ...(callout ? [callout] : []),
    ].join('\n\n');
    const list = (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .details */ .zH)(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(d.changes.length)} resource change(s)`, (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .changeTable */ .H)(d.changes, ctx, { physicalId: true }));
    return [
        { id: 'change-set', title: 'Change set summary', text: summary, dropRank: 8 },
        { id: 'change-list', title: 'Per-resource changes', text: list, dropRank: 1 },
    ];
}
function stackOutputs(report, ctx) {
    const entries = Object.entries(report.deploy?.outputs ?? {});
    if (entries.length === 0)
        return undefined;
    const rows = entries.map(([k, v]) => [(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(k, ctx.budget.cell), (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(v, ctx.budget.cell)]);
    const text = (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .details */ .zH)(`Stack outputs (${entries.length})`, (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Output', 'Value'], ctx.capRows(rows, 'outputs')));
    return { id: 'outputs', title: 'Stack outputs', text, dropRank: 0 };
}
function provisioning(report, ctx) {
    const p = report.provisioning;
    if (!p)
        return undefined;
    const active = p.state === 'Active';
    const lines = [
        `${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .passMark */ .pA)(active)} Version **${p.version}** of ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.functionName)} is ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.state)} after **${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(p.seconds * 1000)}**.`,
    ];
    if (p.stateReasonCode || p.stateReason) {
        lines.push(`Reason: ${p.stateReasonCode ? (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.stateReasonCode) : ''}${p.stateReason ? ` ${ctx.prose(p.stateReason)}` : ''}`);
    }
    if (p.capacityProviderArn || p.capacityProviderState) {
        lines.push(`Capacity provider ${p.capacityProviderArn ? (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.capacityProviderArn) : ''}${p.capacityProviderState ? ` is ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.capacityProviderState)}` : ''}.`);
    }
    if (p.confirmedOnly)
        lines.push('CloudFormation had already waited for the version; one call confirmed it Active.');
    return {
        id: 'provisioning',
        title: 'LMI provisioning',
        text: `### LMI provisioning\n\n${lines.join('\n\n')}`,
        dropRank: 8,
    };
}


/***/ })

};
