export const id = 740;
export const ids = [740];
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


/***/ })

};
