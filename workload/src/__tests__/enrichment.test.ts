// Each downstream call has its own deadline and its own recorded outcome; none of them can
// fail the webhook.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEnricher } from '../enrichment.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness } from './helpers/harness.js';
import { lambdaContext, parseResponse, signedWebhook } from './helpers/requests.js';

const request = { eventId: 'e-1', eventType: 'order.created', payload: { event_type: 'order.created' } };

let server: Server;
let base: string;
const received: unknown[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/ok') {
        received.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"score":0.12}');
      } else if (req.url === '/fail') {
        res.writeHead(502).end('bad gateway');
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('{}'), 500).unref();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createEnricher', () => {
  test('a simulated call slower than its timeout is recorded as timeout; the others are ok', async () => {
    const enrich = createEnricher([
      { name: 'geocoding', simulatedDelayMs: 5, timeoutMs: 1000 },
      { name: 'fraud_scoring', simulatedDelayMs: 5000, timeoutMs: 30 },
      { name: 'loyalty_lookup', simulatedDelayMs: 1, timeoutMs: 1000 },
    ]);
    const result = await enrich(request);
    expect(result.geocoding.status).toBe('ok');
    expect(result.loyalty_lookup.status).toBe('ok');
    expect(result.fraud_scoring).toMatchObject({ status: 'timeout', error: 'no answer within 30 ms' });
    // It gave up at its own deadline, far from the 5 s the call would have taken.
    expect(result.fraud_scoring.latency_ms).toBeLessThan(5000 / 2);
  });

  test('HTTP services: ok with data, HTTP error, timeout and refused connection are each recorded', async () => {
    const enrich = createEnricher([
      { name: 'geocoding', url: `${base}/ok`, simulatedDelayMs: 0, timeoutMs: 2000 },
      { name: 'fraud_scoring', url: `${base}/fail`, simulatedDelayMs: 0, timeoutMs: 2000 },
      { name: 'loyalty_lookup', url: `${base}/slow`, simulatedDelayMs: 0, timeoutMs: 50 },
    ]);
    const result = await enrich(request);
    expect(result.geocoding).toMatchObject({ status: 'ok', http_status: 200, data: { score: 0.12 } });
    expect(result.fraud_scoring).toMatchObject({ status: 'error', http_status: 502, error: 'HTTP 502' });
    expect(result.loyalty_lookup).toMatchObject({ status: 'timeout' });
    expect(received.at(-1)).toEqual({
      event_id: 'e-1',
      event_type: 'order.created',
      payload: request.payload,
    });

    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const refused = createEnricher([
      { name: 'geocoding', url: `http://127.0.0.1:${closedPort}/`, simulatedDelayMs: 0, timeoutMs: 2000 },
    ]);
    expect((await refused(request)).geocoding).toMatchObject({ status: 'error', error: 'ECONNREFUSED' });
  });
});

describe('webhook with failing enrichment', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.close();
  });

  test('is still stored (201) and reports each service outcome', async () => {
    const harness = await createHarness({
      dynamo,
      enrich: createEnricher([
        { name: 'geocoding', url: `${base}/fail`, simulatedDelayMs: 0, timeoutMs: 2000 },
        { name: 'fraud_scoring', simulatedDelayMs: 5000, timeoutMs: 20 },
        { name: 'loyalty_lookup', simulatedDelayMs: 2, timeoutMs: 1000 },
      ]),
    });
    const res = parseResponse(
      await harness.handler(signedWebhook({ deliveryId: 'enrich-1' }), lambdaContext()),
    );
    expect(res.statusCode).toBe(201);
    expect(res.body.enrichment).toMatchObject({
      geocoding: { status: 'error', http_status: 502 },
      fraud_scoring: { status: 'timeout' },
      loyalty_lookup: { status: 'ok' },
    });
    const [stored] = (await harness.items()).filter((i) => i.delivery_id === 'enrich-1');
    expect(stored?.enrichment).toEqual(res.body.enrichment);
  });
});
