// The checks file's `signing` section: every request the pipeline sends for an app that verifies
// signatures — smoke checks, the concurrency check, the canary probes — is signed the moment it
// is sent (a fresh delivery id, the current timestamp), with the secret the app itself reads. The
// bundled webhook's checks file uses it, so the webhook needs nothing special in the pipeline.
import type { CheckRequestSpec, SigningSpec } from '../../../config/checks-file.js';
import { CutoverError } from '../../../core/errors.js';
import type { PipelineContext } from '../../context.js';
import { readSigningSecret } from '../../webhook/secret.js';
import { runDeliveryPrefix, signedWebhook } from '../../webhook/request.js';
import { bodyText } from './proxy-event.js';

/** The request as it must be sent: its body as the exact string signed, the signature headers added. */
export type RequestSigner = (spec: CheckRequestSpec, kind: string) => CheckRequestSpec;

/**
 * The signer for this run; undefined without a `signing` section. The secret comes from SSM —
 * the parameter named in the file, or the one the LMI function's environment names, so the checks
 * sign with exactly what the function verifies.
 */
export async function signerFor(
  ctx: PipelineContext,
  signing: SigningSpec | undefined,
  options: { runId: string; functionEnvironment: Readonly<Record<string, string>>; functionName: string },
): Promise<RequestSigner | undefined> {
  if (!signing) return undefined;
  const parameter =
    'ssmParameter' in signing.secret
      ? signing.secret.ssmParameter
      : options.functionEnvironment[signing.secret.functionEnvironment];
  if (!parameter) {
    const variable = 'functionEnvironment' in signing.secret ? signing.secret.functionEnvironment : '';
    throw new CutoverError(
      'SIGNING_SECRET_UNAVAILABLE',
      `signing.secret.functionEnvironment: ${options.functionName} has no ${variable} environment variable naming the secret's SSM parameter; ` +
        'set it in the template, or name the parameter with signing.secret.ssmParameter.',
    );
  }
  const secrets = await readSigningSecret(ctx, parameter);
  let seq = 0;
  return (spec, kind) => {
    const body = bodyText(spec);
    const signed = signedWebhook({
      secrets,
      deliveryId: `${runDeliveryPrefix(options.runId)}${kind}.${++seq}`,
      // A request without a body is signed over the empty string, and still sent without one.
      rawBody: body ?? '',
      timestampSeconds: Math.floor(Date.now() / 1000),
    });
    const headers = { ...(spec.headers ?? {}) };
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    for (const [name, value] of Object.entries(signed.headers)) {
      // The caller's own Content-Type wins, and a request without a body gets none.
      if (name.toLowerCase() === 'content-type' && (hasContentType || body === null)) continue;
      headers[name] = value;
    }
    return { ...spec, headers, ...(body === null ? {} : { body }) };
  };
}
