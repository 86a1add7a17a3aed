// At the demo's real delays (geocoding 150 ms, fraud scoring 200 ms, loyalty 100 ms) a webhook
// is answered in about the slowest call, not the sum: the calls run concurrently. Measured as
// ratios so a slow CI machine does not make it flaky.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { DEFAULT_SIMULATED_DELAY_MS } from '../config.js';
import { createEnricher } from '../enrichment.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, scaledServices } from './helpers/harness.js';
import { lambdaContext, parseResponse, signedWebhook } from './helpers/requests.js';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.close();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('a webhook takes about its slowest enrichment call, far less than their sum', async () => {
  const harness = await createHarness({ dynamo, enrich: createEnricher(scaledServices(1)) });
  await harness.handler(signedWebhook(), lambdaContext()); // warm the SDK and dynalite

  const totals: number[] = [];
  const slowest: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = parseResponse(await harness.handler(signedWebhook(), lambdaContext()));
    totals.push(performance.now() - started);
    const outcomes = Object.values(res.body.enrichment as Record<string, { latency_ms: number }>);
    slowest.push(Math.max(...outcomes.map((o) => o.latency_ms)));
    expect(res.body.processing_time_ms).toBeLessThanOrEqual(totals[i]!);
  }
  const sum = Object.values(DEFAULT_SIMULATED_DELAY_MS).reduce((a, b) => a + b, 0);
  const maxDelay = Math.max(...Object.values(DEFAULT_SIMULATED_DELAY_MS));
  // The slowest call is the fraud score's 200 ms (timers may fire a hair early against
  // performance.now()), and the answer follows it closely...
  expect(median(slowest) / maxDelay).toBeGreaterThan(0.95);
  expect(median(totals) / median(slowest)).toBeLessThan(1.5);
  // ...whereas calling them one after another would take the sum (450 ms, 2.25x).
  expect(median(totals) / sum).toBeLessThan(0.75);
});
