export const id = 571;
export const ids = [571];
export const modules = {

/***/ 39053:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ describeBaseline)
/* harmony export */ });
function describeBaseline(b) {
    const version = `${b.side === 'lmi' ? 'LMI' : 'standard'} ${b.functionName}:${b.qualifier}`;
    const whose = b.basis === 'production' ? `production (${version})` : `the standard twin (${version})`;
    const cold = b.coldStartsKnown
        ? `${b.warm.count} warm invocation${b.warm.count === 1 ? '' : 's'}, ${b.coldStartsExcluded} cold start${b.coldStartsExcluded === 1 ? '' : 's'} left out`
        : `${b.warm.count} invocations, cold starts unknown (no REPORT lines)`;
    return (`auto: ${b.factor} × the warm p95 of ${whose}, ${b.warm.p95} ms (${cold}) = ${b.limitMs} ms` +
        (b.note ? `; ${b.note}` : '') +
        (b.candidateWarm ? `; the candidate's warm p95 there: ${b.candidateWarm.p95} ms (the gate's figure)` : ''));
}


/***/ }),

/***/ 46514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pT: () => (/* binding */ mergeLatencies),
/* harmony export */   rk: () => (/* binding */ encodeLatencies),
/* harmony export */   wB: () => (/* binding */ encodedLatenciesProblem)
/* harmony export */ });
/* unused harmony export LatencyRecorder */
/* harmony import */ var hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32960);
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38796);
// Latencies recorded in more than one place — the load workers of one burst, the shards of one
// concurrency check on other runners — and added up: each place records its own in an HDR
// histogram set up as summarizeLatencies sets up its own (stats.ts latencyHistogram), plus the
// exact count, sum and maximum. Adding HDR histograms adds their bucket counts, so the merged
// percentiles are those of one histogram of every latency: the LatencySummary is the one
// summarizeLatencies gives for all the samples.


class LatencyRecorder {
    #histogram = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .latencyHistogram */ .r5)();
    #count = 0;
    #sumMs = 0;
    #maxMs = 0;
    record(ms) {
        this.#histogram.recordValue((0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .latencyMicros */ .Oc)(ms));
        this.#count++;
        this.#sumMs += ms;
        this.#maxMs = Math.max(this.#maxMs, ms);
    }
    /** The latencies so far; the recorder is spent after this. */
    encode() {
        try {
            return {
                histogram: hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeIntoCompressedBase64 */ .dH(this.#histogram),
                count: this.#count,
                sumMs: this.#sumMs,
                maxMs: this.#maxMs,
            };
        }
        finally {
            this.#histogram.destroy();
        }
    }
}
/** Latencies already in hand, encoded. */
function encodeLatencies(latenciesMs) {
    const recorder = new LatencyRecorder();
    for (const ms of latenciesMs)
        recorder.record(ms);
    return recorder.encode();
}
/**
 * Why these encoded latencies cannot be merged — the histogram does not decode, or holds another
 * number of values than `count` says — or undefined when they can. For latencies read from a
 * file another process wrote.
 */
function encodedLatenciesProblem(part) {
    let h;
    try {
        h = hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeFromCompressedBase64 */ .Vc(part.histogram);
    }
    catch (e) {
        return `its latency histogram does not decode (${e instanceof Error ? e.message : String(e)})`;
    }
    try {
        if (h.totalCount !== part.count)
            return `its latency histogram holds ${h.totalCount} values, but its count says ${part.count}`;
        return undefined;
    }
    finally {
        h.destroy();
    }
}
function mergeLatencies(parts) {
    const count = parts.reduce((n, p) => n + p.count, 0);
    if (count === 0)
        return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    const merged = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .latencyHistogram */ .r5)();
    try {
        for (const part of parts) {
            if (part.count === 0)
                continue;
            const h = hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeFromCompressedBase64 */ .Vc(part.histogram);
            merged.add(h);
            h.destroy();
        }
        const at = (p) => round(merged.getValueAtPercentile(p) / 1000);
        return {
            count,
            p50: at(50),
            p95: at(95),
            p99: at(99),
            max: round(Math.max(...parts.map((p) => p.maxMs))),
            mean: round(parts.reduce((s, p) => s + p.sumMs, 0) / count),
        };
    }
    finally {
        merged.destroy();
    }
}
const round = (n) => Math.round(n * 100) / 100;


/***/ }),

/***/ 38796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oc: () => (/* binding */ latencyMicros),
/* harmony export */   _q: () => (/* binding */ summarizeLatencies),
/* harmony export */   r5: () => (/* binding */ latencyHistogram)
/* harmony export */ });
/* harmony import */ var hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32960);

/**
 * The one HDR histogram every latency figure is read from: microseconds from 1 µs to an hour, 3
 * significant digits. Histograms built alike add up exactly (core/latency-histogram.ts).
 */
const latencyHistogram = () => hdr_histogram_js__WEBPACK_IMPORTED_MODULE_0__/* .build */ .jq({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
});
/** A latency in ms as the histogram records it: whole microseconds, at least 1. */
const latencyMicros = (ms) => Math.max(1, Math.round(ms * 1000));
/**
 * Percentiles of latencies in milliseconds through an HDR histogram: recorded in microseconds
 * with 3 significant digits, so a p99 of 212.4 ms is exact to within 0.1 %.
 */
function summarizeLatencies(latenciesMs) {
    if (latenciesMs.length === 0)
        return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    const histogram = latencyHistogram();
    try {
        for (const ms of latenciesMs)
            histogram.recordValue(latencyMicros(ms));
        const at = (p) => round(histogram.getValueAtPercentile(p) / 1000);
        return {
            count: latenciesMs.length,
            p50: at(50),
            p95: at(95),
            p99: at(99),
            max: round(Math.max(...latenciesMs)),
            mean: round(latenciesMs.reduce((a, b) => a + b, 0) / latenciesMs.length),
        };
    }
    finally {
        histogram.destroy();
    }
}
const round = (n) => Math.round(n * 100) / 100;


/***/ }),

/***/ 84507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ lmiMonthlyCost)
/* harmony export */ });
/* unused harmony export CostInputError */
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51295);

const SECONDS_PER_MONTH = _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .HOURS_PER_MONTH */ .x4 * 3600;
class CostInputError extends Error {
}
function resolveInstance(input) {
    const name = input.instanceType ?? _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_INSTANCE_TYPE */ .lo[input.architecture];
    const known = _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .INSTANCE_TYPES */ .qA[name];
    if (!known) {
        throw new CostInputError(`instance-type: "${name}" is not in the price table (${Object.keys(_prices_js__WEBPACK_IMPORTED_MODULE_0__/* .INSTANCE_TYPES */ .qA).join(', ')}); ` +
            'pick one of those or give its vCPUs and memory through a known type plus instance-price');
    }
    return {
        name,
        type: input.instancePrice === undefined ? known : { ...known, hourly: input.instancePrice },
    };
}
/**
 * LMI per month: the fleet runs all month whatever the traffic, so the cost is instances × hours,
 * where the instance count comes from the measured demand and never drops below three.
 */
function lmiMonthlyCost(input) {
    const { name, type } = resolveInstance(input);
    const envVcpus = input.memoryMb / 1024 / input.memoryGiBPerVCpu;
    const envMemoryGiB = input.memoryMb / 1024;
    const environmentsPerInstance = Math.min(Math.floor(type.vcpus / envVcpus), Math.floor(type.memoryGiB / envMemoryGiB));
    if (environmentsPerInstance < 1) {
        throw new CostInputError(`instance-type: ${name} (${type.vcpus} vCPU, ${type.memoryGiB} GiB) cannot hold one execution environment ` +
            `of ${envMemoryGiB} GiB and ${envVcpus} vCPU; pick a larger instance type`);
    }
    // Little's law: average in-flight invocations = arrival rate × time in the system.
    const averageConcurrency = (input.invocations / SECONDS_PER_MONTH) * (input.durationMs / 1000);
    const peakConcurrency = averageConcurrency * input.peakFactor;
    const wanted = Math.ceil(peakConcurrency / input.maxConcurrency);
    const min = input.scaling?.min ?? _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LMI_MIN_INSTANCES */ .$z;
    const max = input.scaling?.max ?? Number.POSITIVE_INFINITY;
    const environments = Math.max(min, Math.min(max, wanted), 1);
    const cappedByMax = wanted > max;
    const instances = Math.max(_prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LMI_MIN_INSTANCES */ .$z, Math.ceil(environments / environmentsPerInstance));
    const onDemand = instances * _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .HOURS_PER_MONTH */ .x4 * type.hourly;
    const ec2 = onDemand * (1 - input.savingsPlanDiscount);
    const managementFee = onDemand * _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LMI_MANAGEMENT_FEE */ .Ee;
    const requests = (input.invocations / 1e6) * _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LMI_REQUEST_PRICE_PER_MILLION */ .Gl;
    return {
        instanceType: name,
        instanceHourly: type.hourly,
        averageConcurrency,
        peakConcurrency,
        environments,
        cappedByMax,
        environmentsPerInstance,
        instances,
        ec2,
        managementFee,
        requests,
        total: ec2 + managementFee + requests,
    };
}


/***/ }),

/***/ 49632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ standardMonthlyCost)
/* harmony export */ });
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51295);

/** Standard Lambda per month: requests + GB-seconds through the volume tiers. */
function standardMonthlyCost(input) {
    const gbSecondsUsed = input.invocations * (input.durationMs / 1000) * (input.memoryMb / 1024);
    const billableGbSeconds = Math.max(0, gbSecondsUsed - (input.freeTier ? _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LAMBDA_FREE_TIER */ .UY.gbSeconds : 0));
    const billableRequests = Math.max(0, input.invocations - (input.freeTier ? _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LAMBDA_FREE_TIER */ .UY.requests : 0));
    let compute = 0;
    let tierStart = 0;
    for (const tier of _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LAMBDA_GB_SECOND_TIERS */ .ZS[input.architecture]) {
        const inTier = Math.min(billableGbSeconds, tier.upTo) - tierStart;
        if (inTier <= 0)
            break;
        compute += inTier * tier.price;
        tierStart = tier.upTo;
    }
    const requests = (billableRequests / 1e6) * _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .LAMBDA_REQUEST_PRICE_PER_MILLION */ .JO;
    return { requests, compute, total: requests + compute, gbSeconds: gbSecondsUsed };
}


/***/ }),

/***/ 55973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proberFor: () => (/* binding */ proberFor)
/* harmony export */ });
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _pipeline_modes_checks_shift_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42546);
/* harmony import */ var _pipeline_traffic_stage_prober_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73475);
/* harmony import */ var _pipeline_webhook_request_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1481);
/* harmony import */ var _pipeline_webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(10876);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40551);
// The probes that prove the post step's repair (post.ts loads this only when it repairs).






/**
 * Probes prove the repair: signed webhooks, or the checks file's load request for an app that
 * brought one. Without the stage URL or the secret the repair still happens.
 */
async function proberFor(ctx, state, probeRate) {
    if (state.checksFile) {
        return (0,_pipeline_modes_checks_shift_js__WEBPACK_IMPORTED_MODULE_1__/* .checksRollbackProbing */ .H)(ctx, {
            cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
            checksFile: state.checksFile,
            stageUrl: state.stageUrl,
            lmiFunctionName: state.lmiFunctionName,
            runId: (0,_pipeline_webhook_request_js__WEBPACK_IMPORTED_MODULE_3__/* .newRunId */ .F$)(),
            probeRate,
        });
    }
    if (!state.stageUrl || !state.secretParameter)
        return undefined;
    try {
        const secrets = await (0,_pipeline_webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__/* .readSigningSecret */ .y)(ctx, state.secretParameter);
        return {
            prober: (0,_pipeline_traffic_stage_prober_js__WEBPACK_IMPORTED_MODULE_2__/* .createStageProber */ .F6)({
                stageUrl: state.stageUrl,
                secrets,
                runId: (0,_pipeline_webhook_request_js__WEBPACK_IMPORTED_MODULE_3__/* .newRunId */ .F$)(),
                connections: (0,_pipeline_traffic_stage_prober_js__WEBPACK_IMPORTED_MODULE_2__/* .probeConnections */ .k_)(probeRate),
            }),
        };
    }
    catch (e) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .GITHUB_MESSAGES */ .R.postUnverified, `${_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .POST_PREFIX */ .g} the repair cannot be verified by probes: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`);
        return undefined;
    }
}


/***/ })

};
