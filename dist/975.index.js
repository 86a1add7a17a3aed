export const id = 975;
export const ids = [975];
export const modules = {

/***/ 47975:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   forkOrigin: () => (/* binding */ forkOrigin),
/* harmony export */   forkRefusal: () => (/* binding */ forkRefusal)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
// A pull request from a fork runs someone else's code. Deploying it would hand that code this
// repository's AWS role, so the action refuses unless the workflow opts in with allow-fork.

/**
 * The repository the code comes from when it is not this one; undefined otherwise. Pull request
 * events (pull_request, pull_request_target, reviews) carry the pull request; a `workflow_run`
 * started by one carries the head repository of the run that triggered it — the classic way a
 * fork's code reaches a privileged workflow.
 */
function forkOrigin(context) {
    const run = context.payload.workflow_run;
    if (run) {
        const head = run.head_repository;
        const base = run.repository ?? context.payload.repository;
        if (!head)
            return 'a deleted fork';
        if (head.fork === true || (head.full_name && base?.full_name && head.full_name !== base.full_name))
            return head.full_name ?? 'a fork';
        return undefined;
    }
    const pr = context.payload.pull_request;
    if (!pr)
        return undefined;
    const head = pr.head?.repo;
    const base = pr.base?.repo;
    // A deleted fork leaves head.repo null: still someone else's code.
    if (!head)
        return 'a deleted fork';
    if (head.fork === true || (head.full_name && base?.full_name && head.full_name !== base.full_name)) {
        return head.full_name ?? 'a fork';
    }
    return undefined;
}
function forkRefusal(context, allowFork) {
    const origin = forkOrigin(context);
    if (!origin || allowFork)
        return undefined;
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('FORK_REFUSED', `Refusing to deploy: this ${context.eventName} event comes from ${origin}, and its code would run with this repository's AWS credentials. ` +
        'Review the change and set allow-fork: true on this step only if you trust it, or deploy after merging.');
}


/***/ })

};
