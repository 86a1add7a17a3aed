// The security suite: hostile webhook requests — forged and replayed signatures, odd ids,
// timestamps, bodies and encodings — each with the refusal it must get, and proof that nothing
// was stored for any of them. Then the requests that must still pass: rotation in both forms,
// header names in any case, a retried delivery; and a conflicting one that must not.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ssmSigningSecret } from '../signing-secret.js';
import { TEST_CREDENTIALS, TEST_REGION, startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { startFakeSsm, type FakeSsm } from './helpers/fake-ssm.js';
import { captureOutput } from './helpers/capture-output.js';
import { createObservability } from '../observability.js';
import { createHarness, eventItems, type Harness } from './helpers/harness.js';
import {
  TEST_SECRET,
  lambdaContext,
  newSecret,
  parseResponse,
  proxyEvent,
  sign,
  signedWebhook,
  signingKeys,
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
const body = (n = 1) => JSON.stringify({ event_type: 'order.created', order_id: `o-${n}` });
const mac32 = (fill = 0) => Buffer.alloc(32, fill).toString('base64');

/** A request signed by the rules, with its three headers replaced or removed as given. */
function webhook(
  over: { id?: string | null; timestamp?: string | null; signature?: string | null } = {},
  rawBody = body(),
): APIGatewayProxyEvent {
  const id = 'hostile-1';
  const ts = String(now());
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const set = (name: string, value: string | null | undefined, fallback: string) => {
    if (value !== null) headers[name] = value ?? fallback;
  };
  set('webhook-id', over.id, id);
  set('webhook-timestamp', over.timestamp, ts);
  set('webhook-signature', over.signature, sign(TEST_SECRET, id, Number(ts), rawBody));
  return proxyEvent({ headers, body: rawBody });
}

/** Signed with the given id and timestamp (so only the part under test is wrong). */
const signedAs = (id: string, timestamp: number | string, rawBody = body()) =>
  webhook(
    { id, timestamp: String(timestamp), signature: sign(TEST_SECRET, id, Number(timestamp), rawBody) },
    rawBody,
  );

/** The request a sender sent and an attacker captured: accepted once, below. */
const captured = signedWebhook({ deliveryId: 'captured-1', rawBody: body(7) });
const capturedHeader = (name: string) => String(captured.headers[name]);

const withHeaders = (event: APIGatewayProxyEvent, headers: Record<string, string>): APIGatewayProxyEvent => ({
  ...event,
  headers: { ...event.headers, ...headers },
  multiValueHeaders: {},
});

function base64Body(bytes: Buffer, id: string, signedOver: Buffer | string = bytes): APIGatewayProxyEvent {
  const t = now();
  const event = webhook({ id, timestamp: String(t), signature: sign(TEST_SECRET, id, t, signedOver) });
  return { ...event, body: bytes.toString('base64'), isBase64Encoded: true };
}

interface Refusal {
  status: number;
  /** `details.reason` of a 401. */
  reason?: string;
  /** The error type of another status, and what its message says. */
  error?: string;
  message?: RegExp;
}

const badId = { status: 400, error: 'BadRequestError', message: /^webhook-id must be 1-128 printable ASCII/ };

const oldSchemeMac = (secret: string, t: number, raw: string) =>
  createHmac('sha256', secret).update(`${t}.${raw}`).digest();

const cases: [string, () => APIGatewayProxyEvent, Refusal][] = [
  // Signatures
  [
    'a captured request replayed under a new webhook-id',
    () => withHeaders(captured, { 'webhook-id': 'captured-2' }),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'a captured id and timestamp with another body',
    () => ({ ...captured, body: body(8) }),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'a captured request with a fresh timestamp',
    () =>
      withHeaders(captured, { 'webhook-timestamp': String(Number(capturedHeader('webhook-timestamp')) + 1) }),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'the old scheme: HMAC over "<timestamp>.<body>" without the id, in a v1 entry',
    () => {
      const t = now();
      const mac = oldSchemeMac(TEST_SECRET, t, body()).toString('base64');
      return webhook({ timestamp: String(t), signature: `v1,${mac}` });
    },
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'the old scheme: X-Webhook-Signature sha256=<hex>',
    () => {
      const t = now();
      const hex = oldSchemeMac(TEST_SECRET, t, body()).toString('hex');
      return proxyEvent({
        body: body(),
        headers: {
          'X-Webhook-Id': 'old-1',
          'X-Webhook-Timestamp': String(t),
          'X-Webhook-Signature': `sha256=${hex}`,
        },
      });
    },
    { status: 401, reason: 'legacy-signature' },
  ],
  [
    'signed with another secret',
    () => signedWebhook({ deliveryId: 'wrong-secret', secret: newSecret() }),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'keyed with the whsec_ text itself instead of its decoded bytes',
    () => {
      const t = now();
      const mac = createHmac('sha256', TEST_SECRET).update(`hostile-1.${t}.${body()}`).digest('base64');
      return webhook({ timestamp: String(t), signature: `v1,${mac}` });
    },
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'a v1 entry that is not base64',
    () => webhook({ signature: `v1,${'!'.repeat(43)}=` }),
    { status: 401, reason: 'malformed-signature' },
  ],
  [
    'a v1 entry of 31 bytes',
    () => webhook({ signature: `v1,${Buffer.alloc(31).toString('base64')}` }),
    { status: 401, reason: 'malformed-signature' },
  ],
  ['an empty v1 entry', () => webhook({ signature: 'v1,' }), { status: 401, reason: 'malformed-signature' }],
  [
    'a valid entry next to a malformed one',
    () => webhook({ signature: `v1,${'*'.repeat(10)} ${sign(TEST_SECRET, 'hostile-1', now(), body())}` }),
    { status: 401, reason: 'malformed-signature' },
  ],
  [
    'a v1 entry in hex',
    () => webhook({ signature: `v1,${'0f'.repeat(32)}` }),
    { status: 401, reason: 'malformed-signature' },
  ],
  [
    'the version in capitals',
    () => webhook({ signature: sign(TEST_SECRET, 'hostile-1', now(), body()).replace('v1,', 'V1,') }),
    { status: 401, reason: 'malformed-signature' },
  ],
  [
    'only a v1a (asymmetric) entry',
    () => webhook({ signature: `v1a,${Buffer.alloc(64).toString('base64')}` }),
    { status: 401, reason: 'no-v1-signature' },
  ],
  [
    '11 entries (the real one last)',
    () =>
      webhook({
        signature: [...Array(10).fill(`v1,${mac32()}`), sign(TEST_SECRET, 'hostile-1', now(), body())].join(
          ' ',
        ),
      }),
    { status: 401, reason: 'too-many-signatures' },
  ],
  [
    'a signature header over 2 KB',
    () => webhook({ signature: `v9,${'A'.repeat(2100)} ${sign(TEST_SECRET, 'hostile-1', now(), body())}` }),
    { status: 401, reason: 'oversized-signature' },
  ],
  [
    'an empty signature header',
    () => webhook({ signature: '' }),
    { status: 401, reason: 'missing-signature' },
  ],
  ['no signature header', () => webhook({ signature: null }), { status: 401, reason: 'missing-signature' }],
  // Timestamps
  ['no timestamp header', () => webhook({ timestamp: null }), { status: 401, reason: 'missing-timestamp' }],
  [
    'a timestamp in milliseconds',
    () => signedAs('ts-ms', Date.now()),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a negative timestamp',
    () => signedAs('ts-neg', `-${now()}`),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a fractional timestamp',
    () => signedAs('ts-float', `${now()}.0`),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a timestamp with a leading +',
    () => signedAs('ts-plus', `+${now()}`),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a timestamp with leading zeros',
    () => signedAs('ts-zero', `00${now()}`),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a timestamp in hex',
    () => signedAs('ts-hex', `0x${now().toString(16)}`),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'an ISO date',
    () => signedAs('ts-iso', new Date().toISOString()),
    { status: 401, reason: 'malformed-timestamp' },
  ],
  [
    'a timestamp 301 s old',
    () => signedAs('ts-old', now() - 301),
    { status: 401, reason: 'stale-timestamp' },
  ],
  [
    'a timestamp a day ahead',
    () => signedAs('ts-future', now() + 86_400),
    { status: 401, reason: 'future-timestamp' },
  ],
  ['the epoch', () => signedAs('ts-epoch', 0), { status: 401, reason: 'stale-timestamp' }],
  // Delivery ids: each correctly signed over the id, so only the id is wrong
  [
    'no webhook-id header',
    () => webhook({ id: null, signature: sign(TEST_SECRET, '', now(), body()) }),
    { status: 401, reason: 'missing-id' },
  ],
  [
    'an empty webhook-id',
    () => webhook({ id: '', signature: sign(TEST_SECRET, '', now(), body()) }),
    { status: 401, reason: 'missing-id' },
  ],
  ['an id with a space', () => signedAs('two words', now()), badId],
  ['an id with a tab inside', () => signedAs('tab\there', now()), badId],
  ['an id with a control character', () => signedAs('bell\u0007', now()), badId],
  ['an id with a non-ASCII letter', () => signedAs('caf\u00e9', now()), badId],
  ['an id of 129 characters', () => signedAs('d'.repeat(129), now()), badId],
  // Bodies and encodings
  [
    'a body changed by one space',
    () => ({ ...captured, body: `${captured.body} ` }),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'an empty body, signed',
    () => signedAs('empty-body', now(), ''),
    { status: 400, error: 'BadRequestError', message: /not valid JSON/ },
  ],
  [
    'a body with a UTF-8 byte order mark, signed',
    () => base64Body(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body())]), 'bom-1'),
    // The BOM is kept (the stored payload is the bytes signed), so the body is not JSON.
    { status: 400, error: 'BadRequestError', message: /not valid JSON/ },
  ],
  [
    'bytes that are not UTF-8, base64-encoded and signed',
    () => base64Body(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'not-utf8-1'),
    { status: 400, error: 'BadRequestError', message: /not valid UTF-8/ },
  ],
  [
    'a base64 body signed over its base64 text, not its bytes',
    () => base64Body(Buffer.from(body()), 'b64-text-1', Buffer.from(body()).toString('base64')),
    { status: 401, reason: 'signature-mismatch' },
  ],
  [
    'a body over 256 KB, signed',
    () =>
      signedAs(
        'huge-1',
        now(),
        JSON.stringify({ event_type: 'order.created', blob: 'x'.repeat(256 * 1024) }),
      ),
    { status: 413, error: 'RequestEntityTooLargeError', message: /the limit is 262144/ },
  ],
];

describe('hostile webhook requests', () => {
  let baseline: Record<string, unknown>[];
  beforeAll(async () => {
    // The captured request was genuine: it is accepted once, before the attacker replays it.
    expect((await harness.handler(captured, lambdaContext())).statusCode).toBe(201);
    baseline = await harness.items();
  });

  test('the suite covers at least 30 hostile requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('%s', async (_name, makeEvent, refusal) => {
    const context = lambdaContext();
    const res = parseResponse(await harness.handler(makeEvent(), context));
    expect(res.statusCode).toBe(refusal.status);
    expect(res.body).toMatchObject({ statusCode: refusal.status, request_id: context.awsRequestId });
    if (refusal.reason) {
      expect(res.body).toMatchObject({ error: 'UnauthorizedError', details: { reason: refusal.reason } });
      // A refusal about a header names it as it is now spelled.
      expect(String(res.body.message)).toMatch(
        /webhook-(id|timestamp|signature)|X-Webhook-Signature is no longer/,
      );
    }
    if (refusal.error) expect(res.body.error).toBe(refusal.error);
    if (refusal.message) expect(res.body.message).toMatch(refusal.message);
    expect(await harness.items()).toEqual(baseline);
  });

  test('nothing but the genuine request was ever stored', async () => {
    const items = await harness.items();
    expect(items.map((i) => i.PK).sort()).toEqual(['DELIVERY#captured-1', 'EVENT#order.created']);
    expect(eventItems(items)[0]).toMatchObject({ delivery_id: 'captured-1', payload: body(7) });
  });
});

describe('what must still pass', () => {
  const deliver = async (h: Harness, event: APIGatewayProxyEvent) =>
    parseResponse(await h.handler(event, lambdaContext()));

  test('the exact request again is a duplicate: 200 with the first event, nothing new stored', async () => {
    const before = await harness.items();
    const res = await deliver(harness, captured);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ status: 'duplicate', duplicate: true });
    expect(await harness.items()).toEqual(before);
  });

  test('the same id, freshly signed over another body, is a 409 conflict, not a duplicate', async () => {
    const before = await harness.items();
    const res = await deliver(harness, signedWebhook({ deliveryId: 'captured-1', rawBody: body(9) }));
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatchObject({ error: 'DeliveryConflictError', details: { retryable: false } });
    expect(await harness.items()).toEqual(before);
  });

  test('header names in any case', async () => {
    const t = now();
    const event = proxyEvent({
      body: body(),
      headers: {
        'Webhook-Id': 'case-1',
        'WEBHOOK-TIMESTAMP': String(t),
        'Webhook-Signature': sign(TEST_SECRET, 'case-1', t, body()),
      },
    });
    expect((await deliver(harness, event)).statusCode).toBe(201);
  });

  test('a sender rotating its secret: two entries, one of them valid', async () => {
    const t = now();
    const entries = `${sign(newSecret(), 'rotate-1', t, body())} ${sign(TEST_SECRET, 'rotate-1', t, body())}`;
    const event = webhook({ id: 'rotate-1', timestamp: String(t), signature: entries });
    expect((await deliver(harness, event)).statusCode).toBe(201);
  });

  test('a parameter holding the old and the new secret accepts senders on either', async () => {
    const next = newSecret();
    const both = await createHarness({
      dynamo,
      signingSecret: async () => signingKeys(`${TEST_SECRET}\n${next}`),
    });
    const byOld = await deliver(both, signedWebhook({ deliveryId: 'old-sender' }));
    const byNew = await deliver(both, signedWebhook({ deliveryId: 'new-sender', secret: next }));
    const byNeither = await deliver(both, signedWebhook({ deliveryId: 'neither', secret: newSecret() }));
    expect([byOld.statusCode, byNew.statusCode, byNeither.statusCode]).toEqual([201, 201, 401]);
    expect((await both.items()).filter((i) => i.PK === 'DELIVERY#neither')).toEqual([]);
  });
});

describe('a signing secret in the wrong format', () => {
  let ssm: FakeSsm;
  const oldHexSecret = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  beforeAll(async () => {
    ssm = await startFakeSsm({ name: '/hostile/secret', value: oldHexSecret });
  });
  afterAll(async () => {
    await ssm.close();
  });

  test('answers 503 naming SSM, stores nothing, and logs the reason without the value', async () => {
    const output = captureOutput();
    try {
      const client = new SSMClient({
        region: TEST_REGION,
        credentials: TEST_CREDENTIALS,
        endpoint: ssm.endpoint,
      });
      const observability = createObservability('lambda-managed-instances');
      observability.logger.setLogLevel('WARN');
      const h = await createHarness({
        dynamo,
        observability,
        signingSecret: ssmSigningSecret({ parameterName: '/hostile/secret', maxAgeSeconds: 300, client }),
      });
      const res = parseResponse(
        await h.handler(signedWebhook({ deliveryId: 'bad-param-1' }), lambdaContext()),
      );
      expect(res.statusCode).toBe(503);
      expect(res.body).toMatchObject({ details: { dependency: 'ssm', retryable: true } });
      expect(await h.items()).toEqual([]);
      const logged = JSON.stringify(output.logLines());
      expect(logged).toContain('is not one or more whitespace-separated whsec_ secrets');
      expect(logged).not.toContain(oldHexSecret);
      expect(JSON.stringify(res.body)).not.toContain(oldHexSecret);
    } finally {
      output.restore();
    }
  });
});
