// Webhook signatures per the Standard Webhooks specification (standardwebhooks.com):
//   webhook-id         the delivery id
//   webhook-timestamp  whole Unix seconds
//   webhook-signature  space-separated `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`
// The id is inside the MAC, so a captured request cannot be replayed under a fresh id, and an
// id cannot be squatted by someone without the secret. Several entries are how a sender rotates
// its secret: any one v1 entry that matches is enough; entries of other versions (`v1a,` is the
// asymmetric scheme) are skipped.
//
// The MAC itself — key decoding, the signed content, base64 — is the reference library's
// `sign`. Its `verify` is not called: it reads Date.now() with a fixed 300 s tolerance, accepts
// timestamps parseInt accepts ("12abc", "+12"), and throws one coarse message; this verifier
// keeps the configured tolerance, an injected clock and a precise reason for each refusal.
import { timingSafeEqual } from 'node:crypto';
import type { SigningKey } from './webhook-secrets.js';

export const ID_HEADER = 'webhook-id';
const TIMESTAMP_HEADER = 'webhook-timestamp';
const SIGNATURE_HEADER = 'webhook-signature';
/** The header of the scheme this one replaced, recognised only to say it is no longer accepted. */
const LEGACY_SIGNATURE_HEADER = 'x-webhook-signature';

/** A sender rotating keys sends two or three entries; more is abuse or a bug. */
const MAX_SIGNATURE_ENTRIES = 10;
const MAX_SIGNATURE_HEADER_LENGTH = 2048;

/** Whole seconds without a sign, a fraction or leading zeros; 10 digits reach the year 2286. */
const TIMESTAMP_PATTERN = /^(0|[1-9]\d{0,9})$/;
/** `v1,` + the canonical base64 of a 32-byte HMAC-SHA256: 43 characters and one `=`. */
const V1_ENTRY = /^v1,([A-Za-z0-9+/]{43}=)$/;
/** `<version>,<value>`: the version is `v` + digits + optional letters (v1, v1a, v2). */
const ENTRY = /^v\d+[a-z]*,\S+$/;

type SignatureRejection =
  | 'missing-id'
  | 'missing-timestamp'
  | 'missing-signature'
  | 'legacy-signature'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'oversized-signature'
  | 'too-many-signatures'
  | 'malformed-signature'
  | 'no-v1-signature'
  | 'signature-mismatch';

export type SignatureCheck =
  | {
      valid: true;
      /** Which secret of the parameter matched (1-based): shows when an old one falls out of use. */
      keyNumber: number;
    }
  | { valid: false; reason: SignatureRejection; message: string };

/** Just what is read from the request headers (case-insensitive, like `Headers`). */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface VerifyOptions {
  /** The parameter's secrets; a signature made with any one of them is accepted. */
  keys: readonly SigningKey[];
  nowSeconds: number;
  toleranceSeconds: number;
}

const reject = (reason: SignatureRejection, message: string): SignatureCheck => ({
  valid: false,
  reason,
  message,
});

/** The 32-byte MACs of the v1 entries, or why the header cannot be read. */
function v1Signatures(header: string): Buffer[] | SignatureCheck {
  if (header.length > MAX_SIGNATURE_HEADER_LENGTH) {
    return reject(
      'oversized-signature',
      `${SIGNATURE_HEADER} is ${header.length} characters; at most ${MAX_SIGNATURE_HEADER_LENGTH} are read`,
    );
  }
  const entries = header.split(' ').filter((e) => e.length > 0);
  if (entries.length > MAX_SIGNATURE_ENTRIES) {
    return reject(
      'too-many-signatures',
      `${SIGNATURE_HEADER} has ${entries.length} entries; at most ${MAX_SIGNATURE_ENTRIES} are read`,
    );
  }
  const macs: Buffer[] = [];
  for (const entry of entries) {
    const v1 = V1_ENTRY.exec(entry);
    if (v1?.[1]) macs.push(Buffer.from(v1[1], 'base64'));
    else if (entry.startsWith('v1,') || !ENTRY.test(entry)) {
      return reject(
        'malformed-signature',
        `${SIGNATURE_HEADER} entries are space-separated "v1,<base64 of a 32-byte HMAC-SHA256>"`,
      );
    }
  }
  if (macs.length === 0) {
    return reject(
      'no-v1-signature',
      `${SIGNATURE_HEADER} has no v1 entry; this receiver verifies v1 (HMAC-SHA256)`,
    );
  }
  return macs;
}

/** Checks the three headers against the raw body; never throws on bad input. */
export function verifyWebhookSignature(
  headers: HeaderReader,
  rawBody: Buffer,
  { keys, nowSeconds, toleranceSeconds }: VerifyOptions,
): SignatureCheck {
  const id = headers.get(ID_HEADER);
  const timestamp = headers.get(TIMESTAMP_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  if (!signature) {
    if (headers.get(LEGACY_SIGNATURE_HEADER)) {
      return reject(
        'legacy-signature',
        'X-Webhook-Signature is no longer accepted: sign per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)',
      );
    }
    return reject('missing-signature', `${SIGNATURE_HEADER} header is required`);
  }
  if (!timestamp) return reject('missing-timestamp', `${TIMESTAMP_HEADER} header is required`);
  if (!id)
    return reject('missing-id', `${ID_HEADER} header (the delivery id, part of the signature) is required`);
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    const hint = /^\d{13}$/.test(timestamp) ? ' (this looks like milliseconds)' : '';
    return reject('malformed-timestamp', `${TIMESTAMP_HEADER} must be whole Unix seconds${hint}`);
  }
  const seconds = Number(timestamp);
  if (nowSeconds - seconds > toleranceSeconds) {
    return reject(
      'stale-timestamp',
      `${TIMESTAMP_HEADER} is more than ${toleranceSeconds} s behind the receiver's clock`,
    );
  }
  if (seconds - nowSeconds > toleranceSeconds) {
    return reject(
      'future-timestamp',
      `${TIMESTAMP_HEADER} is more than ${toleranceSeconds} s ahead of the receiver's clock`,
    );
  }
  const given = v1Signatures(signature);
  if (!Array.isArray(given)) return given;

  const signedAt = new Date(seconds * 1000);
  for (const [i, key] of keys.entries()) {
    const expected = Buffer.from(key.sign(id, signedAt, rawBody).slice('v1,'.length), 'base64');
    // Both are 32 bytes (V1_ENTRY fixes the given length), as timingSafeEqual requires.
    if (given.some((mac) => timingSafeEqual(mac, expected))) return { valid: true, keyNumber: i + 1 };
  }
  // Short on purpose: it is what a report cell shows; the README documents the signed content.
  return reject('signature-mismatch', `signature does not match any ${SIGNATURE_HEADER} entry`);
}
