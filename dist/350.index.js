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


/***/ })

};
