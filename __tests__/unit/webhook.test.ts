// The webhook client against the workload's own code: signatures checked by the workload's
// verifier, proxy events answered by the workload's handler, Invoke outcomes read back, HTTP to
// a loopback stage, and check events read back from the table the workload writes.
import {
  WORKLOAD_SECRETS,
  routeInvocations,
  startWorkload,
  type WorkloadFixture,
} from './workload-lambda.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { isAPIGatewayProxyEventV1 } from '@aws-lambda-powertools/event-handler/http';
import { mockClient } from 'aws-sdk-client-mock';
import { verifyWebhookSignature } from '../../workload/src/signature.js';
import { parseWebhookSecrets } from '../../workload/src/webhook-secrets.js';
import { signingKeys } from '../../workload/src/__tests__/helpers/requests.js';
import {
  answerIds,
  describeOutcome,
  parseProxyResult,
  parseReportLine,
} from '../../src/pipeline/webhook/answer.js';
import { hasDeliveryMarker, readStoredCheckEvents } from '../../src/pipeline/webhook/events-table.js';
import { createStageAgent, postToStage } from '../../src/pipeline/webhook/http.js';
import { invokeWebhook, type InvokeTarget } from '../../src/pipeline/webhook/invoke.js';
import { apiGatewayTime, toProxyEvent, type StageContext } from '../../src/pipeline/webhook/proxy-event.js';
import {
  CHECK_EVENT_TYPE,
  checkDeliveryId,
  checkWebhook,
  healthRequest,
  runDeliveryPrefix,
  signedWebhook,
} from '../../src/pipeline/webhook/request.js';
import {
  newSigningSecret,
  parseSigningSecrets,
  signWebhook,
  signingSecrets,
} from '../../src/pipeline/webhook/signature.js';
import { awsError } from './support.js';

const lambdaMock = mockClient(LambdaClient);
const lambda = new LambdaClient({ region: 'us-east-1' });
const stage: StageContext = {
  restApiId: 'abc123',
  stageName: 'prod',
  domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
  accountId: '123456789012',
  stageVariables: { liveFunction: 'webhook-lmi:live' },
};
const lmi: InvokeTarget = { side: 'lmi', functionName: 'webhook-lmi', qualifier: '7' };
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Invoke's Payload as the SDK types it (a Uint8Array with string helpers); the code reads bytes. */
const payload = (text: string) => Buffer.from(text) as unknown as NonNullable<InvokeCommandOutput['Payload']>;

let workload: WorkloadFixture;
beforeAll(async () => {
  workload = await startWorkload();
});
afterAll(async () => {
  await workload.close();
  lambda.destroy();
});
beforeEach(() => {
  lambdaMock.reset();
});

describe('signatures', () => {
  const body = '{"event_type":"order.created","order_id":"o-1"}';
  const verify = (signature: string, parameterValue: string, id = 'd-1', raw = body, ts = nowSeconds()) =>
    verifyWebhookSignature(
      new Headers({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature }),
      Buffer.from(raw),
      { keys: signingKeys(parameterValue), nowSeconds: ts, toleranceSeconds: 300 },
    );

  it('are what the workload verifies, and nothing else is', () => {
    const secret = newSigningSecret();
    const ts = nowSeconds();
    const header = signWebhook(signingSecrets(secret), 'd-1', ts, body);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verify(header, secret, 'd-1', body, ts)).toEqual({ valid: true, keyNumber: 1 });
    expect(verify(header, newSigningSecret(), 'd-1', body, ts)).toMatchObject({
      valid: false,
      reason: 'signature-mismatch',
    });
    expect(verify(header, secret, 'd-2', body, ts)).toMatchObject({ reason: 'signature-mismatch' });
    expect(verify(header, secret, 'd-1', `${body} `, ts)).toMatchObject({ reason: 'signature-mismatch' });
  });

  it('carry one v1 entry per secret, so they pass whichever secret the workload holds during a rotation', () => {
    const [old, next] = [newSigningSecret(), newSigningSecret()];
    const ts = nowSeconds();
    const header = signWebhook(signingSecrets(`${old}\n${next}`), 'd-1', ts, body);
    expect(header.split(' ')).toHaveLength(2);
    for (const holds of [old, next, `${next} ${old}`]) {
      expect(verify(header, holds, 'd-1', body, ts)).toMatchObject({ valid: true });
    }
  });

  it('read the same parameter values as the workload does, accepting and refusing alike', () => {
    const values = [
      newSigningSecret(),
      `${newSigningSecret()}\n${newSigningSecret()}`,
      `whsec_${Buffer.alloc(24, 1).toString('base64')}`,
      `whsec_${Buffer.alloc(64, 2).toString('base64').replace(/=+$/, '')}`,
      '',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      `whsec_${Buffer.alloc(23).toString('base64')}`,
      `whsec_${Buffer.alloc(65).toString('base64')}`,
      `whsec_${Buffer.alloc(32, 0xfb).toString('base64url')}`,
      Array.from({ length: 6 }, newSigningSecret).join(' '),
    ];
    for (const value of values) {
      const pipeline = parseSigningSecrets(value);
      const workloadSide = parseWebhookSecrets(value);
      expect({ value, ok: pipeline.ok }).toEqual({ value, ok: workloadSide.ok });
    }
  });

  it('mark check webhooks with the reserved event type, the run and a delivery id the workload accepts', () => {
    const mark = { run: 'r1', kind: 'load' as const, target: 'lmi' as const, seq: 12, level: 8 };
    const request = checkWebhook(WORKLOAD_SECRETS, mark, 1_700_000_000);
    expect(request.deliveryId).toBe('lmi-cutover.r1.load.8.lmi.12');
    expect(request.deliveryId!.startsWith(runDeliveryPrefix('r1'))).toBe(true);
    expect(JSON.parse(request.body!)).toEqual({
      event_type: CHECK_EVENT_TYPE,
      lmi_cutover: { run: 'r1', check: 'load', target: 'lmi', seq: 12, level: 8 },
    });
    // The workload's rule: a dotted lowercase name, no hyphens.
    expect(CHECK_EVENT_TYPE).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
    expect(request.headers['webhook-timestamp']).toBe('1700000000');
    expect(request.headers['webhook-id']).toBe(request.deliveryId);
  });
});

describe('the proxy event', () => {
  it('has every field of an API Gateway REST proxy event, as the workload checks it', () => {
    const event = toProxyEvent(healthRequest(), stage, {
      nowMs: Date.UTC(2015, 3, 9, 12, 34, 56),
      requestId: 'r-1',
    });
    expect(isAPIGatewayProxyEventV1(event)).toBe(true);
    expect(event).toMatchObject({
      resource: '/health',
      path: '/health',
      httpMethod: 'GET',
      stageVariables: { liveFunction: 'webhook-lmi:live' },
      queryStringParameters: null,
      pathParameters: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        path: '/prod/health',
        stage: 'prod',
        apiId: 'abc123',
        accountId: '123456789012',
        requestId: 'r-1',
        requestTime: '09/Apr/2015:12:34:56 +0000',
        domainName: stage.domainName,
      },
    });
    expect(event.headers.Host).toBe(stage.domainName);
    expect(event.multiValueHeaders.Host).toEqual([stage.domainName]);
    expect(apiGatewayTime(Date.UTC(2024, 11, 1, 1, 2, 3))).toBe('01/Dec/2024:01:02:03 +0000');
  });

  it('is answered by the workload: health names the compute type, a signed webhook is stored', async () => {
    const health = (await workload.lmi(toProxyEvent(healthRequest(), stage), 'req-h')) as {
      statusCode: number;
      body: string;
    };
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      compute_type: 'lambda-managed-instances',
      request_id: 'req-h',
    });

    const request = checkWebhook(
      WORKLOAD_SECRETS,
      { run: 'pe', kind: 'smoke', target: 'lmi', seq: 1 },
      nowSeconds(),
    );
    const stored = (await workload.lmi(toProxyEvent(request, stage), 'req-w')) as {
      statusCode: number;
      body: string;
    };
    expect(stored.statusCode).toBe(201);
    expect(JSON.parse(stored.body)).toMatchObject({
      status: 'stored',
      event_type: CHECK_EVENT_TYPE,
      request_id: 'req-w',
    });
  });
});

describe('answerIds', () => {
  const ids = (json: Record<string, unknown>) =>
    answerIds({ statusCode: 201, headers: {}, rawBody: JSON.stringify(json), json });

  it("takes the function's in-flight count only as a positive whole number", () => {
    expect(ids({ worker_id: 'w-1', in_flight: 3 })).toMatchObject({ workerId: 'w-1', inFlight: 3 });
    for (const bad of ['3', 0, -1, 1.5, null]) expect(ids({ in_flight: bad }).inFlight).toBeUndefined();
    expect(ids({ environment_id: 'e' })).toMatchObject({ environmentId: 'e', inFlight: undefined });
  });
});

describe('invokeWebhook', () => {
  it('reads the proxy result, the invocation id and the REPORT line', async () => {
    const calls = routeInvocations(lambdaMock, {
      'webhook-lmi:7': { handler: workload.lmi, version: '7', coldStarts: 1 },
    });
    const request = checkWebhook(
      WORKLOAD_SECRETS,
      { run: 'inv', kind: 'smoke', target: 'lmi', seq: 1 },
      nowSeconds(),
    );
    const outcome = await invokeWebhook(lambda, lmi, request, { stage, logTail: true });
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.answer.statusCode).toBe(201);
    expect(outcome.answer.headers['content-type']).toMatch(/application\/json/);
    const ids = answerIds(outcome.answer);
    expect(ids).toMatchObject({
      status: 'stored',
      duplicate: false,
      computeType: 'lambda-managed-instances',
      workerId: expect.any(String),
      // The function's own count: this request alone on its worker.
      inFlight: 1,
    });
    expect(ids.requestId).toBe(calls[0]!.requestId);
    expect(outcome.invocation).toMatchObject({
      invocationId: calls[0]!.requestId,
      executedVersion: '7',
      durationMs: 12.5,
      initDurationMs: 150.25,
    });
    expect(calls[0]).toMatchObject({ key: 'webhook-lmi:7', logType: 'Tail' });
    expect(describeOutcome(outcome)).toBe('201 stored');
  });

  it('counts throttles, function errors and malformed results; no answer is a failure', async () => {
    const health = healthRequest();
    lambdaMock
      .on(InvokeCommand)
      .rejectsOnce(
        Object.assign(awsError('TooManyRequestsException', 'Rate exceeded', 429), {
          Reason: 'ConcurrentInvocationLimitExceeded',
        }),
      )
      .resolvesOnce({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: payload(
          '{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 30.00 seconds"}',
        ),
        $metadata: { requestId: 'x' },
      })
      .resolvesOnce({ StatusCode: 200, Payload: payload('"just a string"'), $metadata: {} })
      .rejectsOnce(awsError('ServiceException', 'internal', 500));
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await invokeWebhook(lambda, lmi, health, { stage }));
    expect(outcomes.map((o) => o.kind)).toEqual(['throttled', 'function-error', 'failed', 'failed']);
    expect(describeOutcome(outcomes[0]!)).toBe(
      'throttled: TooManyRequestsException (ConcurrentInvocationLimitExceeded): Rate exceeded',
    );
    expect(describeOutcome(outcomes[1]!)).toBe(
      'function error Sandbox.Timedout: Task timed out after 30.00 seconds',
    );
    expect(describeOutcome(outcomes[2]!)).toMatch(
      /^no answer: malformed Lambda proxy response \(API Gateway would answer 502\)/,
    );
    expect(describeOutcome(outcomes[3]!)).toBe('no answer: internal');
  });

  it('throws what every call would hit, and never invokes $LATEST', async () => {
    lambdaMock
      .on(InvokeCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User: x is not authorized to perform: lambda:InvokeFunction on resource: y',
          403,
        ),
      );
    await expect(invokeWebhook(lambda, lmi, healthRequest(), { stage })).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(
      invokeWebhook(lambda, { ...lmi, qualifier: '$LATEST' }, healthRequest(), { stage }),
    ).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
  });
});

describe('proxy results and REPORT lines', () => {
  it('reads headers from both maps and base64 bodies', () => {
    const answer = parseProxyResult(
      JSON.stringify({
        statusCode: 409,
        headers: { 'Retry-After': 1 },
        multiValueHeaders: { 'X-Many': ['a', 'b'] },
        body: Buffer.from('{"message":"busy"}').toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(answer).toEqual({
      statusCode: 409,
      headers: { 'retry-after': '1', 'x-many': 'a,b' },
      rawBody: '{"message":"busy"}',
      json: { message: 'busy' },
    });
    expect(parseProxyResult('{"body":"no status"}')).toBeUndefined();
    expect(parseProxyResult('not json')).toBeUndefined();
  });

  it('tells Duration from Billed Duration and Init Duration', () => {
    const warm =
      'START RequestId: a\nREPORT RequestId: a\tDuration: 201.07 ms\tBilled Duration: 202 ms\tMemory Size: 512 MB\tMax Memory Used: 88 MB\t\n';
    expect(parseReportLine(warm)).toEqual({ durationMs: 201.07, initDurationMs: undefined });
    expect(parseReportLine(warm.replace('88 MB\t', '88 MB\tInit Duration: 321.5 ms\t'))).toEqual({
      durationMs: 201.07,
      initDurationMs: 321.5,
    });
    expect(parseReportLine('no report here')).toEqual({});
    // Only the REPORT line counts; a field anywhere else, or a Billed Duration alone, does not.
    expect(parseReportLine('Duration: 5 ms\nREPORT RequestId: a\tBilled Duration: 202 ms\t')).toEqual({
      durationMs: undefined,
      initDurationMs: undefined,
    });
    // The first line, fields padded with spaces, no newline at the end.
    expect(parseReportLine('REPORT RequestId: a  Init Duration: 9.5 ms  Duration: 3 ms')).toEqual({
      durationMs: 3,
      initDurationMs: 9.5,
    });
  });
});

describe('postToStage', () => {
  let server: Server;
  let url: string;
  let inFlight = 0;
  let peak = 0;
  let barrier: { size: number; waiting: ServerResponse[] } | undefined;
  const answer = (res: ServerResponse, req: IncomingMessage, body: string) => {
    inFlight--;
    if (req.url === '/prod/throttled') res.writeHead(429).end('{"message":"Too Many Requests"}');
    else
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ echo: JSON.parse(body || '{}'), path: req.url }));
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!barrier) return void setImmediate(() => answer(res, req, body));
        // Hold every answer until `size` requests are open at once.
        barrier.waiting.push(res);
        const held = res as ServerResponse & { send?: () => void };
        held.send = () => answer(res, req, body);
        if (barrier.waiting.length === barrier.size) {
          for (const r of barrier.waiting.splice(0)) (r as ServerResponse & { send: () => void }).send();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    peak = 0;
    barrier = undefined;
  });

  it('sends the request under the stage path and reads the answer; 429 is a throttle', async () => {
    const request = signedWebhook({
      secrets: WORKLOAD_SECRETS,
      deliveryId: 'd-1',
      rawBody: '{"event_type":"a.b"}',
      timestampSeconds: 1,
    });
    const ok = await postToStage(`${url}/`, request);
    expect(ok.kind).toBe('answered');
    if (ok.kind === 'answered') {
      expect(ok.answer.statusCode).toBe(201);
      expect(ok.answer.json).toEqual({ echo: { event_type: 'a.b' }, path: '/prod/webhooks' });
    }
    const throttled = await postToStage(url, { ...healthRequest(), path: '/throttled' });
    expect(throttled).toMatchObject({ kind: 'throttled', message: '429 {"message":"Too Many Requests"}' });
  });

  it('reports a stage that does not answer as failed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await postToStage(`http://127.0.0.1:${port}/prod`, healthRequest());
    expect(outcome).toMatchObject({ kind: 'failed', code: 'ECONNREFUSED' });
  });

  it('keeps as many requests in flight as its agent allows, and no more', async () => {
    const wide = createStageAgent(4);
    barrier = { size: 4, waiting: [] };
    const all = await Promise.all(
      Array.from({ length: 4 }, () => postToStage(url, healthRequest(), { dispatcher: wide })),
    );
    expect(all.every((o) => o.kind === 'answered')).toBe(true);
    expect(peak).toBe(4);
    await wide.close();

    barrier = undefined;
    peak = 0;
    const narrow = createStageAgent(2);
    await Promise.all(
      Array.from({ length: 6 }, () => postToStage(url, healthRequest(), { dispatcher: narrow })),
    );
    expect(peak).toBeLessThanOrEqual(2);
    await narrow.close();
  });
});

describe('stored check events', () => {
  it('finds each delivery of a run with its ids, counts duplicates and touches no other event', async () => {
    const run = 'tbl';
    const from = Date.now();
    const answers: Record<string, { event_id: string; request_id: string }> = {};
    for (const seq of [1, 2, 3]) {
      const request = checkWebhook(WORKLOAD_SECRETS, { run, kind: 'load', target: 'lmi', seq }, nowSeconds());
      const res = (await workload.lmi(toProxyEvent(request, stage), `req-${seq}`)) as { body: string };
      answers[request.deliveryId!] = JSON.parse(res.body) as { event_id: string; request_id: string };
    }
    // A replay is not stored again; an event of another run and a real event are not read.
    const replay = checkWebhook(WORKLOAD_SECRETS, { run, kind: 'load', target: 'lmi', seq: 1 }, nowSeconds());
    await workload.lmi(toProxyEvent(replay, stage), 'req-replay');
    await workload.lmi(
      toProxyEvent(
        checkWebhook(WORKLOAD_SECRETS, { run: 'other', kind: 'load', target: 'lmi', seq: 1 }, nowSeconds()),
        stage,
      ),
      'req-o',
    );
    const real = signedWebhook({
      secrets: WORKLOAD_SECRETS,
      deliveryId: 'real-1',
      rawBody: '{"event_type":"order.created"}',
      timestampSeconds: nowSeconds(),
    });
    await workload.lmi(toProxyEvent(real, stage), 'req-real');
    // A handler that stored delivery 2 twice would leave a second event item.
    const dup = checkDeliveryId({ run, kind: 'load', target: 'lmi', seq: 2 });
    await workload.dynamo.client.send(
      new PutItemCommand({
        TableName: workload.tableName,
        Item: {
          PK: { S: `EVENT#${CHECK_EVENT_TYPE}` },
          SK: { S: `${new Date().toISOString()}#dup` },
          delivery_id: { S: dup },
          event_id: { S: 'dup' },
        },
      }),
    );

    const found = await readStoredCheckEvents(workload.dynamo.client, {
      tableName: workload.tableName,
      deliveryPrefix: `${runDeliveryPrefix(run)}load.lmi.`,
      fromMs: from,
      toMs: Date.now(),
    });
    expect([...found.keys()].sort()).toEqual(Object.keys(answers).sort());
    const first = checkDeliveryId({ run, kind: 'load', target: 'lmi', seq: 1 });
    expect(found.get(first)).toEqual([
      expect.objectContaining({
        deliveryId: first,
        eventId: answers[first]!.event_id,
        requestId: 'req-1',
        computeType: 'lambda-managed-instances',
        environmentId: expect.any(String),
      }),
    ]);
    expect(
      found
        .get(dup)!
        .map((e) => e.eventId)
        .sort(),
    ).toEqual([answers[dup]!.event_id, 'dup'].sort());

    expect(await hasDeliveryMarker(workload.dynamo.client, workload.tableName, first)).toBe(true);
    expect(await hasDeliveryMarker(workload.dynamo.client, workload.tableName, 'never-sent')).toBe(false);
  });
});
