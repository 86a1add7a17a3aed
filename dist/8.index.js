export const id = 8;
export const ids = [8];
export const modules = {

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

/***/ 99008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeResult: () => (/* binding */ describeResult)
/* harmony export */ });
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25179);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96228);
// One sentence per part of a finished run, for the Action's log and the CLI's summary: what
// was deployed, what was verified, where production traffic goes now.


function describeDeploy(d) {
    return d.type === 'no-op'
        ? `Stack ${d.stackName} is ${d.stackStatus}: no changes to deploy.`
        : `Stack ${d.stackName} is ${d.stackStatus}: ${d.changeCount} change${d.changeCount === 1 ? '' : 's'} deployed in ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(d.durationMs)}.`;
}
function describePlan(p) {
    if (p.type === 'no-changes')
        return `Stack ${p.stackName}: no changes to plan; nothing kept.`;
    const risky = p.changes.filter((c) => c.risk).length;
    return (`Stack ${p.stackName}: change set ${p.changeSetName} plans ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}` +
        `${risky > 0 ? `, ${risky} destroying production data or routing` : ''}; nothing executed (execute it with change-set-name).`);
}
function describeVerify(verify) {
    if ('type' in verify) {
        const { provision, smoke, load, loadSkipped } = verify;
        const checked = `LMI version ${provision.version} passed ${smoke.checks.length} smoke checks of the checks file (both candidates)`;
        if (!load)
            return `${checked}; concurrency check ${loadSkipped ?? 'not run'}.`;
        return `${checked}; load request: ${describeLoad(load.lmi.result, load.standard?.result)}, isolation not applicable.`;
    }
    const { provision, load } = verify;
    return `LMI version ${provision.version} verified: ${describeLoad(load.lmi.result, load.standard?.result)}.`;
}
/** p95 beside the twin's, environments when the app reports them, errors and throttles. */
function describeLoad(lmi, twin) {
    return (`p95 ${lmi.latency.p95} ms${twin ? ` (standard twin ${twin.latency.p95} ms)` : ''}, ` +
        `${lmi.environments === undefined ? '' : `${lmi.environments} environments, `}` +
        `${lmi.errors} errors, ${lmi.throttles} throttles`);
}
function describeCutover({ outcome, cleanup }) {
    if (outcome.type === 'no-op')
        return `Production already runs the candidate (${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(outcome.route)}): nothing to shift.`;
    const steps = outcome.section.steps.map((s) => `${s.percent} % (observed ${s.observedCandidatePercent} %${s.judgedBy === 'metrics' ? ' by CloudWatch' : ''})`);
    const deleted = cleanup?.deleted.length ?? 0;
    return (`Release ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(outcome.before)} → ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(outcome.route)}: ${steps.join(' → ')}, promoted` +
        (deleted > 0 ? `; deleted ${deleted} old LMI version${deleted === 1 ? '' : 's'}.` : '.'));
}
/** The run's result in a few sentences, one per line. */
function describeResult(result) {
    switch (result.mode) {
        case 'plan':
            return [describePlan(result.plan)];
        case 'deploy':
            return [describeDeploy(result.deploy)];
        case 'verify':
            return [describeDeploy(result.deploy), describeVerify(result.verify)];
        case 'cutover':
            return [describeVerify(result.verify), describeCutover(result.cutover)];
        case 'full':
            return [describeDeploy(result.deploy), describeVerify(result.verify), describeCutover(result.cutover)];
        case 'load-shard': {
            const { shard, share, sizing, load } = result.shard;
            return [
                `Shard ${shard.index}/${shard.count} of check ${shard.id} sent its share, ${share.concurrency} of ${sizing.concurrency} in flight and ${share.requests} of ${sizing.requests} requests per side: ` +
                    `${describeLoad(load.lmi.result, load.standard?.result)}. No gate applied: mode merge judges the ${shard.count} shards together.`,
            ];
        }
        case 'merge': {
            const { merge } = result;
            return [
                `${merge.count} shards of check ${merge.id} merged, LMI version ${merge.lmi.result.qualifier}: ${describeLoad(merge.lmi.result, merge.standard.result)}; every gate passed.`,
            ];
        }
        case 'rollback': {
            const r = result.rollback;
            if (r.type === 'no-op')
                return ['Route is already standard: nothing to roll back.'];
            return [
                `Rolled back ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(r.before)} → ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(r.route)}` +
                    (r.section.verified ? `, verified by ${r.section.probes} probe(s).` : ' (not verified by probes).'),
            ];
        }
    }
}


/***/ })

};
