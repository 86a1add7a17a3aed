// One place that builds SDK clients, so every client gets the same region, endpoint override,
// retry policy and connection pool. Credentials always come from the SDK's default chain
// (OIDC role from configure-aws-credentials, env vars, profiles, instance roles).
import { Agent as HttpAgent } from 'node:http';
import { availableParallelism } from 'node:os';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { CutoverError } from '../core/errors.js';

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
  /**
   * How a load test's invocations go out: 'direct' (the default) signs and sends each one itself
   * from worker threads (aws/lambda-invoke.ts); 'sdk' sends them through the SDK client in the
   * main thread, for tests that mock the SDK.
   */
  readonly loadInvoke?: 'direct' | 'sdk';
  /**
   * Worker threads one load test spreads over (the `load-workers` input). Default: one per
   * IN_FLIGHT_PER_LOAD_WORKER requests in flight, at most the CPU count.
   */
  readonly loadWorkers?: number;
}

/** How a load test's requests are spread over worker threads. */
export interface LoadWorkers {
  /** Threads at most. */
  readonly max: number;
  /** Requests in flight each thread takes before another is used (1: as many as `max` allows). */
  readonly inFlightPerWorker: number;
}

/**
 * The in-flight requests one load worker holds by default before a second is used. Measured by
 * `npm run bench:load` on 2 cores: one thread keeps 256 in flight with its loop ~20 % busy, and
 * a thread answering fewer requests each wakes up for fewer at a time, which costs more CPU per
 * request (0.34 ms at 64 in flight on one thread, 0.43 ms over two).
 */
export const IN_FLIGHT_PER_LOAD_WORKER = 256;

const DEFAULT_MAX_SOCKETS = 50;
const DEFAULT_MAX_ATTEMPTS = 6;

/** A NodeHttpHandler with keep-alive agents sized to the caller's concurrency. */
function createHttpHandler(options: AwsClientOptions = {}): NodeHttpHandler {
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
function s3ClientExtras(options: AwsClientOptions): Record<string, unknown> {
  return s3EndpointOverride(options)
    ? {
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : {};
}

/** Above Lambda's 900 s function timeout: a slow invocation is timed, never cut off. */
const LOAD_CLIENT_REQUEST_TIMEOUT_MS = 960_000;

/** The clients a run uses, created on first use. Later stages add theirs here. */
export class AwsClients {
  #cloudFormation?: CloudFormationClient;
  #s3?: S3Client;
  #lambda?: LambdaClient;
  #dynamoDb?: DynamoDBClient;
  #ssm?: SSMClient;
  #apiGateway?: APIGatewayClient;
  #cloudWatch?: CloudWatchClient;
  readonly #extra: Array<{ destroy(): void }> = [];
  readonly #loadClients = new WeakSet<LambdaClient>();

  constructor(readonly options: AwsClientOptions = {}) {}

  get cloudFormation(): CloudFormationClient {
    return (this.#cloudFormation ??= createAwsClient(CloudFormationClient, this.options));
  }

  get s3(): S3Client {
    return (this.#s3 ??= createAwsClient(S3Client, this.options, s3ClientExtras(this.options)));
  }

  get lambda(): LambdaClient {
    return (this.#lambda ??= createAwsClient(LambdaClient, this.options));
  }

  get dynamoDb(): DynamoDBClient {
    return (this.#dynamoDb ??= createAwsClient(DynamoDBClient, this.options));
  }

  get ssm(): SSMClient {
    return (this.#ssm ??= createAwsClient(SSMClient, this.options));
  }

  get apiGateway(): APIGatewayClient {
    return (this.#apiGateway ??= createAwsClient(APIGatewayClient, this.options));
  }

  get cloudWatch(): CloudWatchClient {
    return (this.#cloudWatch ??= createAwsClient(CloudWatchClient, this.options));
  }

  /**
   * A Lambda client for a load test of `concurrency` invocations in flight: one socket per
   * request (the default 50 would queue requests and measure the queue) and one attempt per
   * call, so a throttle is counted as a throttle instead of hidden in a slower success.
   * Destroyed with the other clients.
   */
  lambdaForLoad(concurrency: number): LambdaClient {
    const client = createAwsClient(LambdaClient, {
      ...this.options,
      maxSockets: Math.max(1, concurrency),
      maxAttempts: 1,
      requestTimeoutMs: LOAD_CLIENT_REQUEST_TIMEOUT_MS,
    });
    this.#extra.push(client);
    this.#loadClients.add(client);
    return client;
  }

  /**
   * Worker threads for a load test through `lambda`: its invocations may go out directly when it
   * is a load client (lambdaForLoad) and loadInvoke allows it; undefined: through the SDK client.
   */
  loadWorkersFor(lambda: LambdaClient): LoadWorkers | undefined {
    if ((this.options.loadInvoke ?? 'direct') !== 'direct' || !this.#loadClients.has(lambda))
      return undefined;
    const { loadWorkers } = this.options;
    // A number the user chose is used as far as the concurrency allows.
    return loadWorkers === undefined
      ? { max: Math.max(1, availableParallelism()), inFlightPerWorker: IN_FLIGHT_PER_LOAD_WORKER }
      : { max: Math.max(1, loadWorkers), inFlightPerWorker: 1 };
  }

  /** Ends `resource` with the clients: what a load test keeps between bursts (its workers). */
  keep<T extends { destroy(): void }>(resource: T): T {
    this.#extra.push(resource);
    return resource;
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
    this.#lambda?.destroy();
    this.#dynamoDb?.destroy();
    this.#ssm?.destroy();
    this.#apiGateway?.destroy();
    this.#cloudWatch?.destroy();
    for (const client of this.#extra.splice(0)) client.destroy();
  }
}
