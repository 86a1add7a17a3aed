export const id = 257;
export const ids = [257];
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


/***/ })

};
