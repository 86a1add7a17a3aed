export const id = 483;
export const ids = [483];
export const modules = {

/***/ 31483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LIVE_UPDATE_TIMEOUT_MS: () => (/* binding */ LIVE_UPDATE_TIMEOUT_MS),
  liveComment: () => (/* binding */ liveComment),
  startProgressComment: () => (/* binding */ startProgressComment)
});

// EXTERNAL MODULE: ./src/report/facts.ts
var report_facts = __webpack_require__(51349);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/md.ts
var md = __webpack_require__(11109);
// EXTERNAL MODULE: ./src/report/markdown/cutover.ts
var cutover = __webpack_require__(35996);
// EXTERNAL MODULE: ./src/report/markdown/deploy.ts
var deploy = __webpack_require__(1963);
;// CONCATENATED MODULE: ./src/report/markdown/progress.ts
// The live PR comment: the run so far, while it runs — what it is, which stage it is in, the
// stages that ended and the canary steps baked. It lives in the sticky comment until the full
// report replaces it at the end, so it says so, and it carries the same marker. Every value
// from outside (stage details, step reasons) goes through the same escaping as the report.





/** A live comment stays small: a handful of stages and steps, never near GitHub's limit. */
const LIVE_BUDGET = { rows: 30, cell: 200, text: 1000 };
const DOING = {
    plan: 'planning…',
    deploy: 'deploying…',
    verify: 'deploying…',
    cutover: 'cutting over…',
    full: 'deploying…',
    rollback: 'rolling back…',
    merge: 'merging shards…',
};
function renderProgressMarkdown(report, running, opts) {
    const ctx = new md/* RenderContext */.AZ(LIVE_BUDGET);
    const { run } = report;
    const facts = [
        `started ${(0,format/* formatDateTime */.r6)(run.startedAt)}`,
        run.trigger?.runUrl ? `[workflow run](${run.trigger.runUrl})` : undefined,
        run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : undefined,
        run.trigger?.sha ? `commit ${(0,md/* code */.aY)((0,report_facts/* shortSha */.Fu)(run.trigger.sha) ?? '')}` : undefined,
        run.trigger?.event ? `on ${(0,md/* code */.aY)(run.trigger.event)}` : undefined,
    ].filter(Boolean);
    const now = running.at(-1);
    const steps = report.cutover?.steps ?? [];
    const parts = [
        opts.marker,
        `## ⏳ lmi-cutover ${(0,md/* code */.aY)(run.mode)} ${DOING[run.mode]} on ${(0,md/* code */.aY)(run.stackName)}`,
        facts.join(' · '),
        now
            ? `**Now:** ${now.stage}, since ${(0,format/* formatClock */.ei)(now.startedAt)}.`
            : report.timeline.length === 0
                ? '**Now:** starting.'
                : undefined,
        (0,deploy/* timeline */.IO)(report, ctx)?.text,
        steps.length > 0 ? `### Canary steps so far\n\n${(0,cutover/* stepsTable */.A1)(steps, ctx)}` : undefined,
        `<sub>${report.tool.name} ${report.tool.version} · live progress, updated as each stage ends · ` +
            'the full report replaces this comment when the run ends</sub>',
    ];
    return `${parts.filter((p) => p !== undefined && p !== '').join('\n\n')}\n`;
}

// EXTERNAL MODULE: ./src/github/publish-report.ts + 2 modules
var publish_report = __webpack_require__(3507);
// EXTERNAL MODULE: ./src/github/comment.ts
var comment = __webpack_require__(47318);
// EXTERNAL MODULE: ./src/github/messages.ts
var messages = __webpack_require__(40551);
;// CONCATENATED MODULE: ./src/github/live-comment.ts




/** Most time one update may take; GitHub answers in well under a second. */
const LIVE_UPDATE_TIMEOUT_MS = 10_000;
/** Failures in a row after which the live updates stop (GitHub unreachable, not just slow once). */
const MAX_FAILURES_IN_A_ROW = 3;
/** Answers that will not change within a run: bad token, no write access, no such PR, refused body. */
const REFUSALS = new Set([401, 403, 404, 422]);
function liveComment(target, log, options = {}) {
    const timeoutMs = options.timeoutMs ?? LIVE_UPDATE_TIMEOUT_MS;
    const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
    // upsertStickyComment's own lines say too much for every stage: kept, as debug lines.
    const quiet = { emit: (_m, text) => log.emit(messages/* GITHUB_MESSAGES */.R.progressCommentUpdated, text) };
    let id;
    let pending;
    let inFlight;
    let failures = 0;
    let stopped = false;
    const fail = (reason, refused) => {
        failures++;
        stopped ||= refused || failures >= MAX_FAILURES_IN_A_ROW;
        log.emit(messages/* GITHUB_MESSAGES */.R.progressCommentFailed, `Live PR comment on ${where} not updated: ${reason}. The run goes on` +
            (stopped ? '; no more live updates in this run' : '') +
            ', and the final report is still posted at the end.');
    };
    const send = async (render) => {
        let body;
        try {
            body = render();
        }
        catch (e) {
            return fail(`drawing it failed: ${e instanceof Error ? e.message : String(e)}`, false);
        }
        const result = await (0,comment/* upsertStickyComment */.qD)({ ...target, body, commentId: id, signal: AbortSignal.timeout(timeoutMs) }, quiet).catch((e) => ({
            type: 'skipped',
            reason: e instanceof Error ? e.message : String(e),
            status: undefined,
        }));
        if (result.type === 'skipped')
            return fail(result.reason, REFUSALS.has(result.status ?? 0));
        failures = 0;
        if (id === undefined)
            log.emit(messages/* GITHUB_MESSAGES */.R.progressCommentPosted, `Live PR comment on ${where}, updated as each stage ends: ${result.url}`);
        id = result.id;
    };
    const pump = () => {
        if (inFlight || !pending || stopped)
            return;
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
            if (closed || stopped)
                return;
            pending = render;
            if (scheduled)
                return;
            scheduled = true;
            setImmediate(() => {
                scheduled = false;
                pump();
            });
        },
        async close() {
            closed = true;
            pending = undefined;
            while (inFlight)
                await inFlight;
            return id;
        },
    };
}
/**
 * The live comment of one run, fed by the report as it fills; undefined when `progress-comment`
 * is off or when the final report would not be commented either (comments off, no pull request,
 * no token).
 */
function startProgressComment(config, context, log, options = {}) {
    if (!config.progressComment)
        return undefined;
    const { target } = (0,publish_report.commentTarget)(config, context);
    if (!target)
        return undefined;
    const comment = liveComment(target, log, options);
    return {
        onReportUpdate: (report, running) => comment.update(() => renderProgressMarkdown(report, running, { marker: target.marker })),
        close: () => comment.close(),
    };
}


/***/ })

};
