export const id = 325;
export const ids = [325];
export const modules = {

/***/ 45325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createPipelineContext: () => (/* binding */ createPipelineContext),
  pipelineOutcome: () => (/* binding */ pipelineOutcome),
  runOnce: () => (/* binding */ runOnce),
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/core/clock.ts
var core_clock = __webpack_require__(32257);
// EXTERNAL MODULE: ./src/core/failure.ts
var core_failure = __webpack_require__(83333);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/report/builder.ts
// Fills the run's Report as the stages go, so whatever happens — a gate breach, a provisioning
// failure, a crash — the adapter can still write the JSON, the job summary and the PR comment
// from what was measured up to that point.


const TOOL_VERSION = package_namespaceObject.rE;
class ReportBuilder {
    #clock;
    #report;
    #onUpdate;
    #running = [];
    constructor(init) {
        this.#clock = init.clock;
        this.#onUpdate = init.onUpdate;
        this.#report = {
            schemaVersion: 1,
            tool: { name: 'lmi-cutover', version: TOOL_VERSION },
            run: {
                mode: init.mode,
                stackName: init.stackName,
                region: init.region ?? 'unknown',
                startedAt: this.#iso(),
                outcome: 'failure',
                ...(init.trigger ? { trigger: init.trigger } : {}),
            },
            route: {},
            timeline: [],
        };
    }
    /** The report as filled so far (the same object, read-only; finish() completes it). */
    get report() {
        return this.#report;
    }
    /** The stages under way, outermost first. */
    get running() {
        return this.#running;
    }
    /** Tells the listener the report as it is now: the run's start, before any stage. */
    announce() {
        this.#notify();
    }
    setRegion(region) {
        this.#report.run.region = region;
    }
    /**
     * Runs one stage and records it in the timeline: `passed` (or what `outcomeOf` says) when it
     * returns, `failed` with the error code when it throws.
     */
    async stage(stage, fn, outcomeOf) {
        const startedAt = this.#iso();
        const started = this.#clock.now();
        const running = { stage, startedAt };
        this.#running.push(running);
        this.#notify();
        const done = () => this.#running.splice(this.#running.indexOf(running), 1);
        try {
            const value = await fn();
            done();
            const o = outcomeOf?.(value) ?? {};
            this.#timeline({
                stage,
                startedAt,
                durationMs: this.#clock.now() - started,
                outcome: o.outcome ?? 'passed',
                detail: o.detail,
            });
            return value;
        }
        catch (e) {
            if (this.#running.includes(running))
                done();
            this.#timeline({
                stage,
                startedAt,
                durationMs: this.#clock.now() - started,
                outcome: 'failed',
                detail: failureDetail(e),
            });
            throw e;
        }
    }
    /** A stage that failed without running here (its work failed inside an earlier stage). */
    failed(stage, e) {
        this.#timeline({
            stage,
            startedAt: this.#iso(),
            durationMs: 0,
            outcome: 'failed',
            detail: failureDetail(e),
        });
    }
    /** A stage that did not run (an earlier one failed, or it was not asked for). */
    skipped(stage, detail) {
        this.#timeline({ stage, startedAt: this.#iso(), durationMs: 0, outcome: 'skipped', detail });
    }
    /** Marks as skipped each of `stages` that has no timeline entry yet, so the reader sees why it is missing. */
    skippedUnlessRecorded(stages, e) {
        const why = (0,errors/* isCutoverError */.jH)(e) ? `not run: ${e.code}` : 'not run: an earlier stage failed';
        const recorded = new Set(this.#report.timeline.map((t) => t.stage));
        for (const stage of stages)
            if (!recorded.has(stage))
                this.skipped(stage, why);
    }
    /** The route before the run's first change (the earliest reading wins) and after its last. */
    route(route) {
        const r = this.#report.route;
        if (route.before && !r.before)
            r.before = route.before;
        if (route.after)
            r.after = route.after;
    }
    /** The run's cutover section; route changes made earlier in the run (a resume rollback) go first. */
    cutover(section) {
        const earlier = this.#report.cutover?.routeChanges ?? [];
        this.#report.cutover = { ...section, routeChanges: [...earlier, ...section.routeChanges] };
    }
    /**
     * A canary step as soon as it is baked, so the report read mid-run (the live PR comment) shows
     * it; cutover() sets the whole section when the shift ends.
     */
    cutoverStep(step) {
        this.#report.cutover ??= {
            steps: [],
            routeChanges: [],
            promoted: false,
            rolledBack: false,
            deletedVersions: [],
        };
        this.#report.cutover.steps.push(step);
        this.#notify();
    }
    /** The LMI versions the cleanup after a promotion deleted. */
    deletedVersions(versions) {
        if (this.#report.cutover)
            this.#report.cutover.deletedVersions = [...versions];
    }
    /** Mode plan's change set, as the plan stage returns it. */
    plan(result) {
        this.#report.plan = definedOnly({ ...result, changes: result.changes.map(copyChange) });
    }
    deploy(result) {
        const section = {
            type: result.type,
            stackId: result.stackId,
            stackStatus: result.stackStatus,
            changeSetName: result.changeSetName,
            changes: result.changes.map(copyChange),
            outputs: { ...result.outputs },
            durationMs: result.durationMs,
        };
        this.#report.deploy = section;
    }
    /** The latest state seen while waiting, so a failed or timed-out wait still shows it. */
    provisioningObserved(o) {
        const section = {
            functionName: o.functionName,
            version: o.version,
            state: o.state,
            stateReasonCode: o.stateReasonCode,
            stateReason: o.stateReason,
            seconds: Math.round(o.elapsedMs / 100) / 10,
            capacityProviderArn: o.capacityProviderArn,
            capacityProviderState: o.capacityProviderState,
            confirmedOnly: false,
        };
        this.#report.provisioning = definedOnly(section);
    }
    provisioned(r) {
        this.#report.provisioning = definedOnly({
            functionName: r.functionName,
            version: r.version,
            state: r.state,
            seconds: r.seconds,
            capacityProviderArn: r.capacityProviderArn || undefined,
            capacityProviderState: r.capacityProviderState,
            confirmedOnly: r.confirmedOnly,
        });
    }
    smoke(checks) {
        this.#report.smoke = { checks: [...checks], passed: checks.length > 0 && checks.every((c) => c.passed) };
    }
    load(lmi, standard) {
        this.#report.load = {
            ...this.#report.load,
            lmi,
            ...(standard ? { standard } : {}),
            gates: this.#report.load?.gates ?? [],
        };
    }
    p95Baseline(baseline) {
        if (this.#report.load)
            this.#report.load.p95Baseline = baseline;
    }
    gates(gates) {
        if (this.#report.load)
            this.#report.load.gates = [...gates];
    }
    /** Who measured the concurrency check's figures, when it was sharded. */
    shards(section) {
        if (this.#report.load)
            this.#report.load.shards = definedOnly({
                ...section,
                allAtOnce: section.allAtOnce ? definedOnly({ ...section.allAtOnce }) : undefined,
            });
    }
    sweep(points) {
        if (this.#report.load)
            this.#report.load.sweep = [...points];
    }
    cost(section) {
        this.#report.cost = section;
    }
    /**
     * Completes the run: the outcome, the error when there was one, the finish time. A failed run
     * that put production back where it was says `rolled-back`, so the headline tells the reader
     * that traffic is safe before why it failed.
     */
    finish(result) {
        const run = this.#report.run;
        run.finishedAt = this.#iso();
        if ('error' in result) {
            run.outcome = result.rolledBack ? 'rolled-back' : 'failure';
            run.error = result.error;
        }
        else {
            run.outcome = result.outcome;
            delete run.error;
        }
        return this.#report;
    }
    #timeline(entry) {
        this.#report.timeline.push(definedOnly({ ...entry, durationMs: Math.round(entry.durationMs) }));
        this.#notify();
    }
    #notify() {
        try {
            this.#onUpdate?.(this.#report, this.#running);
        }
        catch {
            // A reader of the report so far (the live comment) must never fail the run.
        }
    }
    #iso() {
        return new Date(this.#clock.now()).toISOString();
    }
}
/** A change the report owns: its arrays copied, no undefined fields. */
const copyChange = (c) => definedOnly({ ...c, recreatedBy: c.recreatedBy?.map((r) => ({ ...r })) });
const failureDetail = (e) => (0,errors/* isCutoverError */.jH)(e) ? e.code : e instanceof Error ? e.message.slice(0, 200) : undefined;
/** Drops undefined fields, so the JSON carries no `"key": undefined` noise and matches the schema. */
function definedOnly(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

// EXTERNAL MODULE: ./src/core/progress.ts
var progress = __webpack_require__(34664);
;// CONCATENATED MODULE: ./src/pipeline/modes/messages.ts
// The progress lines the modes themselves emit (the stages have their own registries), each
// with a stable code: scripts and tests match codes, not sentences.

const MODE_MESSAGES = {
    routeBeforeCutover: (0,progress/* message */.i)('mode.route-before-cutover', 'info', 'Mode cutover read the route it starts from.'),
    verifyCleanupSkipped: (0,progress/* message */.i)('mode.verify-cleanup-skipped', 'warn', 'A verify passed, and the earlier LMI versions it would release (scale to 0/0, delete past keep-versions) were left as they were, with the reason.'),
    noErrorBaseline: (0,progress/* message */.i)('mode.no-error-baseline', 'warn', 'cutover-steps starts at 100 %: no step has production answers to compare the candidate with, so its errors are judged strictly, on its own.'),
    alreadyThere: (0,progress/* message */.i)('mode.rollback-already-there', 'info', 'Mode rollback found all traffic already on the version it would return to: nothing to do.'),
    productionUntouched: (0,progress/* message */.i)('mode.production-untouched', 'warn', 'Mode full: the candidate failed verification; production stays on the version the deploy left untouched.'),
};

;// CONCATENATED MODULE: ./src/pipeline/modes/step-warnings.ts

/**
 * The error test compares the candidate with production's answers of the same run: a first step
 * of 100 % leaves none, so the candidate's errors are judged on their own, strictly.
 */
function warnIfNoErrorBaseline(ctx, config) {
    if (config.cutoverSteps[0] !== 100)
        return false;
    ctx.progress.emit(MODE_MESSAGES.noErrorBaseline, `cutover-steps ${config.cutoverSteps.join(',')} sends all traffic at once: no step has production answers to compare ` +
        `the candidate's errors with, so any error rate above max-error-rate ${config.maxErrorRate} rolls back, with no statistical test. ` +
        'Start with a smaller step (10,50,100) to compare the two side by side.');
    return true;
}

// EXTERNAL MODULE: ./src/core/domain.ts
var domain = __webpack_require__(25179);
// EXTERNAL MODULE: ./src/aws/cloudwatch.ts
var cloudwatch = __webpack_require__(83817);
// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
;// CONCATENATED MODULE: ./src/pipeline/traffic/alarms.ts



/** Each name's StateValue (OK, ALARM, INSUFFICIENT_DATA); names that match no alarm are absent. */
async function describeAlarmStates(client, names) {
    const unique = [...new Set(names)];
    let alarms;
    try {
        alarms = await (0,cloudwatch/* describeAlarmsByName */.o7)(client, unique);
    }
    catch (e) {
        // A role without the permission is denied on the first call: the names of that call.
        (0,access/* throwIfAccessDenied */.v)(e, 'cloudwatch:DescribeAlarms', unique.slice(0, cloudwatch/* ALARM_NAMES_PER_CALL */.SV).join(', '));
        throw e;
    }
    const states = new Map();
    for (const a of alarms) {
        if (a.AlarmName)
            states.set(a.AlarmName, a.StateValue ?? 'UNKNOWN');
    }
    return states;
}
function cloudWatchAlarmCheck(client) {
    return async (names) => {
        if (names.length === 0)
            return [];
        const states = await describeAlarmStates(client, names);
        return [...new Set(names)].flatMap((n) => {
            const state = states.get(n);
            if (state === undefined)
                return [`${n} (no such alarm)`];
            return state === 'ALARM' ? [n] : [];
        });
    };
}
/** Before any route change: every name must be an alarm, or the gate would check nothing. */
async function assertAlarmsExist(client, names) {
    if (names.length === 0)
        return;
    const states = await describeAlarmStates(client, names);
    const missing = [...new Set(names)].filter((n) => !states.has(n));
    if (missing.length === 0)
        return;
    throw new errors/* CutoverError */.DB('ALARM_NOT_FOUND', `alarm-names lists ${missing.length === 1 ? 'an alarm' : 'alarms'} CloudWatch does not have in this region: ${missing.join(', ')}. ` +
        'Fix the names (they are case-sensitive) or remove them; nothing was changed.');
}

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/config/cutover.ts
var cutover = __webpack_require__(78636);
;// CONCATENATED MODULE: ./src/pipeline/traffic/alarm-watch.ts
/** Polls at most this often (DescribeAlarms is cheap; CloudWatch evaluates every 10 s or minute). */
const MAX_POLL_MS = 10_000;
const MIN_POLL_MS = 1_000;
/** A poll every sixth of the bake, between 1 and 10 seconds. */
const alarmPollMs = (bakeMs) => Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(bakeMs / 6)));
function watchAlarms(ctx, check, names, options) {
    const started = ctx.clock.now();
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let inAlarm = [];
    let failure;
    let polls = 0;
    let trippedAtMs;
    const loop = (async () => {
        while (!signal.aborted && inAlarm.length === 0 && failure === undefined) {
            try {
                await ctx.clock.sleep(options.pollMs, signal);
            }
            catch {
                return; // stopped or cancelled
            }
            if (signal.aborted)
                return;
            try {
                polls++;
                inAlarm = await check(names);
                if (inAlarm.length > 0)
                    trippedAtMs = ctx.clock.now() - started;
            }
            catch (e) {
                failure = e;
            }
        }
    })();
    return {
        tripped: () => inAlarm.length > 0 || failure !== undefined,
        async finish() {
            stop.abort();
            // Not awaited: a poll in flight may finish later and is ignored; a clock that ignores
            // the abort must not hold the step.
            void loop;
            if (failure !== undefined)
                throw failure;
            if (inAlarm.length === 0) {
                polls++;
                inAlarm = await check(names);
                if (inAlarm.length > 0)
                    trippedAtMs = ctx.clock.now() - started;
            }
            return { inAlarm, polls, ...(trippedAtMs !== undefined ? { trippedAtMs } : {}) };
        },
    };
}

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/pipeline/traffic/probe.ts
var probe = __webpack_require__(34258);
// EXTERNAL MODULE: ./src/core/stats.ts
var stats = __webpack_require__(38796);
// EXTERNAL MODULE: ./src/pipeline/traffic/messages.ts
var messages = __webpack_require__(3502);
// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-binomial-cdf/lib/index.js
var lib = __webpack_require__(36794);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-hypergeometric-cdf/lib/index.js
var stats_base_dists_hypergeometric_cdf_lib = __webpack_require__(21444);
var stats_base_dists_hypergeometric_cdf_lib_default = /*#__PURE__*/__webpack_require__.n(stats_base_dists_hypergeometric_cdf_lib);
;// CONCATENATED MODULE: ./src/pipeline/traffic/error-test.ts
// Whether a canary step's candidate fails more often than production, decided by a stated test
// rather than "any error fails" (which rolls back on one stray error and lets a real 2 %
// regression through whenever a small sample happens to miss it):
//
// - The test: one-sided Fisher's exact test of the candidate's errors against production's
//   (H1: the candidate's error rate is higher). Production's sample is this step's production
//   answers plus those of the run's earlier steps on the same production version, so the last
//   step (100 %, no production answers of its own) still has a baseline.
// - A step fails when the candidate's error rate is above `max-error-rate` and either the test
//   gives p ≤ α, or — when `max-error-rate` is above 0 — the exact binomial test of the
//   candidate's errors against `max-error-rate` itself does (a candidate as bad as a broken
//   production still fails). α is 0.01 when the bake ends; while it runs, the step stops early
//   only at p ≤ 0.001 (a Haybittle–Peto boundary: looking often hardly adds false alarms).
// - The minimum sample is the number of candidate answers at which a regression of
//   DETECTABLE_REGRESSION above `max-error-rate`, over a production that does not fail, is
//   caught with 80 % power at the step's planned split. Below it the test cannot be trusted to
//   catch that regression, so the step is judged strictly: any error rate above
//   `max-error-rate` fails it, and the report says so.


const ERROR_TEST_ALPHA = 0.01;
const EARLY_STOP_ALPHA = 0.001;
/** The regression (in error-rate points above max-error-rate) the minimum sample is sized to catch. */
const DETECTABLE_REGRESSION = 0.02;
const POWER = 0.8;
/** P(the candidate shows ≥ its errors | both sides fail at the same rate): Fisher, one-sided. */
function fisherUpperP(candidate, baseline) {
    const k = candidate.errors;
    if (k <= 0)
        return 1;
    const total = candidate.count + baseline.count;
    const failures = k + baseline.errors;
    return clampP(1 - stats_base_dists_hypergeometric_cdf_lib_default()(k - 1, total, failures, candidate.count));
}
/** P(≥ k errors in n answers | each fails with probability p): the exact binomial upper tail. */
function binomialUpperP(k, n, p) {
    if (k <= 0)
        return 1;
    if (p <= 0)
        return 0;
    return clampP(1 - lib_default()(k - 1, n, p));
}
const clampP = (p) => Math.min(1, Math.max(0, p));
/** More errors than this to reach significance: the split leaves the test no power worth waiting for. */
const MAX_ERRORS_TO_REJECT = 100;
/** The fewest errors in n candidate answers that the step's rule rejects at `alpha`; Infinity past the cap. */
function errorsToReject(n, baselineCount, maxErrorRate, alpha) {
    const first = Math.max(1, Math.floor(n * maxErrorRate) + 1);
    for (let k = first; k <= Math.min(n, first + MAX_ERRORS_TO_REJECT); k++) {
        const byFisher = fisherUpperP({ errors: k, count: n }, { errors: 0, count: baselineCount }) <= alpha;
        const byLimit = maxErrorRate > 0 && binomialUpperP(k, n, maxErrorRate) <= alpha;
        if (byFisher || byLimit)
            return k;
    }
    return Number.POSITIVE_INFINITY;
}
/**
 * Candidate answers needed to catch a DETECTABLE_REGRESSION with 80 % power, when the candidate
 * gets `candidateShare` (0..1) of all the answers the test compares (its own and production's).
 * Infinity when production has (almost) no answers to compare with and max-error-rate is 0 — a
 * single 100 % step with no earlier one — so such a step is judged strictly.
 */
function minimumSample(candidateShare, maxErrorRate) {
    const share = Math.min(0.999, Math.max(0.001, candidateShare));
    // Fisher needs about ln α / ln share errors even against a production that never fails.
    if (maxErrorRate <= 0 && Math.log(ERROR_TEST_ALPHA) / Math.log(share) > MAX_ERRORS_TO_REJECT)
        return Number.POSITIVE_INFINITY;
    const rate = Math.min(1, maxErrorRate + DETECTABLE_REGRESSION);
    for (let n = 10; n <= 200_000; n = Math.max(n + 1, Math.ceil(n * 1.02))) {
        const k = errorsToReject(n, Math.round((n * (1 - share)) / share), maxErrorRate, ERROR_TEST_ALPHA);
        if (Number.isFinite(k) && binomialUpperP(k, n, rate) >= POWER)
            return n;
    }
    return Number.POSITIVE_INFINITY;
}
function judgeErrors(j) {
    const { candidate, baseline, maxErrorRate } = j;
    const rate = candidate.count > 0 ? candidate.errors / candidate.count : 0;
    const pValue = fisherUpperP(candidate, baseline);
    const limitPValue = maxErrorRate > 0 ? binomialUpperP(candidate.errors, candidate.count, maxErrorRate) : undefined;
    const alpha = j.interim ? EARLY_STOP_ALPHA : ERROR_TEST_ALPHA;
    const decidedBy = candidate.count >= j.minimumSample ? 'test' : 'strict';
    const base = {
        decidedBy,
        pValue: round4(pValue),
        ...(limitPValue === undefined ? {} : { limitPValue: round4(limitPValue) }),
    };
    if (rate <= maxErrorRate)
        return { ...base, passed: true };
    const significant = pValue <= alpha || (limitPValue !== undefined && limitPValue <= alpha);
    const noun = j.noun ?? 'answers';
    const counts = `${candidate.errors} of ${candidate.count} candidate ${noun} failed against ${baseline.errors} of ${baseline.count} of production's`;
    if (significant) {
        return {
            ...base,
            passed: false,
            reason: `${counts}: the candidate fails more often than ${limitPValue !== undefined && limitPValue <= alpha && pValue > alpha ? `max-error-rate ${pct(maxErrorRate)} allows` : 'production'} (one-sided ${limitPValue !== undefined && limitPValue <= alpha && pValue > alpha ? `binomial p = ${fmtP(limitPValue)}` : `Fisher p = ${fmtP(pValue)}`} ≤ ${alpha})`,
        };
    }
    if (decidedBy === 'strict' && !j.interim) {
        return {
            ...base,
            passed: false,
            reason: `${counts}: ${Number.isFinite(j.minimumSample) ? `${candidate.count} ${noun} are below the minimum sample of ${j.minimumSample} for the test` : 'production has too few answers in this run for the test'}, so the step is judged strictly and any error rate above max-error-rate ${pct(maxErrorRate)} fails it`,
        };
    }
    return { ...base, passed: true };
}
const round4 = (n) => Math.round(n * 10000) / 10000;
const pct = (fraction) => `${Math.round(fraction * 10000) / 100} %`;
/** A p-value as the step's reasons print it. */
const fmtP = (p) => (p < 0.0001 ? p.toExponential(1) : String(round4(p)));
/** The report's record of a judgement and its verdict. */
function errorTestRecord(j, verdict) {
    return {
        test: 'fisher-exact-one-sided',
        alpha: ERROR_TEST_ALPHA,
        detectableRegression: DETECTABLE_REGRESSION,
        // JSON has no Infinity: null says no sample is enough (nothing to compare with).
        minimumSample: Number.isFinite(j.minimumSample) ? j.minimumSample : null,
        candidate: j.candidate,
        production: j.baseline,
        pValue: verdict.pValue,
        ...(verdict.limitPValue === undefined ? {} : { limitPValue: verdict.limitPValue }),
        decidedBy: verdict.decidedBy,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/traffic/heartbeat.ts
// The heartbeat of a canary step: one line every HEARTBEAT_INTERVAL_MS of bake saying how the
// step is going (time baked, probes, the split and each side's errors and p95 so far), so a
// ten-minute cutover is readable in the log before each step ends. The figures are the ones the
// step is judged on at its end, read early; the verdict stays the end's alone.

/** Often enough to see a bake move, rare enough to keep a 10-minute log readable. */
const HEARTBEAT_INTERVAL_MS = 15_000;
/** A bake shorter than two intervals still gets one heartbeat, halfway; never more than one a second. */
const MIN_HEARTBEAT_MS = 1_000;
/** The heartbeat period for a window of `windowMs`: the interval, or half the window when that is shorter. */
const heartbeatEveryMs = (windowMs, intervalMs = HEARTBEAT_INTERVAL_MS) => Math.min(intervalMs, Math.max(MIN_HEARTBEAT_MS, windowMs / 2));
/**
 * `canary 10 % (step 1/3): baked 15s of 2m00s, 75 probes; split candidate 10.7 % / production
 * 89.3 %; errors candidate 0 / production 0; p95 candidate 20.02 ms / production 19.5 ms`
 */
function describeBakeHeartbeat(b) {
    const attributed = b.candidate.count + b.production.count;
    const split = attributed > 0
        ? `split candidate ${percent(b.candidate.count, attributed)} / production ${percent(b.production.count, attributed)}`
        : 'split unknown (no answer from either version yet)';
    const neither = b.unattributed > 0 ? `; ${b.unattributed} from neither version` : '';
    return (`${head(b)}: baked ${(0,format/* formatDuration */.a3)(b.elapsedMs)} of ${(0,format/* formatDuration */.a3)(b.totalMs)}, ${probes(b)}; ` +
        `${split}; errors candidate ${b.candidate.errors} / production ${b.production.errors}; ` +
        `p95 candidate ${ms(b.candidate.p95Ms)} / production ${ms(b.production.p95Ms)}${neither}`);
}
/**
 * A step judged by CloudWatch: only the stage's answers as a whole are known during the hold.
 * `canary 10 % (step 1/3), judged by CloudWatch metrics: held 15s of 3m30s (bake 2m00s, then
 * 1m30s for the metrics to arrive), 15 probes, 0 failed, p95 12 ms; split, errors and p95 per
 * version come from CloudWatch after the hold`
 */
function describeMetricsHeartbeat(b) {
    return (`${head(b)}, judged by CloudWatch metrics: held ${(0,format/* formatDuration */.a3)(b.elapsedMs)} of ${(0,format/* formatDuration */.a3)(b.totalMs)} ` +
        `(bake ${(0,format/* formatDuration */.a3)(b.bakeMs)}, then ${(0,format/* formatDuration */.a3)(b.totalMs - b.bakeMs)} for the metrics to arrive), ` +
        `${probes(b)} through the stage, ${b.failed} failed, p95 ${ms(b.p95Ms)}; ` +
        'split, errors and p95 per version come from CloudWatch after the hold');
}
const head = (b) => `canary ${b.percent} %${b.label ? ` (${b.label})` : ''}`;
const probes = (b) => `${b.sent} probe${b.sent === 1 ? '' : 's'}${b.answered === b.sent ? '' : ` (${b.answered} answered)`}`;
const percent = (part, whole) => `${((part / whole) * 100).toFixed(1)} %`;
const ms = (p95) => (p95 === undefined ? '–' : `${p95} ms`);

;// CONCATENATED MODULE: ./src/pipeline/traffic/cutover-step.ts







/** Standard deviations of a binomial share the observed split may stray. */
const SPLIT_SIGMAS = 4;
function side(samples) {
    return {
        count: samples.length,
        errors: samples.filter((s) => !s.ok).length,
        latency: (0,stats/* summarizeLatencies */._q)(samples.map((s) => s.latencyMs)),
    };
}
function summarizeSamples(samples, versions) {
    const candidate = samples.filter((s) => (0,probe/* servedBy */.nV)(s, versions.candidate));
    const production = samples.filter((s) => (0,probe/* servedBy */.nV)(s, versions.production));
    const other = samples.filter((s) => !(0,probe/* servedBy */.nV)(s, versions.candidate) && !(0,probe/* servedBy */.nV)(s, versions.production));
    const attributed = candidate.length + production.length;
    return {
        candidate: side(candidate),
        production: side(production),
        unattributed: other.length,
        misrouted: other.filter((s) => s.functionVersion !== undefined).length,
        misroutes: other.filter((s) => s.functionVersion !== undefined),
        unattributedFailures: other.filter((s) => s.functionVersion === undefined && !s.ok),
        observedCandidatePercent: attributed === 0 ? 0 : round2((candidate.length / attributed) * 100),
        attributed,
        candidateLatencies: candidate.map((s) => s.latencyMs),
    };
}
/**
 * Whether the candidate's p95 is above the limit, decided as the error test decides: a p95 of a
 * few probes is their slowest one, so one slow answer must not roll back a release. The count of
 * answers over the limit is tested against the 5 % a p95 at the limit allows (exact binomial,
 * one-sided, α 0.01); an observed p95 above the limit that this cannot tell from chance passes,
 * and the gate says so.
 */
function judgeP95(latencies, observedP95, limitMs) {
    const over = latencies.filter((l) => l > limitMs).length;
    // The histogram's p95 can sit a hair above an answer at the limit: none over is a pass.
    if (observedP95 <= limitMs || over === 0)
        return { passed: true };
    const p = binomialUpperP(over, latencies.length, P95_SHARE_ALLOWED);
    const counts = `${over} of ${latencies.length} answers over the limit, p = ${fmtP(p)}`;
    if (p <= P95_ALPHA)
        return {
            passed: false,
            reason: `candidate p95 ${observedP95} ms is above max-p95-ms ${limitMs} ms: ${counts} ≤ ${P95_ALPHA} (more than the 5 % a p95 at the limit allows)`,
        };
    return { passed: true, note: `above the limit by chance: ${counts}` };
}
const P95_SHARE_ALLOWED = 0.05;
const P95_ALPHA = 0.01;
/** Points (0..100) the observed LMI share may differ from `expectedPercent` with n answers. */
function splitTolerancePercent(expectedPercent, n, minPoints) {
    const p = Math.min(1, Math.max(0, expectedPercent / 100));
    const band = n > 0 ? SPLIT_SIGMAS * Math.sqrt((p * (1 - p)) / n) * 100 : 100;
    return round2(Math.max(minPoints, band));
}
/** The candidate's side of the error test: its own answers plus the failures no version can be named for. */
function candidateErrors(figures) {
    const charged = figures.unattributedFailures.length;
    return { errors: figures.candidate.errors + charged, count: figures.candidate.count + charged };
}
/** The test's counts straight from the samples (no latency summary): cheap enough for every failure. */
function errorCounts(samples, versions) {
    const candidate = { errors: 0, count: 0 };
    const production = { errors: 0, count: 0 };
    for (const s of samples) {
        const side = (0,probe/* servedBy */.nV)(s, versions.candidate)
            ? candidate
            : (0,probe/* servedBy */.nV)(s, versions.production)
                ? production
                : s.functionVersion === undefined && !s.ok
                    ? candidate
                    : undefined;
        if (!side)
            continue;
        side.count++;
        if (!s.ok)
            side.errors++;
    }
    return { candidate, production };
}
/** Production's side: this step's answers and the earlier steps'. */
function productionErrors(figures, baseline) {
    return {
        errors: figures.production.errors + baseline.earlier.errors,
        count: figures.production.count + baseline.earlier.count,
    };
}
function judgeStep(percent, figures, limits, inAlarm, baseline) {
    const { candidate: lmi } = figures;
    const reasons = [];
    const test = {
        candidate: candidateErrors(figures),
        baseline: productionErrors(figures, baseline),
        maxErrorRate: limits.maxErrorRate,
        minimumSample: baseline.minimumSample,
    };
    const errors = judgeErrors(test);
    const errorTest = errorTestRecord(test, errors);
    const rate = test.candidate.count > 0 ? test.candidate.errors / test.candidate.count : 0;
    const errorGate = {
        name: 'max-error-rate',
        limit: limits.maxErrorRate,
        actual: lmi.count > 0 ? cutover_step_round4(rate) : 'no candidate answers',
        passed: lmi.count > 0 && errors.passed,
    };
    if (lmi.count === 0)
        reasons.push('no probe was answered by the candidate');
    else if (!errors.passed)
        reasons.push(errors.reason);
    const p95 = judgeP95(figures.candidateLatencies, lmi.latency.p95, limits.maxP95Ms);
    const p95Gate = {
        name: 'max-p95-ms',
        limit: limits.maxP95Ms,
        actual: p95.note ? `${lmi.latency.p95} (${p95.note})` : lmi.latency.p95,
        passed: lmi.count > 0 && p95.passed,
    };
    if (lmi.count > 0 && !p95.passed)
        reasons.push(p95.reason);
    const tolerancePercent = splitTolerancePercent(percent, figures.attributed, limits.minTolerancePoints);
    const off = round2(Math.abs(figures.observedCandidatePercent - percent));
    const splitGate = {
        name: 'split-tolerance',
        limit: tolerancePercent,
        actual: figures.attributed > 0 ? off : 'no answer came from either version',
        passed: figures.attributed > 0 && off <= tolerancePercent,
    };
    if (!splitGate.passed) {
        reasons.push(figures.attributed > 0
            ? `observed candidate share ${figures.observedCandidatePercent} % of ${figures.attributed} answers is outside ${percent} % ± ${tolerancePercent}`
            : 'no answer came from the candidate or the production version, so the split is unknown');
    }
    const gates = [errorGate, p95Gate, splitGate];
    if (inAlarm !== undefined)
        judgeAlarms(limits.alarmNames, inAlarm, gates, reasons);
    if (figures.misrouted > 0) {
        reasons.push(`${figures.misrouted} probe${figures.misrouted === 1 ? '' : 's'} reached a version that is neither the candidate nor production (${failureKinds(figures.misroutes)})`);
    }
    if (figures.unattributedFailures.length > 0 && !errors.passed) {
        reasons.push(`${figures.unattributedFailures.length} failed probe${figures.unattributedFailures.length === 1 ? '' : 's'} named no version and counted against the candidate (${failureKinds(figures.unattributedFailures)})`);
    }
    return { errorTest, gates, passed: reasons.length === 0, reasons, tolerancePercent };
}
/** The alarm gate: passed unless one of the names was in ALARM during the bake. */
function judgeAlarms(names, inAlarm, gates, reasons) {
    gates.push({
        name: 'alarms',
        limit: `none of ${names.join(', ')} in ALARM`,
        actual: inAlarm.length > 0 ? inAlarm.join(', ') : 'none in ALARM',
        passed: inAlarm.length === 0,
    });
    if (inAlarm.length > 0)
        reasons.push(`CloudWatch alarm${inAlarm.length === 1 ? '' : 's'} in ALARM: ${inAlarm.join(', ')}`);
}
function failureKinds(samples) {
    const counts = new Map();
    for (const s of samples) {
        const key = s.status === 0
            ? `no answer${s.error ? `: ${s.error}` : ''}`
            : s.ok
                ? `answered by version ${s.functionVersion ?? '?'}`
                : `${s.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}
/**
 * Bakes one step. Stops early — the step has already failed — once a probe reaches a third
 * version, an alarm fires, or the candidate's errors cross the early-stop boundary of the test.
 */
async function bakeStep(ctx, deps, options) {
    const { percent, limits, versions } = options;
    const startedAt = new Date(ctx.clock.now()).toISOString();
    const baseline = {
        earlier: options.earlierProduction ?? { errors: 0, count: 0 },
        minimumSample: stepMinimumSample(options),
    };
    const alarms = startAlarmWatch(ctx, deps, limits, options);
    let run;
    try {
        run = await (0,probe/* runProbes */.j5)(ctx, deps.probe, {
            ratePerSecond: options.probeRate,
            durationMs: options.bakeSeconds * 1000,
            signal: options.signal,
            heartbeat: {
                everyMs: heartbeatEveryMs(options.bakeSeconds * 1000, options.heartbeatMs),
                beat: (samples, elapsedMs, sent) => ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.stepHeartbeat, describeBakeHeartbeat({
                    percent,
                    label: options.label,
                    elapsedMs,
                    totalMs: options.bakeSeconds * 1000,
                    sent,
                    answered: samples.length,
                    ...sidesSoFar(samples, versions),
                })),
            },
            stopWhen: (samples) => {
                if (alarms?.tripped())
                    return true;
                const s = samples[samples.length - 1];
                if (s.functionVersion !== undefined &&
                    !(0,probe/* servedBy */.nV)(s, versions.candidate) &&
                    !(0,probe/* servedBy */.nV)(s, versions.production))
                    return true; // a misroute
                if (s.ok || (0,probe/* servedBy */.nV)(s, versions.production))
                    return false;
                // The candidate (or an unnamed version) failed: stop once the early-stop boundary is crossed.
                const counts = errorCounts(samples, versions);
                return !judgeErrors({
                    candidate: counts.candidate,
                    baseline: {
                        errors: counts.production.errors + baseline.earlier.errors,
                        count: counts.production.count + baseline.earlier.count,
                    },
                    maxErrorRate: limits.maxErrorRate,
                    minimumSample: baseline.minimumSample,
                    interim: true,
                }).passed;
            },
        });
    }
    catch (e) {
        await alarms?.finish().catch(() => undefined);
        throw e;
    }
    const inAlarm = alarms ? (await alarms.finish()).inAlarm : undefined;
    const figures = summarizeSamples(run.samples, versions);
    const verdict = judgeStep(percent, figures, limits, inAlarm, baseline);
    const reasons = [...verdict.reasons];
    if (run.stoppedEarly)
        reasons.push(`the bake stopped early after ${(0,format/* formatDuration */.a3)(run.elapsedMs)}`);
    const step = {
        percent,
        startedAt,
        bakeSeconds: Math.round(run.elapsedMs / 100) / 10,
        probes: run.samples.length,
        candidate: figures.candidate,
        production: figures.production,
        observedCandidatePercent: figures.observedCandidatePercent,
        tolerancePercent: verdict.tolerancePercent,
        errorTest: verdict.errorTest,
        gates: verdict.gates,
        passed: verdict.passed,
        ...(verdict.passed ? {} : { reason: reasons.join('; ') }),
    };
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.stepBaked, describeStep(step));
    return step;
}
/** The heartbeat's figures: the same split the step is judged on, read before its end. */
function sidesSoFar(samples, versions) {
    const f = summarizeSamples(samples, versions);
    const soFar = (s) => ({
        count: s.count,
        errors: s.errors,
        p95Ms: s.count > 0 ? s.latency.p95 : undefined,
    });
    return { candidate: soFar(f.candidate), production: soFar(f.production), unattributed: f.unattributed };
}
/** `canary 10 %: 600 probes in 2m00s, candidate 61 (10.2 % ± 5), candidate p95 212 ms, 0 errors — passed` */
function describeStep(s) {
    return (`canary ${s.percent} %: ${s.probes} probes in ${(0,format/* formatDuration */.a3)(s.bakeSeconds * 1000)}, ` +
        `candidate ${s.candidate.count} (${s.observedCandidatePercent} % ± ${s.tolerancePercent}), candidate p95 ${s.candidate.latency.p95} ms, ` +
        `${s.candidate.errors} candidate error${s.candidate.errors === 1 ? '' : 's'}, production p95 ${s.production.latency.p95} ms — ` +
        (s.passed ? 'passed' : `FAILED: ${s.reason ?? 'gates'}`));
}
/** The alarm gate polled through the bake; undefined without alarms. */
function startAlarmWatch(ctx, deps, limits, options) {
    if (limits.alarmNames.length === 0 || !deps.alarmCheck)
        return undefined;
    return watchAlarms(ctx, deps.alarmCheck, limits.alarmNames, {
        pollMs: alarmPollMs(options.bakeSeconds * 1000),
        signal: options.signal,
    });
}
/**
 * The minimum sample for this step's planned split: the candidate's planned share of the answers
 * the test compares (this step's, plus production's earlier ones).
 */
function stepMinimumSample(options) {
    const planned = options.probeRate * options.bakeSeconds;
    const candidate = (planned * options.percent) / 100;
    const production = planned - candidate + (options.earlierProduction?.count ?? 0);
    return minimumSample(candidate / Math.max(1, candidate + production), options.limits.maxErrorRate);
}
/** The candidate answers a step is planned to get: probe-rate × bake-seconds × its share. */
const plannedCandidateAnswers = (o) => Math.floor((o.probeRate * o.bakeSeconds * o.percent) / 100);
const round2 = (n) => Math.round(n * 100) / 100;
const cutover_step_round4 = (n) => Math.round(n * 10000) / 10000;

// EXTERNAL MODULE: ./src/pipeline/traffic/version-metrics.ts
var version_metrics = __webpack_require__(65792);
;// CONCATENATED MODULE: ./src/pipeline/traffic/metrics-step.ts








async function bakeStepByMetrics(ctx, deps, options) {
    const { percent, limits, versions } = options;
    const startedMs = ctx.clock.now();
    const bakeMs = options.bakeSeconds * 1000;
    const holdMs = bakeMs + options.metricsDelaySeconds * 1000;
    // Failed answers the candidate may cause at its share of the probes planned for the bake.
    const allowed = Math.floor(limits.maxErrorRate * options.probeRate * (holdMs / 1000) * (percent / 100));
    const alarms = startAlarmWatch(ctx, deps, limits, { ...options, bakeSeconds: holdMs / 1000 });
    let run;
    try {
        run = await (0,probe/* runProbes */.j5)(ctx, deps.probe, {
            ratePerSecond: options.probeRate,
            durationMs: holdMs,
            signal: options.signal,
            heartbeat: {
                everyMs: heartbeatEveryMs(holdMs, options.heartbeatMs),
                beat: (samples, elapsedMs, sent) => ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.stepHeartbeat, describeMetricsHeartbeat({
                    percent,
                    label: options.label,
                    elapsedMs,
                    totalMs: holdMs,
                    bakeMs,
                    sent,
                    answered: samples.length,
                    failed: failedCount(samples),
                    p95Ms: samples.length > 0 ? (0,stats/* summarizeLatencies */._q)(samples.map((s) => s.latencyMs)).p95 : undefined,
                })),
            },
            stopWhen: (samples) => alarms?.tripped() === true || failedCount(samples) > allowed,
        });
    }
    catch (e) {
        await alarms?.finish().catch(() => undefined);
        throw e;
    }
    const inAlarm = alarms ? (await alarms.finish()).inAlarm : undefined;
    const bakeEndMs = Math.min(startedMs + bakeMs, startedMs + run.elapsedMs);
    const window = (0,version_metrics/* metricsWindow */.u)(startedMs, bakeEndMs, options.metricsPeriodSeconds);
    // A step that already failed rolls back now; its metrics would arrive minutes later.
    const read = window && !run.stoppedEarly
        ? await deps.metrics([versions.candidate, versions.production], window)
        : undefined;
    const metrics = window && read
        ? {
            windowStart: new Date(window.startMs).toISOString(),
            windowEnd: new Date(window.endMs).toISOString(),
            periodSeconds: options.metricsPeriodSeconds,
            candidate: read[0],
            production: read[1],
        }
        : undefined;
    const answers = {
        count: run.samples.length,
        failed: failedCount(run.samples),
        latency: (0,stats/* summarizeLatencies */._q)(run.samples.map((s) => s.latencyMs)),
    };
    const verdict = judgeByMetrics(percent, metrics, answers, allowed, limits, inAlarm, options.earlierProduction);
    const reasons = [...verdict.reasons];
    if (!metrics && !run.stoppedEarly)
        reasons.push(`the bake of ${(0,format/* formatDuration */.a3)(bakeMs)} holds no whole ${options.metricsPeriodSeconds} s metric period to judge`);
    if (run.stoppedEarly)
        reasons.push(`the bake stopped early after ${(0,format/* formatDuration */.a3)(run.elapsedMs)}`);
    const candidate = sideOf(metrics?.candidate);
    const production = sideOf(metrics?.production);
    const step = {
        percent,
        startedAt: new Date(startedMs).toISOString(),
        bakeSeconds: Math.round(run.elapsedMs / 100) / 10,
        probes: run.samples.length,
        judgedBy: 'metrics',
        candidate,
        production,
        ...(metrics ? { metrics } : {}),
        stageAnswers: answers,
        observedCandidatePercent: verdict.observedPercent,
        tolerancePercent: verdict.tolerancePercent,
        ...(verdict.errorTest ? { errorTest: verdict.errorTest } : {}),
        gates: verdict.gates,
        passed: reasons.length === 0,
        ...(reasons.length === 0 ? {} : { reason: reasons.join('; ') }),
    };
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.stepBaked, describeMetricsStep(step));
    return step;
}
const failedCount = (samples) => samples.filter((s) => !s.ok).length;
function sideOf(m) {
    if (!m)
        return { count: 0, errors: 0, latency: { count: 0, p50: 0, p95: 0 } };
    return {
        count: m.invocations,
        errors: m.errors + m.throttles,
        latency: { count: m.invocations, p50: m.durationP50Ms ?? 0, p95: m.durationP95Ms ?? 0 },
    };
}
/** Every gate on the metrics (when read), the stage's answers and the alarms. */
function judgeByMetrics(percent, metrics, answers, allowedFailures, limits, inAlarm, earlierProduction = { errors: 0, count: 0 }) {
    let errorTest;
    const gates = [];
    const reasons = [];
    let observedPercent = 0;
    let tolerancePercent = limits.minTolerancePoints;
    if (metrics) {
        const c = metrics.candidate;
        const p = metrics.production;
        const tried = c.invocations + c.throttles;
        const rate = tried > 0 ? (c.errors + c.throttles) / tried : 0;
        // The same test as a step judged by answers, on Lambda's own counts.
        const candidate = { errors: c.errors + c.throttles, count: tried };
        const production = {
            errors: p.errors + p.throttles + earlierProduction.errors,
            count: p.invocations + p.throttles + earlierProduction.count,
        };
        const minimum = minimumSample(candidate.count / Math.max(1, candidate.count + production.count), limits.maxErrorRate);
        const judgement = {
            candidate,
            baseline: production,
            maxErrorRate: limits.maxErrorRate,
            minimumSample: minimum,
            noun: 'invocations',
        };
        const verdict = judgeErrors(judgement);
        errorTest = errorTestRecord(judgement, verdict);
        gates.push({
            name: 'max-error-rate',
            limit: limits.maxErrorRate,
            actual: c.invocations > 0 ? metrics_step_round4(rate) : 'no candidate invocations',
            passed: c.invocations > 0 && verdict.passed,
        });
        if (c.invocations === 0)
            reasons.push('CloudWatch shows no invocation of the candidate in the window (no traffic, or metrics not yet arrived)');
        else if (!verdict.passed)
            reasons.push(`by CloudWatch (${c.errors} errors, ${c.throttles} throttles, ${c.invocations} invocations): ${verdict.reason}`);
        const p95 = c.durationP95Ms;
        gates.push({
            name: 'max-p95-ms',
            limit: limits.maxP95Ms,
            actual: p95 ?? 'no duration reported',
            passed: p95 !== undefined && p95 <= limits.maxP95Ms,
        });
        if (p95 !== undefined && p95 > limits.maxP95Ms)
            reasons.push(`candidate Duration p95 ${p95} ms by CloudWatch is above max-p95-ms ${limits.maxP95Ms} ms`);
        const n = c.invocations + p.invocations;
        observedPercent = n > 0 ? metrics_step_round2((c.invocations / n) * 100) : 0;
        tolerancePercent = splitTolerancePercent(percent, n, limits.minTolerancePoints);
        const off = metrics_step_round2(Math.abs(observedPercent - percent));
        gates.push({
            name: 'split-tolerance',
            limit: tolerancePercent,
            actual: n > 0 ? off : 'no invocations of either version',
            passed: n > 0 && off <= tolerancePercent,
        });
        if (n > 0 && off > tolerancePercent)
            reasons.push(`observed candidate share ${observedPercent} % of ${n} invocations (CloudWatch) is outside ${percent} % ± ${tolerancePercent}`);
        if (c.partial || p.partial)
            reasons.push('CloudWatch returned partial data for the window');
    }
    gates.push({
        name: 'stage-answers',
        limit: `at most ${allowedFailures} failed`,
        actual: `${answers.failed} of ${answers.count} failed`,
        passed: answers.count > 0 && answers.failed <= allowedFailures,
    });
    if (answers.count === 0)
        reasons.push('no probe was answered through the stage');
    else if (answers.failed > allowedFailures)
        reasons.push(`${answers.failed} of ${answers.count} answers through the stage missed load.expect (allowed ${allowedFailures}); the answers do not say which version served them, so they count against the candidate`);
    if (inAlarm !== undefined)
        judgeAlarms(limits.alarmNames, inAlarm, gates, reasons);
    return { gates, reasons, observedPercent, tolerancePercent, ...(errorTest ? { errorTest } : {}) };
}
/** `canary 10 % (metrics 12:01:00–12:03:00): candidate 61 invocations (10.2 % ± 5), …` */
function describeMetricsStep(s) {
    const m = s.metrics;
    const figures = m
        ? `candidate ${m.candidate.invocations} invocations (${s.observedCandidatePercent} % ± ${s.tolerancePercent}), ` +
            `${m.candidate.errors} errors, ${m.candidate.throttles} throttles, Duration p95 ${m.candidate.durationP95Ms ?? '–'} ms; ` +
            `production ${m.production.invocations} invocations, Duration p95 ${m.production.durationP95Ms ?? '–'} ms`
        : 'metrics not read';
    const answers = s.stageAnswers
        ? `; ${s.stageAnswers.count} probes through the stage, ${s.stageAnswers.failed} failed, p95 ${s.stageAnswers.latency.p95} ms`
        : '';
    return (`canary ${s.percent} % judged by CloudWatch metrics (${(0,format/* formatDuration */.a3)(s.bakeSeconds * 1000)}): ${figures}${answers} — ` +
        (s.passed ? 'passed' : `FAILED: ${s.reason ?? 'gates'}`));
}
/** describeStep for either kind of step. */
const describeAnyStep = (s) => s.judgedBy === 'metrics' ? describeMetricsStep(s) : describeStep(s);
const metrics_step_round2 = (n) => Math.round(n * 100) / 100;
const metrics_step_round4 = (n) => Math.round(n * 10000) / 10000;

// EXTERNAL MODULE: ./src/pipeline/traffic/routable.ts
var routable = __webpack_require__(53264);
// EXTERNAL MODULE: ./src/pipeline/traffic/rollback.ts
var rollback = __webpack_require__(42610);
// EXTERNAL MODULE: ./src/pipeline/traffic/route.ts + 1 modules
var traffic_route = __webpack_require__(66975);
;// CONCATENATED MODULE: ./src/pipeline/traffic/signals.ts


const SIGNALS = ['SIGINT', 'SIGTERM'];
function trapTerminationSignals(progress, source = process) {
    const controller = new AbortController();
    let received;
    const listeners = SIGNALS.map((name) => {
        const listener = () => {
            if (received) {
                progress.emit(messages/* TRAFFIC_MESSAGES */.H.signalAgain, `Received ${name} again: still rolling back; the process exits as soon as the stage is safe.`);
                return;
            }
            received = name;
            progress.emit(messages/* TRAFFIC_MESSAGES */.H.signalReceived, `Received ${name}: stopping the cutover and rolling back before exit.`);
            controller.abort(new errors/* CutoverError */.DB('CUTOVER_CANCELLED', `The cutover was interrupted by ${name} (job cancelled or runner stopping).`));
        };
        source.on(name, listener);
        return [name, listener];
    });
    let disposed = false;
    return {
        signal: controller.signal,
        get received() {
            return received;
        },
        dispose() {
            if (disposed)
                return;
            disposed = true;
            for (const [name, listener] of listeners)
                source.off(name, listener);
        },
    };
}
/**
 * Runs fn with the trap set and removes it afterwards. When a signal arrived, the caller should
 * exit non-zero once fn has settled: the signal's default exit was held back by the trap.
 */
async function withTerminationSignals(progress, fn, source = process) {
    const trap = trapTerminationSignals(progress, source);
    try {
        return await fn(trap.signal);
    }
    finally {
        trap.dispose();
    }
}

;// CONCATENATED MODULE: ./src/pipeline/traffic/cutover.ts
// The shift: production moves from the version it runs now (the standard twin before the first
// cutover, an LMI version after it) to the verified candidate LMI version one canary step at a
// time (10 → 50 → 100 % by default), each step baked while probes prove the candidate healthy
// and the split right, then promoted (the canary copied onto the stage, then removed, with the
// old production version recorded as the rollback target) and probed once more.
//
// The invariant, on every path: when shiftToCandidate returns, production is the candidate;
// when it throws, production is the version it was before (rolled back, or never touched) — or,
// only if the rollback itself failed, the error is ROLLBACK_FAILED with the stage's exact state
// and the command to fix it by hand. A failed step, a thrown error and a cancellation (signal,
// SIGINT, SIGTERM) all roll back.













/** After a cancellation the runner kills the process ~10 s after SIGINT: confirm briefly. */
const CANCELLED_SETTLE_SECONDS = 5;
/** The run fails: carries the report's cutover section and where the route ended. */
class CutoverFailedError extends errors/* CutoverError */.DB {
    section;
    finalRoute;
    before;
    constructor(code, message, details, section, 
    /** The production version before the shift after a rollback; the rollback section's best reading when it failed. */
    finalRoute, before, options) {
        super(code, message, details, options);
        this.section = section;
        this.finalRoute = finalRoute;
        this.before = before;
    }
}
/** Marks a step whose gates failed, so the catch below can tell it from an error. */
class StepFailed extends Error {
    step;
    reason;
    constructor(step, reason) {
        super(reason);
        this.step = step;
        this.reason = reason;
    }
}
async function shiftToCandidate(ctx, deps, options) {
    const o = (0,cutover/* resolveCutoverOptions */.L)(options, deps.alarmCheck !== undefined);
    const ref = deps.stage;
    const section = {
        steps: [],
        routeChanges: [],
        promoted: false,
        rolledBack: false,
        deletedVersions: [],
    };
    // ROUTE_UNKNOWN and STAGE_NOT_FOUND escape from here untouched: nothing has been changed yet.
    const initial = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
    const before = initial.route;
    const candidate = deps.candidate;
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.routeRead, `Route of ${(0,traffic_route/* where */._M)(ref)}: ${(0,domain/* describeRoute */.fx)(before)}.`);
    const production = (0,domain/* productionOf */.zS)(before);
    if (!production)
        throw new errors/* CutoverError */.DB('INTERNAL_ERROR', 'The route read from the stage has no production version.');
    if (before.kind !== 'canary' && (0,domain/* sameVersion */.r1)(production, candidate)) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.alreadyLmi, `All traffic already goes to ${(0,domain/* versionLabel */.dp)(candidate)}: nothing to shift.`);
        return { type: 'no-op', before, route: before, section };
    }
    if (before.kind === 'canary' &&
        !(0,domain/* sameVersion */.r1)(before.candidate, candidate) &&
        options.resume === 'continue') {
        throw new errors/* CutoverError */.DB('ROUTE_MID_CANARY', `${(0,traffic_route/* where */._M)(ref)} has a canary of ${before.percent} % to ${before.candidate ? (0,domain/* versionLabel */.dp)(before.candidate) : 'another version'}, ` +
            `not to this run's candidate ${(0,domain/* versionLabel */.dp)(candidate)}; resume: continue cannot carry it on. ` +
            'Undo it with mode rollback (or run with resume: rollback), then cut over again.');
    }
    // The candidate must be Active and invocable by the stage before any traffic reaches it.
    await (0,routable/* makeRoutable */.j)(ctx, ref, candidate);
    // From here a route may change: SIGINT/SIGTERM must roll back, not kill the process.
    const trap = deps.signals === false ? undefined : trapTerminationSignals(ctx.progress, deps.signals ?? process);
    try {
        const signals = [ctx.signal, deps.signal, trap?.signal].filter((s) => s !== undefined);
        const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
        const back = (0,traffic_route/* wayBack */.lZ)(initial.state, ref);
        return await shift({
            ctx,
            deps,
            o,
            section,
            before,
            production,
            wayBackBefore: { rollback: back.rollback ?? null, fallback: back.fallback ?? null },
            signal,
            current: initial,
            earlierProduction: { errors: 0, count: 0 },
        });
    }
    finally {
        trap?.dispose();
    }
}
/** The canary steps, then the promotion; any failure, error or cancellation on the way rolls back. */
async function shift(run) {
    const steps = await stepsToRun(run);
    if (!run.deps.judge)
        warnSmallSamples(run, steps);
    try {
        for (const [i, percent] of steps.entries()) {
            await canaryStep(run, percent, `step ${i + 1}/${steps.length}`);
        }
        return await promote(run);
    }
    catch (e) {
        throw await rollBackAfter(run, e);
    }
}
/** The steps this run takes: all of them, or — after a leftover canary — per `resume`. */
async function stepsToRun(run) {
    const { ctx, o, before } = run;
    if (before.kind !== 'canary')
        return o.steps;
    if (o.resume === 'continue') {
        const above = o.steps.filter((p) => p > before.percent);
        // Nothing above: bake the last step again rather than promote what this run never saw.
        const remaining = above.length > 0 ? above : [o.steps[o.steps.length - 1]];
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.resumeContinue, `An earlier cutover stopped at ${(0,domain/* routeLabel */.qA)(before)}; resume: continue — going on with ${remaining.join(' → ')} %.`);
        return remaining;
    }
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.resumeRollback, `An earlier cutover stopped at ${(0,domain/* describeRoute */.fx)(before)}; resume: rollback — returning to ${(0,domain/* versionLabel */.dp)(run.production)}, then starting again.`);
    await undoLeftoverCanary(run);
    run.current = await (0,traffic_route/* readRoute */.S9)(ctx, run.deps.stage);
    return o.steps;
}
/** resume: rollback. Starting again needs production proven to serve all traffic. */
async function undoLeftoverCanary(run) {
    const { ctx, section, before } = run;
    let rb;
    try {
        rb = await (0,rollback/* rollbackTo */.S)(ctx, rollbackDeps(run, before), `resume: rollback: the stage was left at ${(0,domain/* describeRoute */.fx)(before)} by an unfinished cutover`);
    }
    catch (e) {
        if (e instanceof rollback/* RollbackFailedError */.C)
            throw rollbackFailure(e, section, before, 'resuming from a leftover canary');
        throw e;
    }
    if (rb.change)
        section.routeChanges.push(rb.change);
    if (rb.section.verified)
        return;
    // Starting again on a stage that does not demonstrably serve the twin would hide the cause.
    section.rollback = rb.section;
    section.rolledBack = true;
    throw new CutoverFailedError('CUTOVER_FAILED', `The leftover canary on ${(0,traffic_route/* where */._M)(run.deps.stage)} was rolled back, but probes did not confirm that all traffic reaches ${(0,domain/* versionLabel */.dp)(run.production)}; the cutover did not start again.`, [], section, { kind: run.production.side, target: run.production }, before);
}
/** Sets the canary, bakes it and judges it; StepFailed when a gate failed. */
async function canaryStep(run, percent, label) {
    const { ctx, deps, o } = run;
    throwIfCancelled(run.signal);
    await deps.onRouteIntent?.({ kind: 'canary', percent, base: run.production, candidate: deps.candidate });
    await record(run, await (0,traffic_route/* setCanary */.zu)(ctx, deps.stage, run.current, deps.candidate, percent, `${label}: ${percent} % of traffic to ${(0,domain/* versionLabel */.dp)(deps.candidate)}`));
    const bake = {
        percent,
        versions: stepVersions(run),
        earlierProduction: run.earlierProduction,
        bakeSeconds: o.bakeSeconds,
        probeRate: o.probeRate,
        signal: run.signal,
        label,
        limits: {
            maxErrorRate: o.maxErrorRate,
            maxP95Ms: o.maxP95Ms,
            alarmNames: o.alarmNames,
            minTolerancePoints: o.minTolerancePoints,
        },
    };
    const judge = deps.judge;
    const step = judge
        ? await bakeStepByMetrics(ctx, { probe: deps.probe, alarmCheck: deps.alarmCheck, metrics: judge.metrics }, { ...bake, metricsPeriodSeconds: judge.periodSeconds, metricsDelaySeconds: judge.delaySeconds })
        : await bakeStep(ctx, { probe: deps.probe, alarmCheck: deps.alarmCheck }, bake);
    run.section.steps.push(step);
    deps.onStepBaked?.(step);
    run.earlierProduction = {
        errors: run.earlierProduction.errors + step.production.errors,
        count: run.earlierProduction.count + step.production.count,
    };
    if (!step.passed)
        throw new StepFailed(step, `canary ${percent} % failed: ${step.reason ?? 'a gate failed'}`);
}
/**
 * Says before the first step which steps will have fewer candidate answers than the error test
 * needs (judged strictly then), and the probe-rate that would reach the minimum sample.
 */
function warnSmallSamples(run, steps) {
    const { o } = run;
    let earlier = 0;
    for (const percent of steps) {
        const plan = {
            percent,
            probeRate: o.probeRate,
            bakeSeconds: o.bakeSeconds,
            earlierProduction: { errors: 0, count: earlier },
            limits: { maxErrorRate: o.maxErrorRate },
        };
        const needed = stepMinimumSample(plan);
        const planned = plannedCandidateAnswers(plan);
        if (planned < needed && Number.isFinite(needed)) {
            const rate = Math.ceil(((needed * 100) / (percent * o.bakeSeconds)) * 10) / 10;
            run.ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.stepSampleSmall, `canary ${percent} %: about ${planned} candidate answers planned, below the ${needed} the error test needs to catch a ` +
                `${DETECTABLE_REGRESSION * 100}-point regression (80 % power); it will be judged strictly (any error rate above max-error-rate fails it). ` +
                `probe-rate ${rate} or a longer bake-seconds would reach it.`);
        }
        earlier += (o.probeRate * o.bakeSeconds * (100 - percent)) / 100;
    }
}
const stepVersions = (run) => ({
    candidate: run.deps.candidate,
    production: run.production,
});
/**
 * All traffic to the candidate, proven by consecutive answers from it through the plain stage.
 * The version production leaves becomes the rollback target; the twin verified in this run, the
 * fallback.
 */
async function promote(run) {
    const { ctx, deps, o, section } = run;
    throwIfCancelled(run.signal);
    const wayBackAfter = {
        rollback: run.production,
        ...(deps.fallback ? { fallback: deps.fallback } : {}),
    };
    await deps.onRouteIntent?.({ kind: 'lmi', target: deps.candidate });
    await record(run, await (0,traffic_route/* promoteCanary */.zG)(ctx, deps.stage, run.current, wayBackAfter, 'promote: every canary step passed'));
    const check = await (0,probe/* confirmRoute */._K)(ctx, deps.probe, deps.candidate, {
        ratePerSecond: o.probeRate,
        samples: o.confirmSamples,
        settleMs: o.settleSeconds * 1000,
        signal: run.signal,
        attributed: !deps.judge,
    });
    if (!check.confirmed) {
        throw new StepFailed(undefined, `after promotion, ${o.confirmSamples} consecutive answers from ${(0,domain/* versionLabel */.dp)(deps.candidate)} did not come within ${o.settleSeconds}s ` +
            `(${check.strays} of ${check.probes} probes reached another version or failed)`);
    }
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.promoted, `Promoted: ${check.probes} probe(s) through the plain stage, the last ${o.confirmSamples} all ` +
        (deps.judge
            ? `answered as load.expect requires (the stage reads back ${(0,domain/* versionLabel */.dp)(deps.candidate)}); `
            : `from ${(0,domain/* versionLabel */.dp)(deps.candidate)}; `) +
        `rollback target ${(0,domain/* versionLabel */.dp)(run.production)}${deps.fallback ? `, fallback ${(0,domain/* versionLabel */.dp)(deps.fallback)}` : ''}.`);
    section.promoted = true;
    return { type: 'promoted', before: run.before, route: { kind: 'lmi', target: deps.candidate }, section };
}
async function record(run, applied) {
    run.section.routeChanges.push(applied.change);
    run.current = applied;
    await run.deps.onRouteChange?.(applied.change, applied.route);
}
function throwIfCancelled(signal) {
    if (signal?.aborted)
        throw signal.reason instanceof Error
            ? signal.reason
            : new errors/* CutoverError */.DB('CUTOVER_CANCELLED', 'Cancelled.');
}
function rollbackDeps(run, lastKnownRoute) {
    return {
        stage: run.deps.stage,
        target: run.production,
        wayBackAfter: run.wayBackBefore,
        probe: run.deps.probe,
        probeRate: run.o.probeRate,
        confirmSamples: run.o.confirmSamples,
        settleSeconds: run.o.settleSeconds,
        onRouteIntent: run.deps.onRouteIntent,
        onRouteChange: run.deps.onRouteChange,
        lastKnownRoute,
        attributed: !run.deps.judge,
    };
}
/** Why the shift stopped, in the words and code of the error it fails with. */
function whyStopped(e, signal) {
    const cancelled = signal?.aborted === true;
    if (e instanceof StepFailed)
        return { reason: e.reason, code: 'CUTOVER_STEP_FAILED', cancelled };
    if (!cancelled)
        return { reason: `error: ${(0,aws_errors/* errorMessage */.gJ)(e)}`, code: 'CUTOVER_FAILED', cancelled };
    // A cancellation names what cancelled (SIGTERM, the job), not the wait it interrupted.
    const by = signal.reason instanceof Error ? signal.reason.message : (0,aws_errors/* errorMessage */.gJ)(e);
    return { reason: `cancelled: ${by}`, code: 'CUTOVER_CANCELLED', cancelled };
}
/** Rolls back from wherever the shift stopped; the error the run fails with. */
async function rollBackAfter(run, e) {
    const { ctx, section, o } = run;
    const at = run.current.route;
    const { reason, code, cancelled } = whyStopped(e, run.signal);
    const deps = rollbackDeps(run, at);
    try {
        const rb = await (0,rollback/* rollbackTo */.S)(ctx, cancelled ? { ...deps, settleSeconds: Math.min(o.settleSeconds, CANCELLED_SETTLE_SECONDS) } : deps, reason);
        if (rb.change)
            section.routeChanges.push(rb.change);
        section.rolledBack = true;
        section.rollback = rb.section;
    }
    catch (rollbackError) {
        if (rollbackError instanceof rollback/* RollbackFailedError */.C)
            throw rollbackFailure(rollbackError, section, run.before, reason);
        throw rollbackError;
    }
    const step = e instanceof StepFailed ? e.step : undefined;
    const details = [
        ...(step ? [describeAnyStep(step)] : []),
        ...((0,errors/* isCutoverError */.jH)(e) && !(e instanceof StepFailed) ? [`[${e.code}] ${e.message}`, ...e.details] : []),
        `Rollback: ${section.rollback.verified ? `verified by ${section.rollback.probes} probe(s)` : 'NOT verified by probes'}; production is ${(0,domain/* versionLabel */.dp)(run.production)}.`,
    ];
    return new CutoverFailedError(code, `The release was rolled back to ${(0,domain/* versionLabel */.dp)(run.production)} at ${(0,domain/* describeRoute */.fx)(at)}: ${reason.replace(/\.$/, '')}.`, details, section, { kind: run.production.side, target: run.production }, run.before, { cause: e });
}
function rollbackFailure(e, section, before, context) {
    section.rollback = e.rollback;
    section.rolledBack = false;
    return new CutoverFailedError('ROLLBACK_FAILED', `${e.message} (the rollback followed: ${context})`, e.details, section, e.rollback.finalRoute, before, { cause: e });
}
/** The Action's `route` (as the final Route), `cutover-result` and `rolled-back` outputs. */
function cutoverOutputs(result) {
    if (!(result instanceof CutoverFailedError)) {
        return { route: result.route, 'cutover-result': result.type, 'rolled-back': 'false' };
    }
    const rolledBack = result.section.rolledBack;
    return {
        route: result.finalRoute,
        'cutover-result': result.code === 'ROLLBACK_FAILED' ? 'rollback-failed' : rolledBack ? 'rolled-back' : 'failed',
        'rolled-back': rolledBack ? 'true' : 'false',
    };
}

// EXTERNAL MODULE: ./src/aws/cloudformation.ts
var cloudformation = __webpack_require__(98797);
// EXTERNAL MODULE: ./src/pipeline/deploy/contract-outputs.ts
var contract_outputs = __webpack_require__(91415);
;// CONCATENATED MODULE: ./src/pipeline/deploy/deployed-stack.ts



function deployedStack(stack, stackName) {
    const pairs = (items, key, value) => Object.fromEntries((items ?? []).filter((i) => key(i)).map((i) => [key(i), value(i) ?? '']));
    return {
        stackName,
        status: stack.StackStatus ?? 'UNKNOWN',
        outputs: pairs(stack.Outputs, (o) => o.OutputKey, (o) => o.OutputValue),
        parameters: pairs(stack.Parameters, (p) => p.ParameterKey, (p) => p.ResolvedValue ?? p.ParameterValue),
    };
}
/**
 * Undefined when the stack does not exist (a first deploy), or exists only as a change set never
 * executed (REVIEW_IN_PROGRESS: a plan before the first deploy), which has no template, outputs
 * or resources to read yet.
 */
async function findDeployedStack(ctx, stackName) {
    const stack = await (0,cloudformation/* describeStack */.GO)(ctx.aws.cloudFormation, stackName);
    const kind = (0,cloudformation/* classifyStackStatus */.re)(stack?.StackStatus);
    if (!stack || kind === 'absent' || kind === 'review')
        return undefined;
    const found = deployedStack(stack, stackName);
    return { ...found, outputs: await (0,contract_outputs/* outputsWithContract */.H)(ctx, stackName, found.outputs) };
}
/**
 * For modes that act on what is deployed (cutover, rollback, status): the stack must exist and
 * be settled, or its outputs may name resources that are being replaced.
 */
async function requireDeployedStack(ctx, stackName, why) {
    const found = await findDeployedStack(ctx, stackName);
    if (!found) {
        throw new errors/* CutoverError */.DB('STACK_OUTPUTS_MISSING', `Stack ${stackName} does not exist in ${(await ctx.aws.region()) || 'this region'}, so there is nothing to ${why}. ` +
            'Deploy it first (mode verify or full), or check stack-name and region.');
    }
    const kind = (0,cloudformation/* classifyStackStatus */.re)(found.status);
    if (kind !== 'stable') {
        throw new errors/* CutoverError */.DB('STACK_STUCK', `Stack ${stackName} is ${found.status}; lmi-cutover acts only on a settled stack (*_COMPLETE). ` +
            (kind === 'in-progress'
                ? 'Wait for the running operation to finish, then run again.'
                : 'Bring it to a *_COMPLETE state (see the stack events), then run again.'));
    }
    return found;
}

// EXTERNAL MODULE: ./src/pipeline/traffic/cutover-state.ts
var cutover_state = __webpack_require__(13010);
;// CONCATENATED MODULE: ./src/pipeline/traffic/route-record.ts
// What the run remembers about the route: the state the post step reads back (saved before and
// after every route change through an injected sink — core.saveState in the Action) and the
// report's route and cutover sections.



async function routeStateRecorder(ctx, args, sink) {
    let state = (0,cutover_state/* initialCutoverState */.UT)({
        stackName: args.stackName,
        region: await ctx.aws.region(),
        ref: args.ref,
        route: args.route,
        production: args.production,
        at: new Date(ctx.clock.now()).toISOString(),
        stageUrl: args.stageUrl,
        secretParameter: args.secretParameter,
        checksFile: args.checksFile,
    });
    const save = async () => {
        try {
            await sink?.(state);
        }
        catch (e) {
            // The shift goes on: the stage is the truth, the saved state only helps a post step.
            ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.routeStateNotSaved, `Could not save the route state for the post step: ${(0,aws_errors/* errorMessage */.gJ)(e)}`);
        }
    };
    return {
        get state() {
            return state;
        },
        onRouteIntent: async (to) => {
            state = (0,cutover_state/* intendCutoverState */.Su)(state, to, new Date(ctx.clock.now()).toISOString());
            await save();
        },
        onRouteChange: async (change) => {
            state = (0,cutover_state/* advanceCutoverState */.QU)(state, change);
            await save();
        },
    };
}
const emptyCutoverSection = () => ({
    steps: [],
    routeChanges: [],
    promoted: false,
    rolledBack: false,
    deletedVersions: [],
});

// EXTERNAL MODULE: ./src/pipeline/traffic/stage-prober.ts
var stage_prober = __webpack_require__(73475);
// EXTERNAL MODULE: ./src/pipeline/modes/checks-shift.ts + 1 modules
var checks_shift = __webpack_require__(42546);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/verify-checks.ts + 4 modules
var verify_checks = __webpack_require__(31438);
// EXTERNAL MODULE: ./src/pipeline/modes/shift-inputs.ts
var shift_inputs = __webpack_require__(61879);
// EXTERNAL MODULE: ./src/pipeline/verify/verify-stack.ts + 1 modules
var verify_stack = __webpack_require__(33661);
// EXTERNAL MODULE: ./src/aws/lambda.ts
var lambda = __webpack_require__(5974);
// EXTERNAL MODULE: ./src/pipeline/provision/capacity-provider.ts
var capacity_provider = __webpack_require__(18940);
;// CONCATENATED MODULE: ./src/pipeline/traffic/versions.ts
// Version retirement. A capacity provider holds at most 100 function versions (a limit that
// cannot be raised), every deploy publishes one, and SAM's Retain keeps them all: after a
// release is promoted, the LMI versions neither the stage (production, the rollback target, a
// canary) nor an alias uses are retired — the newest `keep-versions` of them are scaled to 0/0
// (a retained LMI version otherwise keeps its execution environments: instances that cost money
// and take the capacity provider's vCPUs from the next release), older ones are deleted. Before
// a deploy the count is checked and a warning is printed from 80 % of the limit. None of this
// ever fails a run on its own: what cannot be done is named in a warning and left in place.






const QUOTA_WARNING_FRACTION = 0.8;
/** Published version numbers of the function, newest first ($LATEST excluded). */
async function listPublishedVersions(ctx, functionName) {
    const versions = (await (0,lambda/* listFunctionVersions */.Eb)(ctx.aws.lambda, functionName)).map((v) => v.Version ?? '');
    return versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
}
/** Every version an alias routes to, including the weighted second version of a routing alias. */
async function referencedVersions(ctx, functionName) {
    const used = new Set();
    for (const a of await (0,lambda/* listAliases */.PO)(ctx.aws.lambda, functionName)) {
        if (a.FunctionVersion)
            used.add(a.FunctionVersion);
        for (const v of Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {}))
            used.add(v);
    }
    return used;
}
async function retireVersions(ctx, options) {
    const { functionName, keep } = options;
    if (!Number.isInteger(keep) || keep < 1) {
        throw new errors/* CutoverError */.DB('INVALID_INPUT', `keep-versions must be a whole number of at least 1, not ${keep}.`);
    }
    let versions;
    let used;
    try {
        versions = await listPublishedVersions(ctx, functionName);
        used = new Set([...(await referencedVersions(ctx, functionName)), ...options.inUse]);
    }
    catch (e) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionsNotListed, `Old LMI versions of ${functionName} were not cleaned up: ${listingProblem(e)}`);
        return { functionName, kept: [], deleted: [], scaledToZero: [], referenced: [], failed: [] };
    }
    const candidates = versions.slice(keep).filter((v) => !used.has(v));
    const result = {
        functionName,
        kept: versions.filter((v) => !candidates.includes(v)),
        deleted: [],
        scaledToZero: [],
        referenced: versions.filter((v) => used.has(v)),
        failed: [],
    };
    await deleteVersions(ctx, functionName, candidates, result);
    result.kept.sort((a, b) => Number(b) - Number(a));
    await releaseEnvironments(ctx, functionName, result.kept.filter((v) => !used.has(v)), result);
    reportCleanup(ctx, result, { listed: versions.length, candidates: candidates.length, keep });
    return result;
}
/** Deletes the candidates one by one into `result`; stops at the first denial (the rest would be too). */
async function deleteVersions(ctx, functionName, candidates, result) {
    for (const version of candidates) {
        try {
            await (0,lambda/* deleteFunctionVersion */.Qc)(ctx.aws.lambda, functionName, version);
            result.deleted.push(version);
        }
        catch (e) {
            if ((0,aws_errors/* isNotFoundError */.El)(e))
                continue; // already gone
            if ((0,aws_errors/* errorName */.Is)(e) === 'ResourceConflictException') {
                // An alias started using it since the listing: keeping it is right.
                result.kept.push(version);
                ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionKept, `Kept ${functionName}:${version}: ${(0,aws_errors/* errorMessage */.gJ)(e)}`);
                continue;
            }
            result.failed.push({ version, error: (0,aws_errors/* errorMessage */.gJ)(e) });
            if ((0,aws_errors/* isAccessDeniedError */.sm)(e)) {
                ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionDeleteDenied, `Cannot delete old LMI versions of ${functionName}: AWS denied ${(0,access/* deniedAction */.U)(e, 'lambda:DeleteFunction')}. ` +
                    'Grant it to the deploy role, or delete the versions by hand, to stay clear of the 100-versions-per-capacity-provider limit.');
                break;
            }
        }
    }
}
/** Scales the unused kept versions to 0/0 into `result`; a failure is a warning, never the run's. */
async function releaseEnvironments(ctx, functionName, versions, result) {
    for (const version of versions) {
        try {
            await (0,lambda/* putFunctionScalingConfig */.Nc)(ctx.aws.lambda, functionName, version, { min: 0, max: 0 });
            result.scaledToZero.push(version);
        }
        catch (e) {
            if ((0,aws_errors/* isNotFoundError */.El)(e))
                continue; // deleted meanwhile
            // Deactivating already, or Failed to provision: either way no environments to release.
            if ((0,aws_errors/* errorName */.Is)(e) === 'ResourceConflictException')
                continue;
            const why = (0,aws_errors/* isAccessDeniedError */.sm)(e)
                ? `AWS denied ${(0,access/* deniedAction */.U)(e, 'lambda:PutFunctionScalingConfig')}; grant it to the deploy role`
                : (0,aws_errors/* errorMessage */.gJ)(e);
            ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionScaleDownFailed, `Could not release the execution environments of ${functionName}:${version} (they keep running and costing): ${why}.`);
            if ((0,aws_errors/* isAccessDeniedError */.sm)(e))
                return;
        }
    }
    if (result.scaledToZero.length > 0) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionsScaledToZero, `Released the execution environments of ${result.scaledToZero.length} old LMI version(s) of ${functionName} ` +
            `nothing routes to (scaled to 0/0): ${result.scaledToZero.join(', ')}.`);
    }
}
function reportCleanup(ctx, result, counts) {
    const { functionName } = result;
    if (result.deleted.length > 0) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionsDeleted, `Deleted ${result.deleted.length} old LMI version(s) of ${functionName} nothing routes to: ${result.deleted.join(', ')} ` +
            `(kept ${result.kept.join(', ')}).`);
    }
    else if (counts.candidates === 0) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.noVersionsToDelete, `${functionName} has ${counts.listed} published version(s); none to delete (keep-versions: ${counts.keep}).`);
    }
    // A denial was said once already, with the permission to grant.
    for (const f of result.failed.filter((f) => !/denied|not authorized/i.test(f.error))) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionDeleteFailed, `Could not delete ${functionName}:${f.version}: ${f.error}`);
    }
}
function listingProblem(e) {
    return (0,aws_errors/* isAccessDeniedError */.sm)(e)
        ? `AWS denied ${(0,access/* deniedAction */.U)(e, 'lambda:ListVersionsByFunction or lambda:ListAliases')}; grant it to the deploy role.`
        : (0,aws_errors/* errorMessage */.gJ)(e);
}
/**
 * Counts the versions on the capacity provider (every function's) and warns from 80 of the
 * 100 allowed. Undefined when the provider does not exist yet (first deploy) or cannot be listed.
 */
async function warnVersionQuota(ctx, capacityProviderArn) {
    const name = (0,capacity_provider/* capacityProviderName */.fE)(capacityProviderArn);
    let versions;
    try {
        versions = await (0,lambda/* listVersionsOnCapacityProvider */.gH)(ctx.aws.lambda, name);
    }
    catch (e) {
        if ((0,aws_errors/* isNotFoundError */.El)(e)) {
            ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.capacityProviderAbsent, `Capacity provider ${name} does not exist yet; no version quota to check.`);
            return undefined;
        }
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionQuotaUnknown, `Could not count the versions on capacity provider ${name}: ` +
            ((0,aws_errors/* isAccessDeniedError */.sm)(e)
                ? `AWS denied ${(0,access/* deniedAction */.U)(e, 'lambda:ListFunctionVersionsByCapacityProvider')}.`
                : (0,aws_errors/* errorMessage */.gJ)(e)));
        return undefined;
    }
    const count = versions.length;
    const limit = capacity_provider/* VERSIONS_PER_CAPACITY_PROVIDER */.Vv;
    const warned = count >= limit * QUOTA_WARNING_FRACTION;
    if (warned) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionQuotaNearLimit, `Capacity provider ${name} holds ${count} of its ${limit} function versions (a limit that cannot be raised); ` +
            `publishing fails at ${limit}. Delete versions nothing routes to (keep-versions does this after a successful release).`);
    }
    else {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.versionQuota, `Capacity provider ${name}: ${count} of ${limit} function versions.`);
    }
    return { capacityProviderArn, versions, count, limit, warned };
}

// EXTERNAL MODULE: ./src/pipeline/webhook/secret.ts + 1 modules
var secret = __webpack_require__(10876);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var request = __webpack_require__(1481);
;// CONCATENATED MODULE: ./src/pipeline/modes/cutover.ts
// Mode `cutover` (and the end of mode `full`): verify the deployed candidate LMI version again —
// it may have been deployed hours ago — then shift production to it from whatever version
// serves now (the twin before the first cutover, an LMI version after) through the gated canary
// steps, with real probes through the stage URL. After a promotion, superseded LMI versions are
// retired (keep-versions). Every route change is saved for the post step and every figure lands
// in the report, on success and on failure alike.

















/** Mode cutover: the deployed stack's LMI version, verified again, then shifted to. */
async function cutoverMode(ctx, report, config, options = {}) {
    const runId = options.verify?.runId ?? (0,request/* newRunId */.F$)();
    try {
        const stack = await requireDeployedStack(ctx, config.stackName, 'cut over');
        const ref = (0,traffic_route/* routeRefFromOutputs */.lN)(stack.outputs, config.stackName);
        // Fail fast on a stage in an unknown state, before minutes of verification.
        const { route } = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
        report.route({ before: route, after: route });
        ctx.progress.emit(MODE_MESSAGES.routeBeforeCutover, `Route of stage ${ref.stage} before the cutover: ${(0,domain/* describeRoute */.fx)(route)}.`);
        const verifyOptions = { ...options.verify, runId };
        let verify;
        let inputs;
        if (config.checksFile !== undefined) {
            const settings = {
                ...config,
                checksFile: config.checksFile,
                cwd: options.cwd ?? process.cwd(),
                requireLoad: true,
            };
            const checked = await (0,verify_checks/* verifyDeployedWithChecks */.V3)(ctx, report, settings, stack.outputs, verifyOptions);
            verify = checked;
            inputs = (0,checks_shift/* checksShiftInputs */.P)(ctx, config, checked, settings.checksFile);
        }
        else {
            const webhook = await (0,verify_stack/* verifyDeployed */.Ew)(ctx, report, config, stack.outputs, verifyOptions);
            verify = webhook;
            inputs = await webhookShiftInputs(ctx, config, webhook, runId);
        }
        const { verified, probing } = inputs;
        const cutover = await shiftVerified(ctx, report, config, verified, probing, ref, { ...options, runId });
        return { verify, cutover };
    }
    catch (e) {
        skipIfUnrun(report, 'cutover', e);
        throw e;
    }
}
/** A stage an earlier failure kept from running shows as skipped, with the reason. */
function skipIfUnrun(report, stage, e) {
    report.skippedUnlessRecorded([stage], e);
}
/** The gated shift of a verified candidate, its report sections, and the version cleanup. */
async function shiftVerified(ctx, report, config, verified, probing, ref, options) {
    const { stack } = verified;
    const prober = probing.prober;
    let outcome;
    try {
        const maxP95Ms = cutoverP95Limit(config.maxP95Ms, verified);
        warnIfNoErrorBaseline(ctx, config);
        const alarmCheck = config.alarmNames.length > 0 ? cloudWatchAlarmCheck(ctx.aws.cloudWatch) : undefined;
        // A misspelt alarm must stop the run before traffic moves, not at the end of the first bake.
        if (alarmCheck)
            await assertAlarmsExist(ctx.aws.cloudWatch, config.alarmNames);
        const before = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
        const candidate = {
            side: 'lmi',
            functionName: ref.lmiFunctionName,
            version: stack.lmi.version,
        };
        const recorder = await routeStateRecorder(ctx, {
            stackName: config.stackName,
            ref,
            route: before.route,
            production: (0,domain/* productionOf */.zS)(before.route),
            stageUrl: probing.stageUrl,
            ...(probing.secretParameter ? { secretParameter: probing.secretParameter } : {}),
            ...(probing.checksFile ? { checksFile: probing.checksFile } : {}),
        }, options.onRouteState);
        try {
            outcome = await report.stage('cutover', () => ctx.progress.group(`Cutover: ${config.cutoverSteps.join(' → ')} % of traffic to LMI version ${stack.lmi.version}` +
                (probing.judge ? ', judged by CloudWatch metrics' : ''), () => shiftToCandidate(ctx, {
                stage: ref,
                candidate,
                fallback: verifiedTwin(verified, ref),
                probe: prober.probe,
                ...(probing.judge ? { judge: probing.judge } : {}),
                alarmCheck,
                onRouteIntent: recorder.onRouteIntent,
                onRouteChange: recorder.onRouteChange,
                onStepBaked: (step) => report.cutoverStep(step),
                signals: options.signals,
            }, { ...shiftLimits(config), maxP95Ms })), describeShift);
        }
        catch (e) {
            if (e instanceof CutoverFailedError) {
                report.cutover(e.section);
                report.route({ before: e.before, after: e.finalRoute });
            }
            else {
                report.route({ after: recorder.state.currentRoute });
            }
            throw e;
        }
    }
    finally {
        await prober.close();
    }
    report.cutover(outcome.section);
    report.route({ before: outcome.before, after: outcome.route });
    if (outcome.type !== 'promoted')
        return { outcome };
    return { outcome, cleanup: await cleanUpVersions(ctx, report, config, ref) };
}
/** The twin's candidate, once its smoke checks passed in this run: the next emergency fallback. */
function verifiedTwin(verified, ref) {
    const version = verified.stack.standard.version;
    const twinChecks = verified.smoke.checks.filter((c) => c.target === 'standard');
    if (!version || twinChecks.length === 0 || !twinChecks.every((c) => c.passed))
        return undefined;
    return { side: 'standard', functionName: ref.standardFunctionName, version };
}
/** The bundled webhook's candidate: its figures and its prober (signed webhooks, answers naming their version). */
async function webhookShiftInputs(ctx, config, verify, runId) {
    const { stageUrl, secretParameter, secrets } = await probingOf(ctx, config, verify);
    return {
        verified: (0,shift_inputs/* verifiedCandidate */.E)(verify.stack, verify.smoke, verify.baseline),
        probing: {
            prober: (0,stage_prober/* createStageProber */.F6)({
                stageUrl,
                secrets,
                runId,
                connections: (0,stage_prober/* probeConnections */.k_)(config.probeRate),
            }),
            stageUrl,
            secretParameter,
        },
    };
}
/** What the probes need: the stage URL and the signing secrets the functions read. */
async function probingOf(ctx, config, verify) {
    const { stack } = verify;
    const stageUrl = (0,shift_inputs/* requireStageUrl */.r)(stack, config.stackName);
    const secretParameter = verify.provision.function.environment[secret/* SECRET_PARAMETER_VARIABLE */.g];
    if (!secretParameter) {
        throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `${stack.lmi.functionName} has no ${secret/* SECRET_PARAMETER_VARIABLE */.g} environment variable, so probes cannot be signed.`);
    }
    return { stageUrl, secretParameter, secrets: await (0,secret/* readSigningSecret */.y)(ctx, secretParameter) };
}
/** The shift's settings as the config resolved them (the p95 limit is resolved separately). */
const shiftLimits = (config) => ({
    steps: config.cutoverSteps,
    bakeSeconds: config.bakeSeconds,
    probeRate: config.probeRate,
    resume: config.resume,
    alarmNames: config.alarmNames,
    maxErrorRate: config.maxErrorRate,
});
const describeShift = (o) => ({
    outcome: o.type === 'no-op' ? 'no-op' : 'passed',
    detail: o.type === 'no-op'
        ? `already ${(0,domain/* describeRoute */.fx)(o.route)}`
        : `${o.section.steps.map((s) => `${s.percent} % (${s.observedCandidatePercent} % seen)`).join(' → ')}, promoted`,
});
/**
 * After a promotion, or a verify: LMI versions the stage does not name (production, rollback
 * target, a canary) and no alias points at (the verified candidate) release their environments
 * (0/0), and those beyond keep-versions are deleted.
 */
async function cleanUpVersions(ctx, report, config, ref, 
/** The stage as the caller just read it; read here when absent (after a promotion it changed). */
reading) {
    const cleanup = await report.stage('cleanup', async () => {
        const { route, state } = reading ?? (await (0,traffic_route/* readRoute */.S9)(ctx, ref));
        const back = (0,traffic_route/* wayBack */.lZ)(state, ref);
        const inUse = [
            (0,domain/* productionOf */.zS)(route),
            route.kind === 'canary' ? route.candidate : undefined,
            back.rollback,
        ]
            .filter((v) => v?.side === 'lmi')
            .map((v) => v.version);
        return retireVersions(ctx, { functionName: ref.lmiFunctionName, keep: config.keepVersions, inUse });
    }, (c) => ({
        outcome: c.deleted.length > 0 ? 'passed' : 'no-op',
        detail: `deleted ${c.deleted.length}, kept ${c.kept.length}${c.failed.length > 0 ? `, ${c.failed.length} failed` : ''}`,
    }));
    report.deletedVersions(cleanup.deleted);
    return cleanup;
}
/**
 * The p95 limit of a canary step: a number as given, or with `auto` the limit the same run's
 * concurrency check derived from production's warm latency.
 */
function cutoverP95Limit(limit, verified) {
    if (limit !== 'auto')
        return limit;
    const baseline = verified.baseline;
    if (!baseline || baseline.warm.count === 0) {
        throw new errors/* CutoverError */.DB('GATE_FAILED', "max-p95-ms: auto needs production's warm latency from this run's concurrency check, and there is none " +
            '(production answered no warm request, or the concurrency check did not run); set max-p95-ms to a number of milliseconds.');
    }
    return baseline.limitMs;
}

// EXTERNAL MODULE: ./src/pipeline/deploy/deploy-stack.ts + 6 modules
var deploy_stack = __webpack_require__(44418);
// EXTERNAL MODULE: ./src/pipeline/provision/messages.ts
var provision_messages = __webpack_require__(78992);
;// CONCATENATED MODULE: ./src/pipeline/provision/capacity-room.ts





/** SAM's documented FunctionScalingConfig default, when the template sets none. */
const DEFAULT_MIN_ENVIRONMENTS = 3;
/** Lambda's ceiling when a capacity provider sets no MaxVCpuCount. */
const DEFAULT_MAX_VCPU = 400;
const vCpusOf = (memoryMb, gibPerVCpu) => Math.max(1, Math.floor((memoryMb ?? 2048) / 1024 / (gibPerVCpu ?? 2)));
const HOLDS = new Set(['Pending', 'Active']);
async function heldVersion(ctx, functionArn) {
    const name = functionArn.split(':function:')[1] ?? functionArn;
    const i = name.lastIndexOf(':');
    const [functionName, version] = [name.slice(0, i), name.slice(i + 1)];
    const c = await (0,lambda/* getFunctionConfiguration */.td)(ctx.aws.lambda, functionName, version);
    if (!HOLDS.has(c.State ?? ''))
        return undefined;
    const scaling = await (0,lambda/* getFunctionScalingConfig */.u5)(ctx.aws.lambda, functionName, version);
    const min = scaling.applied?.min ?? scaling.requested?.min ?? DEFAULT_MIN_ENVIRONMENTS;
    const lmi = c.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
    return {
        name,
        minEnvironments: min,
        vCpusPerEnvironment: vCpusOf(c.MemorySize, lmi?.ExecutionEnvironmentMemoryGiBPerVCpu),
    };
}
/**
 * CAPACITY_TOO_SMALL when the candidate's minimum does not fit; undefined (with a line saying
 * why) when the room cannot be measured — the provider or a version cannot be read: the deploy
 * goes on and the provisioning wait reports a shortfall as before.
 */
async function checkCapacityRoom(ctx, options) {
    const name = (0,capacity_provider/* capacityProviderName */.fE)(options.capacityProviderArn);
    let room;
    try {
        const cp = await (0,lambda/* getCapacityProvider */["in"])(ctx.aws.lambda, name);
        const maxVCpuCount = cp?.CapacityProviderScalingConfig?.MaxVCpuCount ?? DEFAULT_MAX_VCPU;
        // A version the listing already shows Failed or Deactivated holds nothing: not read again.
        const listed = options.versions.filter((v) => v.FunctionArn && (v.State === undefined || HOLDS.has(v.State)));
        const held = (await Promise.all(listed.map((v) => heldVersion(ctx, v.FunctionArn)))).filter((v) => v !== undefined);
        const lmi = await (0,lambda/* getFunctionConfiguration */.td)(ctx.aws.lambda, options.lmiFunctionName);
        const perEnvironment = vCpusOf(lmi.MemorySize, lmi.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig
            ?.ExecutionEnvironmentMemoryGiBPerVCpu);
        room = {
            capacityProvider: name,
            maxVCpuCount,
            held,
            heldVCpus: held.reduce((n, v) => n + v.minEnvironments * v.vCpusPerEnvironment, 0),
            candidateVCpus: options.candidateMinEnvironments * perEnvironment,
        };
    }
    catch (e) {
        ctx.progress.emit(provision_messages/* PROVISION_MESSAGES */.N.capacityRoomUnknown, `Could not measure the room on capacity provider ${name} before publishing (${(0,aws_errors/* isNotFoundError */.El)(e) ? 'it does not exist yet' : (0,aws_errors/* errorMessage */.gJ)(e)}); ` +
            'the provisioning wait will report a shortfall instead.');
        return undefined;
    }
    const total = room.heldVCpus + room.candidateVCpus;
    const detail = room.held
        .map((v) => `${v.name}: ${v.minEnvironments} × ${v.vCpusPerEnvironment}`)
        .join(', ');
    if (total > room.maxVCpuCount) {
        throw new errors/* CutoverError */.DB('CAPACITY_TOO_SMALL', `Capacity provider ${name} allows ${room.maxVCpuCount} vCPUs; its versions' minimum execution environments hold ${room.heldVCpus} ` +
            `and the candidate needs ${room.candidateVCpus} more (${options.candidateMinEnvironments} × ${room.candidateVCpus / Math.max(1, options.candidateMinEnvironments)}), ` +
            `${total} in all. Nothing was deployed: the new version would never become Active. Retire versions nothing routes to ` +
            '(scale them to 0/0 or delete them; keep-versions does this after a promotion), raise MaxVCpuCount, or lower MinExecutionEnvironments.', detail ? [`Held now: ${detail}`] : []);
    }
    ctx.progress.emit(provision_messages/* PROVISION_MESSAGES */.N.capacityRoom, `Capacity provider ${name}: ${room.heldVCpus} of ${room.maxVCpuCount} vCPUs held by minimum environments, ` +
        `the candidate adds ${room.candidateVCpus} → ${total}.`);
    return room;
}

;// CONCATENATED MODULE: ./src/pipeline/traffic/live-route.ts
// Before every deploy: read which version the stage sends production traffic to now, and the
// way back it remembers, and pass them back as the template's LiveFunction, RollbackFunction
// and FallbackFunction parameters, so CloudFormation keeps them instead of resetting them to
// the template's defaults — a deploy never moves traffic by itself. A stage left mid-canary
// cannot be expressed as parameters (CloudFormation would drop the canary), so it is handled
// per `resume` and never silently carried on.











/** The template parameters the workload's stage variables follow. */
const LIVE_PARAMETER = 'LiveFunction';
const ROLLBACK_PARAMETER = 'RollbackFunction';
const FALLBACK_PARAMETER = 'FallbackFunction';
const ROUTE_PARAMETERS = [LIVE_PARAMETER, ROLLBACK_PARAMETER, FALLBACK_PARAMETER];
const ROUTE_OUTPUTS = ['RestApiId', 'StageName', 'LmiFunctionName', 'StandardFunctionName'];
const nothing = { parameterOverrides: {}, changes: [] };
async function routeBeforeDeploy(ctx, options) {
    const { progress } = ctx;
    const config = options;
    const stack = await findDeployedStack(ctx, options.stackName);
    if (!stack)
        return nothing;
    // Every deploy publishes an LMI version: warn while there is still room to clean up, and stop
    // before publishing one whose minimum environments the capacity provider cannot hold.
    const cpArn = stack.outputs.CapacityProviderArn;
    if (cpArn) {
        const quota = await warnVersionQuota(ctx, cpArn);
        if (quota && stack.outputs.LmiFunctionName) {
            await checkCapacityRoom(ctx, {
                capacityProviderArn: cpArn,
                versions: quota.versions,
                lmiFunctionName: stack.outputs.LmiFunctionName,
                candidateMinEnvironments: candidateMinimum(options.parameterOverrides, stack.parameters),
            });
        }
    }
    if (!(LIVE_PARAMETER in stack.parameters)) {
        progress.emit(messages/* TRAFFIC_MESSAGES */.H.noLiveTargetParameter, `Stack ${config.stackName} has no ${LIVE_PARAMETER} parameter: no route to keep.`);
        return nothing;
    }
    if (ROUTE_OUTPUTS.some((k) => !stack.outputs[k])) {
        const kept = Object.fromEntries(ROUTE_PARAMETERS.filter((p) => p in stack.parameters).map((p) => [p, stack.parameters[p]]));
        progress.emit(messages/* TRAFFIC_MESSAGES */.H.routeOutputsMissing, `Stack ${config.stackName} has a ${LIVE_PARAMETER} parameter but not the ${ROUTE_OUTPUTS.join(', ')} outputs, ` +
            `so its route cannot be read; the deploy keeps the stack's current values (${describeParameters(kept)}).`);
        return { parameterOverrides: kept, changes: [] };
    }
    const ref = (0,traffic_route/* routeRefFromOutputs */.lN)(stack.outputs, config.stackName);
    let reading;
    try {
        reading = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
    }
    catch (e) {
        // The stage is gone: CloudFormation recreates it from the template, nothing to keep.
        if ((0,errors/* isCutoverError */.jH)(e) && e.code === 'STAGE_NOT_FOUND') {
            progress.emit(messages/* TRAFFIC_MESSAGES */.H.stageMissingBeforeDeploy, `${e.message} The deploy recreates it with the template's default production version.`);
            return nothing;
        }
        throw e;
    }
    let route = reading.route;
    let state = reading.state;
    const changes = [];
    if (route.kind === 'canary') {
        if (!options.rollBackLeftoverCanary) {
            throw new errors/* CutoverError */.DB('ROUTE_MID_CANARY', `The stage is in the middle of a release (${(0,domain/* describeRoute */.fx)(route)}: ${route.percent} % of production on the candidate). ` +
                (options.refusal ?? 'A deploy now would move that traffic.') +
                ' Finish it with mode cutover (resume: continue) or undo it with mode rollback, then deploy.');
        }
        route = await live_route_undoLeftoverCanary(ctx, stack, ref, route, options, changes);
        state = (await (0,traffic_route/* readRoute */.S9)(ctx, ref)).state;
    }
    const parameterOverrides = routeParameters(route, state, stack.parameters);
    progress.emit(messages/* TRAFFIC_MESSAGES */.H.liveTargetKept, `Route of stage ${ref.stage}: ${(0,domain/* describeRoute */.fx)(route)}; deploying with ${describeParameters(parameterOverrides)} so the deploy keeps it.`);
    return {
        route: reading.route,
        ref,
        parameterOverrides,
        changes,
        lmiVersion: stack.outputs.LmiVersion || undefined,
    };
}
/** MinExecutionEnvironments as this deploy will set it: the input's, the stack's, or SAM's default. */
function candidateMinimum(overrides, current) {
    const value = Number(overrides?.MinExecutionEnvironments ?? current.MinExecutionEnvironments);
    return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MIN_ENVIRONMENTS;
}
/** The stage's values as parameters; a parameter the template does not declare is not passed. */
function routeParameters(route, state, declared) {
    const production = (0,domain/* productionOf */.zS)(route);
    const values = {
        [LIVE_PARAMETER]: (0,domain/* qualifiedName */.OL)(production),
        [ROLLBACK_PARAMETER]: state.rollbackFunction ?? '',
        [FALLBACK_PARAMETER]: state.fallbackFunction ?? '',
    };
    return Object.fromEntries(Object.entries(values).filter(([k]) => k in declared));
}
const describeParameters = (p) => Object.entries(p)
    .map(([k, v]) => `${k}=${v === '' ? '(none)' : v}`)
    .join(', ');
async function live_route_undoLeftoverCanary(ctx, stack, ref, route, options, changes) {
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.leftoverCanaryBeforeDeploy, `An earlier cutover left the stage at ${(0,domain/* describeRoute */.fx)(route)}; resume: rollback — returning all traffic to ${(0,domain/* versionLabel */.dp)((0,domain/* productionOf */.zS)(route))} before deploying.`);
    const probing = await (0,stage_prober/* tryStageProber */.kX)(ctx, {
        stageUrl: stack.outputs.ApiUrl,
        functionName: stack.outputs.StandardFunctionName,
        runId: options.runId,
        probeRate: options.probeRate,
    });
    const recorder = await routeStateRecorder(ctx, {
        stackName: options.stackName,
        ref,
        route,
        production: (0,domain/* productionOf */.zS)(route),
        stageUrl: stack.outputs.ApiUrl,
        secretParameter: probing?.secretParameter,
    }, options.onRouteState);
    try {
        const outcome = await (0,rollback/* rollbackTo */.S)(ctx, {
            stage: ref,
            target: (0,domain/* productionOf */.zS)(route),
            probe: probing?.prober.probe,
            probeRate: options.probeRate,
            lastKnownRoute: route,
            onRouteIntent: recorder.onRouteIntent,
            onRouteChange: recorder.onRouteChange,
        }, `resume: rollback: the stage was left at ${(0,domain/* routeLabel */.qA)(route)} by an unfinished cutover; undone before deploying`);
        if (outcome.change)
            changes.push(outcome.change);
        if (probing && !outcome.section.verified) {
            throw new errors/* CutoverError */.DB('CUTOVER_FAILED', `The leftover canary was rolled back, but probes did not confirm that all traffic reaches ${(0,domain/* versionLabel */.dp)((0,domain/* productionOf */.zS)(route))}; nothing was deployed.`);
        }
        return outcome.route;
    }
    catch (e) {
        if ((0,errors/* isCutoverError */.jH)(e))
            throw e;
        throw new errors/* CutoverError */.DB('CUTOVER_FAILED', `Undoing the leftover canary failed: ${(0,aws_errors/* errorMessage */.gJ)(e)}`, [], {
            cause: e,
        });
    }
    finally {
        await probing?.prober.close();
    }
}

;// CONCATENATED MODULE: ./src/pipeline/modes/before-deploy.ts


async function beforeDeploy(ctx, input) {
    const { config, report, options, runId } = input;
    const mode = config.mode;
    let pre;
    try {
        pre = await routeBeforeDeploy(ctx, {
            stackName: config.stackName,
            probeRate: config.probeRate,
            rollBackLeftoverCanary: mode === 'full' && config.resume === 'rollback',
            refusal: mode === 'full'
                ? 'resume: continue applies to mode cutover only: mode full deploys first, which would put that canary on a new, unverified LMI version.'
                : mode === 'plan'
                    ? 'A plan now would show a change set whose parameters drop the canary, not what the deploy after the release would do.'
                    : `Mode ${mode} never moves traffic, and a deploy now would drop the canary.`,
            runId,
            onRouteState: options.onRouteState,
            parameterOverrides: config.parameterOverrides,
        });
    }
    catch (e) {
        report.skippedUnlessRecorded(stagesOf(input), e);
        throw e;
    }
    if (pre.changes.length > 0)
        report.cutover({ ...emptyCutoverSection(), routeChanges: [...pre.changes] });
    const after = pre.changes.length > 0 ? pre.changes[pre.changes.length - 1].to : pre.route;
    report.route({ before: pre.route, after });
    return pre;
}
/** The deploy options with the stage's versions on top of the caller's overrides. */
function withLiveTarget(deploy, pre) {
    return {
        ...deploy,
        parameterOverrides: { ...deploy?.parameterOverrides, ...pre.parameterOverrides },
    };
}
/** The stages a mode runs, for marking them skipped when the run stops before them. */
function stagesOf({ config }) {
    const verify = [
        'provision',
        'smoke',
        'load',
        ...(config.concurrencySweep.length > 0 ? ['sweep'] : []),
    ];
    if (config.mode === 'plan')
        return ['plan'];
    if (config.mode === 'deploy')
        return ['deploy'];
    if (config.mode === 'verify')
        return ['deploy', ...verify];
    return ['deploy', ...verify, 'cutover'];
}

;// CONCATENATED MODULE: ./src/pipeline/modes/deploy.ts


async function deployMode(ctx, input) {
    const { config, report, options } = input;
    const pre = await beforeDeploy(ctx, input);
    const deploy = await report.stage('deploy', () => ctx.progress.group(`Deploy stack ${config.stackName}`, () => (0,deploy_stack/* deployStack */.g)(ctx, { ...config, cwd: input.cwd }, withLiveTarget(options.deploy, pre))), (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }));
    report.deploy(deploy);
    return { deploy };
}

;// CONCATENATED MODULE: ./src/pipeline/modes/full.ts
// Mode `full`: deploy (production pinned: the stage's versions are passed back to the template),
// verify the candidate, then shift production to it through the canary. The deploy never
// changes what production serves, so a candidate that fails verification leaves production
// exactly where it was, with nothing to undo; the run fails with the verification's error and
// says where production stayed.








/** Mode full: deploy, verify, then the gated shift to the verified LMI version. */
async function fullMode(ctx, input) {
    const { config, report, options, runId } = input;
    const settings = { ...config, cwd: input.cwd };
    const checksSettings = config.checksFile !== undefined
        ? { ...settings, checksFile: config.checksFile, requireLoad: true }
        : undefined;
    // A bad checks file (or one without `load:`) is refused before the stage is touched.
    const checks = checksSettings ? await (0,verify_checks/* readChecks */.wf)(checksSettings) : undefined;
    const pre = await beforeDeploy(ctx, input);
    const verifyOptions = { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) };
    let deployed;
    try {
        deployed = checksSettings
            ? await (0,verify_checks/* verifyStackWithChecks */.Hz)(ctx, report, checksSettings, verifyOptions, checks)
            : await (0,verify_stack/* verifyStack */.Er)(ctx, report, settings, verifyOptions);
    }
    catch (e) {
        skipIfUnrun(report, 'cutover', e);
        if (pre.route) {
            ctx.progress.emit(MODE_MESSAGES.productionUntouched, `The candidate did not pass verification; production stays on ${(0,domain/* describeRoute */.fx)(pre.route)}, which the deploy did not change.`);
        }
        throw e;
    }
    const ref = (0,traffic_route/* routeRefFromOutputs */.lN)(deployed.deploy.outputs, config.stackName);
    const { verified, probing } = 'type' in deployed.verify
        ? (0,checks_shift/* checksShiftInputs */.P)(ctx, config, deployed.verify, config.checksFile)
        : await webhookShiftInputs(ctx, config, deployed.verify, runId);
    const cutover = await shiftVerified(ctx, report, config, verified, probing, ref, { ...options, runId });
    return { ...deployed, cutover };
}

// EXTERNAL MODULE: ./src/aws/change-sets.ts
var change_sets = __webpack_require__(51935);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(31954);
// EXTERNAL MODULE: ./src/pipeline/deploy/change-set.ts
var change_set = __webpack_require__(387);
;// CONCATENATED MODULE: ./src/pipeline/deploy/change-risk.ts
/** What the old resource's policy keeps of it: `retained`, `snapshotted`, or nothing. */
function kept(policyAction) {
    if (policyAction?.endsWith('Retain'))
        return 'retained';
    if (policyAction?.endsWith('Snapshot'))
        return 'snapshotted';
    return undefined;
}
function productionRisk(change, contract) {
    const replaces = change.action === 'Modify' && (change.replacement === 'True' || change.replacement === 'Conditional');
    if (change.action !== 'Remove' && !replaces)
        return undefined;
    const verb = change.action === 'Remove' ? 'removes' : change.replacement === 'True' ? 'replaces' : 'may replace';
    const old = kept(change.policyAction);
    switch (change.type) {
        case 'AWS::Lambda::Function': {
            const role = contract?.lmiFunction === change.logicalId
                ? 'the LMI function'
                : contract?.standardFunction === change.logicalId
                    ? 'the standard twin'
                    : contract
                        ? undefined
                        : 'a function';
            if (!role)
                return undefined;
            return (`${verb} ${role}: a new function has none of the published versions the stage routes to, ` +
                'so production, the rollback target and the fallback stop resolving (destroys production routing)');
        }
        case 'AWS::Lambda::CapacityProvider':
            return (`${verb} the capacity provider: every LMI version runs on it, so the versions production and the ` +
                'rollback target run lose their instances and must be provisioned anew (destroys production routing)');
        case 'AWS::DynamoDB::Table':
        case 'AWS::DynamoDB::GlobalTable':
            return change.action === 'Remove'
                ? `removes the table: the functions lose it and its items are ${old ?? 'deleted'} (destroys production data)`
                : `${verb} the table: a new, empty table takes its place and the old one's items are ${old ?? 'deleted'} (destroys production data)`;
        case 'AWS::ApiGateway::RestApi':
            return (`${verb} the REST API: the new one has a new id and URL, so requests sent to the current ` +
                'URL stop arriving (destroys production routing)');
        case 'AWS::ApiGateway::Stage':
            return (`${verb} the stage production is routed through: it is deleted and made again, so production ` +
                'requests fail in between and a canary in flight is lost (destroys production routing)');
        default:
            return undefined;
    }
}

// EXTERNAL MODULE: ./src/pipeline/deploy/deployment.ts + 9 modules
var deployment = __webpack_require__(54065);
// EXTERNAL MODULE: ./src/pipeline/deploy/messages.ts
var deploy_messages = __webpack_require__(96150);
// EXTERNAL MODULE: ./src/pipeline/deploy/template/routing-contract.ts
var routing_contract = __webpack_require__(48664);
;// CONCATENATED MODULE: ./src/pipeline/deploy/plan-stack.ts
// Mode plan's stage: the same packaging (minus the upload: the planning role needs no write access
// to the bucket production deploys read code from), stack-safety inputs and parameters as a
// deploy, the change set created and read in full — each change with what causes its replacement and
// whether it endangers production — and then nothing executed. The change set is kept for review
// and for change-set-name; CloudFormation deletes it when any other change set of the stack is
// executed, and the next plan from the same pull request (or any plan older than
// FIXED.planChangeSetMaxAgeDays) deletes it too, so plans do not pile up on the stack.







const DESCRIPTION = 'lmi-cutover plan: review it, then execute it with change-set-name';
async function planStack(ctx, config, options = {}) {
    const run = await (0,deployment/* prepareDeployment */.JH)(ctx, config, options, { readOnly: true, uploadArtifacts: false });
    const { waits, plan } = run;
    const { stackName } = config;
    if (plan.stackExists)
        await deleteReplacedPlans(ctx, stackName, options.pullRequest);
    if (plan.changeSetType === 'CREATE')
        ctx.progress.emit(deploy_messages/* DEPLOY_MESSAGES */.B.planNewStack, `Stack ${stackName} does not exist yet: the plan's CREATE change set holds it in REVIEW_IN_PROGRESS, with no resources, until the change set is executed or deleted.`);
    const changeSetName = (0,change_set/* planChangeSetName */.Xz)(ctx.clock.now(), options.pullRequest);
    let kept = false;
    try {
        await (0,change_set/* startChangeSet */.pc)(ctx, (0,deployment/* changeSetRequest */.ue)(run, changeSetName), DESCRIPTION);
        const outcome = await (0,change_set/* waitForChangeSet */.bp)(ctx, stackName, changeSetName, {
            timing: waits.changeSetPoll,
            deadline: waits.deadline,
            timeoutMinutes: waits.timeoutMinutes,
        });
        const base = {
            stackName,
            stackId: outcome.stackId,
            changeSetType: plan.changeSetType,
            ...(plan.existing?.StackStatus ? { stackStatus: plan.existing.StackStatus } : {}),
            durationMs: ctx.clock.now() - waits.started,
        };
        if (outcome.type === 'empty') {
            ctx.progress.emit(deploy_messages/* DEPLOY_MESSAGES */.B.noChanges, `No changes: ${outcome.reason}`);
            return { ...base, type: 'no-changes', reason: outcome.reason };
        }
        const template = run.prepared.packaged.template;
        const contract = (0,routing_contract/* routingContractOf */.m)(template.Metadata, `The template ${config.template}`);
        const changes = outcome.changes.map((c) => {
            const risk = productionRisk(c, contract);
            return risk ? { ...c, risk } : c;
        });
        (0,change_set/* announceChanges */.Hg)(ctx, changeSetName, changes);
        ctx.progress.emit(deploy_messages/* DEPLOY_MESSAGES */.B.planKept, `Nothing was executed. Change set ${changeSetName} is kept for review: execute exactly this with change-set-name: ${changeSetName} (mode deploy or full). ` +
            'It is refused once the stack, the template or the parameters change, and CloudFormation deletes it when another change set of the stack is executed.');
        kept = true;
        return { ...base, type: 'planned', changeSetName, changes };
    }
    finally {
        if (!kept)
            await (0,change_set/* deleteChangeSetQuietly */.Xl)(ctx, stackName, changeSetName);
    }
}
/** Earlier plans this one replaces: the same pull request's (or, without one, other plans without one), and stale ones. */
async function deleteReplacedPlans(ctx, stackName, pullRequest) {
    const cutoff = ctx.clock.now() - defaults/* FIXED */.N2.planChangeSetMaxAgeDays * 86_400_000;
    const samePlanner = (name) => pullRequest === undefined
        ? /^\d/.test(name.slice(change_set/* PLAN_PREFIX */.tv.length))
        : name.startsWith(`${change_set/* PLAN_PREFIX */.tv}pr${pullRequest}-`);
    const replaced = (await (0,change_sets/* listChangeSetNames */.PX)(ctx.aws.cloudFormation, stackName, change_set/* PLAN_PREFIX */.tv)).filter((c) => c.executionStatus !== 'EXECUTE_IN_PROGRESS' &&
        (samePlanner(c.name) || (c.creationTime !== undefined && c.creationTime.getTime() < cutoff)));
    for (const { name } of replaced)
        await (0,change_set/* deleteChangeSetQuietly */.Xl)(ctx, stackName, name);
    if (replaced.length > 0)
        ctx.progress.emit(deploy_messages/* DEPLOY_MESSAGES */.B.plansDeleted, `Deleted ${replaced.length} earlier plan${replaced.length === 1 ? '' : 's'} this one replaces: ${replaced.map((c) => c.name).join(', ')}`);
}

;// CONCATENATED MODULE: ./src/pipeline/modes/plan.ts


async function planMode(ctx, input) {
    const { config, report, options } = input;
    const pre = await beforeDeploy(ctx, input);
    const pullRequest = report.report.run.trigger?.pullRequest ?? config.prNumber;
    const plan = await report.stage('plan', () => ctx.progress.group(`Plan stack ${config.stackName}`, () => planStack(ctx, { ...config, cwd: input.cwd }, { ...withLiveTarget(options.deploy, pre), ...(pullRequest !== undefined ? { pullRequest } : {}) })), (p) => p.type === 'no-changes'
        ? { outcome: 'no-op', detail: 'no changes' }
        : { outcome: 'passed', detail: planDetail(p) });
    report.plan({
        changeSetType: plan.changeSetType,
        ...(plan.stackStatus ? { stackStatus: plan.stackStatus } : {}),
        ...(plan.type === 'planned'
            ? { changeSetName: plan.changeSetName, changes: [...plan.changes] }
            : { changes: [], noChangesReason: plan.reason }),
    });
    return { plan };
}
function planDetail(p) {
    const risky = p.changes.filter((c) => c.risk).length;
    return `${p.changes.length} change(s)${risky > 0 ? `, ${risky} endangering production` : ''}; nothing executed`;
}

;// CONCATENATED MODULE: ./src/pipeline/modes/rollback.ts
// Mode `rollback`: production back to a known-good version, proven by probes through the stage.
// `rollback-to: previous` (default) returns to the production version before the last promotion,
// which stays Active and permitted for exactly this; `rollback-to: standard` sends production to
// the twin's last verified version, the emergency fallback. A canary an interrupted release left
// is undone to its production version (or, with `standard`, replaced by the fallback). Nothing
// is built or deployed.










function planRollback(reading, ref, to) {
    const { route, state } = reading;
    const production = (0,domain/* productionOf */.zS)(route);
    const back = (0,traffic_route/* wayBack */.lZ)(state, ref);
    if (to === 'standard') {
        const target = back.fallback ?? (production.side === 'standard' ? production : undefined);
        if (!target) {
            throw new errors/* CutoverError */.DB('NO_ROLLBACK_TARGET', `The stage remembers no verified twin version (stage variable fallbackFunction is not set), so rollback-to: standard has nowhere safe to go. ` +
                'It is set when a release is promoted after its twin passed the smoke checks.');
        }
        if (route.kind !== 'canary' &&
            route.target?.side === 'standard' &&
            target.version === production.version) {
            return `production already runs the twin's verified version (${(0,domain/* versionLabel */.dp)(target)})`;
        }
        return {
            target,
            wayBackAfter: { rollback: null },
            why: `mode rollback (to standard): production to the twin's last verified version, ${(0,domain/* versionLabel */.dp)(target)}, from ${(0,domain/* describeRoute */.fx)(route)}`,
        };
    }
    if (route.kind === 'canary') {
        return {
            target: production,
            wayBackAfter: {},
            why: `mode rollback: the canary of ${(0,domain/* describeRoute */.fx)(route)} undone, production stays on ${(0,domain/* versionLabel */.dp)(production)}`,
        };
    }
    if (!back.rollback) {
        if (production.side === 'standard')
            return `production runs the standard twin (${(0,domain/* versionLabel */.dp)(production)}) and no release has been promoted since`;
        throw new errors/* CutoverError */.DB('NO_ROLLBACK_TARGET', `The stage remembers no previous production version (stage variable rollbackFunction is not set): ${(0,domain/* versionLabel */.dp)(production)} is the only release it knows. ` +
            'Use rollback-to: standard to send production to the twin, or release a fixed version.');
    }
    return {
        target: back.rollback,
        wayBackAfter: { rollback: null },
        why: `mode rollback: production back to the previous production version, ${(0,domain/* versionLabel */.dp)(back.rollback)}, from ${(0,domain/* describeRoute */.fx)(route)}`,
    };
}
async function rollbackMode(ctx, report, config, options = {}) {
    const { progress } = ctx;
    const stack = await requireDeployedStack(ctx, config.stackName, 'roll back');
    const ref = (0,traffic_route/* routeRefFromOutputs */.lN)(stack.outputs, config.stackName);
    const reading = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
    const before = reading.route;
    report.route({ before, after: before });
    const plan = planRollback(reading, ref, config.rollbackTo);
    if (typeof plan === 'string') {
        report.skipped('rollback', `no-op: ${plan}`);
        progress.emit(MODE_MESSAGES.alreadyThere, `Stage ${ref.stage}: ${plan}; nothing to roll back.`);
        return { type: 'no-op', before, route: before };
    }
    const runId = options.runId ?? (0,request/* newRunId */.F$)();
    // An app with a checks file is proven by its load request; the webhook by signed probes.
    const probing = config.checksFile !== undefined
        ? await (0,checks_shift/* checksRollbackProbing */.H)(ctx, {
            cwd: options.cwd ?? process.cwd(),
            checksFile: config.checksFile,
            stageUrl: stack.outputs.ApiUrl,
            lmiFunctionName: ref.lmiFunctionName,
            runId,
            probeRate: config.probeRate,
        })
        : await (0,stage_prober/* tryStageProber */.kX)(ctx, {
            stageUrl: stack.outputs.ApiUrl,
            functionName: stack.outputs.StandardFunctionName,
            runId,
            probeRate: config.probeRate,
        });
    const recorder = await routeStateRecorder(ctx, {
        stackName: config.stackName,
        ref,
        route: before,
        production: (0,domain/* productionOf */.zS)(before),
        stageUrl: stack.outputs.ApiUrl,
        ...(probing && 'secretParameter' in probing ? { secretParameter: probing.secretParameter } : {}),
        ...(config.checksFile !== undefined ? { checksFile: config.checksFile } : {}),
    }, options.onRouteState);
    const section = emptyCutoverSection();
    try {
        const outcome = await report.stage('rollback', () => progress.group(`Rollback: stage ${ref.stage} from ${(0,domain/* describeRoute */.fx)(before)} to ${(0,domain/* versionLabel */.dp)(plan.target)}`, () => rollBackAndProve(ctx, { ref, before, plan, probing, recorder, probeRate: config.probeRate }, section)), (r) => ({
            detail: r.section.verified ? `verified by ${r.section.probes} probe(s)` : 'not verified by probes',
        }));
        report.route({ after: outcome.route });
        return {
            type: 'rolled-back',
            before,
            route: outcome.route,
            change: outcome.change,
            section: outcome.section,
        };
    }
    catch (e) {
        if (e instanceof rollback/* RollbackFailedError */.C) {
            section.rollback = e.rollback;
            section.rolledBack = false;
            report.route({ after: e.rollback.finalRoute });
        }
        else if (section.rolledBack) {
            report.route({ after: { kind: plan.target.side, target: plan.target } });
        }
        throw e;
    }
    finally {
        report.cutover(section);
        await probing?.prober.close();
    }
}
/** One rollback to the plan's target, recorded in `section`; probes that cannot confirm it fail the run. */
async function rollBackAndProve(ctx, args, section) {
    const { ref, before, plan, probing, recorder } = args;
    const result = await (0,rollback/* rollbackTo */.S)(ctx, {
        stage: ref,
        target: plan.target,
        wayBackAfter: plan.wayBackAfter,
        probe: probing?.prober.probe,
        ...(probing && 'attributed' in probing ? { attributed: probing.attributed } : {}),
        probeRate: args.probeRate,
        lastKnownRoute: before,
        onRouteIntent: recorder.onRouteIntent,
        onRouteChange: recorder.onRouteChange,
    }, plan.why);
    if (result.change)
        section.routeChanges.push(result.change);
    section.rolledBack = true;
    section.rollback = result.section;
    if (probing && !result.section.verified) {
        throw new errors/* CutoverError */.DB('ROLLBACK_FAILED', `Stage ${ref.stage} reads back as ${(0,domain/* versionLabel */.dp)(plan.target)}, but probes did not confirm that all traffic reaches it ` +
            `(${result.section.probes} sent). Check the stage and the twin before relying on it.`);
    }
    return result;
}

;// CONCATENATED MODULE: ./src/pipeline/modes/verify.ts







async function verifyMode(ctx, input) {
    const { config, report, options, runId } = input;
    const pre = await beforeDeploy(ctx, input);
    const verifyOptions = { ...options.verify, runId, deploy: withLiveTarget(options.deploy, pre) };
    const result = config.checksFile
        ? await (0,verify_checks/* verifyStackWithChecks */.Hz)(ctx, report, { ...config, cwd: input.cwd, checksFile: config.checksFile }, verifyOptions)
        : await (0,verify_stack/* verifyStack */.Er)(ctx, report, { ...config, cwd: input.cwd }, verifyOptions);
    // Each push to a staging stack publishes a version that holds 3 environments until released:
    // the candidates verified before this one are released, or the capacity provider fills up.
    // The candidate passed: a stage that cannot be read skips the cleanup, said, and fails nothing.
    let ref;
    let reading;
    try {
        ref = (0,traffic_route/* routeRefFromOutputs */.lN)(result.deploy.outputs, config.stackName);
        reading = await (0,traffic_route/* readRoute */.S9)(ctx, ref);
    }
    catch (e) {
        const why = `earlier LMI versions were not released: ${(0,aws_errors/* errorMessage */.gJ)(e)}`;
        ctx.progress.emit(MODE_MESSAGES.verifyCleanupSkipped, `The verify passed; ${why}`);
        report.skipped('cleanup', why);
        return result;
    }
    await cleanUpVersions(ctx, report, config, ref, reading);
    return result;
}

// EXTERNAL MODULE: ./src/config/load-shard.ts
var load_shard = __webpack_require__(56097);
// EXTERNAL MODULE: ./src/pipeline/webhook/workload-stack.ts
var workload_stack = __webpack_require__(28934);
// EXTERNAL MODULE: ./src/pipeline/verify/baseline.ts
var verify_baseline = __webpack_require__(77539);
// EXTERNAL MODULE: ./src/pipeline/verify/load.ts + 3 modules
var verify_load = __webpack_require__(56299);
// EXTERNAL MODULE: ./src/pipeline/verify/messages.ts
var verify_messages = __webpack_require__(76324);
// EXTERNAL MODULE: ./src/pipeline/verify/phases.ts + 6 modules
var phases = __webpack_require__(7444);
// EXTERNAL MODULE: ./src/core/latency-histogram.ts
var latency_histogram = __webpack_require__(46514);
// EXTERNAL MODULE: ./src/pipeline/verify/load/sample.ts
var sample = __webpack_require__(1153);
;// CONCATENATED MODULE: ./src/pipeline/verify/shards/shard-side.ts
// One side's burst of a shard as its shard report carries it: the figures summarizeBurst gave,
// and what the merge needs to add shards up exactly — the latencies as HDR histograms (all
// answers, and the warm ones), the accepted count, the environments by id with their worker
// threads, the burst's window by the wall clock, and the isolation check's first problems.



/** The answers the check's percentiles count: every request the function answered, errors included. */
const isTimed = (s) => s.outcome === 'answered' || s.outcome === 'function-error';
function shardSide(run) {
    const { burst, result, isolation } = run;
    const timed = burst.samples.filter(isTimed);
    return {
        result,
        accepted: burst.samples.filter(sample/* isAccepted */.oB).length,
        latency: (0,latency_histogram/* encodeLatencies */.rk)(timed.map((s) => s.latencyMs)),
        warm: shardWarm(burst.samples),
        ...(result.environments !== undefined ? { environments: environmentsSeen(timed) } : {}),
        startedAt: burst.startedAt,
        endedAt: burst.endedAt,
        isolationProblems: [...isolation.problems],
        ...(run.meanFunctionDurationMs !== undefined
            ? { meanFunctionDurationMs: run.meanFunctionDurationMs }
            : {}),
    };
}
/** The warm answers' latencies, as max-p95-ms auto counts them (baseline.ts warmAnswers). */
function shardWarm(samples) {
    const { warm, coldStartsExcluded, coldStartsKnown } = (0,verify_baseline/* warmAnswers */.$M)(samples);
    return { latency: (0,latency_histogram/* encodeLatencies */.rk)(warm.map((s) => s.latencyMs)), coldStartsExcluded, coldStartsKnown };
}
/** Each environment that answered and its worker threads; '' stands for an answer naming none. */
function environmentsSeen(timed) {
    const seen = new Map();
    for (const s of timed) {
        if (s.environmentId === undefined)
            continue;
        const workers = seen.get(s.environmentId) ?? new Set();
        seen.set(s.environmentId, workers.add(s.workerId ?? ''));
    }
    return [...seen]
        .map(([id, workers]) => ({ id, workers: [...workers].sort() }))
        .sort((a, b) => a.id.localeCompare(b.id));
}

;// CONCATENATED MODULE: ./src/pipeline/verify/shards/split.ts

/** Shard `index`'s part of `total` split over `count` shards. */
const evenShare = (total, { index, count }) => Math.floor(total / count) + (index <= total % count ? 1 : 0);
/** This shard's concurrency and requests; refused when a shard would have none of either. */
function shardShare(total, shard) {
    const short = ['concurrency', 'requests'].filter((k) => total[k] < shard.count);
    if (short.length > 0) {
        const what = short.map((k) => `${k === 'requests' ? 'load-requests' : k} ${total[k]}`).join(' and ');
        throw new errors/* CutoverError */.DB('INVALID_INPUT', `${what} cannot be split over ${shard.count} shards: every shard needs at least one request in flight and one to send. ` +
            'Raise them, or run fewer shards.');
    }
    return { concurrency: evenShare(total.concurrency, shard), requests: evenShare(total.requests, shard) };
}

;// CONCATENATED MODULE: ./src/pipeline/verify/shards/run-shard.ts













const SHARD_STAGES = ['provision', 'load'];
async function runLoadShard(ctx, report, settings, options = {}) {
    const shard = settings.loadShard;
    // Delivery ids name the shard: lmi-cutover.<run>-s2of4.load.lmi.17, never another shard's.
    const runId = `${options.runId ?? (0,request/* newRunId */.F$)()}-s${shard.index}of${shard.count}`;
    report.skipped('smoke', 'a load shard sends only its share of the concurrency check');
    try {
        refuseFarStart(ctx, shard);
        const deployed = await requireDeployedStack(ctx, settings.stackName, 'send a load shard to');
        const stack = (0,workload_stack/* workloadStackFromOutputs */.o2)(settings.stackName, deployed.outputs);
        const region = await ctx.aws.region();
        const provision = await (0,phases/* provisionPhase */.hT)(ctx, report, settings, stack, options.provision);
        const secrets = await (0,secret/* readSigningSecret */.y)(ctx, (0,verify_stack/* secretParameterName */.p9)(provision, stack));
        const traffic = { stack, region, secrets, runId, now: options.now };
        const sizing = (0,verify_load/* loadSizing */.$2)(settings, provision.function.maxConcurrency);
        const share = shardShare(sizing, shard);
        const production = settings.maxP95Ms === 'auto'
            ? await (0,verify_baseline/* productionTarget */.hF)(ctx, settings.stackName, deployed.outputs)
            : undefined;
        const { load, baseline } = await report.stage('load', () => ctx.progress.group(`Concurrency check, ${(0,load_shard/* shardLabel */.$_)(shard)}: ${share.requests} of ${sizing.requests} requests, ${share.concurrency} of ${sizing.concurrency} in flight`, async () => {
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardShare, `${(0,load_shard/* shardLabel */.$_)(shard)} of check ${shard.id}: ${share.concurrency} of ${sizing.concurrency} in flight, ${share.requests} of ${sizing.requests} requests per side.`);
            const lambda = ctx.aws.lambdaForLoad(share.concurrency);
            await waitForStart(ctx, shard);
            const load = await (0,verify_load/* runLoadCheck */.wq)(ctx, { ...share, ...traffic, lambda });
            report.load(load.lmi.result, load.standard?.result);
            report.shards({ id: shard.id, count: shard.count, shard: shard.index });
            const measured = production
                ? await shardBaseline(ctx, { shard, sizing, share, load, traffic, production })
                : undefined;
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardNotGated, `${(0,load_shard/* shardLabel */.$_)(shard)} sent its share: no gate applied; mode merge judges the ${shard.count} shards together.`);
            return { load, baseline: measured };
        }), ({ load }) => ({
            detail: `${(0,load_shard/* shardLabel */.$_)(shard)}: p95 ${load.lmi.result.latency.p95} ms on its share, no gates`,
        }));
        const measurement = {
            runId,
            candidate: {
                lmi: { functionName: stack.lmi.functionName, qualifier: stack.lmi.qualifier },
                standard: { functionName: stack.standard.functionName, qualifier: stack.standard.qualifier },
            },
            sizing: { ...sizing },
            share: { ...share },
            lmi: shardSide(load.lmi),
            standard: shardSide(load.standard),
            ...(baseline ? { baseline } : {}),
        };
        return { shard, stack, provision, sizing, share, load, measurement };
    }
    catch (e) {
        report.skippedUnlessRecorded(SHARD_STAGES, e);
        throw e;
    }
}
/** A start this far ahead would hold a runner idle for longer than any matrix needs to start. */
const MAX_START_WAIT_MS = 60 * 60_000;
function refuseFarStart(ctx, shard) {
    if (shard.startAt === undefined || shard.startAt - ctx.clock.now() <= MAX_START_WAIT_MS)
        return;
    throw new errors/* CutoverError */.DB('INVALID_INPUT', `load-shard-start-at ${new Date(shard.startAt).toISOString()} is more than an hour ahead: a shard would hold its runner idle until then. ` +
        'Give a start a few minutes after the shards are planned.');
}
/**
 * A shard ready before the check's start waits for it, so every shard's requests are in flight
 * together; one ready after it sends at once, and the merge says how long they overlapped.
 */
async function waitForStart(ctx, shard) {
    if (shard.startAt === undefined)
        return;
    const at = new Date(shard.startAt).toISOString();
    const waitMs = shard.startAt - ctx.clock.now();
    if (waitMs <= 0) {
        ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardStartLate, `${(0,load_shard/* shardLabel */.$_)(shard)} is ready ${(-waitMs / 1000).toFixed(1)} s after the check's start (${at}): it sends now.`);
        return;
    }
    ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardStartWait, `${(0,load_shard/* shardLabel */.$_)(shard)} waits ${(waitMs / 1000).toFixed(1)} s for the check's start (${at}), so every shard sends at once.`);
    await ctx.clock.sleep(waitMs, ctx.signal);
}
/**
 * What max-p95-ms auto compares with, as verify finds it (baseline.ts), each shard sending its
 * share of any burst at production. An LMI production gets the light sample from shard 1 only:
 * N shards' light samples together would be N times the load the sample is meant to be.
 */
async function shardBaseline(ctx, check) {
    const { shard, load, traffic } = check;
    const candidate = load.lmi.burst.plan.target;
    const twin = load.standard?.burst.plan.target;
    const plan = (0,verify_baseline/* planBaseline */.HP)(check.production, { candidate, twin, concurrency: check.sizing.concurrency });
    if (!plan)
        return undefined;
    const about = { basis: plan.basis, ...(plan.note ? { note: plan.note } : {}) };
    if (plan.from === 'lmi' || plan.from === 'standard') {
        const target = plan.from === 'lmi' ? candidate : twin;
        return { ...about, target: targetOf(target), from: plan.from };
    }
    const lambda = ctx.aws.lambdaForLoad(check.share.concurrency);
    const measure = (target, size, kind) => (0,verify_load/* measureBurst */.P8)(ctx, lambda, { ...traffic, ...size, kind, target }, target.side);
    if (plan.from === 'burst') {
        (0,verify_baseline/* announceBaselineBurst */.Ns)(ctx, plan);
        const run = await measure(plan.target, check.share, 'baseline');
        return {
            ...about,
            target: targetOf(plan.target),
            from: 'burst',
            burst: { ...check.share, warm: shardWarm(run.burst.samples) },
        };
    }
    if (shard.index !== 1) {
        ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardBaselineElsewhere, `max-p95-ms auto: production serves an LMI version; shard 1 measures it and the candidate at a light load, ${(0,load_shard/* shardLabel */.$_)(shard)} sends it nothing.`);
        return { ...about, target: targetOf(plan.target), from: 'light' };
    }
    (0,verify_baseline/* announceBaselineBurst */.Ns)(ctx, plan);
    const run = await measure(plan.target, plan.light, 'baseline');
    const paired = await measure(candidate, plan.light, 'paired');
    return {
        ...about,
        target: targetOf(plan.target),
        from: 'light',
        burst: {
            ...plan.light,
            warm: shardWarm(run.burst.samples),
            candidateWarm: shardWarm(paired.burst.samples).latency,
        },
    };
}
const targetOf = (t) => ({
    side: t.side,
    functionName: t.functionName,
    qualifier: t.qualifier,
});

;// CONCATENATED MODULE: ./src/pipeline/modes/load-shard.ts

async function loadShardMode(ctx, input, loadShard) {
    const { config, report, options, runId } = input;
    const shard = await runLoadShard(ctx, report, { ...config, loadShard }, { runId, provision: options.verify?.provision, now: options.verify?.now });
    return { shard };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/latency-baseline.ts
var latency_baseline = __webpack_require__(39053);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var core_errors = __webpack_require__(37428);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 14 modules
var schemas = __webpack_require__(45586);
// EXTERNAL MODULE: ./src/core/route-schema.ts
var route_schema = __webpack_require__(26832);
;// CONCATENATED MODULE: ./src/report/schema.ts
// The Report's shape as a zod schema, so a report read back from disk (by the post step, or a
// later job) is checked before anything trusts it. The type assertion at the bottom fails
// `tsc` if this schema and model.ts drift apart.



const isoTime = schemas/* string */.YjP().min(1);
const route = route_schema/* routeSchema */.l;
const latency = schemas/* object */.Ikc({
    count: schemas/* number */.aig(),
    p50: schemas/* number */.aig(),
    p95: schemas/* number */.aig(),
    p99: schemas/* number */.aig(),
    max: schemas/* number */.aig(),
    mean: schemas/* number */.aig(),
});
const gate = schemas/* object */.Ikc({
    name: schemas/* enum */.k5n([
        'max-error-rate',
        'max-p95-ms',
        'max-throttle-rate',
        'split-tolerance',
        'alarms',
        'stage-answers',
    ]),
    limit: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]),
    actual: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]),
    passed: schemas/* boolean */.zMY(),
});
const latencyBaseline = schemas/* object */.Ikc({
    side: schemas/* enum */.k5n(['lmi', 'standard']),
    functionName: schemas/* string */.YjP(),
    qualifier: schemas/* string */.YjP(),
    basis: schemas/* enum */.k5n(['production', 'twin']),
    note: schemas/* string */.YjP().optional(),
    sample: schemas/* object */.Ikc({ concurrency: schemas/* number */.aig(), requests: schemas/* number */.aig() }),
    warm: latency,
    candidateWarm: latency.optional(),
    coldStartsExcluded: schemas/* number */.aig(),
    coldStartsKnown: schemas/* boolean */.zMY(),
    factor: schemas/* number */.aig(),
    limitMs: schemas/* number */.aig(),
});
const loadResultSchema = schemas/* object */.Ikc({
    target: schemas/* enum */.k5n(['lmi', 'standard']),
    functionName: schemas/* string */.YjP(),
    qualifier: schemas/* string */.YjP(),
    concurrency: schemas/* number */.aig(),
    requests: schemas/* number */.aig(),
    latency,
    throughputRps: schemas/* number */.aig(),
    errors: schemas/* number */.aig(),
    errorRate: schemas/* number */.aig(),
    throttles: schemas/* number */.aig(),
    throttleRate: schemas/* number */.aig(),
    environments: schemas/* number */.aig().optional(),
    peakInFlightPerEnvironment: schemas/* number */.aig().optional(),
    peakInFlightSource: schemas/* enum */.k5n(['function', 'function-per-worker', 'client-estimate']).optional(),
    coldStarts: schemas/* number */.aig().optional(),
    isolation: schemas/* object */.Ikc({
        passed: schemas/* boolean */.zMY(),
        mismatchedIds: schemas/* number */.aig(),
        stored: schemas/* number */.aig(),
        expectedStored: schemas/* number */.aig(),
        duplicates: schemas/* number */.aig(),
    })
        .optional(),
    wallMs: schemas/* number */.aig(),
    generatorLimited: schemas/* object */.Ikc({
        eventLoopBusy: schemas/* number */.aig(),
        cpuMsPerRequest: schemas/* number */.aig(),
        eventLoopDelayMs: schemas/* number */.aig().optional(),
        reason: schemas/* string */.YjP(),
    })
        .optional(),
});
const loadResult = loadResultSchema;
const stepSide = schemas/* object */.Ikc({
    count: schemas/* number */.aig(),
    errors: schemas/* number */.aig(),
    latency: latency.partial().required({ count: true, p50: true, p95: true }),
});
const versionMetrics = schemas/* object */.Ikc({
    invocations: schemas/* number */.aig(),
    errors: schemas/* number */.aig(),
    throttles: schemas/* number */.aig(),
    durationP50Ms: schemas/* number */.aig().optional(),
    durationP95Ms: schemas/* number */.aig().optional(),
    partial: schemas/* boolean */.zMY(),
});
const architecture = schemas/* enum */.k5n(['x86_64', 'arm64']);
const resourceChange = schemas/* object */.Ikc({
    logicalId: schemas/* string */.YjP(),
    physicalId: schemas/* string */.YjP().optional(),
    type: schemas/* string */.YjP(),
    action: schemas/* enum */.k5n(['Add', 'Modify', 'Remove', 'Import', 'Dynamic']),
    replacement: schemas/* enum */.k5n(['True', 'False', 'Conditional']).optional(),
    recreatedBy: schemas/* array */.YOg(schemas/* object */.Ikc({ property: schemas/* string */.YjP(), when: schemas/* enum */.k5n(['Always', 'Conditionally']) }))
        .optional(),
    policyAction: schemas/* string */.YjP().optional(),
    risk: schemas/* string */.YjP().optional(),
});
const costInput = schemas/* object */.Ikc({
    invocations: schemas/* number */.aig(),
    standard: schemas/* object */.Ikc({ durationMs: schemas/* number */.aig(), memoryMb: schemas/* number */.aig(), freeTier: schemas/* boolean */.zMY().optional() }),
    lmi: schemas/* object */.Ikc({
        durationMs: schemas/* number */.aig(),
        memoryMb: schemas/* number */.aig(),
        memoryGiBPerVCpu: schemas/* number */.aig(),
        maxConcurrency: schemas/* number */.aig(),
        architecture,
        scaling: schemas/* object */.Ikc({ min: schemas/* number */.aig(), max: schemas/* number */.aig() }).optional(),
        peakFactor: schemas/* number */.aig(),
        savingsPlanDiscount: schemas/* number */.aig(),
        instanceType: schemas/* string */.YjP().optional(),
        instancePrice: schemas/* number */.aig().optional(),
    }),
});
const cost = schemas/* object */.Ikc({
    invocations: schemas/* number */.aig(),
    standard: schemas/* object */.Ikc({ requests: schemas/* number */.aig(), compute: schemas/* number */.aig(), total: schemas/* number */.aig(), gbSeconds: schemas/* number */.aig() }),
    lmi: schemas/* object */.Ikc({
        instanceType: schemas/* string */.YjP(),
        instanceHourly: schemas/* number */.aig(),
        averageConcurrency: schemas/* number */.aig(),
        peakConcurrency: schemas/* number */.aig(),
        environments: schemas/* number */.aig(),
        cappedByMax: schemas/* boolean */.zMY(),
        environmentsPerInstance: schemas/* number */.aig(),
        instances: schemas/* number */.aig(),
        ec2: schemas/* number */.aig(),
        managementFee: schemas/* number */.aig(),
        requests: schemas/* number */.aig(),
        total: schemas/* number */.aig(),
    }),
    lmiMinusStandard: schemas/* number */.aig(),
    cheaper: schemas/* enum */.k5n(['lmi', 'standard']),
    crossoverInvocations: schemas/* number */.aig().nullable(),
    assumptions: schemas/* array */.YOg(schemas/* string */.YjP()),
    input: costInput.optional(),
});
const reportSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(1),
    tool: schemas/* object */.Ikc({ name: schemas/* literal */.euz('lmi-cutover'), version: schemas/* string */.YjP() }),
    run: schemas/* object */.Ikc({
        mode: schemas/* enum */.k5n(domain/* MODES */.FN),
        stackName: schemas/* string */.YjP().min(1),
        region: schemas/* string */.YjP().min(1),
        startedAt: isoTime,
        finishedAt: isoTime.optional(),
        outcome: schemas/* enum */.k5n(['success', 'no-op', 'failure', 'rolled-back']),
        error: schemas/* object */.Ikc({ code: schemas/* string */.YjP(), message: schemas/* string */.YjP() }).optional(),
        trigger: schemas/* object */.Ikc({
            event: schemas/* string */.YjP().optional(),
            sha: schemas/* string */.YjP().optional(),
            ref: schemas/* string */.YjP().optional(),
            runUrl: schemas/* string */.YjP().optional(),
            pullRequest: schemas/* number */.aig().optional(),
        })
            .optional(),
    }),
    route: schemas/* object */.Ikc({ before: route.optional(), after: route.optional() }),
    timeline: schemas/* array */.YOg(schemas/* object */.Ikc({
        stage: schemas/* enum */.k5n([
            'plan',
            'deploy',
            'provision',
            'smoke',
            'load',
            'sweep',
            'cutover',
            'rollback',
            'cleanup',
        ]),
        startedAt: isoTime,
        durationMs: schemas/* number */.aig(),
        outcome: schemas/* enum */.k5n(['passed', 'failed', 'skipped', 'no-op']),
        detail: schemas/* string */.YjP().optional(),
    })),
    plan: schemas/* object */.Ikc({
        changeSetName: schemas/* string */.YjP().optional(),
        changeSetId: schemas/* string */.YjP().optional(),
        changeSetType: schemas/* enum */.k5n(['CREATE', 'UPDATE']),
        stackStatus: schemas/* string */.YjP().optional(),
        changes: schemas/* array */.YOg(resourceChange),
        noChangesReason: schemas/* string */.YjP().optional(),
    })
        .optional(),
    deploy: schemas/* object */.Ikc({
        type: schemas/* enum */.k5n(['did-deploy-stack', 'no-op']),
        stackId: schemas/* string */.YjP(),
        stackStatus: schemas/* string */.YjP(),
        changeSetName: schemas/* string */.YjP().optional(),
        changes: schemas/* array */.YOg(resourceChange),
        outputs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
        durationMs: schemas/* number */.aig(),
    })
        .optional(),
    provisioning: schemas/* object */.Ikc({
        functionName: schemas/* string */.YjP(),
        version: schemas/* string */.YjP(),
        state: schemas/* string */.YjP(),
        stateReasonCode: schemas/* string */.YjP().optional(),
        stateReason: schemas/* string */.YjP().optional(),
        seconds: schemas/* number */.aig(),
        capacityProviderArn: schemas/* string */.YjP().optional(),
        capacityProviderState: schemas/* string */.YjP().optional(),
        confirmedOnly: schemas/* boolean */.zMY(),
    })
        .optional(),
    smoke: schemas/* object */.Ikc({
        checks: schemas/* array */.YOg(schemas/* object */.Ikc({
            name: schemas/* string */.YjP(),
            target: schemas/* enum */.k5n(['lmi', 'standard']),
            version: schemas/* string */.YjP().optional(),
            request: schemas/* string */.YjP(),
            expected: schemas/* string */.YjP(),
            actual: schemas/* string */.YjP(),
            passed: schemas/* boolean */.zMY(),
            durationMs: schemas/* number */.aig(),
        })),
        passed: schemas/* boolean */.zMY(),
    })
        .optional(),
    load: schemas/* object */.Ikc({
        lmi: loadResult,
        standard: loadResult.optional(),
        gates: schemas/* array */.YOg(gate),
        p95Baseline: latencyBaseline.optional(),
        sweep: schemas/* array */.YOg(schemas/* object */.Ikc({
            concurrencyPerEnvironment: schemas/* number */.aig(),
            latency,
            throughputRps: schemas/* number */.aig(),
            errorRate: schemas/* number */.aig(),
            throttles: schemas/* number */.aig(),
            knee: schemas/* boolean */.zMY(),
        }))
            .optional(),
        shards: schemas/* object */.Ikc({
            id: schemas/* string */.YjP().min(1),
            count: schemas/* number */.aig(),
            shard: schemas/* number */.aig().optional(),
            allAtOnce: schemas/* object */.Ikc({ lmi: schemas/* number */.aig(), standard: schemas/* number */.aig().optional() }).optional(),
        })
            .optional(),
    })
        .optional(),
    cutover: schemas/* object */.Ikc({
        steps: schemas/* array */.YOg(schemas/* object */.Ikc({
            percent: schemas/* number */.aig(),
            startedAt: isoTime,
            bakeSeconds: schemas/* number */.aig(),
            probes: schemas/* number */.aig(),
            judgedBy: schemas/* enum */.k5n(['answers', 'metrics']).optional(),
            candidate: stepSide,
            production: stepSide,
            metrics: schemas/* object */.Ikc({
                windowStart: isoTime,
                windowEnd: isoTime,
                periodSeconds: schemas/* number */.aig(),
                candidate: versionMetrics,
                production: versionMetrics,
            })
                .optional(),
            stageAnswers: schemas/* object */.Ikc({ count: schemas/* number */.aig(), failed: schemas/* number */.aig(), latency }).optional(),
            observedCandidatePercent: schemas/* number */.aig(),
            tolerancePercent: schemas/* number */.aig(),
            errorTest: schemas/* object */.Ikc({
                test: schemas/* literal */.euz('fisher-exact-one-sided'),
                alpha: schemas/* number */.aig(),
                detectableRegression: schemas/* number */.aig(),
                minimumSample: schemas/* number */.aig().nullable(),
                candidate: schemas/* object */.Ikc({ errors: schemas/* number */.aig(), count: schemas/* number */.aig() }),
                production: schemas/* object */.Ikc({ errors: schemas/* number */.aig(), count: schemas/* number */.aig() }),
                pValue: schemas/* number */.aig(),
                limitPValue: schemas/* number */.aig().optional(),
                decidedBy: schemas/* enum */.k5n(['test', 'strict']),
            })
                .optional(),
            gates: schemas/* array */.YOg(gate),
            passed: schemas/* boolean */.zMY(),
            reason: schemas/* string */.YjP().optional(),
        })),
        routeChanges: schemas/* array */.YOg(schemas/* object */.Ikc({ at: isoTime, from: route, to: route, why: schemas/* string */.YjP() })),
        promoted: schemas/* boolean */.zMY(),
        rolledBack: schemas/* boolean */.zMY(),
        rollback: schemas/* object */.Ikc({
            reason: schemas/* string */.YjP(),
            at: isoTime,
            verified: schemas/* boolean */.zMY(),
            probes: schemas/* number */.aig(),
            finalRoute: route,
            failure: schemas/* object */.Ikc({ message: schemas/* string */.YjP(), stageState: schemas/* string */.YjP(), manualFix: schemas/* string */.YjP() })
                .optional(),
        })
            .optional(),
        deletedVersions: schemas/* array */.YOg(schemas/* string */.YjP()),
    })
        .optional(),
    cost: cost.optional(),
    links: schemas/* object */.Ikc({
        stack: schemas/* string */.YjP().optional(),
        lmiFunction: schemas/* string */.YjP().optional(),
        standardFunction: schemas/* string */.YjP().optional(),
        api: schemas/* string */.YjP().optional(),
    })
        .optional(),
});
const _schemaMatchesModel = true;
void _schemaMatchesModel;

;// CONCATENATED MODULE: ./src/report/shard-report.ts
// What one shard of a sharded concurrency check leaves for the merge (`shard-report-path`): its
// share of the burst on each side as HDR histograms (merged exactly), the counts, the
// environments it saw by id (so the merge counts distinct ones across shards), the isolation
// read-back, and what `max-p95-ms: auto` needs. Written whether the shard measured or failed,
// read back through this schema, so a foreign or truncated file is never taken for a shard.




const SHARD_REPORT_KIND = 'lmi-cutover-load-shard';
/** A shard report from what a shard run knows at its end: its measurement, or why it has none. */
function shardReport(init) {
    const { end, ...rest } = init;
    return {
        kind: SHARD_REPORT_KIND,
        schemaVersion: 1,
        tool: { name: 'lmi-cutover', version: package_namespaceObject.rE },
        ...rest,
        ...('measurement' in end
            ? { outcome: 'measured', measurement: end.measurement }
            : { outcome: 'failed', error: end.error }),
    };
}
const encoded = schemas/* object */.Ikc({
    histogram: schemas/* string */.YjP(),
    count: schemas/* number */.aig().int().nonnegative(),
    sumMs: schemas/* number */.aig().nonnegative(),
    maxMs: schemas/* number */.aig().nonnegative(),
});
const warm = schemas/* object */.Ikc({
    latency: encoded,
    coldStartsExcluded: schemas/* number */.aig().int().nonnegative(),
    coldStartsKnown: schemas/* boolean */.zMY(),
});
const target = schemas/* object */.Ikc({ functionName: schemas/* string */.YjP().min(1), qualifier: schemas/* string */.YjP().min(1) });
const shard_report_side = schemas/* object */.Ikc({
    result: loadResultSchema,
    accepted: schemas/* number */.aig().int().nonnegative(),
    latency: encoded,
    warm,
    environments: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP().min(1), workers: schemas/* array */.YOg(schemas/* string */.YjP()) })).optional(),
    startedAt: schemas/* number */.aig(),
    endedAt: schemas/* number */.aig(),
    isolationProblems: schemas/* array */.YOg(schemas/* string */.YjP()),
    meanFunctionDurationMs: schemas/* number */.aig().optional(),
});
const share = schemas/* object */.Ikc({ concurrency: schemas/* number */.aig().int().positive(), requests: schemas/* number */.aig().int().positive() });
const shardReportSchema = schemas/* object */.Ikc({
    kind: schemas/* literal */.euz(SHARD_REPORT_KIND),
    schemaVersion: schemas/* literal */.euz(1),
    tool: schemas/* object */.Ikc({ name: schemas/* literal */.euz('lmi-cutover'), version: schemas/* string */.YjP() }),
    check: schemas/* object */.Ikc({
        id: schemas/* string */.YjP().regex(load_shard/* LOAD_SHARD_ID */.KL),
        shard: schemas/* number */.aig().int().positive(),
        shards: schemas/* number */.aig().int().positive(),
    }),
    stackName: schemas/* string */.YjP().min(1),
    region: schemas/* string */.YjP().min(1),
    startedAt: schemas/* string */.YjP().min(1),
    finishedAt: schemas/* string */.YjP().min(1),
    outcome: schemas/* enum */.k5n(['measured', 'failed']),
    error: schemas/* object */.Ikc({ code: schemas/* string */.YjP(), message: schemas/* string */.YjP() }).optional(),
    measurement: schemas/* object */.Ikc({
        runId: schemas/* string */.YjP().min(1),
        candidate: schemas/* object */.Ikc({ lmi: target, standard: target }),
        sizing: share,
        share,
        lmi: shard_report_side,
        standard: shard_report_side,
        baseline: schemas/* object */.Ikc({
            basis: schemas/* enum */.k5n(['production', 'twin']),
            note: schemas/* string */.YjP().optional(),
            target: target.extend({ side: schemas/* enum */.k5n(['lmi', 'standard']) }),
            from: schemas/* enum */.k5n(['lmi', 'standard', 'burst', 'light']),
            burst: schemas/* object */.Ikc({
                concurrency: schemas/* number */.aig().int().nonnegative(),
                requests: schemas/* number */.aig().int().nonnegative(),
                warm,
                candidateWarm: encoded.optional(),
            })
                .optional(),
        })
            .optional(),
    })
        .optional(),
})
    .refine((r) => (r.outcome === 'measured') === (r.measurement !== undefined), {
    message: 'a measured shard carries its measurement, and a failed one none',
})
    .refine((r) => r.check.shard <= r.check.shards, { message: 'check.shard is above check.shards' });
const shard_report_schemaMatchesModel = true;
void shard_report_schemaMatchesModel;

;// CONCATENATED MODULE: ./src/report/shard-json.ts
// Shard reports on disk: a shard writes its own at `shard-report-path`; the merge reads every one
// under `shards-path` (the matrix's artifacts, one sub-folder each). Unlike the waves' folder,
// nothing else belongs there: a file that is not a valid shard report is a problem, never
// skipped, since a shard that cannot be read is not a shard that passed.





/** Writes the shard report as JSON, creating parent directories; atomic, so a reader never sees half a file. */
async function writeShardReportJson(path, report) {
    const json = `${JSON.stringify(report, null, 2)}\n`;
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, json, 'utf8');
    await rename(tmp, path);
    return { path, bytes: Buffer.byteLength(json) };
}
async function readShardReports(dir) {
    let files;
    try {
        const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
        files = entries
            .filter((e) => e.isFile() && e.name.endsWith('.json'))
            .map((e) => (0,external_node_path_.join)(e.parentPath, e.name))
            .sort();
    }
    catch (e) {
        const code = e.code;
        return {
            shards: [],
            problems: [
                code === 'ENOENT'
                    ? `${dir} does not exist: no shard was downloaded there`
                    : `${dir} cannot be read: ${e.message}`,
            ],
        };
    }
    const read = { shards: [], problems: [] };
    if (files.length === 0)
        read.problems.push(`${dir} holds no .json file: no shard report to merge`);
    for (const path of files) {
        const file = (0,external_node_path_.relative)(dir, path);
        const one = await readOne(path);
        if (typeof one === 'string')
            read.problems.push(`${file}: ${one}`);
        else
            read.shards.push({ file, report: one });
    }
    return read;
}
/** The shard report at `path`, or why it is not one. */
async function readOne(path) {
    let data;
    try {
        data = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (e) {
        return `not a JSON file (${e instanceof Error ? e.message : String(e)})`;
    }
    const claims = data;
    if (claims?.kind !== SHARD_REPORT_KIND)
        return `not a shard report (its kind is ${JSON.stringify(claims?.kind ?? null)}, not ${SHARD_REPORT_KIND})`;
    if (claims.schemaVersion !== 1)
        return `shard report schema ${JSON.stringify(claims.schemaVersion)}; this lmi-cutover reads schema 1 (merge with the version the shards ran)`;
    const checked = shardReportSchema.safeParse(data);
    if (!checked.success)
        return `not a valid shard report:\n${core_errors/* prettifyError */.S1(checked.error)}`;
    const report = checked.data;
    const m = report.measurement;
    if (m) {
        for (const [name, part] of [
            ['LMI', m.lmi.latency],
            ['LMI warm', m.lmi.warm.latency],
            ['twin', m.standard.latency],
            ['twin warm', m.standard.warm.latency],
            ...(m.baseline?.burst ? [['baseline', m.baseline.burst.warm.latency]] : []),
            ...(m.baseline?.burst?.candidateWarm ? [['paired', m.baseline.burst.candidateWarm]] : []),
        ]) {
            const problem = (0,latency_histogram/* encodedLatenciesProblem */.wB)(part);
            if (problem)
                return `${name}: ${problem}`;
        }
    }
    return report;
}

// EXTERNAL MODULE: ./src/pipeline/verify/gates.ts
var verify_gates = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/pipeline/verify/load/summary.ts + 1 modules
var summary = __webpack_require__(88009);
;// CONCATENATED MODULE: ./src/pipeline/verify/shards/merge-baseline.ts


/** Production's warm latency and the limit, or why the shards cannot give it. */
function mergeBaseline(shards) {
    const baselines = shards.map((s) => s.measurement.baseline);
    const first = baselines[0];
    if (!first || baselines.some((b) => b === undefined))
        return {
            missing: 'the shards ran with a numeric max-p95-ms, so none measured the latency of the version production serves',
        };
    const all = baselines;
    let warm;
    let sample;
    let candidateWarm = [];
    if (first.from === 'lmi' || first.from === 'standard') {
        const sides = shards.map((s) => s.measurement[first.from]);
        warm = sides.map((s) => s.warm);
        sample = {
            concurrency: sum(sides.map((s) => s.result.concurrency)),
            requests: sum(sides.map((s) => s.result.requests)),
        };
    }
    else {
        const bursts = all.flatMap((b) => (b.burst ? [b.burst] : []));
        warm = bursts.map((b) => b.warm);
        candidateWarm = bursts.flatMap((b) => (b.candidateWarm ? [b.candidateWarm] : []));
        sample = {
            concurrency: sum(bursts.map((b) => b.concurrency)),
            requests: sum(bursts.map((b) => b.requests)),
        };
    }
    return {
        baseline: (0,verify_baseline/* latencyBaselineOf */.JB)({
            target: first.target,
            plan: first,
            sample,
            warm: (0,latency_histogram/* mergeLatencies */.pT)(warm.map((w) => w.latency)),
            coldStartsExcluded: sum(warm.map((w) => w.coldStartsExcluded)),
            coldStartsKnown: warm.every((w) => w.coldStartsKnown),
            ...(candidateWarm.length > 0 ? { candidateWarm: (0,latency_histogram/* mergeLatencies */.pT)(candidateWarm) } : {}),
        }),
    };
}
/**
 * Why the shards' baselines do not belong to one check, or undefined: every shard must have
 * found the same production version and measured it the same way; a burst at production comes
 * from every shard, a light sample from shard 1 alone.
 */
function baselineProblem(shards) {
    const with_ = shards.filter((s) => s.measurement.baseline);
    if (with_.length === 0)
        return undefined;
    if (with_.length !== shards.length)
        return `max-p95-ms auto: shards ${list(with_)} measured production's latency and shards ${list(shards.filter((s) => !s.measurement.baseline))} did not: run every shard with the same max-p95-ms`;
    const key = (b) => `${b.basis} ${b.from} ${b.target.functionName}:${b.target.qualifier}`;
    const keys = new Set(with_.map((s) => key(s.measurement.baseline)));
    if (keys.size > 1)
        return `max-p95-ms auto: the shards found production on different versions (${[...keys].join('; ')}): the stage's route changed while they ran`;
    const from = with_[0].measurement.baseline.from;
    const carrying = with_.filter((s) => s.measurement.baseline.burst);
    if (from === 'burst' && carrying.length !== shards.length)
        return `max-p95-ms auto: shards ${list(shards.filter((s) => !s.measurement.baseline.burst))} carry no burst at production's version`;
    if (from === 'light' && (carrying.length !== 1 || carrying[0].shard !== 1))
        return `max-p95-ms auto: production's light sample must come from shard 1 alone, not from shards ${list(carrying)}`;
    return undefined;
}
const list = (shards) => shards
    .map((s) => s.shard)
    .sort((a, b) => a - b)
    .join(', ');
const sum = (ns) => ns.reduce((a, b) => a + b, 0);

;// CONCATENATED MODULE: ./src/pipeline/verify/shards/merge-side.ts

const MAX_PROBLEMS = 10;
function mergeSide(shards) {
    const sides = shards.map((s) => s.side);
    const results = sides.map((s) => s.result);
    const first = results[0];
    const sum = (f) => results.reduce((n, r) => n + f(r), 0);
    const requests = sum((r) => r.requests);
    const errors = sum((r) => r.errors);
    const throttles = sum((r) => r.throttles);
    const accepted = sides.reduce((n, s) => n + s.accepted, 0);
    const startedAt = Math.min(...sides.map((s) => s.startedAt));
    const endedAt = Math.max(...sides.map((s) => s.endedAt));
    const spanMs = Math.max(0, endedAt - startedAt);
    const overlapMs = Math.max(0, Math.min(...sides.map((s) => s.endedAt)) - Math.max(...sides.map((s) => s.startedAt)));
    const rate = (n) => (requests === 0 ? 0 : n / requests);
    const colds = results.filter((r) => r.coldStarts !== undefined);
    const limited = shards.find((s) => s.side.result.generatorLimited);
    const isolation = mergeIsolation(shards);
    const result = {
        target: first.target,
        functionName: first.functionName,
        qualifier: first.qualifier,
        concurrency: sum((r) => r.concurrency),
        requests,
        latency: (0,latency_histogram/* mergeLatencies */.pT)(sides.map((s) => s.latency)),
        throughputRps: spanMs > 0 ? merge_side_round2(accepted / (spanMs / 1000)) : 0,
        errors,
        errorRate: rate(errors),
        throttles,
        throttleRate: rate(throttles),
        ...environmentFigures(sides),
        ...(colds.length > 0 ? { coldStarts: colds.reduce((n, r) => n + r.coldStarts, 0) } : {}),
        isolation: {
            passed: isolation.passed,
            mismatchedIds: isolation.mismatchedIds,
            stored: isolation.stored,
            expectedStored: isolation.expectedStored,
            duplicates: isolation.duplicates,
        },
        wallMs: Math.round(spanMs),
        // One shard's generator falling behind puts its latencies, and so the merged ones, in doubt.
        ...(limited
            ? {
                generatorLimited: {
                    ...limited.side.result.generatorLimited,
                    reason: `shard ${limited.shard}: ${limited.side.result.generatorLimited.reason}`,
                },
            }
            : {}),
    };
    const timed = sides.filter((s) => s.meanFunctionDurationMs !== undefined);
    const timedRequests = timed.reduce((n, s) => n + s.result.requests, 0);
    return {
        result,
        isolation,
        allAtOnce: spanMs > 0 ? Math.round((overlapMs / spanMs) * 1000) / 1000 : 1,
        ...(timedRequests > 0
            ? {
                meanFunctionDurationMs: merge_side_round2(timed.reduce((n, s) => n + s.meanFunctionDurationMs * s.result.requests, 0) / timedRequests),
            }
            : {}),
    };
}
/**
 * Environments seen by any shard, counted once by id. The peak in flight: the function's own
 * count is the same whichever shard's request read it, so the highest counted is the busiest
 * worker's peak across all shards ('function' only when every environment answered every shard
 * from one named worker); a client-side estimate is per shard, and the highest is a lower bound.
 */
function environmentFigures(sides) {
    if (sides.some((s) => s.environments === undefined))
        return {};
    const workers = new Map();
    for (const s of sides)
        for (const e of s.environments) {
            const seen = workers.get(e.id) ?? new Set();
            for (const w of e.workers)
                seen.add(w);
            workers.set(e.id, seen);
        }
    const peaks = sides.filter((s) => s.result.peakInFlightPerEnvironment !== undefined);
    if (peaks.length === 0)
        return { environments: workers.size };
    const counted = peaks.every((s) => s.result.peakInFlightSource !== 'client-estimate');
    const oneWorkerEach = [...workers.values()].every((w) => w.size === 1 && !w.has(''));
    const source = !counted
        ? 'client-estimate'
        : oneWorkerEach
            ? 'function'
            : 'function-per-worker';
    return {
        environments: workers.size,
        peakInFlightPerEnvironment: Math.max(...peaks.map((s) => s.result.peakInFlightPerEnvironment)),
        peakInFlightSource: source,
    };
}
/** Passed when every shard's passed; counts summed; the first problems, each naming its shard. */
function mergeIsolation(shards) {
    const all = shards.map((s) => s.side.result.isolation);
    const count = (f) => all.reduce((n, i) => n + (i ? f(i) : 0), 0);
    return {
        passed: all.every((i) => i?.passed === true),
        mismatchedIds: count((i) => i.mismatchedIds),
        stored: count((i) => i.stored),
        expectedStored: count((i) => i.expectedStored),
        duplicates: count((i) => i.duplicates),
        problems: shards
            .flatMap((s) => s.side.isolationProblems.map((p) => `shard ${s.shard}: ${p}`))
            .slice(0, MAX_PROBLEMS),
    };
}
const merge_side_round2 = (n) => Math.round(n * 100) / 100;

;// CONCATENATED MODULE: ./src/pipeline/verify/shards/merge.ts




/** The shards added up; SHARDS_REFUSED with every problem when they are not one whole check. */
function mergeShards(read, expected) {
    const problems = [...read.problems, ...wholeCheckProblems(read.shards, expected.stackName)];
    const measured = read.shards.flatMap(({ file, report }) => report.measurement
        ? [{ shard: report.check.shard, count: report.check.shards, file, measurement: report.measurement }]
        : []);
    if (problems.length === 0)
        problems.push(...sameCandidateProblems(measured));
    if (problems.length > 0 || measured.length === 0) {
        throw new errors/* CutoverError */.DB('SHARDS_REFUSED', `The shard reports in ${expected.dir} are not one whole sharded check, so nothing is judged: ` +
            'every shard of 1..N must have measured the same candidate, and each once.', problems);
    }
    const first = read.shards[0].report;
    const byShard = [...measured].sort((a, b) => a.shard - b.shard);
    const side = (k) => mergeSide(byShard.map((m) => ({ shard: m.shard, side: m.measurement[k] })));
    const baseline = mergeBaseline(byShard);
    return {
        id: first.check.id,
        count: first.check.shards,
        stackName: first.stackName,
        region: first.region,
        sizing: byShard[0].measurement.sizing,
        lmi: side('lmi'),
        standard: side('standard'),
        ...('baseline' in baseline ? { baseline: baseline.baseline } : { baselineMissing: baseline.missing }),
    };
}
/** One check id, one N, every shard of 1..N once, none failed, all of this stack. */
function wholeCheckProblems(shards, stackName) {
    if (shards.length === 0)
        return [];
    const problems = [];
    const ids = groupBy(shards, (s) => s.report.check.id);
    if (ids.size > 1)
        problems.push(`the shards belong to ${ids.size} checks (${describeGroups(ids)}): shards sent at different times are not one burst; run every shard of one check together (re-run all the shard jobs, not some)`);
    const counts = groupBy(shards, (s) => String(s.report.check.shards));
    if (counts.size > 1)
        problems.push(`the shards disagree on how many there are (${describeGroups(counts, 'N = ')})`);
    for (const s of shards)
        if (s.report.stackName !== stackName)
            problems.push(`${s.file}: a shard of stack ${s.report.stackName}, not ${stackName}`);
    const count = Math.max(...shards.map((s) => s.report.check.shards));
    const byIndex = groupBy(shards, (s) => String(s.report.check.shard));
    for (let i = 1; i <= count; i++) {
        const found = byIndex.get(String(i)) ?? [];
        if (found.length === 0)
            problems.push(`shard ${i}/${count} is missing: no report of it (its job failed before writing one, was cancelled, or its artifact was not downloaded)`);
        if (found.length > 1)
            problems.push(`shard ${i}/${count} is given ${found.length} times (${found.map((f) => f.file).join(', ')})`);
    }
    for (const s of shards)
        if (s.report.outcome === 'failed')
            problems.push(`shard ${s.report.check.shard}/${s.report.check.shards} failed (${s.file}): [${s.report.error?.code ?? 'UNKNOWN'}] ${s.report.error?.message ?? 'no error recorded'}`);
    return problems;
}
/** The same candidate versions, size, region and production baseline; each share the split's. */
function sameCandidateProblems(measured) {
    const problems = [];
    const candidates = groupBy(measured, ({ measurement: { candidate: c } }) => `LMI ${c.lmi.functionName}:${c.lmi.qualifier}, twin ${c.standard.functionName}:${c.standard.qualifier}`);
    if (candidates.size > 1)
        problems.push(`the shards measured different candidates (${describeGroups(candidates)}): the stack was deployed again while they ran`);
    const sizes = groupBy(measured, ({ measurement: { sizing } }) => `concurrency ${sizing.concurrency}, ${sizing.requests} requests`);
    if (sizes.size > 1)
        problems.push(`the shards split different checks (${describeGroups(sizes)}): give every shard the same concurrency and load-requests`);
    for (const m of measured) {
        const shard = { index: m.shard, count: m.count };
        const want = {
            concurrency: evenShare(m.measurement.sizing.concurrency, shard),
            requests: evenShare(m.measurement.sizing.requests, shard),
        };
        const got = m.measurement.share;
        if (got.concurrency !== want.concurrency || got.requests !== want.requests)
            problems.push(`${m.file}: shard ${m.shard} sent ${got.concurrency} in flight and ${got.requests} requests, not its share (${want.concurrency}, ${want.requests})`);
    }
    const baseline = baselineProblem(measured);
    if (baseline)
        problems.push(baseline);
    return problems;
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items)
        groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return groups;
}
/** `A (shards 1, 2); B (shard 3)`. */
function describeGroups(groups, prefix = '') {
    const shardOf = (x) => 'shard' in x ? x.shard : x.report.check.shard;
    return [...groups]
        .map(([key, members]) => {
        const numbers = members.map(shardOf).sort((a, b) => a - b);
        return `${prefix}${key} (shard${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')})`;
    })
        .join('; ');
}

;// CONCATENATED MODULE: ./src/pipeline/modes/merge.ts
// Mode `merge`: the shard reports of one sharded concurrency check (`shards-path`), refused
// unless they make one whole check, added up and judged as verify judges one runner's check —
// isolation, then max-error-rate, max-p95-ms and max-throttle-rate on the LMI version's merged
// figures — in the report's load stage, so the job summary and the PR comment show the whole
// check. It calls no AWS API: everything it judges was measured by the shards.








/** Below this share of their span with every shard sending, the shards did not run as one burst. */
const AT_ONCE_WARNING = 0.9;
async function mergeMode(ctx, input, shardsPath) {
    const { config, report } = input;
    return report.stage('load', () => ctx.progress.group(`Merge the shard reports in ${shardsPath}`, async () => {
        const read = await readShardReports((0,external_node_path_.resolve)(input.cwd, shardsPath));
        const merged = mergeShards(read, { stackName: config.stackName, dir: shardsPath });
        const { lmi, standard } = merged;
        report.setRegion(merged.region);
        report.load(lmi.result, standard.result);
        report.shards({
            id: merged.id,
            count: merged.count,
            allAtOnce: { lmi: lmi.allAtOnce, standard: standard.allAtOnce },
        });
        for (const side of [lmi, standard])
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardsMerged, `${side.result.functionName}:${side.result.qualifier}, ${merged.count} shards of check ${merged.id}: ${(0,summary/* describeFigures */.p)(side.result)}; isolation ${side.isolation.passed ? 'passed' : 'FAILED'}`);
        warnUnlessAtOnce(ctx, merged);
        const baseline = config.maxP95Ms === 'auto' ? merged.baseline : undefined;
        if (baseline) {
            report.p95Baseline(baseline);
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.baselineLimit, `max-p95-ms ${(0,latency_baseline/* describeBaseline */.F)(baseline)}`);
        }
        else if (config.maxP95Ms === 'auto') {
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.baselineTwin, `max-p95-ms auto: ${merged.baselineMissing ?? 'no production latency'}; give max-p95-ms a number of milliseconds.`);
        }
        const gates = (0,verify_gates/* evaluateGates */.u)(lmi.result, baseline, config);
        report.gates(gates);
        if (!standard.isolation.passed)
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.twinIsolationFailed, `The standard twin failed the isolation check too (${standard.isolation.problems[0] ?? 'see the report'}): the workload itself mixes up requests.`);
        (0,verify_load/* assertIsolation */.Tr)(lmi);
        (0,verify_gates/* assertGatesPassed */.z)(gates, { lmi: lmi.result, baseline });
        return { merge: merged, gates };
    }), ({ merge }) => ({
        detail: `${merge.count} shards: p95 ${merge.lmi.result.latency.p95} ms${merge.lmi.result.environments === undefined ? '' : `, ${merge.lmi.result.environments} environments`}`,
    }));
}
function warnUnlessAtOnce(ctx, merged) {
    for (const [name, side] of [
        ['LMI', merged.lmi],
        ['twin', merged.standard],
    ]) {
        if (side.allAtOnce >= AT_ONCE_WARNING)
            continue;
        ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.shardsNotAtOnce, `The ${merged.count} shards' ${name} bursts all ran at once for only ${Math.round(side.allAtOnce * 100)} % of their ${(side.result.wallMs / 1000).toFixed(1)} s span: ` +
            `for the rest fewer than ${side.result.concurrency} requests were in flight. Start the shards together (one matrix, enough runners).`);
    }
}

;// CONCATENATED MODULE: ./src/pipeline/run.ts
// One run, for the Action and the CLI alike: config → report → context → mode → finished
// report, whatever happens. The adapters only read their inputs before and publish the report
// after; everything between lives here, once.















function createPipelineContext(options) {
    const { config } = options;
    return {
        progress: options.progress,
        clock: options.clock ?? core_clock/* systemClock */.m,
        signal: options.signal,
        aws: new clients/* AwsClients */.cE({
            ...options.aws,
            region: config.region,
            endpointUrl: config.endpointUrl,
            loadWorkers: config.loadWorkers,
        }),
    };
}
/** The configured mode, run against a context the caller owns (tests and the e2e harness). */
async function runPipeline(ctx, config, options = {}) {
    const report = options.report ?? new ReportBuilder({ mode: config.mode, stackName: config.stackName, clock: ctx.clock });
    // Fail before any work when no region is configured anywhere; a merge calls no AWS API and
    // takes its region from the shards.
    if (config.mode !== 'merge')
        report.setRegion(await ctx.aws.region());
    const input = {
        config,
        cwd: options.cwd ?? process.cwd(),
        report,
        runId: options.verify?.runId ?? (0,request/* newRunId */.F$)(),
        options,
    };
    switch (config.mode) {
        case 'plan':
            return { mode: 'plan', ...(await planMode(ctx, input)) };
        case 'deploy':
            return { mode: 'deploy', ...(await deployMode(ctx, input)) };
        case 'verify':
            if (config.loadShard)
                return { mode: 'load-shard', ...(await loadShardMode(ctx, input, config.loadShard)) };
            return { mode: 'verify', ...(await verifyMode(ctx, input)) };
        case 'cutover':
            return {
                mode: 'cutover',
                ...(await cutoverMode(ctx, report, config, {
                    ...options,
                    cwd: input.cwd,
                    verify: { ...options.verify, runId: input.runId },
                })),
            };
        case 'full':
            return { mode: 'full', ...(await fullMode(ctx, input)) };
        case 'rollback':
            return {
                mode: 'rollback',
                rollback: await rollbackMode(ctx, report, config, {
                    cwd: input.cwd,
                    onRouteState: options.onRouteState,
                    runId: input.runId,
                }),
            };
        case 'merge':
            return { mode: 'merge', ...(await mergeMode(ctx, input, config.shardsPath)) };
    }
}
/** Runs the configured mode and finishes its report; never throws for a failed run. */
async function runOnce(options) {
    const { config } = options;
    const clock = options.clock ?? core_clock/* systemClock */.m;
    const report = new ReportBuilder({
        mode: config.mode,
        stackName: config.stackName,
        clock,
        region: config.region,
        trigger: options.trigger,
        onUpdate: options.onReportUpdate,
    });
    let ctx;
    const shard = shardReporter(config, clock);
    try {
        options.guard?.();
        report.announce();
        ctx = createPipelineContext({ ...options, clock });
        const result = await runPipeline(ctx, config, { ...options, report });
        report.finish({ outcome: pipelineOutcome(result) });
        const measurement = result.mode === 'load-shard' ? result.shard.measurement : undefined;
        return { report, result, ...shard(report, measurement ? { measurement } : undefined) };
    }
    catch (e) {
        const failed = failedRun(report, e);
        const { code, message } = failed.failure;
        return { report, ...failed, ...shard(report, { error: { code, message } }) };
    }
    finally {
        ctx?.aws.destroy();
    }
}
/** The shard report of a load shard's run, however it ended; nothing for any other run. */
function shardReporter(config, clock) {
    const startedAt = new Date(clock.now()).toISOString();
    return (report, end) => {
        const s = config.loadShard;
        if (!s || !end)
            return {};
        return {
            shardReport: shardReport({
                check: { id: s.id, shard: s.index, shards: s.count },
                stackName: config.stackName,
                region: report.report.run.region,
                startedAt,
                finishedAt: new Date(clock.now()).toISOString(),
                end,
            }),
        };
    };
}
/**
 * Finishes the report of a run that failed. A cutover that failed but put production back on
 * the twin says `rolled-back`, so the headline tells the reader that traffic is safe first.
 */
function failedRun(report, error) {
    const failure = (0,core_failure/* asCutoverError */.l)(error);
    report.finish({
        error: { code: failure.code, message: failure.message },
        rolledBack: error instanceof CutoverFailedError && error.section.rolledBack,
    });
    return { failure, error };
}
/** The report's outcome for a pipeline that finished. */
function pipelineOutcome(result) {
    switch (result.mode) {
        case 'plan':
            return result.plan.type === 'no-changes' ? 'no-op' : 'success';
        case 'deploy':
            return result.deploy.type === 'no-op' ? 'no-op' : 'success';
        case 'verify':
            return 'success';
        case 'cutover':
            return result.cutover.outcome.type === 'no-op' ? 'no-op' : 'success';
        case 'full':
            return result.deploy.type === 'no-op' && result.cutover.outcome.type === 'no-op' ? 'no-op' : 'success';
        case 'rollback':
            return result.rollback.type === 'no-op' ? 'no-op' : 'success';
        case 'load-shard':
        case 'merge':
            return 'success';
    }
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
