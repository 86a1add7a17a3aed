// What the direct invoker (aws/lambda-invoke.ts) takes from the SDK client it stands in for:
// the endpoint and region, resolved by the SDK's own endpoint rules for Invoke (so the
// `endpoint-url` input, AWS_ENDPOINT_URL(_LAMBDA), FIPS and dual-stack settings apply exactly
// as they do to every other call), and credentials from the client's provider chain.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import type { SigningCredentials } from './sigv4.js';

export interface InvokeEndpoint {
  readonly endpoint: string;
  readonly region: string;
}

export async function resolveInvokeEndpoint(
  lambda: LambdaClient,
  functionName: string,
): Promise<InvokeEndpoint> {
  const resolved = await getEndpointFromInstructions(
    { FunctionName: functionName },
    InvokeCommand,
    lambda.config,
  );
  return { endpoint: resolved.url.href, region: await lambda.config.region() };
}

/** The SDK refreshes credentials this long before they expire; so does the load generator. */
const CREDENTIALS_REFRESH_WINDOW_MS = 5 * 60_000;

/**
 * The client's credentials, asked of its provider chain again only when they come within the
 * refresh window of their expiration (role sessions from OIDC last an hour).
 */
export class LoadCredentials {
  #current?: SigningCredentials;

  constructor(private readonly lambda: LambdaClient) {}

  /** True when the credentials held now will not last `forMs` more (plus the refresh window). */
  expiresWithin(forMs: number, nowMs = Date.now()): boolean {
    const expiration = this.#current?.expiration?.getTime();
    return (
      !this.#current ||
      (expiration !== undefined && expiration - nowMs < CREDENTIALS_REFRESH_WINDOW_MS + forMs)
    );
  }

  async current(nowMs = Date.now()): Promise<SigningCredentials> {
    if (this.#current && !this.expiresWithin(0, nowMs)) return this.#current;
    const c = await this.lambda.config.credentials();
    this.#current = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
    };
    return this.#current;
  }
}
