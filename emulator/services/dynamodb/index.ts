// DynamoDB through dynalite, started in-process on its own loopback port (in-memory store)
// and reached by passing the JSON 1.0 body through untouched. dynalite does not verify
// signatures, so the client's signed request is forwarded as it came.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arn } from '../../core/ids.js';
import { AwsError } from '../../errors.js';
import { guardBackendServer } from '../../http/backend-guard.js';
import { forward, passHeaders } from '../../http/proxy.js';
import { header, type EmuResponse, type ServiceHandler } from '../../http/types.js';

const TARGET_PREFIX = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** What dynalite implements; anything else is answered as unknown, naming the operation. */
const SERVED = new Set([
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
]);

export interface DynamoBackend {
  service: ServiceHandler;
  /** Resolves with dynalite's port once it listens (requests wait for it). */
  ready: Promise<number>;
  /** Calls DynamoDB as CloudFormation's handlers do (same backend, no client needed). */
  call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface DynamoOptions {
  /** Time a table stays CREATING/DELETING/UPDATING (dynalite's default is 500 ms). */
  tableStateMs: number;
}

const errorCodeOf = (res: EmuResponse): string | undefined => {
  try {
    const type = (JSON.parse(String(res.body ?? '{}')) as { __type?: string }).__type;
    return type?.split('#').pop();
  } catch {
    return undefined;
  }
};

/** dynalite on its own loopback port; `ready` resolves with the port. */
function launchDynalite(opts: DynamoOptions): { ready: Promise<number>; stop(): Promise<void> } {
  let server: Server | undefined;
  const ready = (async () => {
    const { default: dynalite } = await import('dynalite');
    const s = dynalite({
      createTableMs: opts.tableStateMs,
      deleteTableMs: opts.tableStateMs,
      updateTableMs: opts.tableStateMs,
    });
    guardBackendServer(s);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve());
    });
    server = s;
    return (s.address() as AddressInfo).port;
  })();
  return {
    ready,
    stop: async () => {
      await ready.catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

/** Calls dynalite directly, its error answered as an AwsError with DynamoDB's code. */
function dynamoCaller(ready: Promise<number>): DynamoBackend['call'] {
  return async <T>(operation: string, input: unknown): Promise<T> => {
    const res = await forward({
      port: await ready,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': CONTENT_TYPE,
        'x-amz-target': `${TARGET_PREFIX}.${operation}`,
        'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
        authorization:
          'AWS4-HMAC-SHA256 Credential=cloudformation/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: Buffer.from(JSON.stringify(input)),
    });
    const parsed = JSON.parse(String(res.body ?? '{}')) as Record<string, unknown>;
    if (res.status >= 400) {
      throw new AwsError(
        errorCodeOf(res) ?? 'InternalServerError',
        String(parsed.message ?? parsed.Message ?? ''),
        res.status,
      );
    }
    return parsed as T;
  };
}

function dynamoService(ready: Promise<number>): ServiceHandler {
  return {
    name: 'dynamodb',
    protocol: 'json',
    operation: (req) => (header(req, 'x-amz-target') ?? '').split('.').pop() || 'Unknown',
    // The table the request names; the emulator has one account.
    resourcesOf: (req) => {
      const table = (JSON.parse(req.body.toString('utf8') || '{}') as { TableName?: unknown }).TableName;
      return [{ arn: typeof table === 'string' ? arn('dynamodb', req.region, `table/${table}`) : '*' }];
    },
    throttleError: () =>
      new AwsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.'),
    unknownOperation: (op) =>
      new AwsError(
        'UnknownOperationException',
        `The local emulator does not implement DynamoDB operation ${op}.`,
      ),
    errorCodeOf,
    async handle(req, operation) {
      if (!SERVED.has(operation)) throw this.unknownOperation(operation, req);
      return forward({
        port: await ready,
        method: req.method,
        path: req.rawPath,
        headers: passHeaders(req),
        body: req.body,
      });
    },
  };
}

/** Starts dynalite in the background; requests wait for `ready`. */
export function startDynamo(opts: DynamoOptions): DynamoBackend {
  const dynalite = launchDynalite(opts);
  return {
    service: dynamoService(dynalite.ready),
    ready: dynalite.ready,
    call: dynamoCaller(dynalite.ready),
    stop: dynalite.stop,
  };
}
