export const id = 546;
export const ids = [546];
export const modules = {

/***/ 51935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LW: () => (/* binding */ getChangeSetTemplate),
/* harmony export */   PX: () => (/* binding */ listChangeSetNames),
/* harmony export */   ST: () => (/* binding */ isEmptyChangeSetReason),
/* harmony export */   V$: () => (/* binding */ createChangeSet),
/* harmony export */   _A: () => (/* binding */ executeChangeSet),
/* harmony export */   cW: () => (/* binding */ deleteChangeSet),
/* harmony export */   gx: () => (/* binding */ describeChangeSet),
/* harmony export */   pe: () => (/* binding */ isChangeSetMissingError)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3805);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
// Typed helpers over CloudFormation's change sets: create, read in full (every page, with what
// each change replaces and why), read the template a change set holds, execute and delete.


/** Names of the stack's change sets that start with prefix (all pages). */
async function listChangeSetNames(cfn, stackName, prefix) {
    const found = [];
    let NextToken;
    for (let page = 0; page < 100; page++) {
        const res = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .ListChangeSetsCommand */ .NK4({ StackName: stackName, NextToken }));
        for (const s of res.Summaries ?? []) {
            if (s.ChangeSetName?.startsWith(prefix))
                found.push({
                    name: s.ChangeSetName,
                    executionStatus: s.ExecutionStatus,
                    creationTime: s.CreationTime,
                });
        }
        NextToken = res.NextToken;
        if (!NextToken)
            break;
    }
    return found;
}
/** The properties whose change recreates the resource, each once, Always before Conditionally. */
function recreationCauses(change) {
    const causes = new Map();
    for (const d of change.Details ?? []) {
        const when = d.Target?.RequiresRecreation;
        if (when !== 'Always' && when !== 'Conditionally')
            continue;
        const property = d.Target?.Name ?? d.Target?.Attribute ?? '?';
        if (causes.get(property) !== 'Always')
            causes.set(property, when);
    }
    if (causes.size === 0)
        return undefined;
    return [...causes]
        .map(([property, when]) => ({ property, when }))
        .sort((a, b) => a.when === b.when ? a.property.localeCompare(b.property) : a.when === 'Always' ? -1 : 1);
}
function resourceChange(c) {
    const rc = c.ResourceChange;
    if (!rc)
        return undefined;
    const recreatedBy = recreationCauses(rc);
    return {
        logicalId: rc.LogicalResourceId ?? '?',
        physicalId: rc.PhysicalResourceId,
        type: rc.ResourceType ?? '?',
        // SyncWithActual only comes from drift-aware change sets, which this tool never creates.
        action: rc.Action === 'SyncWithActual' || !rc.Action ? 'Modify' : rc.Action,
        replacement: rc.Replacement,
        ...(recreatedBy ? { recreatedBy } : {}),
        ...(rc.PolicyAction ? { policyAction: rc.PolicyAction } : {}),
    };
}
const pairs = (items, key, value) => Object.fromEntries((items ?? []).filter((i) => key(i) !== undefined).map((i) => [key(i), value(i) ?? '']));
function describedHead(res, changes) {
    const rollback = res.RollbackConfiguration;
    return {
        status: res.Status ?? 'UNKNOWN',
        statusReason: res.StatusReason,
        executionStatus: res.ExecutionStatus,
        stackId: res.StackId,
        stackName: res.StackName,
        changeSetId: res.ChangeSetId,
        changeSetName: res.ChangeSetName,
        creationTime: res.CreationTime,
        parameters: pairs(res.Parameters, (p) => p.ParameterKey, (p) => p.ParameterValue),
        tags: pairs(res.Tags, (t) => t.Key, (t) => t.Value),
        notificationArns: res.NotificationARNs ?? [],
        ...(rollback
            ? {
                rollbackConfiguration: {
                    alarmArns: rollback.RollbackTriggers?.map((t) => t.Arn ?? ''),
                    monitoringMinutes: rollback.MonitoringTimeInMinutes,
                },
            }
            : {}),
        changes,
    };
}
/**
 * DescribeChangeSet across all pages (a page holds at most 100 changes). A name is looked up
 * on stackName; an ARN stands alone (it names its stack).
 */
async function describeChangeSet(cfn, stackName, changeSetName, { allPages = true } = {}) {
    const changes = [];
    let NextToken;
    let first;
    const byArn = changeSetName.startsWith('arn:');
    for (let page = 0; page < 100; page++) {
        const res = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .DescribeChangeSetCommand */ .TTT({
            ...(byArn ? {} : { StackName: stackName }),
            ChangeSetName: changeSetName,
            NextToken,
        }));
        first ??= describedHead(res, changes);
        for (const c of res.Changes ?? []) {
            const change = resourceChange(c);
            if (change)
                changes.push(change);
        }
        NextToken = res.NextToken;
        if (!allPages || !NextToken)
            break;
    }
    return first ?? { status: 'UNKNOWN', parameters: {}, tags: {}, notificationArns: [], changes };
}
/** True for the error DescribeChangeSet answers for a change set that does not exist (any more). */
const isChangeSetMissingError = (e) => e instanceof _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .ChangeSetNotFoundException */ .XJ9 ||
    (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e) === 'ChangeSetNotFoundException' ||
    (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e) === 'ChangeSetNotFound';
/** The template a change set holds, as it was submitted (before transforms). */
async function getChangeSetTemplate(cfn, stackName, changeSetName) {
    const res = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .GetTemplateCommand */ ._JK({ StackName: stackName, ChangeSetName: changeSetName, TemplateStage: 'Original' }));
    return res.TemplateBody ?? '';
}
// The two ways CloudFormation says a change set is empty (the second comes from older paths).
const EMPTY_CHANGE_SET = [
    "The submitted information didn't contain changes",
    'No updates are to be performed',
];
const isEmptyChangeSetReason = (reason) => EMPTY_CHANGE_SET.some((text) => reason?.includes(text));
/** Starts creating a change set; returns its id (the caller waits for it to be created). */
async function createChangeSet(cfn, request) {
    const res = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .CreateChangeSetCommand */ .YDU({
        StackName: request.stackName,
        ChangeSetName: request.changeSetName,
        ChangeSetType: request.changeSetType,
        ...('body' in request.template
            ? { TemplateBody: request.template.body }
            : { TemplateURL: request.template.url }),
        Parameters: [...request.parameters],
        Capabilities: [...request.capabilities],
        RoleARN: request.roleArn,
        Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
        Description: request.description,
        ...(request.notificationArns ? { NotificationARNs: [...request.notificationArns] } : {}),
        ...(request.rollback
            ? {
                RollbackConfiguration: {
                    RollbackTriggers: request.rollback.alarms?.map((a) => ({ Arn: a.arn, Type: a.type })),
                    MonitoringTimeInMinutes: request.rollback.monitoringMinutes,
                },
            }
            : {}),
    }));
    return res.Id;
}
async function deleteChangeSet(cfn, stackName, changeSetName) {
    await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .DeleteChangeSetCommand */ .$GE({ StackName: stackName, ChangeSetName: changeSetName }));
}
/** Executes a change set; its name doubles as the request token, so a retried call runs it once. */
async function executeChangeSet(cfn, stackName, changeSetName) {
    await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .ExecuteChangeSetCommand */ .PB_({
        StackName: stackName,
        ChangeSetName: changeSetName,
        ClientRequestToken: changeSetName,
    }));
}


/***/ }),

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GJ: () => (/* binding */ s3EndpointOverride),
/* harmony export */   cE: () => (/* binding */ AwsClients)
/* harmony export */ });
/* unused harmony exports IN_FLIGHT_PER_LOAD_WORKER, createAwsClient */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61279);
/* harmony import */ var _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(60818);
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3805);
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(44085);
/* harmony import */ var _aws_sdk_client_dynamodb__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(64305);
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(71696);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(53711);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(34736);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);
// One place that builds SDK clients, so every client gets the same region, endpoint override,
// retry policy and connection pool. Credentials always come from the SDK's default chain
// (OIDC role from configure-aws-credentials, env vars, profiles, instance roles).












/**
 * The in-flight requests one load worker holds by default before a second is used. Measured by
 * `npm run bench:load` on 2 cores: one thread keeps 256 in flight with its loop ~20 % busy, and
 * a thread answering fewer requests each wakes up for fewer at a time, which costs more CPU per
 * request (0.34 ms at 64 in flight on one thread, 0.43 ms over two).
 */
const IN_FLIGHT_PER_LOAD_WORKER = 256;
const DEFAULT_MAX_SOCKETS = 50;
const DEFAULT_MAX_ATTEMPTS = 6;
/** A NodeHttpHandler with keep-alive agents sized to the caller's concurrency. */
function createHttpHandler(options = {}) {
    const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
    return new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_4__.NodeHttpHandler({
        httpAgent: new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true, maxSockets }),
        httpsAgent: new node_https__WEBPACK_IMPORTED_MODULE_2__.Agent({ keepAlive: true, maxSockets }),
        connectionTimeout: options.connectionTimeoutMs ?? 10_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
    });
}
/** Builds any v3 client with the shared settings; `extra` adds service-specific config. */
function createAwsClient(
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every v3 client class fits
Client, options = {}, extra = {}) {
    return new Client({
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
        retryMode: 'adaptive',
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        requestHandler: createHttpHandler(options),
        ...extra,
    });
}
/** The endpoint S3 will use when one is overridden (explicitly or through the environment). */
function s3EndpointOverride(options) {
    if (options.endpointUrl)
        return options.endpointUrl;
    const env = options.env ?? process.env;
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true')
        return undefined;
    return env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}
/** S3 settings: path-style addressing and only-required checksums behind an emulator. */
function s3ClientExtras(options) {
    return s3EndpointOverride(options)
        ? {
            forcePathStyle: true,
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
        }
        : {};
}
/** Above Lambda's 900 s function timeout: a slow invocation is timed, never cut off. */
const LOAD_CLIENT_REQUEST_TIMEOUT_MS = 960_000;
/** The clients a run uses, created on first use. Later stages add theirs here. */
class AwsClients {
    options;
    #cloudFormation;
    #s3;
    #lambda;
    #dynamoDb;
    #ssm;
    #apiGateway;
    #cloudWatch;
    #extra = [];
    #loadClients = new WeakSet();
    constructor(options = {}) {
        this.options = options;
    }
    get cloudFormation() {
        return (this.#cloudFormation ??= createAwsClient(_aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_5__/* .CloudFormationClient */ .m1N, this.options));
    }
    get s3() {
        return (this.#s3 ??= createAwsClient(_aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__/* .S3Client */ .YxF, this.options, s3ClientExtras(this.options)));
    }
    get lambda() {
        return (this.#lambda ??= createAwsClient(_aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_7__/* .LambdaClient */ .Nox, this.options));
    }
    get dynamoDb() {
        return (this.#dynamoDb ??= createAwsClient(_aws_sdk_client_dynamodb__WEBPACK_IMPORTED_MODULE_8__/* .DynamoDBClient */ .MGV, this.options));
    }
    get ssm() {
        return (this.#ssm ??= createAwsClient(_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_9__/* .SSMClient */ .jBj, this.options));
    }
    get apiGateway() {
        return (this.#apiGateway ??= createAwsClient(_aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_10__/* .APIGatewayClient */ .UR2, this.options));
    }
    get cloudWatch() {
        return (this.#cloudWatch ??= createAwsClient(_aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_11__/* .CloudWatchClient */ .WBn, this.options));
    }
    /**
     * A Lambda client for a load test of `concurrency` invocations in flight: one socket per
     * request (the default 50 would queue requests and measure the queue) and one attempt per
     * call, so a throttle is counted as a throttle instead of hidden in a slower success.
     * Destroyed with the other clients.
     */
    lambdaForLoad(concurrency) {
        const client = createAwsClient(_aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_7__/* .LambdaClient */ .Nox, {
            ...this.options,
            maxSockets: Math.max(1, concurrency),
            maxAttempts: 1,
            requestTimeoutMs: LOAD_CLIENT_REQUEST_TIMEOUT_MS,
        });
        this.#extra.push(client);
        this.#loadClients.add(client);
        return client;
    }
    /**
     * Worker threads for a load test through `lambda`: its invocations may go out directly when it
     * is a load client (lambdaForLoad) and loadInvoke allows it; undefined: through the SDK client.
     */
    loadWorkersFor(lambda) {
        if ((this.options.loadInvoke ?? 'direct') !== 'direct' || !this.#loadClients.has(lambda))
            return undefined;
        const { loadWorkers } = this.options;
        // A number the user chose is used as far as the concurrency allows.
        return loadWorkers === undefined
            ? { max: Math.max(1, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)()), inFlightPerWorker: IN_FLIGHT_PER_LOAD_WORKER }
            : { max: Math.max(1, loadWorkers), inFlightPerWorker: 1 };
    }
    /** Ends `resource` with the clients: what a load test keeps between bursts (its workers). */
    keep(resource) {
        this.#extra.push(resource);
        return resource;
    }
    /** The region the clients resolve to; REGION_MISSING when nothing configures one. */
    async region() {
        try {
            return await this.cloudFormation.config.region();
        }
        catch (e) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CutoverError */ .DB('REGION_MISSING', 'No AWS region is configured: set the region input (--region on the CLI) or AWS_REGION.', [], { cause: e });
        }
    }
    destroy() {
        this.#cloudFormation?.destroy();
        this.#s3?.destroy();
        this.#lambda?.destroy();
        this.#dynamoDb?.destroy();
        this.#ssm?.destroy();
        this.#apiGateway?.destroy();
        this.#cloudWatch?.destroy();
        for (const client of this.#extra.splice(0))
            client.destroy();
    }
}


/***/ }),

/***/ 98797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ stuckStackAdvice),
/* harmony export */   GO: () => (/* binding */ describeStack),
/* harmony export */   NE: () => (/* binding */ isDeploySuccess),
/* harmony export */   QW: () => (/* binding */ readNewStackEvents),
/* harmony export */   WD: () => (/* binding */ cancelUpdateStack),
/* harmony export */   re: () => (/* binding */ classifyStackStatus),
/* harmony export */   vH: () => (/* binding */ updateTerminationProtection),
/* harmony export */   wm: () => (/* binding */ deleteStack)
/* harmony export */ });
/* unused harmony exports listStackResources, getProcessedTemplate */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96228);
// Typed helpers over the CloudFormation API for stacks: what a stack status means for a
// deployment, stack events read incrementally, the stack's resources and processed template,
// and the stack-wide operations (delete, cancel an update, termination protection). Change sets
// are in change-sets.ts.



const STABLE = new Set([
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE',
]);
function classifyStackStatus(status) {
    if (!status || status === 'DELETE_COMPLETE')
        return 'absent';
    if (status === 'REVIEW_IN_PROGRESS')
        return 'review';
    if (status.endsWith('_IN_PROGRESS'))
        return 'in-progress';
    if (status === 'ROLLBACK_COMPLETE')
        return 'rollback-complete';
    if (STABLE.has(status))
        return 'stable';
    return 'stuck';
}
/** Statuses that end a deployment successfully. */
const isDeploySuccess = (status) => status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE';
/** What a person must do to free a stack in each stuck state. */
function stuckStackAdvice(stackName, status) {
    switch (status) {
        case 'UPDATE_ROLLBACK_FAILED':
            return `CloudFormation could not roll back the last update. Fix or skip the resources that failed (see the stack events), run "aws cloudformation continue-update-rollback --stack-name ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(stackName)}", then run again.`;
        case 'UPDATE_FAILED':
            return `The last update failed with rollback disabled. Run "aws cloudformation rollback-stack --stack-name ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(stackName)}" (or fix and update it by hand), then run again.`;
        case 'DELETE_FAILED':
            return `Deleting the stack failed. Delete it again, retaining what cannot be deleted ("aws cloudformation delete-stack --stack-name ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(stackName)} --retain-resources …"), then run again.`;
        case 'CREATE_FAILED':
        case 'ROLLBACK_FAILED':
        case 'IMPORT_ROLLBACK_FAILED':
            return `The stack cannot be updated from this state. Delete it ("aws cloudformation delete-stack --stack-name ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(stackName)}", retaining resources that cannot be deleted), then run again.`;
        default:
            return `lmi-cutover does not know how to deploy over this state. Inspect the stack in the CloudFormation console, bring it to a *_COMPLETE state, then run again.`;
    }
}
/** DescribeStacks for a name or id; undefined when the stack does not exist. */
async function describeStack(cfn, stackName) {
    try {
        const { Stacks } = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DescribeStacksCommand */ .Y47({ StackName: stackName }));
        return Stacks?.[0];
    }
    catch (e) {
        if (isStackMissingError(e))
            return undefined;
        throw e;
    }
}
const isStackMissingError = (e) => (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e) === 'ValidationError' && /does not exist/.test((0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e));
/**
 * Events newer than the ones in `seen`, oldest first. Pages back (newest first) until an event
 * already seen, so a burst of more than one page between polls is not lost. `seen` is updated.
 */
async function readNewStackEvents(cfn, stackId, seen, maxPages = 20) {
    const fresh = [];
    const inThisRead = new Set();
    let NextToken;
    pages: for (let page = 0; page < maxPages; page++) {
        const res = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DescribeStackEventsCommand */ .Ie9({ StackName: stackId, NextToken }));
        for (const event of res.StackEvents ?? []) {
            if (!event.EventId || seen.has(event.EventId))
                break pages;
            if (inThisRead.has(event.EventId))
                continue;
            inThisRead.add(event.EventId);
            fresh.push(event);
        }
        NextToken = res.NextToken;
        if (!NextToken)
            break;
    }
    for (const id of inThisRead)
        seen.add(id);
    return fresh.reverse();
}
/** Every resource of the stack, every page (ListStackResources). */
async function listStackResources(cfn, stackName) {
    const all = [];
    for await (const page of paginateListStackResources({ client: cfn }, { StackName: stackName }))
        all.push(...(page.StackResourceSummaries ?? []));
    return all;
}
/** The stack's template after its transforms (SAM's resources, with their DeletionPolicy), as text. */
async function getProcessedTemplate(cfn, stackName) {
    const res = await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Processed' }));
    return res.TemplateBody;
}
/** Deletes a stack (by id, so a later lookup reads DELETE_COMPLETE instead of "does not exist"). */
async function deleteStack(cfn, stackId, roleArn) {
    await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DeleteStackCommand */ .fAr({ StackName: stackId, RoleARN: roleArn }));
}
/** Cancels the update running on the stack; CloudFormation then rolls it back. */
async function cancelUpdateStack(cfn, stackId) {
    await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .CancelUpdateStackCommand */ .v6j({ StackName: stackId }));
}
async function updateTerminationProtection(cfn, stackId, enable) {
    await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .UpdateTerminationProtectionCommand */ .mP2({ StackName: stackId, EnableTerminationProtection: enable }));
}


/***/ }),

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

/***/ 19473:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ readChecksFile)
});

// UNUSED EXPORTS: parseChecksFile

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 14 modules
var schemas = __webpack_require__(45586);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/config/yaml-file.ts
// What the checks file and the waves file share: read the file, parse its YAML with line
// numbers, and turn schema problems into lines that name a path in the file and its line.




/** The file's text; INVALID_INPUT naming the file (`what`: the input it came from) otherwise. */
async function readInputFile(cwd, path, what) {
    try {
        return await (0,promises_.readFile)((0,external_node_path_.resolve)(cwd, path), 'utf8');
    }
    catch (e) {
        throw new errors/* CutoverError */.DB('INVALID_INPUT', `${what}: cannot read ${path}: ${e.message}`);
    }
}
function parseYamlFile(text) {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false });
    const syntaxProblems = doc.errors.map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    return { doc, lines, syntaxProblems };
}
/** One problem per schema issue: its path in the file, the message, and the line when known. */
function schemaProblems(file, issues) {
    return issues.map((issue) => {
        const path = issue.path.filter((p) => typeof p !== 'symbol');
        // An unknown key is on its own line, not on its parent's.
        const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
        const line = lineOf(file.doc, file.lines, at);
        return {
            line: line ?? 0,
            text: `${formatPath(path) || '(file)'}: ${issue.message}${line ? ` (line ${line})` : ''}`,
        };
    });
}
/** `checks[1].expect.status`. */
function formatPath(path) {
    return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
/** The line of the deepest node the path reaches (an unknown key points at its parent). */
function lineOf(doc, lines, path) {
    let node = doc.contents;
    let line;
    const lineOfNode = (n) => {
        const range = n?.range;
        return range ? lines.linePos(range[0]).line : undefined;
    };
    line = lineOfNode(node);
    for (const key of path) {
        if ((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node))
            node = node.get(key, true);
        else
            break;
        line = lineOfNode(node) ?? line;
    }
    return line;
}

;// CONCATENATED MODULE: ./src/config/checks-file.ts
// The `checks` input: the user's own smoke checks (and the request the concurrency check would
// send) for an app that is not the bundled webhook workload. A YAML file, validated as a whole:
// every problem is reported at once, by its path in the file and its line, in one error.



const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const stringMap = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]).transform(String));
const requestSchema = schemas/* strictObject */.rej({
    method: schemas/* string */.YjP()
        .transform((m) => m.toUpperCase())
        .pipe(schemas/* enum */.k5n(METHODS)),
    path: schemas/* string */.YjP().regex(/^\//, 'a path starting with /'),
    query: stringMap.optional(),
    headers: stringMap.optional(),
    // A string is sent as it is; anything else as JSON.
    body: schemas/* unknown */.L5J().optional(),
});
const regexSource = schemas/* string */.YjP().refine((s) => {
    try {
        new RegExp(s);
        return true;
    }
    catch {
        return false;
    }
}, 'a valid regular expression');
const expectSchema = schemas/* strictObject */.rej({
    status: schemas/* number */.aig().int().min(100).max(599).optional(),
    json: schemas/* unknown */.L5J().optional(),
    headers: stringMap.optional(),
    bodyMatches: regexSource.optional(),
    maxLatencyMs: schemas/* number */.aig().positive().optional(),
})
    .refine((e) => Object.values(e).some((v) => v !== undefined), 'at least one expectation');
const checkSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1),
    request: requestSchema,
    expect: expectSchema,
    /** With a `signing` section: false sends this check unsigned (to prove the app refuses it). */
    signed: schemas/* boolean */.zMY().optional(),
});
/** Where the signing secret is: an SSM parameter, by name or named in the LMI function's environment. */
const secretSchema = schemas/* union */.KCZ([
    schemas/* strictObject */.rej({ ssmParameter: schemas/* string */.YjP().min(1) }),
    schemas/* strictObject */.rej({
        functionEnvironment: schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
    }),
]);
/** The bundled webhook's scheme before Standard Webhooks: refused with what to write instead. */
const RETIRED_SCHEME = 'lmi-cutover-hmac';
/**
 * How requests are signed. `standard-webhooks` (standardwebhooks.com, the bundled webhook's):
 * `webhook-id` (a fresh delivery id per request), `webhook-timestamp` and `webhook-signature:
 * v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, one entry per `whsec_` secret the
 * parameter holds.
 */
const signingSchema = schemas/* strictObject */.rej({
    scheme: schemas/* literal */.euz('standard-webhooks', {
        error: (issue) => issue.input === RETIRED_SCHEME
            ? `${RETIRED_SCHEME} is no longer supported (its MAC left the delivery id out); write scheme: standard-webhooks, ` +
                'and put whsec_ secrets in the SSM parameter (README: Signing webhooks)'
            : 'standard-webhooks (the one scheme supported)',
    }),
    secret: secretSchema,
});
const fileSchema = schemas/* strictObject */.rej({
    signing: signingSchema.optional(),
    checks: schemas/* array */.YOg(checkSchema).min(1),
    load: schemas/* strictObject */.rej({ request: requestSchema, expect: expectSchema }).optional(),
});
/** Reads and validates the checks file; INVALID_INPUT listing every problem when it is not valid. */
async function readChecksFile(cwd, path) {
    return parseChecksFile(await readInputFile(cwd, path, 'checks'), path);
}
function parseChecksFile(text, source) {
    const file = parseYamlFile(text);
    if (file.syntaxProblems.length > 0)
        throw invalid(source, file.syntaxProblems);
    const parsed = fileSchema.safeParse(file.doc.toJS());
    if (parsed.success) {
        const names = parsed.data.checks.map((c) => c.name);
        const twice = names.filter((n, i) => names.indexOf(n) !== i);
        // Names identify checks in the report and in SMOKE_FAILED.
        if (twice.length > 0)
            throw invalid(source, [`checks: the name ${JSON.stringify(twice[0])} is used twice`]);
        return parsed.data;
    }
    // In the order of the file, as a reader fixes them.
    const problems = schemaProblems(file, parsed.error.issues);
    throw invalid(source, problems.sort((a, b) => a.line - b.line).map((p) => p.text));
}
function invalid(source, problems) {
    return new errors/* CutoverError */.DB('INVALID_INPUT', `checks: ${source} is not a valid checks file (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')}`, problems);
}


/***/ }),

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

/***/ 88822:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ poll)
/* harmony export */ });
/* unused harmony export POLL_MESSAGES */
/* harmony import */ var p_wait_for__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61835);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96228);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34664);
// One polling loop for every wait (stack, change set, provisioning, a route change settling):
// p-wait-for drives the rounds; this adds what AWS waits need on top — a deadline on the
// injectable clock (so tests run multi-minute waits instantly), back-off while AWS throttles,
// and a heartbeat when nothing has been said for a while, so a log never goes quiet long
// enough to look hung.




const POLL_MESSAGES = {
    throttled: (0,_progress_js__WEBPACK_IMPORTED_MODULE_1__/* .message */ .i)('poll.throttled', 'warn', 'AWS throttles a wait; polling slows down until it eases.'),
    heartbeat: (0,_progress_js__WEBPACK_IMPORTED_MODULE_1__/* .message */ .i)('poll.heartbeat', 'info', 'A wait is still going; said when it has been quiet for a while.'),
};
async function poll(env, options, attempt) {
    const { timing } = options;
    const start = env.clock.now();
    let lastLine = start;
    let interval = timing.intervalMs;
    let throttled = false;
    let rounds = 0;
    const round = async () => {
        // The deadline bounds the loop; the count guards against a clock that does not move.
        if (++rounds > 1_000_000)
            options.onTimeout();
        try {
            const step = await attempt();
            if (step.done)
                return p_wait_for__WEBPACK_IMPORTED_MODULE_2__/* ["default"] */ .A.resolveWith(step.value);
            if (step.activity)
                lastLine = env.clock.now();
            if (throttled) {
                throttled = false;
                interval = timing.intervalMs;
            }
        }
        catch (e) {
            if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottlingError */ .Qb)(e))
                throw e;
            interval = Math.min(interval * 2, timing.maxIntervalMs);
            if (!throttled)
                env.progress.emit(POLL_MESSAGES.throttled, `AWS is throttling ${options.what}; polling every ${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(interval)} until it eases.`);
            throttled = true;
        }
        const now = env.clock.now();
        if (now >= options.deadline)
            options.onTimeout();
        if (now - lastLine >= timing.heartbeatMs) {
            env.progress.emit(options.heartbeatMessage ?? POLL_MESSAGES.heartbeat, options.heartbeat(now - start));
            lastLine = now;
        }
        // The pause is the clock's, not p-wait-for's timer, so a test clock skips it and a
        // cancellation ends it with CANCELLED.
        await env.clock.sleep(Math.min(interval, Math.max(options.deadline - now, 0)), env.signal);
        return false;
    };
    return (0,p_wait_for__WEBPACK_IMPORTED_MODULE_2__/* ["default"] */ .A)(round, { interval: 0, before: true });
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

/***/ 387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hg: () => (/* binding */ announceChanges),
/* harmony export */   WB: () => (/* binding */ deleteStaleChangeSets),
/* harmony export */   Xl: () => (/* binding */ deleteChangeSetQuietly),
/* harmony export */   Xz: () => (/* binding */ planChangeSetName),
/* harmony export */   bp: () => (/* binding */ waitForChangeSet),
/* harmony export */   ig: () => (/* binding */ newChangeSetName),
/* harmony export */   pc: () => (/* binding */ startChangeSet),
/* harmony export */   tv: () => (/* binding */ PLAN_PREFIX)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51935);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5912);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(96228);
/* harmony import */ var _core_poll_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88822);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(96150);
// Step 3 of the deploy stage: one change set per run, named so our own leftovers can be found
// and removed, waited for, and read in full into a typed summary.







const CHANGE_SET_PREFIX = 'lmi-cutover-';
/** A plan's change set is kept for review: deploys leave these alone (see plan-stack.ts). */
const PLAN_PREFIX = `${CHANGE_SET_PREFIX}plan-`;
const random3 = () => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex');
const stampOf = (now) => new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
/** `lmi-cutover-20250102-030405-a1b2c3`: sortable, unique per run, a valid change set name. */
function newChangeSetName(now, random = random3) {
    return `${CHANGE_SET_PREFIX}${stampOf(now)}-${random()}`;
}
/** `lmi-cutover-plan-pr42-20250102-030405-a1b2c3`: a plan's, naming its pull request when known. */
function planChangeSetName(now, pullRequest, random = random3) {
    const pr = pullRequest === undefined ? '' : `pr${pullRequest}-`;
    return `${PLAN_PREFIX}${pr}${stampOf(now)}-${random()}`;
}
/**
 * Removes change sets earlier deploys of this tool left behind; never touches anyone else's,
 * nor a plan kept for review.
 */
async function deleteStaleChangeSets(ctx, stackName) {
    const cfn = ctx.aws.cloudFormation;
    const stale = (await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .listChangeSetNames */ .PX)(cfn, stackName, CHANGE_SET_PREFIX)).filter(
    // One being executed cannot be deleted and finishes by itself.
    (c) => c.executionStatus !== 'EXECUTE_IN_PROGRESS' && !c.name.startsWith(PLAN_PREFIX));
    for (const { name } of stale)
        await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .deleteChangeSet */ .cW)(cfn, stackName, name);
    if (stale.length > 0) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.staleChangeSetsDeleted, `Deleted ${stale.length} stale change set${stale.length === 1 ? '' : 's'} of earlier runs: ${stale.map((c) => c.name).join(', ')}`);
    }
    return stale.map((c) => c.name);
}
/** Asks CloudFormation for this run's change set; waitForChangeSet follows its computation. */
async function startChangeSet(ctx, request, description = 'Created by lmi-cutover') {
    try {
        await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .createChangeSet */ .V$)(ctx.aws.cloudFormation, { ...request, description });
    }
    catch (e) {
        if ((0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorName */ .Is)(e) !== 'InsufficientCapabilitiesException')
            throw e;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CutoverError */ .DB('DEPLOY_CHANGESET_FAILED', `CloudFormation refused change set ${request.changeSetName} on ${request.stackName}: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}. ` +
            `The template needs a capability the capabilities input does not list (${request.capabilities.join(', ') || 'none'}): add it there, or change the template.`, [], { cause: e });
    }
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.changeSetCreated, `Created ${request.changeSetType} change set ${request.changeSetName}; waiting for CloudFormation to compute it.`);
}
/** Waits until the change set is ready (or empty); a failed one becomes DEPLOY_CHANGESET_FAILED. */
async function waitForChangeSet(ctx, stackName, changeSetName, wait) {
    let status = 'CREATE_PENDING';
    return (0,_core_poll_js__WEBPACK_IMPORTED_MODULE_4__/* .poll */ .w)(ctx, {
        timing: wait.timing,
        deadline: wait.deadline,
        what: `DescribeChangeSet for ${changeSetName}`,
        heartbeatMessage: _messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.changeSetWaiting,
        heartbeat: (elapsed) => `still waiting: change set ${changeSetName} is ${status}, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a3)(elapsed)} elapsed`,
        onTimeout: () => {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CutoverError */ .DB('DEPLOY_TIMEOUT', `Change set ${changeSetName} on ${stackName} was still ${status} after ${wait.timeoutMinutes} minutes (deploy-timeout-minutes). ` +
                'CloudFormation is unusually slow: check the change set in the console, then run again.');
        },
    }, async () => {
        const step = await readChangeSet(ctx, stackName, changeSetName);
        status = step.status;
        return step.step;
    });
}
/** One look at the change set: its status, and the outcome once CloudFormation has one. */
async function readChangeSet(ctx, stackName, changeSetName) {
    const cfn = ctx.aws.cloudFormation;
    // The first page holds the status; all pages are read once it is complete.
    const head = await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeChangeSet */ .gx)(cfn, stackName, changeSetName, { allPages: false });
    const { status } = head;
    if (status === 'CREATE_COMPLETE') {
        const full = await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeChangeSet */ .gx)(cfn, stackName, changeSetName);
        return {
            status,
            step: {
                done: true,
                value: { type: 'ready', stackId: full.stackId ?? stackName, changes: full.changes },
            },
        };
    }
    if (status !== 'FAILED')
        return { status, step: { done: false } };
    if ((0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .isEmptyChangeSetReason */ .ST)(head.statusReason)) {
        const reason = head.statusReason ?? '';
        return {
            status,
            step: { done: true, value: { type: 'empty', stackId: head.stackId ?? stackName, reason } },
        };
    }
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CutoverError */ .DB('DEPLOY_CHANGESET_FAILED', `CloudFormation rejected change set ${changeSetName} on ${stackName}: ${head.statusReason ?? 'no reason given'}. ` +
        'Fix the template or parameters and run again.');
}
/** Best effort: a change set left behind is cleaned up by the next run anyway. */
async function deleteChangeSetQuietly(ctx, stackName, changeSetName) {
    try {
        await (0,_aws_change_sets_js__WEBPACK_IMPORTED_MODULE_1__/* .deleteChangeSet */ .cW)(ctx.aws.cloudFormation, stackName, changeSetName);
    }
    catch (e) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.changeSetDeleteFailed, `Could not delete change set ${changeSetName}: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`);
    }
}
/** The change set's size, then one line per resource change, before it is executed. */
function announceChanges(ctx, changeSetName, changes) {
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.changeSetSummary, `Change set ${changeSetName}: ${changes.length} change${changes.length === 1 ? '' : 's'}`);
    for (const line of describeChanges(changes))
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .DEPLOY_MESSAGES */ .B.change, `  ${line}`);
}
/** `Modify  Cp  AWS::Lambda::CapacityProvider  replacement: True (InstanceRequirements)` lines for the log. */
function describeChanges(changes) {
    return changes.map((c) => {
        const causes = c.recreatedBy?.map((r) => `${r.property}${r.when === 'Conditionally' ? '?' : ''}`) ?? [];
        const replacement = c.action === 'Modify' && c.replacement
            ? `  replacement: ${c.replacement}${causes.length > 0 ? ` (${causes.join(', ')})` : ''}`
            : '';
        const risk = c.risk ? `  !! ${c.risk}` : '';
        return `${c.action.padEnd(7)} ${c.logicalId}  ${c.type}${replacement}${risk}`;
    });
}


/***/ }),

/***/ 91415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ outputsWithContract)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31449);
/* harmony import */ var _template_routing_contract_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48664);
// A stack's outputs, completed from its routing contract. A template that declares
// `Metadata: lmi-cutover` (routing-contract.ts) need not name its outputs as the pipeline reads
// them: the contract's logical ids lead to the stack's resources — the functions, the versions
// and aliases SAM's AutoPublishAlias made for them, the REST API and its stage — and those give
// every value. Outputs the template does declare are kept as they are.



/** What the contract derives; a stack that declares all of them needs no lookup. */
const DERIVED = [
    'LmiFunctionName',
    'LmiVersion',
    'LmiAliasArn',
    'StandardFunctionName',
    'StandardVersion',
    'StandardAliasArn',
    'RestApiId',
    'StageName',
    'ApiUrl',
];
/** The outputs, with what the contract can derive for the keys they lack. */
async function outputsWithContract(ctx, stackName, outputs) {
    // Declared outputs win, so a stack declaring every one (the bundled workload) costs no calls.
    if (DERIVED.every((k) => outputs[k]))
        return outputs;
    const contract = await deployedContract(ctx, stackName);
    if (!contract)
        return outputs;
    const resources = await stackResources(ctx, stackName);
    const derived = await contractOutputs(ctx, contract, resources);
    return { ...derived, ...outputs };
}
async function deployedContract(ctx, stackName) {
    let summary;
    try {
        summary = await ctx.aws.cloudFormation.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .GetTemplateSummaryCommand */ .A55({ StackName: stackName }));
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_0__/* .throwIfAccessDenied */ .v)(e, 'cloudformation:GetTemplateSummary', stackName);
        throw e;
    }
    return (0,_template_routing_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .routingContractOf */ .m)(summary?.Metadata, `The template of stack ${stackName}`);
}
async function stackResources(ctx, stackName) {
    const all = [];
    try {
        for await (const page of (0,_aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .paginateListStackResources */ .Rus)({ client: ctx.aws.cloudFormation }, { StackName: stackName }))
            all.push(...(page.StackResourceSummaries ?? []));
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_0__/* .throwIfAccessDenied */ .v)(e, 'cloudformation:ListStackResources', stackName);
        throw e;
    }
    return all;
}
/** The values the pipeline reads, from the resources the contract names. */
async function contractOutputs(ctx, contract, resources) {
    const live = (r) => !(r.ResourceStatus ?? '').startsWith('DELETE');
    const byId = (id) => id === undefined
        ? undefined
        : resources.find((r) => r.LogicalResourceId === id && live(r))?.PhysicalResourceId;
    // SAM names AutoPublishAlias's resources `<Function>Version<hash>` and `<Function>Alias<alias>`.
    const owned = (fn, kind, type) => resources.filter((r) => r.ResourceType === type && live(r) && (r.LogicalResourceId ?? '').startsWith(`${fn}${kind}`));
    const version = (fn) => {
        const numbers = owned(fn, 'Version', 'AWS::Lambda::Version')
            .map((r) => /:(\d+)$/.exec(r.PhysicalResourceId ?? '')?.[1])
            .filter((v) => v !== undefined)
            .map(Number);
        return numbers.length > 0 ? String(Math.max(...numbers)) : undefined;
    };
    const alias = (fn) => owned(fn, 'Alias', 'AWS::Lambda::Alias')[0]?.PhysicalResourceId;
    const restApiId = byId(contract.restApi);
    const stage = resources.find((r) => r.ResourceType === 'AWS::ApiGateway::Stage' &&
        live(r) &&
        (r.LogicalResourceId ?? '').startsWith(contract.restApi))?.PhysicalResourceId;
    const capacityProvider = resources.find((r) => r.ResourceType === 'AWS::Lambda::CapacityProvider' && live(r));
    const values = {
        LmiFunctionName: byId(contract.lmiFunction),
        LmiVersion: version(contract.lmiFunction),
        LmiAliasArn: alias(contract.lmiFunction),
        StandardFunctionName: byId(contract.standardFunction),
        StandardVersion: version(contract.standardFunction),
        StandardAliasArn: alias(contract.standardFunction),
        RestApiId: restApiId,
        StageName: stage,
        ApiUrl: restApiId && stage ? await stageUrl(ctx, restApiId, stage) : undefined,
        CapacityProviderArn: capacityProviderArn(capacityProvider?.PhysicalResourceId, alias(contract.lmiFunction)),
        EventsTableName: contract.eventsTable ? byId(contract.eventsTable) : undefined,
    };
    return Object.fromEntries(Object.entries(values).filter((e) => !!e[1]));
}
/** Ref of a capacity provider is its name; its ARN shares the partition, region and account of the LMI alias. */
function capacityProviderArn(physicalId, aliasArn) {
    if (!physicalId || physicalId.startsWith('arn:'))
        return physicalId;
    const m = /^arn:([^:]+):lambda:([^:]+):(\d{12}):/.exec(aliasArn ?? '');
    return m ? `arn:${m[1]}:lambda:${m[2]}:${m[3]}:capacity-provider:${physicalId}` : undefined;
}
/**
 * The stage's public URL. Behind an endpoint override (a local cloud) it is that cloud's
 * execute-api path, the form LocalStack and this project's emulator serve.
 */
async function stageUrl(ctx, restApiId, stage) {
    const endpoint = ctx.aws.options.endpointUrl ?? (ctx.aws.options.env ?? process.env).AWS_ENDPOINT_URL;
    if (endpoint)
        return `${endpoint.replace(/\/+$/, '')}/restapis/${restApiId}/${stage}/_user_request_`;
    const region = await ctx.aws.region();
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://${restApiId}.execute-api.${region}.${suffix}/${stage}`;
}


/***/ }),

/***/ 44418:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ deployStack)
});

// EXTERNAL MODULE: ./src/pipeline/deploy/change-set.ts
var change_set = __webpack_require__(387);
// EXTERNAL MODULE: ./src/pipeline/deploy/contract-outputs.ts
var contract_outputs = __webpack_require__(91415);
// EXTERNAL MODULE: ./src/aws/cloudformation.ts
var cloudformation = __webpack_require__(98797);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/pipeline/deploy/messages.ts
var messages = __webpack_require__(96150);
;// CONCATENATED MODULE: ./src/pipeline/deploy/deploy-result.ts
// What the deploy stage returns: a deployed stack or a no-op, as the CDK toolkit's
// deployment results do, so the modes and the report decide on a type, never on text. Built
// last (step 5), from the stack's outputs as CloudFormation now reports them.




/** The stack's outputs as a plain map (an output without a value reads as ''). */
function stackOutputs(outputs) {
    return Object.fromEntries((outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey, o.OutputValue ?? '']));
}
/** Step 5 when CloudFormation found nothing to change: the stack as it already is. */
async function noOpDeploy(ctx, base, empty, started) {
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.noChanges, `No changes: ${empty.reason}`);
    const stack = await (0,cloudformation/* describeStack */.GO)(ctx.aws.cloudFormation, empty.stackId);
    return {
        ...base,
        type: 'no-op',
        stackId: stack?.StackId ?? empty.stackId,
        stackStatus: stack?.StackStatus ?? 'UNKNOWN',
        outputs: await (0,contract_outputs/* outputsWithContract */.H)(ctx, base.stackName, stackOutputs(stack?.Outputs)),
        changes: [],
        changeCount: 0,
        durationMs: ctx.clock.now() - started,
    };
}
/** Step 5 after a successful execution: the outputs the deployed stack now has. */
async function didDeployStack(ctx, base, deployment) {
    const stack = await (0,cloudformation/* describeStack */.GO)(ctx.aws.cloudFormation, deployment.stackId);
    const durationMs = ctx.clock.now() - deployment.started;
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.deployed, `Deployed ${base.stackName} in ${(0,format/* formatDuration */.a3)(durationMs)}.`);
    return {
        ...base,
        type: 'did-deploy-stack',
        stackId: stack?.StackId ?? deployment.stackId,
        stackStatus: deployment.stackStatus,
        outputs: await (0,contract_outputs/* outputsWithContract */.H)(ctx, base.stackName, stackOutputs(stack?.Outputs)),
        changeSetType: deployment.changeSetType,
        changes: deployment.changes,
        changeCount: deployment.changes.length,
        recreated: deployment.recreated,
        durationMs,
    };
}

// EXTERNAL MODULE: ./src/pipeline/deploy/deployment.ts + 9 modules
var deployment = __webpack_require__(54065);
// EXTERNAL MODULE: ./src/aws/change-sets.ts
var change_sets = __webpack_require__(51935);
// EXTERNAL MODULE: ./src/core/poll.ts
var poll = __webpack_require__(88822);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(31954);
// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/pipeline/deploy/execution-errors.ts
// How a change set execution fails, as errors a person can act on: the root cause first (the
// earliest failure that is not just CloudFormation cancelling the resources around it), what
// state the stack is left in, and what to run next.




const CANCELLED = ['Resource creation cancelled', 'Resource update cancelled'];
/** Failed events, root cause first: the earliest resource failure that is not a cancellation. */
function orderFailures(events, stackName) {
    const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED'));
    const isStackSummary = (e) => e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stackName;
    const rank = (e) => (isStackSummary(e) ? 2 : isCancellation(e) ? 1 : 0);
    // Stable sort keeps chronological order within each rank.
    return [...failed].sort((a, b) => rank(a) - rank(b));
}
const isCancellation = (e) => CANCELLED.some((c) => e.ResourceStatusReason?.startsWith(c));
/**
 * The reason CloudFormation gave the stack's rollback, when no resource failed by itself: a
 * rollback trigger's alarm, or a cancel, only cancel the resources in progress (or none, in the
 * monitoring period), so the stack's own *ROLLBACK_IN_PROGRESS event is the root cause.
 */
function rollbackReason(events, stackName) {
    return events.find((e) => e.ResourceType === 'AWS::CloudFormation::Stack' &&
        e.LogicalResourceId === stackName &&
        e.ResourceStatus?.endsWith('ROLLBACK_IN_PROGRESS') &&
        e.ResourceStatusReason)?.ResourceStatusReason;
}
const describeFailure = (e) => `${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? 'no reason given'}`;
function failureError(bounds, status, events) {
    const failures = orderFailures(events, bounds.stackName);
    const root = failures[0];
    const rolledBackFor = rollbackReason(events, bounds.stackName);
    let cause;
    if (root && !isCancellation(root))
        cause = ` Root cause: ${describeFailure(root)}.`;
    else if (rolledBackFor)
        cause = ` CloudFormation rolled the stack back: ${rolledBackFor}${rolledBackFor.endsWith('.') ? '' : '.'}`;
    else if (root)
        cause = ` Root cause: ${describeFailure(root)}.`;
    else
        cause = ' CloudFormation reported no failed resource.';
    let next;
    if (status === 'ROLLBACK_COMPLETE')
        next = ' Fix it and run again; the next run deletes the failed stack and creates it anew.';
    else if (status.endsWith('_ROLLBACK_COMPLETE'))
        next = ' The stack is back on its previous template; fix the cause and run again.';
    else
        next = ` ${(0,cloudformation/* stuckStackAdvice */.$r)(bounds.stackName, status)}`;
    return new errors/* CutoverError */.DB('DEPLOY_FAILED', `Deploying stack ${bounds.stackName} failed; the stack is ${status}.${cause}${next}`, failures.map(describeFailure));
}
function provisioningTimeoutError(bounds, versionId, waitedMs) {
    return new errors/* CutoverError */.DB('PROVISIONING_TIMEOUT', `Function version ${versionId} is still provisioning after ${(0,format/* formatDuration */.a3)(waitedMs)} ` +
        `(provisioning-timeout-minutes: ${bounds.provisioningTimeoutMinutes}); the run fails because the LMI version is not known to be Active. ` +
        `CloudFormation carries on without this run: watch the stack ${bounds.stackName} in the console, or raise provisioning-timeout-minutes.`, [`in progress: ${versionId}`]);
}
/** The deadline passed in a state the run cannot cancel: a creation, a cleanup, a rollback. */
function timeoutError(bounds, status, busy) {
    const cancel = status === 'CREATE_IN_PROGRESS'
        ? ' A first creation cannot be cancelled (CancelUpdateStack applies to updates only): if it fails, the stack ends ROLLBACK_COMPLETE and the next run deletes it and creates it again.'
        : status === 'UPDATE_IN_PROGRESS'
            ? ` To stop it, run "aws cloudformation cancel-update-stack --stack-name ${(0,format/* shellQuote */.ZL)(bounds.stackName)}".`
            : '';
    return new errors/* CutoverError */.DB('DEPLOY_TIMEOUT', `Stack ${bounds.stackName} is still ${status} after ${bounds.timeoutMinutes} minutes (deploy-timeout-minutes); ` +
        `the run fails because the deployment is not known to have worked. CloudFormation carries on without this run: watch it in the console.${cancel}`, busy.length > 0 ? [`in progress: ${busy.join(', ')}`] : []);
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/cancel-on-timeout.ts
// When deploy-timeout-minutes passes while an update still runs, the run does not walk away
// from it: it cancels the update (CancelUpdateStack, valid only in UPDATE_IN_PROGRESS),
// follows CloudFormation's rollback for a bounded while, and fails saying what it did and where
// the stack is now. A first creation cannot be cancelled (execution-errors.ts says so instead).








/** Cancels the timed-out update and waits for the rollback; returns the run's DEPLOY_TIMEOUT error. */
async function cancelTimedOutUpdate(ctx, target, events, busy) {
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.updateCancelling, `Stack ${target.stackName} is still UPDATE_IN_PROGRESS after ${target.timeoutMinutes} minutes (deploy-timeout-minutes): ` +
        'cancelling the update (CancelUpdateStack); CloudFormation rolls it back to the previous template.');
    let refused;
    try {
        await (0,cloudformation/* cancelUpdateStack */.WD)(ctx.aws.cloudFormation, target.stackId);
    }
    catch (e) {
        // The update moved past UPDATE_IN_PROGRESS meanwhile, or the role may not cancel.
        refused = (0,aws_errors/* errorMessage */.gJ)(e);
        ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.updateNotCancelled, `CancelUpdateStack was refused (${refused}); watching stack ${target.stackName} settle.`);
    }
    const status = await settle(ctx, target, events);
    return timedOutError(target, { status, refused, busy, events });
}
/** The stack's status once it leaves *_IN_PROGRESS, or the in-progress one at the bound. */
async function settle(ctx, target, events) {
    const started = ctx.clock.now();
    const bound = defaults/* FIXED */.N2.cancelRollbackWaitMinutes;
    let status = 'UPDATE_IN_PROGRESS';
    const stillRunning = new Error('still in progress');
    try {
        return await (0,poll/* poll */.w)(ctx, {
            timing: target.timing,
            deadline: started + bound * 60_000,
            what: `DescribeStacks for ${target.stackName}`,
            heartbeatMessage: messages/* DEPLOY_MESSAGES */.B.rollbackWaiting,
            heartbeat: (elapsed) => `still waiting: stack ${target.stackName} is ${status} after the cancel, ${(0,format/* formatDuration */.a3)(elapsed)} elapsed`,
            onTimeout: () => {
                throw stillRunning;
            },
        }, async () => {
            const activity = await events.read();
            status =
                (await (0,cloudformation/* describeStack */.GO)(ctx.aws.cloudFormation, target.stackId))?.StackStatus ?? 'DELETE_COMPLETE';
            if (status.endsWith('_IN_PROGRESS'))
                return { done: false, activity };
            await events.read();
            return { done: true, value: status };
        });
    }
    catch (e) {
        if (e === stillRunning)
            return status;
        throw e;
    }
}
function timedOutError(target, o) {
    const { stackName, timeoutMinutes } = target;
    const opening = `Stack ${stackName} was still UPDATE_IN_PROGRESS after ${timeoutMinutes} minutes (deploy-timeout-minutes)`;
    const slow = o.busy.length > 0 ? ` Still in progress at the deadline: ${o.busy.join(', ')}.` : '';
    const cancelled = o.refused === undefined;
    let message;
    if (o.status === 'UPDATE_ROLLBACK_COMPLETE') {
        message =
            `${opening}, so this run ${cancelled ? 'cancelled the update (CancelUpdateStack) and CloudFormation rolled it back' : 'tried to cancel it and CloudFormation rolled it back'}: ` +
                `the stack is UPDATE_ROLLBACK_COMPLETE, on its previous template and parameters, and production was not moved.${slow} ` +
                'Find what was slow (the stack events above), then run again or raise deploy-timeout-minutes.';
    }
    else if (o.status.endsWith('_IN_PROGRESS')) {
        message = cancelled
            ? `${opening}, so this run cancelled the update (CancelUpdateStack), but the rollback is still ${o.status} after ${defaults/* FIXED */.N2.cancelRollbackWaitMinutes} minutes. ` +
                `CloudFormation carries on without this run: watch stack ${stackName} in the console, then run again.${slow}`
            : `${opening}, and cancelling it was refused (${o.refused}); the stack is still ${o.status}. ` +
                `CloudFormation carries on without this run. To stop it, run "aws cloudformation cancel-update-stack --stack-name ${(0,format/* shellQuote */.ZL)(stackName)}".${slow}`;
    }
    else if (o.status === 'UPDATE_COMPLETE') {
        message =
            `${opening}; the update finished before it could be cancelled${o.refused ? ` (${o.refused})` : ''}, so the stack is UPDATE_COMPLETE, ` +
                'but the run fails: it ran over its deadline. Run again to go on from the deployed stack, or raise deploy-timeout-minutes.';
    }
    else {
        message =
            `${opening}; this run ${cancelled ? 'cancelled the update' : `could not cancel it (${o.refused})`} and the stack is now ${o.status}. ` +
                (0,cloudformation/* stuckStackAdvice */.$r)(stackName, o.status);
    }
    const failures = orderFailures(o.events.all, stackName).map((e) => `${e.LogicalResourceId ?? '?'} ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? ''}`);
    return new errors/* CutoverError */.DB('DEPLOY_TIMEOUT', message, [
        ...(o.busy.length > 0 ? [`in progress at the deadline: ${o.busy.join(', ')}`] : []),
        ...failures,
    ]);
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/operation-events.ts



/** The ids of the events already on the stack: history, never shown as this operation's. */
async function stackEventHistory(cfn, stackId) {
    const seen = new Set();
    await (0,cloudformation/* readNewStackEvents */.QW)(cfn, stackId, seen, 1);
    return seen;
}
class OperationEvents {
    ctx;
    stack;
    started;
    seen;
    eventMessage;
    /** Events of this operation, oldest first. */
    all = [];
    latestStatus = new Map();
    /** When each function version resource started provisioning, by our clock. */
    versionStarted = new Map();
    constructor(ctx, stack, 
    /** When the execution started, for each line's elapsed time. */
    started, 
    /** Ids already read (the history first); updated by every read. */
    seen, 
    /** The code each event line carries (a deletion's are destroy's). */
    eventMessage = messages/* DEPLOY_MESSAGES */.B.stackEvent) {
        this.ctx = ctx;
        this.stack = stack;
        this.started = started;
        this.seen = seen;
        this.eventMessage = eventMessage;
    }
    /** Reads and prints the events since the last read; true when there were any. */
    async read() {
        const fresh = await (0,cloudformation/* readNewStackEvents */.QW)(this.ctx.aws.cloudFormation, this.stack.stackId, this.seen);
        for (const e of fresh) {
            this.all.push(e);
            this.track(e);
            this.ctx.progress.emit(this.eventMessage, formatEvent(e, this.ctx.clock.now() - this.started));
        }
        return fresh.length > 0;
    }
    track({ LogicalResourceId: id, ResourceStatus: status, ResourceType: type }) {
        if (!id || !status)
            return;
        this.latestStatus.set(id, status);
        if (type === 'AWS::Lambda::Version' && status === 'CREATE_IN_PROGRESS' && !this.versionStarted.has(id))
            this.versionStarted.set(id, this.ctx.clock.now());
    }
    /** Resources (not the stack itself) whose latest status is *_IN_PROGRESS. */
    inProgress() {
        return [...this.latestStatus]
            .filter(([id, s]) => id !== this.stack.stackName && s.endsWith('_IN_PROGRESS'))
            .map(([id]) => id);
    }
    /** A function version still being created after limitMs, if any. */
    overdueVersion(limitMs) {
        const now = this.ctx.clock.now();
        for (const [logicalId, since] of this.versionStarted) {
            if (this.latestStatus.get(logicalId) !== 'CREATE_IN_PROGRESS')
                continue;
            if (now - since >= limitMs)
                return { logicalId, waitedMs: now - since };
        }
        return undefined;
    }
}
/** `  1m05s  Fn  AWS::Lambda::Function  CREATE_FAILED  Resource handler returned …` */
function formatEvent(e, elapsedMs) {
    const reason = e.ResourceStatusReason ? `  ${e.ResourceStatusReason}` : '';
    return `${(0,format/* formatDuration */.a3)(elapsedMs).padStart(6)}  ${e.LogicalResourceId ?? '?'}  ${e.ResourceType ?? '?'}  ${e.ResourceStatus ?? '?'}${reason}`;
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/follow-events.ts








async function executeAndFollow(ctx, options) {
    const cfn = ctx.aws.cloudFormation;
    // Events already on the stack are history: remember them so only this operation's are shown.
    const history = await stackEventHistory(cfn, options.stackId);
    await (0,change_sets/* executeChangeSet */._A)(cfn, options.stackName, options.changeSetName);
    const started = ctx.clock.now();
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.executing, `Executing change set ${options.changeSetName}.`);
    const events = new OperationEvents(ctx, options, started, history);
    let stackStatus;
    try {
        stackStatus = await followUntilSettled(ctx, options, events, started);
    }
    catch (e) {
        if (!(e instanceof StillRunning))
            throw e;
        if (options.changeSetType === 'UPDATE' && e.status === 'UPDATE_IN_PROGRESS')
            throw await cancelTimedOutUpdate(ctx, options, events, e.busy);
        throw timeoutError(options, e.status, e.busy);
    }
    if (!(0,cloudformation/* isDeploySuccess */.NE)(stackStatus))
        throw failureError(options, stackStatus, events.all);
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackSettled, `Stack ${options.stackName} is ${stackStatus} after ${(0,format/* formatDuration */.a3)(ctx.clock.now() - started)}.`);
    return { stackStatus, events: events.all };
}
/** deploy-timeout-minutes passed with the stack in this status. */
class StillRunning extends Error {
    status;
    busy;
    constructor(status, busy) {
        super(`still ${status}`);
        this.status = status;
        this.busy = busy;
    }
}
/** Polls events and the stack status until the stack leaves *_IN_PROGRESS; returns that status. */
async function followUntilSettled(ctx, options, events, started) {
    const cfn = ctx.aws.cloudFormation;
    let stackStatus = options.changeSetType === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
    return (0,poll/* poll */.w)(ctx, {
        timing: options.timing,
        deadline: options.deadline,
        what: `DescribeStackEvents for ${options.stackName}`,
        heartbeatMessage: messages/* DEPLOY_MESSAGES */.B.stackWaiting,
        heartbeat: () => stillWaiting(events.inProgress(), stackStatus, ctx.clock.now() - started),
        onTimeout: () => {
            throw new StillRunning(stackStatus, events.inProgress());
        },
    }, async () => {
        const activity = await events.read();
        const overdue = events.overdueVersion(options.provisioningTimeoutMinutes * 60_000);
        if (overdue)
            throw provisioningTimeoutError(options, overdue.logicalId, overdue.waitedMs);
        const stack = await (0,cloudformation/* describeStack */.GO)(cfn, options.stackId);
        stackStatus = stack?.StackStatus ?? 'DELETE_COMPLETE';
        if (stackStatus.endsWith('_IN_PROGRESS'))
            return { done: false, activity };
        // The stack settled: pick up the events that landed between the two calls.
        await events.read();
        return { done: true, value: stackStatus };
    });
}
/** `still waiting: 2 resources in progress (Fn, Api), stack UPDATE_IN_PROGRESS, 1m30s elapsed` */
function stillWaiting(busy, stackStatus, elapsedMs) {
    const shown = busy.length > 0 ? ` (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''})` : '';
    return `still waiting: ${busy.length} resource${busy.length === 1 ? '' : 's'} in progress${shown}, stack ${stackStatus}, ${(0,format/* formatDuration */.a3)(elapsedMs)} elapsed`;
}

// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
// EXTERNAL MODULE: ./src/pipeline/deploy/template/cfn-yaml.ts
var cfn_yaml = __webpack_require__(15924);
;// CONCATENATED MODULE: ./src/pipeline/deploy/reviewed-change-set.ts






/** The route parameters: a difference there means executing would move production. */
const ROUTE_PARAMETERS = ['LiveFunction', 'RollbackFunction', 'FallbackFunction'];
async function checkReviewedChangeSet(ctx, run, given) {
    const { stackName } = run.config;
    const cs = await describeReviewed(ctx, stackName, given);
    const name = cs.changeSetName ?? given;
    const unusable = (why) => new errors/* CutoverError */.DB('CHANGE_SET_UNUSABLE', `Change set ${given} cannot be executed on stack ${stackName}: ${why}. Nothing was executed. ` +
        'Run mode plan again and review the change set it creates.');
    if (cs.stackName !== undefined && cs.stackName !== stackName)
        throw unusable(`it belongs to stack ${cs.stackName}`);
    if (cs.status !== 'CREATE_COMPLETE')
        throw unusable(`it is ${cs.status}${cs.statusReason ? ` (${cs.statusReason})` : ''}`);
    if (cs.executionStatus === 'OBSOLETE') {
        throw stale(given, stackName, [
            'CloudFormation marked it OBSOLETE: the stack was updated after it was created',
        ]);
    }
    if (cs.executionStatus !== 'AVAILABLE') {
        throw unusable(cs.executionStatus?.startsWith('EXECUTE_')
            ? `it was already executed (${cs.executionStatus})`
            : `its execution status is ${cs.executionStatus ?? 'unknown'}`);
    }
    const reasons = [
        ...stackChangedSince(run.plan.existing, cs.creationTime),
        ...templateDiffers(run.prepared.packaged.template, await reviewedTemplate(ctx, stackName, name)),
        ...parametersDiffer(expectedParameters(run), cs.parameters),
        ...mapDiffers('tags', run.config.tags, cs.tags),
        ...safetyDiffers(run, cs),
    ];
    if (reasons.length > 0)
        throw stale(given, stackName, reasons);
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.reviewedChangeSet, `Change set ${name} is still what was reviewed (stack unchanged since ${cs.creationTime?.toISOString() ?? 'its creation'}; same template, parameters, tags and stack options): executing it.`);
    return {
        changeSetName: name,
        stackId: cs.stackId ?? run.plan.existing?.StackId ?? stackName,
        changes: cs.changes,
    };
}
async function describeReviewed(ctx, stackName, given) {
    try {
        return await (0,change_sets/* describeChangeSet */.gx)(ctx.aws.cloudFormation, stackName, given);
    }
    catch (e) {
        const stackGone = (0,aws_errors/* errorName */.Is)(e) === 'ValidationError' && /does not exist/.test((0,aws_errors/* errorMessage */.gJ)(e));
        if ((0,change_sets/* isChangeSetMissingError */.pe)(e) || stackGone) {
            throw new errors/* CutoverError */.DB('CHANGE_SET_NOT_FOUND', `Change set ${given} does not exist on stack ${stackName}. CloudFormation deletes a stack's other change sets whenever one is executed, ` +
                'so the stack was most likely deployed since it was planned (or the change set was deleted). Nothing was executed: run mode plan again and review the new change set.', [], { cause: e });
        }
        (0,access/* throwIfAccessDenied */.v)(e, 'cloudformation:DescribeChangeSet', `${stackName} ${given}`);
        throw e;
    }
}
function stale(given, stackName, reasons) {
    return new errors/* CutoverError */.DB('CHANGE_SET_STALE', `Change set ${given} on stack ${stackName} is stale: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more difference${reasons.length > 2 ? 's' : ''})` : ''}. ` +
        'Executing it would not do what was reviewed, so nothing was executed. Run mode plan again and review the new change set, or deploy without change-set-name.', reasons);
}
/** The stack was updated (or created anew) after the change set was made. */
function stackChangedSince(stack, created) {
    const changed = stack?.LastUpdatedTime ?? stack?.CreationTime;
    if (!stack || !changed || !created || changed.getTime() <= created.getTime())
        return [];
    return [
        `the stack was updated at ${changed.toISOString()}, after the change set was created at ${created.toISOString()}`,
    ];
}
async function reviewedTemplate(ctx, stackName, name) {
    let body;
    try {
        body = await (0,change_sets/* getChangeSetTemplate */.LW)(ctx.aws.cloudFormation, stackName, name);
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'cloudformation:GetTemplate', `${stackName} ${name}`);
        throw e;
    }
    try {
        return (0,cfn_yaml/* parseTemplate */.QC)(body, `the template of change set ${name}`);
    }
    catch {
        return body;
    }
}
/** JSON with sorted keys: the same template whatever its formatting (pretty or compact, YAML or JSON). */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
function templateDiffers(template, theirs) {
    if (typeof theirs === 'string')
        return ['its template could not be read back to compare with the one this run would deploy'];
    // What is sent is JSON: keys without a value are not part of it.
    const ours = JSON.parse(JSON.stringify(template));
    if (canonical(ours) === canonical(theirs))
        return [];
    const differing = (a, b) => [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].filter((k) => canonical(a?.[k]) !== canonical(b?.[k]));
    const resources = differing(ours.Resources, theirs.Resources);
    const sections = differing(ours, theirs).filter((k) => k !== 'Resources');
    const where = [
        ...(resources.length > 0
            ? [
                `resource${resources.length === 1 ? '' : 's'} ${resources.slice(0, 5).join(', ')}${resources.length > 5 ? ', …' : ''}`,
            ]
            : []),
        ...sections.map((s) => `section ${s}`),
    ];
    return [
        `the template this run would deploy differs from the change set's (${where.join('; ')}): the code or the template changed since the plan`,
    ];
}
/** The values this run would deploy: its overrides, else the stack's current ones, else the defaults. NoEcho ones are left out. */
function expectedParameters(run) {
    const declared = run.prepared.packaged.template.Parameters ?? {};
    const previous = Object.fromEntries((run.plan.existing?.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? '']));
    const out = {};
    for (const [key, decl] of Object.entries(declared)) {
        if (decl?.NoEcho === true || decl?.NoEcho === 'true')
            continue;
        const fallback = Array.isArray(decl?.Default) ? decl.Default.join(',') : decl?.Default;
        const value = run.prepared.overrides[key] ?? previous[key] ?? (fallback === undefined ? undefined : String(fallback));
        if (value !== undefined)
            out[key] = value;
    }
    return out;
}
function parametersDiffer(expected, theirs) {
    return Object.entries(expected).flatMap(([key, value]) => {
        const planned = theirs[key];
        // CloudFormation masks NoEcho values: those cannot be compared.
        if (planned === undefined || planned === '****' || planned === value)
            return [];
        const route = ROUTE_PARAMETERS.includes(key)
            ? ' (production\u2019s route moved since the plan: executing it would move production traffic)'
            : '';
        return [
            `parameter ${key} is ${JSON.stringify(planned)} in the change set but ${JSON.stringify(value)} now${route}`,
        ];
    });
}
function mapDiffers(what, ours, theirs) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter((k) => ours[k] !== theirs[k]);
    return keys.length > 0 ? [`its ${what} differ from this run's (${keys.join(', ')})`] : [];
}
const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
/** The stack-safety inputs this run sets must be the change set's; unset ones are not compared. */
function safetyDiffers(run, cs) {
    const { notificationArns, rollback } = run.safety;
    const reasons = [];
    if (notificationArns && !sameSet(notificationArns, cs.notificationArns))
        reasons.push(`its notification ARNs (${cs.notificationArns.join(', ') || 'none'}) are not notification-arns`);
    const arns = rollback?.alarms?.map((a) => a.arn);
    if (arns && !sameSet(arns, cs.rollbackConfiguration?.alarmArns ?? []))
        reasons.push('its rollback triggers are not rollback-alarms');
    const minutes = rollback?.monitoringMinutes;
    if (minutes !== undefined && minutes !== cs.rollbackConfiguration?.monitoringMinutes)
        reasons.push(`its monitoring time is not rollback-monitoring-minutes (${minutes})`);
    return reasons;
}

// EXTERNAL MODULE: ./src/pipeline/deploy/stack-safety.ts
var stack_safety = __webpack_require__(59891);
;// CONCATENATED MODULE: ./src/pipeline/deploy/deploy-stack.ts






async function deployStack(ctx, config, options = {}) {
    // 1.–2. Template, packaging, stack-safety inputs, the stack, the parameters.
    const reviewed = config.changeSetName;
    const run = await (0,deployment/* prepareDeployment */.JH)(ctx, config, options, {
        readOnly: reviewed !== undefined,
        uploadArtifacts: true,
    });
    // 3.–5. The change set, its execution, the outputs.
    const result = reviewed
        ? await deployReviewedChangeSet(ctx, run, reviewed)
        : await deployChangeSet(ctx, run);
    await (0,stack_safety/* applyTerminationProtection */.W)(ctx, result.stackId, config.terminationProtection);
    return result;
}
async function deployChangeSet(ctx, run) {
    const { config, waits, plan } = run;
    const { stackName } = config;
    const bounds = { deadline: waits.deadline, timeoutMinutes: waits.timeoutMinutes };
    if (plan.stackExists)
        await (0,change_set/* deleteStaleChangeSets */.WB)(ctx, stackName);
    const changeSetName = (0,change_set/* newChangeSetName */.ig)(ctx.clock.now());
    let executing = false;
    try {
        await (0,change_set/* startChangeSet */.pc)(ctx, (0,deployment/* changeSetRequest */.ue)(run, changeSetName));
        const outcome = await (0,change_set/* waitForChangeSet */.bp)(ctx, stackName, changeSetName, {
            timing: waits.changeSetPoll,
            ...bounds,
        });
        const base = { stackName, changeSetName, artifacts: run.artifacts, template: run.placed.location };
        if (outcome.type === 'empty')
            return await noOpDeploy(ctx, base, outcome, waits.started);
        (0,change_set/* announceChanges */.Hg)(ctx, changeSetName, outcome.changes);
        // 4. Execute and follow. From here CloudFormation owns the change set.
        executing = true;
        return await executeThenDescribe(ctx, run, {
            changeSetName,
            stackId: outcome.stackId,
            changes: outcome.changes,
        });
    }
    finally {
        // Never leave our change set behind unless CloudFormation is executing it.
        if (!executing)
            await (0,change_set/* deleteChangeSetQuietly */.Xl)(ctx, stackName, changeSetName);
    }
}
/**
 * change-set-name: the reviewed change set, executed only when nothing it was reviewed against
 * has changed. It is never deleted here: a refused one stays for its reviewers to see.
 */
async function deployReviewedChangeSet(ctx, run, given) {
    const reviewed = await checkReviewedChangeSet(ctx, run, given);
    (0,change_set/* announceChanges */.Hg)(ctx, reviewed.changeSetName, reviewed.changes);
    return executeThenDescribe(ctx, run, reviewed);
}
/** Steps 4 and 5: execute the change set, follow it to the end, read the outputs. */
async function executeThenDescribe(ctx, run, changeSet) {
    const { config, waits, plan } = run;
    const execution = await executeAndFollow(ctx, {
        stackName: config.stackName,
        stackId: changeSet.stackId,
        changeSetName: changeSet.changeSetName,
        changeSetType: plan.changeSetType,
        timing: waits.stackPoll,
        deadline: waits.deadline,
        timeoutMinutes: waits.timeoutMinutes,
        provisioningTimeoutMinutes: config.provisioningTimeoutMinutes,
    });
    const base = {
        stackName: config.stackName,
        changeSetName: changeSet.changeSetName,
        artifacts: run.artifacts,
        template: run.placed.location,
    };
    return didDeployStack(ctx, base, {
        stackId: changeSet.stackId,
        stackStatus: execution.stackStatus,
        changeSetType: plan.changeSetType,
        changes: changeSet.changes,
        recreated: plan.recreated,
        started: waits.started,
    });
}


/***/ }),

/***/ 54065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ue: () => (/* binding */ changeSetRequest),
  JH: () => (/* binding */ prepareDeployment)
});

// UNUSED EXPORTS: DEFAULT_DEPLOY_TIMING

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/pipeline/deploy/package/esbuild.ts
// Builds a function the way `sam build` does for `Metadata.BuildMethod: esbuild`: bundle for
// Node with the project's own esbuild (never one bundled into this action), SAM's defaults
// (cjs, es2020, minified) and its BuildProperties names. Output stays in memory and goes
// straight into the zip.




const nodeModuleResolver = (specifier, fromDir) => (0,external_node_module_.createRequire)((0,external_node_path_.join)(fromDir, 'package.json')).resolve(specifier);
/** A loader over a resolver (tests inject one that finds nothing). */
function projectEsbuildLoader(resolve = nodeModuleResolver) {
    return async (fromDir) => {
        let resolved;
        try {
            resolved = resolve('esbuild', fromDir);
        }
        catch {
            throw new EsbuildMissingError(fromDir);
        }
        // Loaded at run time from the project, never bundled into dist/.
        return (0,external_node_module_.createRequire)(resolved)(resolved);
    };
}
const loadProjectEsbuild = projectEsbuildLoader();
class EsbuildMissingError extends core_errors/* CutoverError */.DB {
    constructor(fromDir) {
        super('ESBUILD_MISSING', `A function is built with esbuild (Metadata.BuildMethod: esbuild) but esbuild cannot be found from ${fromDir}. ` +
            'Add it to your project ("npm install --save-dev esbuild") and run "npm ci" before this step.');
    }
}
const KNOWN = new Set([
    'EntryPoints',
    'External',
    'Format',
    'Target',
    'Minify',
    'Sourcemap',
    'SourcesContent',
    'MainFields',
    'Loader',
    'OutExtension',
    'Banner',
]);
/** esbuild options from BuildProperties, with SAM's defaults. */
function planEsbuild(fn) {
    const p = fn.buildProperties;
    const fail = (what) => new core_errors/* CutoverError */.DB('ESBUILD_FAILED', `Function ${fn.logicalId}: Metadata.BuildProperties.${what}.`);
    const list = (key) => {
        const v = p[key];
        if (v === undefined)
            return undefined;
        if (typeof v === 'string')
            return v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
        if (Array.isArray(v) && v.every((s) => typeof s === 'string'))
            return v;
        throw fail(`${key} must be a list of strings`);
    };
    const bool = (key) => {
        const v = p[key];
        if (v === undefined)
            return undefined;
        if (typeof v === 'boolean')
            return v;
        if (v === 'true' || v === 'false')
            return v === 'true';
        throw fail(`${key} must be true or false`);
    };
    const pairs = (key) => {
        const items = list(key);
        if (!items)
            return undefined;
        return Object.fromEntries(items.map((item) => {
            const eq = item.indexOf('=');
            if (eq <= 0)
                throw fail(`${key} entries look like ".ext=value", not ${JSON.stringify(item)}`);
            return [item.slice(0, eq), item.slice(eq + 1)];
        }));
    };
    const entryNames = list('EntryPoints') ?? (fn.handler ? [handlerModule(fn.handler)] : undefined);
    if (!entryNames || entryNames.length === 0) {
        throw fail('EntryPoints is missing and the function has no Handler to derive it from');
    }
    const format = (p.Format ?? 'cjs');
    if (!['cjs', 'esm', 'iife'].includes(format))
        throw fail(`Format must be cjs or esm, not ${JSON.stringify(format)}`);
    // SAM: NODE_OPTIONS=--enable-source-maps switches source maps on unless Sourcemap says false.
    const sourcemap = bool('Sourcemap') ?? /--enable-source-maps/.test(fn.nodeOptions ?? '');
    const sourcesContent = bool('SourcesContent');
    return {
        sourcemap,
        ignoredProperties: Object.keys(p).filter((k) => !KNOWN.has(k)),
        options: {
            absWorkingDir: fn.codeDir,
            entryPoints: entryNames.map((e) => resolveEntry(fn, e)),
            bundle: true,
            platform: 'node',
            // Virtual: nothing is written, output paths are only made relative to it.
            outdir: (0,external_node_path_.join)(fn.codeDir, '.lmi-cutover-build'),
            write: false,
            format: format,
            target: list('Target') ?? ['es2020'],
            minify: bool('Minify') ?? true,
            sourcemap,
            ...(sourcesContent === undefined ? {} : { sourcesContent }),
            external: list('External') ?? [],
            ...(list('MainFields') ? { mainFields: list('MainFields') } : {}),
            ...(pairs('Loader') ? { loader: pairs('Loader') } : {}),
            ...(pairs('OutExtension') ? { outExtension: pairs('OutExtension') } : {}),
            ...(pairs('Banner') ? { banner: pairs('Banner') } : {}),
            logLevel: 'silent',
        },
    };
}
/** `handlers/app.handler` → `handlers/app`: the module part of a Node.js handler string. */
const handlerModule = (handler) => handler.slice(0, Math.max(handler.lastIndexOf('.'), 0)) || handler;
// SAM tries .ts then .js for entry points without an extension; the module variants are common too.
const ENTRY_EXTENSIONS = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'];
function resolveEntry(fn, entry) {
    const candidates = (0,external_node_path_.extname)(entry) ? [entry] : ENTRY_EXTENSIONS.map((ext) => entry + ext);
    const found = candidates.find((c) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(fn.codeDir, c)));
    if (!found) {
        throw new core_errors/* CutoverError */.DB('ESBUILD_FAILED', `Function ${fn.logicalId}: the entry point ${entry} does not exist in ${fn.codeDir} (tried ${candidates.join(', ')}). ` +
            'Fix Metadata.BuildProperties.EntryPoints or the Handler.');
    }
    return found;
}
/** Runs esbuild and returns the bundle's files for the zip. */
async function runEsbuild(esbuild, fn, plan) {
    let result;
    try {
        result = await esbuild.build(plan.options);
    }
    catch (e) {
        const errors = (e.errors ?? []).map(formatMessage);
        throw new core_errors/* CutoverError */.DB('ESBUILD_FAILED', `esbuild could not bundle function ${fn.logicalId} from ${fn.codeDir}; fix the errors below.`, errors.length > 0 ? errors.slice(0, 10) : [e.message], { cause: e });
    }
    const outdir = plan.options.outdir ?? fn.codeDir;
    return result.outputFiles.map((file) => ({
        path: (0,external_node_path_.relative)(outdir, file.path).split(external_node_path_.sep).join('/'),
        data: file.contents,
    }));
}
function formatMessage(m) {
    const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '';
    return `${where}${m.text}`;
}

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(53711);
// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
;// CONCATENATED MODULE: ./src/aws/s3.ts
// Content-addressed uploads: the key is the content's hash, so an object that exists is
// already the right one and is never uploaded twice.


async function uploadIfMissing(s3, object) {
    try {
        await s3.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: object.bucket, Key: object.key }));
        return 'exists';
    }
    catch (e) {
        // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key: upload anyway.
        if (!(0,aws_errors/* isNotFoundError */.El)(e) && (0,aws_errors/* httpStatus */.nG)(e) !== 403)
            throw e;
    }
    await s3.send(new dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
    }));
    return 'uploaded';
}
/**
 * The URL CloudFormation fetches a template from. Path-style, as `aws cloudformation package`
 * writes it; behind an endpoint override (an emulator) the same path under that endpoint.
 */
function s3ObjectUrl(bucket, key, region, endpointOverride) {
    const path = `${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    if (endpointOverride)
        return `${endpointOverride.replace(/\/+$/, '')}/${path}`;
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://s3.${region}.${suffix}/${path}`;
}

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/pipeline/deploy/messages.ts
var messages = __webpack_require__(96150);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./src/pipeline/deploy/template/cfn-yaml.ts
var cfn_yaml = __webpack_require__(15924);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(93044);
;// CONCATENATED MODULE: ./src/pipeline/deploy/package/zip.ts
// Deterministic zips: entries sorted by path, one fixed timestamp, normalised permissions, no
// extended-time field. The same files always give the same bytes, so the same sha256 — which
// is what lets an unchanged function produce an empty change set.




// 1980-01-01 00:00 local time: the DOS epoch, encoded identically in every time zone because
// yazl writes DOS dates from local-time fields.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
async function deterministicZip(entries) {
    const zip = new yazl/* ZipFile */.u();
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const entry of sorted) {
        zip.addBuffer(Buffer.from(entry.data), entry.path, {
            mtime: FIXED_MTIME,
            mode: entry.executable ? 0o100755 : 0o100644,
            compress: true,
            forceDosTimestamp: true,
        });
    }
    zip.end();
    const chunks = [];
    for await (const chunk of zip.outputStream)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
/**
 * Every regular file under dir (symlinked files read through; symlinked directories are not
 * followed, so a link cycle cannot loop), with paths relative to dir.
 */
async function readDirectoryEntries(dir) {
    const entries = [];
    const walk = async (current) => {
        for (const dirent of await (0,promises_.readdir)(current, { withFileTypes: true })) {
            const full = (0,external_node_path_.join)(current, dirent.name);
            if (dirent.isDirectory()) {
                await walk(full);
                continue;
            }
            const info = await (0,promises_.stat)(full).catch(() => undefined);
            if (!info?.isFile())
                continue;
            entries.push({
                path: (0,external_node_path_.relative)(dir, full).split(external_node_path_.sep).join('/'),
                data: await (0,promises_.readFile)(full),
                executable: (info.mode & 0o111) !== 0,
            });
        }
    };
    await walk(dir);
    return entries;
}
const sha256Hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');

;// CONCATENATED MODULE: ./src/pipeline/deploy/package/package-template.ts
// Step 1 of the deploy stage: make every SAM function with a local CodeUri deployable, the
// way `sam build` + `sam package` would: build (esbuild) or zip as is, upload under a content
// hash, and point CodeUri at the S3 object.












/** Builds, uploads and rewrites; the input template is not modified. */
async function packageFunctions(ctx, source, options) {
    const template = structuredClone(source);
    const functions = findLocalFunctions(template, options.templateDir);
    if (functions.length === 0)
        return { template, artifacts: [] };
    const bucket = options.bucket;
    if (!bucket) {
        throw new core_errors/* CutoverError */.DB('ARTIFACT_BUCKET_REQUIRED', `${functions.map((f) => `${f.logicalId} (CodeUri ${f.codeUri})`).join(', ')} ${functions.length === 1 ? 'has' : 'have'} local code, ` +
            "which CloudFormation cannot read: set artifact-bucket to an S3 bucket in the stack's region that the deploy role can write to.");
    }
    const builds = new Map();
    const uploads = new Map();
    const uploading = options.upload ?? true;
    const limit = (0,p_limit/* default */.A)(4);
    const artifacts = await Promise.all(functions.map((fn) => limit(async () => {
        // Functions sharing code and build settings are built once.
        const buildKey = JSON.stringify([fn.codePath, fn.handler, fn.metadata, fn.nodeOptions]);
        if (!builds.has(buildKey))
            builds.set(buildKey, buildCode(ctx, fn, options.loadEsbuild));
        const built = await builds.get(buildKey);
        const key = `${options.keyPrefix}/${built.sha256}.zip`;
        if (!uploads.has(key))
            uploads.set(key, uploading
                ? upload(ctx, bucket, key, built.zip, 'application/zip')
                : Promise.resolve('not-uploaded'));
        const outcome = await uploads.get(key);
        const s3Uri = `s3://${bucket}/${key}`;
        rewriteFunction(template, fn, s3Uri, built.sourcemap);
        ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.functionPackaged, `${fn.logicalId}: ${built.build === 'esbuild' ? 'bundled with esbuild' : 'zipped'} ${fn.codeUri} → ${s3Uri} ` +
            `(${(0,format/* formatBytes */.z3)(built.zip.byteLength)}, ${UPLOAD_WORDS[outcome]})`);
        return {
            logicalId: fn.logicalId,
            codeUri: fn.codeUri,
            build: built.build,
            bucket,
            key,
            s3Uri,
            sha256: built.sha256,
            bytes: built.zip.byteLength,
            upload: outcome,
        };
    })));
    // Every function that inherited a local Globals CodeUri now has its own S3 CodeUri.
    const globals = template.Globals?.Function;
    if (globals && isLocalCodeUri(globals.CodeUri))
        delete globals.CodeUri;
    return { template, artifacts };
}
const UPLOAD_WORDS = {
    uploaded: 'uploaded',
    exists: 'already uploaded',
    'not-uploaded': 'not uploaded: a plan uploads nothing, the deploy that executes it does',
};
/** A CodeUri CloudFormation cannot read itself: a plain path, not s3:// nor {Bucket, Key}. */
const isLocalCodeUri = (codeUri) => typeof codeUri === 'string' && codeUri.trim() !== '' && !/^[a-z0-9]+:\/\//i.test(codeUri);
function findLocalFunctions(template, templateDir) {
    const globals = template.Globals?.Function ?? {};
    const found = [];
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::Serverless::Function')
            continue;
        const props = resource.Properties ?? {};
        const packageType = props.PackageType ?? globals.PackageType;
        if (props.InlineCode !== undefined || props.ImageUri !== undefined || packageType === 'Image')
            continue;
        const codeUri = props.CodeUri ?? globals.CodeUri;
        if (!isLocalCodeUri(codeUri))
            continue;
        const env = (props.Environment ?? globals.Environment);
        const nodeOptions = env?.Variables?.NODE_OPTIONS;
        found.push({
            logicalId,
            codeUri,
            codePath: (0,external_node_path_.resolve)(templateDir, codeUri),
            handler: typeof (props.Handler ?? globals.Handler) === 'string'
                ? String(props.Handler ?? globals.Handler)
                : undefined,
            metadata: (0,cfn_yaml/* isRecord */.u4)(resource.Metadata) ? resource.Metadata : {},
            nodeOptions: typeof nodeOptions === 'string' ? nodeOptions : undefined,
        });
    }
    return found;
}
async function buildCode(ctx, fn, loadEsbuild) {
    if (!(0,external_node_fs_.existsSync)(fn.codePath)) {
        throw new core_errors/* CutoverError */.DB('CODE_URI_NOT_FOUND', `${fn.logicalId}: CodeUri ${fn.codeUri} does not exist (looked for ${fn.codePath}). CodeUri is relative to the template's folder.`);
    }
    const isDirectory = (0,external_node_fs_.statSync)(fn.codePath).isDirectory();
    const buildMethod = fn.metadata.BuildMethod;
    if (buildMethod === 'esbuild') {
        if (!isDirectory) {
            throw new core_errors/* CutoverError */.DB('CODE_URI_NOT_FOUND', `${fn.logicalId}: an esbuild CodeUri must be a folder, not ${fn.codeUri}.`);
        }
        const buildProperties = (0,cfn_yaml/* isRecord */.u4)(fn.metadata.BuildProperties) ? fn.metadata.BuildProperties : {};
        const plan = planEsbuild({ ...fn, codeDir: fn.codePath, buildProperties });
        if (plan.ignoredProperties.length > 0) {
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.buildPropertiesIgnored, `${fn.logicalId}: BuildProperties not supported and ignored: ${plan.ignoredProperties.join(', ')}`);
        }
        const esbuild = await loadEsbuild(fn.codePath);
        const files = await runEsbuild(esbuild, { ...fn, codeDir: fn.codePath, buildProperties }, plan);
        const zip = await deterministicZip(files);
        return { build: 'esbuild', zip, sha256: sha256Hex(zip), sourcemap: plan.sourcemap };
    }
    if (buildMethod !== undefined) {
        ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.buildMethodUnsupported, `${fn.logicalId}: Metadata.BuildMethod ${JSON.stringify(buildMethod)} is not built by lmi-cutover (only esbuild is); zipping ${fn.codeUri} as is.`);
    }
    if (!isDirectory) {
        const data = await (0,promises_.readFile)(fn.codePath);
        // A ready-made archive is uploaded untouched, as `aws cloudformation package` does.
        if (/\.(zip|jar)$/i.test(fn.codePath))
            return { build: 'file', zip: data, sha256: sha256Hex(data), sourcemap: false };
        const zip = await deterministicZip([{ path: (0,external_node_path_.basename)(fn.codePath), data }]);
        return { build: 'zip', zip, sha256: sha256Hex(zip), sourcemap: false };
    }
    const entries = await readDirectoryEntries(fn.codePath);
    if (entries.length === 0) {
        throw new core_errors/* CutoverError */.DB('CODE_URI_NOT_FOUND', `${fn.logicalId}: CodeUri ${fn.codeUri} is an empty folder.`);
    }
    const zip = await deterministicZip(entries);
    return { build: 'zip', zip, sha256: sha256Hex(zip), sourcemap: false };
}
function rewriteFunction(template, fn, s3Uri, sourcemap) {
    const resource = template.Resources[fn.logicalId];
    const props = (resource.Properties ??= {});
    props.CodeUri = s3Uri;
    // As `sam build` does: bundled source maps only help when Node is told to use them.
    if (sourcemap && !fn.nodeOptions) {
        const env = (props.Environment ??= {});
        (env.Variables ??= {}).NODE_OPTIONS = '--enable-source-maps';
    }
}
/** Uploads unless the content-addressed key exists; bucket problems become actionable errors. */
async function upload(ctx, bucket, key, body, contentType) {
    try {
        return await uploadIfMissing(ctx.aws.s3, { bucket, key, body, contentType });
    }
    catch (e) {
        if ((0,aws_errors/* isAccessDeniedError */.sm)(e) || (0,aws_errors/* errorName */.Is)(e) === 'NoSuchBucket' || (0,aws_errors/* errorName */.Is)(e) === 'PermanentRedirect') {
            throw new core_errors/* CutoverError */.DB('ARTIFACT_UPLOAD_FAILED', `Cannot upload s3://${bucket}/${key}: ${(0,aws_errors/* errorMessage */.gJ)(e)}. The artifact bucket must exist in the stack's region ` +
                `and the deploy role needs s3:GetObject and s3:PutObject on arn:aws:s3:::${bucket}/*.`, [], { cause: e });
        }
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/place-template.ts
// Where CloudFormation reads the packaged template from: inline when it fits under the
// TemplateBody limit (readable JSON first, compact JSON next), else from the artifact bucket
// under its content hash, so an unchanged template is never uploaded twice.








/** CloudFormation's limit for TemplateBody; larger templates must come from S3. */
const TEMPLATE_BODY_LIMIT = 51_200;
async function placeTemplate(ctx, template, keyPrefix, bucket) {
    const pretty = (0,cfn_yaml/* dumpTemplate */.x0)(template, 'json');
    const compact = (0,cfn_yaml/* dumpTemplate */.x0)(template, 'json', { compact: true });
    for (const body of [pretty, compact]) {
        const bytes = Buffer.byteLength(body);
        if (bytes <= TEMPLATE_BODY_LIMIT)
            return { location: { kind: 'body', bytes }, templateArg: { body } };
    }
    const body = Buffer.from(pretty);
    if (!bucket) {
        throw new core_errors/* CutoverError */.DB('TEMPLATE_TOO_LARGE', `The packaged template is ${body.byteLength} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for inline templates: ` +
            'set artifact-bucket so it can be uploaded to S3.');
    }
    const key = `${keyPrefix}/${sha256Hex(body)}.template.json`;
    const outcome = await upload(ctx, bucket, key, body, 'application/json');
    const url = s3ObjectUrl(bucket, key, await ctx.aws.region(), (0,clients/* s3EndpointOverride */.GJ)(ctx.aws.options));
    ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.templateUploaded, `Template is ${(0,format/* formatBytes */.z3)(body.byteLength)} (over ${TEMPLATE_BODY_LIMIT} bytes): ${outcome === 'exists' ? 'already in' : 'uploaded to'} ${url}`);
    return { location: { kind: 'url', bytes: body.byteLength, url }, templateArg: { url } };
}

// EXTERNAL MODULE: ./src/aws/cloudformation.ts
var cloudformation = __webpack_require__(98797);
// EXTERNAL MODULE: ./src/core/poll.ts
var poll = __webpack_require__(88822);
;// CONCATENATED MODULE: ./src/pipeline/deploy/prepare-stack.ts





async function prepareStack(ctx, options) {
    const { stackName } = options;
    const wait = { recreated: false };
    return (0,poll/* poll */.w)(ctx, {
        timing: options.timing,
        deadline: options.deadline,
        what: `DescribeStacks for ${stackName}`,
        heartbeatMessage: messages/* DEPLOY_MESSAGES */.B.stackBusyWaiting,
        heartbeat: (elapsed) => `still waiting: stack ${stackName} is ${wait.waitingFor}, ${(0,format/* formatDuration */.a3)(elapsed)} elapsed`,
        onTimeout: () => {
            throw new core_errors/* CutoverError */.DB('DEPLOY_TIMEOUT', `Stack ${stackName} is still ${wait.waitingFor} after ${options.timeoutMinutes} minutes (deploy-timeout-minutes), ` +
                'so this run never started its own deployment. Another deployment holds the stack: let it finish, then run again.');
        },
    }, () => lookAtStack(ctx, options, wait));
}
/** One look at the stack: a plan when it is deployable, else what to do before looking again. */
async function lookAtStack(ctx, options, wait) {
    const { stackName } = options;
    const { recreated } = wait;
    const stack = await (0,cloudformation/* describeStack */.GO)(ctx.aws.cloudFormation, stackName);
    const status = stack?.StackStatus;
    switch ((0,cloudformation/* classifyStackStatus */.re)(status)) {
        case 'absent':
            if (!recreated)
                ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackAbsent, `Stack ${stackName} does not exist yet: creating it.`);
            return { done: true, value: { changeSetType: 'CREATE', recreated, stackExists: false } };
        case 'review':
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackInReview, `Stack ${stackName} is REVIEW_IN_PROGRESS (created by a change set that never ran): creating it with a new CREATE change set.`);
            return { done: true, value: { changeSetType: 'CREATE', recreated, stackExists: true } };
        case 'stable':
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackUpdate, `Stack ${stackName} is ${status}: updating it.`);
            return {
                done: true,
                value: { changeSetType: 'UPDATE', recreated: false, stackExists: true, existing: stack },
            };
        case 'rollback-complete':
            if (options.readOnly) {
                throw new core_errors/* CutoverError */.DB('STACK_STUCK', `Stack ${stackName} is ROLLBACK_COMPLETE: its first creation failed and CloudFormation can only delete it, so no change set can be made against it or executed on it. ` +
                    'A plan never deletes a stack: deploy without change-set-name (it deletes the failed stack and creates it again), then plan again.');
            }
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackRollbackComplete, `Stack ${stackName} is ROLLBACK_COMPLETE: its first creation failed and CloudFormation can only delete it. ` +
                'Deleting it, then creating it again.');
            await deleteAndWait(ctx, stack, options);
            wait.recreated = true;
            return { done: false, activity: true };
        case 'in-progress': {
            const first = wait.waitingFor === undefined;
            wait.waitingFor = status;
            if (first)
                ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.stackBusy, `Stack ${stackName} is ${status}: waiting for that operation to settle first.`);
            return { done: false, activity: first };
        }
        case 'stuck':
            throw new core_errors/* CutoverError */.DB('STACK_STUCK', `Stack ${stackName} is ${status}. ${(0,cloudformation/* stuckStackAdvice */.$r)(stackName, status)}`);
    }
}
async function deleteAndWait(ctx, stack, options) {
    const cfn = ctx.aws.cloudFormation;
    // By id: after deletion a name lookup says "does not exist", an id lookup says DELETE_COMPLETE.
    const stackId = stack.StackId ?? options.stackName;
    await (0,cloudformation/* deleteStack */.wm)(cfn, stackId, options.roleArn);
    let status = 'DELETE_IN_PROGRESS';
    await (0,poll/* poll */.w)(ctx, {
        timing: options.timing,
        deadline: options.deadline,
        what: `DescribeStacks for ${options.stackName}`,
        heartbeatMessage: messages/* DEPLOY_MESSAGES */.B.stackDeleteWaiting,
        heartbeat: (elapsed) => `still waiting: deleting stack ${options.stackName} (${status}), ${(0,format/* formatDuration */.a3)(elapsed)} elapsed`,
        onTimeout: () => {
            throw new core_errors/* CutoverError */.DB('DEPLOY_TIMEOUT', `Deleting the ROLLBACK_COMPLETE stack ${options.stackName} did not finish within ${options.timeoutMinutes} minutes (deploy-timeout-minutes). ` +
                'Check its events in the CloudFormation console, then run again.');
        },
    }, async () => {
        const current = await (0,cloudformation/* describeStack */.GO)(cfn, stackId);
        status = current?.StackStatus ?? 'DELETE_COMPLETE';
        if (status === 'DELETE_COMPLETE') {
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.failedStackDeleted, `Deleted the failed stack ${options.stackName}.`);
            return { done: true, value: undefined };
        }
        if (status === 'DELETE_FAILED') {
            throw new core_errors/* CutoverError */.DB('STACK_DELETE_FAILED', `Deleting the ROLLBACK_COMPLETE stack ${options.stackName} failed (${current?.StackStatusReason ?? 'no reason given'}). ` +
                (0,cloudformation/* stuckStackAdvice */.$r)(options.stackName, 'DELETE_FAILED'));
        }
        return { done: false };
    });
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/template/parameters.ts

/** Fails with UNKNOWN_PARAMETER when overrides name parameters the template does not declare. */
function checkDeclaredParameters(template, overrides) {
    const declared = Object.keys(template.Parameters ?? {});
    const unknown = Object.keys(overrides).filter((k) => !declared.includes(k));
    if (unknown.length > 0) {
        throw new core_errors/* CutoverError */.DB('UNKNOWN_PARAMETER', `parameter-overrides names ${unknown.length === 1 ? 'a parameter' : 'parameters'} the template does not declare: ${unknown.join(', ')}. ` +
            `Remove ${unknown.length === 1 ? 'it' : 'them'} or declare ${unknown.length === 1 ? 'it' : 'them'} under Parameters ` +
            `(declared: ${declared.length > 0 ? declared.join(', ') : 'none'}).`);
    }
}
function resolveStackParameters(template, overrides, existing) {
    checkDeclaredParameters(template, overrides);
    const previous = new Set((existing?.Parameters ?? []).map((p) => p.ParameterKey));
    const parameters = [];
    const missing = [];
    for (const [key, declaration] of Object.entries(template.Parameters ?? {})) {
        const value = overrides[key];
        if (value !== undefined)
            parameters.push({ ParameterKey: key, ParameterValue: value });
        else if (previous.has(key))
            parameters.push({ ParameterKey: key, UsePreviousValue: true });
        else if (declaration?.Default === undefined)
            missing.push(key);
    }
    if (missing.length > 0) {
        throw new core_errors/* CutoverError */.DB('MISSING_PARAMETER', `The template's parameter${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no Default and no value: ` +
            `give ${missing.length === 1 ? 'it' : 'them'} in parameter-overrides (${missing.map((k) => `${k}=…`).join(' ')}).`);
    }
    return parameters;
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/template/version-retention.ts
// SAM gives the versions of a function with CapacityProviderConfig `DeletionPolicy: Delete`
// unless the function says `VersionDeletionPolicy: Retain` (samtranslator
// `_get_default_version_deletion_policy`). Under Delete, every deploy that publishes a new LMI
// version deletes the previous one — the version production serves and the rollback target —
// so such a template is refused before anything is packaged or deployed.

const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';
/** Fails with TEMPLATE_INVALID naming every LMI function whose versions would not be retained. */
function assertLmiVersionsRetained(template) {
    const globals = template.Globals?.Function ?? {};
    const unretained = Object.entries(template.Resources)
        .filter(([, r]) => r.Type === SERVERLESS_FUNCTION)
        .filter(([, r]) => {
        const props = { ...globals, ...r.Properties };
        const isLmi = props.CapacityProviderConfig !== undefined;
        const publishes = props.AutoPublishAlias !== undefined || props.AutoPublishCodeSha256 !== undefined;
        return isLmi && publishes && props.VersionDeletionPolicy !== 'Retain';
    })
        .map(([id]) => id);
    if (unretained.length === 0)
        return;
    throw new core_errors/* CutoverError */.DB('TEMPLATE_INVALID', `${unretained.join(', ')} ${unretained.length === 1 ? 'runs' : 'run'} on a capacity provider without ` +
        '"VersionDeletionPolicy: Retain": SAM then deletes the previous LMI version on every deploy, which removes ' +
        'the version production serves and the rollback target. Add "VersionDeletionPolicy: Retain" to ' +
        `${unretained.length === 1 ? 'its' : 'their'} Properties (or to Globals.Function); lmi-cutover retires old versions itself (keep-versions).`);
}

;// CONCATENATED MODULE: ./src/pipeline/deploy/prepare-template.ts
// Step 1 of the deploy stage: read the template, settle the parameter values, mask the secret
// ones and package the functions' code. Every local problem (a missing file, an unknown
// parameter, code that does not build) surfaces here, before any call to the stack.








async function prepareTemplate(ctx, source) {
    const templatePath = (0,external_node_path_.resolve)(source.cwd, source.template);
    const template = await loadTemplate(templatePath, source.template);
    assertLmiVersionsRetained(template);
    const overrides = mergeOverrides(ctx, source.parameterOverrides, source.pipelineOverrides);
    checkDeclaredParameters(template, overrides);
    maskNoEchoValues(ctx, template, overrides);
    const keyPrefix = `lmi-cutover/${source.stackName}`;
    const packaged = await packageFunctions(ctx, template, {
        templateDir: (0,external_node_path_.dirname)(templatePath),
        bucket: source.artifactBucket,
        keyPrefix,
        loadEsbuild: source.loadEsbuild,
        upload: source.uploadArtifacts ?? true,
    });
    return { packaged, overrides, keyPrefix };
}
async function loadTemplate(path, shown) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch {
        throw new core_errors/* CutoverError */.DB('TEMPLATE_NOT_FOUND', `The template ${shown} was not found (looked for ${path}). Set the template input to your SAM template's path.`);
    }
    return (0,cfn_yaml/* parseTemplate */.QC)(text, shown);
}
function mergeOverrides(ctx, fromInput, fromPipeline = {}) {
    for (const [key, value] of Object.entries(fromPipeline)) {
        // Names only: a value may be a NoEcho secret.
        if (key in fromInput && fromInput[key] !== value) {
            ctx.progress.emit(messages/* DEPLOY_MESSAGES */.B.overrideIgnored, `parameter-overrides sets ${key}, but the pipeline's own value for it wins.`);
        }
    }
    return { ...fromInput, ...fromPipeline };
}
/** NoEcho parameter values are secrets: keep them out of every log line. */
function maskNoEchoValues(ctx, template, values) {
    for (const [key, declaration] of Object.entries(template.Parameters ?? {})) {
        const noEcho = declaration?.NoEcho === true || declaration?.NoEcho === 'true';
        if (noEcho && values[key])
            ctx.progress.mask(values[key]);
    }
}

// EXTERNAL MODULE: ./src/pipeline/deploy/stack-safety.ts
var stack_safety = __webpack_require__(59891);
;// CONCATENATED MODULE: ./src/pipeline/deploy/deployment.ts






const DEFAULT_DEPLOY_TIMING = {
    stackPollMs: 5_000,
    changeSetPollMs: 2_000,
    maxPollMs: 60_000,
    heartbeatMs: 30_000,
};
/**
 * Steps 1 and 2: template, parameters and packaging first (every local problem surfaces before
 * any stack call), then the stack-safety inputs and the stack.
 */
async function prepareDeployment(ctx, config, options, mode) {
    const waits = deployWaits(config, options.timing, ctx.clock.now());
    const prepared = await prepareTemplate(ctx, {
        stackName: config.stackName,
        template: config.template,
        cwd: config.cwd,
        artifactBucket: config.artifactBucket,
        parameterOverrides: config.parameterOverrides,
        pipelineOverrides: options.parameterOverrides,
        loadEsbuild: options.loadEsbuild ?? loadProjectEsbuild,
        uploadArtifacts: mode.uploadArtifacts,
    });
    const { template, artifacts } = prepared.packaged;
    const placed = await placeTemplate(ctx, template, prepared.keyPrefix, config.artifactBucket);
    const safety = await (0,stack_safety/* resolveStackSafety */.l)(ctx, config);
    const plan = await prepareStack(ctx, {
        stackName: config.stackName,
        timing: waits.stackPoll,
        roleArn: config.roleArn,
        deadline: waits.deadline,
        timeoutMinutes: waits.timeoutMinutes,
        readOnly: mode.readOnly,
    });
    const parameters = resolveStackParameters(template, prepared.overrides, plan.existing);
    return { config, waits, prepared, plan, parameters, placed, artifacts, safety };
}
function deployWaits(config, timing, started) {
    const t = { ...DEFAULT_DEPLOY_TIMING, ...timing };
    const stackPoll = {
        intervalMs: t.stackPollMs,
        maxIntervalMs: t.maxPollMs,
        heartbeatMs: t.heartbeatMs,
    };
    return {
        started,
        deadline: started + config.deployTimeoutMinutes * 60_000,
        timeoutMinutes: config.deployTimeoutMinutes,
        stackPoll,
        changeSetPoll: { ...stackPoll, intervalMs: t.changeSetPollMs },
    };
}
/** This run's change set request, for a name: the template, parameters, tags and safety members. */
function changeSetRequest(run, changeSetName) {
    const { config, plan, safety } = run;
    return {
        stackName: config.stackName,
        changeSetName,
        changeSetType: plan.changeSetType,
        template: run.placed.templateArg,
        parameters: run.parameters,
        tags: config.tags,
        roleArn: config.roleArn,
        capabilities: safety.capabilities,
        ...(safety.notificationArns ? { notificationArns: safety.notificationArns } : {}),
        ...(safety.rollback ? { rollback: safety.rollback } : {}),
    };
}


/***/ }),

/***/ 96150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ DEPLOY_MESSAGES)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The progress lines of the deploy stage (packaging, the stack, the change set, its execution),
// each with a stable code: scripts and tests match codes, not sentences.

const DEPLOY_MESSAGES = {
    overrideIgnored: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.override-ignored', 'warn', "parameter-overrides sets a parameter the pipeline sets itself (LiveFunction, RollbackFunction, FallbackFunction); the pipeline's value wins."),
    functionPackaged: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.function-packaged', 'info', 'A function with local code was bundled or zipped and its artifact is in the bucket: where, how big, uploaded or already there.'),
    buildPropertiesIgnored: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.build-properties-ignored', 'warn', 'An esbuild function names BuildProperties lmi-cutover does not support; they are ignored.'),
    buildMethodUnsupported: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.build-method-unsupported', 'warn', 'A function names a Metadata.BuildMethod other than esbuild; its CodeUri is zipped as is.'),
    templateUploaded: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.template-uploaded', 'info', 'The packaged template is over the inline limit and goes to CloudFormation from the artifact bucket.'),
    stackAbsent: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-absent', 'info', 'The stack does not exist yet: it is created.'),
    stackInReview: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-in-review', 'info', 'The stack is REVIEW_IN_PROGRESS (a change set that never ran created it): it is created by a new CREATE change set.'),
    stackUpdate: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-update', 'info', 'The stack is settled: it is updated.'),
    stackRollbackComplete: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-rollback-complete', 'warn', 'The stack is ROLLBACK_COMPLETE: it is deleted, then created again.'),
    stackBusy: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-busy', 'info', 'Another operation runs on the stack: the deployment waits for it to settle first (said once).'),
    stackBusyWaiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-busy-waiting', 'info', 'Heartbeat while waiting for another operation on the stack to settle.'),
    stackDeleteWaiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-delete-waiting', 'info', 'Heartbeat while the ROLLBACK_COMPLETE stack is being deleted.'),
    failedStackDeleted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.failed-stack-deleted', 'info', 'The ROLLBACK_COMPLETE stack is deleted; the creation goes on.'),
    staleChangeSetsDeleted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stale-change-sets-deleted', 'info', 'Change sets earlier runs of lmi-cutover left on the stack were deleted.'),
    changeSetCreated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.change-set-created', 'info', "This run's change set was created; CloudFormation computes it next."),
    changeSetWaiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.change-set-waiting', 'info', 'Heartbeat while CloudFormation computes the change set.'),
    noChanges: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.no-changes', 'info', 'The change set is empty: nothing to deploy, the stage ends as a no-op.'),
    changeSetSummary: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.change-set-summary', 'info', 'The change set is ready: how many resources it changes (one deploy.change line each follows).'),
    change: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.change', 'info', 'One resource change of the change set: action, logical id, type and replacement.'),
    changeSetDeleteFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.change-set-delete-failed', 'debug', "This run's change set could not be deleted after it was not executed; the next run removes it."),
    executing: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.executing', 'info', 'The change set is being executed.'),
    stackEvent: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-event', 'info', 'One stack event of this operation, oldest first: elapsed time, resource, type, status and reason.'),
    stackWaiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-waiting', 'info', 'Heartbeat while the change set executes: the resources still in progress and the stack status.'),
    stackSettled: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.stack-settled', 'info', 'The stack settled in a successful status after the execution.'),
    deployed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.deployed', 'info', 'The deploy stage ended: the stack is deployed, with how long it took.'),
    rollbackTriggers: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.rollback-triggers', 'info', 'The rollback-alarms were found and go to CloudFormation as rollback triggers (their ARNs, the monitoring minutes).'),
    terminationProtection: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.termination-protection', 'info', 'termination-protection differed from the stack after the deploy: it was turned on or off.'),
    updateCancelling: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.update-cancelling', 'warn', 'deploy-timeout-minutes passed during an update: the run cancels it (CancelUpdateStack) and waits for the rollback.'),
    updateNotCancelled: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.update-not-cancelled', 'warn', 'CancelUpdateStack was refused (the update had moved past UPDATE_IN_PROGRESS, or the role may not cancel); the run watches the stack settle.'),
    rollbackWaiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.rollback-waiting', 'info', 'Heartbeat while CloudFormation rolls back the cancelled update.'),
    planNewStack: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.plan-new-stack', 'info', 'Mode plan on a stack that does not exist: its CREATE change set holds the stack in REVIEW_IN_PROGRESS, with no resources.'),
    plansDeleted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.plans-deleted', 'info', "Mode plan deleted earlier plans' change sets it replaces (the same pull request's, or older than the age limit)."),
    planKept: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.plan-kept', 'info', 'Mode plan kept its change set for review (nothing executed) and says how to execute it by name.'),
    reviewedChangeSet: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('deploy.reviewed-change-set', 'info', 'change-set-name: the reviewed change set passed every staleness check and is executed instead of a new one.'),
};


/***/ }),

/***/ 59891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ applyTerminationProtection),
/* harmony export */   l: () => (/* binding */ resolveStackSafety)
/* harmony export */ });
/* harmony import */ var _aws_cloudformation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98797);
/* harmony import */ var _aws_cloudwatch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83817);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31449);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96150);





/** An alarm's name: an ARN's last part (`arn:aws:cloudwatch:…:alarm:<name>`), or the name itself. */
const alarmName = (nameOrArn) => nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf(':alarm:') + ':alarm:'.length) : nameOrArn;
async function resolveStackSafety(ctx, settings) {
    const alarms = settings.rollbackAlarms.length > 0
        ? await rollbackAlarms(ctx.aws.cloudWatch, settings.rollbackAlarms)
        : undefined;
    const minutes = settings.rollbackMonitoringMinutes;
    if (alarms) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .DEPLOY_MESSAGES */ .B.rollbackTriggers, `Rollback triggers: ${alarms.map((a) => a.arn).join(', ')}` +
            (minutes !== undefined ? `, watched for ${minutes} minute(s) after the resources` : ''));
    }
    const rollback = alarms || minutes !== undefined
        ? { ...(alarms ? { alarms } : {}), ...(minutes !== undefined ? { monitoringMinutes: minutes } : {}) }
        : undefined;
    return {
        capabilities: [...settings.capabilities],
        ...(settings.notificationArns ? { notificationArns: settings.notificationArns } : {}),
        ...(rollback ? { rollback } : {}),
    };
}
async function rollbackAlarms(cloudWatch, given) {
    const names = given.map(alarmName);
    let found;
    try {
        found = await (0,_aws_cloudwatch_js__WEBPACK_IMPORTED_MODULE_4__/* .describeAlarmsByName */ .o7)(cloudWatch, names);
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_1__/* .throwIfAccessDenied */ .v)(e, 'cloudwatch:DescribeAlarms', names.join(', '));
        throw e;
    }
    const byName = new Map(found.map((a) => [a.AlarmName, a]));
    const missing = given.filter((g) => {
        const alarm = byName.get(alarmName(g));
        // An ARN must name this very alarm (same region and account), not just one of that name.
        return !alarm || (g.startsWith('arn:') && alarm.AlarmArn !== g);
    });
    if (missing.length > 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CutoverError */ .DB('ALARM_NOT_FOUND', `rollback-alarms lists ${missing.length === 1 ? 'an alarm' : 'alarms'} CloudWatch does not have in this region: ${missing.join(', ')}. ` +
            'CloudFormation would fail the whole update on a missing trigger: fix the names (they are case-sensitive) or remove them; nothing was changed.');
    }
    return names.map((n) => {
        const alarm = byName.get(n);
        return {
            arn: alarm.AlarmArn,
            type: 'AlarmRule' in alarm ? 'AWS::CloudWatch::CompositeAlarm' : 'AWS::CloudWatch::Alarm',
        };
    });
}
/**
 * After a successful deploy: termination protection as termination-protection asks, when the
 * stack has it otherwise. Returns what it changed (undefined when nothing).
 */
async function applyTerminationProtection(ctx, stackId, wanted) {
    if (wanted === undefined)
        return undefined;
    const cfn = ctx.aws.cloudFormation;
    const stack = await (0,_aws_cloudformation_js__WEBPACK_IMPORTED_MODULE_0__/* .describeStack */ .GO)(cfn, stackId);
    if ((stack?.EnableTerminationProtection ?? false) === wanted)
        return undefined;
    try {
        await (0,_aws_cloudformation_js__WEBPACK_IMPORTED_MODULE_0__/* .updateTerminationProtection */ .vH)(cfn, stackId, wanted);
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_1__/* .throwIfAccessDenied */ .v)(e, 'cloudformation:UpdateTerminationProtection', stack?.StackName ?? stackId);
        throw e;
    }
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .DEPLOY_MESSAGES */ .B.terminationProtection, `Termination protection of ${stack?.StackName ?? stackId} turned ${wanted ? 'on' : 'off'} (termination-protection: ${wanted}).`);
    return wanted;
}


/***/ }),

/***/ 15924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QC: () => (/* binding */ parseTemplate),
/* harmony export */   u4: () => (/* binding */ isRecord),
/* harmony export */   x0: () => (/* binding */ dumpTemplate)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
// CloudFormation templates as plain data. YAML short-form intrinsics (!Ref, !Sub, !GetAtt a.b …)
// are turned into their long form ({Ref: x}, {"Fn::GetAtt": [a, b]} …) while parsing, so the
// rest of the code sees one shape, and what we send back is plain JSON or YAML.


// Short forms whose argument is used as is under `Fn::<Name>`.
const FUNCTIONS = [
    'And',
    'Base64',
    'Cidr',
    'Equals',
    'FindInMap',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Not',
    'Or',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform',
];
/** A tag that accepts a scalar, a sequence or a mapping and wraps the value under `key`. */
function wrapTag(name, key) {
    const tag = `!${name}`;
    return [
        { tag, resolve: (value) => ({ [key]: value }) },
        { tag, collection: 'seq', resolve: (seq) => ({ [key]: seq.toJSON() }) },
        { tag, collection: 'map', resolve: (map) => ({ [key]: map.toJSON() }) },
    ];
}
const CLOUDFORMATION_TAGS = [
    ...FUNCTIONS.flatMap((name) => wrapTag(name, `Fn::${name}`)),
    ...wrapTag('Ref', 'Ref'),
    ...wrapTag('Condition', 'Condition'),
    // `!GetAtt Resource.Attribute.Nested` splits at the first dot only.
    {
        tag: '!GetAtt',
        resolve: (value) => {
            const dot = value.indexOf('.');
            return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
        },
    },
    ...wrapTag('GetAtt', 'Fn::GetAtt').slice(1),
];
/** Parses a YAML or JSON template; TEMPLATE_INVALID names the file, line and problem. */
function parseTemplate(text, source) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: true });
    const problems = [
        ...doc.errors,
        // An unknown !Tag is only a warning for the yaml library; CloudFormation would reject it.
        ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED'),
    ];
    if (problems.length > 0) {
        const lines = problems.map((p) => `${source}:${p.linePos?.[0].line ?? '?'}: ${p.message.split('\n')[0]}`);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('TEMPLATE_INVALID', `The template ${source} cannot be parsed; fix the lines below.`, lines);
    }
    const data = doc.toJS({ maxAliasCount: 1000 });
    if (!isRecord(data) || !isRecord(data.Resources) || Object.keys(data.Resources).length === 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('TEMPLATE_INVALID', `The template ${source} has no Resources section; a CloudFormation template needs at least one resource.`);
    }
    for (const [id, resource] of Object.entries(data.Resources)) {
        if (!isRecord(resource) || typeof resource.Type !== 'string') {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('TEMPLATE_INVALID', `Resource ${id} in ${source} has no Type.`);
        }
    }
    return data;
}
/** Long-form JSON or YAML. YAML is written for a YAML 1.1 reader, so `yes` or `0755` stay strings. */
function dumpTemplate(template, format, { compact = false } = {}) {
    if (format === 'json')
        return JSON.stringify(template, null, compact ? undefined : 2);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)(template, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);


/***/ }),

/***/ 48664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ routingContractOf)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45586);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
// The routing contract a template declares under `Metadata: lmi-cutover`: which function is the
// LMI one, which is the standard twin, which REST API's stage routes between them and through
// which stage variable. `lmi-cutover init` writes it; the bundled workload declares the same.
// With it the pipeline finds everything it needs in the stack's resources, whatever the
// template names its outputs.


const CONTRACT_KEY = 'lmi-cutover';
const logicalId = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9]+$/, 'a logical id (letters and digits)');
const contractSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    contract: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    lmiFunction: logicalId,
    standardFunction: logicalId,
    restApi: logicalId,
    // The release model's stage variables are fixed; another name would route nothing.
    stageVariable: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('liveFunction'),
    /** The bundled webhook's events table (its checks read deliveries back). */
    eventsTable: logicalId.optional(),
});
/**
 * The contract in a template's Metadata (an object, or the JSON string GetTemplateSummary
 * returns); undefined when the template declares none. INVALID_INPUT listing every problem.
 */
function routingContractOf(metadata, source) {
    let value = metadata;
    if (typeof value === 'string') {
        if (value.trim() === '')
            return undefined;
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    if (value === null || typeof value !== 'object' || !(CONTRACT_KEY in value))
        return undefined;
    const parsed = contractSchema.safeParse(value[CONTRACT_KEY]);
    if (parsed.success)
        return parsed.data;
    const problems = parsed.error.issues.map((i) => `Metadata.${CONTRACT_KEY}${i.path.map((p) => `.${String(p)}`).join('')}: ${i.message}`);
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('INVALID_INPUT', `${source} declares a routing contract under Metadata.${CONTRACT_KEY} that is not valid (${problems.join('; ')}). ` +
        'Write it as `lmi-cutover init` does: contract: 1, lmiFunction, standardFunction, restApi, stageVariable: liveFunction.', problems);
}


/***/ }),

/***/ 42546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  H: () => (/* binding */ checksRollbackProbing),
  P: () => (/* binding */ checksShiftInputs)
});

// EXTERNAL MODULE: ./src/config/checks-file.ts + 1 modules
var checks_file = __webpack_require__(19473);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/judge.ts
var judge = __webpack_require__(20617);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/proxy-event.ts
var proxy_event = __webpack_require__(84371);
// EXTERNAL MODULE: ./src/pipeline/webhook/http.ts
var http = __webpack_require__(39742);
// EXTERNAL MODULE: ./src/pipeline/traffic/stage-prober.ts
var stage_prober = __webpack_require__(73475);
;// CONCATENATED MODULE: ./src/pipeline/traffic/request-prober.ts




/** API Gateway gives up at 29 s; a probe waits a little longer so the gateway's answer is seen. */
const PROBE_TIMEOUT_MS = 30_000;
/** The request as sent: the query string on the path, a non-string body as JSON. */
function stageRequest(spec) {
    const query = spec.query ? new URLSearchParams(spec.query).toString() : '';
    const body = (0,proxy_event/* bodyText */.G3)(spec);
    const headers = { ...(spec.headers ?? {}) };
    if (body !== null &&
        typeof spec.body !== 'string' &&
        !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    return { method: spec.method, path: `${spec.path}${query ? `?${query}` : ''}`, headers, body };
}
function createRequestProber(options) {
    const agent = (0,http/* createStageAgent */.O)(options.connections ?? 16);
    const unsigned = stageRequest(options.request);
    let seq = 0;
    const probe = async (signal) => {
        seq++;
        const request = options.sign ? stageRequest(options.sign(options.request, 'probe')) : unsigned;
        const outcome = await (0,http/* postToStage */.y)(options.stageUrl, request, {
            dispatcher: agent,
            timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
            signal,
        });
        const problems = (0,judge/* judgeOutcome */.qy)(options.expect, outcome);
        const status = outcome.kind === 'answered'
            ? outcome.answer.statusCode
            : outcome.kind === 'throttled'
                ? 429
                : outcome.kind === 'function-error'
                    ? 502
                    : 0;
        return {
            ok: problems.length === 0,
            status,
            latencyMs: outcome.latencyMs,
            ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
        };
    };
    return (0,stage_prober/* closableProber */.Ci)(probe, () => seq, agent);
}

// EXTERNAL MODULE: ./src/aws/lambda.ts
var lambda = __webpack_require__(5974);
// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/pipeline/traffic/messages.ts
var messages = __webpack_require__(3502);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/signing.ts + 1 modules
var checks_signing = __webpack_require__(18086);
// EXTERNAL MODULE: ./src/pipeline/traffic/version-metrics.ts
var version_metrics = __webpack_require__(65792);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/verify-checks.ts + 4 modules
var verify_checks = __webpack_require__(31438);
// EXTERNAL MODULE: ./src/pipeline/modes/shift-inputs.ts
var shift_inputs = __webpack_require__(61879);
;// CONCATENATED MODULE: ./src/pipeline/modes/checks-shift.ts
// The shift of an app brought with a checks file: the canary probes send its `load.request`
// through the stage and judge each answer by `load.expect`, and since those answers do not say
// which version served them, each step is judged by Lambda's own CloudWatch metrics per version.










function checksShiftInputs(ctx, config, verify, checksFile) {
    const stageUrl = (0,shift_inputs/* requireStageUrl */.r)(verify.stack, config.stackName);
    // Checked before the deploy (requireLoad), so this only restates it.
    const load = (0,verify_checks/* requireLoadRequest */.H$)(verify.loadRequest, checksFile);
    return {
        verified: (0,shift_inputs/* verifiedCandidate */.E)(verify.stack, verify.smoke, verify.baseline),
        probing: {
            prober: createRequestProber({
                stageUrl,
                request: load.request,
                expect: load.expect,
                ...(verify.sign ? { sign: verify.sign } : {}),
                connections: (0,stage_prober/* probeConnections */.k_)(config.probeRate),
            }),
            stageUrl,
            checksFile,
            judge: {
                kind: 'metrics',
                metrics: (0,version_metrics/* cloudWatchVersionMetrics */.s)(ctx.aws.cloudWatch),
                periodSeconds: config.metricsPeriodSeconds,
                delaySeconds: config.metricsDelaySeconds,
            },
        },
    };
}
/**
 * Mode rollback for an app with a checks file: its `load` request proves the rolled-back route
 * healthy (the answers cannot name their version; the stage's read-back names it). Best effort,
 * like the webhook's prober: a rollback never waits on, or fails for, its proof.
 */
async function checksRollbackProbing(ctx, source) {
    try {
        if (!source.stageUrl)
            throw new Error('the stack has no stage URL');
        const checks = await (0,checks_file/* readChecksFile */.K)(source.cwd, source.checksFile);
        const load = (0,verify_checks/* requireLoadRequest */.H$)(checks.load, source.checksFile);
        const { signing } = checks;
        const environment = signing
            ? ((await (0,lambda/* getFunctionConfiguration */.td)(ctx.aws.lambda, source.lmiFunctionName)).Environment?.Variables ??
                {})
            : {};
        const sign = await (0,checks_signing/* signerFor */.k)(ctx, signing, {
            runId: source.runId,
            functionEnvironment: environment,
            functionName: source.lmiFunctionName,
        });
        const prober = createRequestProber({
            stageUrl: source.stageUrl,
            request: load.request,
            expect: load.expect,
            ...(sign ? { sign } : {}),
            connections: (0,stage_prober/* probeConnections */.k_)(source.probeRate),
        });
        return { prober, attributed: false };
    }
    catch (e) {
        ctx.progress.emit(messages/* TRAFFIC_MESSAGES */.H.probesUnavailable, `Probes are not available, so the route change cannot be verified by them: ${(0,aws_errors/* errorMessage */.gJ)(e)}`);
        return undefined;
    }
}


/***/ }),

/***/ 61879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ verifiedCandidate),
/* harmony export */   r: () => (/* binding */ requireStageUrl)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

/** The candidate as the shift sees it, with production's baseline when max-p95-ms was auto. */
function verifiedCandidate(stack, smoke, baseline) {
    return { stack, smoke, ...(baseline ? { baseline } : {}) };
}
function requireStageUrl(stack, stackName) {
    if (stack.api.url)
        return stack.api.url;
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('STACK_OUTPUTS_MISSING', `Stack ${stackName} has no ApiUrl output, so the cutover cannot probe the stage. Add it as workload/template.yaml and \`lmi-cutover init\` do.`);
}


/***/ }),

/***/ 21828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ provisioningAdvice)
/* harmony export */ });
// What each StateReasonCode of a Failed LMI version means for the person running the
// pipeline, as one sentence they can act on. Codes from the Lambda API's StateReasonCode enum.
const FUNCTION_ERROR = "The function's init code failed in the execution environments: fix the code outside the handler " +
    "(imports, configuration, environment variables) and read the init errors in the function's log group.";
const ADVICE = {
    InsufficientCapacity: "EC2 has no capacity right now for the capacity provider's instance types in its subnets' Availability Zones: " +
        'allow more instance types (InstanceRequirements), add subnets in other Availability Zones, or deploy again later.',
    VcpuLimitExceeded: "The account's EC2 On-Demand vCPU quota for these instance families is used up: request an increase in Service Quotas " +
        '(EC2 "Running On-Demand … instances") or free vCPUs, then deploy again.',
    InvalidSubnet: "A subnet in the capacity provider's VpcConfig does not exist or cannot be used: fix the SubnetIds parameter.",
    SubnetOutOfIPAddresses: "The capacity provider's subnets have no free IP addresses for the instances: use larger subnets, add subnets, or free addresses.",
    CapacityProviderScalingLimitExceeded: "Starting this version's execution environments would pass the capacity provider's MaxVCpuCount: raise MaxVCpuCount " +
        "(the template parameter), lower the function's memory, or delete unused versions on this capacity provider.",
    InvalidSecurityGroup: "A security group in the capacity provider's VpcConfig does not exist or belongs to another VPC: fix the SecurityGroupIds parameter.",
    EniLimitExceeded: "The VPC's network interface quota is reached: request a higher ENI quota in Service Quotas or delete unused interfaces.",
    EC2RequestLimitExceeded: 'EC2 throttled the requests Lambda makes to launch instances: deploy again in a few minutes.',
    InsufficientRolePermissions: "A role lacks permissions: the capacity provider's operator role needs the AWSLambdaManagedEC2ResourceOperator managed policy, " +
        "and the function's execution role what its init code calls.",
    FunctionError: FUNCTION_ERROR,
    'FunctionError.InitTimeout': "The function's init code did not finish within the init limit (the larger of 130 s and the function timeout): " +
        'make the code outside the handler faster, or raise the timeout.',
    'FunctionError.InvalidEntryPoint': 'Lambda could not find the handler: check the Handler setting against the file and export names in the package.',
    'FunctionError.InvalidWorkingDirectory': 'The working directory of the image does not exist: fix the image configuration.',
    'FunctionError.PermissionDenied': 'The runtime could not read the function code (file permissions in the package): make the files readable.',
    'FunctionError.RuntimeInitError': FUNCTION_ERROR,
    'FunctionError.InitResourceExhausted': "The function's init ran out of resources (memory, file descriptors): raise MemorySize or load less at init.",
    'FunctionError.ExtensionInitError': 'An extension failed to initialize: fix or remove the layer that adds it.',
    'FunctionError.TooManyExtensions': 'The function has more extensions than Lambda allows: remove some layers.',
    DisabledKMSKey: "The KMS key that encrypts the function's environment is disabled: enable it or use another key.",
    KMSKeyAccessDenied: "Lambda may not use the KMS key of the function's environment: allow it in the key policy.",
    KMSKeyNotFound: "The KMS key of the function's environment was deleted: set a key that exists.",
    InvalidStateKMSKey: "The KMS key of the function's environment is not in a usable state: check it in the KMS console.",
    InvalidConfiguration: "The function's configuration is not valid for Lambda Managed Instances: check memory (at least 2 GB), runtime and capacity provider settings.",
    InvalidRuntime: 'The runtime does not support Lambda Managed Instances: use Node.js 22+, Python 3.13+, Java 21+ or .NET 8+.',
    InvalidZipFileException: 'Lambda could not unpack the deployment package: rebuild and deploy it again.',
    ServiceQuotaExceededException: 'A Lambda service quota is reached (for example 100 versions per capacity provider): delete unused versions or request an increase.',
    DisallowedByVpcEncryptionControl: "The VPC's encryption controls do not allow these instances: use subnets in a VPC that allows them.",
    InternalError: 'Lambda had an internal error while provisioning: deploy again; if it repeats, open an AWS support case.',
};
/** The advice for a reason code; FunctionError.* codes fall back to the FunctionError advice. */
function provisioningAdvice(code) {
    if (!code)
        return "Lambda gave no reason code: read the version's StateReason and the capacity provider in the Lambda console.";
    return (ADVICE[code] ??
        (code.startsWith('FunctionError')
            ? FUNCTION_ERROR
            : `Look up ${code} in the Lambda documentation for StateReasonCode.`));
}


/***/ }),

/***/ 18940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jr: () => (/* binding */ reportCapacityProviderVersions),
/* harmony export */   P5: () => (/* binding */ readCapacityProviderState),
/* harmony export */   Vv: () => (/* binding */ VERSIONS_PER_CAPACITY_PROVIDER),
/* harmony export */   fE: () => (/* binding */ capacityProviderName)
/* harmony export */ });
/* harmony import */ var _aws_lambda_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5974);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31449);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78992);
// The capacity provider an LMI version runs on: its state (on a Failed one the version can
// never run) and how many of its function versions are used, against a quota of 100 that
// cannot be raised.



/** Lambda's hard limit of versions per capacity provider; a warning from 80 %. */
const VERSIONS_PER_CAPACITY_PROVIDER = 100;
/** `arn:aws:lambda:us-east-1:123456789012:capacity-provider:NAME` → NAME. */
const capacityProviderName = (arn) => arn.split(':capacity-provider:')[1] ?? arn;
async function readCapacityProviderState(ctx, arn) {
    try {
        return (await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_2__/* .getCapacityProvider */ ["in"])(ctx.aws.lambda, capacityProviderName(arn)))?.State;
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_0__/* .throwIfAccessDenied */ .v)(e, 'lambda:GetCapacityProvider', arn);
        throw e;
    }
}
/** Every version on the capacity provider, and the state it lists ours in (if listed yet). */
async function countVersionsOnCapacityProvider(ctx, arn, ref) {
    let versions;
    try {
        versions = await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_2__/* .listVersionsOnCapacityProvider */ .gH)(ctx.aws.lambda, capacityProviderName(arn));
    }
    catch (e) {
        (0,_core_access_js__WEBPACK_IMPORTED_MODULE_0__/* .throwIfAccessDenied */ .v)(e, 'lambda:ListFunctionVersionsByCapacityProvider', arn);
        throw e;
    }
    const ours = versions.findLast((v) => v.FunctionArn?.endsWith(`:function:${ref.functionName}:${ref.version}`));
    return { count: versions.length, ours: ours?.State };
}
/**
 * Once, at the start: the quota of 100 versions per capacity provider cannot be raised.
 * Returns the count, which the result reports (one listing per wait).
 */
async function reportCapacityProviderVersions(ctx, arn, ref) {
    const { count, ours } = await countVersionsOnCapacityProvider(ctx, arn, ref);
    const where = `capacity provider ${capacityProviderName(arn)}`;
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_1__/* .PROVISION_MESSAGES */ .N.capacityProviderVersions, `${where}: ${count} function version${count === 1 ? '' : 's'} of ${VERSIONS_PER_CAPACITY_PROVIDER} allowed` +
        (ours ? `; version ${ref.version} listed as ${ours}` : `; version ${ref.version} not listed yet`));
    if (count >= VERSIONS_PER_CAPACITY_PROVIDER * 0.8) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_1__/* .PROVISION_MESSAGES */ .N.capacityProviderNearLimit, `${where} holds ${count} of its ${VERSIONS_PER_CAPACITY_PROVIDER} function versions (a limit that cannot be raised): ` +
            'delete versions no alias uses before publishing more.');
    }
    return count;
}


/***/ }),

/***/ 78992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ PROVISION_MESSAGES)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The progress lines of the provisioning stage (waiting for the LMI version to be Active),
// each with a stable code: scripts and tests match codes, not sentences.

const PROVISION_MESSAGES = {
    capacityRoom: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.capacity-room', 'info', "Before a deploy: the vCPUs the capacity provider's versions hold, what the candidate adds, and the ceiling."),
    capacityRoomUnknown: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.capacity-room-unknown', 'warn', 'The capacity provider could not be measured before a deploy; the provisioning wait reports a shortfall instead.'),
    capacityProviderVersions: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.capacity-provider-versions', 'info', 'Once, at the first poll: how many function versions the capacity provider holds of the 100 allowed, and how it lists this one.'),
    capacityProviderNearLimit: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.capacity-provider-near-limit', 'warn', 'The capacity provider holds 80 or more of its 100 function versions (a limit that cannot be raised).'),
    stateChanged: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.state-changed', 'info', 'The version (or its capacity provider) is in a new state while it provisions: state, reason code, elapsed time.'),
    waiting: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.waiting', 'info', 'Heartbeat while the version provisions: its last state, reason code and elapsed time.'),
    readRetry: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.read-retry', 'warn', 'Reading the version state failed with a transient error (5xx, network); it is read again.'),
    confirmedActive: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.confirmed-active', 'info', 'The first call found the version Active: CloudFormation had already waited for it.'),
    active: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('provision.active', 'info', 'The version became Active after a wait: how long it took.'),
};


/***/ }),

/***/ 73475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ closableProber),
/* harmony export */   F6: () => (/* binding */ createStageProber),
/* harmony export */   kX: () => (/* binding */ tryStageProber),
/* harmony export */   k_: () => (/* binding */ probeConnections)
/* harmony export */ });
/* unused harmony exports probeDeliveryId, probeSampleOf */
/* harmony import */ var _aws_lambda_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5974);
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _webhook_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39742);
/* harmony import */ var _webhook_answer_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49512);
/* harmony import */ var _webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(10876);
/* harmony import */ var _webhook_request_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1481);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3502);
// The cutover's real prober: one signed webhook per call, POSTed to the stage's public URL (the
// stack's ApiUrl output) exactly as a sender would, so the probe takes the path production
// traffic takes — through the stage, its canary and whichever version serves. The answer's
// `compute_type` and `function_version` say which version served it. Probes are check events (their own event type and
// delivery ids), so they never mix with real events in the table.








const COMPUTE_TYPES = ['lambda-managed-instances', 'lambda-standard'];
/** API Gateway gives up at 29 s; a probe waits a little longer so the gateway's answer is seen. */
const PROBE_TIMEOUT_MS = 30_000;
const probeDeliveryId = (runId, seq) => `${(0,_webhook_request_js__WEBPACK_IMPORTED_MODULE_5__/* .runDeliveryPrefix */ .eD)(runId)}probe.${seq}`;
/** One answer as a probe sample: ok only for a 2xx the workload signed with its compute type. */
function probeSampleOf(outcome) {
    switch (outcome.kind) {
        case 'answered': {
            const { statusCode } = outcome.answer;
            const ids = (0,_webhook_answer_js__WEBPACK_IMPORTED_MODULE_3__/* .answerIds */ .xZ)(outcome.answer);
            const computeType = COMPUTE_TYPES.find((c) => c === ids.computeType);
            const is2xx = statusCode >= 200 && statusCode < 300;
            const error = !is2xx
                ? `HTTP ${statusCode}${typeof outcome.answer.json?.message === 'string' ? `: ${outcome.answer.json.message}` : ''}`
                : computeType
                    ? undefined
                    : 'a 2xx answer without the workload’s compute_type';
            return {
                ok: is2xx && computeType !== undefined,
                status: statusCode,
                ...(computeType ? { computeType } : {}),
                ...(ids.functionVersion ? { functionVersion: ids.functionVersion } : {}),
                latencyMs: outcome.latencyMs,
                ...(error ? { error } : {}),
            };
        }
        case 'throttled':
            return { ok: false, status: 429, latencyMs: outcome.latencyMs, error: outcome.message };
        case 'function-error':
            return {
                ok: false,
                status: 502,
                latencyMs: outcome.latencyMs,
                error: `${outcome.errorType}: ${outcome.errorMessage}`,
            };
        case 'failed':
            return { ok: false, status: 0, latencyMs: outcome.latencyMs, error: outcome.message };
    }
}
function createStageProber(options) {
    const agent = (0,_webhook_http_js__WEBPACK_IMPORTED_MODULE_2__/* .createStageAgent */ .O)(options.connections ?? 16);
    const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    let seq = 0;
    const probe = async (signal) => {
        const n = ++seq;
        const deliveryId = probeDeliveryId(options.runId, n);
        const request = (0,_webhook_request_js__WEBPACK_IMPORTED_MODULE_5__/* .signedWebhook */ .MI)({
            secrets: options.secrets,
            deliveryId,
            rawBody: JSON.stringify({
                event_type: _webhook_request_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECK_EVENT_TYPE */ .FW,
                lmi_cutover: { run: options.runId, check: 'probe', seq: n },
            }),
            timestampSeconds: nowSeconds(),
        });
        const outcome = await (0,_webhook_http_js__WEBPACK_IMPORTED_MODULE_2__/* .postToStage */ .y)(options.stageUrl, request, {
            dispatcher: agent,
            timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
            signal,
        });
        return probeSampleOf(outcome);
    };
    return closableProber(probe, () => seq, agent);
}
/** A prober with its count and its connections, closed once. */
function closableProber(probe, sent, agent) {
    let closed = false;
    return {
        probe,
        sent,
        close: async () => {
            if (closed)
                return;
            closed = true;
            await agent.close().catch(() => undefined);
        },
    };
}
/** Sockets for a probe rate: a second of probes in flight, within sane bounds. */
const probeConnections = (ratePerSecond) => Math.min(64, Math.max(4, Math.ceil(ratePerSecond * 2)));
/** The SSM parameter holding the signing secret, from a function's own environment. */
async function signingSecretParameter(ctx, functionName, qualifier) {
    const config = await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_7__/* .getFunctionConfiguration */ .td)(ctx.aws.lambda, functionName, qualifier);
    const name = config.Environment?.Variables?.[_webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__/* .SECRET_PARAMETER_VARIABLE */ .g];
    if (!name) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('SIGNING_SECRET_UNAVAILABLE', `${functionName} has no ${_webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__/* .SECRET_PARAMETER_VARIABLE */ .g} environment variable, so probes cannot be signed; ` +
            'set it to the SSM parameter name as workload/template.yaml does.');
    }
    return name;
}
/**
 * A prober for a rollback, best effort: a rollback must never wait on, or fail for, its proof.
 * Undefined (with a warning saying why) when the stage URL or the secret cannot be had; the
 * rollback then relies on the stage's read-back and says so.
 */
async function tryStageProber(ctx, source) {
    if (!source.stageUrl || !source.functionName) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.probesNoOutputs, 'The stack has no ApiUrl or function output, so the route change cannot be verified by probes.');
        return undefined;
    }
    try {
        const secretParameter = await signingSecretParameter(ctx, source.functionName);
        const secrets = await (0,_webhook_secret_js__WEBPACK_IMPORTED_MODULE_4__/* .readSigningSecret */ .y)(ctx, secretParameter);
        return {
            prober: createStageProber({
                stageUrl: source.stageUrl,
                secrets,
                runId: source.runId,
                connections: probeConnections(source.probeRate),
            }),
            secretParameter,
        };
    }
    catch (e) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .TRAFFIC_MESSAGES */ .H.probesUnavailable, `Probes are not available, so the route change cannot be verified by them: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`);
        return undefined;
    }
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


/***/ }),

/***/ 77539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ warmAnswers),
/* harmony export */   HP: () => (/* binding */ planBaseline),
/* harmony export */   JB: () => (/* binding */ latencyBaselineOf),
/* harmony export */   Ns: () => (/* binding */ announceBaselineBurst),
/* harmony export */   hF: () => (/* binding */ productionTarget),
/* harmony export */   qi: () => (/* binding */ measureBaseline)
/* harmony export */ });
/* unused harmony export warmLatency */
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _core_stats_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38796);
/* harmony import */ var _traffic_route_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66975);
/* harmony import */ var _core_domain_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(25179);
/* harmony import */ var _webhook_invoke_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(34894);
/* harmony import */ var _load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(56299);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(76324);








/** The limit is this many times production's warm p95. */
const AUTO_P95_FACTOR = 1.5;
/** One request in flight per environment a version starts with; ten rounds of it. */
const LIGHT_IN_FLIGHT = _load_js__WEBPACK_IMPORTED_MODULE_5__/* .ENVIRONMENTS_AT_START */ .qf;
const LIGHT_ROUNDS = 10;
/**
 * The version the stage's production route serves. A stage that cannot be read does not stop a
 * verify run (it never touches the route): the twin stands in, and the report says why.
 */
async function productionTarget(ctx, stackName, outputs) {
    try {
        const { route } = await (0,_traffic_route_js__WEBPACK_IMPORTED_MODULE_3__/* .readRoute */ .S9)(ctx, (0,_traffic_route_js__WEBPACK_IMPORTED_MODULE_3__/* .routeRefFromOutputs */ .lN)(outputs, stackName));
        const production = (0,_core_domain_js__WEBPACK_IMPORTED_MODULE_7__/* .productionOf */ .zS)(route);
        if (production)
            return { basis: 'production', target: invokeTargetOf(production) };
        return twinInstead(ctx, 'the stage routes to no version yet');
    }
    catch (e) {
        if (!(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isCutoverError */ .jH)(e) && !(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDeniedError */ .sm)(e) && !(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFoundError */ .El)(e))
            throw e;
        return twinInstead(ctx, `the stage's route could not be read (${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e).split('\n')[0]})`);
    }
}
function twinInstead(ctx, why) {
    const note = `${why}; the standard twin's candidate stands in for production`;
    ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .VERIFY_MESSAGES */ .J.baselineTwin, `max-p95-ms auto: ${note}.`);
    return { basis: 'twin', note };
}
const invokeTargetOf = (v) => ({
    side: v.side,
    functionName: v.functionName,
    qualifier: v.version,
});
const sameTarget = (a, b) => a.functionName === b.functionName && a.qualifier === b.qualifier;
/** Undefined when there is nothing to compare with (production unknown and no twin burst). */
function planBaseline(production, check) {
    if (production.basis === 'twin')
        return check.twin ? { from: 'standard', basis: 'twin', note: production.note } : undefined;
    const { target } = production;
    if (sameTarget(target, check.candidate))
        return { from: 'lmi', basis: 'production', note: 'production already serves the candidate' };
    if (check.twin && sameTarget(target, check.twin))
        return { from: 'standard', basis: 'production' };
    if (target.side === 'standard')
        return { from: 'burst', basis: 'production', target };
    const concurrency = Math.min(LIGHT_IN_FLIGHT, check.concurrency);
    return {
        from: 'light',
        basis: 'production',
        target,
        light: { concurrency, requests: concurrency * LIGHT_ROUNDS },
        note: `production and the candidate measured at the same light load, ${concurrency} in flight`,
    };
}
/** Says in the log why production gets requests of its own, before they go. */
function announceBaselineBurst(ctx, plan) {
    if (plan.from === 'burst') {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .VERIFY_MESSAGES */ .J.baselineBurst, `max-p95-ms auto: production serves ${(0,_webhook_invoke_js__WEBPACK_IMPORTED_MODULE_4__/* .targetLabel */ .Op)(plan.target)}, a standard version; the same burst measures its warm latency.`);
    }
    else if (plan.from === 'light') {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_6__/* .VERIFY_MESSAGES */ .J.baselineBurst, `max-p95-ms auto: production serves ${(0,_webhook_invoke_js__WEBPACK_IMPORTED_MODULE_4__/* .targetLabel */ .Op)(plan.target)}, an LMI version; ${plan.light.requests} requests, ` +
            `${plan.light.concurrency} in flight, measure it and the candidate at the same light load (the check's burst would take real users' capacity).`);
    }
}
/**
 * Production's warm latency and the limit it sets (see the top of this file for how production
 * is measured). Undefined when there is nothing to compare with (no twin burst, production unknown).
 */
async function measureBaseline(ctx, load, production, measure) {
    const candidate = load.lmi.burst.plan;
    const plan = planBaseline(production, {
        candidate: candidate.target,
        twin: load.standard?.burst.plan.target,
        concurrency: candidate.concurrency,
    });
    if (!plan)
        return undefined;
    announceBaselineBurst(ctx, plan);
    let run;
    let paired;
    switch (plan.from) {
        case 'lmi':
            run = load.lmi;
            break;
        case 'standard':
            run = load.standard;
            break;
        case 'burst':
            run = await measure(plan.target, { ...sizeOf(candidate), kind: 'baseline' });
            break;
        case 'light':
            run = await measure(plan.target, { ...plan.light, kind: 'baseline' });
            paired = await measure(candidate.target, { ...plan.light, kind: 'paired' });
            break;
    }
    const warm = warmLatency(run.burst.samples);
    return latencyBaselineOf({
        target: run.burst.plan.target,
        plan,
        sample: sizeOf(run.burst.plan),
        warm: warm.latency,
        coldStartsExcluded: warm.coldStartsExcluded,
        coldStartsKnown: warm.coldStartsKnown,
        ...(paired ? { candidateWarm: warmLatency(paired.burst.samples).latency } : {}),
    });
}
/** The baseline and its limit from production's warm latency, however it was measured. */
function latencyBaselineOf(parts) {
    const { target, plan, warm } = parts;
    return {
        side: target.side,
        functionName: target.functionName,
        qualifier: target.qualifier,
        basis: plan.basis,
        ...(plan.note ? { note: plan.note } : {}),
        sample: parts.sample,
        warm,
        coldStartsExcluded: parts.coldStartsExcluded,
        coldStartsKnown: parts.coldStartsKnown,
        ...(parts.candidateWarm ? { candidateWarm: parts.candidateWarm } : {}),
        factor: AUTO_P95_FACTOR,
        limitMs: Math.round(warm.p95 * AUTO_P95_FACTOR * 100) / 100,
    };
}
const sizeOf = (plan) => ({
    concurrency: plan.concurrency,
    requests: plan.requests,
});
/**
 * The answered invocations that did not start an environment. Without any REPORT line (no log
 * tail) cold starts cannot be told apart, and every answer counts.
 */
function warmAnswers(samples) {
    const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
    const coldStartsKnown = timed.some((s) => s.durationMs !== undefined);
    const warm = coldStartsKnown ? timed.filter((s) => !s.coldStart) : timed;
    return { warm, coldStartsExcluded: timed.length - warm.length, coldStartsKnown };
}
/** The warm answers' latency (warmAnswers). */
function warmLatency(samples) {
    const { warm, coldStartsExcluded, coldStartsKnown } = warmAnswers(samples);
    return { latency: (0,_core_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .summarizeLatencies */ ._q)(warm.map((s) => s.latencyMs)), coldStartsExcluded, coldStartsKnown };
}


/***/ }),

/***/ 20617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qy: () => (/* binding */ judgeOutcome),
/* harmony export */   uN: () => (/* binding */ describeExpectation)
/* harmony export */ });
/* unused harmony export jsonDifferences */
/* harmony import */ var _webhook_answer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49512);

/** What the check expects, in one line for the report: `201, json {"sku":"A-1"}`. */
function describeExpectation(expect) {
    const parts = [];
    if (expect.status !== undefined)
        parts.push(`status ${expect.status}`);
    if (expect.json !== undefined)
        parts.push(`json ⊇ ${JSON.stringify(expect.json)}`);
    if (expect.headers)
        parts.push(`headers ⊇ ${JSON.stringify(expect.headers)}`);
    if (expect.bodyMatches !== undefined)
        parts.push(`body ~ /${expect.bodyMatches}/`);
    if (expect.maxLatencyMs !== undefined)
        parts.push(`≤ ${expect.maxLatencyMs} ms`);
    return parts.join(', ');
}
/** The problems of an outcome; empty when it meets every expectation. */
function judgeOutcome(expect, outcome) {
    if (outcome.kind !== 'answered')
        return [(0,_webhook_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOutcome */ .SS)(outcome)];
    const { answer } = outcome;
    const problems = [];
    if (expect.status !== undefined && answer.statusCode !== expect.status)
        problems.push(`status ${answer.statusCode}, not ${expect.status}`);
    if (expect.json !== undefined) {
        let body;
        try {
            body = JSON.parse(answer.rawBody);
        }
        catch {
            problems.push(`body is not JSON: ${answer.rawBody.slice(0, 80) || '(empty)'}`);
        }
        if (body !== undefined)
            problems.push(...jsonDifferences(expect.json, body, '$'));
    }
    for (const [name, value] of Object.entries(expect.headers ?? {})) {
        const got = answer.headers[name.toLowerCase()];
        if (got !== value)
            problems.push(`header ${name} is ${got === undefined ? 'absent' : JSON.stringify(got)}, not ${JSON.stringify(value)}`);
    }
    if (expect.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(answer.rawBody))
        problems.push(`body does not match /${expect.bodyMatches}/: ${answer.rawBody.slice(0, 80) || '(empty)'}`);
    if (expect.maxLatencyMs !== undefined && outcome.latencyMs > expect.maxLatencyMs)
        problems.push(`took ${Math.round(outcome.latencyMs)} ms, over ${expect.maxLatencyMs} ms`);
    return problems;
}
/**
 * Where `actual` does not contain `expected`: objects by subset (deep), arrays element by
 * element with the same length, anything else by equality.
 */
function jsonDifferences(expected, actual, at) {
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual))
            return [`${at} is ${JSON.stringify(actual)}, not an array`];
        if (actual.length !== expected.length)
            return [`${at} has ${actual.length} items, not ${expected.length}`];
        return expected.flatMap((e, i) => jsonDifferences(e, actual[i], `${at}[${i}]`));
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
            return [`${at} is ${JSON.stringify(actual)}, not an object`];
        const record = actual;
        return Object.entries(expected).flatMap(([k, v]) => k in record ? jsonDifferences(v, record[k], `${at}.${k}`) : [`${at}.${k} is absent`]);
    }
    return Object.is(expected, actual)
        ? []
        : [`${at} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`];
}


/***/ }),

/***/ 84371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Be: () => (/* binding */ describeCheckRequest),
/* harmony export */   FZ: () => (/* binding */ checkProxyEvent),
/* harmony export */   G3: () => (/* binding */ bodyText)
/* harmony export */ });
/* harmony import */ var _webhook_proxy_event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56541);

/** The body as sent: a string as it is, anything else as JSON; absent, no body. */
function bodyText(spec) {
    if (spec.body === undefined || spec.body === null)
        return null;
    return typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
}
function checkProxyEvent(spec, stage, route, options = {}) {
    // The webhook builder types its methods narrowly; every field it sets applies to any method.
    const request = {
        method: spec.method,
        path: spec.path,
        headers: spec.headers ?? {},
        body: bodyText(spec),
    };
    const base = (0,_webhook_proxy_event_js__WEBPACK_IMPORTED_MODULE_0__/* .toProxyEvent */ .g)(request, stage, options);
    const query = spec.query && Object.keys(spec.query).length > 0 ? { ...spec.query } : null;
    return {
        ...base,
        resource: route.resource,
        queryStringParameters: query,
        multiValueQueryStringParameters: query
            ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
            : null,
        pathParameters: route.pathParameters ? { ...route.pathParameters } : null,
        requestContext: { ...base.requestContext, resourcePath: route.resource },
    };
}
/** One line naming the request for reports: `POST /orders?x=1`. */
function describeCheckRequest(spec) {
    const query = spec.query ? new URLSearchParams(spec.query).toString() : '';
    return `${spec.method} ${spec.path}${query ? `?${query}` : ''}`;
}


/***/ }),

/***/ 18086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ signerFor)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/pipeline/webhook/secret.ts + 1 modules
var secret = __webpack_require__(10876);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var request = __webpack_require__(1481);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/proxy-event.ts
var proxy_event = __webpack_require__(84371);
;// CONCATENATED MODULE: ./src/pipeline/verify/checks/sign-request.ts


function signCheckRequest(spec, secrets, deliveryId, nowMs) {
    const body = (0,proxy_event/* bodyText */.G3)(spec);
    const signed = (0,request/* signedWebhook */.MI)({
        secrets,
        deliveryId,
        // A request without a body is signed over the empty string, and still sent without one.
        rawBody: body ?? '',
        timestampSeconds: Math.floor(nowMs / 1000),
    });
    const headers = { ...(spec.headers ?? {}) };
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    for (const [name, value] of Object.entries(signed.headers)) {
        // The caller's own Content-Type wins, and a request without a body gets none.
        if (name.toLowerCase() === 'content-type' && (hasContentType || body === null))
            continue;
        headers[name] = value;
    }
    return { ...spec, headers, ...(body === null ? {} : { body }) };
}

;// CONCATENATED MODULE: ./src/pipeline/verify/checks/signing.ts




/**
 * The signer for this run; undefined without a `signing` section. The secret comes from SSM —
 * the parameter named in the file, or the one the LMI function's environment names, so the checks
 * sign with exactly what the function verifies.
 */
async function signerFor(ctx, signing, options) {
    if (!signing)
        return undefined;
    const parameter = 'ssmParameter' in signing.secret
        ? signing.secret.ssmParameter
        : options.functionEnvironment[signing.secret.functionEnvironment];
    if (!parameter) {
        const variable = 'functionEnvironment' in signing.secret ? signing.secret.functionEnvironment : '';
        throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `signing.secret.functionEnvironment: ${options.functionName} has no ${variable} environment variable naming the secret's SSM parameter; ` +
            'set it in the template, or name the parameter with signing.secret.ssmParameter.');
    }
    const secrets = await (0,secret/* readSigningSecret */.y)(ctx, parameter);
    const prefix = (0,request/* runDeliveryPrefix */.eD)(options.runId);
    let seq = 0;
    let bursts = 0;
    const sign = (spec, kind) => signCheckRequest(spec, secrets, `${prefix}${kind}.${++seq}`, Date.now());
    // `<kind>.b<n>.` never equals `<kind>.<seq>`: a burst's ids cannot meet the others'.
    return Object.assign(sign, { secrets, burstPrefix: (kind) => `${prefix}${kind}.b${++bursts}.` });
}


/***/ }),

/***/ 31438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wf: () => (/* binding */ readChecks),
  H$: () => (/* binding */ requireLoadRequest),
  V3: () => (/* binding */ verifyDeployedWithChecks),
  Hz: () => (/* binding */ verifyStackWithChecks)
});

// EXTERNAL MODULE: ./src/config/checks-file.ts + 1 modules
var checks_file = __webpack_require__(19473);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/pipeline/webhook/workload-stack.ts
var workload_stack = __webpack_require__(28934);
// EXTERNAL MODULE: ./src/pipeline/verify/baseline.ts
var baseline = __webpack_require__(77539);
// EXTERNAL MODULE: ./src/pipeline/verify/cost.ts + 3 modules
var verify_cost = __webpack_require__(47327);
// EXTERNAL MODULE: ./src/pipeline/verify/load.ts + 3 modules
var verify_load = __webpack_require__(56299);
// EXTERNAL MODULE: ./src/pipeline/verify/messages.ts
var messages = __webpack_require__(76324);
// EXTERNAL MODULE: ./src/pipeline/verify/phases.ts + 6 modules
var phases = __webpack_require__(7444);
// EXTERNAL MODULE: ./src/pipeline/verify/verify-stack.ts + 1 modules
var verify_stack = __webpack_require__(33661);
// EXTERNAL MODULE: ./src/pipeline/webhook/invoke.ts
var invoke = __webpack_require__(34894);
// EXTERNAL MODULE: ./src/pipeline/verify/load/burst.ts
var load_burst = __webpack_require__(59633);
// EXTERNAL MODULE: ./src/pipeline/verify/load/direct-burst.ts + 2 modules
var direct_burst = __webpack_require__(58851);
// EXTERNAL MODULE: ./src/pipeline/webhook/signature.ts
var signature = __webpack_require__(39314);
// EXTERNAL MODULE: ./src/pipeline/verify/load/summary.ts + 1 modules
var summary = __webpack_require__(88009);
// EXTERNAL MODULE: ./src/pipeline/verify/load/sample.ts
var sample = __webpack_require__(1153);
// EXTERNAL MODULE: ./src/pipeline/verify/checks/judge.ts
var judge = __webpack_require__(20617);
;// CONCATENATED MODULE: ./src/pipeline/verify/checks/load-sample.ts


function loadRequestSample(id, expect, outcome) {
    const problems = (0,judge/* judgeOutcome */.qy)(expect, outcome);
    return (0,sample/* sentRequest */.UZ)(id, outcome, {
        accepted: problems.length === 0,
        error: problems.length > 0 ? problems.join('; ') : undefined,
    });
}

// EXTERNAL MODULE: ./src/pipeline/verify/checks/proxy-event.ts
var proxy_event = __webpack_require__(84371);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/pipeline/deploy/template/cfn-yaml.ts
var cfn_yaml = __webpack_require__(15924);
;// CONCATENATED MODULE: ./src/pipeline/verify/checks/routes.ts
// The API route a request path falls on, so the proxy event carries the `resource` and
// `pathParameters` API Gateway would set (`/orders/{id}` for `/orders/42`): apps route on them.
// The routes come from the REST API's OpenAPI body in the deployed template; without one, the
// literal path is the resource, as it is for every route without parameters.



const API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi']);
/** The `paths` of every REST API's DefinitionBody (or Body) in the template; empty when it has none. */
async function readTemplateRoutes(cwd, template) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.resolve)(cwd, template), 'utf8');
    }
    catch {
        // The deploy reports a missing template with its own code (TEMPLATE_NOT_FOUND).
        return [];
    }
    const parsed = (0,cfn_yaml/* parseTemplate */.QC)(text, template);
    const routes = [];
    for (const resource of Object.values(parsed.Resources)) {
        if (!API_TYPES.has(resource.Type ?? '') || !(0,cfn_yaml/* isRecord */.u4)(resource.Properties))
            continue;
        const body = resource.Properties.DefinitionBody ?? resource.Properties.Body;
        if ((0,cfn_yaml/* isRecord */.u4)(body) && (0,cfn_yaml/* isRecord */.u4)(body.paths))
            routes.push(...Object.keys(body.paths));
    }
    return routes;
}
/**
 * The route API Gateway would pick: a literal route first, then the one with the most literal
 * segments; `{name}` takes one segment, `{name+}` the rest.
 */
function matchRoute(routes, path) {
    const candidates = routes
        .map((route) => ({ route, params: matchOne(route, path) }))
        .filter((c) => c.params !== undefined)
        .sort((a, b) => literalSegments(b.route) - literalSegments(a.route));
    const best = candidates[0];
    if (!best)
        return { resource: path, pathParameters: null };
    return {
        resource: best.route,
        pathParameters: Object.keys(best.params).length > 0 ? best.params : null,
    };
}
function matchOne(route, path) {
    const names = [];
    const source = route
        .split('/')
        .map((segment) => {
        const param = /^\{([^}+]+)(\+?)\}$/.exec(segment);
        if (!param)
            return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]);
        return param[2] ? '(.+)' : '([^/]+)';
    })
        .join('/');
    const m = new RegExp(`^${source}$`).exec(path);
    if (!m)
        return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}
const literalSegments = (route) => route.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;

;// CONCATENATED MODULE: ./src/pipeline/verify/checks/load.ts










const ISOLATION_NOT_APPLICABLE = 'not applicable: the app has no events table to read its requests back from';
/** The same burst at both candidates, one after the other, through one client sized for it. */
async function runChecksLoad(ctx, options) {
    const lambda = options.lambda ?? ctx.aws.lambdaForLoad(options.concurrency);
    const lmi = await measureLoadRequest(ctx, lambda, options, 'lmi');
    const standard = await measureLoadRequest(ctx, lambda, options, 'standard');
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.isolationNotApplicable, `Isolation check not run — ${ISOLATION_NOT_APPLICABLE}. Requests mixed up under concurrency show only as answers that fail load.expect.`);
    return { lmi, standard };
}
/** One burst of the load request at one side, and its figures. */
async function measureLoadRequest(ctx, lambda, options, side) {
    const target = options.target ?? (side === 'lmi' ? options.stack.lmi : options.stack.standard);
    const now = options.now ?? (() => performance.now());
    const { request, expect } = options.load;
    const stage = (0,workload_stack/* stageContextFor */.Pm)(options.stack, side, options.region, options.target);
    const route = matchRoute(options.routes, request.path);
    const name = `load.${options.kind ? `${options.kind}.` : ''}${side}`;
    // From load workers, as the webhook's burst goes, unless the caller keeps its own clock.
    const workers = options.now === undefined ? ctx.aws.loadWorkersFor(lambda) : undefined;
    const sendFrom = () => {
        const plan = { target, concurrency: options.concurrency, requests: options.requests };
        if (workers) {
            const { sign } = options;
            const requests = {
                kind: 'check',
                request,
                expect,
                stage,
                route,
                idPrefix: `${name}.`,
                ...(sign
                    ? { signing: { secrets: (0,signature/* rawSecrets */.WX)(sign.secrets), deliveryPrefix: sign.burstPrefix(name) } }
                    : {}),
            };
            return (0,direct_burst/* fireDirectBurst */.q)(ctx, lambda, plan, requests, { workers, logTail: true });
        }
        const send = async (seq) => {
            // Built per request: each has its own API Gateway request id and time.
            const sent = options.sign ? options.sign(request, name) : request;
            const event = (0,proxy_event/* checkProxyEvent */.FZ)(sent, stage, route, { nowMs: ctx.clock.now() });
            const outcome = await (0,invoke/* invokeProxyEvent */.xA)(lambda, target, event, {
                now,
                logTail: true,
                signal: ctx.signal,
            });
            return loadRequestSample(`${name}.${seq}`, expect, outcome);
        };
        return (0,load_burst/* fireBurst */["do"])(ctx, plan, send, now);
    };
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.burstStarted, `${(0,invoke/* targetLabel */.Op)(target)}: ${options.requests} × ${(0,proxy_event/* describeCheckRequest */.Be)(request)}, ${options.concurrency} in flight ` +
        `(${options.kind === 'baseline' ? 'production, for max-p95-ms auto' : options.kind === 'paired' ? 'LMI version at the same light load, for max-p95-ms auto' : side === 'lmi' ? 'LMI version' : 'standard twin'})`);
    const burst = await sendFrom();
    const { result, meanFunctionDurationMs } = (0,summary/* summarizeBurst */.w)(burst, { environmentsReported: false });
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.burstFigures, `${(0,invoke/* targetLabel */.Op)(target)}: ${(0,summary/* describeFigures */.p)(result)}`);
    (0,load_burst/* logFirstErrors */.ql)(ctx, burst.samples);
    return { burst, result, meanFunctionDurationMs };
}

// EXTERNAL MODULE: ./src/pipeline/webhook/answer.ts
var answer = __webpack_require__(49512);
;// CONCATENATED MODULE: ./src/pipeline/verify/checks/run.ts







async function runUserChecks(ctx, deps) {
    const checks = [];
    for (const side of ['lmi', 'standard']) {
        const target = sideTarget(deps.stack, side);
        const sideChecks = [];
        for (const check of deps.checks)
            sideChecks.push(await runCheck(ctx, deps, side, target, check));
        checks.push(...sideChecks);
        const passed = sideChecks.filter((c) => c.passed).length;
        ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.smokeSide, `${side === 'lmi' ? 'LMI version' : 'Standard twin'} ${(0,invoke/* targetLabel */.Op)(target)}: ` +
            `${passed}/${sideChecks.length} smoke checks passed`);
    }
    return { checks, passed: checks.every((c) => c.passed) };
}
/** Both candidates by number: the twin's is StandardVersion when the stack declares it, else its live alias. */
function sideTarget(stack, side) {
    return side === 'lmi' ? stack.lmi : stack.standard;
}
async function runCheck(ctx, deps, side, target, check) {
    const now = deps.now ?? (() => performance.now());
    const request = deps.sign && check.signed !== false ? deps.sign(check.request, 'smoke') : check.request;
    const event = (0,proxy_event/* checkProxyEvent */.FZ)(request, (0,workload_stack/* stageContextFor */.Pm)(deps.stack, side, deps.region), matchRoute(deps.routes, check.request.path));
    const started = now();
    const outcome = await (0,invoke/* invokeProxyEvent */.xA)(deps.lambda ?? ctx.aws.lambda, target, event, { now });
    const problems = (0,judge/* judgeOutcome */.qy)(check.expect, outcome);
    return {
        name: check.name,
        target: side,
        version: target.qualifier,
        request: (0,proxy_event/* describeCheckRequest */.Be)(check.request),
        expected: (0,judge/* describeExpectation */.uN)(check.expect),
        actual: problems.length > 0 ? problems.join('; ') : (0,answer/* describeOutcome */.SS)(outcome),
        passed: problems.length === 0,
        durationMs: Math.round(now() - started),
    };
}

// EXTERNAL MODULE: ./src/pipeline/verify/checks/signing.ts + 1 modules
var signing = __webpack_require__(18086);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var request = __webpack_require__(1481);
;// CONCATENATED MODULE: ./src/pipeline/verify/checks/verify-checks.ts
// Verify with the user's checks file instead of the bundled webhook workload's contract: deploy,
// wait for the LMI version, run the user's smoke checks on both candidates, then — when the file
// declares `load:` — the concurrency check with that request, its gates and the optional sweep.
// Without `load:` the concurrency check is recorded as skipped, loudly — never as a pass.














const NO_LOAD_REQUEST = "not run: the checks file declares no `load:` request, and the bundled workload's signed webhooks do not apply to this app";
/** The file's `load:`, which a shift needs: its probes send that request through the stage. */
function requireLoadRequest(load, checksFile) {
    if (load)
        return load;
    throw new errors/* CutoverError */.DB('INVALID_INPUT', `checks: ${checksFile} has no \`load:\` section, and a cutover needs it: the canary probes send its request through the stage ` +
        'and judge each answer by its expect. Add `load: { request: …, expect: … }` (README "Your own checks"); nothing was deployed.');
}
/** The checks file is read before the deploy, so a bad one costs no deployment. */
async function verifyStackWithChecks(ctx, report, settings, options = {}, 
/** Already read by a caller that must refuse a bad file before anything else (mode full). */
read) {
    const file = read ?? (await readChecks(settings));
    const deploy = await (0,verify_stack/* deployForVerify */.oT)(ctx, report, settings, options);
    return { deploy, verify: await verifyChecksOn(ctx, report, settings, deploy.outputs, file, options) };
}
/** Mode cutover: the deployed stack's candidates, verified again with the checks file. */
async function verifyDeployedWithChecks(ctx, report, settings, outputs, options = {}) {
    const file = await readChecks(settings);
    return verifyChecksOn(ctx, report, settings, outputs, file, options);
}
/** The checks file (refused as a whole when bad) and the routes of the template's API. */
async function readChecks(settings) {
    const checks = await (0,checks_file/* readChecksFile */.K)(settings.cwd, settings.checksFile);
    if (settings.requireLoad)
        requireLoadRequest(checks.load, settings.checksFile);
    // The routes of the API's OpenAPI body, from the template the app deploys (`template`).
    const routes = await readTemplateRoutes(settings.cwd, settings.template);
    return { checks, routes };
}
async function verifyChecksOn(ctx, report, settings, outputs, { checks, routes }, options) {
    try {
        const stack = (0,workload_stack/* appStackFromOutputs */.Qu)(settings.stackName, outputs);
        const region = await ctx.aws.region();
        const provision = await (0,phases/* provisionPhase */.hT)(ctx, report, settings, stack, options.provision);
        const sign = await (0,signing/* signerFor */.k)(ctx, checks.signing, {
            runId: options.runId ?? (0,request/* newRunId */.F$)(),
            functionEnvironment: provision.function.environment,
            functionName: stack.lmi.functionName,
        });
        const smoke = await (0,phases/* recordSmoke */.Rw)(ctx, report, () => runUserChecks(ctx, { stack, region, checks: checks.checks, routes, now: options.now, sign }), options.onSmokeChecked);
        const verified = {
            type: 'user-checks',
            stack,
            provision,
            smoke,
            ...(sign ? { sign } : {}),
            ...(checks.load ? { loadRequest: checks.load } : {}),
        };
        if (!checks.load) {
            skipLoad(ctx, report, settings);
            return { ...verified, loadSkipped: NO_LOAD_REQUEST };
        }
        const traffic = { stack, region, load: checks.load, routes, now: options.now, sign };
        const production = () => (0,baseline/* productionTarget */.hF)(ctx, settings.stackName, outputs);
        const measured = await loadRequestPhases(ctx, report, settings, traffic, provision.function, production);
        return { ...verified, ...measured };
    }
    catch (e) {
        report.skippedUnlessRecorded((0,verify_stack/* verifyStages */.dX)(settings), e);
        throw e;
    }
}
/** The load stage with the file's request (gates and cost as for the workload), then the sweep. */
async function loadRequestPhases(ctx, report, settings, traffic, lmiFacts, production) {
    const sizing = (0,verify_load/* loadSizing */.$2)(settings, lmiFacts.maxConcurrency);
    const lambda = ctx.aws.lambdaForLoad(sizing.concurrency);
    const { load, gates, baseline } = await (0,phases/* recordLoad */.K6)(ctx, report, settings, sizing, {
        run: () => runChecksLoad(ctx, { ...traffic, ...sizing, lambda }),
        baseline: {
            production,
            measure: (target, sample) => measureLoadRequest(ctx, lambda, { ...traffic, ...sample, target }, target.side),
        },
        beforeGates: async (l) => {
            const cost = await (0,verify_cost/* measuredCost */.m)(ctx, settings, traffic.stack, lmiFacts, l);
            if (cost)
                report.cost(cost);
        },
    });
    const sweep = await (0,phases/* sweepPhase */.uP)(ctx, report, settings, sizing, (lambda, level) => measureLoadRequest(ctx, lambda, { ...traffic, ...level }, 'lmi'));
    return { load, gates, sweep, ...(baseline ? { baseline } : {}) };
}
function skipLoad(ctx, report, settings) {
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.loadNotApplicable, `Concurrency check skipped — ${NO_LOAD_REQUEST}. The LMI version was NOT load-tested; add a \`load:\` request to the checks file.`);
    report.skipped('load', NO_LOAD_REQUEST);
    if (settings.concurrencySweep.length > 0)
        report.skipped('sweep', NO_LOAD_REQUEST);
}


/***/ }),

/***/ 47327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ measuredCost)
});

// UNUSED EXPORTS: COST_PEAK_FACTOR

// EXTERNAL MODULE: ./src/aws/lambda.ts
var lambda = __webpack_require__(5974);
// EXTERNAL MODULE: ./src/cost/prices.ts
var prices = __webpack_require__(51295);
;// CONCATENATED MODULE: ./src/cost/lmi.ts

const SECONDS_PER_MONTH = prices/* HOURS_PER_MONTH */.x4 * 3600;
class CostInputError extends Error {
}
function resolveInstance(input) {
    const name = input.instanceType ?? prices/* DEFAULT_INSTANCE_TYPE */.lo[input.architecture];
    const known = prices/* INSTANCE_TYPES */.qA[name];
    if (!known) {
        throw new CostInputError(`instance-type: "${name}" is not in the price table (${Object.keys(prices/* INSTANCE_TYPES */.qA).join(', ')}); ` +
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
    const min = input.scaling?.min ?? prices/* LMI_MIN_INSTANCES */.$z;
    const max = input.scaling?.max ?? Number.POSITIVE_INFINITY;
    const environments = Math.max(min, Math.min(max, wanted), 1);
    const cappedByMax = wanted > max;
    const instances = Math.max(prices/* LMI_MIN_INSTANCES */.$z, Math.ceil(environments / environmentsPerInstance));
    const onDemand = instances * prices/* HOURS_PER_MONTH */.x4 * type.hourly;
    const ec2 = onDemand * (1 - input.savingsPlanDiscount);
    const managementFee = onDemand * prices/* LMI_MANAGEMENT_FEE */.Ee;
    const requests = (input.invocations / 1e6) * prices/* LMI_REQUEST_PRICE_PER_MILLION */.Gl;
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

;// CONCATENATED MODULE: ./src/cost/standard.ts

/** Standard Lambda per month: requests + GB-seconds through the volume tiers. */
function standardMonthlyCost(input) {
    const gbSecondsUsed = input.invocations * (input.durationMs / 1000) * (input.memoryMb / 1024);
    const billableGbSeconds = Math.max(0, gbSecondsUsed - (input.freeTier ? prices/* LAMBDA_FREE_TIER */.UY.gbSeconds : 0));
    const billableRequests = Math.max(0, input.invocations - (input.freeTier ? prices/* LAMBDA_FREE_TIER */.UY.requests : 0));
    let compute = 0;
    let tierStart = 0;
    for (const tier of prices/* LAMBDA_GB_SECOND_TIERS */.ZS[input.architecture]) {
        const inTier = Math.min(billableGbSeconds, tier.upTo) - tierStart;
        if (inTier <= 0)
            break;
        compute += inTier * tier.price;
        tierStart = tier.upTo;
    }
    const requests = (billableRequests / 1e6) * prices/* LAMBDA_REQUEST_PRICE_PER_MILLION */.JO;
    return { requests, compute, total: requests + compute, gbSeconds: gbSecondsUsed };
}

;// CONCATENATED MODULE: ./src/cost/compare.ts



const costsAt = (input, invocations) => ({
    standard: standardMonthlyCost({ ...input.standard, invocations, architecture: input.lmi.architecture }),
    lmi: lmiMonthlyCost({ ...input.lmi, invocations }),
});
const lmiNotDearer = (input, n) => {
    const c = costsAt(input, n);
    return c.lmi.total <= c.standard.total;
};
/**
 * LMI's cost is a staircase (whole instances) and standard Lambda's a line, so the first
 * crossing is found on a geometric grid and then narrowed by bisection inside the bracket.
 */
function findCrossover(input, upTo = 1e12) {
    let prev = 1000;
    if (lmiNotDearer(input, prev))
        return prev;
    for (let n = prev * 1.05; n <= upTo; n *= 1.05) {
        if (lmiNotDearer(input, n)) {
            let lo = prev;
            let hi = n;
            while (hi - lo > Math.max(1, lo * 1e-6)) {
                const mid = (lo + hi) / 2;
                if (lmiNotDearer(input, mid))
                    hi = mid;
                else
                    lo = mid;
            }
            return Math.ceil(hi);
        }
        prev = n;
    }
    return null;
}
function compareCosts(input) {
    const { standard, lmi } = costsAt(input, input.invocations);
    const l = input.lmi;
    return {
        invocations: input.invocations,
        standard,
        lmi,
        lmiMinusStandard: lmi.total - standard.total,
        cheaper: lmi.total <= standard.total ? 'lmi' : 'standard',
        crossoverInvocations: findCrossover(input),
        assumptions: [
            `Prices: ${prices/* PRICE_SOURCE */.s6}${l.instancePrice !== undefined ? `; instance price overridden to $${l.instancePrice}/h` : ''}.`,
            `Standard Lambda: ${input.standard.memoryMb} MB, ${input.standard.durationMs} ms per invocation, ${l.architecture}` +
                `${input.standard.freeTier ? ', free tier applied' : ', no free tier'}.`,
            `LMI: ${lmi.instances} × ${lmi.instanceType} for ${prices/* HOURS_PER_MONTH */.x4} h, Savings Plan discount ${(l.savingsPlanDiscount * 100).toFixed(0)}% ` +
                `on the EC2 part only, management fee ${(prices/* LMI_MANAGEMENT_FEE */.Ee * 100).toFixed(0)}% of the on-demand price.`,
            `LMI fleet sized for ${l.peakFactor}× the average concurrency (${lmi.averageConcurrency.toFixed(2)} → ${lmi.peakConcurrency.toFixed(2)} in flight), ` +
                `${l.maxConcurrency} per environment, ${lmi.environmentsPerInstance} environment(s) of ${l.memoryMb} MB per instance, never fewer than 3 instances.`,
            l.scaling
                ? `FunctionScalingConfig ${l.scaling.min}/${l.scaling.max} (min/max execution environments): ${lmi.environments} environment(s) run all month` +
                    (lmi.cappedByMax
                        ? '; the peak needs more than the maximum, so the excess would be throttled.'
                        : '.')
                : `No FunctionScalingConfig read: SAM's default of 3 environments assumed.`,
            `During a release the candidate version's minimum environments run beside production's until the old version is retired (its minimum again, for the provisioning minutes plus the bake).`,
        ],
    };
}

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/pipeline/verify/messages.ts
var messages = __webpack_require__(76324);
;// CONCATENATED MODULE: ./src/pipeline/verify/cost.ts




/** Peak-to-average ratio the LMI fleet is sized for; listed in the report's assumptions. */
const COST_PEAK_FACTOR = 2;
async function measuredCost(ctx, config, stack, lmiFacts, load) {
    try {
        const twin = await (0,lambda/* getFunctionConfiguration */.td)(ctx.aws.lambda, stack.standard.functionName, stack.standard.qualifier);
        const lmiDuration = duration(load.lmi);
        const standardDuration = load.standard ? duration(load.standard) : lmiDuration;
        const input = {
            invocations: config.monthlyInvocations,
            standard: { durationMs: standardDuration.ms, memoryMb: twin.MemorySize ?? 128, freeTier: false },
            lmi: {
                durationMs: lmiDuration.ms,
                memoryMb: lmiFacts.memoryMb,
                memoryGiBPerVCpu: lmiFacts.memoryGiBPerVCpu,
                maxConcurrency: lmiFacts.maxConcurrency,
                architecture: lmiFacts.architecture,
                ...(lmiFacts.scaling ? { scaling: { ...lmiFacts.scaling } } : {}),
                peakFactor: COST_PEAK_FACTOR,
                savingsPlanDiscount: config.savingsPlanDiscount,
                ...(config.instanceType ? { instanceType: config.instanceType } : {}),
                ...(config.instancePrice !== undefined ? { instancePrice: config.instancePrice } : {}),
            },
        };
        const comparison = compareCosts(input);
        comparison.assumptions.push(`Durations measured in this run: standard ${standardDuration.ms} ms (${standardDuration.source}), LMI ${lmiDuration.ms} ms (${lmiDuration.source}).`);
        return { ...comparison, input };
    }
    catch (e) {
        ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.costLeftOut, `Cost comparison left out: ${(0,aws_errors/* errorMessage */.gJ)(e)}`);
        return undefined;
    }
}
function duration(run) {
    if (run.meanFunctionDurationMs !== undefined) {
        return { ms: run.meanFunctionDurationMs, source: 'mean of the REPORT lines' };
    }
    return { ms: run.result.latency.mean, source: 'mean client-side latency; no REPORT lines' };
}


/***/ }),

/***/ 4146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ evaluateGates),
/* harmony export */   z: () => (/* binding */ assertGatesPassed)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _core_latency_baseline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39053);


function evaluateGates(lmi, baseline, limits) {
    return [
        {
            name: 'max-error-rate',
            limit: limits.maxErrorRate,
            actual: lmi.errorRate,
            passed: lmi.errorRate <= limits.maxErrorRate,
        },
        p95Gate(lmi, baseline, limits.maxP95Ms),
        {
            name: 'max-throttle-rate',
            limit: limits.maxThrottleRate,
            actual: lmi.throttleRate,
            passed: lmi.throttleRate <= limits.maxThrottleRate,
        },
    ];
}
function p95Gate(lmi, baseline, limit) {
    // Against an LMI production measured at a light load, the candidate at that same load.
    const paired = limit === 'auto' ? baseline?.candidateWarm : undefined;
    const actual = paired ? paired.p95 : lmi.latency.p95;
    if (limit !== 'auto')
        return notJudgedIfLimited({ name: 'max-p95-ms', limit, actual, passed: lmi.latency.count > 0 && actual <= limit }, lmi);
    // Nothing to compare with is never a pass.
    if (!baseline)
        return { name: 'max-p95-ms', limit: 'auto: no production latency measured', actual, passed: false };
    if (baseline.warm.count === 0)
        return { name: 'max-p95-ms', limit: 'auto: production answered no warm request', actual, passed: false };
    const derived = baseline.limitMs;
    const answered = paired ? paired.count : lmi.latency.count;
    return notJudgedIfLimited({ name: 'max-p95-ms', limit: derived, actual, passed: answered > 0 && actual <= derived }, paired ? undefined : lmi);
}
/**
 * A p95 over its limit that the load generator itself may have caused (its event loop or the
 * runner's cores ran out) is not a verdict on the function: the gate says so instead of failing.
 * Under the limit it stands, since the figure can only overstate the function's latency; so does
 * a breach larger than the delay a late-running loop can have added.
 */
function notJudgedIfLimited(gate, measured) {
    const limited = measured?.generatorLimited;
    if (gate.passed || !limited || measured.latency.count === 0)
        return gate;
    // A loop that ran late adds at most its delay to an answer: a breach larger than that stands.
    const delay = limited.eventLoopDelayMs;
    if (delay !== undefined &&
        typeof gate.actual === 'number' &&
        typeof gate.limit === 'number' &&
        gate.actual - delay > gate.limit)
        return gate;
    return {
        ...gate,
        actual: `${String(gate.actual)} (not judged: ${limited.reason})`,
        passed: true,
    };
}
/** GATE_FAILED with each breached gate's limit and figure. */
function assertGatesPassed(gates, figures) {
    const { lmi, baseline } = figures;
    const breached = gates.filter((g) => !g.passed);
    if (breached.length === 0)
        return;
    const lines = breached.map((g) => {
        switch (g.name) {
            case 'max-error-rate':
                return `max-error-rate: ${percent(lmi.errorRate)} of ${lmi.requests} requests failed (${lmi.errors}); the limit is ${percent(Number(g.limit))}`;
            case 'max-throttle-rate':
                return `max-throttle-rate: ${percent(lmi.throttleRate)} of ${lmi.requests} requests were throttled (${lmi.throttles}); the limit is ${percent(Number(g.limit))}`;
            case 'max-p95-ms':
                if (typeof g.limit === 'string') {
                    return (`max-p95-ms: ${g.limit}, so the p95 limit is unknown. ` +
                        `${baseline ? `production's version ${baseline.functionName}:${baseline.qualifier} answered ${baseline.warm.count} warm request(s). ` : ''}` +
                        `Set max-p95-ms to a number of milliseconds (LMI p95 was ${lmi.latency.p95} ms)`);
                }
                if (lmi.latency.count === 0)
                    return 'max-p95-ms: the LMI version answered no request, so it has no p95';
                return (`max-p95-ms: LMI p95 ${String(g.actual)} ms${baseline?.candidateWarm ? ' (warm, at the same light load as production)' : ''} is over the limit of ${g.limit} ms` +
                    (baseline ? ` (${(0,_core_latency_baseline_js__WEBPACK_IMPORTED_MODULE_1__/* .describeBaseline */ .F)(baseline)})` : ''));
            default:
                return `${g.name}: ${String(g.actual)} against ${String(g.limit)}`;
        }
    });
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('GATE_FAILED', `The LMI version failed ${breached.length} gate${breached.length === 1 ? '' : 's'} of the concurrency check.`, lines);
}
const percent = (fraction) => `${Math.round(fraction * 10000) / 100}%`;


/***/ }),

/***/ 56299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  qf: () => (/* binding */ ENVIRONMENTS_AT_START),
  Tr: () => (/* binding */ assertIsolation),
  $2: () => (/* binding */ loadSizing),
  P8: () => (/* binding */ measureBurst),
  wq: () => (/* binding */ runLoadCheck)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/pipeline/verify/load/burst.ts
var load_burst = __webpack_require__(59633);
// EXTERNAL MODULE: ./src/pipeline/verify/load/sample.ts
var sample = __webpack_require__(1153);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/isolation.ts

const MAX_PROBLEMS = 10;
function checkIsolation(samples, storedByDelivery) {
    const problems = [];
    const note = (p) => {
        if (problems.length < MAX_PROBLEMS)
            problems.push(p);
    };
    const mismatched = new Set();
    const mismatch = (s, why) => {
        mismatched.add(s.seq);
        note(`${s.id}: ${why}`);
    };
    const answered = samples.filter((s) => s.outcome === 'answered' && s.statusCode !== undefined && s.statusCode < 500);
    const byRequestId = countBy(answered, (s) => s.requestId);
    const byEventId = countBy(answered.filter(sample/* isAccepted */.oB), (s) => s.eventId);
    for (const s of answered) {
        if (!s.requestId) {
            if ((0,sample/* isAccepted */.oB)(s))
                mismatch(s, 'answer carries no request_id');
        }
        else if (s.invocationId && s.requestId !== s.invocationId) {
            mismatch(s, `answer carries request_id ${s.requestId}, but its invocation was ${s.invocationId}`);
        }
        else if ((byRequestId.get(s.requestId) ?? 0) > 1) {
            mismatch(s, `request_id ${s.requestId} appears in ${byRequestId.get(s.requestId)} answers`);
        }
        if ((0,sample/* isAccepted */.oB)(s) && s.eventId && (byEventId.get(s.eventId) ?? 0) > 1) {
            mismatch(s, `event_id ${s.eventId} appears in ${byEventId.get(s.eventId)} answers`);
        }
    }
    let stored = 0;
    const accepted = samples.filter(sample/* isAccepted */.oB);
    for (const s of accepted) {
        const events = storedByDelivery.get(s.id) ?? [];
        if (events.length === 0) {
            note(`${s.id}: answered 201 stored, but no event in the table`);
            continue;
        }
        stored++;
        const own = events.find((e) => e.eventId === s.eventId);
        if (!own) {
            mismatch(s, `answered event_id ${s.eventId}, but the table holds ${events.map((e) => e.eventId).join(', ')}`);
        }
        else if (s.requestId && own.requestId && own.requestId !== s.requestId) {
            mismatch(s, `stored with request_id ${own.requestId}, but answered by ${s.requestId}`);
        }
    }
    let duplicates = 0;
    for (const s of samples) {
        const count = storedByDelivery.get(s.id)?.length ?? 0;
        if (count > 1) {
            duplicates += count - 1;
            note(`${s.id}: stored ${count} times`);
        }
    }
    const result = {
        mismatchedIds: mismatched.size,
        stored,
        expectedStored: accepted.length,
        duplicates,
        problems,
    };
    return { ...result, passed: result.mismatchedIds === 0 && stored === accepted.length && duplicates === 0 };
}
function countBy(items, key) {
    const counts = new Map();
    for (const item of items) {
        const k = key(item);
        if (k !== undefined)
            counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
}

// EXTERNAL MODULE: ./src/pipeline/verify/load/summary.ts + 1 modules
var summary = __webpack_require__(88009);
// EXTERNAL MODULE: ./src/pipeline/webhook/invoke.ts
var invoke = __webpack_require__(34894);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var webhook_request = __webpack_require__(1481);
// EXTERNAL MODULE: ./src/pipeline/verify/load/direct-burst.ts + 2 modules
var direct_burst = __webpack_require__(58851);
// EXTERNAL MODULE: ./src/pipeline/webhook/answer.ts
var answer = __webpack_require__(49512);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/webhook-sample.ts
// A check webhook's outcome as a sample, the same whichever path sent it (webhook-burst.ts in
// the main thread, worker.ts in a load worker): the workload accepts a delivery when it answers
// 201 `stored`, and its answer names the ids the isolation check compares.


function webhookSample(deliveryId, outcome) {
    const ids = outcome.kind === 'answered' ? (0,answer/* answerIds */.xZ)(outcome.answer) : {};
    return (0,sample/* sentRequest */.UZ)(deliveryId, outcome, webhookVerdict(outcome, ids.status), ids);
}
function webhookVerdict(o, status) {
    if (o.kind !== 'answered')
        return { accepted: false };
    const { statusCode, rawBody } = o.answer;
    return {
        accepted: statusCode === 201 && status === 'stored',
        error: statusCode === 201 ? undefined : `${statusCode} ${rawBody.slice(0, 200)}`,
    };
}

// EXTERNAL MODULE: ./src/pipeline/webhook/signature.ts
var signature = __webpack_require__(39314);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/webhook-burst.ts






/**
 * From load workers through the direct invoker when `deps.lambda` is a load client of the run
 * (AwsClients.loadWorkersFor); in the main thread through the SDK client otherwise, and when the
 * caller brings its own clock (`now`), which only the main thread can read.
 */
async function fireWebhookBurst(ctx, deps, plan) {
    const level = plan.level === undefined ? '' : `${plan.level}.`;
    const deliveryPrefix = `${(0,webhook_request/* runDeliveryPrefix */.eD)(plan.runId)}${plan.kind}.${level}${plan.target.side}.`;
    const workers = deps.now === undefined ? ctx.aws.loadWorkersFor(deps.lambda) : undefined;
    if (workers !== undefined) {
        const send = {
            kind: 'webhook',
            stage: plan.stage,
            mark: { run: plan.runId, kind: plan.kind, target: plan.target.side, level: plan.level },
            secrets: (0,signature/* rawSecrets */.WX)(plan.secrets),
        };
        const burst = await (0,direct_burst/* fireDirectBurst */.q)(ctx, deps.lambda, plan, send, {
            workers,
            logTail: deps.logTail ?? true,
        });
        return { ...burst, deliveryPrefix };
    }
    const now = deps.now ?? (() => performance.now());
    const burst = await (0,load_burst/* fireBurst */["do"])(ctx, plan, sendWebhook(ctx, { ...deps, now }, plan), now);
    return { ...burst, deliveryPrefix };
}
function sendWebhook(ctx, deps, plan) {
    return async (seq) => {
        const mark = {
            run: plan.runId,
            kind: plan.kind,
            target: plan.target.side,
            seq,
            level: plan.level,
        };
        // Signed when sent, not when queued: a long burst must not outlive the 300 s tolerance.
        const request = (0,webhook_request/* checkWebhook */.YD)(plan.secrets, mark, Math.floor(ctx.clock.now() / 1000));
        const outcome = await (0,invoke/* invokeWebhook */.M2)(deps.lambda, plan.target, request, {
            stage: plan.stage,
            logTail: deps.logTail ?? true,
            now: deps.now,
            epochNow: () => ctx.clock.now(),
            signal: ctx.signal,
        });
        return webhookSample(request.deliveryId, outcome);
    };
}

// EXTERNAL MODULE: ./src/pipeline/verify/messages.ts
var messages = __webpack_require__(76324);
// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
// EXTERNAL MODULE: ./src/pipeline/webhook/events-table.ts + 1 modules
var events_table = __webpack_require__(36159);
// EXTERNAL MODULE: ./src/pipeline/webhook/workload-stack.ts
var workload_stack = __webpack_require__(28934);
;// CONCATENATED MODULE: ./src/pipeline/verify/load.ts










/** Execution environments a newly published LMI version starts with (Lambda's minimum). */
const ENVIRONMENTS_AT_START = 3;
const DEFAULT_REQUESTS_PER_CONCURRENCY = 10;
/** The configured sizes, or the defaults derived from the function's per-environment concurrency. */
function loadSizing(config, perEnvironmentMaxConcurrency) {
    const concurrency = config.concurrency ?? ENVIRONMENTS_AT_START * perEnvironmentMaxConcurrency;
    return { concurrency, requests: config.loadRequests ?? DEFAULT_REQUESTS_PER_CONCURRENCY * concurrency };
}
async function runLoadCheck(ctx, options) {
    const lambda = options.lambda ?? ctx.aws.lambdaForLoad(options.concurrency);
    const lmi = await measureBurst(ctx, lambda, options, 'lmi');
    const standard = options.twin === false ? undefined : await measureBurst(ctx, lambda, options, 'standard');
    if (standard && !standard.isolation.passed) {
        ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.twinIsolationFailed, `The standard twin failed the isolation check too (${standard.isolation.problems[0] ?? 'see the report'}): the workload itself mixes up requests.`);
    }
    return { lmi, standard };
}
/** One burst at one side, its stored events read back, and its figures. */
async function measureBurst(ctx, lambda, options, side) {
    const target = options.target ?? (side === 'lmi' ? options.stack.lmi : options.stack.standard);
    const plan = {
        target,
        stage: (0,workload_stack/* stageContextFor */.Pm)(options.stack, side, options.region, options.target),
        concurrency: options.concurrency,
        requests: options.requests,
        kind: options.kind ?? 'load',
        level: options.level,
        runId: options.runId,
        secrets: options.secrets,
    };
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.burstStarted, `${(0,invoke/* targetLabel */.Op)(target)}: ${plan.requests} signed webhooks, ${plan.concurrency} in flight (${burstLabel(plan.kind, side)})`);
    const burst = await fireWebhookBurst(ctx, { lambda, now: options.now }, plan);
    const stored = await readBurstEvents(ctx, options.stack.eventsTableName, burst);
    const isolation = checkIsolation(burst.samples, stored);
    const figures = (0,summary/* summarizeBurst */.w)(burst, { environmentsReported: true, isolation });
    const r = figures.result;
    ctx.progress.emit(messages/* VERIFY_MESSAGES */.J.burstFigures, `${(0,invoke/* targetLabel */.Op)(target)}: ${(0,summary/* describeFigures */.p)(r)}; isolation ${isolation.passed ? 'passed' : 'FAILED'}`);
    (0,load_burst/* logFirstErrors */.ql)(ctx, burst.samples);
    return { burst, result: r, isolation, meanFunctionDurationMs: figures.meanFunctionDurationMs };
}
function burstLabel(kind, side) {
    if (kind === 'baseline')
        return 'production, for max-p95-ms auto';
    if (kind === 'paired')
        return 'LMI version at the same light load, for max-p95-ms auto';
    return side === 'lmi' ? 'LMI version' : 'standard twin';
}
async function readBurstEvents(ctx, tableName, burst) {
    try {
        return await (0,events_table/* readStoredCheckEvents */.v)(ctx.aws.dynamoDb, {
            tableName,
            deliveryPrefix: burst.deliveryPrefix,
            fromMs: burst.startedAt,
            toMs: burst.endedAt,
        });
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'dynamodb:Query', tableName);
        throw e;
    }
}
/** ISOLATION_FAILED with the figures and the first examples. */
function assertIsolation(run) {
    const i = run.isolation;
    if (i.passed)
        return;
    throw new errors/* CutoverError */.DB('ISOLATION_FAILED', `The LMI version mixed up concurrent requests: ${i.mismatchedIds} answer(s) or event(s) carried another request's ids, ` +
        `${i.stored} of ${i.expectedStored} accepted deliveries were stored, ${i.duplicates} duplicate event(s). ` +
        'On LMI one environment serves many requests at once: keep per-request state in arguments or AsyncLocalStorage, never in module scope.', [...i.problems]);
}


/***/ }),

/***/ 59633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UL: () => (/* binding */ progressTally),
/* harmony export */   "do": () => (/* binding */ fireBurst),
/* harmony export */   ql: () => (/* binding */ logFirstErrors)
/* harmony export */ });
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70370);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _core_access_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31449);
/* harmony import */ var _webhook_invoke_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34894);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76324);
/* harmony import */ var _generator_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(75191);
/* harmony import */ var _sample_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1153);
// One burst: `requests` requests at one target, `concurrency` in flight at once (p-limit), each
// timed on its own. What a request is — a signed webhook, a checks file's load request — is the
// sender's business; the burst paces, times and tallies. The sender's Lambda client must have
// at least `concurrency` sockets and no retries (AwsClients.lambdaForLoad), or the burst
// measures a client-side queue and hides throttles. The concurrency check's own webhooks go
// out from load workers instead (direct-burst.ts); this runs everything else, and the tests
// that mock the SDK.








/** `now`: monotonic milliseconds, the clock the sender measures latency with (performance.now()). */
async function fireBurst(ctx, plan, send, now = () => performance.now()) {
    const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_6__/* ["default"] */ .A)(Math.max(1, plan.concurrency));
    // Every request in flight listens on the run's signal; Node warns of a leak past 10.
    if (ctx.signal)
        (0,node_events__WEBPACK_IMPORTED_MODULE_0__.setMaxListeners)(Math.max((0,node_events__WEBPACK_IMPORTED_MODULE_0__.getMaxListeners)(ctx.signal), plan.concurrency + 10), ctx.signal);
    const startedAt = ctx.clock.now();
    const meter = (0,_generator_load_js__WEBPACK_IMPORTED_MODULE_5__/* .startLoadMeter */ .Q)();
    const t0 = now();
    const tally = progressTally(ctx, plan);
    const one = async (seq) => {
        if (ctx.signal?.aborted)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('CANCELLED', 'The run was cancelled during the concurrency check.');
        const startMs = now() - t0;
        let sent;
        try {
            sent = await send(seq);
        }
        catch (e) {
            (0,_core_access_js__WEBPACK_IMPORTED_MODULE_2__/* .throwIfAccessDenied */ .v)(e, 'lambda:InvokeFunction', (0,_webhook_invoke_js__WEBPACK_IMPORTED_MODULE_3__/* .targetLabel */ .Op)(plan.target));
            throw e;
        }
        const sample = { ...sent, seq, startMs, endMs: startMs + sent.latencyMs };
        tally(sample);
        return sample;
    };
    let samples;
    try {
        samples = await Promise.all(Array.from({ length: plan.requests }, (_, i) => limit(() => one(i + 1))));
    }
    catch (e) {
        limit.clearQueue();
        throw e;
    }
    const wallMs = now() - t0;
    return {
        plan,
        samples,
        wallMs,
        startedAt,
        endedAt: ctx.clock.now(),
        generator: meter.stop(samples.length),
    };
}
/** Counts the answers and says how far the burst got at a quarter, a half and three quarters. */
function progressTally(ctx, plan) {
    const label = (0,_webhook_invoke_js__WEBPACK_IMPORTED_MODULE_3__/* .targetLabel */ .Op)(plan.target);
    const marks = new Set([0.25, 0.5, 0.75].map((f) => Math.ceil(plan.requests * f)));
    let done = 0;
    let errors = 0;
    let throttles = 0;
    return (sample) => {
        done++;
        if ((0,_sample_js__WEBPACK_IMPORTED_MODULE_7__/* .isThrottle */ .p0)(sample))
            throttles++;
        else if ((0,_sample_js__WEBPACK_IMPORTED_MODULE_7__/* .isError */ .bJ)(sample))
            errors++;
        if (marks.has(done)) {
            ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_4__/* .VERIFY_MESSAGES */ .J.burstProgress, `${label}: ${done}/${plan.requests} requests, ${errors} errors, ${throttles} throttles`);
        }
    };
}
/** The first few distinct errors, so a failed gate comes with its cause in the log. */
function logFirstErrors(ctx, samples) {
    const seen = new Set();
    for (const s of samples) {
        if (!s.error || seen.has(s.error) || seen.size >= 3)
            continue;
        seen.add(s.error);
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_4__/* .VERIFY_MESSAGES */ .J.burstErrorExample, `  e.g. ${s.id}: ${s.error}`);
    }
}


/***/ }),

/***/ 58851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  q: () => (/* binding */ fireDirectBurst)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var dist_cjs = __webpack_require__(71696);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/endpoints/index.js
var endpoints = __webpack_require__(62085);
;// CONCATENATED MODULE: ./src/aws/invoke-endpoint.ts
// What the direct invoker (aws/lambda-invoke.ts) takes from the SDK client it stands in for:
// the endpoint and region, resolved by the SDK's own endpoint rules for Invoke (so the
// `endpoint-url` input, AWS_ENDPOINT_URL(_LAMBDA), FIPS and dual-stack settings apply exactly
// as they do to every other call), and credentials from the client's provider chain.


async function resolveInvokeEndpoint(lambda, functionName) {
    const resolved = await (0,endpoints.getEndpointFromInstructions)({ FunctionName: functionName }, dist_cjs/* InvokeCommand */.mdN, lambda.config);
    return { endpoint: resolved.url.href, region: await lambda.config.region() };
}
/** The SDK refreshes credentials this long before they expire; so does the load generator. */
const CREDENTIALS_REFRESH_WINDOW_MS = 5 * 60_000;
/**
 * The client's credentials, asked of its provider chain again only when they come within the
 * refresh window of their expiration (role sessions from OIDC last an hour).
 */
class LoadCredentials {
    lambda;
    #current;
    constructor(lambda) {
        this.lambda = lambda;
    }
    /** True when the credentials held now will not last `forMs` more (plus the refresh window). */
    expiresWithin(forMs, nowMs = Date.now()) {
        const expiration = this.#current?.expiration?.getTime();
        return (!this.#current ||
            (expiration !== undefined && expiration - nowMs < CREDENTIALS_REFRESH_WINDOW_MS + forMs));
    }
    async current(nowMs = Date.now()) {
        if (this.#current && !this.expiresWithin(0, nowMs))
            return this.#current;
        const c = await this.lambda.config.credentials();
        this.#current = {
            accessKeyId: c.accessKeyId,
            secretAccessKey: c.secretAccessKey,
            sessionToken: c.sessionToken,
            expiration: c.expiration,
        };
        return this.#current;
    }
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
// EXTERNAL MODULE: ./src/pipeline/webhook/invoke-outcome.ts
var invoke_outcome = __webpack_require__(46243);
// EXTERNAL MODULE: ./src/pipeline/verify/load/burst.ts
var burst = __webpack_require__(59633);
// EXTERNAL MODULE: ./src/pipeline/verify/load/generator-load.ts
var generator_load = __webpack_require__(75191);
// EXTERNAL MODULE: ./src/core/latency-histogram.ts
var latency_histogram = __webpack_require__(46514);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/worker-pool.ts
// The load workers of one run (worker.ts), started on the first direct burst and kept for the
// next ones (LMI, twin, sweep levels) until the run's clients are destroyed. A burst's
// concurrency is split among them; samples come back in batches, and the burst ends when every
// worker said done — or at once when one hit a denial or the run was cancelled.



/** The worker's source, and where scripts/build.mjs bundles it (dist/<dir>/index.js). */
const WORKER_SOURCE = 'src/pipeline/verify/load/worker.ts';
const WORKER_BUNDLE_DIR = 'load-worker';
const YOUNG_GENERATION_MB = 64;
/**
 * The worker's module. From source (tsx, jest) it is worker.ts beside this file, run through
 * tsx. Bundled, this code is in dist/index.js, dist/cli/index.js or a chunk beside them, and the
 * worker's own bundle is dist/load-worker/index.js. The paths are built at run time, so the
 * bundler leaves them alone instead of copying worker.ts as an asset.
 */
function workerEntry(here = import.meta.url) {
    if (here.endsWith('.ts'))
        return { url: new URL('./worker.ts', here), execArgv: ['--import', 'tsx'] };
    const candidates = ['.', '..'].map((up) => new URL(`${up}/${WORKER_BUNDLE_DIR}/index.js`, here));
    const found = candidates.find((url) => (0,external_node_fs_.existsSync)(url));
    if (!found) {
        throw new errors/* CutoverError */.DB('INTERNAL_ERROR', `The load worker bundle is missing (looked for ${candidates.map((u) => u.pathname).join(', ')}): rebuild dist/ with npm run build.`);
    }
    return { url: found };
}
/** Threads for a burst: one per `inFlightPerWorker` requests in flight, at least 1, at most `size`. */
function workersFor(concurrency, inFlightPerWorker, size) {
    return Math.max(1, Math.min(size, Math.ceil(concurrency / Math.max(1, inFlightPerWorker))));
}
class LoadWorkerPool {
    size;
    #workers = [];
    #nextId = 1;
    #credentials;
    constructor(size) {
        this.size = size;
    }
    /**
     * Runs one burst over as many workers as its concurrency needs at `inFlightPerWorker` each, at
     * most `size`; `onSamples` gets each batch as it comes.
     */
    async fire(burst, credentials, onSamples, signal) {
        const id = this.#nextId++;
        const count = workersFor(burst.concurrency, burst.inFlightPerWorker, this.size);
        const workers = this.#start(count);
        this.#credentials = credentials;
        const counter = new SharedArrayBuffer(4);
        const { concurrency, inFlightPerWorker: _, ...common } = burst;
        const latencies = [];
        const eventLoopBusy = [];
        const eventLoopDelayMs = [];
        const cpu = [];
        const cleanups = [];
        try {
            return await new Promise((resolve, reject) => {
                let pending = count;
                const fail = (e) => {
                    for (const w of workers)
                        w.postMessage({ type: 'abort', id });
                    reject(e);
                };
                const onAbort = () => fail(new errors/* CutoverError */.DB('CANCELLED', 'The run was cancelled during the concurrency check.'));
                if (signal?.aborted)
                    return onAbort();
                signal?.addEventListener('abort', onAbort, { once: true });
                cleanups.push(() => signal?.removeEventListener('abort', onAbort));
                workers.forEach((worker, i) => {
                    const onMessage = (m) => {
                        if (m.id !== id)
                            return;
                        if (m.type === 'samples')
                            onSamples(m.samples);
                        else if (m.type === 'fatal')
                            fail(revive(m.error));
                        else {
                            latencies.push(m.latencies);
                            eventLoopBusy.push(m.eventLoopBusy);
                            eventLoopDelayMs.push(m.eventLoopDelayMs);
                            cpu.push(m.cpuMs);
                            if (--pending === 0) {
                                const known = cpu.every((c) => c !== undefined);
                                resolve({
                                    latencies,
                                    eventLoopBusy,
                                    eventLoopDelayMs,
                                    ...(known ? { workerCpuMs: cpu.reduce((a, c) => a + c, 0) } : {}),
                                });
                            }
                        }
                    };
                    const onError = (e) => fail(new errors/* CutoverError */.DB('INTERNAL_ERROR', `A load worker failed: ${e.message}`, [], { cause: e }));
                    worker.on('message', onMessage);
                    worker.on('error', onError);
                    cleanups.push(() => worker.off('message', onMessage).off('error', onError));
                    const inFlight = Math.floor(concurrency / count) + (i < concurrency % count ? 1 : 0);
                    worker.postMessage({
                        type: 'burst',
                        burst: { ...common, id, inFlight, counter },
                        credentials,
                    });
                });
            });
        }
        finally {
            for (const cleanup of cleanups)
                cleanup();
            // Idle workers must not keep the process alive.
            for (const w of workers)
                w.unref();
        }
    }
    /** Refreshed credentials, for the requests still to be signed. */
    updateCredentials(credentials) {
        if (credentials === this.#credentials)
            return;
        this.#credentials = credentials;
        for (const w of this.#workers)
            w.postMessage({ type: 'credentials', credentials });
    }
    destroy() {
        for (const w of this.#workers.splice(0))
            void w.terminate();
    }
    #start(count) {
        while (this.#workers.length < count) {
            const { url, execArgv } = workerEntry();
            // A larger young generation than a worker's default: a burst makes short-lived garbage
            // (requests, answers, samples) at a high rate, and each scavenge is CPU taken from sending.
            const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
            this.#workers.push(new external_node_worker_threads_.Worker(url, execArgv ? { execArgv, resourceLimits } : { resourceLimits }));
        }
        const workers = this.#workers.slice(0, count);
        for (const w of workers)
            w.ref();
        return workers;
    }
}
/** A worker's error as the SDK-shaped error the burst's caller reads (a denial names its permission). */
function revive(e) {
    return Object.assign(new Error(e.message), {
        name: e.name,
        ...(e.httpStatusCode === undefined ? {} : { $metadata: { httpStatusCode: e.httpStatusCode } }),
    });
}

;// CONCATENATED MODULE: ./src/pipeline/verify/load/direct-burst.ts








/** Credentials are checked this often during a burst, and refreshed before they expire. */
const CREDENTIALS_CHECK_MS = 30_000;
const pools = new WeakMap();
const credentialsOf = new WeakMap();
async function fireDirectBurst(ctx, lambda, plan, send, options) {
    const { target } = plan;
    if (!target.qualifier || target.qualifier === '$LATEST') {
        throw new errors/* CutoverError */.DB('INTERNAL_ERROR', `Refusing to invoke ${target.functionName} without a published version or alias: $LATEST of an LMI function cannot be invoked.`);
    }
    if (ctx.signal?.aborted)
        throw new errors/* CutoverError */.DB('CANCELLED', 'The run was cancelled during the concurrency check.');
    const pool = poolFor(ctx, options.workers.max);
    let credentials = credentialsOf.get(lambda);
    if (!credentials)
        credentialsOf.set(lambda, (credentials = new LoadCredentials(lambda)));
    const { endpoint, region } = await resolveInvokeEndpoint(lambda, target.functionName);
    const current = await credentials.current();
    const samples = new Array(plan.requests);
    const tally = (0,burst/* progressTally */.UL)(ctx, plan);
    const refresh = setInterval(() => {
        if (credentials.expiresWithin(CREDENTIALS_CHECK_MS))
            void credentials.current().then((c) => pool.updateCredentials(c), () => undefined);
    }, CREDENTIALS_CHECK_MS);
    const startedAt = ctx.clock.now();
    const meter = (0,generator_load/* startLoadMeter */.Q)();
    const t0 = performance.timeOrigin + performance.now();
    try {
        const result = await pool.fire({
            endpoint,
            region,
            target,
            send,
            logTail: options.logTail,
            concurrency: plan.concurrency,
            inFlightPerWorker: options.workers.inFlightPerWorker,
            requests: plan.requests,
            t0,
            clockOffsetMs: ctx.clock.now() - Date.now(),
        }, current, (batch) => {
            for (const s of batch) {
                samples[s.seq - 1] = s;
                tally(s);
            }
        }, ctx.signal);
        const wallMs = performance.timeOrigin + performance.now() - t0;
        return {
            plan,
            samples,
            wallMs,
            startedAt,
            endedAt: ctx.clock.now(),
            latency: (0,latency_histogram/* mergeLatencies */.pT)(result.latencies),
            generator: meter.stop(plan.requests, result.eventLoopBusy, result.workerCpuMs, result.eventLoopDelayMs),
        };
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'lambda:InvokeFunction', (0,invoke_outcome/* targetLabel */.O)(target));
        throw e;
    }
    finally {
        clearInterval(refresh);
    }
}
/** The run's workers: one pool per set of clients, ended with them. */
function poolFor(ctx, workers) {
    let pool = pools.get(ctx.aws);
    if (!pool)
        pools.set(ctx.aws, (pool = ctx.aws.keep(new LoadWorkerPool(workers))));
    return pool;
}


/***/ }),

/***/ 75191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ startLoadMeter),
/* harmony export */   i: () => (/* binding */ generatorLimited)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__);
// Is the load generator the bottleneck? Measured over a burst: how busy the busiest event loop
// that sends requests was (event-loop utilisation: a loop busy all the time delays every
// request's timer and answer, and the latencies then hold the generator's own queue) and the
// process's CPU per request against the cores it can have. A burst so marked still counts: the
// figures are reported with a warning, and no gate should fail on latencies the generator made.


/** Above this share of the time busy, an event loop queues the requests it sends. */
const EVENT_LOOP_BUSY_LIMIT = 0.9;
/** Above this share of the cores, the generator's threads wait for a CPU. */
const CPU_SHARE_LIMIT = 0.9;
/**
 * A sending loop late by more than this share of the burst's median latency (and by more than
 * LOOP_DELAY_FLOOR_MS, below which the lag sampler says little) held answers long enough to move
 * the figures: answers that arrive together, as a burst's do, are read one after the other.
 */
const LOOP_DELAY_SHARE = 0.1;
const LOOP_DELAY_FLOOR_MS = 10;
/** Shorter bursts say little: start-up and the JIT's first compilations dominate them. */
const MIN_JUDGED_MS = 1000;
const MIN_JUDGED_REQUESTS = 100;
function startLoadMeter(cores = (0,node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism)()) {
    const cpu = process.cpuUsage();
    const elu = node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.eventLoopUtilization();
    const t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now();
    return {
        stop(requests, loops, workerCpuMs, loopDelaysMs) {
            const used = process.cpuUsage(cpu);
            const wallMs = Math.max(1e-3, node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - t0);
            const cpuMs = (used.user + used.system) / 1000;
            const main = node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.eventLoopUtilization(elu).utilization;
            return {
                eventLoopBusy: Math.max(main, ...(loops ?? [])),
                cpuMsPerRequest: requests > 0 ? cpuMs / requests : 0,
                coresUsed: cpuMs / wallMs,
                cores,
                senders: loops?.length ?? 1,
                requests,
                wallMs,
                ...(workerCpuMs !== undefined && requests > 0
                    ? { workerCpuMsPerRequest: workerCpuMs / requests }
                    : {}),
                ...(loopDelaysMs && loopDelaysMs.length > 0 ? { eventLoopDelayMs: Math.max(...loopDelaysMs) } : {}),
            };
        },
    };
}
/**
 * The warning for a burst the generator limited, or undefined when it kept up — or when the
 * burst was too short to tell. `medianLatencyMs`: the burst's, to weigh its loops' delay against.
 */
function generatorLimited(load, medianLatencyMs) {
    if (load.wallMs < MIN_JUDGED_MS || load.requests < MIN_JUDGED_REQUESTS)
        return undefined;
    const round = (n, d) => Math.round(n * 10 ** d) / 10 ** d;
    const figures = {
        eventLoopBusy: round(load.eventLoopBusy, 2),
        cpuMsPerRequest: round(load.cpuMsPerRequest, 3),
    };
    if (load.eventLoopBusy > EVENT_LOOP_BUSY_LIMIT) {
        return {
            ...figures,
            reason: `the load generator's busiest event loop was busy ${Math.round(load.eventLoopBusy * 100)} % of the burst: latencies include its own queue`,
        };
    }
    const delay = load.eventLoopDelayMs;
    if (delay !== undefined &&
        medianLatencyMs !== undefined &&
        delay > Math.max(LOOP_DELAY_FLOOR_MS, LOOP_DELAY_SHARE * medianLatencyMs)) {
        return {
            ...figures,
            eventLoopDelayMs: round(delay, 1),
            reason: `the load generator's event loop ran up to ${Math.round(delay)} ms late (p99), against a median latency of ${Math.round(medianLatencyMs)} ms: answers that arrived together waited to be read, and latencies include that queue`,
        };
    }
    if (load.coresUsed > CPU_SHARE_LIMIT * load.cores) {
        return {
            ...figures,
            reason: `the load generator used ${load.coresUsed.toFixed(1)} of ${load.cores} cores (${figures.cpuMsPerRequest} ms CPU per request): latencies include waits for a CPU`,
        };
    }
    return undefined;
}


/***/ }),

/***/ 1153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UZ: () => (/* binding */ sentRequest),
/* harmony export */   bJ: () => (/* binding */ isError),
/* harmony export */   oB: () => (/* binding */ isAccepted),
/* harmony export */   p0: () => (/* binding */ isThrottle)
/* harmony export */ });
const isAccepted = (s) => s.accepted;
const isThrottle = (s) => s.outcome === 'throttled';
/** Anything but an accepted answer or a throttle: function errors, no answer, an unexpected answer. */
const isError = (s) => !isAccepted(s) && !isThrottle(s);
/**
 * One outcome as a sample. Only an answer can be accepted (by `verdict`); `ids` are what the
 * answer's body says about itself, which only the bundled workload reports.
 */
function sentRequest(id, o, verdict, ids = {}) {
    const base = { id, latencyMs: o.latencyMs, outcome: o.kind };
    switch (o.kind) {
        case 'answered':
            return {
                ...base,
                accepted: verdict.accepted,
                statusCode: o.answer.statusCode,
                status: ids.status,
                error: verdict.error,
                environmentId: ids.environmentId,
                workerId: ids.workerId,
                inFlight: ids.inFlight,
                computeType: ids.computeType,
                requestId: ids.requestId,
                invocationId: o.invocation?.invocationId,
                eventId: ids.eventId,
                coldStart: o.invocation?.initDurationMs !== undefined,
                durationMs: o.invocation?.durationMs,
            };
        case 'function-error':
            return {
                ...base,
                accepted: false,
                functionError: o.errorType,
                error: `${o.errorType}: ${o.errorMessage}`,
                invocationId: o.invocation?.invocationId,
                coldStart: o.invocation?.initDurationMs !== undefined,
                durationMs: o.invocation?.durationMs,
            };
        case 'throttled':
        case 'failed':
            return { ...base, accepted: false, error: o.message, coldStart: false };
    }
}


/***/ }),

/***/ 88009:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ describeFigures),
  w: () => (/* binding */ summarizeBurst)
});

// EXTERNAL MODULE: ./src/core/stats.ts
var stats = __webpack_require__(38796);
// EXTERNAL MODULE: ./src/pipeline/verify/load/generator-load.ts
var generator_load = __webpack_require__(75191);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/in-flight.ts
/**
 * The peak the function counted, or undefined unless every answer that names its environment
 * carries a count. The function counts per worker thread (LMI runs one per vCPU, sharing no
 * memory), and a worker's count only rises when a request starts, so the highest count answered
 * is the busiest worker's peak (exactly, unless the request that reached it got no answer). It is
 * the environment's own peak only where each environment answered from one worker ('function');
 * otherwise it is a lower bound of it ('function-per-worker').
 */
function countedPeak(answers) {
    const placed = answers.filter((a) => a.environmentId !== undefined);
    if (placed.length === 0 || placed.some((a) => a.inFlight === undefined))
        return undefined;
    const workers = new Map();
    for (const a of placed) {
        const seen = workers.get(a.environmentId) ?? new Set();
        workers.set(a.environmentId, seen.add(a.workerId));
    }
    // An answer without a worker id cannot be told apart from a sibling worker's: not one worker.
    const oneWorkerEach = [...workers.values()].every((w) => w.size === 1 && !w.has(undefined));
    return {
        peak: Math.max(...placed.map((a) => a.inFlight)),
        source: oneWorkerEach ? 'function' : 'function-per-worker',
    };
}
/** The interval a request held its environment, as well as it can be told (see above). */
function environmentInterval(s) {
    if (s.durationMs === undefined || s.durationMs > s.endMs - s.startMs)
        return { startMs: s.startMs, endMs: s.endMs };
    return { startMs: s.endMs - s.durationMs, endMs: s.endMs };
}
/** Most intervals overlapping at one instant (an interval ending at t does not overlap one starting at t). */
function peakOverlap(intervals) {
    const edges = [];
    for (const i of intervals) {
        edges.push([i.startMs, 1], [i.endMs, -1]);
    }
    // Ends before starts at the same instant.
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let peak = 0;
    for (const [, delta] of edges) {
        current += delta;
        peak = Math.max(peak, current);
    }
    return peak;
}
/** The peak per key (environment id). */
function peakOverlapBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const k = key(item);
        if (k === undefined)
            continue;
        const list = groups.get(k);
        if (list)
            list.push(item);
        else
            groups.set(k, [item]);
    }
    return new Map([...groups].map(([k, list]) => [k, peakOverlap(list)]));
}

// EXTERNAL MODULE: ./src/pipeline/verify/load/sample.ts
var sample = __webpack_require__(1153);
;// CONCATENATED MODULE: ./src/pipeline/verify/load/summary.ts




function summarizeBurst(burst, facts) {
    const { samples, plan } = burst;
    const requests = samples.length;
    // Latency of every request the function answered (errors included): what a caller waits.
    const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
    const accepted = samples.filter(sample/* isAccepted */.oB).length;
    const errors = samples.filter(sample/* isError */.bJ).length;
    const throttles = samples.filter(sample/* isThrottle */.p0).length;
    const reported = samples.filter((s) => s.durationMs !== undefined);
    const rate = (n) => (requests === 0 ? 0 : n / requests);
    const { isolation } = facts;
    const result = {
        target: plan.target.side,
        functionName: plan.target.functionName,
        qualifier: plan.target.qualifier,
        concurrency: plan.concurrency,
        requests,
        latency: burst.latency ?? (0,stats/* summarizeLatencies */._q)(timed.map((s) => s.latencyMs)),
        throughputRps: burst.wallMs > 0 ? round2(accepted / (burst.wallMs / 1000)) : 0,
        errors,
        errorRate: rate(errors),
        throttles,
        throttleRate: rate(throttles),
        ...(facts.environmentsReported ? environmentFigures(timed) : {}),
        ...(reported.length > 0 ? { coldStarts: samples.filter((s) => s.coldStart).length } : {}),
        ...(isolation
            ? {
                isolation: {
                    passed: isolation.passed,
                    mismatchedIds: isolation.mismatchedIds,
                    stored: isolation.stored,
                    expectedStored: isolation.expectedStored,
                    duplicates: isolation.duplicates,
                },
            }
            : {}),
        wallMs: Math.round(burst.wallMs),
        ...generatorFigures(burst),
    };
    const meanFunctionDurationMs = reported.length > 0
        ? round2(reported.reduce((sum, s) => sum + (s.durationMs ?? 0), 0) / reported.length)
        : undefined;
    return { result, meanFunctionDurationMs };
}
/** The warning of a burst the load generator limited; nothing when it kept up. */
function generatorFigures(burst) {
    const median = burst.latency?.p50;
    const limited = burst.generator && (0,generator_load/* generatorLimited */.i)(burst.generator, median);
    return limited ? { generatorLimited: limited } : {};
}
/**
 * Environments seen, from the environment_id of each answer, and the peak in flight on one: the
 * function's own count when the answers carry it, else estimated from the requests' timing.
 */
function environmentFigures(timed) {
    const peaks = peakOverlapBy(timed.map((s) => ({ ...environmentInterval(s), environmentId: s.environmentId })), (i) => i.environmentId);
    const counted = countedPeak(timed);
    return {
        environments: peaks.size,
        ...(counted
            ? { peakInFlightPerEnvironment: counted.peak, peakInFlightSource: counted.source }
            : {
                peakInFlightPerEnvironment: Math.max(0, ...peaks.values()),
                peakInFlightSource: 'client-estimate',
            }),
    };
}
/** One line of a burst's figures for the log; environments only when they were reported. */
function describeFigures(r) {
    const environments = r.environments === undefined ? '' : `, ${r.environments} environments`;
    return (`p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, p99 ${r.latency.p99} ms, ` +
        `${r.throughputRps} req/s, ${r.errors} errors, ${r.throttles} throttles${environments} ` +
        `in ${(r.wallMs / 1000).toFixed(1)} s`);
}
const round2 = (n) => Math.round(n * 100) / 100;


/***/ }),

/***/ 76324:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ VERIFY_MESSAGES)
/* harmony export */ });
/* harmony import */ var _core_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34664);
// The progress lines of the verify stages (smoke, load, cost, sweep), each with a stable code:
// scripts and tests match codes, not sentences.

const VERIFY_MESSAGES = {
    smokeSide: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.smoke-side', 'info', 'The smoke checks of one side (LMI version or standard twin) ran: how many of them passed.'),
    loadNotApplicable: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.load-not-applicable', 'warn', 'A checks file without `load:` drives verify: the concurrency check and the sweep did not run.'),
    isolationNotApplicable: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.isolation-not-applicable', 'warn', "A checks file's load request ran: the isolation check (events-table read-back) does not apply to it and did not run."),
    burstStarted: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.burst-started', 'info', "A burst starts at one side (signed webhooks, or a checks file's load request): how many, and how many in flight."),
    burstProgress: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.burst-progress', 'info', 'A quarter, half and three quarters of a burst answered: the errors and throttles so far.'),
    burstFigures: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.burst-figures', 'info', 'A burst ended: latency, throughput, errors, throttles, and environments and isolation where they apply.'),
    baselineTwin: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.baseline-twin', 'warn', "max-p95-ms auto: the version production serves could not be told, so the standard twin's warm latency sets the limit, and why."),
    baselineBurst: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.baseline-burst', 'info', 'max-p95-ms auto: production serves a version the concurrency check did not load, so the same burst measures it.'),
    baselineLimit: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.baseline-limit', 'info', 'max-p95-ms auto: the limit, the warm p95 it comes from, and whose it is.'),
    burstErrorExample: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.burst-error-example', 'info', 'One of the first three distinct errors of a burst, so a failed gate comes with its cause.'),
    twinIsolationFailed: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.twin-isolation-failed', 'warn', 'The standard twin failed the isolation check too: the workload itself mixes up requests.'),
    costLeftOut: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.cost-left-out', 'warn', 'The cost comparison could not be computed (informational only; the run goes on).'),
    sweepLevel: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.sweep-level', 'info', 'A sweep level starts: its per-environment concurrency, requests in flight and requests.'),
    sweepKnee: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.sweep-knee', 'info', 'The sweep ended and found a knee: the level and its figures.'),
    sweepNoKnee: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.sweep-no-knee', 'info', 'The sweep ended without a knee in the levels swept.'),
    shardShare: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shard-share', 'info', "A load shard starts: which shard of how many, the check's id, and its part of the concurrency and the requests."),
    shardStartWait: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shard-start-wait', 'info', "A load shard is ready before the check's start (load-shard-start-at) and waits for it: how long."),
    shardStartLate: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shard-start-late', 'warn', "A load shard is ready after the check's start (load-shard-start-at) and sends at once: how late."),
    shardNotGated: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shard-not-gated', 'info', 'A load shard sent its share: no gate is applied to a share; mode merge judges every shard together.'),
    shardBaselineElsewhere: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shard-baseline-elsewhere', 'info', 'max-p95-ms auto with production on an LMI version: shard 1 alone sends the light sample, so this shard sends production nothing.'),
    shardsMerged: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shards-merged', 'info', "The merge added up the shard reports of one check: how many shards, and each side's figures."),
    shardsNotAtOnce: (0,_core_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .message */ .i)('verify.shards-not-at-once', 'warn', "The shards' bursts did not all run at once for their whole span: for part of it fewer requests than the check's concurrency were in flight."),
};


/***/ }),

/***/ 7444:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ez: () => (/* binding */ loadPhase),
  hT: () => (/* binding */ provisionPhase),
  K6: () => (/* binding */ recordLoad),
  Rw: () => (/* binding */ recordSmoke),
  rr: () => (/* binding */ smokePhase),
  uP: () => (/* binding */ sweepPhase)
});

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/core/poll.ts
var poll = __webpack_require__(88822);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/aws/lambda.ts
var lambda = __webpack_require__(5974);
// EXTERNAL MODULE: ./src/pipeline/provision/capacity-provider.ts
var capacity_provider = __webpack_require__(18940);
// EXTERNAL MODULE: ./src/core/access.ts
var access = __webpack_require__(31449);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/pipeline/provision/lmi-version.ts




async function getVersionConfiguration(ctx, ref) {
    try {
        return await (0,lambda/* getFunctionConfiguration */.td)(ctx.aws.lambda, ref.functionName, ref.version);
    }
    catch (e) {
        (0,access/* throwIfAccessDenied */.v)(e, 'lambda:GetFunctionConfiguration', `${ref.functionName}:${ref.version}`);
        if ((0,aws_errors/* errorName */.Is)(e) === 'ResourceNotFoundException') {
            throw new errors/* CutoverError */.DB('PROVISIONING_FAILED', `Version ${ref.version} of ${ref.functionName} does not exist (${(0,aws_errors/* errorMessage */.gJ)(e)}). The stack output LmiVersion must name the version its live alias points at.`, [], { cause: e });
        }
        throw e;
    }
}
/** The capacity provider's ARN; a function without one is not LMI and never will be. */
function capacityProviderOf(configuration, ref) {
    const arn = configuration.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn;
    if (!arn) {
        throw new errors/* CutoverError */.DB('PROVISIONING_FAILED', `${ref.functionName} is not a Lambda Managed Instances function: its configuration has no CapacityProviderConfig. ` +
            'LmiFunctionName must name the function on the capacity provider (a function cannot become LMI after creation).');
    }
    return arn;
}
function lmiFacts(c, ref) {
    const lmi = c.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
    return {
        memoryMb: c.MemorySize ?? 2048,
        // Lambda's default architecture when none is set.
        architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
        // Lambda's defaults when a field is absent: 64 per environment (Node.js), 2 GiB per vCPU.
        maxConcurrency: lmi?.PerExecutionEnvironmentMaxConcurrency ?? 64,
        memoryGiBPerVCpu: lmi?.ExecutionEnvironmentMemoryGiBPerVCpu ?? 2,
        capacityProviderArn: lmi?.CapacityProviderArn ?? ref.capacityProviderArn ?? '',
        environment: c.Environment?.Variables ?? {},
    };
}

// EXTERNAL MODULE: ./src/pipeline/provision/messages.ts
var messages = __webpack_require__(78992);
// EXTERNAL MODULE: ./src/pipeline/provision/advice.ts
var advice = __webpack_require__(21828);
;// CONCATENATED MODULE: ./src/pipeline/provision/provision-errors.ts



/**
 * 'active' or 'pending' for a version that is, or may still become, Active; throws the
 * stage's PROVISIONING_FAILED for every state that will not.
 */
function judgeState(label, ref, o) {
    if (o.capacityProviderState === 'Failed') {
        throw new errors/* CutoverError */.DB('PROVISIONING_FAILED', `The capacity provider ${o.capacityProviderArn} of ${ref.functionName} is Failed, so ${label} cannot run. ` +
            'Check its VPC configuration (subnets, security groups) and operator role, then deploy again.');
    }
    if (o.state === 'Active')
        return 'active';
    if (o.state === 'Failed')
        throw failed(label, ref, o);
    if (o.state !== 'Pending')
        throw unusable(label, ref, o);
    return 'pending';
}
function failed(label, ref, o) {
    const code = o.stateReasonCode ?? 'no reason code';
    return new errors/* CutoverError */.DB('PROVISIONING_FAILED', `${label} of ${ref.functionName} failed to provision: ${code}. ${(0,advice/* provisioningAdvice */.c)(o.stateReasonCode)}`, [
        ...(o.stateReason ? [`StateReason: ${o.stateReason}`] : []),
        ...(o.capacityProviderArn
            ? [`Capacity provider: ${o.capacityProviderArn} (${o.capacityProviderState ?? 'state unknown'})`]
            : []),
    ]);
}
const UNUSABLE = {
    ActiveNonInvocable: 'it exists but has no execution environments to run invocations (for example MinExecutionEnvironments 0 in its scaling config): set a minimum with PutFunctionScalingConfig',
    Inactive: 'Lambda reclaimed its resources: publish a new version by deploying again',
    Deactivating: 'Lambda is stopping its execution environments: publish a new version by deploying again',
    Deactivated: 'its execution environments were stopped: publish a new version by deploying again',
    Deleting: 'it is being deleted: deploy again to publish a new one',
};
function unusable(label, ref, o) {
    const why = UNUSABLE[o.state] ?? `Lambda reported the state ${o.state}, which lmi-cutover does not know as ready`;
    return new errors/* CutoverError */.DB('PROVISIONING_FAILED', `${label} of ${ref.functionName} is ${o.state}, not Active: ${why}.`, o.stateReason ? [`StateReason: ${o.stateReason}`] : []);
}
/** The deadline passed: `o` is the last state seen, its elapsedMs the time waited. */
function provisioningTimeout(label, ref, o, timeoutMinutes) {
    return new errors/* CutoverError */.DB('PROVISIONING_TIMEOUT', `${label} of ${ref.functionName} is still ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} after ` +
        `${(0,format/* formatDuration */.a3)(o.elapsedMs)} (provisioning-timeout-minutes: ${timeoutMinutes}). ` +
        'A version that is not Active cannot take traffic, so the run fails. Check the capacity provider and its instances in the ' +
        'Lambda and EC2 consoles; if instances are only slow to launch, raise provisioning-timeout-minutes.', o.stateReason ? [`StateReason: ${o.stateReason}`] : []);
}

;// CONCATENATED MODULE: ./src/pipeline/provision/wait-for-version.ts








const DEFAULT_PROVISION_TIMING = {
    pollMs: 10_000,
    maxPollMs: 60_000,
    heartbeatMs: 30_000,
};
/** Consecutive transient failures (5xx, network) tolerated before the stage gives up. */
const MAX_TRANSIENT_FAILURES = 5;
async function waitForVersionActive(ctx, ref, options) {
    const timing = { ...DEFAULT_PROVISION_TIMING, ...options.timing };
    const watch = {
        ref,
        label: `LMI version ${ref.version}`,
        started: ctx.clock.now(),
        attempts: 0,
        transientFailures: 0,
        lastLine: '',
    };
    const lastSeen = () => ({
        ...(watch.last ?? pendingObservation(ref)),
        elapsedMs: ctx.clock.now() - watch.started,
    });
    const active = await (0,poll/* poll */.w)(ctx, {
        timing: { intervalMs: timing.pollMs, maxIntervalMs: timing.maxPollMs, heartbeatMs: timing.heartbeatMs },
        deadline: watch.started + options.timeoutMinutes * 60_000,
        what: `the state of ${watch.label}`,
        heartbeatMessage: messages/* PROVISION_MESSAGES */.N.waiting,
        heartbeat: () => describeObservation(watch.label, lastSeen()),
        onTimeout: () => {
            throw provisioningTimeout(watch.label, ref, lastSeen(), options.timeoutMinutes);
        },
    }, () => pollVersion(ctx, watch, options.observe));
    return activeResult(ctx, watch, active);
}
/** One poll: read the state, judge it, and print it when it changed. */
async function pollVersion(ctx, watch, observe) {
    watch.attempts++;
    const read = await readVersionState(ctx, watch);
    if (!read)
        return { done: false, activity: true };
    const { configuration } = read;
    const observation = {
        functionName: watch.ref.functionName,
        version: watch.ref.version,
        state: configuration.State ?? 'Unknown',
        stateReasonCode: configuration.StateReasonCode,
        stateReason: configuration.StateReason,
        capacityProviderArn: read.capacityProviderArn,
        capacityProviderState: read.capacityProviderState,
        elapsedMs: ctx.clock.now() - watch.started,
    };
    watch.last = observation;
    observe?.(observation);
    if (watch.attempts === 1)
        watch.versionsOnCapacityProvider = await (0,capacity_provider/* reportCapacityProviderVersions */.Jr)(ctx, read.capacityProviderArn, watch.ref);
    if (judgeState(watch.label, watch.ref, observation) === 'active')
        return { done: true, value: { configuration, observation } };
    const line = `${observation.state}|${observation.stateReasonCode}|${observation.capacityProviderState}`;
    if (line === watch.lastLine)
        return { done: false };
    watch.lastLine = line;
    ctx.progress.emit(messages/* PROVISION_MESSAGES */.N.stateChanged, describeObservation(watch.label, observation));
    return { done: false, activity: true };
}
/** The version's state; undefined when a transient error means reading it again. */
async function readVersionState(ctx, watch) {
    try {
        const configuration = await getVersionConfiguration(ctx, watch.ref);
        const capacityProviderArn = capacityProviderOf(configuration, watch.ref);
        const capacityProviderState = await (0,capacity_provider/* readCapacityProviderState */.P5)(ctx, capacityProviderArn);
        watch.transientFailures = 0;
        return { configuration, capacityProviderArn, capacityProviderState };
    }
    catch (e) {
        // Throttles are the poll helper's to back off from; client errors will not pass.
        if ((0,aws_errors/* isThrottlingError */.Qb)(e) || !isTransient(e))
            throw e;
        watch.transientFailures++;
        if (watch.transientFailures >= MAX_TRANSIENT_FAILURES)
            throw e;
        ctx.progress.emit(messages/* PROVISION_MESSAGES */.N.readRetry, `Reading the state of ${watch.label} failed (${(0,aws_errors/* errorName */.Is)(e) || 'error'}: ${(0,aws_errors/* errorMessage */.gJ)(e)}); trying again ` +
            `(${watch.transientFailures} of ${MAX_TRANSIENT_FAILURES - 1} retries).`);
        return undefined;
    }
}
/** 5xx answers and lost connections may pass; client errors will not. */
const isTransient = (e) => (0,aws_errors/* isNetworkError */.TX)(e) || ((0,aws_errors/* httpStatus */.nG)(e) ?? 0) >= 500;
async function activeResult(ctx, watch, active) {
    const { ref, label } = watch;
    const waitedMs = ctx.clock.now() - watch.started;
    const confirmedOnly = watch.attempts === 1;
    if (confirmedOnly) {
        ctx.progress.emit(messages/* PROVISION_MESSAGES */.N.confirmedActive, `${label} of ${ref.functionName} is Active: CloudFormation already waited for it during the deployment; confirmed in one call.`);
    }
    else {
        ctx.progress.emit(messages/* PROVISION_MESSAGES */.N.active, `${label} of ${ref.functionName} is Active after ${(0,format/* formatDuration */.a3)(waitedMs)}.`);
    }
    const facts = { ...lmiFacts(active.configuration, ref), ...(await readScaling(ctx, ref)) };
    return {
        type: 'active',
        functionName: ref.functionName,
        version: ref.version,
        state: 'Active',
        seconds: confirmedOnly ? 0 : Math.round(waitedMs / 100) / 10,
        confirmedOnly,
        capacityProviderArn: facts.capacityProviderArn,
        capacityProviderState: active.observation.capacityProviderState,
        versionsOnCapacityProvider: watch.versionsOnCapacityProvider,
        function: facts,
    };
}
/** `LMI version 7: Pending (Creating) 1m30s elapsed, capacity provider Active` */
function describeObservation(label, o) {
    return (`${label}: ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} ${(0,format/* formatDuration */.a3)(o.elapsedMs)} elapsed` +
        (o.capacityProviderState ? `, capacity provider ${o.capacityProviderState}` : ''));
}
const pendingObservation = (ref) => ({
    functionName: ref.functionName,
    version: ref.version,
    state: 'Unknown',
    elapsedMs: 0,
});
/** The version's FunctionScalingConfig for the cost model; nothing (never a failure) when unreadable. */
async function readScaling(ctx, ref) {
    try {
        const { requested } = await (0,lambda/* getFunctionScalingConfig */.u5)(ctx.aws.lambda, ref.functionName, ref.version);
        if (requested?.min === undefined || requested.max === undefined)
            return {};
        return { scaling: { min: requested.min, max: requested.max } };
    }
    catch {
        return {};
    }
}

// EXTERNAL MODULE: ./src/pipeline/verify/cost.ts + 3 modules
var verify_cost = __webpack_require__(47327);
// EXTERNAL MODULE: ./src/pipeline/verify/gates.ts
var verify_gates = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/core/latency-baseline.ts
var latency_baseline = __webpack_require__(39053);
// EXTERNAL MODULE: ./src/pipeline/verify/baseline.ts
var verify_baseline = __webpack_require__(77539);
// EXTERNAL MODULE: ./src/pipeline/verify/messages.ts
var verify_messages = __webpack_require__(76324);
// EXTERNAL MODULE: ./src/pipeline/verify/load.ts + 3 modules
var verify_load = __webpack_require__(56299);
// EXTERNAL MODULE: ./src/pipeline/webhook/answer.ts
var answer = __webpack_require__(49512);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var webhook_request = __webpack_require__(1481);
// EXTERNAL MODULE: ./src/pipeline/webhook/signature.ts
var signature = __webpack_require__(39314);
;// CONCATENATED MODULE: ./src/pipeline/verify/smoke/checks.ts
// The smoke checks of one side, as a table: each names its request, what it expects and how
// an answer is judged, in the order they run (the replay needs the stored check before it).
// What the workload promises (workload/README.md): /health names the compute type; a signed
// webhook is stored (read back from the table by its delivery id); a replay of it is a
// duplicate and stored once; a wrongly signed one gets 401 and a malformed one 400, neither
// stored.



/** The first webhook of a side: the one the stored check sends and the replay repeats. */
const FIRST = 1;
/** Correctly signed, but not JSON: the workload must refuse it after the signature check. */
const MALFORMED_BODY = '{"event_type": "lmi_cutover.check", "lmi_cutover": ';
const SMOKE_CHECKS = [
    {
        // For the LMI version, the answer must also name the version itself.
        name: 'health',
        note: 'no body',
        request: () => (0,webhook_request/* healthRequest */.Ul)(),
        expected: (s) => `200 with compute_type ${s.computeType}${s.side === 'lmi' ? ` and function_version ${s.target.qualifier}` : ''}`,
        judge: async (s, o) => {
            if (o.kind !== 'answered')
                return (0,answer/* describeOutcome */.SS)(o);
            const ids = (0,answer/* answerIds */.xZ)(o.answer);
            if (o.answer.statusCode !== 200)
                return (0,answer/* describeOutcome */.SS)(o);
            if (ids.computeType !== s.computeType)
                return `200 with compute_type ${ids.computeType ?? '(none)'}`;
            if (s.side === 'lmi' && ids.functionVersion !== s.target.qualifier) {
                return `200 from function_version ${ids.functionVersion ?? '(none)'}`;
            }
            return undefined;
        },
    },
    {
        name: 'signed webhook is stored',
        note: 'correctly signed',
        request: (s) => (0,webhook_request/* checkWebhook */.YD)(s.secrets, s.mark(FIRST), s.seconds()),
        expected: (s) => `201 stored by ${s.computeType} with its own request id; one event in ${s.table}`,
        judge: async (s, o, request) => {
            const accepted = acceptedAnswer(o, 201, 'stored', s.computeType);
            if (!accepted.ok)
                return accepted.problem;
            const { ids } = accepted;
            s.firstEventId = ids.eventId;
            const deliveryId = request.deliveryId;
            const items = await s.stored(deliveryId);
            if (items.length !== 1)
                return `201 stored, but ${items.length} events in the table for ${deliveryId}`;
            if (items[0].eventId !== ids.eventId) {
                return `201 with event_id ${ids.eventId}, but the table holds event ${items[0].eventId} for ${deliveryId}`;
            }
            return undefined;
        },
    },
    {
        // The same delivery (same id and body), signed again.
        name: 'replay is a duplicate, stored once',
        note: 'same webhook-id again',
        request: (s) => (0,webhook_request/* signedWebhook */.MI)({
            secrets: s.secrets,
            deliveryId: (0,webhook_request/* checkDeliveryId */.m7)(s.mark(FIRST)),
            rawBody: (0,webhook_request/* checkBody */.ll)(s.mark(FIRST)),
            timestampSeconds: s.seconds(),
        }),
        expected: (s) => `200 duplicate with the first event_id; still one event in ${s.table}`,
        judge: async (s, o, request) => {
            const accepted = acceptedAnswer(o, 200, 'duplicate', s.computeType);
            if (!accepted.ok)
                return accepted.problem;
            const { ids } = accepted;
            if (s.firstEventId && ids.eventId !== s.firstEventId) {
                return `200 duplicate with event_id ${ids.eventId}, not the first delivery's ${s.firstEventId}`;
            }
            const deliveryId = request.deliveryId;
            const items = await s.stored(deliveryId);
            if (items.length !== 1)
                return `200 duplicate, but ${items.length} events in the table for ${deliveryId}`;
            return undefined;
        },
    },
    {
        name: 'wrong signature is refused',
        note: 'signed with another secret',
        request: (s) => (0,webhook_request/* signedWebhook */.MI)({
            secrets: (0,signature/* signingSecrets */.fL)((0,signature/* newSigningSecret */.eC)()),
            deliveryId: (0,webhook_request/* checkDeliveryId */.m7)(s.mark(2)),
            rawBody: (0,webhook_request/* checkBody */.ll)(s.mark(2)),
            timestampSeconds: s.seconds(),
        }),
        expected: () => '401, nothing stored',
        judge: (s, o, request) => refusedProblem(s, o, 401, request.deliveryId),
    },
    {
        name: 'malformed body is refused',
        note: 'signed, body not JSON',
        request: (s) => (0,webhook_request/* signedWebhook */.MI)({
            secrets: s.secrets,
            deliveryId: (0,webhook_request/* checkDeliveryId */.m7)(s.mark(3)),
            rawBody: MALFORMED_BODY,
            timestampSeconds: s.seconds(),
        }),
        expected: () => '400, nothing stored',
        judge: (s, o, request) => refusedProblem(s, o, 400, request.deliveryId),
    },
];
/** The answer's ids when it is `status` with the expected body; else what was wrong. */
function acceptedAnswer(o, status, bodyStatus, computeType) {
    const wrong = (problem) => ({ ok: false, problem });
    if (o.kind !== 'answered' || o.answer.statusCode !== status)
        return wrong((0,answer/* describeOutcome */.SS)(o));
    const ids = (0,answer/* answerIds */.xZ)(o.answer);
    const code = o.answer.statusCode;
    if (ids.status !== bodyStatus)
        return wrong(`${code} with status ${ids.status ?? '(none)'}`);
    if (ids.computeType !== computeType)
        return wrong(`${code} from compute_type ${ids.computeType ?? '(none)'}`);
    if (!ids.eventId)
        return wrong(`${code} without an event_id`);
    const invocationId = o.invocation?.invocationId;
    if (!ids.requestId)
        return wrong(`${code} without a request_id`);
    if (invocationId && ids.requestId !== invocationId) {
        return wrong(`${code} carrying request_id ${ids.requestId}, but the invocation was ${invocationId}`);
    }
    return { ok: true, ids };
}
/** Undefined when the request was refused with `status` and left nothing in the table. */
async function refusedProblem(s, o, status, deliveryId) {
    if (o.kind !== 'answered' || o.answer.statusCode !== status)
        return (0,answer/* describeOutcome */.SS)(o);
    const items = await s.stored(deliveryId);
    if (items.length > 0)
        return `${status}, but ${items.length} event(s) stored for ${deliveryId}`;
    if (await s.claimed(deliveryId))
        return `${status}, but the delivery id ${deliveryId} was claimed in the table`;
    return undefined;
}

// EXTERNAL MODULE: ./src/pipeline/webhook/events-table.ts + 1 modules
var events_table = __webpack_require__(36159);
// EXTERNAL MODULE: ./src/pipeline/webhook/invoke.ts
var invoke = __webpack_require__(34894);
// EXTERNAL MODULE: ./src/pipeline/webhook/workload-stack.ts
var workload_stack = __webpack_require__(28934);
;// CONCATENATED MODULE: ./src/pipeline/verify/smoke/side.ts




const COMPUTE_TYPE = {
    lmi: 'lambda-managed-instances',
    standard: 'lambda-standard',
};
function smokeSide(ctx, traffic, side) {
    const { stack } = traffic;
    const target = side === 'lmi' ? stack.lmi : stack.standard;
    const stage = (0,workload_stack/* stageContextFor */.Pm)(stack, side, traffic.region);
    const table = stack.eventsTableName;
    const windowStart = ctx.clock.now();
    return {
        side,
        target,
        computeType: COMPUTE_TYPE[side],
        table,
        secrets: traffic.secrets,
        seconds: () => Math.floor(ctx.clock.now() / 1000),
        mark: (seq) => ({ run: traffic.runId, kind: 'smoke', target: side, seq }),
        send: async (request) => {
            try {
                return await (0,invoke/* invokeWebhook */.M2)(traffic.lambda, target, request, {
                    stage,
                    now: traffic.now,
                    epochNow: () => ctx.clock.now(),
                    signal: ctx.signal,
                });
            }
            catch (e) {
                (0,access/* throwIfAccessDenied */.v)(e, 'lambda:InvokeFunction', `${target.functionName}:${target.qualifier}`);
                throw e;
            }
        },
        stored: async (deliveryId) => {
            try {
                const found = await (0,events_table/* readStoredCheckEvents */.v)(ctx.aws.dynamoDb, {
                    tableName: table,
                    deliveryPrefix: deliveryId,
                    fromMs: windowStart,
                    toMs: ctx.clock.now(),
                });
                return found.get(deliveryId) ?? [];
            }
            catch (e) {
                (0,access/* throwIfAccessDenied */.v)(e, 'dynamodb:Query', table);
                throw e;
            }
        },
        claimed: async (deliveryId) => {
            try {
                return await (0,events_table/* hasDeliveryMarker */.J)(ctx.aws.dynamoDb, table, deliveryId);
            }
            catch (e) {
                (0,access/* throwIfAccessDenied */.v)(e, 'dynamodb:GetItem', table);
                throw e;
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/pipeline/verify/smoke.ts






async function runSmokeChecks(ctx, deps) {
    const checks = [];
    for (const side of ['lmi', 'standard']) {
        const target = side === 'lmi' ? deps.stack.lmi : deps.stack.standard;
        const sideChecks = await runSide(ctx, deps, side);
        checks.push(...sideChecks);
        const failed = sideChecks.filter((c) => !c.passed).length;
        ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.smokeSide, `${side === 'lmi' ? 'LMI version' : 'Standard twin'} ${target.functionName}:${target.qualifier}: ` +
            `${sideChecks.length - failed}/${sideChecks.length} smoke checks passed`);
    }
    return { checks, passed: checks.every((c) => c.passed) };
}
/** SMOKE_FAILED naming each failed check's request, expectation and answer. */
function assertSmokePassed(result) {
    const failed = result.checks.filter((c) => !c.passed);
    if (failed.length === 0)
        return;
    throw new errors/* CutoverError */.DB('SMOKE_FAILED', `${failed.length} of ${result.checks.length} smoke checks failed; the concurrency check and everything after it were not run.`, failed.map((c) => `[${c.target === 'lmi' ? 'LMI' : 'twin'}] ${c.name}: ${c.request} — expected ${c.expected}; got ${c.actual}`));
}
/** Every check of the table on one side, in order, each timed from its send to its verdict. */
async function runSide(ctx, deps, side) {
    const now = deps.now ?? (() => performance.now());
    const s = smokeSide(ctx, { ...deps, lambda: deps.lambda ?? ctx.aws.lambda, now }, side);
    const checks = [];
    for (const check of SMOKE_CHECKS) {
        const request = check.request(s);
        const started = now();
        const outcome = await s.send(request);
        const problem = await check.judge(s, outcome, request);
        checks.push({
            name: check.name,
            target: side,
            version: s.target.qualifier,
            request: (0,webhook_request/* describeRequest */.Ng)(request, check.note),
            expected: check.expected(s),
            actual: problem ?? (0,answer/* describeOutcome */.SS)(outcome),
            passed: problem === undefined,
            durationMs: Math.round(now() - started),
        });
    }
    return checks;
}

// EXTERNAL MODULE: ./src/pipeline/verify/sweep.ts
var verify_sweep = __webpack_require__(1474);
;// CONCATENATED MODULE: ./src/pipeline/verify/phases.ts









/** Phase 1: wait until the LMI version the outputs name is Active. */
async function provisionPhase(ctx, report, settings, stack, options = {}) {
    const { lmi } = stack;
    const provision = await report.stage('provision', () => ctx.progress.group(`Wait for LMI version ${lmi.version} of ${lmi.functionName} to be Active`, () => waitForVersionActive(ctx, {
        functionName: lmi.functionName,
        version: lmi.version,
        capacityProviderArn: lmi.capacityProviderArn,
    }, {
        ...options,
        timeoutMinutes: settings.provisioningTimeoutMinutes,
        observe: (o) => report.provisioningObserved(o),
    })), (p) => ({ detail: p.confirmedOnly ? 'confirmed Active in one call' : `Active after ${p.seconds} s` }));
    report.provisioned(provision);
    return provision;
}
/** Phase 2: the smoke checks of both sides; a failed one stops the run here. */
async function smokePhase(ctx, report, traffic, onSmokeChecked) {
    return recordSmoke(ctx, report, () => runSmokeChecks(ctx, traffic), onSmokeChecked);
}
/** Runs smoke checks (the workload's or the user's) as the report's smoke stage. */
async function recordSmoke(ctx, report, run, onSmokeChecked) {
    return report.stage('smoke', () => ctx.progress.group('Smoke checks: LMI version and standard twin', async () => {
        const result = await run();
        report.smoke(result.checks);
        onSmokeChecked?.(result);
        assertSmokePassed(result);
        return result;
    }), (s) => ({ detail: `${s.checks.length} checks` }));
}
/**
 * Phase 3: the concurrency check, LMI and twin side by side, then the cost, isolation and the
 * gates. The figures, the gates and the cost reach the report before a failed gate stops the run.
 */
async function loadPhase(ctx, report, settings, traffic, sizing, lmiFacts, production) {
    const lambda = ctx.aws.lambdaForLoad(sizing.concurrency);
    return recordLoad(ctx, report, settings, sizing, {
        run: () => (0,verify_load/* runLoadCheck */.wq)(ctx, { ...sizing, ...traffic, lambda }),
        baseline: {
            production,
            measure: (target, sample) => (0,verify_load/* measureBurst */.P8)(ctx, lambda, { ...traffic, ...sample, target }, target.side),
        },
        beforeGates: async (load) => {
            const cost = await (0,verify_cost/* measuredCost */.m)(ctx, settings, traffic.stack, lmiFacts, load);
            if (cost)
                report.cost(cost);
            (0,verify_load/* assertIsolation */.Tr)(load.lmi);
        },
    });
}
/**
 * Runs a concurrency check (the workload's or a checks file's) as the report's load stage: its
 * figures, production's baseline and the gates reach the report, then `beforeGates` (cost,
 * isolation), then a breached gate stops the run.
 */
async function recordLoad(ctx, report, settings, sizing, stage) {
    return report.stage('load', () => ctx.progress.group(`Concurrency check: ${sizing.requests} requests, ${sizing.concurrency} in flight`, async () => {
        const load = await stage.run();
        const { lmi, standard } = load;
        report.load(lmi.result, standard?.result);
        const baseline = settings.maxP95Ms === 'auto'
            ? await (0,verify_baseline/* measureBaseline */.qi)(ctx, load, await stage.baseline.production(), stage.baseline.measure)
            : undefined;
        if (baseline) {
            report.p95Baseline(baseline);
            ctx.progress.emit(verify_messages/* VERIFY_MESSAGES */.J.baselineLimit, `max-p95-ms ${(0,latency_baseline/* describeBaseline */.F)(baseline)}`);
        }
        const gates = (0,verify_gates/* evaluateGates */.u)(lmi.result, baseline, settings);
        report.gates(gates);
        await stage.beforeGates?.(load);
        (0,verify_gates/* assertGatesPassed */.z)(gates, { lmi: lmi.result, baseline });
        return { load, gates, ...(baseline ? { baseline } : {}) };
    }), ({ load: { lmi } }) => {
        const environments = lmi.result.environments;
        return {
            detail: `p95 ${lmi.result.latency.p95} ms${environments === undefined ? '' : `, ${environments} environments`}`,
        };
    });
}
/** Phase 4: the sweep, when `concurrency-sweep` names levels; `measure` sends one level's burst. */
async function sweepPhase(ctx, report, settings, sizing, measure) {
    if (settings.concurrencySweep.length === 0)
        return undefined;
    const sweep = await report.stage('sweep', () => ctx.progress.group(`Concurrency sweep: ${settings.concurrencySweep.join(', ')} per environment`, () => (0,verify_sweep/* runSweep */.MI)(ctx, {
        levels: settings.concurrencySweep,
        requestsPerConcurrency: sizing.requests / sizing.concurrency,
        measure,
    })));
    report.sweep(sweep);
    return sweep;
}


/***/ }),

/***/ 1474:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ webhookLevel),
/* harmony export */   MI: () => (/* binding */ runSweep)
/* harmony export */ });
/* unused harmony export markKnee */
/* harmony import */ var _load_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56299);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76324);


const KNEE_P95_GROWTH = 0.2;
const KNEE_MIN_THROUGHPUT_GROWTH = 0.1;
/** The bundled workload's level: signed webhooks marked `sweep`, read back as the main check's are. */
function webhookLevel(ctx, traffic) {
    return (lambda, sizing) => (0,_load_js__WEBPACK_IMPORTED_MODULE_0__/* .measureBurst */ .P8)(ctx, lambda, { ...traffic, ...sizing, kind: 'sweep' }, 'lmi');
}
async function runSweep(ctx, options) {
    const levels = [...new Set(options.levels)].sort((a, b) => a - b);
    const highest = (levels[levels.length - 1] ?? 1) * _load_js__WEBPACK_IMPORTED_MODULE_0__/* .ENVIRONMENTS_AT_START */ .qf;
    const lambda = options.lambda ?? ctx.aws.lambdaForLoad(highest);
    const points = [];
    for (const level of levels) {
        const concurrency = level * _load_js__WEBPACK_IMPORTED_MODULE_0__/* .ENVIRONMENTS_AT_START */ .qf;
        const requests = Math.max(concurrency, Math.round(concurrency * options.requestsPerConcurrency));
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_1__/* .VERIFY_MESSAGES */ .J.sweepLevel, `Sweep level ${level} per environment: ${concurrency} in flight, ${requests} requests`);
        const run = await options.measure(lambda, { concurrency, requests, level });
        points.push({
            concurrencyPerEnvironment: level,
            latency: run.result.latency,
            throughputRps: run.result.throughputRps,
            errorRate: run.result.errorRate,
            throttles: run.result.throttles,
        });
    }
    const marked = markKnee(points);
    const knee = marked.find((p) => p.knee);
    if (knee) {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_1__/* .VERIFY_MESSAGES */ .J.sweepKnee, `Sweep knee: ${knee.concurrencyPerEnvironment} per environment (p95 ${knee.latency.p95} ms, ${knee.throughputRps} req/s).`);
    }
    else {
        ctx.progress.emit(_messages_js__WEBPACK_IMPORTED_MODULE_1__/* .VERIFY_MESSAGES */ .J.sweepNoKnee, 'Sweep: no knee in the levels swept (see the report for why).');
    }
    return marked;
}
/** Marks the knee as defined above; points in any order, returned ascending. */
function markKnee(points) {
    const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
    const out = sorted.map((p) => ({ ...p, knee: false }));
    const base = sorted[0];
    if (!base || hasFailures(base))
        return out;
    for (let i = 1; i < sorted.length; i++) {
        const p = sorted[i];
        const prev = sorted[i - 1];
        const slower = p.latency.p95 > base.latency.p95 * (1 + KNEE_P95_GROWTH);
        const flat = p.throughputRps <= prev.throughputRps * (1 + KNEE_MIN_THROUGHPUT_GROWTH);
        if (slower || flat || hasFailures(p)) {
            out[i - 1].knee = true;
            return out;
        }
    }
    return out;
}
const hasFailures = (p) => p.errorRate > 0 || p.throttles > 0;


/***/ }),

/***/ 33661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oT: () => (/* binding */ deployForVerify),
  p9: () => (/* binding */ secretParameterName),
  Ew: () => (/* binding */ verifyDeployed),
  Er: () => (/* binding */ verifyStack),
  dX: () => (/* binding */ verifyStages)
});

// EXTERNAL MODULE: ./src/pipeline/deploy/deploy-stack.ts + 6 modules
var deploy_stack = __webpack_require__(44418);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/pipeline/verify/load.ts + 3 modules
var verify_load = __webpack_require__(56299);
// EXTERNAL MODULE: ./src/pipeline/provision/advice.ts
var advice = __webpack_require__(21828);
;// CONCATENATED MODULE: ./src/pipeline/provision/stack-failure.ts
// CloudFormation does not complete an AWS::Lambda::Version until the version is Active, so
// when an LMI version fails to provision during the deployment, the deploy stage fails and the
// StateReasonCode arrives inside a stack event's reason. Verify mode reports that as the
// provisioning failure it is, with what the code means for the user.


// `<LogicalId> (AWS::Lambda::Version) CREATE_FAILED: … StateReasonCode: InsufficientCapacity …`
const VERSION_FAILED = /^(\S+) \(AWS::Lambda::Version\) (?:CREATE|UPDATE)_FAILED: .*?StateReasonCode:?\s*([A-Za-z][A-Za-z0-9.]*)/;
/** The function version whose provisioning failed a DEPLOY_FAILED error, if that is what failed it. */
function versionFailureInDeploy(e) {
    if (!(0,errors/* isCutoverError */.jH)(e) || e.code !== 'DEPLOY_FAILED')
        return undefined;
    for (const event of e.details) {
        const m = VERSION_FAILED.exec(event);
        if (m)
            return { logicalId: m[1], stateReasonCode: m[2], event, deployError: e };
    }
    return undefined;
}
/** PROVISIONING_FAILED with the reason code and its advice; the deploy failure stays as detail and cause. */
function provisioningFailedInDeploy(f) {
    return new errors/* CutoverError */.DB('PROVISIONING_FAILED', `Function version ${f.logicalId} failed to provision while CloudFormation deployed it: ${f.stateReasonCode}. ` +
        (0,advice/* provisioningAdvice */.c)(f.stateReasonCode), [f.event, f.deployError.message], { cause: f.deployError });
}

// EXTERNAL MODULE: ./src/pipeline/verify/phases.ts + 6 modules
var phases = __webpack_require__(7444);
// EXTERNAL MODULE: ./src/pipeline/verify/sweep.ts
var verify_sweep = __webpack_require__(1474);
// EXTERNAL MODULE: ./src/pipeline/verify/baseline.ts
var verify_baseline = __webpack_require__(77539);
// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var request = __webpack_require__(1481);
// EXTERNAL MODULE: ./src/pipeline/webhook/secret.ts + 1 modules
var secret = __webpack_require__(10876);
// EXTERNAL MODULE: ./src/pipeline/webhook/workload-stack.ts
var workload_stack = __webpack_require__(28934);
;// CONCATENATED MODULE: ./src/pipeline/verify/verify-stack.ts










/** Deploy, then verify what was deployed. */
async function verifyStack(ctx, report, settings, options = {}) {
    const deploy = await deployForVerify(ctx, report, settings, options);
    const verify = await verifyDeployed(ctx, report, settings, deploy.outputs, options);
    return { deploy, verify };
}
/** The deploy stage of a verifying run, recorded in the report; a failure skips the verify stages. */
async function deployForVerify(ctx, report, settings, options = {}) {
    let deploy;
    try {
        deploy = await report.stage('deploy', () => ctx.progress.group(`Deploy stack ${settings.stackName}`, () => (0,deploy_stack/* deployStack */.g)(ctx, settings, options.deploy)), (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }));
    }
    catch (e) {
        deployFailed(report, settings, e);
    }
    report.deploy(deploy);
    options.onDeployed?.(deploy);
    return deploy;
}
/**
 * Records a failed deploy and throws on. When CloudFormation was waiting for the LMI version,
 * what failed is its provisioning, and the report says so.
 */
function deployFailed(report, settings, e) {
    if ((0,errors/* isCutoverError */.jH)(e) && e.code === 'PROVISIONING_TIMEOUT') {
        // The deploy stage ended CloudFormation's wait for the LMI version: provisioning timed out.
        report.failed('provision', e);
        report.skippedUnlessRecorded(verifyStages(settings), e);
        throw e;
    }
    const failed = versionFailureInDeploy(e);
    if (!failed) {
        report.skippedUnlessRecorded(verifyStages(settings), e);
        throw e;
    }
    const error = provisioningFailedInDeploy(failed);
    report.failed('provision', error);
    report.skippedUnlessRecorded(verifyStages(settings), error);
    throw error;
}
/**
 * Verifies the LMI version a deployed stack's outputs name: provisioning, smoke, load and
 * gates, and the sweep when `concurrency-sweep` asks for it. The cutover reuses this to check
 * its candidate again before shifting traffic.
 */
async function verifyDeployed(ctx, report, config, outputs, options = {}) {
    const runId = options.runId ?? (0,request/* newRunId */.F$)();
    try {
        const stack = (0,workload_stack/* workloadStackFromOutputs */.o2)(config.stackName, outputs);
        const region = await ctx.aws.region();
        const provision = await (0,phases/* provisionPhase */.hT)(ctx, report, config, stack, options.provision);
        // Signed with the secrets the function itself reads.
        const secrets = await (0,secret/* readSigningSecret */.y)(ctx, secretParameterName(provision, stack));
        const traffic = { stack, region, secrets, runId, now: options.now };
        const smoke = await (0,phases/* smokePhase */.rr)(ctx, report, traffic, options.onSmokeChecked);
        const sizing = (0,verify_load/* loadSizing */.$2)(config, provision.function.maxConcurrency);
        const production = () => (0,verify_baseline/* productionTarget */.hF)(ctx, config.stackName, outputs);
        const { load, gates, baseline } = await (0,phases/* loadPhase */.Ez)(ctx, report, config, traffic, sizing, provision.function, production);
        const sweep = await (0,phases/* sweepPhase */.uP)(ctx, report, config, sizing, (0,verify_sweep/* webhookLevel */.Km)(ctx, traffic));
        return { stack, provision, smoke, load, gates, sweep, ...(baseline ? { baseline } : {}) };
    }
    catch (e) {
        report.skippedUnlessRecorded(verifyStages(config), e);
        throw e;
    }
}
/** The SSM parameter the LMI function reads its signing secret from. */
function secretParameterName(provision, stack) {
    const name = provision.function.environment[secret/* SECRET_PARAMETER_VARIABLE */.g];
    if (name)
        return name;
    throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `${stack.lmi.functionName} has no ${secret/* SECRET_PARAMETER_VARIABLE */.g} environment variable, so the signing secret cannot be found; ` +
        'set it to the SSM parameter name as workload/template.yaml does.');
}
const verifyStages = (settings) => [
    'provision',
    'smoke',
    'load',
    ...(settings.concurrencySweep.length > 0 ? ['sweep'] : []),
];


/***/ }),

/***/ 49512:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OM: () => (/* binding */ parseReportLine),
/* harmony export */   SS: () => (/* binding */ describeOutcome),
/* harmony export */   dw: () => (/* binding */ parseJsonObject),
/* harmony export */   tA: () => (/* binding */ parseProxyResult),
/* harmony export */   xZ: () => (/* binding */ answerIds)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45586);
// What came back for one request, the same whether it went through Lambda Invoke (a proxy
// result) or through the stage over HTTP: a status, headers and a body, or a throttle, a
// function error, or no answer at all.

const str = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().catch(undefined);
const idsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    request_id: str,
    environment_id: str,
    worker_id: str,
    in_flight: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional().catch(undefined),
    event_id: str,
    compute_type: str,
    status: str,
    duplicate: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().catch(undefined),
    function_version: str,
});
function answerIds(answer) {
    const parsed = idsSchema.safeParse(answer.json ?? {});
    if (!parsed.success)
        return {};
    const b = parsed.data;
    return {
        requestId: b.request_id,
        environmentId: b.environment_id,
        workerId: b.worker_id,
        inFlight: b.in_flight,
        eventId: b.event_id,
        computeType: b.compute_type,
        status: b.status,
        duplicate: b.duplicate,
        functionVersion: b.function_version,
    };
}
function parseJsonObject(text) {
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
const proxyResultSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    statusCode: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(100).max(599),
    headers: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()])).nullish(),
    multiValueHeaders: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()]))).nullish(),
    body: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullish(),
    isBase64Encoded: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().nullish(),
});
/**
 * Reads a Lambda proxy result as API Gateway does; undefined when API Gateway would answer
 * 502 "Malformed Lambda proxy response".
 */
function parseProxyResult(payload) {
    const parsed = proxyResultSchema.safeParse(parseJsonObject(payload));
    if (!parsed.success)
        return undefined;
    const r = parsed.data;
    const headers = {};
    for (const [k, values] of Object.entries(r.multiValueHeaders ?? {}))
        headers[k.toLowerCase()] = values.join(',');
    for (const [k, v] of Object.entries(r.headers ?? {}))
        headers[k.toLowerCase()] = String(v);
    const rawBody = r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString('utf8') : (r.body ?? '');
    return { statusCode: r.statusCode, headers, rawBody, json: parseJsonObject(rawBody) };
}
/** The REPORT line's fields the checks read, each `<name>: <number> ms` between tabs. */
const REPORT_FIELDS = {
    durationMs: /(?:^|\t|\s{2})Duration: ([\d.]+) ms(?:$|\t|\s{2})/,
    initDurationMs: /(?:^|\t|\s{2})Init Duration: ([\d.]+) ms(?:$|\t|\s{2})/,
};
/** The REPORT line of a `LogType: Tail` log: duration, and Init Duration on a cold start. */
function parseReportLine(logTail) {
    const start = logTail.startsWith('REPORT ') ? 0 : logTail.indexOf('\nREPORT ') + 1;
    if (start === 0 && !logTail.startsWith('REPORT '))
        return {};
    const end = logTail.indexOf('\n', start);
    // Fields are tab-separated: `REPORT RequestId: …\tDuration: 12.3 ms\tBilled Duration: 13 ms…`.
    const report = (end < 0 ? logTail.slice(start) : logTail.slice(start, end)).trimEnd();
    const field = (pattern) => {
        const m = pattern.exec(report);
        return m ? Number(m[1]) : undefined;
    };
    return { durationMs: field(REPORT_FIELDS.durationMs), initDurationMs: field(REPORT_FIELDS.initDurationMs) };
}
/** One line for a report cell: `201 stored`, `401 signature does not match`, `throttled`. */
function describeOutcome(outcome) {
    switch (outcome.kind) {
        case 'answered': {
            const a = outcome.answer;
            const ids = answerIds(a);
            const message = typeof a.json?.message === 'string' ? a.json.message : undefined;
            const detail = ids.status ?? message ?? ids.computeType ?? (a.rawBody.slice(0, 80) || '(empty body)');
            return `${a.statusCode} ${detail}`;
        }
        case 'function-error':
            return `function error ${outcome.errorType}: ${outcome.errorMessage}`;
        case 'throttled':
            return `throttled: ${outcome.message}`;
        case 'failed':
            return `no answer: ${outcome.message}`;
    }
}


/***/ }),

/***/ 36159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ hasDeliveryMarker),
  v: () => (/* binding */ readStoredCheckEvents)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(64305);
;// CONCATENATED MODULE: ./src/aws/dynamodb.ts
// The DynamoDB reads of the checks: strongly consistent, because a check reads back what the
// function wrote a moment ago.

/** Whether an item with this key exists (only the key is read back). */
async function itemExists(ddb, tableName, key, keyAttribute) {
    const res = await ddb.send(new dist_cjs/* GetItemCommand */.ZKh({
        TableName: tableName,
        Key: key,
        ConsistentRead: true,
        ProjectionExpression: '#k',
        ExpressionAttributeNames: { '#k': keyAttribute },
    }));
    return res.Item !== undefined;
}
/** Every item of a consistent query, following LastEvaluatedKey up to `maxPages` pages. */
async function queryAll(ddb, input, maxPages) {
    const items = [];
    let ExclusiveStartKey;
    for (let page = 0; page < maxPages; page++) {
        const res = await ddb.send(new dist_cjs/* QueryCommand */.sfZ({ ...input, ConsistentRead: true, ExclusiveStartKey }));
        items.push(...(res.Items ?? []));
        ExclusiveStartKey = res.LastEvaluatedKey;
        if (!ExclusiveStartKey)
            break;
    }
    return items;
}

// EXTERNAL MODULE: ./src/pipeline/webhook/request.ts
var request = __webpack_require__(1481);
;// CONCATENATED MODULE: ./src/pipeline/webhook/events-table.ts


/** Room on both sides of the window for the function's clock being off from ours. */
const CLOCK_SKEW_MS = 15 * 60_000;
const MAX_PAGES = 10_000;
/** Every stored check event of the window whose delivery id has the prefix, by delivery id. */
async function readStoredCheckEvents(ddb, query) {
    const items = await queryAll(ddb, {
        TableName: query.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        FilterExpression: 'begins_with(#delivery, :prefix)',
        ProjectionExpression: '#delivery, #event, #request, #environment, #compute, #received',
        ExpressionAttributeNames: {
            '#pk': 'PK',
            '#sk': 'SK',
            '#delivery': 'delivery_id',
            '#event': 'event_id',
            '#request': 'request_id',
            '#environment': 'environment_id',
            '#compute': 'compute_type',
            '#received': 'received_at',
        },
        ExpressionAttributeValues: {
            ':pk': { S: `EVENT#${request/* CHECK_EVENT_TYPE */.FW}` },
            ':from': { S: new Date(query.fromMs - CLOCK_SKEW_MS).toISOString() },
            // '~' sorts after '#', so events received in the last millisecond are included.
            ':to': { S: `${new Date(query.toMs + CLOCK_SKEW_MS).toISOString()}~` },
            ':prefix': { S: query.deliveryPrefix },
        },
    }, MAX_PAGES);
    const found = new Map();
    for (const event of items.map(toStoredEvent)) {
        if (!event)
            continue;
        const list = found.get(event.deliveryId);
        if (list)
            list.push(event);
        else
            found.set(event.deliveryId, [event]);
    }
    return found;
}
/** An event item as a check reads it; undefined for an item without a delivery id. */
function toStoredEvent(item) {
    const deliveryId = item.delivery_id?.S;
    if (!deliveryId)
        return undefined;
    return {
        deliveryId,
        eventId: item.event_id?.S,
        requestId: item.request_id?.S,
        environmentId: item.environment_id?.S,
        computeType: item.compute_type?.S,
        receivedAt: item.received_at?.S,
    };
}
/** Whether the workload claimed this delivery id (its marker exists). */
async function hasDeliveryMarker(ddb, tableName, deliveryId) {
    return itemExists(ddb, tableName, { PK: { S: `DELIVERY#${deliveryId}` }, SK: { S: 'DELIVERY' } }, 'PK');
}


/***/ }),

/***/ 39742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ createStageAgent),
/* harmony export */   y: () => (/* binding */ postToStage)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46752);
/* harmony import */ var _answer_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49512);
// The same requests sent over HTTP to a deployed stage (the cutover's probes, the local
// emulator's API): undici with an agent sized to the probes in flight, so a burst measures the
// stage rather than a client-side queue.


/** An agent allowing `connections` sockets per origin, kept alive between requests. */
function createStageAgent(connections) {
    return new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({ connections: Math.max(1, connections), keepAliveTimeout: 10_000 });
}
/** `https://…/prod` + `/webhooks`, keeping the stage path. */
function stageRequestUrl(stageUrl, path) {
    return `${stageUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
/**
 * Sends one request to the stage (`POST /webhooks` or `GET /health`). A 429 is a throttle (API
 * Gateway's own limit or Lambda's); every other status is an answer; no response is `failed`.
 */
async function postToStage(stageUrl, request, options = {}) {
    const now = options.now ?? (() => performance.now());
    const timeout = options.timeoutMs ?? 35_000;
    const started = now();
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(stageRequestUrl(stageUrl, request.path), {
            method: request.method,
            headers: { ...request.headers },
            body: request.body ?? undefined,
            dispatcher: options.dispatcher,
            headersTimeout: timeout,
            bodyTimeout: timeout,
            signal: options.signal,
        });
        const rawBody = await res.body.text();
        const latencyMs = now() - started;
        const headers = {};
        for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined)
                headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
        }
        if (res.statusCode === 429) {
            return { kind: 'throttled', message: `429 ${rawBody.slice(0, 200)}`, latencyMs };
        }
        return {
            kind: 'answered',
            answer: { statusCode: res.statusCode, headers, rawBody, json: (0,_answer_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonObject */ .dw)(rawBody) },
            latencyMs,
        };
    }
    catch (e) {
        const err = e;
        return {
            kind: 'failed',
            code: err.code,
            message: err.message ?? String(e),
            latencyMs: now() - started,
        };
    }
}


/***/ }),

/***/ 46243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ targetLabel),
/* harmony export */   T: () => (/* binding */ invokeWith)
/* harmony export */ });
/* harmony import */ var _core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5912);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _answer_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49512);



const targetLabel = (t) => `${t.functionName}:${t.qualifier}`;
/** One invocation of a target with a payload already serialised, read as API Gateway would. */
async function invokeWith(invoke, target, payload, options) {
    if (!target.qualifier || target.qualifier === '$LATEST') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CutoverError */ .DB('INTERNAL_ERROR', `Refusing to invoke ${target.functionName} without a published version or alias: $LATEST of an LMI function cannot be invoked.`);
    }
    const now = options.now ?? (() => performance.now());
    const started = now();
    let output;
    try {
        output = await invoke({
            functionName: target.functionName,
            qualifier: target.qualifier,
            payload,
            logTail: options.logTail ?? false,
            signal: options.signal,
        });
    }
    catch (e) {
        return failedInvoke(e, now() - started);
    }
    return readInvokeOutput(output, now() - started);
}
/** The answer as API Gateway would read it, with what Lambda said about the invocation. */
function readInvokeOutput(res, latencyMs) {
    const report = res.logResult ? (0,_answer_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReportLine */ .OM)(Buffer.from(res.logResult, 'base64').toString('utf8')) : {};
    const invocation = {
        invocationId: res.requestId,
        executedVersion: res.executedVersion,
        ...report,
    };
    const { payload } = res;
    if (res.functionError) {
        const error = (0,_answer_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonObject */ .dw)(payload);
        return {
            kind: 'function-error',
            errorType: typeof error?.errorType === 'string' ? error.errorType : res.functionError,
            errorMessage: typeof error?.errorMessage === 'string' ? error.errorMessage : payload.slice(0, 300),
            latencyMs,
            invocation,
        };
    }
    const answer = (0,_answer_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProxyResult */ .tA)(payload);
    if (!answer) {
        return {
            kind: 'failed',
            code: 'MalformedProxyResponse',
            message: `malformed Lambda proxy response (API Gateway would answer 502): ${payload.slice(0, 200)}`,
            latencyMs,
        };
    }
    return { kind: 'answered', answer, latencyMs, invocation };
}
/** A throttle or a call without an answer, as an outcome; a denial is thrown on. */
function failedInvoke(e, latencyMs) {
    if ((0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDeniedError */ .sm)(e))
        throw e;
    if ((0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottlingError */ .Qb)(e)) {
        const reason = e.Reason;
        return {
            kind: 'throttled',
            message: `${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e)}${reason ? ` (${reason})` : ''}: ${(0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`,
            latencyMs,
        };
    }
    return { kind: 'failed', code: (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(e) || undefined, message: (0,_core_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e), latencyMs };
}


/***/ }),

/***/ 34894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M2: () => (/* binding */ invokeWebhook),
/* harmony export */   Op: () => (/* reexport safe */ _invoke_outcome_js__WEBPACK_IMPORTED_MODULE_0__.O),
/* harmony export */   xA: () => (/* binding */ invokeProxyEvent)
/* harmony export */ });
/* unused harmony export sdkInvoke */
/* harmony import */ var _aws_lambda_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5974);
/* harmony import */ var _invoke_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46243);
/* harmony import */ var _proxy_event_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56541);




async function invokeWebhook(lambda, target, request, options) {
    const event = (0,_proxy_event_js__WEBPACK_IMPORTED_MODULE_1__/* .toProxyEvent */ .g)(request, options.stage, { nowMs: (options.epochNow ?? Date.now)() });
    return invokeProxyEvent(lambda, target, event, options);
}
/** Invokes a target with a proxy event built elsewhere (the user's checks build their own). */
async function invokeProxyEvent(lambda, target, event, options) {
    return (0,_invoke_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .invokeWith */ .T)(sdkInvoke(lambda), target, Buffer.from(JSON.stringify(event)), options);
}
/** Invoke through an SDK client: the same call, the output reduced to what the checks read. */
function sdkInvoke(lambda) {
    return async (call) => {
        const res = await (0,_aws_lambda_js__WEBPACK_IMPORTED_MODULE_2__/* .invokeFunction */ .HR)(lambda, call);
        return {
            requestId: res.$metadata.requestId,
            executedVersion: res.ExecutedVersion,
            functionError: res.FunctionError,
            logResult: res.LogResult,
            payload: res.Payload ? Buffer.from(res.Payload).toString('utf8') : '',
        };
    };
}


/***/ }),

/***/ 56541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ toProxyEvent)
/* harmony export */ });
/* unused harmony export apiGatewayTime */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The API Gateway REST (v1) proxy event a stage sends to its Lambda integration, built for a
// request, so invoking a version directly exercises the same code path as traffic through
// the stage. Field for field as API Gateway's `aws_proxy` integration sends it: every key is
// present (absent values are null, which Powertools' event check requires), headers appear in
// both `headers` and `multiValueHeaders`, and the request context names the API and stage.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
function apiGatewayTime(epochMs) {
    const d = new Date(epochMs);
    const two = (n) => String(n).padStart(2, '0');
    return (`${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
        `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`);
}
function toProxyEvent(request, stage, options = {}) {
    const nowMs = options.nowMs ?? Date.now();
    const requestId = options.requestId ?? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    const sourceIp = options.sourceIp ?? '127.0.0.1';
    const userAgent = request.headers['User-Agent'] ?? 'lmi-cutover';
    // What API Gateway adds in front of the caller's own headers.
    const headers = {
        Host: stage.domainName,
        'User-Agent': userAgent,
        'X-Amzn-Trace-Id': `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)}`,
        'X-Forwarded-For': sourceIp,
        'X-Forwarded-Port': '443',
        'X-Forwarded-Proto': 'https',
        ...request.headers,
    };
    if (request.body !== null)
        headers['Content-Length'] ??= String(Buffer.byteLength(request.body));
    const variables = Object.keys(stage.stageVariables).length > 0 ? { ...stage.stageVariables } : null;
    return {
        resource: request.path,
        path: request.path,
        httpMethod: request.method,
        headers,
        multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: variables,
        requestContext: {
            resourceId: 'lmicut',
            resourcePath: request.path,
            httpMethod: request.method,
            extendedRequestId: requestId.slice(0, 16),
            requestTime: apiGatewayTime(nowMs),
            path: `/${stage.stageName}${request.path}`,
            accountId: stage.accountId,
            protocol: 'HTTP/1.1',
            stage: stage.stageName,
            domainPrefix: stage.domainName.split('.')[0] ?? stage.restApiId,
            requestTimeEpoch: nowMs,
            requestId,
            identity: {
                cognitoIdentityPoolId: null,
                accountId: null,
                cognitoIdentityId: null,
                caller: null,
                sourceIp,
                principalOrgId: null,
                accessKey: null,
                cognitoAuthenticationType: null,
                cognitoAuthenticationProvider: null,
                userArn: null,
                userAgent,
                user: null,
            },
            domainName: stage.domainName,
            deploymentId: null,
            apiId: stage.restApiId,
        },
        body: request.body,
        isBase64Encoded: false,
    };
}


/***/ }),

/***/ 1481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F$: () => (/* binding */ newRunId),
/* harmony export */   FW: () => (/* binding */ CHECK_EVENT_TYPE),
/* harmony export */   MI: () => (/* binding */ signedWebhook),
/* harmony export */   Ng: () => (/* binding */ describeRequest),
/* harmony export */   Ul: () => (/* binding */ healthRequest),
/* harmony export */   YD: () => (/* binding */ checkWebhook),
/* harmony export */   eD: () => (/* binding */ runDeliveryPrefix),
/* harmony export */   ll: () => (/* binding */ checkBody),
/* harmony export */   m7: () => (/* binding */ checkDeliveryId)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _signature_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39314);
// The requests the pipeline sends to the workload: health checks and signed webhooks, each
// marked as check traffic so it can be told apart from real events in the table.
//
// Marking. The workload stores every field of the body as sent and keys events by
// `event_type` (PK `EVENT#<event_type>`). Check webhooks use one reserved event type,
// `lmi_cutover.check` (the workload's rule is a dotted lowercase name: `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`,
// so a hyphen is not allowed), carry an `lmi_cutover` object naming the run, the check and
// the target, and use delivery ids `lmi-cutover.<run>.<check>.<target>.<n>`. Real events never
// share that partition, so reading check items back touches nothing else.


const CHECK_EVENT_TYPE = 'lmi_cutover.check';
const CHECK_DELIVERY_PREFIX = 'lmi-cutover.';
/** A short random id for a run's check traffic: 10 hex characters. */
const newRunId = () => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(5).toString('hex');
function checkDeliveryId(mark) {
    const level = mark.level === undefined ? '' : `.${mark.level}`;
    return `${CHECK_DELIVERY_PREFIX}${mark.run}.${mark.kind}${level}.${mark.target}.${mark.seq}`;
}
/** Prefix shared by every delivery id of one run. */
const runDeliveryPrefix = (run) => `${CHECK_DELIVERY_PREFIX}${run}.`;
function checkBody(mark, extra = {}) {
    return JSON.stringify({
        event_type: CHECK_EVENT_TYPE,
        lmi_cutover: { run: mark.run, check: mark.kind, target: mark.target, seq: mark.seq, level: mark.level },
        ...extra,
    });
}
/** A POST /webhooks signed like a real sender signs it. */
function signedWebhook(init) {
    return {
        method: 'POST',
        path: '/webhooks',
        headers: {
            'Content-Type': 'application/json',
            [_signature_js__WEBPACK_IMPORTED_MODULE_1__/* .ID_HEADER */ .kL]: init.deliveryId,
            [_signature_js__WEBPACK_IMPORTED_MODULE_1__/* .TIMESTAMP_HEADER */ .L1]: String(init.timestampSeconds),
            [_signature_js__WEBPACK_IMPORTED_MODULE_1__/* .SIGNATURE_HEADER */ .D8]: (0,_signature_js__WEBPACK_IMPORTED_MODULE_1__/* .signWebhook */ .vR)(init.secrets, init.deliveryId, init.timestampSeconds, init.rawBody),
        },
        body: init.rawBody,
        deliveryId: init.deliveryId,
    };
}
/** A signed check webhook for this mark. */
function checkWebhook(secrets, mark, timestampSeconds) {
    return signedWebhook({
        secrets,
        deliveryId: checkDeliveryId(mark),
        rawBody: checkBody(mark),
        timestampSeconds,
    });
}
const healthRequest = () => ({
    method: 'GET',
    path: '/health',
    headers: { Accept: 'application/json' },
    body: null,
});
/** One line naming a request for reports: `POST /webhooks webhook-id … (signed)`. */
function describeRequest(request, note) {
    const id = request.deliveryId ? ` ${_signature_js__WEBPACK_IMPORTED_MODULE_1__/* .ID_HEADER */ .kL} ${request.deliveryId}` : '';
    return `${request.method} ${request.path}${id}${note ? ` (${note})` : ''}`;
}


/***/ }),

/***/ 10876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ SECRET_PARAMETER_VARIABLE),
  y: () => (/* binding */ readSigningSecret)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(34736);
;// CONCATENATED MODULE: ./src/aws/ssm.ts
// The one SSM call: a SecureString read with decryption (the webhook signing secret).

/** The decrypted value, or undefined when the parameter has none. */
async function getSecureParameter(ssm, name) {
    const res = await ssm.send(new dist_cjs/* GetParameterCommand */.lhy({ Name: name, WithDecryption: true }));
    return res.Parameter?.Value;
}

// EXTERNAL MODULE: ./src/core/aws-errors.ts
var aws_errors = __webpack_require__(5912);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
// EXTERNAL MODULE: ./src/pipeline/webhook/signature.ts
var signature = __webpack_require__(39314);
;// CONCATENATED MODULE: ./src/pipeline/webhook/secret.ts
// The webhook signing secrets, read from the SSM SecureString the functions read, and masked
// before anything can print them. The parameter's name comes from the LMI function's own
// environment (SIGNING_SECRET_PARAMETER), so the checks sign with what the function verifies.
// The value is one or more whitespace-separated `whsec_` secrets (two while a rotation overlaps).





const SECRET_PARAMETER_VARIABLE = 'SIGNING_SECRET_PARAMETER';
/** The command that creates (or, with --overwrite, replaces) the parameter with a fresh secret. */
const putParameter = (parameterName, overwrite = false) => `aws ssm put-parameter --type SecureString${overwrite ? ' --overwrite' : ''} --name ${(0,format/* shellQuote */.ZL)(parameterName)} ` +
    '--value "whsec_$(openssl rand -base64 32)"';
async function readSigningSecret(ctx, parameterName) {
    let value;
    try {
        value = await getSecureParameter(ctx.aws.ssm, parameterName);
    }
    catch (e) {
        if ((0,aws_errors/* errorName */.Is)(e) === 'ParameterNotFound') {
            throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `The webhook signing secret ${parameterName} does not exist in SSM Parameter Store. Create it once per account and region: ` +
                putParameter(parameterName), [], { cause: e });
        }
        if ((0,aws_errors/* isAccessDeniedError */.sm)(e)) {
            throw new errors/* CutoverError */.DB('ACCESS_DENIED', `AWS denied reading the signing secret ${parameterName}: ${(0,aws_errors/* errorMessage */.gJ)(e)}. Grant the deploy role ssm:GetParameter on it ` +
                '(and kms:Decrypt when it is encrypted with a customer-managed key).', [], { cause: e });
        }
        throw e;
    }
    if (!value) {
        throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `The SSM parameter ${parameterName} has no value; put the webhook signing secret in it: ${putParameter(parameterName, true)}`);
    }
    // Masked before it is even judged: whatever the value is, it must never be printed.
    ctx.progress.mask(value);
    const parsed = (0,signature/* parseSigningSecrets */.I1)(value);
    if (!parsed.ok) {
        throw new errors/* CutoverError */.DB('SIGNING_SECRET_UNAVAILABLE', `The SSM parameter ${parameterName} does not hold webhook signing secrets in the Standard Webhooks format ` +
            `(one or more whitespace-separated whsec_<base64 of a 24-64 byte key>): ${parsed.problem}. ` +
            `The functions refuse every webhook (503) until it does. Put a new secret in it: ${putParameter(parameterName, true)} ` +
            '— and sign with it on the sender side (README: Signing webhooks).');
    }
    // Each secret alone too (the value may hold two), and its base64 without the prefix.
    for (const secret of new Set(parsed.secrets.masked))
        if (secret !== value)
            ctx.progress.mask(secret);
    return parsed.secrets;
}


/***/ }),

/***/ 39314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ SIGNATURE_HEADER),
/* harmony export */   I1: () => (/* binding */ parseSigningSecrets),
/* harmony export */   L1: () => (/* binding */ TIMESTAMP_HEADER),
/* harmony export */   WX: () => (/* binding */ rawSecrets),
/* harmony export */   eC: () => (/* binding */ newSigningSecret),
/* harmony export */   fL: () => (/* binding */ signingSecrets),
/* harmony export */   kL: () => (/* binding */ ID_HEADER),
/* harmony export */   vR: () => (/* binding */ signWebhook)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var standardwebhooks__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15487);
// Webhook signatures exactly as the workload verifies them (workload/src/signature.ts), per the
// Standard Webhooks specification and with its reference library: `webhook-id`,
// `webhook-timestamp` (whole Unix seconds) and `webhook-signature`, space-separated
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. Kept separate from the workload
// (src/ imports nothing from it); a unit test checks every signature made here against the
// workload's verifier, and both parsers against the same secrets.


const ID_HEADER = 'webhook-id';
const TIMESTAMP_HEADER = 'webhook-timestamp';
const SIGNATURE_HEADER = 'webhook-signature';
const PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
/** As many as the workload reads (workload/src/webhook-secrets.ts). */
const MAX_SECRETS = 5;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Reads the parameter's value; never throws, and no problem quotes the value. */
function parseSigningSecrets(value) {
    const secrets = value.split(/\s+/).filter((s) => s.length > 0);
    if (secrets.length === 0)
        return { ok: false, problem: 'it holds no secret' };
    if (secrets.length > MAX_SECRETS) {
        return {
            ok: false,
            problem: `it holds ${secrets.length} secrets; the workload reads at most ${MAX_SECRETS}`,
        };
    }
    const masked = [];
    const keys = [];
    for (const [i, secret] of secrets.entries()) {
        const position = `secret ${i + 1} of ${secrets.length}`;
        if (!secret.startsWith(PREFIX))
            return { ok: false, problem: `${position} does not start with ${PREFIX}` };
        const encoded = secret.slice(PREFIX.length);
        const bytes = Buffer.from(encoded, 'base64');
        const canonical = bytes.toString('base64');
        if (!BASE64.test(encoded) || canonical.replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
            return { ok: false, problem: `${position} is not ${PREFIX} followed by standard base64` };
        }
        if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
            return {
                ok: false,
                problem: `${position} decodes to a ${bytes.length}-byte key; a ${PREFIX} key is ${MIN_KEY_BYTES}-${MAX_KEY_BYTES} bytes`,
            };
        }
        masked.push(secret, encoded);
        keys.push(new standardwebhooks__WEBPACK_IMPORTED_MODULE_1__/* .Webhook */ .KD(`${PREFIX}${canonical}`));
    }
    return { ok: true, secrets: { masked, keys } };
}
/** The secrets of a value known to be good (fixtures, tests); throws naming the problem otherwise. */
function signingSecrets(value) {
    const parsed = parseSigningSecrets(value);
    if (!parsed.ok)
        throw new Error(`not a signing secret value: ${parsed.problem}`);
    return parsed.secrets;
}
/**
 * The `whsec_` secrets as the parameter holds them: what a load worker, which cannot receive the
 * Webhook objects, rebuilds the secrets from (signingSecrets of them joined by spaces).
 */
const rawSecrets = (secrets) => secrets.masked.filter((s) => s.startsWith(PREFIX));
/** A fresh secret in the format the workload reads: `whsec_` + base64 of 32 random bytes. */
const newSigningSecret = () => `${PREFIX}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(32).toString('base64')}`;
/** The `webhook-signature` value: one `v1,` entry per secret, space-separated. */
function signWebhook(secrets, deliveryId, timestampSeconds, rawBody) {
    const at = new Date(timestampSeconds * 1000);
    return secrets.keys.map((key) => key.sign(deliveryId, at, rawBody)).join(' ');
}


/***/ }),

/***/ 28934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pm: () => (/* binding */ stageContextFor),
/* harmony export */   Qu: () => (/* binding */ appStackFromOutputs),
/* harmony export */   o2: () => (/* binding */ workloadStackFromOutputs)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
// What the verify stages need from the workload stack's outputs (workload/README.md lists
// them): the LMI function and the published version its `live` alias points at, the standard
// twin's `live` alias, the events table, and the API stage. The version always comes from the
// outputs — never `$LATEST`, which an LMI function cannot run.

const APP_REQUIRED = [
    'LmiFunctionName',
    'LmiVersion',
    'LmiAliasArn',
    'StandardFunctionName',
    'StandardAliasArn',
];
const REQUIRED = [...APP_REQUIRED, 'EventsTableName'];
const ALIAS_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):function:([^:]+):([^:]+)$/;
function workloadStackFromOutputs(stackName, outputs) {
    assertOutputs(stackName, outputs, REQUIRED, 'as workload/template.yaml does (the LMI function, its published version and live alias, the standard twin, the events table)');
    return { ...appStackFromOutputs(stackName, outputs), eventsTableName: outputs.EventsTableName };
}
/** The stack of an app verified with the user's own checks: no events table needed. */
function appStackFromOutputs(stackName, outputs) {
    assertOutputs(stackName, outputs, APP_REQUIRED, 'as `lmi-cutover init` writes them (the LMI function, its published version and live alias, the standard twin)');
    const version = outputs.LmiVersion;
    if (!/^\d+$/.test(version)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('STACK_OUTPUTS_MISSING', `Stack output LmiVersion is ${JSON.stringify(version)}, not a published version number. ` +
            'It must name the version the live alias points at (AutoPublishAlias), never $LATEST.');
    }
    const lmiAlias = parseAliasArn('LmiAliasArn', outputs.LmiAliasArn);
    const standardAlias = parseAliasArn('StandardAliasArn', outputs.StandardAliasArn);
    const standardVersion = /^\d+$/.test(outputs.StandardVersion ?? '') ? outputs.StandardVersion : undefined;
    return {
        lmi: {
            side: 'lmi',
            functionName: outputs.LmiFunctionName,
            qualifier: version,
            version,
            aliasArn: outputs.LmiAliasArn,
            capacityProviderArn: outputs.CapacityProviderArn || undefined,
        },
        standard: {
            side: 'standard',
            functionName: outputs.StandardFunctionName,
            // The twin's candidate is the version this deploy published, not whatever the alias says later.
            qualifier: standardVersion ?? standardAlias.alias,
            aliasArn: outputs.StandardAliasArn,
            ...(standardVersion ? { version: standardVersion } : {}),
        },
        accountId: lmiAlias.accountId,
        api: {
            url: outputs.ApiUrl || undefined,
            restApiId: outputs.RestApiId || undefined,
            stageName: outputs.StageName || undefined,
        },
    };
}
function assertOutputs(stackName, outputs, required, how) {
    const missing = required.filter((k) => !outputs[k]);
    if (missing.length === 0)
        return;
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('STACK_OUTPUTS_MISSING', `Stack ${stackName} lacks the output${missing.length === 1 ? '' : 's'} verify needs: ${missing.join(', ')}. ` +
        `Declare them ${how}.`);
}
function parseAliasArn(output, arn) {
    const m = ALIAS_ARN.exec(arn);
    if (!m) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CutoverError */ .DB('STACK_OUTPUTS_MISSING', `Stack output ${output} is ${JSON.stringify(arn)}, not a Lambda alias ARN (arn:aws:lambda:<region>:<account>:function:<name>:<alias>).`);
    }
    return { accountId: m[1], alias: m[3] };
}
/**
 * The stage an event claims to come from when a target is invoked directly: the stack's API
 * and stage, with `liveFunction` pointing at the target's own version, as the stage (or its
 * canary) would set it when routing to that side.
 */
function stageContextFor(stack, side, region, 
/** Another version of that side (production's), when it is not the stack's candidate. */
version) {
    const restApiId = stack.api.restApiId ?? 'lmi-cutover';
    let domainName = `${restApiId}.execute-api.${region}.amazonaws.com`;
    if (stack.api.url) {
        try {
            domainName = new URL(stack.api.url).host;
        }
        catch {
            // A malformed ApiUrl output only changes the Host header; keep the derived name.
        }
    }
    const target = version ?? (side === 'lmi' ? stack.lmi : stack.standard);
    return {
        restApiId,
        stageName: stack.api.stageName ?? 'prod',
        domainName,
        accountId: stack.accountId,
        stageVariables: { liveFunction: `${target.functionName}:${target.qualifier}` },
    };
}


/***/ })

};
