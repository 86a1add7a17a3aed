export const id = 837;
export const ids = [837];
export const modules = {

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

/***/ 40551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ GITHUB_MESSAGES),
/* harmony export */   g: () => (/* binding */ POST_PREFIX)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The Action adapter's own progress lines (report, job summary, PR comment, post step), each
// with a stable code: scripts and tests match codes, not sentences.

/** How every line of the post step starts. */
const POST_PREFIX = 'lmi-cutover post step:';
const GITHUB_MESSAGES = {
    outputShadowed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.output-shadowed', 'warn', "A stack output has an action output's name; it stays in the outputs JSON only."),
    reportWritten: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-written', 'info', 'The JSON report was written at report-path.'),
    reportSchemaProblems: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-schema-problems', 'warn', 'The written report does not match its schema; readers may reject it.'),
    reportWriteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.report-write-failed', 'warn', 'The JSON report could not be written.'),
    shardReportWritten: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-report-written', 'info', "A load shard's shard report was written at shard-report-path, for the merge."),
    shardReportWriteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-report-write-failed', 'error', "A load shard's shard report could not be written: the run fails, since the merge cannot use the shard."),
    shardNoComment: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.shard-no-comment', 'info', "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's."),
    summarySkipped: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.summary-skipped', 'warn', 'The job summary was not written (and why).'),
    summaryTrimmed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.summary-trimmed', 'info', 'The job summary left sections out to fit.'),
    noPullRequest: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.no-pull-request', 'info', 'No pull request to comment on.'),
    commentSkipped: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-skipped', 'warn', 'The sticky PR comment was not written (and why).'),
    commentDuplicates: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-duplicates', 'info', 'Several lmi-cutover comments exist for the stack; the oldest is updated.'),
    commentUpdated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-updated', 'info', 'The sticky PR comment was updated.'),
    commentCreated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.comment-created', 'info', 'The sticky PR comment was created.'),
    progressCommentPosted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-posted', 'info', 'The live PR comment was written at the start of the run; it is updated as each stage ends until the final report replaces it.'),
    progressCommentUpdated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-updated', 'debug', 'The live PR comment was updated with the run so far (or the detail of an update that failed).'),
    progressCommentFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.progress-comment-failed', 'warn', 'An update of the live PR comment failed; the run goes on, and the final report is still posted at the end.'),
    postNothingSaved: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-nothing-saved', 'info', 'The post step found no saved route: nothing to do.'),
    postForeignCanary: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-foreign-canary', 'warn', 'The post step found a canary its main step did not start and left it untouched.'),
    postNothingPending: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-nothing-pending', 'info', 'The post step found the route consistent: nothing to repair.'),
    postRepaired: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-repaired', 'warn', 'The post step returned a route left mid-cutover.'),
    postFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-failed', 'error', 'The post step could not check or repair the route.'),
    postUnverified: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('github.post-unverified', 'warn', 'The post step cannot prove its repair with probes (no stage URL or secret).'),
};


/***/ }),

/***/ 51349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ productionKept),
/* harmony export */   D8: () => (/* binding */ isReplacement),
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   Gs: () => (/* binding */ routeLine),
/* harmony export */   LE: () => (/* binding */ mayBeReplaced),
/* harmony export */   Ri: () => (/* binding */ sortedChanges),
/* harmony export */   Zg: () => (/* binding */ changeCounts),
/* harmony export */   nx: () => (/* binding */ OUTCOME_WORDS),
/* harmony export */   sW: () => (/* binding */ runDurationMs)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25179);
// Derived facts both renderers state: change counts, the outcome in words, the route line.
// Computed once here so the PR comment and the terminal never disagree.


/** CloudFormation sets Replacement on modifications only; 'True' means delete and recreate. */
const isReplacement = (ch) => ch.action === 'Modify' && ch.replacement === 'True';
const mayBeReplaced = (ch) => ch.action === 'Modify' && ch.replacement === 'Conditional';
function changeCounts(changes) {
    const c = { added: 0, modified: 0, replaced: 0, removed: 0, other: 0, mayReplace: 0 };
    for (const ch of changes) {
        if (ch.action === 'Add')
            c.added++;
        else if (ch.action === 'Remove')
            c.removed++;
        else if (isReplacement(ch))
            c.replaced++;
        else if (ch.action === 'Modify') {
            c.modified++;
            if (mayBeReplaced(ch))
                c.mayReplace++;
        }
        else
            c.other++;
    }
    return c;
}
/** Replacements first (they delete a live resource), then removals, modifications, additions. */
function changeSeverity(ch) {
    if (isReplacement(ch))
        return 0;
    if (ch.action === 'Remove')
        return 1;
    if (mayBeReplaced(ch))
        return 2;
    if (ch.action === 'Modify')
        return 3;
    return 4;
}
/** Generic so a reader's read-only changes come back read-only: sorting must not open the report. */
const sortedChanges = (changes) => [...changes].sort((a, b) => changeSeverity(a) - changeSeverity(b) || a.logicalId.localeCompare(b.logicalId));
const OUTCOME_WORDS = {
    success: { emoji: '✅', word: 'succeeded' },
    'no-op': { emoji: '➖', word: 'no-op (nothing to change)' },
    failure: { emoji: '❌', word: 'failed' },
    'rolled-back': { emoji: '↩️', word: 'rolled back' },
};
/** "standard (twin v1) → lmi (LMI v1)", "lmi (LMI v2) (unchanged)", or undefined when the run never read the route. */
function routeLine(route, arrow = '→') {
    const { before, after } = route;
    if (before && after) {
        return sameRoute(before, after)
            ? `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(after)} (unchanged)`
            : `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(before)} ${arrow} ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(after)}`;
    }
    if (after)
        return (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(after);
    if (before)
        return `${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(before)} (before the run; final route unknown)`;
    return undefined;
}
/**
 * After a failed run: where production is, when the run ended with it where it started (a
 * release that failed its checks, or one rolled back). Undefined otherwise.
 */
function productionKept(report) {
    const { before, after } = report.route;
    if (report.run.outcome !== 'failure' && report.run.outcome !== 'rolled-back')
        return undefined;
    if (!before || !after || after.kind === 'canary' || !sameRoute(before, after))
        return undefined;
    const moved = (report.cutover?.routeChanges.length ?? 0) > 0;
    return moved
        ? `production is back on ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(after)}, where the release started`
        : `production is untouched: it still serves ${(0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(after)}; the failed release never reached it`;
}
const sameRoute = (a, b) => (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(a) === (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRoute */ .fx)(b);
const runDurationMs = (report) => (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .elapsedMs */ .d5)(report.run.startedAt, report.run.finishedAt);
const shortSha = (sha) => (sha ? sha.slice(0, 7) : undefined);


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   Qt: () => (/* binding */ formatVolume),
/* harmony export */   UK: () => (/* binding */ formatUsd),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   d5: () => (/* binding */ elapsedMs),
/* harmony export */   ei: () => (/* binding */ formatClock),
/* harmony export */   jx: () => (/* binding */ formatUnitPrice),
/* harmony export */   ku: () => (/* binding */ plainNumber),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   r6: () => (/* binding */ formatDateTime)
/* harmony export */ });
// Number, time and money formatting shared by the markdown and the terminal renderers, so both
// say the same thing in the same words.
const en = new Intl.NumberFormat('en-US');
/** 5000000 → "5,000,000". */
const formatCount = (n) => en.format(Math.round(n));
/** Latency: "212.4 ms" below a second, "1.23 s" above. */
function formatMs(ms) {
    if (ms >= 1000)
        return `${trimZeros((ms / 1000).toFixed(2))} s`;
    return `${trimZeros(ms.toFixed(ms >= 100 ? 0 : 1))} ms`;
}
/** A stage or wait duration: "850 ms", "42.3s", "4m05s", "1h02m". */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = ms / 1000;
    if (s < 60)
        return `${trimZeros(s.toFixed(1))}s`;
    const whole = Math.round(s);
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const sec = whole % 60;
    return h > 0 ? `${h}h${pad2(m)}m` : `${m}m${pad2(sec)}s`;
}
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "$1,234.56". */
const formatUsd = (n) => `${n < 0 ? '-' : ''}$${cents.format(Math.abs(n))}`;
/** A unit price such as an hourly instance rate: "$0.0816". */
const formatUnitPrice = (n) => `$${trimZeros(n.toFixed(4))}`;
/** A 0..1 rate as a percentage: 0.0123 → "1.23 %". */
const formatRate = (rate) => `${trimZeros((rate * 100).toFixed(2))} %`;
/** A 0..100 percentage: 9.8 → "9.8 %". */
const formatPercent = (percent) => `${trimZeros(percent.toFixed(1))} %`;
/** A monthly volume for axis labels and prose: 47_300_000 → "47.3M". */
function formatVolume(n) {
    const units = [
        [1e12, 'T'],
        [1e9, 'B'],
        [1e6, 'M'],
        [1e3, 'k'],
    ];
    for (const [size, suffix] of units) {
        if (n >= size)
            return `${trimZeros((n / size).toFixed(n / size >= 100 ? 0 : 1))}${suffix}`;
    }
    return String(Math.round(n));
}
/** An ISO timestamp as "10:02:03Z" (tables) — the date is in the headline. */
function formatClock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19) + 'Z';
}
/** An ISO timestamp as "2025-12-01 10:02:03Z". */
function formatDateTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}
/** Milliseconds between two ISO timestamps, or undefined when either is missing or invalid. */
function elapsedMs(from, to) {
    if (!from || !to)
        return undefined;
    const ms = Date.parse(to) - Date.parse(from);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
/** A number for mermaid data: plain decimal (the grammar has no exponent form), at most 2 decimals. */
const plainNumber = (n) => trimZeros((Number.isFinite(n) ? n : 0).toFixed(2));
/** Shortens text to `max` characters with an ellipsis. */
const clip = (text, max) => text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
const trimZeros = (s) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
const pad2 = (n) => String(n).padStart(2, '0');


/***/ }),

/***/ 48343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ changeTable),
/* harmony export */   q: () => (/* binding */ riskCallout)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51349);
/* harmony import */ var _md_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11109);
// One change set's resource changes as markdown, for the deploy's change list and the plan
// alike: a row per change with what replaces it, and a loud callout for every change that
// replaces or removes something production runs on. Logical ids, types and property names come
// from the template and CloudFormation: untrusted, so every one goes through a code span or the
// cell neutraliser.



/** 🛑 endangers production, ⚠️ replaced, ❔ may be replaced. */
const flagOf = (ch) => ch.risk ? '🛑' : (0,_facts_js__WEBPACK_IMPORTED_MODULE_1__/* .isReplacement */ .D8)(ch) ? '⚠️' : (0,_facts_js__WEBPACK_IMPORTED_MODULE_1__/* .mayBeReplaced */ .LE)(ch) ? '❔' : '';
const actionOf = (ch) => ((0,_facts_js__WEBPACK_IMPORTED_MODULE_1__/* .isReplacement */ .D8)(ch) ? 'Replace' : ch.action);
/** `True` / `Conditional`, with the properties that cause it. */
function replacementCell(ch, ctx) {
    if (!ch.replacement)
        return '';
    const causes = (ch.recreatedBy ?? []).map((c) => `${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(c.property, ctx.budget.cell)}${c.when === 'Conditionally' ? ' (may)' : ''}`);
    return causes.length > 0 ? `${ch.replacement}: ${causes.join(', ')}` : ch.replacement;
}
/** The table of changes, most dangerous first, capped to the render budget. */
function changeTable(changes, ctx, options) {
    const rows = sortedByRisk(changes).map((ch) => [
        flagOf(ch),
        actionOf(ch),
        (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(ch.logicalId, ctx.budget.cell),
        ctx.cellText(ch.type),
        replacementCell(ch, ctx),
        ...(options.physicalId ? [ch.physicalId ? (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .codeCell */ .MZ)(ch.physicalId, ctx.budget.cell) : ''] : []),
    ]);
    const headers = ['', 'Action', 'Logical ID', 'Type', 'Replacement (caused by)'];
    return (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(options.physicalId ? [...headers, 'Physical ID'] : headers, ctx.capRows(rows, 'resource changes'));
}
/** Changes that endanger production first, then CloudFormation's own severity order. */
const sortedByRisk = (changes) => {
    const sorted = (0,_facts_js__WEBPACK_IMPORTED_MODULE_1__/* .sortedChanges */ .Ri)(changes);
    return [...sorted.filter((c) => c.risk), ...sorted.filter((c) => !c.risk)];
};
/** The loud block: every change that replaces or removes what production runs on, with why. */
function riskCallout(changes, ctx) {
    const risky = changes.filter((c) => c.risk);
    if (risky.length === 0)
        return undefined;
    const shown = risky.slice(0, Math.max(1, ctx.budget.rows));
    const lines = shown.map((c) => `- 🛑 **${actionOf(c)}** ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(c.logicalId, ctx.budget.cell)} (${ctx.cellText(c.type)}): ${ctx.prose(c.risk ?? '')}`);
    if (risky.length > shown.length)
        lines.push(`- … and ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(risky.length - shown.length)} more`);
    const n = risky.length;
    return (0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteBlock */ .Af)([
        '[!CAUTION]',
        `**${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(n)} change${n === 1 ? '' : 's'} destroy${n === 1 ? 's' : ''} production data or routing:**`,
        '',
        ...lines,
    ].join('\n'));
}


/***/ }),

/***/ 73807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ planBlock),
/* harmony export */   X: () => (/* binding */ planMarkdown)
/* harmony export */ });
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51349);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);
/* harmony import */ var _md_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11109);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48343);
// Mode plan: what executing the reviewed change set would do to the stack — the loud callout
// first (replacements and removals of what production runs on), then every change with what
// causes its replacement, and how to execute it. Also the `changes-markdown` output.




function planBlock(report, ctx) {
    const plan = report.plan;
    if (!plan)
        return undefined;
    return { id: 'plan', title: 'Plan', text: planText(plan, report.run.stackName, ctx) };
}
function planText(plan, stackName, ctx) {
    const heading = `### Plan: what this change set does to ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(stackName)}`;
    if (!plan.changeSetName || plan.changes.length === 0) {
        return [
            heading,
            `No changes: the stack already matches this template and parameters${plan.noChangesReason ? ` (${ctx.prose(plan.noChangesReason)})` : ''}. Nothing to review, nothing kept.`,
        ].join('\n\n');
    }
    const c = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .changeCounts */ .Zg)(plan.changes);
    const counts = [
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.added)} added`,
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.modified + c.replaced)} modified (${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.replaced)} replaced${c.mayReplace > 0 ? `, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.mayReplace)} may be` : ''})`,
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.removed)} removed`,
        ...(c.other > 0 ? [`${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(c.other)} imported/dynamic`] : []),
    ];
    const stack = plan.stackStatus ? `stack ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(plan.stackStatus)}` : 'a new stack';
    const facts = [
        `Change set ${(0,_md_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(plan.changeSetName)} (${plan.changeSetType}) on ${stack}`,
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(plan.changes.length)} change${plan.changes.length === 1 ? '' : 's'}: ${counts.join(', ')}`,
    ].join(' · ');
    const callout = (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .riskCallout */ .q)(plan.changes, ctx);
    const execute = `**Nothing was executed.** To apply exactly this, run mode \`deploy\` or \`full\` with ` +
        `\`change-set-name: ${plan.changeSetName}\`; it is refused once the stack, the template or the parameters change.`;
    return [
        heading,
        facts,
        ...(callout ? [callout] : []),
        (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .changeTable */ .H)(plan.changes, ctx, { physicalId: false }),
        execute,
    ].join('\n\n');
}
/** The plan alone, as the `changes-markdown` output: at most `maxRows` rows of changes. */
function planMarkdown(report, maxRows = 200) {
    const budget = { rows: maxRows, cell: 200, text: 2000 };
    return report.plan ? planText(report.plan, report.run.stackName, new _md_js__WEBPACK_IMPORTED_MODULE_2__/* .RenderContext */ .AZ(budget)) : undefined;
}


/***/ }),

/***/ 11109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ RenderContext),
/* harmony export */   Af: () => (/* binding */ quoteBlock),
/* harmony export */   EU: () => (/* binding */ fence),
/* harmony export */   MZ: () => (/* binding */ codeCell),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   pA: () => (/* binding */ passMark),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);
// Markdown building blocks and the render budget. Tables are always emitted whole: when a
// table is too long, rows are left out and one row says how many, so trimming never leaves
// broken markdown behind.

/** Collects what a render left out, for the footer. */
class RenderContext {
    budget;
    trimmed = [];
    constructor(budget) {
        this.budget = budget;
    }
    /**
     * At most `budget.rows` rows: the first ones (and, with `keepTail`, the last ones too,
     * which hold a run's ending), one row in between saying how many were left out.
     */
    capRows(rows, what, opts = {}) {
        const max = Math.max(1, this.budget.rows);
        if (rows.length <= max)
            return rows;
        const omitted = rows.length - max;
        this.trimmed.push(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(omitted)} of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(rows.length)} ${what}`);
        const width = rows[0]?.length ?? 1;
        const note = [`… ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(omitted)} more ${what} not shown`, ...Array(width - 1).fill('…')];
        if (!opts.keepTail)
            return [...rows.slice(0, max), note];
        const head = Math.ceil(max / 2);
        return [...rows.slice(0, head), note, ...rows.slice(rows.length - (max - head))];
    }
    cellText(text) {
        return escapeCell(text, this.budget.cell);
    }
    /** Free text for a code block: shortened to the budget, otherwise verbatim. */
    freeText(text) {
        if (text.length > this.budget.text)
            this.trimmed.push('the end of a long message');
        return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text, this.budget.text);
    }
    /** Free text shown as markdown: shortened, HTML, links and images neutralised. */
    prose(text) {
        return noLinks(noMentions(escapeHtml(this.freeText(text))));
    }
}
/** A cell: one line, pipes escaped, HTML neutralised (a stray `<details>` or `-->` in a value cannot break the page). */
function escapeCell(text, max = 300) {
    return noLinks(noMentions(escapeHtml((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text.replace(/\r?\n/g, ' '), max)))).replace(/\|/g, '\\|');
}
/**
 * Untrusted text (stack events, AWS errors, probe answers) must not become a link or an image in
 * a bot's comment: `![x](https://…)` would load a tracker, `[approve](https://…)` would dress a
 * URL as a button. Brackets are escaped, and a zero-width space in `://` and `www.` keeps GitHub
 * from turning a bare URL into a link; the text still reads the same.
 */
const noLinks = (text) => text
    .replace(/[[\]]/g, (b) => `\\${b}`)
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`);
/**
 * A zero-width space after each `@`: an error quoting `@aws-sdk/client-lambda` must not mention
 * (and notify) a GitHub user from a bot comment. Code spans need no such care.
 */
const noMentions = (text) => text.replace(/@(?=[\w-])/g, '@\u200b');
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Inline code in a cell or sentence; backticks inside are swapped so the span stays closed. */
const code = (text, max = 300) => `\`${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text.replace(/`/g, "'").replace(/\r?\n/g, ' '), max)}\``;
/** Inline code that may sit in a table cell: pipes are escaped too. */
const codeCell = (text, max = 300) => code(text, max).replace(/\|/g, '\\|');
function table(headers, rows, align) {
    const sep = headers.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(sep), ...rows.map(line)].join('\n');
}
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** A fenced block whose fence is longer than any backtick run inside it. */
function fence(lang, body) {
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
    const f = '`'.repeat(longest + 1);
    return `${f}${lang}\n${body}\n${f}`;
}
/** Prefixes every line so a multi-line block (code fences included) stays inside a quote or alert. */
const quoteBlock = (text) => text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
const passMark = (passed) => (passed ? '✅' : '❌');


/***/ })

};
