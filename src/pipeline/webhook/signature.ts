// Webhook signatures exactly as the workload verifies them (workload/src/signature.ts), per the
// Standard Webhooks specification and with its reference library: `webhook-id`,
// `webhook-timestamp` (whole Unix seconds) and `webhook-signature`, space-separated
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. Kept separate from the workload
// (src/ imports nothing from it); a unit test checks every signature made here against the
// workload's verifier, and both parsers against the same secrets.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';

const PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
/** As many as the workload reads (workload/src/webhook-secrets.ts). */
const MAX_SECRETS = 5;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The secrets of one SSM parameter value, validated: one, or the old and the new one while a
 * rotation overlaps. Requests are signed with every one of them, so they pass whichever the
 * workload's environments hold at that moment.
 */
export interface SigningSecrets {
  /** Each `whsec_` secret as the parameter holds it, and its base64 part: what is masked. */
  readonly masked: readonly string[];
  readonly keys: readonly Webhook[];
}

export type SigningSecretsParse = { ok: true; secrets: SigningSecrets } | { ok: false; problem: string };

/** Reads the parameter's value; never throws, and no problem quotes the value. */
export function parseSigningSecrets(value: string): SigningSecretsParse {
  const secrets = value.split(/\s+/).filter((s) => s.length > 0);
  if (secrets.length === 0) return { ok: false, problem: 'it holds no secret' };
  if (secrets.length > MAX_SECRETS) {
    return {
      ok: false,
      problem: `it holds ${secrets.length} secrets; the workload reads at most ${MAX_SECRETS}`,
    };
  }
  const masked: string[] = [];
  const keys: Webhook[] = [];
  for (const [i, secret] of secrets.entries()) {
    const position = `secret ${i + 1} of ${secrets.length}`;
    if (!secret.startsWith(PREFIX))
      return { ok: false, problem: `${position} does not start with ${PREFIX}` };
    const encoded = secret.slice(PREFIX.length);
    const bytes = Buffer.from(encoded, 'base64');
    const canonical = bytes.toString('base64');
    if (!BASE64.test(encoded) || canonical.replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      return { ok: false, problem: `${position} is not ${PREFIX} followed by standard base64` };
    }
    if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
      return {
        ok: false,
        problem: `${position} decodes to a ${bytes.length}-byte key; a ${PREFIX} key is ${MIN_KEY_BYTES}-${MAX_KEY_BYTES} bytes`,
      };
    }
    masked.push(secret, encoded);
    keys.push(new Webhook(`${PREFIX}${canonical}`));
  }
  return { ok: true, secrets: { masked, keys } };
}

/** The secrets of a value known to be good (fixtures, tests); throws naming the problem otherwise. */
export function signingSecrets(value: string): SigningSecrets {
  const parsed = parseSigningSecrets(value);
  if (!parsed.ok) throw new Error(`not a signing secret value: ${parsed.problem}`);
  return parsed.secrets;
}

/**
 * The `whsec_` secrets as the parameter holds them: what a load worker, which cannot receive the
 * Webhook objects, rebuilds the secrets from (signingSecrets of them joined by spaces).
 */
export const rawSecrets = (secrets: SigningSecrets): string[] =>
  secrets.masked.filter((s) => s.startsWith(PREFIX));

/** A fresh secret in the format the workload reads: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

/** The `webhook-signature` value: one `v1,` entry per secret, space-separated. */
export function signWebhook(
  secrets: SigningSecrets,
  deliveryId: string,
  timestampSeconds: number,
  rawBody: string,
): string {
  const at = new Date(timestampSeconds * 1000);
  return secrets.keys.map((key) => key.sign(deliveryId, at, rawBody)).join(' ');
}
