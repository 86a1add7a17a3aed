import './helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, eventItems, type Harness } from './helpers/harness.js';
import { lambdaContext, parseResponse, proxyEvent, signedWebhook } from './helpers/requests.js';
import { environmentIdFor } from '../environment.js';

let dynamo: LocalDynamo;
let harness: Harness;

beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await createHarness({ dynamo });
});
afterAll(async () => {
  await dynamo.close();
});

describe('POST /webhooks', () => {
  test('stores a signed webhook and answers with the event, enrichment and ids', async () => {
    const context = lambdaContext();
    const res = parseResponse(await harness.handler(signedWebhook({ deliveryId: 'd-basic-1' }), context));
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatchObject({
      event_type: 'order.created',
      status: 'stored',
      duplicate: false,
      compute_type: 'lambda-managed-instances',
      request_id: context.awsRequestId,
    });
    expect(res.body.event_id).toEqual(expect.any(String));
    expect(res.body.environment_id).toEqual(expect.any(String));
    const enrichment = res.body.enrichment as Record<string, { status: string; latency_ms: number }>;
    expect(Object.keys(enrichment).sort()).toEqual(['fraud_scoring', 'geocoding', 'loyalty_lookup']);
    for (const outcome of Object.values(enrichment)) expect(outcome.status).toBe('ok');
    const stored = eventItems(await harness.items()).filter((i) => i.delivery_id === 'd-basic-1');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ PK: 'EVENT#order.created', event_id: res.body.event_id });
  });
});

describe('GET /health', () => {
  test('reports compute type, version, environment, worker and the requests in flight', async () => {
    const context = lambdaContext(undefined, '12');
    const res = parseResponse(await harness.handler(proxyEvent({ method: 'GET', path: '/health' }), context));
    expect(res.statusCode).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      compute_type: 'lambda-managed-instances',
      function_version: '12',
      environment_id: expect.any(String),
      worker_id: expect.any(String),
      in_flight: 1,
      request_id: context.awsRequestId,
    });
  });
});

describe('environmentIdFor', () => {
  test('is the same for every worker of one environment and differs between environments', () => {
    const env = (stream: string) => ({
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn',
      AWS_LAMBDA_LOG_STREAM_NAME: stream,
    });
    const a = environmentIdFor(env('2026/11/29/[7]aaa'), 'worker-1');
    expect(environmentIdFor(env('2026/11/29/[7]aaa'), 'worker-2')).toBe(a);
    expect(environmentIdFor(env('2026/11/29/[7]bbb'), 'worker-1')).not.toBe(a);
    expect(environmentIdFor({}, 'worker-1')).toBe('worker-1');
  });
});
