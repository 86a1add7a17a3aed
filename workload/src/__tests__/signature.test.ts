import { describe, expect, test } from '@jest/globals';
import { signWebhook, verifyWebhookSignature } from '../signature.js';

const secret = 'whsec_unit';
const body = Buffer.from('{"event_type":"order.created"}');
const now = 1_750_000_000;

describe('verifyWebhookSignature', () => {
  const signed = { signature: signWebhook(secret, now, body), timestamp: String(now), rawBody: body };

  test('accepts the signature a sender computes', () => {
    expect(verifyWebhookSignature(signed, secret, now, 300)).toEqual({ valid: true });
    expect(verifyWebhookSignature(signed, secret, now + 300, 300)).toEqual({ valid: true });
  });

  test('signs timestamp and body together as hex HMAC-SHA256 of "<timestamp>.<body>"', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${now}.${body.toString()}`).digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`sha256=${expected}`);
  });

  test.each([
    ['wrong secret', { ...signed, signature: signWebhook('other', now, body) }, now, 'signature-mismatch'],
    ['other body', { ...signed, rawBody: Buffer.from('{}') }, now, 'signature-mismatch'],
    ['stale by one second', signed, now + 301, 'stale-timestamp'],
    ['from the future', signed, now - 301, 'stale-timestamp'],
    ['missing signature', { ...signed, signature: null }, now, 'missing-signature'],
    ['missing timestamp', { ...signed, timestamp: null }, now, 'missing-timestamp'],
    ['empty signature', { ...signed, signature: '' }, now, 'missing-signature'],
    ['fractional timestamp', { ...signed, timestamp: `${now}.5` }, now, 'malformed-timestamp'],
    ['negative timestamp', { ...signed, timestamp: `-${now}` }, now, 'malformed-timestamp'],
    [
      'unknown scheme',
      { ...signed, signature: signed.signature.replace('sha256', 'sha1') },
      now,
      'malformed-signature',
    ],
    ['non-hex digest', { ...signed, signature: `sha256=${'z'.repeat(64)}` }, now, 'malformed-signature'],
  ] as const)('rejects %s', (_name, request, at, reason) => {
    const result = verifyWebhookSignature(request, secret, at, 300);
    expect(result).toMatchObject({ valid: false, reason });
  });
});
