export const id = 973;
export const ids = [973];
export const modules = {

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
