// The function's own count of requests in flight: each answer says how many requests its
// handler (one per worker thread) was serving when it started, itself included; the count goes
// back down whether the request answered, was refused, or threw.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createEnricher, type Enricher } from '../enrichment.js';
import { InFlightCounter, inFlightAtStart } from '../in-flight.js';
import { createObservability } from '../observability.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, scaledServices, type Harness } from './helpers/harness.js';
import { lambdaContext, parseResponse, proxyEvent, signedWebhook } from './helpers/requests.js';

/** A promise and its resolve, to hold requests until a test lets them go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('InFlightCounter', () => {
  test('concurrent requests see 1..N at their start, and the count is 0 once they settle', async () => {
    const counter = new InFlightCounter();
    const held = gate();
    const seen = Promise.all(
      Array.from({ length: 5 }, () =>
        counter.track(async () => {
          const atStart = inFlightAtStart();
          await held.opened;
          // Still this request's own value, whatever the others did meanwhile.
          expect(inFlightAtStart()).toBe(atStart);
          return atStart;
        }),
      ),
    );
    expect(counter.current).toBe(5);
    held.open();
    expect(await seen).toEqual([1, 2, 3, 4, 5]);
    expect(counter.current).toBe(0);
    expect(inFlightAtStart()).toBeUndefined();
  });

  test('a request that rejects or throws at once still leaves the count', async () => {
    const counter = new InFlightCounter();
    const held = gate();
    const running = counter.track(() => held.opened);
    await expect(counter.track(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      counter.track(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    expect(counter.current).toBe(1);
    held.open();
    await running;
    expect(counter.current).toBe(0);
    expect(await counter.track(async () => inFlightAtStart())).toBe(1);
  });
});

describe('the handler counts its requests in flight', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.close();
  });

  /** Enrichment held until `count` requests reached it: they are all in flight at once. */
  function barrierEnricher(count: number): Enricher {
    const enrich = createEnricher(scaledServices(50));
    const all = gate();
    let arrived = 0;
    return async (request) => {
      if (++arrived === count) all.open();
      await all.opened;
      return enrich(request);
    };
  }

  const webhook = (h: Harness, deliveryId?: string) =>
    h.handler(signedWebhook({ deliveryId }), lambdaContext()).then(parseResponse);

  test('N concurrent webhooks answer in_flight 1..N; the next one alone answers 1', async () => {
    const n = 12;
    const h = await createHarness({ dynamo, enrich: barrierEnricher(n) });
    const answers = await Promise.all(Array.from({ length: n }, () => webhook(h)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(n).fill(201));
    const counts = answers.map((a) => a.body.in_flight as number).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // Every answer names the same worker: the count is that worker's.
    expect(new Set(answers.map((a) => a.body.worker_id)).size).toBe(1);

    const alone = await webhook(h);
    expect(alone.body.in_flight).toBe(1);
    const health = parseResponse(
      await h.handler(proxyEvent({ method: 'GET', path: '/health' }), lambdaContext()),
    );
    expect(health.body).toMatchObject({ status: 'ok', in_flight: 1 });
  });

  test('refused, failed and thrown requests leave the count: the next request answers 1', async () => {
    const failing = {
      send: async () => {
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      },
    } as unknown as DynamoDBDocumentClient;
    const observability = createObservability('lambda-managed-instances');
    const h = await createHarness({ dynamo, documents: failing, observability });

    expect((await webhook(h)).statusCode).toBe(503);
    expect((await h.handler(signedWebhook({ secret: 'wrong' }), lambdaContext())).statusCode).toBe(401);
    expect((await h.handler({ not: 'a proxy event' }, lambdaContext())).statusCode).toBe(400);
    // A handler that throws outright (Lambda reports a function error).
    const addContext = observability.logger.addContext.bind(observability.logger);
    observability.logger.addContext = () => {
      throw new Error('logger broke');
    };
    await expect(h.handler(signedWebhook(), lambdaContext())).rejects.toThrow('logger broke');
    observability.logger.addContext = addContext;

    const health = parseResponse(
      await h.handler(proxyEvent({ method: 'GET', path: '/health' }), lambdaContext()),
    );
    expect(health.body.in_flight).toBe(1);
  });

  test('a store that answers late keeps the others counted until it answers', async () => {
    const slow = gate();
    const documents = {
      send: async (command: PutCommand) => {
        await slow.opened;
        return dynamo.documents.send(command);
      },
    } as unknown as DynamoDBDocumentClient;
    const h = await createHarness({ dynamo, documents });
    const first = webhook(h);
    const second = webhook(h);
    const health = parseResponse(
      await h.handler(proxyEvent({ method: 'GET', path: '/health' }), lambdaContext()),
    );
    expect(health.body.in_flight).toBe(3);
    slow.open();
    expect((await first).body.in_flight).toBe(1);
    expect((await second).body.in_flight).toBe(2);
  });
});
