// One place that builds SDK clients, so every client gets the same region, endpoint override,
// retry policy and connection pool. Credentials always come from the SDK's default chain
// (OIDC role from configure-aws-credentials, env vars, profiles, instance roles).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { CutoverError } from '../pipeline/errors.js';

export interface AwsClientOptions {
  /** Undefined: the SDK's chain (AWS_REGION, profile, IMDS). */
  readonly region?: string;
  /** Explicit endpoint; otherwise the SDK honours AWS_ENDPOINT_URL(_<SERVICE>) by itself. */
  readonly endpointUrl?: string;
  /** Sockets per client. The SDK's default of 50 would queue a load test; size it to the work. */
  readonly maxSockets?: number;
  /** Attempts per call, first one included, with adaptive (client-side rate-limited) retries. */
  readonly maxAttempts?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Read for the endpoint variables; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export const DEFAULT_MAX_SOCKETS = 50;
export const DEFAULT_MAX_ATTEMPTS = 6;

/** A NodeHttpHandler with keep-alive agents sized to the caller's concurrency. */
export function createHttpHandler(options: AwsClientOptions = {}): NodeHttpHandler {
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  return new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    requestTimeout: options.requestTimeoutMs ?? 60_000,
  });
}

/** Builds any v3 client with the shared settings; `extra` adds service-specific config. */
export function createAwsClient<C>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every v3 client class fits
  Client: new (config: any) => C,
  options: AwsClientOptions = {},
  extra: Record<string, unknown> = {},
): C {
  return new Client({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: createHttpHandler(options),
    ...extra,
  });
}

/** The endpoint S3 will use when one is overridden (explicitly or through the environment). */
export function s3EndpointOverride(options: AwsClientOptions): string | undefined {
  if (options.endpointUrl) return options.endpointUrl;
  const env = options.env ?? process.env;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}

/** S3 settings: path-style addressing and only-required checksums behind an emulator. */
export function s3ClientExtras(options: AwsClientOptions): Record<string, unknown> {
  return s3EndpointOverride(options)
    ? {
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : {};
}

/** The clients a run uses, created on first use. Later stages add theirs here. */
export class AwsClients {
  #cloudFormation?: CloudFormationClient;
  #s3?: S3Client;

  constructor(readonly options: AwsClientOptions = {}) {}

  get cloudFormation(): CloudFormationClient {
    return (this.#cloudFormation ??= createAwsClient(CloudFormationClient, this.options));
  }

  get s3(): S3Client {
    return (this.#s3 ??= createAwsClient(S3Client, this.options, s3ClientExtras(this.options)));
  }

  /** The region the clients resolve to; REGION_MISSING when nothing configures one. */
  async region(): Promise<string> {
    try {
      return await this.cloudFormation.config.region();
    } catch (e) {
      throw new CutoverError(
        'REGION_MISSING',
        'No AWS region is configured: set the region input (--region on the CLI) or AWS_REGION.',
        [],
        { cause: e },
      );
    }
  }

  destroy(): void {
    this.#cloudFormation?.destroy();
    this.#s3?.destroy();
  }
}
