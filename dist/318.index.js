export const id = 318;
export const ids = [318];
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

/***/ 91327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ reportSchema),
/* harmony export */   l: () => (/* binding */ loadResultSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45586);
/* harmony import */ var _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26832);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25179);
// The Report's shape as a zod schema, so a report read back from disk (by the post step, or a
// later job) is checked before anything trusts it. The type assertion at the bottom fails
// `tsc` if this schema and model.ts drift apart.



const isoTime = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1);
const route = _core_route_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .routeSchema */ .l;
const latency = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    p50: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    p95: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    p99: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    max: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    mean: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
});
const gate = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n([
        'max-error-rate',
        'max-p95-ms',
        'max-throttle-rate',
        'split-tolerance',
        'alarms',
        'stage-answers',
    ]),
    limit: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]),
    actual: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]),
    passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
});
const latencyBaseline = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    side: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['lmi', 'standard']),
    functionName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    qualifier: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    basis: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['production', 'twin']),
    note: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    sample: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ concurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), requests: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() }),
    warm: latency,
    candidateWarm: latency.optional(),
    coldStartsExcluded: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    coldStartsKnown: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    factor: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    limitMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
});
const loadResultSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    target: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['lmi', 'standard']),
    functionName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    qualifier: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    concurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    requests: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    latency,
    throughputRps: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    errorRate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    throttles: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    throttleRate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    environments: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    peakInFlightPerEnvironment: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    peakInFlightSource: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['function', 'function-per-worker', 'client-estimate']).optional(),
    coldStarts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    isolation: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        mismatchedIds: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        stored: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        expectedStored: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        duplicates: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    })
        .optional(),
    wallMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    generatorLimited: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        eventLoopBusy: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        cpuMsPerRequest: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        eventLoopDelayMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
        reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    })
        .optional(),
});
const loadResult = loadResultSchema;
const stepSide = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    latency: latency.partial().required({ count: true, p50: true, p95: true }),
});
const versionMetrics = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    invocations: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    throttles: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    durationP50Ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    durationP95Ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    partial: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
});
const architecture = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['x86_64', 'arm64']);
const resourceChange = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    logicalId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    physicalId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    action: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['Add', 'Modify', 'Remove', 'Import', 'Dynamic']),
    replacement: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['True', 'False', 'Conditional']).optional(),
    recreatedBy: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ property: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), when: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['Always', 'Conditionally']) }))
        .optional(),
    policyAction: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    risk: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
const costInput = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    invocations: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    standard: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), memoryMb: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), freeTier: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional() }),
    lmi: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        memoryMb: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        memoryGiBPerVCpu: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        maxConcurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        architecture,
        scaling: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ min: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), max: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() }).optional(),
        peakFactor: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        savingsPlanDiscount: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        instanceType: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        instancePrice: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    }),
});
const cost = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    invocations: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    standard: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ requests: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), compute: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), total: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), gbSeconds: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() }),
    lmi: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        instanceType: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        instanceHourly: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        averageConcurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        peakConcurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        environments: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        cappedByMax: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        environmentsPerInstance: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        instances: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        ec2: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        managementFee: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        requests: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        total: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    }),
    lmiMinusStandard: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    cheaper: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['lmi', 'standard']),
    crossoverInvocations: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable(),
    assumptions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    input: costInput.optional(),
});
const reportSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('lmi-cutover'), version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }),
    run: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .MODES */ .FN),
        stackName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        region: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        startedAt: isoTime,
        finishedAt: isoTime.optional(),
        outcome: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['success', 'no-op', 'failure', 'rolled-back']),
        error: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ code: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }).optional(),
        trigger: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            event: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            runUrl: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            pullRequest: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
        })
            .optional(),
    }),
    route: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ before: route.optional(), after: route.optional() }),
    timeline: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        stage: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n([
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
        durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        outcome: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['passed', 'failed', 'skipped', 'no-op']),
        detail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    })),
    plan: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        changeSetName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        changeSetId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        changeSetType: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['CREATE', 'UPDATE']),
        stackStatus: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        changes: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(resourceChange),
        noChangesReason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    })
        .optional(),
    deploy: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        type: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['did-deploy-stack', 'no-op']),
        stackId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        stackStatus: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        changeSetName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        changes: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(resourceChange),
        outputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
        durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    })
        .optional(),
    provisioning: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        functionName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        state: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        stateReasonCode: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        stateReason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        seconds: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        capacityProviderArn: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        capacityProviderState: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        confirmedOnly: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    })
        .optional(),
    smoke: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        checks: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
            target: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['lmi', 'standard']),
            version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            request: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
            expected: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
            actual: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
            passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
            durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
        })),
        passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    })
        .optional(),
    load: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        lmi: loadResult,
        standard: loadResult.optional(),
        gates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gate),
        p95Baseline: latencyBaseline.optional(),
        sweep: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            concurrencyPerEnvironment: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            latency,
            throughputRps: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            errorRate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            throttles: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            knee: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        }))
            .optional(),
        shards: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
            count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            shard: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
            allAtOnce: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ lmi: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), standard: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional() }).optional(),
        })
            .optional(),
    })
        .optional(),
    cutover: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        steps: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            percent: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            startedAt: isoTime,
            bakeSeconds: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            probes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            judgedBy: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['answers', 'metrics']).optional(),
            candidate: stepSide,
            production: stepSide,
            metrics: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                windowStart: isoTime,
                windowEnd: isoTime,
                periodSeconds: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
                candidate: versionMetrics,
                production: versionMetrics,
            })
                .optional(),
            stageAnswers: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), failed: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), latency }).optional(),
            observedCandidatePercent: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            tolerancePercent: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            errorTest: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                test: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('fisher-exact-one-sided'),
                alpha: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
                detectableRegression: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
                minimumSample: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable(),
                candidate: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() }),
                production: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() }),
                pValue: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
                limitPValue: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
                decidedBy: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['test', 'strict']),
            })
                .optional(),
            gates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gate),
            passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
            reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        })),
        routeChanges: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ at: isoTime, from: route, to: route, why: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() })),
        promoted: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        rolledBack: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        rollback: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
            at: isoTime,
            verified: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
            probes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
            finalRoute: route,
            failure: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), stageState: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), manualFix: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() })
                .optional(),
        })
            .optional(),
        deletedVersions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    })
        .optional(),
    cost: cost.optional(),
    links: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        stack: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        lmiFunction: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        standardFunction: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        api: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    })
        .optional(),
});
const _schemaMatchesModel = true;
void _schemaMatchesModel;


/***/ }),

/***/ 15181:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ writeShardReportJson),
/* harmony export */   o: () => (/* binding */ readShardReports)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37428);
/* harmony import */ var _core_latency_histogram_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46514);
/* harmony import */ var _shard_report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21705);
// Shard reports on disk: a shard writes its own at `shard-report-path`; the merge reads every one
// under `shards-path` (the matrix's artifacts, one sub-folder each). Unlike the waves' folder,
// nothing else belongs there: a file that is not a valid shard report is a problem, never
// skipped, since a shard that cannot be read is not a shard that passed.





/** Writes the shard report as JSON, creating parent directories; atomic, so a reader never sees half a file. */
async function writeShardReportJson(path, report) {
    const json = `${JSON.stringify(report, null, 2)}\n`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(tmp, json, 'utf8');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(tmp, path);
    return { path, bytes: Buffer.byteLength(json) };
}
async function readShardReports(dir) {
    let files;
    try {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { recursive: true, withFileTypes: true });
        files = entries
            .filter((e) => e.isFile() && e.name.endsWith('.json'))
            .map((e) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name))
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
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(dir, path);
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
        data = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8'));
    }
    catch (e) {
        return `not a JSON file (${e instanceof Error ? e.message : String(e)})`;
    }
    const claims = data;
    if (claims?.kind !== _shard_report_js__WEBPACK_IMPORTED_MODULE_3__/* .SHARD_REPORT_KIND */ .dK)
        return `not a shard report (its kind is ${JSON.stringify(claims?.kind ?? null)}, not ${_shard_report_js__WEBPACK_IMPORTED_MODULE_3__/* .SHARD_REPORT_KIND */ .dK})`;
    if (claims.schemaVersion !== 1)
        return `shard report schema ${JSON.stringify(claims.schemaVersion)}; this lmi-cutover reads schema 1 (merge with the version the shards ran)`;
    const checked = _shard_report_js__WEBPACK_IMPORTED_MODULE_3__/* .shardReportSchema */ .cG.safeParse(data);
    if (!checked.success)
        return `not a valid shard report:\n${zod__WEBPACK_IMPORTED_MODULE_4__/* .prettifyError */ .S1(checked.error)}`;
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
            const problem = (0,_core_latency_histogram_js__WEBPACK_IMPORTED_MODULE_2__/* .encodedLatenciesProblem */ .wB)(part);
            if (problem)
                return `${name}: ${problem}`;
        }
    }
    return report;
}


/***/ }),

/***/ 21705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ shardReport),
/* harmony export */   cG: () => (/* binding */ shardReportSchema),
/* harmony export */   dK: () => (/* binding */ SHARD_REPORT_KIND)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(45586);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8330);
/* harmony import */ var _config_load_shard_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(56097);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91327);
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
        tool: { name: 'lmi-cutover', version: _package_json__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE },
        ...rest,
        ...('measurement' in end
            ? { outcome: 'measured', measurement: end.measurement }
            : { outcome: 'failed', error: end.error }),
    };
}
const encoded = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    histogram: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    sumMs: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nonnegative(),
    maxMs: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nonnegative(),
});
const warm = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    latency: encoded,
    coldStartsExcluded: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    coldStartsKnown: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
});
const target = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ functionName: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1), qualifier: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1) });
const side = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    result: _schema_js__WEBPACK_IMPORTED_MODULE_1__/* .loadResultSchema */ .l,
    accepted: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    latency: encoded,
    warm,
    environments: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1), workers: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()) })).optional(),
    startedAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(),
    endedAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(),
    isolationProblems: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    meanFunctionDurationMs: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
});
const share = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ concurrency: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().positive(), requests: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().positive() });
const shardReportSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(SHARD_REPORT_KIND),
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('lmi-cutover'), version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }),
    check: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(_config_load_shard_js__WEBPACK_IMPORTED_MODULE_3__/* .LOAD_SHARD_ID */ .KL),
        shard: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().positive(),
        shards: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().positive(),
    }),
    stackName: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    region: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    startedAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    finishedAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    outcome: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['measured', 'failed']),
    error: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ code: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }).optional(),
    measurement: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        runId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
        candidate: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ lmi: target, standard: target }),
        sizing: share,
        share,
        lmi: side,
        standard: side,
        baseline: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
            basis: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['production', 'twin']),
            note: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            target: target.extend({ side: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['lmi', 'standard']) }),
            from: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['lmi', 'standard', 'burst', 'light']),
            burst: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
                concurrency: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
                requests: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
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
const _schemaMatchesModel = true;
void _schemaMatchesModel;


/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = {"rE":"0.1.0"};

/***/ })

};
