// startEmulator(): the local cloud in one process. One HTTP listener on 127.0.0.1 routes by
// the SigV4 credential scope to CloudFormation, Lambda, API Gateway, SSM and IAM (emulated
// here) and to DynamoDB (dynalite) and S3 (s3rver), each running in-process on its own port.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CallRecord } from './core/calls.js';
import { Faults } from './core/faults.js';
import { Timers } from './core/timers.js';
import { startServer, type RawRoute } from './http/server.js';
import type { EmuResponse, ServiceHandler } from './http/types.js';
import { apiGatewayService } from './services/apigateway/index.js';
import { ApiGatewayStore } from './services/apigateway/store.js';
import { cloudFormationService } from './services/cloudformation/index.js';
import { CloudFormationStore } from './services/cloudformation/store.js';
import { startDynamo, type DynamoBackend } from './services/dynamodb/index.js';
import { iamService } from './services/iam/index.js';
import { IamStore } from './services/iam/store.js';
import { CodeStore } from './services/lambda/code-store.js';
import { lambdaService, type InvokeHook } from './services/lambda/index.js';
import type { VersionRecord } from './services/lambda/model.js';
import { LambdaStore } from './services/lambda/store.js';
import { startS3, type S3Reader } from './services/s3/index.js';
import { ssmService } from './services/ssm/index.js';
import { SsmStore } from './services/ssm/store.js';

export type { CallRecord } from './core/calls.js';
export type { RawRoute } from './http/server.js';
export type { EmuRequest } from './http/types.js';
export type { InvokeHook } from './services/lambda/index.js';
export type { VersionRecord } from './services/lambda/model.js';
export type { LambdaStore } from './services/lambda/store.js';
export { buildVersionSpec } from './services/lambda/version-spec.js';
export type { Faults } from './core/faults.js';
export { ACCOUNT_ID } from './core/ids.js';

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
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Called when a published LMI version becomes Active (the code runner's hook). */
  onVersionActive?: (version: VersionRecord) => void;
  /** Awaited while an LMI version is Pending; a rejection fails it (see LambdaOptions). */
  onVersionProvisioning?: (version: VersionRecord) => Promise<void>;
  /** Serves Lambda Invoke (part 2). */
  invoke?: InvokeHook;
  /** Serves /restapis/{id}/{stage}/_user_request_/... (part 2). */
  executeApi?: RawRoute;
  /** Where the emulator reports internal failures; silent when omitted. */
  log?: (line: string) => void;
  /**
   * Return once the listener is up, while s3rver and dynalite still load; their requests
   * wait for them. `npm run local` uses this to be ready sooner. Default: wait for both.
   */
  lazyBackends?: boolean;
}

export interface EmulatorState {
  lambda: LambdaStore;
  apigateway: ApiGatewayStore;
  cloudformation: CloudFormationStore;
  ssm: SsmStore;
  iam: IamStore;
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
  stop(): Promise<void>;
}

export const DEFAULT_CREDENTIALS = {
  accessKeyId: 'AKIALMILOCAL00000000',
  secretAccessKey: 'lmi-local-secret-key',
};

/** The reserved execute-api URL form; answered here until the code runner serves it. */
export const EXECUTE_API_PATH = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

function executeApiRoute(hook: RawRoute | undefined): RawRoute {
  return async (req) => {
    if (!EXECUTE_API_PATH.test(req.rawPath)) return undefined;
    if (hook) return hook(req);
    return {
      status: 501,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
      body: JSON.stringify({
        message:
          'The execute-api endpoint is not served yet: running code arrives with the code runner (part 2).',
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

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const log = options.log ?? (() => undefined);
  const timers = new Timers();
  const faults = new Faults();
  const calls: CallRecord[] = [];
  const code = new CodeStore();
  await code.init();

  const s3 = startS3();
  const dynamodb = startDynamo({ tableStateMs: options.tableStateMs ?? 20 });
  const lambda = new LambdaStore(
    {
      region,
      provisioningMs: options.provisioningMs ?? 2000,
      capacityProviderReadyMs: options.capacityProviderReadyMs ?? 20,
      onVersionActive: options.onVersionActive,
      onVersionProvisioning: options.onVersionProvisioning,
    },
    timers,
    faults,
    code,
    s3,
  );
  const apigateway = new ApiGatewayStore();
  const ssm = new SsmStore(region);
  const iam = new IamStore();
  const cloudformation = new CloudFormationStore({
    region,
    timers,
    faults,
    changeSetDelayMs: options.changeSetDelayMs ?? 10,
    services: { lambda, apigateway, ssm, iam, s3, dynamodb },
    log,
  });

  const services = new Map<string, ServiceHandler>(
    [
      cloudFormationService(cloudformation),
      lambdaService(lambda, { invoke: options.invoke }),
      apiGatewayService(apigateway),
      ssmService(ssm),
      iamService(iam),
      s3.service,
      dynamodb.service,
    ].map((s) => [s.name, s]),
  );

  const server = await startServer(options.port ?? 0, {
    services,
    calls,
    faults,
    timers,
    region,
    startedAt: Date.now(),
    rawRoutes: [executeApiRoute(options.executeApi), internalRoutes(code)],
    log,
  });
  const backendsReady = Promise.all([s3.ready, dynamodb.ready]);
  backendsReady.catch((e: unknown) => log(`[emulator] S3/DynamoDB backend failed to start: ${String(e)}`));
  if (!options.lazyBackends) await backendsReady;

  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    region,
    credentials,
    faults,
    calls,
    state: { lambda, apigateway, cloudformation, ssm, iam, s3, dynamodb },
    stop() {
      stopped ??= (async () => {
        timers.stopAll();
        cloudformation.stop();
        await server.close();
        await Promise.all([s3.stop(), dynamodb.stop(), code.dispose()]);
      })();
      return stopped;
    },
  };
}

export type { EmuResponse };
