export const id = 350;
export const ids = [350];
export const modules = {

/***/ 29350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   repairAfterInterruption: () => (/* binding */ repairAfterInterruption)
/* harmony export */ });
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(25179);
/* harmony import */ var _rollback_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42610);
/* harmony import */ var _route_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66975);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3502);




const routeRefOfState = (s) => ({
    restApiId: s.restApiId,
    stage: s.stage,
    lmiFunctionName: s.lmiFunctionName,
    standardFunctionName: s.standardFunctionName,
});
/** This run's canary: its candidate over its production version. */
function isOwnCanary(route, state) {
    return (route.kind === 'canary' &&
        state.candidate !== undefined &&
        (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .sameVersion */ .r1)(route.candidate, state.candidate) &&
        (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .sameVersion */ .r1)(route.base, state.production));
}
/**
 * For the post step: a canary this run started goes back to the production version it started
 * from, and the result says so; a consistent stage is left alone, and so is a canary the run
 * did not start. An unknown route throws ROUTE_UNKNOWN (with the raw values and the commands to
 * fix it) rather than being overwritten.
 */
async function repairAfterInterruption(ctx, state, deps) {
    const ref = routeRefOfState(state);
    const live = (await (0,_route_js__WEBPACK_IMPORTED_MODULE_1__/* .readRoute */ .S9)(ctx, ref)).route;
    if (live.kind !== 'canary') {
        const saved = (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(state.currentRoute);
        const message = `The stage's route is ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(live)}: nothing is pending` +
            (saved !== (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(live) ? ` (the main step last saved ${saved} at ${state.at}).` : '.');
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .TRAFFIC_MESSAGES */ .H.nothingPending, message);
        return { type: 'nothing-pending', route: live, message };
    }
    if (!isOwnCanary(live, state)) {
        const message = `The stage has a canary, ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(live)}, that this run's main step did not start ` +
            `(it ${state.candidate ? `meant ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .versionLabel */ .dp)(state.candidate)} over ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .versionLabel */ .dp)(state.production)}` : 'set no canary'}); ` +
            'left untouched. Whoever started it decides: finish it with mode cutover or undo it with mode rollback.';
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .TRAFFIC_MESSAGES */ .H.foreignCanary, message);
        return { type: 'foreign-canary', route: live, message };
    }
    const reason = `the main step stopped with the stage at ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(live)} (last saved ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(state.currentRoute)} at ${state.at}); ` +
        `returning production to ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .versionLabel */ .dp)(state.production)}, where the run started`;
    const outcome = await (0,_rollback_js__WEBPACK_IMPORTED_MODULE_0__/* .rollbackTo */ .S)(ctx, { ...deps, stage: ref, target: state.production, lastKnownRoute: live }, reason);
    const message = `The release was left unfinished at ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRoute */ .fx)(live)}; production returned to ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_3__/* .versionLabel */ .dp)(state.production)}` +
        (outcome.section.verified
            ? `, verified by ${outcome.section.probes} probe(s).`
            : ' (not verified by probes).');
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .TRAFFIC_MESSAGES */ .H.repairedToStandard, message);
    return {
        type: 'repaired',
        from: live,
        to: outcome.route,
        change: outcome.change,
        rollback: outcome.section,
        verified: outcome.section.verified,
        message,
    };
}


/***/ }),

/***/ 34258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _K: () => (/* binding */ confirmRoute),
/* harmony export */   j5: () => (/* binding */ runProbes),
/* harmony export */   nV: () => (/* binding */ servedBy)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

const COMPUTE_TYPE_OF_SIDE = { lmi: 'lambda-managed-instances', standard: 'lambda-standard' };
/** Hard ceiling on one run, whatever the rate and duration say. */
const MAX_PROBES_PER_RUN = 100_000;
const cancelled = () => new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('CANCELLED', 'The run was cancelled while probing the stage.');
/**
 * Starts probes on a fixed schedule (start + i / rate, so a slow answer never delays the next
 * send), collects every answer and returns once all started probes have answered. Throws
 * CANCELLED when the signal aborts, after the probes in flight have settled.
 */
async function runProbes(ctx, probe, options) {
    const { ratePerSecond: rate, signal } = options;
    if (!(rate > 0) || !Number.isFinite(rate)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('INVALID_INPUT', `probe-rate must be a number of probes per second above 0, not ${rate}.`);
    }
    const planned = Math.min(MAX_PROBES_PER_RUN, Math.max(1, Math.round((rate * options.durationMs) / 1000)));
    const intervalMs = 1000 / rate;
    const maxInFlight = Math.max(1, options.maxInFlight ?? Math.ceil(rate * 30));
    const started = ctx.clock.now();
    const samples = [];
    const inFlight = new Set();
    let stop = false;
    // The probe is called right away (the send happens now, on schedule); its answer is recorded
    // as soon as it settles, so stopWhen is seen before the next send whenever it can be.
    const launch = () => {
        const t0 = ctx.clock.now();
        let answer;
        try {
            answer = Promise.resolve(probe(signal));
        }
        catch (e) {
            answer = Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
        const record = (sample) => {
            samples.push(sample);
            if (options.stopWhen?.(samples))
                stop = true;
            inFlight.delete(p);
        };
        const p = answer.then(record, (e) => record({
            ok: false,
            status: 0,
            latencyMs: ctx.clock.now() - t0,
            error: e instanceof Error ? e.message : String(e),
        }));
        inFlight.add(p);
    };
    const every = Math.max(1, options.heartbeat?.everyMs ?? Number.POSITIVE_INFINITY);
    let nextBeatMs = every;
    const beatIfDue = (sent) => {
        const elapsed = ctx.clock.now() - started;
        if (!options.heartbeat || elapsed < nextBeatMs || elapsed >= options.durationMs)
            return;
        while (nextBeatMs <= elapsed)
            nextBeatMs += every;
        try {
            options.heartbeat.beat(samples, elapsed, sent);
        }
        catch {
            // A progress line must never stop a bake.
        }
    };
    try {
        for (let i = 0; i < planned && !stop; i++) {
            if (signal?.aborted)
                throw cancelled();
            while (inFlight.size >= maxInFlight)
                await Promise.race(inFlight);
            launch();
            // Until the next send; after the last one, until the window ends, so a bake lasts its time.
            const next = Math.min((i + 1) * intervalMs, Math.max(options.durationMs, i * intervalMs));
            const wait = started + next - ctx.clock.now();
            if (wait > 0)
                await ctx.clock.sleep(wait, signal);
            // A clock that ignores the signal (a test's) still stops here.
            if (signal?.aborted)
                throw cancelled();
            if (!stop)
                beatIfDue(i + 1);
        }
    }
    catch (e) {
        await Promise.allSettled([...inFlight]);
        throw e;
    }
    await Promise.allSettled([...inFlight]);
    if (signal?.aborted)
        throw cancelled();
    return { samples, planned, stoppedEarly: stop, elapsedMs: ctx.clock.now() - started };
}
/** The answer came from exactly this version: its compute type and its version number. */
const servedBy = (s, v) => s.computeType === COMPUTE_TYPE_OF_SIDE[v.side] && s.functionVersion === v.version;
/**
 * Proves that all traffic reaches the `expected` version: `samples` consecutive ok answers from it. A change
 * to a stage takes a few seconds to reach every node, so earlier strays are allowed until
 * `settleMs` runs out; then the route counts as not confirmed.
 */
async function confirmRoute(ctx, probe, expected, options) {
    let streak = 0;
    let strays = 0;
    const need = Math.max(1, options.samples);
    const run = await runProbes(ctx, probe, {
        ratePerSecond: options.ratePerSecond,
        // At least `need` probes even when the settle window is shorter than the sampling takes.
        durationMs: Math.max(options.settleMs, (need * 1000) / options.ratePerSecond),
        signal: options.signal,
        maxInFlight: need,
        stopWhen: (samples) => {
            const s = samples[samples.length - 1];
            if (s.ok && (options.attributed === false || servedBy(s, expected)))
                streak++;
            else {
                streak = 0;
                strays++;
            }
            return streak >= need;
        },
    });
    return { confirmed: streak >= need, probes: run.samples.length, samples: run.samples, strays };
}


/***/ }),

/***/ 42610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ RollbackFailedError),
/* harmony export */   S: () => (/* binding */ rollbackTo)
/* harmony export */ });
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(25179);
/* harmony import */ var _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31954);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _probe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34258);
/* harmony import */ var _routable_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(53264);
/* harmony import */ var _route_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(66975);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3502);
// Rollback: all production traffic to one known-good version in one UpdateStage call (canary
// removed, liveFunction = that version), read back, then proven by probes. A failed canary goes
// back to the production version it started from; mode rollback goes to the previous production
// version or, with `--to standard`, to the twin's last verified version. Every target stays
// published, Active and permitted, so this is instant and needs nothing rebuilt. When the
// rollback itself fails, the error says so loudly, with the stage's exact state as GetStage
// shows it and the command that fixes it by hand.








/** ROLLBACK_FAILED, carrying the report's rollback section with the failure filled in. */
class RollbackFailedError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB {
    rollback;
    constructor(message, details, rollback, options) {
        super('ROLLBACK_FAILED', message, details, options);
        this.rollback = rollback;
    }
}
async function rollbackTo(ctx, deps, reason) {
    const at = new Date(ctx.clock.now()).toISOString();
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollingBack, `Rolling back ${(0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .where */ ._M)(deps.stage)} to ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}: ${reason}`);
    const from = await readRouteToUndo(ctx, deps, reason, at);
    const change = await routeAllToTarget(ctx, deps, from, reason, at);
    const confirmation = await proveTarget(ctx, deps);
    const route = { kind: deps.target.side, target: deps.target };
    return {
        section: {
            reason,
            at,
            verified: confirmation?.confirmed ?? false,
            probes: confirmation?.probes ?? 0,
            finalRoute: route,
        },
        change,
        route,
    };
}
/** The stage's route as it is now; ROLLBACK_FAILED when it cannot be read or is not one of ours. */
async function readRouteToUndo(ctx, deps, reason, at) {
    let state;
    try {
        state = await (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .readStage */ .NW)(ctx, deps.stage);
    }
    catch (e) {
        throw await rollbackFailed(ctx, deps, reason, at, `reading the stage: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`, e);
    }
    const before = (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .classifyRoute */ .i2)(state, deps.stage);
    if (!before.known) {
        // Not a shape this tool made: someone else changed the stage, and overwriting it blindly
        // could undo their fix. A person decides.
        throw await rollbackFailed(ctx, deps, reason, at, `the stage is in a state lmi-cutover did not make (${before.reason})`);
    }
    return { route: before.route, state };
}
/** The one UpdateStage of the rollback, recorded for the post step; undefined when none was needed. */
async function routeAllToTarget(ctx, deps, from, reason, at) {
    const ref = deps.stage;
    const target = deps.target;
    const production = (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .productionOf */ .zS)(from.route);
    if (from.route.kind !== 'canary' && (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .sameVersion */ .r1)(production, target)) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.alreadyStandard, `${(0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .where */ ._M)(ref)} already sends all traffic to ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(target)}; no route change needed.`);
        return undefined;
    }
    let applied;
    try {
        // The version serving production now needs no check; any other must be Active and permitted.
        if (!(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .sameVersion */ .r1)(production, target))
            await (0,_routable_js__WEBPACK_IMPORTED_MODULE_4__/* .makeRoutable */ .j)(ctx, ref, target);
        await recordSafely(ctx, () => deps.onRouteIntent?.({ kind: target.side, target }));
        applied = await (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .routeTo */ .Bv)(ctx, ref, from, target, `rollback: ${reason}`, deps.wayBackAfter);
    }
    catch (e) {
        throw await rollbackFailed(ctx, { ...deps, lastKnownRoute: from.route }, reason, at, (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e), e);
    }
    const change = applied.change;
    await recordSafely(ctx, () => deps.onRouteChange?.(change, applied.route));
    return change;
}
/** A rollback never fails for its bookkeeping: the stage is the truth. */
async function recordSafely(ctx, save) {
    try {
        await save();
    }
    catch (e) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackNotRecorded, `Could not record the rollback for the post step: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`);
    }
}
/** Probes until the target answers `confirmSamples` times in a row; undefined without a prober. */
async function proveTarget(ctx, deps) {
    const samples = deps.confirmSamples ?? _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .FIXED */ .N2.confirmSamples;
    const settleSeconds = deps.settleSeconds ?? _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .FIXED */ .N2.settleSeconds;
    if (!deps.probe) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackUnprobed, `The rollback was not verified by probes (no prober); the stage reads back as ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}.`);
        return undefined;
    }
    const confirmation = await (0,_probe_js__WEBPACK_IMPORTED_MODULE_3__/* .confirmRoute */ ._K)(ctx, deps.probe, deps.target, {
        ratePerSecond: deps.probeRate,
        samples,
        settleMs: settleSeconds * 1000,
        attributed: deps.attributed,
    });
    if (confirmation.confirmed) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackVerified, deps.attributed === false
            ? `Rollback verified: the stage reads back as ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)} and ${confirmation.probes} probe(s) through it, the last ${samples} all answered as load.expect requires (the answers do not name their version).`
            : `Rollback verified: ${confirmation.probes} probe(s), the last ${samples} all answered by ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}.`);
    }
    else {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackNotVerified, `Rollback NOT verified: the stage reads back as ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}, but within ${settleSeconds}s ` +
            `${confirmation.strays} of ${confirmation.probes} probes still reached another version or failed. Check the stage and ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}.`);
    }
    return confirmation;
}
/** The closest known route for the report; the section's stageState has the exact values. */
function approximateRoute(state, ref) {
    const c = (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .classifyRoute */ .i2)(state, ref);
    if (c.known)
        return c.route;
    if (state.canary)
        return { kind: 'canary', percent: state.canary.percentTraffic };
    return (state.liveFunction ?? '').includes(ref.lmiFunctionName) ? { kind: 'lmi' } : { kind: 'standard' };
}
async function rollbackFailed(ctx, deps, reason, at, what, cause) {
    const ref = deps.stage;
    // Read the stage again: the error must say what production looks like now, not before.
    let stageState;
    // Unreadable and never known: report it as mid-canary, the state that needs a person.
    let finalRoute = deps.lastKnownRoute ?? { kind: 'canary', percent: 0 };
    let hasCanary = true;
    try {
        const now = await (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .readStage */ .NW)(ctx, ref);
        stageState = (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .describeStageState */ .jK)(now);
        finalRoute = approximateRoute(now, ref);
        hasCanary = now.canary !== undefined;
    }
    catch (e) {
        stageState = `could not be read (${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}); assume it may still send traffic to the version being rolled back`;
    }
    const region = await ctx.aws.region().catch(() => undefined);
    const manualFix = (0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .manualRouteCommand */ .TD)(ref, deps.target, hasCanary, region);
    const message = `ROLLBACK FAILED on ${(0,_route_js__WEBPACK_IMPORTED_MODULE_5__/* .where */ ._M)(ref)}: ${what}. Production traffic is NOT confirmed on ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)}. ` +
        `Run the command below to send all traffic to ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .versionLabel */ .dp)(deps.target)} by hand.`;
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackFailed, message);
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackFailedStageState, `Stage state now: ${stageState}`);
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.rollbackFailedFix, `Fix by hand: ${manualFix}`);
    return new RollbackFailedError(message, [`Rollback reason: ${reason}`, `Stage state now: ${stageState}`, `Fix by hand: ${manualFix}`], { reason, at, verified: false, probes: 0, finalRoute, failure: { message, stageState, manualFix } }, { cause });
}


/***/ }),

/***/ 53264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ makeRoutable)
/* harmony export */ });
/* unused harmony export permissionStatementId */
/* harmony import */ var _aws_lambda_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5974);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31449);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25179);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3502);
// Before the stage routes any traffic to a version: the version must be Active (a retired one,
// scaled to 0/0, is Deactivated and would answer errors) and API Gateway must be allowed to
// invoke exactly that version. Lambda checks permissions per qualifier, and a permission that
// CloudFormation owns disappears when its resource is replaced, so lmi-cutover owns one
// statement per version it routes to (`lmi-cutover-<rest api id>`), added here and never by a
// deploy. Adding it is idempotent: an existing statement with our id is left as it is.






const API_GATEWAY = 'apigateway.amazonaws.com';
const permissionStatementId = (ref) => `lmi-cutover-${ref.restApiId}`;
/** `arn:aws:lambda:eu-west-1:123456789012:function:name:7` → the execute-api ARN of the API's every stage and route. */
function sourceArnOf(functionArn, ref) {
    const [, partition, , region, account] = functionArn.split(':');
    return `arn:${partition}:execute-api:${region}:${account}:${ref.restApiId}/*`;
}
/** A statement that already lets this API invoke the version, ours or the template's. */
function permits(policy, sourceArn, sid) {
    if (!policy)
        return false;
    let statements;
    try {
        statements = JSON.parse(policy).Statement ?? [];
    }
    catch {
        return false;
    }
    return statements.some((s) => {
        if (s.Sid === sid)
            return true;
        const service = typeof s.Principal === 'object' ? s.Principal.Service : undefined;
        if (![service].flat().includes(API_GATEWAY))
            return false;
        const arns = Object.values(s.Condition ?? {}).flatMap((c) => [c['AWS:SourceArn'] ?? []].flat());
        return arns.includes(sourceArn);
    });
}
/**
 * Makes `target` safe to route to, or refuses with the reason: VERSION_NOT_ROUTABLE when it is
 * not Active, ACCESS_DENIED when the permission cannot be read or added.
 */
async function makeRoutable(ctx, ref, target) {
    const name = `${target.functionName}:${target.version}`;
    let arn;
    try {
        const c = await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_4__/* .getFunctionConfiguration */ .td)(ctx.aws.lambda, target.functionName, target.version);
        if (c.State !== 'Active') {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB('VERSION_NOT_ROUTABLE', `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .versionLabel */ .dp)(target)} (${name}) is ${c.State ?? 'in an unknown state'}${c.StateReason ? ` (${c.StateReason})` : ''}, ` +
                'so the stage must not send traffic to it. Nothing was changed.');
        }
        if (!c.FunctionArn?.startsWith('arn:')) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB('VERSION_NOT_ROUTABLE', `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .versionLabel */ .dp)(target)} (${name}): Lambda returned no function ARN, so the invoke permission's source cannot be built. Nothing was changed.`);
        }
        arn = c.FunctionArn;
    }
    catch (e) {
        if (e instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB)
            throw e;
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_1__/* .throwIfAccessDenied */ .v)(e, 'lambda:GetFunctionConfiguration', name);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB('VERSION_NOT_ROUTABLE', `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .versionLabel */ .dp)(target)} (${name}) cannot be read: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}. Nothing was changed.`, [], { cause: e });
    }
    const sid = permissionStatementId(ref);
    const sourceArn = sourceArnOf(arn, ref);
    try {
        if (permits(await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_4__/* .getVersionPolicy */ .Bn)(ctx.aws.lambda, target.functionName, target.version), sourceArn, sid)) {
            return { target, permissionAdded: false };
        }
        await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_4__/* .addInvokePermission */ .xN)(ctx.aws.lambda, {
            functionName: target.functionName,
            version: target.version,
            statementId: sid,
            principal: API_GATEWAY,
            sourceArn,
        });
    }
    catch (e) {
        // Added meanwhile by another run: the statement is there, which is all that matters.
        if ((0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e) === 'ResourceConflictException')
            return { target, permissionAdded: false };
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_1__/* .throwIfAccessDenied */ .v)(e, 'lambda:AddPermission', name);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB('PERMISSION_FAILED', `Could not let API Gateway invoke ${name}: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}. Nothing was routed to it.`, [], { cause: e });
    }
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .TRAFFIC_MESSAGES */ .H.permissionAdded, `API Gateway may now invoke ${name} from REST API ${ref.restApiId} (statement ${sid}).`);
    return { target, permissionAdded: true };
}


/***/ })

};
