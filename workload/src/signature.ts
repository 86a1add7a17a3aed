// Webhook signatures: HMAC-SHA256 over `<timestamp>.<raw body>` with the shared secret,
// sent as `X-Webhook-Signature: sha256=<64 hex chars>` next to `X-Webhook-Timestamp: <unix
// seconds>`. Binding the timestamp into the MAC makes a captured request useless once it is
// older than the tolerance, and the comparison runs in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const DELIVERY_ID_HEADER = 'x-webhook-id';

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;

function mac(secret: string, timestamp: string, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** What a sender puts in `X-Webhook-Signature` for this timestamp and body. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
  return `sha256=${mac(secret, String(timestamp), rawBody).toString('hex')}`;
}

type SignatureRejection =
  | 'missing-signature'
  | 'missing-timestamp'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'signature-mismatch';

export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureRejection; message: string };

export interface SignedRequest {
  signature: string | null;
  timestamp: string | null;
  rawBody: Buffer;
}

const reject = (reason: SignatureRejection, message: string): SignatureCheck => ({
  valid: false,
  reason,
  message,
});

export function verifyWebhookSignature(
  request: SignedRequest,
  secret: string,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  const { signature, timestamp, rawBody } = request;
  if (!signature) return reject('missing-signature', 'X-Webhook-Signature header is required');
  if (!timestamp) return reject('missing-timestamp', 'X-Webhook-Timestamp header is required');
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    return reject('malformed-timestamp', 'X-Webhook-Timestamp must be whole Unix seconds');
  }
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return reject(
      'stale-timestamp',
      `X-Webhook-Timestamp is more than ${toleranceSeconds} s away from the receiver's clock`,
    );
  }
  const match = SIGNATURE_PATTERN.exec(signature);
  if (!match?.[1]) {
    return reject('malformed-signature', 'X-Webhook-Signature must be "sha256=" followed by 64 hex digits');
  }
  const expected = mac(secret, timestamp, rawBody);
  const given = Buffer.from(match[1], 'hex');
  // Both are 32 bytes here (the pattern fixes the length), as timingSafeEqual requires.
  if (!timingSafeEqual(expected, given)) return reject('signature-mismatch', 'signature does not match');
  return { valid: true };
}
