export const id = 236;
export const ids = [236];
export const modules = {

/***/ 5974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bn: () => (/* binding */ getVersionPolicy),
/* harmony export */   Eb: () => (/* binding */ listFunctionVersions),
/* harmony export */   HR: () => (/* binding */ invokeFunction),
/* harmony export */   Nc: () => (/* binding */ putFunctionScalingConfig),
/* harmony export */   PO: () => (/* binding */ listAliases),
/* harmony export */   Qc: () => (/* binding */ deleteFunctionVersion),
/* harmony export */   gH: () => (/* binding */ listVersionsOnCapacityProvider),
/* harmony export */   "in": () => (/* binding */ getCapacityProvider),
/* harmony export */   td: () => (/* binding */ getFunctionConfiguration),
/* harmony export */   u5: () => (/* binding */ getFunctionScalingConfig),
/* harmony export */   xN: () => (/* binding */ addInvokePermission)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71696);
// Every Lambda call lmi-cutover makes, one typed function each: published versions and their
// state, the capacity provider and the versions it holds, aliases, version deletion, scaling,
// the per-version resource policy, and Invoke. Listings follow every page with the SDK's own paginators.

/** Page size of every listing: 50 pages cover the 100-version quota twice over. */
const PAGE_SIZE = 50;
/** The configuration of one version or alias (`qualifier`), or of $LATEST without one. */
async function getFunctionConfiguration(lambda, functionName, qualifier) {
    return lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .GetFunctionConfigurationCommand */ .qA6({ FunctionName: functionName, Qualifier: qualifier }));
}
async function getCapacityProvider(lambda, capacityProviderName) {
    const res = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .GetCapacityProviderCommand */ .Py0({ CapacityProviderName: capacityProviderName }));
    return res.CapacityProvider;
}
/** Every function version on a capacity provider, any function's (the quota counts them all). */
async function listVersionsOnCapacityProvider(lambda, capacityProviderName) {
    const all = [];
    const pages = (0,_aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .paginateListFunctionVersionsByCapacityProvider */ .P$u)({ client: lambda, pageSize: PAGE_SIZE }, { CapacityProviderName: capacityProviderName });
    for await (const page of pages)
        all.push(...(page.FunctionVersions ?? []));
    return all;
}
/** Every version of a function, $LATEST included, as Lambda lists them. */
async function listFunctionVersions(lambda, functionName) {
    const all = [];
    const pages = (0,_aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .paginateListVersionsByFunction */ .CE5)({ client: lambda, pageSize: PAGE_SIZE }, { FunctionName: functionName });
    for await (const page of pages)
        all.push(...(page.Versions ?? []));
    return all;
}
async function listAliases(lambda, functionName) {
    const all = [];
    const pages = (0,_aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .paginateListAliases */ ._O$)({ client: lambda, pageSize: PAGE_SIZE }, { FunctionName: functionName });
    for await (const page of pages)
        all.push(...(page.Aliases ?? []));
    return all;
}
/** Deletes one published version; never the function (a qualifier is required). */
async function deleteFunctionVersion(lambda, functionName, version) {
    await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .DeleteFunctionCommand */ .Z3K({ FunctionName: functionName, Qualifier: version }));
}
/** Sets how many execution environments a published LMI version keeps (0/0 releases them all). */
async function putFunctionScalingConfig(lambda, functionName, version, environments) {
    await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .PutFunctionScalingConfigCommand */ .oA1({
        FunctionName: functionName,
        Qualifier: version,
        FunctionScalingConfig: {
            MinExecutionEnvironments: environments.min,
            MaxExecutionEnvironments: environments.max,
        },
    }));
}
/** A synchronous invoke; a function error is in the output (FunctionError), not thrown. */
async function invokeFunction(lambda, request) {
    return lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .InvokeCommand */ .mdN({
        FunctionName: request.functionName,
        Qualifier: request.qualifier,
        InvocationType: 'RequestResponse',
        LogType: request.logTail ? 'Tail' : 'None',
        Payload: request.payload,
    }), { abortSignal: request.signal });
}
/** The scaling a published LMI version asked for (Requested) and has (Applied). */
async function getFunctionScalingConfig(lambda, functionName, version) {
    const out = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .GetFunctionScalingConfigCommand */ .x5O({ FunctionName: functionName, Qualifier: version }));
    const pick = (c) => c ? { min: c.MinExecutionEnvironments, max: c.MaxExecutionEnvironments } : undefined;
    return {
        requested: pick(out.RequestedFunctionScalingConfig),
        applied: pick(out.AppliedFunctionScalingConfig),
    };
}
/** The resource policy of one version (a JSON document), or undefined when it has none. */
async function getVersionPolicy(lambda, functionName, version) {
    try {
        return (await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .GetPolicyCommand */ .s4W({ FunctionName: functionName, Qualifier: version })))
            .Policy;
    }
    catch (e) {
        // No policy at all is ResourceNotFoundException, like a missing version: the caller tells them apart.
        if (e.name === 'ResourceNotFoundException')
            return undefined;
        throw e;
    }
}
/** Lets `principal` invoke exactly this version from `sourceArn` (AddPermission with Qualifier). */
async function addInvokePermission(lambda, p) {
    await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_0__/* .AddPermissionCommand */ .AL$({
        FunctionName: p.functionName,
        Qualifier: p.version,
        StatementId: p.statementId,
        Action: 'lambda:InvokeFunction',
        Principal: p.principal,
        SourceArn: p.sourceArn,
    }));
}


/***/ }),

/***/ 31449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ deniedAction),
/* harmony export */   v: () => (/* binding */ throwIfAccessDenied)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
// AccessDenied names the missing permission: AWS's own message says it ("… is not authorized
// to perform: lambda:GetFunctionConfiguration on resource …"); when it does not, the operation
// that was refused tells which one.


const ACTION_IN_MESSAGE = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/;
/** The IAM action a denial names, else `fallback`. */
function deniedAction(e, fallback) {
    return ACTION_IN_MESSAGE.exec((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e))?.[1] ?? fallback;
}
/** Rethrows an AccessDenied as ACCESS_DENIED naming the permission; other errors pass through. */
function throwIfAccessDenied(e, permission, resource) {
    if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDeniedError */ .sm)(e))
        return;
    const action = deniedAction(e, permission);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('ACCESS_DENIED', `AWS denied ${action} on ${resource}. Grant the role running lmi-cutover ${action} (the README lists the IAM policy the action needs).`, [(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)], { cause: e });
}


/***/ }),

/***/ 96228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZL: () => (/* binding */ shellQuote),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
// How durations and sizes read in progress lines: `4m10s`, `12s`, `1h02m`, `12.3 KiB`.
function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h${String(m).padStart(2, '0')}m`;
    if (m > 0)
        return `${m}m${String(s).padStart(2, '0')}s`;
    return `${s}s`;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
/**
 * One POSIX shell word: bare when it holds only safe characters, otherwise single-quoted with
 * embedded quotes closed and escaped, so a value from a stack output can never become a command.
 */
function shellQuote(value) {
    if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 3502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ TRAFFIC_MESSAGES)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The progress lines of the traffic stage (route, canary shift, rollback, post-step repair,
// probes, version hygiene), each with a stable code: scripts and tests match codes, not sentences.

const TRAFFIC_MESSAGES = {
    // --- the stage's route
    routeChanged: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.route-changed', 'info', 'An UpdateStage was accepted and read back as intended; the line names the route before and after, and why.'),
    canaryDeploymentDiffers: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.canary-deployment-differs', 'warn', "The stage's canary runs another deployment than the stage; the next canary step aligns them."),
    permissionAdded: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.permission-added', 'info', 'lmi-cutover added the invoke permission API Gateway needs for a version before routing to it.'),
    // --- the shift
    routeRead: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.route-read', 'info', 'The cutover read the route it starts from.'),
    alreadyLmi: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.already-lmi', 'info', 'The release found all traffic already on its candidate version and changes nothing.'),
    resumeContinue: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.resume-continue', 'warn', 'An earlier cutover left a canary and resume is continue: the line names the steps still to run.'),
    resumeRollback: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.resume-rollback', 'warn', 'An earlier cutover left a canary and resume is rollback: it is undone before the shift starts again.'),
    stepSampleSmall: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.step-sample-small', 'warn', 'A canary step is planned to get fewer candidate answers than the error test needs; it will be judged strictly. The line says which probe-rate or bake-seconds would reach the minimum sample.'),
    stepHeartbeat: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.step-heartbeat', 'info', "A canary step is baking: every 15 s of bake (halfway through a shorter one), time baked of total, probes so far, the observed split, and errors and p95 per side (for a step judged by CloudWatch, the stage's answers as a whole)."),
    stepBaked: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.step-baked', 'info', "A canary step's bake ended; the line gives its probes, split, LMI p95 and errors, and whether it passed."),
    promoted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.promoted', 'info', 'Every canary step passed, the LMI alias serves all traffic and probes confirmed it.'),
    // --- rollback
    rollingBack: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rolling-back', 'warn', 'A rollback to the standard twin starts; the line says why.'),
    alreadyStandard: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.already-standard', 'info', 'A rollback found the stage already sending all traffic to its target version.'),
    rollbackNotRecorded: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-not-recorded', 'warn', 'The rollback moved the route but the state for the post step could not be saved.'),
    rollbackUnprobed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-unprobed', 'warn', 'A rollback had no prober, so only the stage read-back proves it.'),
    rollbackVerified: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-verified', 'info', 'Probes confirmed that all traffic reaches the standard twin after a rollback.'),
    rollbackNotVerified: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-not-verified', 'error', 'The stage reads back as standard but probes kept reaching the LMI alias (or failing) within the settle time.'),
    rollbackFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-failed', 'error', 'The rollback itself failed: production is not confirmed on the standard twin.'),
    rollbackFailedStageState: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-failed-stage-state', 'error', "After a failed rollback: the stage's state as read again."),
    rollbackFailedFix: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.rollback-failed-fix', 'error', 'After a failed rollback: the command that sends all traffic to the twin by hand.'),
    // --- what the run remembers, and the post step's repair
    routeStateNotSaved: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.route-state-not-saved', 'warn', 'The route state for the post step could not be saved after a route change; the shift goes on.'),
    nothingPending: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.repair-nothing-pending', 'info', 'The post step found no canary on the stage: nothing to repair.'),
    repairedToStandard: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.repaired-to-production', 'warn', 'The post step returned a stage its main step left mid-canary to the production version the run started from.'),
    foreignCanary: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.foreign-canary', 'warn', 'The post step found a canary its main step did not start and left it untouched.'),
    // --- termination signals during a shift
    signalReceived: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.signal-received', 'warn', 'SIGINT or SIGTERM arrived during a shift: the cutover stops and rolls back before exit.'),
    signalAgain: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.signal-again', 'warn', 'Another SIGINT or SIGTERM arrived while the rollback it triggered still runs.'),
    // --- probes for a rollback
    probesNoOutputs: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.probes-no-outputs', 'warn', 'The stack lacks the ApiUrl or function output, so a route change cannot be verified by probes.'),
    probesUnavailable: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.probes-unavailable', 'warn', 'The signing secret could not be had, so a route change cannot be verified by probes.'),
    // --- the route before a deploy
    noLiveTargetParameter: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.no-live-target-parameter', 'debug', 'The deployed stack has no LiveFunction parameter: there is no route for the deploy to keep.'),
    routeOutputsMissing: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.route-outputs-missing', 'warn', "The stack has a LiveFunction parameter but not the outputs to read its route; the deploy keeps the stack's values."),
    stageMissingBeforeDeploy: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.stage-missing-before-deploy', 'warn', "The stack's stage is gone; the deploy recreates it with the template's default production version."),
    liveTargetKept: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.live-target-kept', 'info', 'The route read before a deploy and the production version the deploy passes back to keep it.'),
    leftoverCanaryBeforeDeploy: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.leftover-canary-before-deploy', 'warn', 'An earlier cutover left a canary; it is rolled back before deploying (resume: rollback).'),
    // --- version hygiene
    versionsNotListed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.versions-not-listed', 'warn', "The LMI function's versions or aliases could not be listed, so no old version is cleaned up."),
    versionKept: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-kept', 'info', 'A version due for deletion was kept because an alias started using it since the listing.'),
    versionDeleteDenied: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-delete-denied', 'warn', 'AWS denied deleting an old LMI version; the clean-up stops and names the permission.'),
    versionsDeleted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.versions-deleted', 'info', 'Old LMI versions no alias references were deleted; the line names the deleted and the kept ones.'),
    versionsScaledToZero: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.versions-scaled-to-zero', 'info', 'Kept LMI versions no alias uses released their execution environments (FunctionScalingConfig 0/0).'),
    versionScaleDownFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-scale-down-failed', 'warn', 'An unused LMI version could not be scaled to 0/0; its environments keep running.'),
    noVersionsToDelete: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.no-versions-to-delete', 'info', 'The LMI function has no old version beyond keep-versions to delete.'),
    versionDeleteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-delete-failed', 'warn', 'One old LMI version could not be deleted (for a reason other than a denial); it stays.'),
    capacityProviderAbsent: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.capacity-provider-absent', 'info', 'The capacity provider does not exist yet (first deploy): no version quota to check.'),
    versionQuotaUnknown: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-quota-unknown', 'warn', 'The versions on the capacity provider could not be counted.'),
    versionQuotaNearLimit: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-quota-near-limit', 'warn', 'The capacity provider holds 80 % or more of its 100 function versions.'),
    versionQuota: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('traffic.version-quota', 'info', 'How many of its 100 function versions the capacity provider holds, below the warning mark.'),
};


/***/ }),

/***/ 66975:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i2: () => (/* binding */ classifyRoute),
  jK: () => (/* binding */ describeStageState),
  TD: () => (/* binding */ manualRouteCommand),
  zG: () => (/* binding */ promoteCanary),
  S9: () => (/* binding */ readRoute),
  NW: () => (/* binding */ readStage),
  lN: () => (/* binding */ routeRefFromOutputs),
  Bv: () => (/* binding */ routeTo),
  zu: () => (/* binding */ setCanary),
  lZ: () => (/* binding */ wayBack),
  _M: () => (/* binding */ where)
});

// UNUSED EXPORTS: deployedVersions, parseTarget

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-api-gateway/dist-cjs/index.js
var dist_cjs = __webpack_require__(60818);
;// CONCATENATED MODULE: ./src/aws/apigateway.ts
// The API Gateway calls of the release: read a stage, and change it in one UpdateStage call
// whose patch operations fully determine the route; and the REST APIs of the region by name
// (CloudWatch keys API Gateway's metrics by API name).

async function getStage(apiGateway, id) {
    return apiGateway.send(new dist_cjs/* GetStageCommand */.aOX({ restApiId: id.restApiId, stageName: id.stage }));
}
/** One UpdateStage: the operations apply together or not at all. Returns the stage as AWS left it. */
async function updateStage(apiGateway, id, operations) {
    return apiGateway.send(new dist_cjs/* UpdateStageCommand */.hJS({
        restApiId: id.restApiId,
        stageName: id.stage,
        patchOperations: [...operations],
    }));
}
/** Every REST API of the region (GetRestApis, every page of 500). */
async function listRestApis(apiGateway) {
    const all = [];
    for await (const page of paginateGetRestApis({ client: apiGateway, pageSize: 500 }, {}))
        all.push(...(page.items ?? []));
    return all;
}

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/core/domain.ts
var domain = __webpack_require__(25179);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/pipeline/traffic/messages.ts
var messages = __webpack_require__(3502);
;// CONCATENATED MODULE: ./src/pipeline/traffic/route.ts







/** The stage variable the integration URI interpolates (`function:${stageVariables.liveFunction}`). */
const LIVE_VARIABLE = 'liveFunction';
/** The production version before the last promotion: where `rollback` returns. */
const ROLLBACK_VARIABLE = 'rollbackFunction';
/** The twin's last verified version: where `rollback --to standard` sends production. */
const FALLBACK_VARIABLE = 'fallbackFunction';
function stageRouteState(stage) {
    const c = stage.canarySettings;
    const v = stage.variables ?? {};
    return {
        deploymentId: stage.deploymentId,
        liveFunction: v[LIVE_VARIABLE],
        ...(v[ROLLBACK_VARIABLE] ? { rollbackFunction: v[ROLLBACK_VARIABLE] } : {}),
        ...(v[FALLBACK_VARIABLE] ? { fallbackFunction: v[FALLBACK_VARIABLE] } : {}),
        ...(c
            ? {
                canary: {
                    percentTraffic: c.percentTraffic ?? 0,
                    deploymentId: c.deploymentId,
                    liveFunctionOverride: c.stageVariableOverrides?.[LIVE_VARIABLE],
                },
            }
            : {}),
    };
}
/** `arn:aws:lambda:eu-west-1:123:function:name:7` → `name:7`: the stage variable's short form. */
function shortTarget(value) {
    const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:(.+)$/.exec(value);
    return m ? m[1] : value;
}
/** The version a stage variable names, or why it names none of the workload's versions. */
function parseTarget(value, ref) {
    if (value === undefined || value === '')
        return 'not set';
    const short = shortTarget(value);
    const i = short.lastIndexOf(':');
    const name = i > 0 ? short.slice(0, i) : short;
    const qualifier = i > 0 ? short.slice(i + 1) : '';
    const side = name === ref.lmiFunctionName ? 'lmi' : name === ref.standardFunctionName ? 'standard' : undefined;
    if (!side) {
        return `"${value}", neither the LMI function (${ref.lmiFunctionName}) nor the standard twin (${ref.standardFunctionName})`;
    }
    if (!/^\d+$/.test(qualifier)) {
        return `"${value}", which is not a published version (lmi-cutover pins production to a version number, never an alias or $LATEST)`;
    }
    return { side, functionName: name, version: qualifier };
}
/** standard, lmi or canary:N with the versions — or why the stage is none of them. */
function classifyRoute(state, ref) {
    const base = parseTarget(state.liveFunction, ref);
    if (typeof base === 'string')
        return { known: false, reason: `${LIVE_VARIABLE} is ${base}` };
    const canary = state.canary;
    if (!canary)
        return { known: true, route: { kind: base.side, target: base } };
    const candidate = parseTarget(canary.liveFunctionOverride, ref);
    // A promotion copies the canary onto the stage before removing it: until then every request
    // reaches the same version whichever side it takes.
    if (typeof candidate !== 'string' && (0,domain/* sameVersion */.r1)(candidate, base)) {
        return { known: true, route: { kind: base.side, target: base } };
    }
    if (typeof candidate === 'string' || candidate.side !== 'lmi') {
        return {
            known: false,
            reason: `a canary of ${canary.percentTraffic} % overrides ${LIVE_VARIABLE} with ` +
                `${typeof candidate === 'string' ? candidate : `the twin's version ${candidate.version}`}; ` +
                'lmi-cutover only makes canaries to a version of the LMI function',
        };
    }
    return { known: true, route: { kind: 'canary', percent: canary.percentTraffic, base, candidate } };
}
/** The release's way back as the stage remembers it; a value that names no version is dropped. */
function wayBack(state, ref) {
    const rollback = parseTarget(state.rollbackFunction, ref);
    const fallback = parseTarget(state.fallbackFunction, ref);
    return {
        ...(typeof rollback !== 'string' ? { rollback } : {}),
        ...(typeof fallback !== 'string' && fallback.side === 'standard' ? { fallback } : {}),
    };
}
/** One line for logs and errors: every value that decides the route. */
function describeStageState(state) {
    const vars = `${LIVE_VARIABLE}=${state.liveFunction ?? '(unset)'}` +
        (state.rollbackFunction ? `, ${ROLLBACK_VARIABLE}=${state.rollbackFunction}` : '') +
        (state.fallbackFunction ? `, ${FALLBACK_VARIABLE}=${state.fallbackFunction}` : '');
    const base = `deployment ${state.deploymentId ?? '(none)'}, ${vars}`;
    const c = state.canary;
    if (!c)
        return `${base}, no canary`;
    return (`${base}, canary ${c.percentTraffic} % on deployment ${c.deploymentId ?? '(none)'} with ` +
        `${LIVE_VARIABLE}=${c.liveFunctionOverride ?? '(not overridden)'}`);
}
const where = (ref) => `stage ${ref.stage} of REST API ${ref.restApiId}`;
/** The stage's raw route state (GetStage). STAGE_NOT_FOUND when the API or stage is gone. */
async function readStage(ctx, ref) {
    try {
        return stageRouteState(await getStage(ctx.aws.apiGateway, ref));
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'apigateway:GET', `${where(ref)}`);
        if ((0,aws_errors/* isNotFoundError */.El)(e) || (0,aws_errors/* errorName */.Is)(e) === 'NotFoundException') {
            throw new errors/* CutoverError */.DB('STAGE_NOT_FOUND', `API Gateway has no ${where(ref)} (${(0,aws_errors/* errorMessage */.gJ)(e)}). Deploy the stack first, or check the stack's RestApiId and StageName outputs.`, [], { cause: e });
        }
        throw e;
    }
}
function unknownRouteError(ref, state, reason, region) {
    const back = wayBack(state, ref);
    const fixes = [back.rollback, back.fallback].filter((v) => v !== undefined);
    const hasCanary = state.canary !== undefined;
    // Nothing remembered: the command's shape, with the version left for a person to fill in.
    const placeholder = { side: 'lmi', functionName: ref.lmiFunctionName, version: '<version>' };
    const commands = fixes.length > 0
        ? fixes.map((v) => `All traffic to ${(0,domain/* qualifiedName */.OL)(v)}: ${manualRouteCommand(ref, v, hasCanary, region)}`)
        : [
            `All traffic to one published version (fill in <version>; the twin is ${ref.standardFunctionName}): ` +
                manualRouteCommand(ref, placeholder, hasCanary, region),
        ];
    return new errors/* CutoverError */.DB('ROUTE_UNKNOWN', `The route of ${where(ref)} is not one lmi-cutover made: ${reason}. Nothing was changed; ` +
        'set it to a known route by hand (for example with a command below) and run again.', [`Stage state: ${describeStageState(state)}`, ...commands]);
}
/** The stage's route; ROUTE_UNKNOWN, with the raw values and the fix, for any other shape. */
async function readRoute(ctx, ref) {
    const state = await readStage(ctx, ref);
    const c = classifyRoute(state, ref);
    if (!c.known)
        throw unknownRouteError(ref, state, c.reason, await ctx.aws.region());
    if (state.canary && c.route.kind === 'canary' && state.canary.deploymentId !== state.deploymentId) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.canaryDeploymentDiffers, `The canary of ${where(ref)} runs deployment ${state.canary.deploymentId ?? '(none)'} while the stage runs ` +
            `${state.deploymentId ?? '(none)'}; the next canary step puts both on the stage's deployment.`);
    }
    return { route: c.route, state };
}
const replace = (path, value) => ({ op: 'replace', path, value });
const remove = (path) => ({ op: 'remove', path });
function wayBackOperations(state, change) {
    const ops = [];
    const one = (name, value, present) => {
        if (value)
            ops.push(replace(`/variables/${name}`, (0,domain/* qualifiedName */.OL)(value)));
        else if (value === null && present)
            ops.push(remove(`/variables/${name}`));
    };
    one(ROLLBACK_VARIABLE, change.rollback, state.rollbackFunction !== undefined);
    one(FALLBACK_VARIABLE, change.fallback, state.fallbackFunction !== undefined);
    return ops;
}
/** All traffic to `target`, no canary; the canary is removed only when there is one to remove. */
function wholeRouteOperations(target, hasCanary) {
    return [
        replace(`/variables/${LIVE_VARIABLE}`, (0,domain/* qualifiedName */.OL)(target)),
        ...(hasCanary ? [remove('/canarySettings')] : []),
    ];
}
/** `aws apigateway update-stage …` that sets the route by hand (for error messages), every value quoted. */
function manualRouteCommand(ref, target, hasCanary, region) {
    const ops = wholeRouteOperations(target, hasCanary)
        .map((o) => (0,format/* shellQuote */.ZL)(`op=${o.op},path=${o.path}${o.value !== undefined ? `,value=${o.value}` : ''}`))
        .join(' ');
    return (`aws apigateway update-stage --rest-api-id ${(0,format/* shellQuote */.ZL)(ref.restApiId)} --stage-name ${(0,format/* shellQuote */.ZL)(ref.stage)}` +
        `${region ? ` --region ${(0,format/* shellQuote */.ZL)(region)}` : ''} --patch-operations ${ops}`);
}
function sameRoute(a, b) {
    if (a.kind !== b.kind)
        return false;
    if (a.kind === 'canary' && b.kind === 'canary') {
        return a.percent === b.percent && (0,domain/* sameVersion */.r1)(a.base, b.base) && (0,domain/* sameVersion */.r1)(a.candidate, b.candidate);
    }
    return (0,domain/* sameVersion */.r1)((0,domain/* productionOf */.zS)(a), (0,domain/* productionOf */.zS)(b));
}
async function applyRoute(ctx, ref, from, to, operations, why) {
    let stage;
    try {
        stage = await updateStage(ctx.aws.apiGateway, ref, operations);
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'apigateway:PATCH', where(ref));
        throw new errors/* CutoverError */.DB('ROUTE_CHANGE_FAILED', `UpdateStage on ${where(ref)} failed while moving the route from ${(0,domain/* describeRoute */.fx)(from)} to ${(0,domain/* describeRoute */.fx)(to)}: ${(0,aws_errors/* errorMessage */.gJ)(e)}`, [`Patch operations: ${JSON.stringify(operations)}`], { cause: e });
    }
    const state = stageRouteState(stage);
    const got = classifyRoute(state, ref);
    if (!got.known || !sameRoute(got.route, to)) {
        throw new errors/* CutoverError */.DB('ROUTE_CHANGE_FAILED', `UpdateStage on ${where(ref)} was accepted, but the stage it returned is ` +
            `${got.known ? (0,domain/* describeRoute */.fx)(got.route) : `not a known route (${got.reason})`}, not ${(0,domain/* describeRoute */.fx)(to)}.`, [`Stage state: ${describeStageState(state)}`, `Patch operations: ${JSON.stringify(operations)}`]);
    }
    const change = { at: new Date(ctx.clock.now()).toISOString(), from, to: got.route, why };
    ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.routeChanged, `${change.at} route ${(0,domain/* describeRoute */.fx)(from)} → ${(0,domain/* describeRoute */.fx)(got.route)}: ${why}`);
    return { change, route: got.route, state, operations };
}
/**
 * `percent` % of traffic to `candidate` on the stage's own deployment; the rest stays on the
 * production version. `replace` on /canarySettings/* creates the canary when the stage has none
 * (AWS accepts `replace` only, not `add`, on these paths).
 */
async function setCanary(ctx, ref, before, candidate, percent, why) {
    if (!(percent > 0 && percent <= 100)) {
        throw new errors/* CutoverError */.DB('INVALID_INPUT', `A canary step must be above 0 and at most 100 %, not ${percent}.`);
    }
    const base = (0,domain/* productionOf */.zS)(before.route);
    if (!base)
        throw new errors/* CutoverError */.DB('INTERNAL_ERROR', 'A canary needs the production version it starts from.');
    const operations = [
        replace('/canarySettings/percentTraffic', String(percent)),
        ...(before.state.deploymentId
            ? [replace('/canarySettings/deploymentId', before.state.deploymentId)]
            : []),
        replace(`/canarySettings/stageVariableOverrides/${LIVE_VARIABLE}`, (0,domain/* qualifiedName */.OL)(candidate)),
    ];
    return applyRoute(ctx, ref, before.route, { kind: 'canary', percent, base, candidate }, operations, why);
}
/**
 * Promotion as API Gateway documents it: the canary's stage-variable overrides and deployment
 * are copied onto the stage (all traffic then reaches the candidate whichever side a request
 * takes), then the canary is removed and the way back recorded in a second call.
 */
async function promoteCanary(ctx, ref, before, wayBackAfter, why) {
    const from = before.route;
    if (from.kind !== 'canary' || !from.candidate) {
        throw new errors/* CutoverError */.DB('INTERNAL_ERROR', `Only a canary can be promoted, not ${(0,domain/* describeRoute */.fx)(from)}.`);
    }
    const promoted = { kind: 'lmi', target: from.candidate };
    const copied = await applyRoute(ctx, ref, from, promoted, [
        replace('/canarySettings/percentTraffic', '0.0'),
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ], why);
    const cleaned = await applyRoute(ctx, ref, promoted, promoted, [remove('/canarySettings'), ...wayBackOperations(copied.state, wayBackAfter)], 'promotion: the canary removed, the way back recorded');
    return { ...cleaned, change: copied.change, operations: [...copied.operations, ...cleaned.operations] };
}
/** All traffic to `target` and no canary, in one UpdateStage, with the way back updated as told. */
async function routeTo(ctx, ref, before, target, why, wayBackAfter = {}) {
    const ops = [
        ...wholeRouteOperations(target, before.state.canary !== undefined),
        ...wayBackOperations(before.state, wayBackAfter),
    ];
    return applyRoute(ctx, ref, before.route, { kind: target.side, target }, ops, why);
}
// --- from the stack outputs -----------------------------------------------------------------
/** The stage and both functions from the workload stack's outputs. */
function routeRefFromOutputs(outputs, stackName) {
    const need = ['RestApiId', 'StageName', 'LmiFunctionName', 'StandardFunctionName'];
    const missing = need.filter((k) => !outputs[k]);
    if (missing.length > 0) {
        throw new errors/* CutoverError */.DB('STACK_OUTPUTS_MISSING', `Stack ${stackName} has no ${missing.join(', ')} output${missing.length === 1 ? '' : 's'}; the release needs the stage and both functions. ` +
            'Use the bundled workload template or add these outputs to yours.');
    }
    return {
        restApiId: outputs.RestApiId,
        stage: outputs.StageName,
        lmiFunctionName: shortTarget(outputs.LmiFunctionName),
        standardFunctionName: shortTarget(outputs.StandardFunctionName),
    };
}
/** The versions this deploy published (LmiVersion, StandardVersion outputs). */
function deployedVersions(outputs, ref) {
    const v = (side, version) => version && /^\d+$/.test(version)
        ? { side, functionName: side === 'lmi' ? ref.lmiFunctionName : ref.standardFunctionName, version }
        : undefined;
    const lmi = v('lmi', outputs.LmiVersion);
    const standard = v('standard', outputs.StandardVersion);
    return { ...(lmi ? { lmi } : {}), ...(standard ? { standard } : {}) };
}


/***/ })

};
