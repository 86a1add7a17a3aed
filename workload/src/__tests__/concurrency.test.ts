// 200 invocations interleaved in one handler instance, as one LMI worker thread serves them:
// every response, every log line and every stored item must carry its own request's ids.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEnricher } from '../enrichment.js';
import { captureOutput } from './helpers/capture-output.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, eventItems, scaledServices, type Harness } from './helpers/harness.js';
import { lambdaContext, parseResponse, signedWebhook } from './helpers/requests.js';

const INVOCATIONS = 200;

let dynamo: LocalDynamo;
let harness: Harness;
beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  dynamo = await startDynalite();
  const enrich = createEnricher(scaledServices(20));
  harness = await createHarness({
    dynamo,
    // Random jitter reorders the requests' steps against each other.
    enrich: async (request) => {
      await sleep(Math.random() * 15);
      return enrich(request);
    },
  });
});
afterAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  await dynamo.close();
});

interface LogLine {
  level?: string;
  message?: string;
  function_request_id?: string;
  delivery_id?: string;
  event_id?: string;
  environment_id?: string;
}

test(`${INVOCATIONS} concurrent invocations keep their own ids in responses, logs and items`, async () => {
  const requests = Array.from({ length: INVOCATIONS }, (_, i) => ({
    requestId: randomUUID() as string,
    deliveryId: `conc-${i}-${randomUUID().slice(0, 8)}`,
  }));

  const output = captureOutput();
  let results;
  try {
    results = await Promise.all(
      requests.map(({ requestId, deliveryId }) =>
        harness.handler(signedWebhook({ deliveryId }), lambdaContext(requestId)).then(parseResponse),
      ),
    );
  } finally {
    output.restore();
  }

  // Responses: each answers for its own request and delivery.
  const eventIdByRequest = new Map<string, string>();
  results.forEach((res, i) => {
    expect(res.statusCode).toBe(201);
    expect(res.body.request_id).toBe(requests[i]!.requestId);
    expect(res.body.duplicate).toBe(false);
    eventIdByRequest.set(requests[i]!.requestId, String(res.body.event_id));
  });
  expect(new Set(eventIdByRequest.values()).size).toBe(INVOCATIONS);

  // Logs: every line belongs to exactly the request whose ids it carries.
  const deliveryByRequest = new Map(requests.map((r) => [r.requestId, r.deliveryId]));
  const lines = output.logLines() as LogLine[];
  const linesPerRequest = new Map<string, number>();
  let open = 0;
  let maxOpen = 0;
  for (const line of lines) {
    const requestId = line.function_request_id!;
    expect(deliveryByRequest.has(requestId)).toBe(true);
    expect(line.delivery_id).toBe(deliveryByRequest.get(requestId));
    expect(line.event_id).toBe(eventIdByRequest.get(requestId));
    linesPerRequest.set(requestId, (linesPerRequest.get(requestId) ?? 0) + 1);
    if (line.message === 'webhook accepted') maxOpen = Math.max(maxOpen, ++open);
    if (line.message === 'webhook stored') open--;
  }
  expect(linesPerRequest.size).toBe(INVOCATIONS);
  for (const count of linesPerRequest.values()) expect(count).toBe(2); // accepted + stored
  // The requests really overlapped: most were in flight at the same moment.
  expect(maxOpen).toBeGreaterThan(INVOCATIONS / 2);

  // Items: one per delivery, written by the request that received it.
  const items = eventItems(await harness.items());
  expect(items).toHaveLength(INVOCATIONS);
  for (const item of items) {
    const requestId = String(item.request_id);
    expect(item.delivery_id).toBe(deliveryByRequest.get(requestId));
    expect(item.event_id).toBe(eventIdByRequest.get(requestId));
  }
  expect(new Set(items.map((i) => i.delivery_id)).size).toBe(INVOCATIONS);
});
