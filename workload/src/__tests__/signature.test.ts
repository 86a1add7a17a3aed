import { describe, expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifyWebhookSignature, type SignatureCheck } from '../signature.js';
import { parseWebhookSecrets } from '../webhook-secrets.js';
import { newSecret, sign, signingKeys } from './helpers/requests.js';

const secret = newSecret();
const keys = signingKeys(secret);
const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const body = Buffer.from('{"event_type":"order.created"}');
const now = 1_750_000_000;

const headersOf = (h: Record<string, string>) => new Headers(h);
const signed = (over: Record<string, string> = {}) =>
  headersOf({
    'webhook-id': id,
    'webhook-timestamp': String(now),
    'webhook-signature': sign(secret, id, now, body),
    ...over,
  });
const verify = (headers: Headers, at = now, rawBody = body, withKeys = keys): SignatureCheck =>
  verifyWebhookSignature(headers, rawBody, { keys: withKeys, nowSeconds: at, toleranceSeconds: 300 });

describe('verifyWebhookSignature', () => {
  test('accepts what a Standard Webhooks sender computes, up to the tolerance on both sides', () => {
    expect(verify(signed())).toEqual({ valid: true, keyNumber: 1 });
    expect(verify(signed(), now + 300)).toEqual({ valid: true, keyNumber: 1 });
    expect(verify(signed(), now - 300)).toEqual({ valid: true, keyNumber: 1 });
  });

  test('the MAC is base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the decoded whsec_ key', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${id}.${now}.${body.toString()}`).digest('base64');
    expect(sign(secret, id, now, body)).toBe(`v1,${mac}`);
  });

  test('the reference library accepts what this verifier accepts (same scheme, same headers)', () => {
    const t = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(t),
      'webhook-signature': sign(secret, id, t, body),
    };
    expect(verify(headersOf(headers), t)).toMatchObject({ valid: true });
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
  });

  test('a rotation: any one matching v1 entry is enough, others of any version are skipped', () => {
    const old = newSecret();
    const both = `${sign(old, id, now, body)} ${sign(secret, id, now, body)}`;
    expect(verify(signed({ 'webhook-signature': both }))).toMatchObject({ valid: true });
    const withV1a = `v1a,${Buffer.alloc(64).toString('base64')} ${sign(secret, id, now, body)}`;
    expect(verify(signed({ 'webhook-signature': withV1a }))).toMatchObject({ valid: true });
  });

  test('a parameter holding two secrets accepts either sender, and says which secret matched', () => {
    const next = newSecret();
    const two = signingKeys(`${secret}\n${next}`);
    expect(verify(signed(), now, body, two)).toEqual({ valid: true, keyNumber: 1 });
    const byNext = signed({ 'webhook-signature': sign(next, id, now, body) });
    expect(verify(byNext, now, body, two)).toEqual({ valid: true, keyNumber: 2 });
  });

  const v1 = (mac: Buffer) => `v1,${mac.toString('base64')}`;
  test.each([
    ['wrong secret', signed({ 'webhook-signature': sign(newSecret(), id, now, body) }), 'signature-mismatch'],
    ['other id', signed({ 'webhook-id': 'msg_other' }), 'signature-mismatch'],
    ['other timestamp', signed({ 'webhook-timestamp': String(now + 1) }), 'signature-mismatch'],
    ['stale by one second', signed({}), 'stale-timestamp', now + 301],
    ['ahead by one second', signed({}), 'future-timestamp', now - 301],
    ['no signature', headersOf({ 'webhook-id': id, 'webhook-timestamp': String(now) }), 'missing-signature'],
    [
      'the old scheme',
      headersOf({ 'x-webhook-signature': `sha256=${'0'.repeat(64)}`, 'x-webhook-timestamp': String(now) }),
      'legacy-signature',
    ],
    [
      'no timestamp',
      headersOf({ 'webhook-id': id, 'webhook-signature': sign(secret, id, now, body) }),
      'missing-timestamp',
    ],
    [
      'no id',
      headersOf({ 'webhook-timestamp': String(now), 'webhook-signature': sign(secret, '', now, body) }),
      'missing-id',
    ],
    ['fractional timestamp', signed({ 'webhook-timestamp': `${now}.5` }), 'malformed-timestamp'],
    ['leading zero', signed({ 'webhook-timestamp': `0${now}` }), 'malformed-timestamp'],
    ['31 bytes', signed({ 'webhook-signature': v1(Buffer.alloc(31)) }), 'malformed-signature'],
    ['33 bytes', signed({ 'webhook-signature': v1(Buffer.alloc(33)) }), 'malformed-signature'],
    ['no comma', signed({ 'webhook-signature': 'v1' }), 'malformed-signature'],
    [
      'hex instead of base64',
      signed({ 'webhook-signature': `v1,${'ab'.repeat(32)}` }),
      'malformed-signature',
    ],
    [
      'only v1a',
      signed({ 'webhook-signature': `v1a,${Buffer.alloc(64).toString('base64')}` }),
      'no-v1-signature',
    ],
    [
      '11 entries',
      signed({
        'webhook-signature': Array(11)
          .fill(v1(Buffer.alloc(32)))
          .join(' '),
      }),
      'too-many-signatures',
    ],
    ['2049 characters', signed({ 'webhook-signature': `v2,${'a'.repeat(2046)}` }), 'oversized-signature'],
  ] as const)('refuses %s', (_name, headers, reason, at: number = now) => {
    expect(verify(headers, at)).toMatchObject({ valid: false, reason });
  });

  test('every refusal names the header it is about, never the secret', () => {
    const check = verify(signed({ 'webhook-timestamp': 'soon' }));
    expect(check).toMatchObject({ valid: false, message: expect.stringContaining('webhook-timestamp') });
    expect(JSON.stringify(check)).not.toContain(secret.slice(6, 20));
  });
});

describe('parseWebhookSecrets', () => {
  test.each([
    ['one 32-byte secret', newSecret(), 1],
    ['two on separate lines', `${newSecret()}\n${newSecret()}`, 2],
    ['a 24-byte key without padding', `whsec_${Buffer.alloc(24, 1).toString('base64')}`, 1],
    ['surrounding whitespace', `  ${newSecret()}\t${newSecret()}\n`, 2],
  ])('reads %s', (_name, value, count) => {
    const parsed = parseWebhookSecrets(value);
    expect(parsed).toMatchObject({ ok: true });
    expect(parsed.ok && parsed.keys).toHaveLength(count);
  });

  test.each([
    ['an empty value', '  ', /holds no secret/],
    ['a hex secret', 'f'.repeat(64), /secret 1 of 1 does not start with whsec_/],
    ['not base64', 'whsec_not*base64!', /not whsec_ followed by standard base64/],
    ['url-safe base64', `whsec_${Buffer.alloc(32, 0xfb).toString('base64url')}`, /standard base64/],
    [
      'a 16-byte key',
      `whsec_${Buffer.alloc(16).toString('base64')}`,
      /16-byte key; a whsec_ key is 24-64 bytes/,
    ],
    ['a 65-byte key', `whsec_${Buffer.alloc(65).toString('base64')}`, /65-byte key/],
    ['a bad second secret', `${newSecret()} whsec_`, /secret 2 of 2/],
    ['six secrets', Array.from({ length: 6 }, newSecret).join(' '), /6 secrets; at most 5/],
  ])('refuses %s without quoting it', (_name, value, problem) => {
    const parsed = parseWebhookSecrets(value);
    expect(parsed).toMatchObject({ ok: false, problem: expect.stringMatching(problem) });
    if (!parsed.ok)
      for (const part of value.split(/\s+/)) if (part.length > 8) expect(parsed.problem).not.toContain(part);
  });
});
