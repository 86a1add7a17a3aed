// The bundled workload's real handler behind a mocked Lambda: InvokeCommand (intercepted by
// aws-sdk-client-mock) runs the handler in-process with a fresh request id, and its events go
// to dynalite through the workload's own EventsStore, so the verify stages meet the exact
// answers and table items they will meet in AWS. Import this first in a test file: it sets the
// environment the workload's modules read when they load.
import '../../workload/src/__tests__/helpers/lmi-env.js';
import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { createEnricher } from '../../workload/src/enrichment.js';
import { EventsStore } from '../../workload/src/events-store.js';
import { createHandler } from '../../workload/src/handler.js';
import { createObservability } from '../../workload/src/observability.js';
import { startDynalite, type LocalDynamo } from '../../workload/src/__tests__/helpers/dynalite.js';
import { scaledServices } from '../../workload/src/__tests__/helpers/harness.js';
import { lambdaContext, signingKeys } from '../../workload/src/__tests__/helpers/requests.js';
import { signingSecrets } from '../../src/pipeline/webhook/signature.js';

// The SDK clients under test (DynamoDB to dynalite) need some credentials; dynalite ignores them.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

/** The SSM parameter's value: one Standard Webhooks secret. */
export const WORKLOAD_SECRET = `whsec_${Buffer.alloc(32, 0x5a).toString('base64')}`;
/** The same, as the pipeline signs with it. */
export const WORKLOAD_SECRETS = signingSecrets(WORKLOAD_SECRET);

/** What a fake function answers: a proxy result, or a thrown error (a throttle, a denial). */
export type FakeHandler = (event: unknown, requestId: string) => Promise<unknown>;

export interface FakeFunction {
  readonly handler: FakeHandler;
  /** The version an invocation reports (ExecutedVersion, function_version). */
  readonly version: string;
  /** `Init Duration` on the REPORT line of the first N invocations. */
  readonly coldStarts?: number;
  /** false: answer without a log tail even when one is asked for. */
  readonly logTail?: boolean;
  /** The handler throws: answer as Lambda does for an Unhandled error (unless the error is an SDK-shaped one). */
  readonly functionErrorOnThrow?: boolean;
}

export interface InvocationLog {
  readonly key: string;
  readonly requestId: string;
  readonly event: Record<string, unknown>;
  readonly logType?: string;
}

/**
 * Routes InvokeCommand by `FunctionName:Qualifier` to the fakes and returns the invocations
 * made. An unknown target answers ResourceNotFoundException, as Lambda does.
 */
export function routeInvocations(
  lambda: AwsClientStub<LambdaClient>,
  functions: Record<string, FakeFunction>,
): InvocationLog[] {
  const log: InvocationLog[] = [];
  const served = new Map<string, number>();
  lambda.on(InvokeCommand).callsFake(async (input: InvokeCommandInput) => {
    const key = `${input.FunctionName}:${input.Qualifier}`;
    const fn = functions[key];
    if (!fn) {
      throw Object.assign(new Error(`Function not found: ${key}`), {
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    }
    const requestId = randomUUID();
    const event = JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')) as Record<
      string,
      unknown
    >;
    log.push({ key, requestId, event, logType: input.LogType });
    const n = (served.get(key) ?? 0) + 1;
    served.set(key, n);
    const cold = n <= (fn.coldStarts ?? 0);
    const report =
      `REPORT RequestId: ${requestId}\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB` +
      (cold ? '\tInit Duration: 150.25 ms' : '');
    const tail =
      input.LogType === 'Tail' ? { LogResult: Buffer.from(`START\n${report}\n`).toString('base64') } : {};
    let result: unknown;
    try {
      result = await fn.handler(event, requestId);
    } catch (e) {
      // An error with $metadata is Lambda's own answer (a throttle, a denial), not the handler's.
      if (!fn.functionErrorOnThrow || (e as { $metadata?: unknown }).$metadata) throw e;
      const payload = { errorType: (e as Error).name, errorMessage: (e as Error).message };
      return {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        ExecutedVersion: fn.version,
        Payload: Buffer.from(JSON.stringify(payload)),
        ...tail,
        $metadata: { requestId, httpStatusCode: 200 },
      };
    }
    return {
      StatusCode: 200,
      ExecutedVersion: fn.version,
      Payload: Buffer.from(JSON.stringify(result)),
      ...tail,
      $metadata: { requestId, httpStatusCode: 200 },
    };
  });
  return log;
}

export interface WorkloadFixture {
  readonly dynamo: LocalDynamo;
  readonly tableName: string;
  /** The workload's handler as the LMI function (version 7) and as the standard twin. */
  readonly lmi: FakeHandler;
  readonly standard: FakeHandler;
  close(): Promise<void>;
}

/** dynalite with the events table and the workload's handler for both compute types. */
export async function startWorkload(
  options: { secret?: string; lmiVersion?: string } = {},
): Promise<WorkloadFixture> {
  const dynamo = await startDynalite();
  const tableName = `events-${randomUUID().slice(0, 8)}`;
  await dynamo.createEventsTable(tableName);
  const secret = options.secret ?? WORKLOAD_SECRET;
  const build = (
    computeType: 'lambda-managed-instances' | 'lambda-standard',
    version: string,
  ): FakeHandler => {
    const handler = createHandler({
      ...createObservability(computeType),
      computeType,
      signatureToleranceSeconds: 300,
      signingSecret: async () => signingKeys(secret),
      enrich: createEnricher(scaledServices(50)),
      store: new EventsStore(dynamo.documents, {
        tableName,
        deliveryTtlSeconds: 3600,
        deliveryLeaseSeconds: 60,
      }),
    });
    return (event, requestId) => handler(event, lambdaContext(requestId, version));
  };
  return {
    dynamo,
    tableName,
    lmi: build('lambda-managed-instances', options.lmiVersion ?? '7'),
    standard: build('lambda-standard', '3'),
    close: () => dynamo.close(),
  };
}

/** The stack outputs of workload/template.yaml for this fixture. */
export function workloadOutputs(tableName: string, version = '7'): Record<string, string> {
  const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
  return {
    ApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
    StageName: 'prod',
    RestApiId: 'abc123',
    LmiFunctionName: 'webhook-lmi',
    LmiAliasArn: `${arn('webhook-lmi')}:live`,
    LmiVersion: version,
    StandardFunctionName: 'webhook-standard',
    StandardAliasArn: `${arn('webhook-standard')}:live`,
    StandardVersion: '3',
    CapacityProviderArn: 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:webhook-cp',
    EventsTableName: tableName,
  };
}

export { LambdaClient };
