// Webhook signatures exactly as the workload verifies them (workload/src/signature.ts):
// `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` next to
// `X-Webhook-Timestamp: <unix seconds>`. Kept separate from the workload (src/ imports nothing
// from it); a unit test checks every signature made here against the workload's verifier.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Webhook-Signature';
export const TIMESTAMP_HEADER = 'X-Webhook-Timestamp';
export const DELIVERY_ID_HEADER = 'X-Webhook-Id';

/** The `X-Webhook-Signature` value for this timestamp (whole Unix seconds) and raw body. */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}
