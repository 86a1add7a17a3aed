export const id = 679;
export const ids = [679];
export const modules = {

/***/ 76679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sy: () => (/* binding */ CutoverFailedError),
  Ht: () => (/* binding */ cutoverOutputs),
  n6: () => (/* binding */ shiftToCandidate)
});

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/core/domain.ts
var domain = __webpack_require__(25179);
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

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/pipeline/traffic/routable.ts
var routable = __webpack_require__(53264);
// EXTERNAL MODULE: ./src/pipeline/traffic/rollback.ts
var rollback = __webpack_require__(42610);
// EXTERNAL MODULE: ./src/pipeline/traffic/route.ts + 1 modules
var route = __webpack_require__(66975);
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
    const initial = await (0,route/* readRoute */.S9)(ctx, ref);
    const before = initial.route;
    const candidate = deps.candidate;
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.routeRead, `Route of ${(0,route/* where */._M)(ref)}: ${(0,domain/* describeRoute */.fx)(before)}.`);
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
        throw new errors/* CutoverError */.DB('ROUTE_MID_CANARY', `${(0,route/* where */._M)(ref)} has a canary of ${before.percent} % to ${before.candidate ? (0,domain/* versionLabel */.dp)(before.candidate) : 'another version'}, ` +
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
        const back = (0,route/* wayBack */.lZ)(initial.state, ref);
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
    run.current = await (0,route/* readRoute */.S9)(ctx, run.deps.stage);
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
    throw new CutoverFailedError('CUTOVER_FAILED', `The leftover canary on ${(0,route/* where */._M)(run.deps.stage)} was rolled back, but probes did not confirm that all traffic reaches ${(0,domain/* versionLabel */.dp)(run.production)}; the cutover did not start again.`, [], section, { kind: run.production.side, target: run.production }, before);
}
/** Sets the canary, bakes it and judges it; StepFailed when a gate failed. */
async function canaryStep(run, percent, label) {
    const { ctx, deps, o } = run;
    throwIfCancelled(run.signal);
    await deps.onRouteIntent?.({ kind: 'canary', percent, base: run.production, candidate: deps.candidate });
    await record(run, await (0,route/* setCanary */.zu)(ctx, deps.stage, run.current, deps.candidate, percent, `${label}: ${percent} % of traffic to ${(0,domain/* versionLabel */.dp)(deps.candidate)}`));
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
    await record(run, await (0,route/* promoteCanary */.zG)(ctx, deps.stage, run.current, wayBackAfter, 'promote: every canary step passed'));
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
