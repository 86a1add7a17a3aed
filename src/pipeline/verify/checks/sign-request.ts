// One check request signed with the checks file's `signing` (Standard Webhooks): its body as the
// exact string signed, the delivery id, timestamp and signature headers added. Free of the SDK
// and of the secret's lookup (signing.ts), so a load worker signs the same way on its thread.
import type { CheckRequestSpec } from '../../../config/checks-file.js';
import { signedWebhook } from '../../webhook/request.js';
import type { SigningSecrets } from '../../webhook/signature.js';
import { bodyText } from './proxy-event.js';

export function signCheckRequest(
  spec: CheckRequestSpec,
  secrets: SigningSecrets,
  deliveryId: string,
  nowMs: number,
): CheckRequestSpec {
  const body = bodyText(spec);
  const signed = signedWebhook({
    secrets,
    deliveryId,
    // A request without a body is signed over the empty string, and still sent without one.
    rawBody: body ?? '',
    timestampSeconds: Math.floor(nowMs / 1000),
  });
  const headers = { ...(spec.headers ?? {}) };
  const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  for (const [name, value] of Object.entries(signed.headers)) {
    // The caller's own Content-Type wins, and a request without a body gets none.
    if (name.toLowerCase() === 'content-type' && (hasContentType || body === null)) continue;
    headers[name] = value;
  }
  return { ...spec, headers, ...(body === null ? {} : { body }) };
}
