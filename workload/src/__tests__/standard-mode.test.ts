// The standard twin: no AWS_LAMBDA_MAX_CONCURRENCY, one request at a time per environment.
// Powertools then keeps state on the instance, so the handler must clear each request's
// log keys before the next one.
import './helpers/standard-env.js';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { captureOutput } from './helpers/capture-output.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { lambdaContext, parseResponse, proxyEvent, signedWebhook } from './helpers/requests.js';

let dynamo: LocalDynamo;
let harness: Harness;
beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await createHarness({ dynamo, computeType: 'lambda-standard' });
});
afterAll(async () => {
  await dynamo.close();
});

test('sequential requests log only their own request id and delivery id', async () => {
  const output = captureOutput();
  try {
    const first = parseResponse(
      await harness.handler(signedWebhook({ deliveryId: 'std-1' }), lambdaContext('r-1')),
    );
    // One request at a time: the function counts only itself in flight.
    expect(first.body).toMatchObject({ compute_type: 'lambda-standard', request_id: 'r-1', in_flight: 1 });
    const rejected = await harness.handler(signedWebhook({ secret: 'wrong' }), lambdaContext('r-2'));
    expect(rejected.statusCode).toBe(401);
    await harness.handler(proxyEvent({ method: 'GET', path: '/health' }), lambdaContext('r-health'));
    const third = parseResponse(
      await harness.handler(signedWebhook({ deliveryId: 'std-3' }), lambdaContext('r-3')),
    );
    expect(third.body.in_flight).toBe(1);
  } finally {
    output.restore();
  }
  const lines = output.logLines();
  const byRequest = (id: string) => lines.filter((l) => l.function_request_id === id);
  expect(byRequest('r-1').map((l) => l.delivery_id)).toEqual(['std-1', 'std-1']);
  expect(byRequest('r-3').map((l) => l.delivery_id)).toEqual(['std-3', 'std-3']);
  // The rejected request logged before learning a delivery id: none may leak into its line.
  const [rejectedLine, ...more] = byRequest('r-2');
  expect(more).toEqual([]);
  expect(rejectedLine).toMatchObject({ message: 'request rejected', status: 401 });
  expect(rejectedLine).not.toHaveProperty('delivery_id');
  expect(rejectedLine).not.toHaveProperty('event_id');
});
