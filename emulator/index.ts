// startEmulator(): the local cloud in one process. One HTTP listener on 127.0.0.1 routes by
// the SigV4 credential scope to CloudFormation, Lambda, API Gateway, SSM, IAM and CloudWatch
// (emulated here; CloudWatch serves the AWS/Lambda metrics of the invocations it runs and the
// AWS/ApiGateway metrics of the stage requests it serves) and to DynamoDB (dynalite) and S3 (s3rver), each running in-process on its own port.
// With runCode it also runs function code (Lambda Invoke) and serves deployed API Gateway
// stages (execute-api), both through emulator/runtime.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CallRecord } from './core/calls.js';
import { Faults } from './core/faults.js';
import { Timers } from './core/timers.js';
import { executeApiRoute, type ExecuteApiOptions } from './execute-api/index.js';
import { EXECUTE_API_PATH, localStageUrl, localizeExecuteApiUrl } from './execute-api/local-url.js';
import { startServer, type RawRoute, type RunningServer } from './http/server.js';
import type { EmuResponse, ServiceHandler } from './http/types.js';
import { apiGatewayService } from './services/apigateway/index.js';
import { ApiGatewayStore } from './services/apigateway/store.js';
import { cloudFormationService } from './services/cloudformation/index.js';
import { CloudWatchStore, cloudWatchService } from './services/cloudwatch/index.js';
import { CloudFormationStore } from './services/cloudformation/store.js';
import { startDynamo, type DynamoBackend } from './services/dynamodb/index.js';
import { iamService } from './services/iam/index.js';
import { IamStore } from './services/iam/store.js';
import { CodeRunner, type CodeRunnerOptions } from './services/lambda/code-runner.js';
import { CodeStore } from './services/lambda/code-store.js';
import { lambdaService, type InvokeHook } from './services/lambda/index.js';
import { LambdaInvoker } from './services/lambda/invoke.js';
import type { VersionRecord } from './services/lambda/model.js';
import { LambdaStore } from './services/lambda/store.js';
import { startS3, type S3Backend, type S3Reader } from './services/s3/index.js';
import { ssmService } from './services/ssm/index.js';
import { SsmStore } from './services/ssm/store.js';
import type { VersionCounters } from './runtime/index.js';

export type { CallRecord } from './core/calls.js';
export type { RawRoute } from './http/server.js';
export type { EmuRequest } from './http/types.js';
export type { InvokeHook } from './services/lambda/index.js';
export type { VersionRecord } from './services/lambda/model.js';
export type { LambdaStore } from './services/lambda/store.js';
export type { CloudWatchStore } from './services/cloudwatch/index.js';
export type { InvocationRecord } from './services/lambda/invoke.js';
export { buildVersionSpec } from './services/lambda/version-spec.js';
export type { Faults } from './core/faults.js';
export { ACCOUNT_ID } from './core/ids.js';
export { EXECUTE_API_PATH } from './execute-api/local-url.js';
export type { VersionCounters } from './runtime/index.js';

/** Settings of the code runner (Lambda Invoke and execute-api). */
export interface RunCodeOptions extends CodeRunnerOptions, ExecuteApiOptions {}

export interface EmulatorOptions {
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  port?: number;
  region?: string;
  /** Pending time of a published LMI version (AWS takes minutes; tests use milliseconds). */
  provisioningMs?: number;
  /** Pending time of a new capacity provider. */
  capacityProviderReadyMs?: number;
  /** Time a DynamoDB table stays CREATING/DELETING. */
  tableStateMs?: number;
  /** Time CloudFormation takes to compute a change set. */
  changeSetDelayMs?: number;
  /**
   * How long one minute of a rollback configuration's MonitoringTimeInMinutes lasts (60 s, as on
   * AWS, by default; tests shorten it).
   */
  monitoringMinuteMs?: number;
  /**
   * How late an invocation's AWS/Lambda metrics (and a stage request's AWS/ApiGateway metrics)
   * become visible to queries and alarms (AWS publishes them a minute or two after the fact). 0
   * by default: visible at once.
   */
  metricsDelayMs?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Called when a published LMI version becomes Active (the code runner's hook). */
  onVersionActive?: (version: VersionRecord) => void;
  /** Awaited while an LMI version is Pending; a rejection fails it (see LambdaOptions). */
  onVersionProvisioning?: (version: VersionRecord) => Promise<void>;
  /**
   * Run function code: Lambda Invoke runs versions in execution environments (LMI ones start
   * while Pending), `/restapis/{id}/{stage}/_user_request_/…` serves deployed stages, and
   * stack outputs holding an execute-api URL point at that form. Off by default: Invoke and
   * execute-api then answer a clear not-implemented error and no worker thread is started.
   */
  runCode?: boolean | RunCodeOptions;
  /** Replaces the Invoke handler (runCode's by default). */
  invoke?: InvokeHook;
  /** Replaces the execute-api handler (runCode's by default). */
  executeApi?: RawRoute;
  /** Where the emulator reports internal failures; silent when omitted. */
  log?: (line: string) => void;
  /**
   * Return once the listener is up, while s3rver and dynalite still load; their requests
   * wait for them. `npm run local` uses this to be ready sooner. Default: wait for both.
   */
  lazyBackends?: boolean;
  /**
   * The permissions boundary (a policy ARN) every IAM role must carry, as docs/iam's deploy
   * policies require of the roles a stack creates: a role without it fails to create with IAM's
   * AccessDenied. Unset: any role is accepted.
   */
  requiredPermissionsBoundary?: string;
}

export interface EmulatorState {
  lambda: LambdaStore;
  apigateway: ApiGatewayStore;
  cloudformation: CloudFormationStore;
  ssm: SsmStore;
  iam: IamStore;
  /** AWS/Lambda metrics (from the invocations the code runner ran) and metric alarms. */
  cloudwatch: CloudWatchStore;
  s3: S3Reader;
  dynamodb: DynamoBackend;
}

export interface Emulator {
  /** The URL to give clients as AWS_ENDPOINT_URL. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  faults: Faults;
  /** Every request answered, in order. */
  calls: CallRecord[];
  state: EmulatorState;
  /**
   * A running version's counters (invocations, errors, throttles, cold starts, environments,
   * peak in-flight per environment); undefined when that version has no runtime (yet).
   */
  runtimeCounters(functionName: string, version: string): VersionCounters | undefined;
  /** A stage's base URL on this emulator: `{endpoint}/restapis/{id}/{stage}/_user_request_`. */
  stageUrl(restApiId: string, stage: string): string;
  /**
   * The loopback ports s3rver and dynalite listen on. Only the emulator's proxy is answered
   * there (http/backend-guard.ts); tests use the ports to prove it.
   */
  backendPorts(): Promise<{ s3: number; dynamodb: number }>;
  /** Stops every execution environment and backend; no worker thread is left running. */
  stop(): Promise<void>;
}

export const DEFAULT_CREDENTIALS = {
  accessKeyId: 'AKIALMILOCAL00000000',
  secretAccessKey: 'lmi-local-secret-key',
};

/** execute-api without a server for it: a clear not-implemented answer. */
function unservedExecuteApi(hook: RawRoute | undefined): RawRoute {
  return async (req) => {
    if (!EXECUTE_API_PATH.test(req.rawPath)) return undefined;
    if (hook) return hook(req);
    return {
      status: 501,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
      body: JSON.stringify({
        message:
          'The execute-api endpoint is not served: start the emulator with runCode to run function code.',
      }),
    };
  };
}

function internalRoutes(code: CodeStore): RawRoute {
  return async (req) => {
    if (!req.rawPath.startsWith('/_emulator/')) return undefined;
    if (req.rawPath === '/_emulator/health') {
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' };
    }
    const m = /^\/_emulator\/lambda-code\/([0-9a-f]{64})\.zip$/.exec(req.rawPath);
    if (m) {
      const file = path.join(code.directory, `${m[1]}.zip`);
      const found = await stat(file).catch(() => undefined);
      if (found)
        return { status: 200, headers: { 'content-type': 'application/zip' }, body: await readFile(file) };
    }
    return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' };
  };
}

/** The state with S3 as the emulator runs it (the public state shows only its reader side). */
interface RunningState extends EmulatorState {
  s3: S3Backend;
}

/** What the emulator's parts share; endpoint and runner are filled in as it starts. */
interface Core {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  log: (line: string) => void;
  timers: Timers;
  faults: Faults;
  calls: CallRecord[];
  code: CodeStore;
  startedAt: number;
  runCode?: RunCodeOptions;
  /** Known once the listener is up; closures read it at call time. */
  endpoint: string;
  /** Created once the stores exist; the provisioning hook only runs after start. */
  runner?: CodeRunner;
}

/** The stores every service (and CloudFormation) works on, S3 and DynamoDB starting in the background. */
function createState(core: Core, options: EmulatorOptions): RunningState {
  const { region, timers, faults, code, log, runCode } = core;
  const onVersionProvisioning =
    runCode || options.onVersionProvisioning
      ? async (v: VersionRecord) => {
          await core.runner?.provision(v);
          await options.onVersionProvisioning?.(v);
        }
      : undefined;
  const s3 = startS3();
  const dynamodb = startDynamo({ tableStateMs: options.tableStateMs ?? 20 });
  const lambda = new LambdaStore(
    {
      region,
      provisioningMs: options.provisioningMs ?? 2000,
      capacityProviderReadyMs: options.capacityProviderReadyMs ?? 20,
      onVersionActive: options.onVersionActive,
      onVersionProvisioning,
      onVersionScaling: runCode ? async (v: VersionRecord) => core.runner?.rescale(v) : undefined,
    },
    timers,
    faults,
    code,
    s3,
  );
  const apigateway = new ApiGatewayStore();
  const ssm = new SsmStore(region);
  const iam = new IamStore({ requiredPermissionsBoundary: options.requiredPermissionsBoundary });
  const cloudwatch = new CloudWatchStore(region, Date.now, options.metricsDelayMs ?? 0);
  const cloudformation = new CloudFormationStore({
    region,
    timers,
    faults,
    changeSetDelayMs: options.changeSetDelayMs ?? 10,
    services: { lambda, apigateway, ssm, iam, s3, dynamodb },
    alarmState: (arn) => cloudwatch.alarms.all().find((a) => a.AlarmArn === arn)?.StateValue,
    monitoringMinuteMs: options.monitoringMinuteMs ?? 60_000,
    log,
    outputValue: runCode ? (v) => localizeExecuteApiUrl(v, core.endpoint, region, apigateway) : undefined,
  });
  return { lambda, apigateway, cloudformation, ssm, iam, cloudwatch, s3, dynamodb };
}

/** With runCode: the code runner, and the Invoke and execute-api handlers it serves (unless replaced). */
function plugCodeRunner(
  core: Core,
  state: EmulatorState,
  options: EmulatorOptions,
): { invoke?: InvokeHook; executeApi?: RawRoute } {
  const { runCode, region, faults, timers, calls, startedAt, credentials, log } = core;
  if (!runCode) return { invoke: options.invoke, executeApi: options.executeApi };
  const { lambda, apigateway } = state;
  const runner = new CodeRunner(
    { store: lambda, faults, endpoint: () => core.endpoint, credentials, log },
    runCode,
  );
  core.runner = runner;
  const invoker = new LambdaInvoker(lambda, runner, timers, log, state.cloudwatch.metrics.record);
  return {
    invoke: options.invoke ?? invoker.hook,
    executeApi:
      options.executeApi ??
      executeApiRoute(
        {
          region,
          apigateway,
          lambda,
          invoker,
          faults,
          timers,
          calls,
          startedAt,
          log,
          onRequest: state.cloudwatch.metrics.recordApiRequest,
        },
        runCode,
      ),
  };
}

function serviceHandlers(state: RunningState, invoke: InvokeHook | undefined): Map<string, ServiceHandler> {
  return new Map<string, ServiceHandler>(
    [
      cloudFormationService(state.cloudformation),
      lambdaService(state.lambda, { invoke }),
      apiGatewayService(state.apigateway),
      ssmService(state.ssm),
      iamService(state.iam),
      cloudWatchService(state.cloudwatch),
      state.s3.service,
      state.dynamodb.service,
    ].map((s) => [s.name, s]),
  );
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const timers = new Timers();
  const faults = new Faults();
  const code = new CodeStore();
  await code.init();
  const core: Core = {
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? DEFAULT_CREDENTIALS,
    log: options.log ?? (() => undefined),
    timers,
    faults,
    calls: [],
    code,
    startedAt: Date.now(),
    runCode: options.runCode === true ? {} : options.runCode || undefined,
    endpoint: '',
  };
  const state = createState(core, options);
  const { invoke, executeApi } = plugCodeRunner(core, state, options);
  const server = await startServer(options.port ?? 0, {
    services: serviceHandlers(state, invoke),
    calls: core.calls,
    faults: core.faults,
    timers: core.timers,
    region: core.region,
    startedAt: core.startedAt,
    rawRoutes: [unservedExecuteApi(executeApi), internalRoutes(code)],
    log: core.log,
  });
  const backendsReady = Promise.all([state.s3.ready, state.dynamodb.ready]);
  backendsReady.catch((e: unknown) =>
    core.log(`[emulator] S3/DynamoDB backend failed to start: ${String(e)}`),
  );
  if (!options.lazyBackends) await backendsReady;
  core.endpoint = `http://127.0.0.1:${server.port}`;
  return emulatorHandle(core, state, server);
}

function emulatorHandle(core: Core, state: RunningState, server: RunningServer): Emulator {
  const { endpoint, region, credentials, faults, calls, timers, code } = core;
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    region,
    credentials,
    faults,
    calls,
    state,
    runtimeCounters: (functionName, version) => core.runner?.counters(functionName, version),
    stageUrl: (restApiId, stage) => localStageUrl(endpoint, restApiId, stage),
    backendPorts: async () => {
      const [s3, dynamodb] = await Promise.all([state.s3.ready, state.dynamodb.ready]);
      return { s3, dynamodb };
    },
    stop() {
      stopped ??= (async () => {
        timers.stopAll();
        state.cloudformation.stop();
        // Execution environments first: in-flight invocations end before the listener closes.
        await core.runner?.stop();
        await server.close();
        await Promise.all([state.s3.stop(), state.dynamodb.stop(), code.dispose()]);
      })();
      return stopped;
    },
  };
}

export type { EmuResponse };
