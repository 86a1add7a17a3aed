// The signing secrets as the SSM parameter holds them: one or more Standard Webhooks secrets,
// `whsec_` + base64 of a 24-64 byte key, separated by whitespace. Two secrets are a rotation in
// progress on the receiver's side: a request signed with either one is accepted. Problems are
// described by position and shape only, never by value, because they end up in logs.
import { Webhook } from 'standardwebhooks';

const PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
/** Old + new during a rotation, with room to spare; more is a mistake, and each costs an HMAC. */
const MAX_SECRETS = 5;

/** One secret, ready to sign with (the key decoded once, not per request). */
export type SigningKey = Pick<Webhook, 'sign'>;

export type SecretsParse = { ok: true; keys: readonly SigningKey[] } | { ok: false; problem: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The key's base64 in canonical (padded) form, or a description of what is wrong with it. */
function keyBase64(secret: string, position: string): { base64: string } | { problem: string } {
  if (!secret.startsWith(PREFIX)) return { problem: `${position} does not start with ${PREFIX}` };
  const encoded = secret.slice(PREFIX.length);
  const bytes = Buffer.from(encoded, 'base64');
  const canonical = bytes.toString('base64');
  // Buffer's decoder skips characters it does not know; the round trip catches them.
  if (!BASE64.test(encoded) || canonical.replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    return { problem: `${position} is not ${PREFIX} followed by standard base64` };
  }
  if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
    return {
      problem: `${position} decodes to a ${bytes.length}-byte key; a ${PREFIX} key is ${MIN_KEY_BYTES}-${MAX_KEY_BYTES} bytes`,
    };
  }
  return { base64: canonical };
}

/** Reads the parameter's value; never throws, and no problem quotes the value. */
export function parseWebhookSecrets(value: string): SecretsParse {
  const secrets = value.split(/\s+/).filter((s) => s.length > 0);
  if (secrets.length === 0) return { ok: false, problem: 'it holds no secret' };
  if (secrets.length > MAX_SECRETS) {
    return { ok: false, problem: `it holds ${secrets.length} secrets; at most ${MAX_SECRETS} are read` };
  }
  const keys: SigningKey[] = [];
  for (const [i, secret] of secrets.entries()) {
    const key = keyBase64(secret, `secret ${i + 1} of ${secrets.length}`);
    if ('problem' in key) return { ok: false, problem: key.problem };
    keys.push(new Webhook(`${PREFIX}${key.base64}`));
  }
  return { ok: true, keys };
}
