export const id = 885;
export const ids = [885];
export const modules = {

/***/ 83817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SV: () => (/* binding */ ALARM_NAMES_PER_CALL),
/* harmony export */   ZH: () => (/* binding */ getMetricData),
/* harmony export */   o7: () => (/* binding */ describeAlarmsByName)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44085);
// The CloudWatch calls of the canary gates: the alarms named in `alarm-names`, metric and
// composite alike, 100 names per call as DescribeAlarms allows; and the Lambda metrics of the
// versions a canary splits traffic between (GetMetricData, every page).

/** DescribeAlarms accepts at most 100 names per call. */
const ALARM_NAMES_PER_CALL = 100;
/** The alarms with these names that exist; a name with no alarm is simply absent. */
async function describeAlarmsByName(cloudWatch, names) {
    const found = [];
    for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
        const chunk = names.slice(i, i + ALARM_NAMES_PER_CALL);
        let NextToken;
        do {
            const res = await cloudWatch.send(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_0__/* .DescribeAlarmsCommand */ .zWD({
                AlarmNames: chunk,
                AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
                MaxRecords: ALARM_NAMES_PER_CALL,
                NextToken,
            }));
            found.push(...(res.MetricAlarms ?? []), ...(res.CompositeAlarms ?? []));
            NextToken = res.NextToken;
        } while (NextToken);
    }
    return found;
}
/** GetMetricData over a window, every page read; the queries' ids as keys. */
async function getMetricData(cloudWatch, input) {
    const out = new Map();
    let NextToken;
    do {
        const res = await cloudWatch.send(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_0__/* .GetMetricDataCommand */ .Soe({ ...input, NextToken }));
        for (const r of res.MetricDataResults ?? []) {
            if (!r.Id)
                continue;
            const seen = out.get(r.Id) ?? { id: r.Id, values: [], timestamps: [], partial: false };
            out.set(r.Id, {
                id: r.Id,
                values: [...seen.values, ...(r.Values ?? [])],
                timestamps: [...seen.timestamps, ...(r.Timestamps ?? [])],
                partial: seen.partial || r.StatusCode === 'PartialData',
            });
        }
        NextToken = res.NextToken;
    } while (NextToken);
    return out;
}


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

/***/ 88353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OUTPUTS: () => (/* binding */ OUTPUTS),
/* harmony export */   setPipelineOutputs: () => (/* binding */ setPipelineOutputs),
/* harmony export */   setReportOutputs: () => (/* binding */ setReportOutputs),
/* harmony export */   setRouteOutputs: () => (/* binding */ setRouteOutputs)
/* harmony export */ });
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40551);
/* harmony import */ var _pipeline_traffic_cutover_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76679);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _pipeline_traffic_rollback_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(42610);
/* harmony import */ var _report_markdown_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73807);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25179);






/** Declared in action.yml; a stack output with one of these names is not copied. */
const OUTPUTS = {
    'stack-id': 'ARN of the deployed (or, for plan, the planned) stack.',
    'stack-status': 'Stack status after the deployment, for example CREATE_COMPLETE or UPDATE_COMPLETE.',
    'no-op': '`true` when the change set was empty and nothing was deployed (plan: nothing to change), else `false`.',
    'change-count': 'Number of resource changes in the executed (plan: the planned) change set (0 for a no-op).',
    'change-set-name': 'The change set this run executed, or for plan the one it created and kept for review (empty when there was nothing to change): pass it as the `change-set-name` input of a later deploy to execute exactly what was reviewed.',
    'changes-markdown': 'Plan only: the planned changes as a markdown section (changes that destroy production data or routing first, each change with what causes its replacement), every untrusted name neutralised, for a comment or a summary of your own.',
    outputs: 'The stack outputs as a JSON object. Each output is also set under its own key.',
    'lmi-version': 'The published LMI version that was verified (never $LATEST).',
    'provisioning-seconds': 'Seconds the provisioning stage waited for the LMI version to be Active (0 when CloudFormation had already waited).',
    'smoke-result': '`passed` or `failed`; empty when the smoke checks did not run.',
    'p50-ms': 'Median latency of the LMI version in the concurrency check, in milliseconds.',
    'p95-ms': '95th percentile latency of the LMI version in the concurrency check, in milliseconds.',
    'p99-ms': '99th percentile latency of the LMI version in the concurrency check, in milliseconds.',
    'error-rate': 'Share of the concurrency check requests the LMI version failed, as a fraction (0.02).',
    'throttle-rate': 'Share of the concurrency check requests that were throttled, as a fraction.',
    environments: 'Distinct execution environments (worker threads, by environment_id) that answered the concurrency check; empty with a checks file, whose app does not report its environment.',
    'report-path': 'Absolute path of the JSON report of everything measured, written on success and failure.',
    'shard-report-path': 'With `load-shard`: absolute path of the shard report, written on success and failure, for mode `merge`.',
    route: 'Where the stage sends production traffic at the end of the run: `standard`, `canary:N` or `lmi`. Empty when the stack has no routed stage yet.',
    'production-version': "The version production serves at the end of the run, as `<function name>:<version>` (the stage's liveFunction). Empty when the stack has no routed stage yet.",
    'cutover-result': '`promoted`, `no-op` (already on the target route), `rolled-back`, `rollback-failed` (the log has the manual fix) or `failed` (the run failed without rolling back, for example before any traffic moved). Empty for deploy and verify.',
    'rolled-back': '`true` when this run sent production back to a known-good version (a failed step, a cancellation, a leftover canary, or mode rollback), else `false`. Empty for deploy and verify.',
};
function setPipelineOutputs(result, setOutput, log) {
    if (result.mode === 'plan') {
        const { plan } = result;
        setOutput('stack-id', plan.stackId);
        setOutput('no-op', String(plan.type === 'no-changes'));
        setOutput('change-count', String(plan.type === 'planned' ? plan.changes.length : 0));
        return;
    }
    if (!('deploy' in result))
        return;
    const deploy = result.deploy;
    setOutput('stack-id', deploy.stackId);
    setOutput('stack-status', deploy.stackStatus);
    setOutput('no-op', String(deploy.type === 'no-op'));
    setOutput('change-count', String(deploy.changeCount));
    setOutput('outputs', JSON.stringify(deploy.outputs));
    for (const [key, value] of Object.entries(deploy.outputs)) {
        if (key in OUTPUTS)
            log.emit(_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_MESSAGES */ .R.outputShadowed, `Stack output ${key} has the name of an action output; read it from the outputs JSON instead.`);
        else
            setOutput(key, value);
    }
}
/** The verify figures the report holds; outputs for stages that did not run stay unset. */
function setReportOutputs(report, setOutput) {
    const changeSetName = report.plan ? report.plan.changeSetName : report.deploy?.changeSetName;
    if (changeSetName)
        setOutput('change-set-name', changeSetName);
    const planned = (0,_report_markdown_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planMarkdown */ .X)(report);
    if (planned !== undefined)
        setOutput('changes-markdown', planned);
    const p = report.provisioning;
    if (p) {
        setOutput('lmi-version', p.version);
        if (p.state === 'Active')
            setOutput('provisioning-seconds', String(p.seconds));
    }
    if (report.smoke)
        setOutput('smoke-result', report.smoke.passed ? 'passed' : 'failed');
    const lmi = report.load?.lmi;
    if (lmi) {
        setOutput('p50-ms', String(lmi.latency.p50));
        setOutput('p95-ms', String(lmi.latency.p95));
        setOutput('p99-ms', String(lmi.latency.p99));
        setOutput('error-rate', String(lmi.errorRate));
        setOutput('throttle-rate', String(lmi.throttleRate));
        // A checks file's app does not report its environment: the output stays unset.
        if (lmi.environments !== undefined)
            setOutput('environments', String(lmi.environments));
    }
}
/**
 * `route`, `cutover-result` and `rolled-back`, from the finished run or from what stopped it.
 * The route falls back to the report's last reading when neither says it.
 */
function setRouteOutputs(mode, end, report, setOutput) {
    const shifting = mode === 'cutover' || mode === 'full' || mode === 'rollback';
    let outputs = {};
    if ('result' in end) {
        const r = end.result;
        if (r.mode === 'cutover' || r.mode === 'full')
            outputs = (0,_pipeline_traffic_cutover_js__WEBPACK_IMPORTED_MODULE_1__/* .cutoverOutputs */ .Ht)(r.cutover.outcome);
        else if (r.mode === 'rollback') {
            outputs = {
                route: r.rollback.route,
                'cutover-result': r.rollback.type,
                'rolled-back': String(r.rollback.type === 'rolled-back'),
            };
        }
    }
    else if (end.error instanceof _pipeline_traffic_cutover_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverFailedError */ .sy) {
        outputs = (0,_pipeline_traffic_cutover_js__WEBPACK_IMPORTED_MODULE_1__/* .cutoverOutputs */ .Ht)(end.error);
    }
    else if (end.error instanceof _pipeline_traffic_rollback_js__WEBPACK_IMPORTED_MODULE_3__/* .RollbackFailedError */ .C) {
        outputs = {
            route: end.error.rollback.finalRoute,
            'cutover-result': 'rollback-failed',
            'rolled-back': 'false',
        };
    }
    else if (shifting) {
        const rollbackFailed = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isCutoverError */ .jH)(end.error) && end.error.code === 'ROLLBACK_FAILED';
        outputs = {
            'cutover-result': rollbackFailed ? 'rollback-failed' : 'failed',
            'rolled-back': String(report.cutover?.rolledBack ?? false),
        };
    }
    const route = outputs.route ?? report.route.after;
    if (route)
        setOutput('route', (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .routeLabel */ .qA)(route));
    const production = route ? (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .productionOf */ .zS)(route) : undefined;
    if (production)
        setOutput('production-version', (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_5__/* .qualifiedName */ .OL)(production));
    if (outputs['cutover-result'])
        setOutput('cutover-result', outputs['cutover-result']);
    if (outputs['rolled-back'])
        setOutput('rolled-back', outputs['rolled-back']);
}


/***/ }),

/***/ 65792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ cloudWatchVersionMetrics),
/* harmony export */   u: () => (/* binding */ metricsWindow)
/* harmony export */ });
/* harmony import */ var _aws_cloudwatch_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83817);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31449);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25179);
/* harmony import */ var _config_cutover_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78636);




/** The whole periods inside [fromMs, toMs); undefined when not one fits. */
function metricsWindow(fromMs, toMs, periodSeconds) {
    const p = periodSeconds * 1000;
    const startMs = Math.ceil(fromMs / p) * p;
    const endMs = Math.floor(toMs / p) * p;
    return endMs - startMs >= p ? { startMs, endMs, periodSeconds } : undefined;
}
const STATS = [
    ['inv', 'Invocations', 'Sum'],
    ['err', 'Errors', 'Sum'],
    ['thr', 'Throttles', 'Sum'],
    ['p50', 'Duration', 'p50'],
    ['p95', 'Duration', 'p95'],
];
function cloudWatchVersionMetrics(client) {
    return async (versions, window) => {
        const span = (window.endMs - window.startMs) / 1000;
        // One datapoint for the whole window when CloudWatch allows that period and would not move
        // the start: it rounds StartTime down to the minute (periods of 60 s and more) or to a
        // multiple of a high-resolution period, which would pull the previous step in.
        const alignment = span >= 60 ? 60_000 : span * 1000;
        const single = (0,_config_cutover_js__WEBPACK_IMPORTED_MODULE_1__/* .isMetricPeriod */ .Yr)(span) && window.startMs % alignment === 0;
        const period = single ? span : window.periodSeconds;
        const queries = versions.flatMap((v, i) => STATS.map(([id, metric, stat]) => ({
            Id: `v${i}_${id}`,
            ReturnData: true,
            MetricStat: {
                Metric: {
                    Namespace: 'AWS/Lambda',
                    MetricName: metric,
                    Dimensions: [
                        { Name: 'FunctionName', Value: v.functionName },
                        { Name: 'Resource', Value: (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .qualifiedName */ .OL)(v) },
                    ],
                },
                Period: period,
                Stat: stat,
            },
        })));
        let data;
        try {
            data = await (0,_aws_cloudwatch_js__WEBPACK_IMPORTED_MODULE_3__/* .getMetricData */ .ZH)(client, {
                MetricDataQueries: queries,
                StartTime: new Date(window.startMs),
                EndTime: new Date(window.endMs),
            });
        }
        catch (e) {
            (0,_core_access_js__WEBPACK_IMPORTED_MODULE_0__/* .throwIfAccessDenied */ .v)(e, 'cloudwatch:GetMetricData', versions.map(_core_domain_js__WEBPACK_IMPORTED_MODULE_2__/* .qualifiedName */ .OL).join(', '));
            throw e;
        }
        return versions.map((_, i) => {
            const values = (id) => data.get(`v${i}_${id}`)?.values ?? [];
            const sum = (id) => values(id).reduce((a, b) => a + b, 0);
            const highest = (id) => (values(id).length > 0 ? Math.max(...values(id)) : undefined);
            const p50 = highest('p50');
            const p95 = highest('p95');
            return {
                invocations: sum('inv'),
                errors: sum('err'),
                throttles: sum('thr'),
                ...(p50 !== undefined ? { durationP50Ms: round2(p50) } : {}),
                ...(p95 !== undefined ? { durationP95Ms: round2(p95) } : {}),
                partial: STATS.some(([id]) => data.get(`v${i}_${id}`)?.partial === true),
            };
        });
    };
}
const round2 = (n) => Math.round(n * 100) / 100;


/***/ })

};
