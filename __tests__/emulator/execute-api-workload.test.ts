// The real workload on the emulator, end to end with the real SDK and real HTTP:
// workload/template.yaml deployed through CloudFormation with the esbuild bundle `sam build`
// makes, served through its stage's ApiUrl output. Health and a signed webhook stored in
// DynamoDB; 48 concurrent requests on an LMI version (max concurrency 16) served by exactly
// 3 environments, the 49th throttled; the same burst cold-starting ~48 standard environments;
// a 30 % canary splitting 2,000 requests; $LATEST of the LMI function refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { AddPermissionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import type { Emulator } from '../../emulator/index.js';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { sign } from '../../workload/src/__tests__/helpers/requests.js';
import { SIGNING_SECRET, bundleWorkload, deployWorkload } from '../fixtures/emulator/workload-stack.js';
import { clientConfig, errorOf, startTestEmulator, waitFor } from './helpers.js';

let emu: Emulator;
let lambda: LambdaClient;
let out: Record<string, string>;

/** A GET /health proxy event as the stage would send it, for invoking a version directly. */
const healthEvent = () => ({
  resource: '/health',
  path: '/health',
  httpMethod: 'GET',
  headers: { Host: 'api.execute-api.us-east-1.amazonaws.com' },
  multiValueHeaders: { Host: ['api.execute-api.us-east-1.amazonaws.com'] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: {
    requestId: randomUUID(),
    resourcePath: '/health',
    httpMethod: 'GET',
    stage: 'prod',
    path: '/prod/health',
    accountId: '000000000000',
    apiId: 'api',
    requestTimeEpoch: Date.now(),
    identity: { sourceIp: '127.0.0.1' },
  },
  body: null,
  isBase64Encoded: false,
});

interface Health {
  status: string;
  compute_type: string;
  function_version: string;
  environment_id: string;
}

async function invokeHealth(functionName: string, qualifier: string): Promise<Health> {
  const r = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Qualifier: qualifier,
      Payload: Buffer.from(JSON.stringify(healthEvent())),
    }),
  );
  const proxied = JSON.parse(Buffer.from(r.Payload!).toString('utf8')) as {
    statusCode: number;
    body: string;
  };
  expect(proxied.statusCode).toBe(200);
  return JSON.parse(proxied.body) as Health;
}

beforeAll(async () => {
  const zip = await bundleWorkload();
  emu = await startTestEmulator({
    // 48 standard cold starts import a 1.9 MB bundle at once on this 2-core machine; Lambda's
    // 10 s init limit measures its own hosts, not this CPU contention.
    runCode: { initTimeoutMs: 120_000 },
  });
  lambda = new LambdaClient(clientConfig(emu));
  out = await deployWorkload(emu, zip, {
    parameters: { PerExecutionEnvironmentMaxConcurrency: '16' },
    // One worker thread per LMI environment, so the workload's per-worker environment_id
    // counts environments (the template gives 2 vCPUs, hence 2 workers, per environment).
    lmiWorkerCount: 1,
  });
}, 120_000);

afterAll(async () => {
  lambda?.destroy();
  await emu?.stop();
  expect(liveWorkerCount()).toBe(0);
});

describe('the deployed workload', () => {
  it('answers GET /health through the stack’s ApiUrl output', async () => {
    expect(out.ApiUrl).toBe(emu.stageUrl(out.RestApiId!, 'prod'));
    const res = await fetch(`${out.ApiUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      compute_type: 'lambda-standard',
      function_version: out.StandardVersion,
    });
  });

  it('stores a signed POST /webhooks in DynamoDB, once', async () => {
    const body = JSON.stringify({ event_type: 'order.created', order_id: `o-${randomUUID()}` });
    const timestamp = Math.floor(Date.now() / 1000);
    const id = `delivery-${randomUUID()}`;
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(SIGNING_SECRET, id, timestamp, body),
    };
    const res = await fetch(`${out.ApiUrl}/webhooks`, { method: 'POST', headers, body });
    const answer = (await res.json()) as { event_id: string; status: string; compute_type: string };
    expect(res.status).toBe(201);
    expect(answer).toMatchObject({ status: 'stored', compute_type: 'lambda-standard' });

    const ddb = new DynamoDBClient(clientConfig(emu));
    const items = await ddb.send(
      new QueryCommand({
        TableName: out.EventsTableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'EVENT#order.created' } },
      }),
    );
    ddb.destroy();
    const stored = items.Items?.find((i) => i.event_id?.S === answer.event_id);
    expect(stored?.payload?.S).toBe(body);
    expect(stored?.delivery_id?.S).toBe(id);

    const repeat = await fetch(`${out.ApiUrl}/webhooks`, { method: 'POST', headers, body });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ status: 'duplicate', event_id: answer.event_id });

    // The same signed request under another delivery id: the id is inside the MAC.
    const replayed = await fetch(`${out.ApiUrl}/webhooks`, {
      method: 'POST',
      headers: { ...headers, 'webhook-id': 'replayed-1' },
      body,
    });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ details: { reason: 'signature-mismatch' } });
  });

  it('serves 48 concurrent requests on the LMI version with exactly 3 environments; the 49th is throttled', async () => {
    const fn = out.LmiFunctionName!;
    const version = out.LmiVersion!;
    // Hold each invocation so all 48 are in flight together when the 49th arrives.
    emu.faults.invocations({ functionName: fn, version, latencyMs: 2000 });
    const burst = Array.from({ length: 48 }, () => invokeHealth(fn, version));
    await waitFor(() => (emu.runtimeCounters(fn, version)!.inFlight === 48 ? true : undefined));
    const over = await errorOf(invokeHealth(fn, version));
    const answers = await Promise.all(burst);
    emu.faults.invocations({ functionName: fn, version });

    expect(over.name).toBe('TooManyRequestsException');
    expect((over as { Reason?: string }).Reason).toBe('ConcurrentInvocationLimitExceeded');
    expect(answers.every((a) => a.compute_type === 'lambda-managed-instances')).toBe(true);
    const environments = new Set(answers.map((a) => a.environment_id));
    expect(environments.size).toBe(3);
    const counters = emu.runtimeCounters(fn, version)!;
    expect(counters).toMatchObject({ invocations: 48, throttles: 1, coldStarts: 0, errors: 0 });
    expect(Object.values(counters.peakInFlightByEnvironment).filter((n) => n === 16)).toHaveLength(3);
  });

  it('cold-starts about 48 environments for the same burst on the standard twin', async () => {
    const fn = out.StandardFunctionName!;
    const version = out.StandardVersion!;
    const before = emu.runtimeCounters(fn, version)!;
    emu.faults.invocations({ functionName: fn, version, latencyMs: 500 });
    const answers = await Promise.all(Array.from({ length: 48 }, () => invokeHealth(fn, 'live')));
    emu.faults.invocations({ functionName: fn, version });
    const environments = new Set(answers.map((a) => a.environment_id));
    expect(environments.size).toBe(48); // one request per environment at a time
    const coldStarts = emu.runtimeCounters(fn, version)!.coldStarts - before.coldStarts;
    // Every environment idle before the burst is reused; every other request cold-starts one.
    expect(coldStarts).toBe(48 - before.environments);
    expect(coldStarts).toBeGreaterThanOrEqual(44);
  });

  it('sends 30 % ± 5 % of 2,000 requests to the LMI version behind a 30 % canary', async () => {
    // The template permits only the twin's version; lmi-cutover grants the stage each LMI version it routes to.
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: out.LmiFunctionName,
        Qualifier: out.LmiVersion,
        StatementId: `lmi-cutover-${out.RestApiId}`,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${out.RestApiId}/*`,
      }),
    );
    const apigw = new APIGatewayClient(clientConfig(emu));
    await apigw.send(
      new UpdateStageCommand({
        restApiId: out.RestApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '30' },
          {
            op: 'replace',
            path: '/canarySettings/stageVariableOverrides/liveFunction',
            value: `${out.LmiFunctionName}:${out.LmiVersion}`,
          },
        ],
      }),
    );
    apigw.destroy();
    const limit = pLimit(32);
    const served: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: 2000 }, () =>
        limit(async () => {
          const res = await fetch(`${out.ApiUrl}/health`);
          const key = res.status === 200 ? ((await res.json()) as Health).compute_type : `HTTP ${res.status}`;
          served[key] = (served[key] ?? 0) + 1;
        }),
      ),
    );
    expect(Object.keys(served).sort()).toEqual(['lambda-managed-instances', 'lambda-standard']);
    const lmiShare = served['lambda-managed-instances']! / 2000;
    expect(lmiShare).toBeGreaterThanOrEqual(0.25);
    expect(lmiShare).toBeLessThanOrEqual(0.35);
  });

  it('refuses to invoke $LATEST of the LMI function', async () => {
    const err = await errorOf(invokeHealth(out.LmiFunctionName!, '$LATEST'));
    expect(err.name).toBe('ResourceConflictException');
    expect(err.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: ActiveNonInvocable',
    );
  });
});
