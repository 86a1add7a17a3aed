// The checks file's `signing` section: every request the pipeline sends for an app that verifies
// signatures — smoke checks, the concurrency check, the canary probes — is signed the moment it
// is sent (a fresh delivery id, the current timestamp), with the secret the app itself reads. The
// bundled webhook's checks file uses it, so the webhook needs nothing special in the pipeline.
import type { CheckRequestSpec, SigningSpec } from '../../../config/checks-file.js';
import { CutoverError } from '../../../core/errors.js';
import type { PipelineContext } from '../../context.js';
import { readSigningSecret } from '../../webhook/secret.js';
import { runDeliveryPrefix } from '../../webhook/request.js';
import type { SigningSecrets } from '../../webhook/signature.js';
import { signCheckRequest } from './sign-request.js';

/** The request as it must be sent: its body as the exact string signed, the signature headers added. */
export interface RequestSigner {
  (spec: CheckRequestSpec, kind: string): CheckRequestSpec;
  /** The secrets, for a load worker that signs a burst's requests on its own thread. */
  readonly secrets: SigningSecrets;
  /**
   * A delivery-id prefix for a burst of `kind` that no other request of the run uses: the
   * burst's requests are `<prefix><seq>`.
   */
  burstPrefix(kind: string): string;
}

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
  const prefix = runDeliveryPrefix(options.runId);
  let seq = 0;
  let bursts = 0;
  const sign = (spec: CheckRequestSpec, kind: string) =>
    signCheckRequest(spec, secrets, `${prefix}${kind}.${++seq}`, Date.now());
  // `<kind>.b<n>.` never equals `<kind>.<seq>`: a burst's ids cannot meet the others'.
  return Object.assign(sign, { secrets, burstPrefix: (kind: string) => `${prefix}${kind}.b${++bursts}.` });
}
