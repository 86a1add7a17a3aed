export const id = 901;
export const ids = [901,257,932];
export const modules = {

/***/ 32257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
// Time as the pipeline sees it. Multi-minute waits (provisioning, bakes) sleep through this, so
// tests pass a clock whose sleeps move time forward instantly.

const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(cancelled());
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(cancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
const cancelled = () => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('CANCELLED', 'The run was cancelled before it finished.');


/***/ }),

/***/ 34664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ message)
/* harmony export */ });
// How the pipeline talks to the person running it. Every line carries a stable code from a
// message registry (like the CDK toolkit's IO messages), so scripts and tests match codes,
// not sentences; the Action and the CLI each implement the printing.
/** Declares a registry entry; the registries of each area are plain objects of these. */
const message = (code, level, description) => ({
    code,
    level,
    description,
});


/***/ }),

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

/***/ 40551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ GITHUB_MESSAGES),
/* harmony export */   g: () => (/* binding */ POST_PREFIX)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The Action adapter's own progress lines (report, job summary, PR comment, post step), each
// with a stable code: scripts and tests match codes, not sentences.

/** How every line of the post step starts. */
const POST_PREFIX = 'lmi-cutover post step:';
const GITHUB_MESSAGES = {
    outputShadowed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.output-shadowed', 'warn', "A stack output has an action output's name; it stays in the outputs JSON only."),
    reportWritten: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-written', 'info', 'The JSON report was written at report-path.'),
    reportSchemaProblems: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-schema-problems', 'warn', 'The written report does not match its schema; readers may reject it.'),
    reportWriteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-write-failed', 'warn', 'The JSON report could not be written.'),
    shardReportWritten: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-report-written', 'info', "A load shard's shard report was written at shard-report-path, for the merge."),
    shardReportWriteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-report-write-failed', 'error', "A load shard's shard report could not be written: the run fails, since the merge cannot use the shard."),
    shardNoComment: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-no-comment', 'info', "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's."),
    summarySkipped: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.summary-skipped', 'warn', 'The job summary was not written (and why).'),
    summaryTrimmed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.summary-trimmed', 'info', 'The job summary left sections out to fit.'),
    noPullRequest: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.no-pull-request', 'info', 'No pull request to comment on.'),
    commentSkipped: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-skipped', 'warn', 'The sticky PR comment was not written (and why).'),
    commentDuplicates: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-duplicates', 'info', 'Several lmi-cutover comments exist for the stack; the oldest is updated.'),
    commentUpdated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-updated', 'info', 'The sticky PR comment was updated.'),
    commentCreated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-created', 'info', 'The sticky PR comment was created.'),
    progressCommentPosted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-posted', 'info', 'The live PR comment was written at the start of the run; it is updated as each stage ends until the final report replaces it.'),
    progressCommentUpdated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-updated', 'debug', 'The live PR comment was updated with the run so far (or the detail of an update that failed).'),
    progressCommentFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-failed', 'warn', 'An update of the live PR comment failed; the run goes on, and the final report is still posted at the end.'),
    postNothingSaved: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-nothing-saved', 'info', 'The post step found no saved route: nothing to do.'),
    postForeignCanary: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-foreign-canary', 'warn', 'The post step found a canary its main step did not start and left it untouched.'),
    postNothingPending: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-nothing-pending', 'info', 'The post step found the route consistent: nothing to repair.'),
    postRepaired: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-repaired', 'warn', 'The post step returned a route left mid-cutover.'),
    postFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-failed', 'error', 'The post step could not check or repair the route.'),
    postUnverified: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-unverified', 'warn', 'The post step cannot prove its repair with probes (no stage URL or secret).'),
};


/***/ }),

/***/ 22901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost),
/* harmony export */   saveRouteState: () => (/* binding */ saveRouteState)
/* harmony export */ });
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40551);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6257);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17692);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5912);
/* harmony import */ var _core_clock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(32257);
/* harmony import */ var _pipeline_traffic_cutover_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(13010);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(74296);
/* harmony import */ var _core_failure_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(83333);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(25179);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(65446);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(38932);
/* harmony import */ var _report_md_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(11109);
// The post step (post-if: always()) and the state it reads. The main step saves the cutover's
// route state after every route change (core.saveState); if the job was cancelled, the runner
// killed or the step timed out while the stage was mid-canary, the post step puts production
// back on the version the run started from, proves it with probes when it can, and says so in
// the log and the job summary. A consistent stage is left alone, and so is a canary its main
// step did not start (reported, never touched).












/** After each route change of the main step: what the post step needs to repair an interruption. */
function saveRouteState(state) {
    _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .saveState */ .LZ(_pipeline_traffic_cutover_state_js__WEBPACK_IMPORTED_MODULE_5__/* .CUTOVER_STATE_KEY */ .lJ, (0,_pipeline_traffic_cutover_state_js__WEBPACK_IMPORTED_MODULE_5__/* .serializeCutoverState */ .QW)(state));
}
const PREFIX = _messages_js__WEBPACK_IMPORTED_MODULE_0__/* .POST_PREFIX */ .g;
async function runPost(deps = {}) {
    const progress = deps.progress ?? (0,_progress_js__WEBPACK_IMPORTED_MODULE_9__.actionProgress)();
    const writeSummary = deps.writeSummary ?? defaultSummary;
    const setFailed = deps.setFailed ?? ((m) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1(m));
    const saved = (deps.getState ?? _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .getState */ .Gu)(_pipeline_traffic_cutover_state_js__WEBPACK_IMPORTED_MODULE_5__/* .CUTOVER_STATE_KEY */ .lJ);
    if (!saved) {
        progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.postNothingSaved, `${PREFIX} nothing pending; the main step changed no route.`);
        return { type: 'nothing-saved' };
    }
    let ctx;
    let prober;
    try {
        // Loaded only when there is something to repair: a post step with nothing pending starts fast.
        const [{ createPipelineContext }, { repairAfterInterruption }, { proberFor }] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(960), __webpack_require__.e(933), __webpack_require__.e(85), __webpack_require__.e(694), __webpack_require__.e(121), __webpack_require__.e(236), __webpack_require__.e(318), __webpack_require__.e(546), __webpack_require__.e(679), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 9624)),
            Promise.all(/* import() */[__webpack_require__.e(933), __webpack_require__.e(236), __webpack_require__.e(350)]).then(__webpack_require__.bind(__webpack_require__, 29350)),
            Promise.all(/* import() */[__webpack_require__.e(960), __webpack_require__.e(933), __webpack_require__.e(85), __webpack_require__.e(694), __webpack_require__.e(236), __webpack_require__.e(546), __webpack_require__.e(571)]).then(__webpack_require__.bind(__webpack_require__, 55973)),
        ]);
        const state = (0,_pipeline_traffic_cutover_state_js__WEBPACK_IMPORTED_MODULE_5__/* .parseCutoverState */ .xF)(saved);
        const config = postConfig(state, deps.inputs ?? (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .readActionInputs */ .U)(), deps.env ?? process.env);
        ctx = createPipelineContext({
            config,
            progress,
            clock: deps.clock ?? _core_clock_js__WEBPACK_IMPORTED_MODULE_4__/* .systemClock */ .m,
            aws: { env: deps.env ?? process.env },
        });
        const probing = await proberFor(ctx, state, config.probeRate);
        prober = probing?.prober;
        const result = await repairAfterInterruption(ctx, state, {
            probe: prober?.probe,
            probeRate: config.probeRate,
            ...(probing?.attributed === false ? { attributed: false } : {}),
        });
        if (result.type === 'nothing-pending') {
            progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.postNothingPending, `${PREFIX} ${result.message}`);
            return result;
        }
        if (result.type === 'foreign-canary') {
            progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.postForeignCanary, `${PREFIX} ${result.message}`);
            await summarise(writeSummary, progress, `### ⚠️ lmi-cutover post step: a canary this run did not start\n\n` +
                `Stage \`${state.stage}\` of \`${state.stackName}\` has a canary, \`${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_11__/* .describeRoute */ .fx)(result.route)}\`, ` +
                "that this job's main step did not set; the post step left it untouched.\n");
            return result;
        }
        progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.postRepaired, `${PREFIX} ${result.message}`);
        await summarise(writeSummary, progress, `### ↩️ lmi-cutover post step: cutover repaired\n\n` +
            `The main step stopped with stage \`${state.stage}\` of \`${state.stackName}\` at \`${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_11__/* .describeRoute */ .fx)(result.from)}\` ` +
            `(last saved \`${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_11__/* .describeRoute */ .fx)(state.currentRoute)}\` at ${state.at}). ` +
            `The post step returned production to \`${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_11__/* .describeRoute */ .fx)(result.to)}\`, where the run started` +
            (result.verified
                ? `, and probes confirmed it (${result.rollback.probes} sent).`
                : ', but probes did not confirm it: check the stage.') +
            '\n');
        if (!result.verified && prober)
            setFailed(`${PREFIX} the repair was not verified by probes; check the stage.`);
        return result;
    }
    catch (e) {
        const error = (0,_core_failure_js__WEBPACK_IMPORTED_MODULE_7__/* .asCutoverError */ .l)(e);
        const message = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .formatCutoverError */ .gY)(error);
        progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.postFailed, `${PREFIX} could not check or repair the route: ${message}`);
        await summarise(writeSummary, progress, `### ❌ lmi-cutover post step: the route may be left mid-cutover\n\n${(0,_report_md_js__WEBPACK_IMPORTED_MODULE_10__/* .fence */ .EU)('', message)}\n`);
        setFailed(`${PREFIX} ${message}`);
        return { type: 'failed', message };
    }
    finally {
        await prober?.close();
        ctx?.aws.destroy();
    }
}
/** Only what the repair needs: the stack and region from the state, the endpoint and rate from the inputs. */
function postConfig(state, inputs, env) {
    const base = { 'stack-name': state.stackName, region: state.region || undefined };
    try {
        return (0,_config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .parseConfig */ .o4)({ ...base, 'endpoint-url': inputs['endpoint-url'], 'probe-rate': inputs['probe-rate'] }, { env });
    }
    catch (e) {
        if (!(e instanceof _config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL))
            throw e;
        return (0,_config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .parseConfig */ .o4)(base, { env });
    }
}
async function summarise(write, progress, markdown) {
    try {
        await write(markdown);
    }
    catch (e) {
        progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.summarySkipped, `Job summary skipped: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
}
async function defaultSummary(markdown) {
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .summary */ .z.addRaw(markdown).write();
    }
    catch (e) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .summary */ .z.emptyBuffer();
        throw e;
    }
}


/***/ }),

/***/ 38932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionProgress: () => (/* binding */ actionProgress)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
// Progress for the Action: workflow commands through @actions/core. Warnings and errors
// become annotations; groups fold in the log; masked values never reach the log.

function actionProgress() {
    const print = {
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
        warn: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message),
        error: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message),
        debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(message),
    };
    return {
        emit: (message, text) => print[message.level](text),
        group: (name, fn) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn),
        mask: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret),
    };
}


/***/ }),

/***/ 13010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QU: () => (/* binding */ advanceCutoverState),
/* harmony export */   QW: () => (/* binding */ serializeCutoverState),
/* harmony export */   Su: () => (/* binding */ intendCutoverState),
/* harmony export */   UT: () => (/* binding */ initialCutoverState),
/* harmony export */   lJ: () => (/* binding */ CUTOVER_STATE_KEY),
/* harmony export */   xF: () => (/* binding */ parseCutoverState)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(45586);
/* harmony import */ var _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26832);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
// What the main step leaves for the post step: before and after every route change the Action
// saves this small object (core.saveState), so that if the main step dies mid-shift — job
// cancelled, runner killed, timeout — the post step (post-if: always()) knows which stage to look
// at, which production version the run started from and which canary it meant to set. It undoes
// only a canary that matches its own (this run's candidate over this run's production version);
// a canary someone else set is reported and left alone, because undoing it could undo their fix.
// The repair itself is in interrupted-repair.ts, so reading the state loads no AWS client.



/** The core.saveState / core.getState key. */
const CUTOVER_STATE_KEY = 'lmi-cutover-route';
const stateSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(2),
    stackName: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    region: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    restApiId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    stage: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    lmiFunctionName: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    standardFunctionName: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    production: _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .versionRefSchema */ .b,
    candidate: _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .versionRefSchema */ .b.optional(),
    intendedRoute: _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .routeSchema */ .l,
    currentRoute: _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .routeSchema */ .l,
    at: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    stageUrl: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional(),
    secretParameter: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional(),
    checksFile: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional(),
});
function initialCutoverState(args) {
    return {
        version: 2,
        stackName: args.stackName,
        region: args.region,
        restApiId: args.ref.restApiId,
        stage: args.ref.stage,
        lmiFunctionName: args.ref.lmiFunctionName,
        standardFunctionName: args.ref.standardFunctionName,
        production: args.production,
        ...(args.candidate ? { candidate: args.candidate } : {}),
        intendedRoute: args.route,
        currentRoute: args.route,
        at: args.at,
        ...(args.stageUrl ? { stageUrl: args.stageUrl } : {}),
        ...(args.secretParameter ? { secretParameter: args.secretParameter } : {}),
        ...(args.checksFile ? { checksFile: args.checksFile } : {}),
    };
}
/** The state just before an UpdateStage: the route the run is about to set. */
function intendCutoverState(state, to, at) {
    const candidate = to.kind === 'canary' ? to.candidate : undefined;
    return { ...state, intendedRoute: to, ...(candidate ? { candidate } : {}), at };
}
/** The state after a route change. */
function advanceCutoverState(state, change) {
    return { ...state, intendedRoute: change.to, currentRoute: change.to, at: change.at };
}
const serializeCutoverState = (state) => JSON.stringify(state);
/** Undefined when nothing was saved (the main step changed no route). */
function parseCutoverState(text) {
    if (!text || text.trim() === '')
        return undefined;
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        value = undefined;
    }
    const parsed = stateSchema.safeParse(value);
    if (!parsed.success) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('INTERNAL_ERROR', 'The route state the main step saved cannot be read, so the post step cannot tell whether a cutover was left unfinished. ' +
            'Check the stage with `lmi-cutover status` and run mode rollback if it shows a canary.', [`Saved state: ${text.slice(0, 300)}`]);
    }
    return parsed.data;
}


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   Qt: () => (/* binding */ formatVolume),
/* harmony export */   UK: () => (/* binding */ formatUsd),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   d5: () => (/* binding */ elapsedMs),
/* harmony export */   ei: () => (/* binding */ formatClock),
/* harmony export */   jx: () => (/* binding */ formatUnitPrice),
/* harmony export */   ku: () => (/* binding */ plainNumber),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   r6: () => (/* binding */ formatDateTime)
/* harmony export */ });
// Number, time and money formatting shared by the markdown and the terminal renderers, so both
// say the same thing in the same words.
const en = new Intl.NumberFormat('en-US');
/** 5000000 → "5,000,000". */
const formatCount = (n) => en.format(Math.round(n));
/** Latency: "212.4 ms" below a second, "1.23 s" above. */
function formatMs(ms) {
    if (ms >= 1000)
        return `${trimZeros((ms / 1000).toFixed(2))} s`;
    return `${trimZeros(ms.toFixed(ms >= 100 ? 0 : 1))} ms`;
}
/** A stage or wait duration: "850 ms", "42.3s", "4m05s", "1h02m". */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = ms / 1000;
    if (s < 60)
        return `${trimZeros(s.toFixed(1))}s`;
    const whole = Math.round(s);
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const sec = whole % 60;
    return h > 0 ? `${h}h${pad2(m)}m` : `${m}m${pad2(sec)}s`;
}
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "$1,234.56". */
const formatUsd = (n) => `${n < 0 ? '-' : ''}$${cents.format(Math.abs(n))}`;
/** A unit price such as an hourly instance rate: "$0.0816". */
const formatUnitPrice = (n) => `$${trimZeros(n.toFixed(4))}`;
/** A 0..1 rate as a percentage: 0.0123 → "1.23 %". */
const formatRate = (rate) => `${trimZeros((rate * 100).toFixed(2))} %`;
/** A 0..100 percentage: 9.8 → "9.8 %". */
const formatPercent = (percent) => `${trimZeros(percent.toFixed(1))} %`;
/** A monthly volume for axis labels and prose: 47_300_000 → "47.3M". */
function formatVolume(n) {
    const units = [
        [1e12, 'T'],
        [1e9, 'B'],
        [1e6, 'M'],
        [1e3, 'k'],
    ];
    for (const [size, suffix] of units) {
        if (n >= size)
            return `${trimZeros((n / size).toFixed(n / size >= 100 ? 0 : 1))}${suffix}`;
    }
    return String(Math.round(n));
}
/** An ISO timestamp as "10:02:03Z" (tables) — the date is in the headline. */
function formatClock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19) + 'Z';
}
/** An ISO timestamp as "2025-12-01 10:02:03Z". */
function formatDateTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}
/** Milliseconds between two ISO timestamps, or undefined when either is missing or invalid. */
function elapsedMs(from, to) {
    if (!from || !to)
        return undefined;
    const ms = Date.parse(to) - Date.parse(from);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
/** A number for mermaid data: plain decimal (the grammar has no exponent form), at most 2 decimals. */
const plainNumber = (n) => trimZeros((Number.isFinite(n) ? n : 0).toFixed(2));
/** Shortens text to `max` characters with an ellipsis. */
const clip = (text, max) => text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
const trimZeros = (s) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
const pad2 = (n) => String(n).padStart(2, '0');


/***/ }),

/***/ 11109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ RenderContext),
/* harmony export */   Af: () => (/* binding */ quoteBlock),
/* harmony export */   EU: () => (/* binding */ fence),
/* harmony export */   MZ: () => (/* binding */ codeCell),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   pA: () => (/* binding */ passMark),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);
// Markdown building blocks and the render budget. Tables are always emitted whole: when a
// table is too long, rows are left out and one row says how many, so trimming never leaves
// broken markdown behind.

/** Collects what a render left out, for the footer. */
class RenderContext {
    budget;
    trimmed = [];
    constructor(budget) {
        this.budget = budget;
    }
    /**
     * At most `budget.rows` rows: the first ones (and, with `keepTail`, the last ones too,
     * which hold a run's ending), one row in between saying how many were left out.
     */
    capRows(rows, what, opts = {}) {
        const max = Math.max(1, this.budget.rows);
        if (rows.length <= max)
            return rows;
        const omitted = rows.length - max;
        this.trimmed.push(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(omitted)} of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(rows.length)} ${what}`);
        const width = rows[0]?.length ?? 1;
        const note = [`… ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(omitted)} more ${what} not shown`, ...Array(width - 1).fill('…')];
        if (!opts.keepTail)
            return [...rows.slice(0, max), note];
        const head = Math.ceil(max / 2);
        return [...rows.slice(0, head), note, ...rows.slice(rows.length - (max - head))];
    }
    cellText(text) {
        return escapeCell(text, this.budget.cell);
    }
    /** Free text for a code block: shortened to the budget, otherwise verbatim. */
    freeText(text) {
        if (text.length > this.budget.text)
            this.trimmed.push('the end of a long message');
        return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text, this.budget.text);
    }
    /** Free text shown as markdown: shortened, HTML, links and images neutralised. */
    prose(text) {
        return noLinks(noMentions(escapeHtml(this.freeText(text))));
    }
}
/** A cell: one line, pipes escaped, HTML neutralised (a stray `<details>` or `-->` in a value cannot break the page). */
function escapeCell(text, max = 300) {
    return noLinks(noMentions(escapeHtml((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text.replace(/\r?\n/g, ' '), max)))).replace(/\|/g, '\\|');
}
/**
 * Untrusted text (stack events, AWS errors, probe answers) must not become a link or an image in
 * a bot's comment: `![x](https://…)` would load a tracker, `[approve](https://…)` would dress a
 * URL as a button. Brackets are escaped, and a zero-width space in `://` and `www.` keeps GitHub
 * from turning a bare URL into a link; the text still reads the same.
 */
const noLinks = (text) => text
    .replace(/[[\]]/g, (b) => `\\${b}`)
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`);
/**
 * A zero-width space after each `@`: an error quoting `@aws-sdk/client-lambda` must not mention
 * (and notify) a GitHub user from a bot comment. Code spans need no such care.
 */
const noMentions = (text) => text.replace(/@(?=[\w-])/g, '@\u200b');
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Inline code in a cell or sentence; backticks inside are swapped so the span stays closed. */
const code = (text, max = 300) => `\`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text.replace(/`/g, "'").replace(/\r?\n/g, ' '), max)}\``;
/** Inline code that may sit in a table cell: pipes are escaped too. */
const codeCell = (text, max = 300) => code(text, max).replace(/\|/g, '\\|');
function table(headers, rows, align) {
    const sep = headers.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(sep), ...rows.map(line)].join('\n');
}
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** A fenced block whose fence is longer than any backtick run inside it. */
function fence(lang, body) {
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
    const f = '`'.repeat(longest + 1);
    return `${f}${lang}\n${body}\n${f}`;
}
/** Prefixes every line so a multi-line block (code fences included) stays inside a quote or alert. */
const quoteBlock = (text) => text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
const passMark = (passed) => (passed ? '✅' : '❌');


/***/ })

};
