// Every malformed, unauthenticated or misrouted request gets its own 4xx with a JSON body
// carrying the request id, and nothing reaches the table.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createHarness, type Harness } from './helpers/harness.js';
import {
  TEST_SECRET,
  lambdaContext,
  newSecret,
  parseResponse,
  proxyEvent,
  sign,
  signedWebhook,
} from './helpers/requests.js';

let dynamo: LocalDynamo;
let harness: Harness;
beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await createHarness({ dynamo });
});
afterAll(async () => {
  await dynamo.close();
});

const now = () => Math.floor(Date.now() / 1000);
const oversized = JSON.stringify({ event_type: 'order.created', blob: 'x'.repeat(256 * 1024) });

function signedWith(rawBody: string, extra: Record<string, string> = {}): APIGatewayProxyEvent {
  return signedWebhook({ rawBody, headers: extra });
}

function withoutHeader(event: APIGatewayProxyEvent, name: string): APIGatewayProxyEvent {
  const drop = (h: Record<string, unknown> | null) =>
    Object.fromEntries(Object.entries(h ?? {}).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
  return {
    ...event,
    headers: drop(event.headers) as APIGatewayProxyEvent['headers'],
    multiValueHeaders: drop(event.multiValueHeaders) as APIGatewayProxyEvent['multiValueHeaders'],
  };
}

function tamperedBody(): APIGatewayProxyEvent {
  const event = signedWebhook();
  return { ...event, body: event.body!.replace('o-1', 'o-2') };
}

function shiftedTimestamp(): APIGatewayProxyEvent {
  const t = now();
  return signedWebhook({ timestamp: t, headers: { 'webhook-timestamp': String(t + 1) } });
}

function unprefixedSignature(): APIGatewayProxyEvent {
  const event = signedWebhook();
  const mac = String(event.headers['webhook-signature']).slice('v1,'.length);
  return { ...event, headers: { ...event.headers, 'webhook-signature': mac }, multiValueHeaders: {} };
}

function twoSignatureHeaders(): APIGatewayProxyEvent {
  const event = signedWebhook();
  const sig = String(event.headers['webhook-signature']);
  const other = `v1,${Buffer.alloc(32).toString('base64')}`;
  return { ...event, multiValueHeaders: { ...event.multiValueHeaders, 'webhook-signature': [sig, other] } };
}

function oversizedBase64(): APIGatewayProxyEvent {
  return { ...signedWith(oversized), body: Buffer.from(oversized).toString('base64'), isBase64Encoded: true };
}

/** Signed over bytes that are not UTF-8 (an 0xff inside a JSON string), sent base64 as API Gateway does. */
function invalidUtf8Base64(): APIGatewayProxyEvent {
  const bytes = Buffer.concat([
    Buffer.from('{"event_type":"order.created","note":"'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('"}'),
  ]);
  const t = now();
  const event = signedWebhook({ timestamp: t, deliveryId: 'not-utf8' });
  return {
    ...event,
    headers: { ...event.headers, 'webhook-signature': sign(TEST_SECRET, 'not-utf8', t, bytes) },
    multiValueHeaders: {},
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  };
}

const cases: [string, number, () => unknown][] = [
  ['missing signature', 401, () => withoutHeader(signedWebhook(), 'webhook-signature')],
  ['missing timestamp', 401, () => withoutHeader(signedWebhook(), 'webhook-timestamp')],
  ['signed with another secret', 401, () => signedWebhook({ secret: newSecret() })],
  ['body changed after signing', 401, tamperedBody],
  ['timestamp header differs from the signed one', 401, shiftedTimestamp],
  ['timestamp 301 s old', 401, () => signedWebhook({ timestamp: now() - 301 })],
  ['timestamp 301 s in the future', 401, () => signedWebhook({ timestamp: now() + 301 })],
  ['timestamp not a number', 401, () => signedWebhook({ headers: { 'webhook-timestamp': 'yesterday' } })],
  ['timestamp in milliseconds', 401, () => signedWebhook({ timestamp: Date.now() })],
  ['signature without the v1, prefix', 401, unprefixedSignature],
  ['signature too short', 401, () => signedWebhook({ headers: { 'webhook-signature': 'v1,abcd' } })],
  ['two signature headers (one header, space-separated, is the format)', 401, twoSignatureHeaders],
  ['missing delivery id', 401, () => signedWebhook({ deliveryId: null })],
  ['delivery id with a space', 400, () => signedWebhook({ deliveryId: 'two words' })],
  ['delivery id of 129 characters', 400, () => signedWebhook({ deliveryId: 'd'.repeat(129) })],
  ['body not JSON', 400, () => signedWith('{"event_type": "order.created"')],
  ['empty body', 400, () => signedWith('')],
  ['body is a JSON array', 400, () => signedWith('[{"event_type":"order.created"}]')],
  ['body is a JSON string', 400, () => signedWith('"order.created"')],
  ['body is JSON null', 400, () => signedWith('null')],
  ['event_type missing', 400, () => signedWebhook({ body: { order_id: 'o-1' } })],
  ['event_type a number', 400, () => signedWebhook({ body: { event_type: 42 } })],
  ['event_type in capitals', 400, () => signedWebhook({ body: { event_type: 'Order.Created' } })],
  ['event_type without a dot', 400, () => signedWebhook({ body: { event_type: 'ordercreated' } })],
  ['event_type ending in a dot', 400, () => signedWebhook({ body: { event_type: 'order.' } })],
  ['event_type of 101 characters', 400, () => signedWebhook({ body: { event_type: `a.${'b'.repeat(99)}` } })],
  ['body over 256 KB', 413, () => signedWith(oversized)],
  ['base64 body over 256 KB once decoded', 413, oversizedBase64],
  ['body signed over bytes that are not UTF-8', 400, invalidUtf8Base64],
  ['GET /webhooks', 405, () => proxyEvent({ method: 'GET' })],
  ['DELETE /webhooks', 405, () => proxyEvent({ method: 'DELETE' })],
  ['POST /health', 405, () => proxyEvent({ method: 'POST', path: '/health', body: '{}' })],
  ['unknown path', 404, () => proxyEvent({ method: 'POST', path: '/hooks', body: '{}' })],
  ['GET carrying a body', 400, () => proxyEvent({ method: 'GET', path: '/health', body: 'surprise' })],
  ['not an API Gateway event', 400, () => ({ hello: 'world' })],
];

test('the table covers at least 25 bad requests', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

test.each(cases)('%s → %i', async (_name, status, makeEvent) => {
  const context = lambdaContext();
  const res = parseResponse(await harness.handler(makeEvent(), context));
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    request_id: context.awsRequestId,
  });
  expect(String(res.body.message).length).toBeGreaterThan(0);
});

test('validation errors name the failing field', async () => {
  const res = parseResponse(
    await harness.handler(signedWebhook({ body: { event_type: 'Order' } }), lambdaContext()),
  );
  expect(res.statusCode).toBe(400);
  expect(res.body.details).toEqual({
    fields: [{ field: 'event_type', message: expect.stringContaining('dotted lowercase') }],
  });
});

test('405 names the allowed method', async () => {
  const res = parseResponse(await harness.handler(proxyEvent({ method: 'GET' }), lambdaContext()));
  expect(res.headers.allow ?? res.headers.Allow).toBe('POST');
});

test('a correctly signed request still passes after all of the above (the table is not vacuous)', async () => {
  const body = JSON.stringify({ event_type: 'order.created' });
  const t = now();
  const event = proxyEvent({
    body,
    headers: {
      'webhook-id': 'ok-1',
      'webhook-timestamp': String(t),
      'webhook-signature': sign(TEST_SECRET, 'ok-1', t, body),
    },
  });
  expect((await harness.handler(event, lambdaContext())).statusCode).toBe(201);
});

test('none of the bad requests stored anything', async () => {
  const items = await harness.items();
  // Only the one good request from the previous test: its delivery marker and its event.
  expect(items.map((i) => i.PK).sort()).toEqual(['DELIVERY#ok-1', 'EVENT#order.created']);
});

test('a base64 body is stored as the exact bytes that were signed', async () => {
  const text = '{"event_type":"order.created","note":"café ✓ — 😀"}';
  const t = now();
  const base = signedWebhook({ rawBody: text, timestamp: t, deliveryId: 'utf8-exact' });
  const event = { ...base, body: Buffer.from(text, 'utf8').toString('base64'), isBase64Encoded: true };
  const res = parseResponse(await harness.handler(event, lambdaContext()));
  expect(res.statusCode).toBe(201);
  const stored = (await harness.items()).find((i) => i.delivery_id === 'utf8-exact');
  expect(Buffer.from(String(stored?.payload), 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
});
