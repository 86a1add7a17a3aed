// The webhook signing secrets live in SSM Parameter Store as a SecureString; only its name
// reaches the function. It is read at init and cached for `maxAgeSeconds` by Powertools
// Parameters, so a rotation is picked up without a redeploy and SSM sees one call per
// environment per max-age, not one per request. The value is one or more `whsec_` secrets
// (webhook-secrets.ts); a value in any other shape makes the secret unavailable (503), with a
// reason that never quotes it.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { parseWebhookSecrets, type SecretsParse, type SigningKey } from './webhook-secrets.js';

export type SigningSecretSource = () => Promise<readonly SigningKey[]>;

export class SigningSecretUnavailableError extends Error {
  override readonly name = 'SigningSecretUnavailableError';
}

export interface SsmSigningSecretOptions {
  parameterName: string;
  maxAgeSeconds: number;
  /** Defaults to a client built from the environment (region, AWS_ENDPOINT_URL, credentials). */
  client?: SSMClient;
}

export function ssmSigningSecret(options: SsmSigningSecretOptions): SigningSecretSource {
  const { parameterName } = options;
  const provider = new SSMProvider(options.client ? { awsSdkV3Client: options.client } : {});
  // Concurrent invocations that miss the cache together share one SSM call.
  let pending: Promise<readonly SigningKey[]> | undefined;
  // The value is parsed once per value, not per request: the keys are decoded here.
  let parsed: { value: string; result: SecretsParse } | undefined;

  const read = async (): Promise<readonly SigningKey[]> => {
    let value: string | undefined;
    try {
      value = await provider.get(parameterName, { decrypt: true, maxAge: options.maxAgeSeconds });
    } catch (error) {
      throw new SigningSecretUnavailableError(
        `cannot read SSM parameter ${parameterName}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw new SigningSecretUnavailableError(`SSM parameter ${parameterName} is empty`);
    }
    if (parsed?.value !== value) parsed = { value, result: parseWebhookSecrets(value) };
    const { result } = parsed;
    if (!result.ok) {
      throw new SigningSecretUnavailableError(
        `SSM parameter ${parameterName} is not one or more whitespace-separated whsec_ secrets: ${result.problem}`,
      );
    }
    return result.keys;
  };

  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
