// The webhook signing secret lives in SSM Parameter Store as a SecureString; only its name
// reaches the function. It is read at init and cached for `maxAgeSeconds` by Powertools
// Parameters, so a rotation is picked up without a redeploy and SSM sees one call per
// environment per max-age, not one per request.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';

export type SigningSecretSource = () => Promise<string>;

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
  const provider = new SSMProvider(options.client ? { awsSdkV3Client: options.client } : {});
  // Concurrent invocations that miss the cache together share one SSM call.
  let pending: Promise<string> | undefined;

  const read = async (): Promise<string> => {
    let value: string | undefined;
    try {
      value = await provider.get(options.parameterName, { decrypt: true, maxAge: options.maxAgeSeconds });
    } catch (error) {
      throw new SigningSecretUnavailableError(
        `cannot read SSM parameter ${options.parameterName}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw new SigningSecretUnavailableError(`SSM parameter ${options.parameterName} is empty`);
    }
    return value;
  };

  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
