import { describe, expect, it } from '@jest/globals';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { availableParallelism } from 'node:os';
import {
  AwsClients,
  IN_FLIGHT_PER_LOAD_WORKER,
  createAwsClient,
  s3EndpointOverride,
} from '../../src/aws/clients.js';
import { workersFor } from '../../src/pipeline/verify/load/worker-pool.js';

describe('AWS client factory', () => {
  it('sets region, endpoint, adaptive retries and a socket pool sized by the caller', async () => {
    const client = createAwsClient(LambdaClient, {
      region: 'eu-west-1',
      endpointUrl: 'http://127.0.0.1:4566',
      maxSockets: 256,
      maxAttempts: 4,
    });
    expect(await client.config.region()).toBe('eu-west-1');
    const strategy = (await client.config.retryStrategy()) as unknown as {
      mode: string;
      maxAttemptsProvider: () => Promise<number>;
    };
    expect(strategy.mode).toBe('adaptive');
    expect(await strategy.maxAttemptsProvider()).toBe(4);
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4566');
    const handler = client.config.requestHandler as NodeHttpHandler;
    expect(handler).toBeInstanceOf(NodeHttpHandler);
    // The agents are created lazily by the handler; their configured size is what matters.
    type AgentConfig = {
      httpsAgent: { maxSockets: number };
      httpAgentProvider: () => Promise<{ maxSockets: number }>;
    };
    const config = await (handler as unknown as { configProvider: Promise<AgentConfig> }).configProvider;
    expect(config.httpsAgent.maxSockets).toBe(256);
    expect((await config.httpAgentProvider()).maxSockets).toBe(256);
    client.destroy();
  });

  it('uses path-style S3 addressing whenever an endpoint is overridden, and virtual hosts otherwise', async () => {
    const emulated = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566', env: {} });
    expect(emulated.s3.config.forcePathStyle).toBe(true);
    const fromEnv = new AwsClients({
      region: 'us-east-1',
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' },
    });
    expect(fromEnv.s3.config.forcePathStyle).toBe(true);
    const real = new AwsClients({ region: 'us-east-1', env: {} });
    expect(real.s3.config.forcePathStyle).toBeFalsy();
    for (const c of [emulated, fromEnv, real]) c.destroy();
  });

  it('finds the S3 endpoint override the SDK would use', () => {
    expect(s3EndpointOverride({ endpointUrl: 'http://a' })).toBe('http://a');
    expect(
      s3EndpointOverride({ env: { AWS_ENDPOINT_URL_S3: 'http://s3', AWS_ENDPOINT_URL: 'http://all' } }),
    ).toBe('http://s3');
    expect(
      s3EndpointOverride({
        env: { AWS_ENDPOINT_URL: 'http://all', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      }),
    ).toBeUndefined();
    expect(s3EndpointOverride({ env: {} })).toBeUndefined();
  });

  it('gives the load test a Lambda client with a socket per request in flight and no retries', async () => {
    const clients = new AwsClients({ region: 'us-east-1', env: {} });
    const load = clients.lambdaForLoad(300);
    expect(load).not.toBe(clients.lambda);
    const strategy = (await load.config.retryStrategy()) as unknown as {
      maxAttemptsProvider: () => Promise<number>;
    };
    expect(await strategy.maxAttemptsProvider()).toBe(1);
    type AgentConfig = { httpsAgent: { maxSockets: number }; requestTimeout: number };
    const handler = load.config.requestHandler as unknown as { configProvider: Promise<AgentConfig> };
    const config = await handler.configProvider;
    expect(config.httpsAgent.maxSockets).toBe(300);
    expect(config.requestTimeout).toBeGreaterThan(900_000);
    // The shared clients keep the defaults.
    const shared = clients.lambda.config.requestHandler as unknown as {
      configProvider: Promise<AgentConfig>;
    };
    expect((await shared.configProvider).httpsAgent.maxSockets).toBe(50);
    clients.destroy();
  });

  it('spreads a load test over one worker per 256 in flight by default, or over the number set', () => {
    const byDefault = new AwsClients({ region: 'us-east-1', env: {} });
    const chosen = new AwsClients({ region: 'us-east-1', env: {}, loadWorkers: 3 });
    const viaSdk = new AwsClients({ region: 'us-east-1', env: {}, loadInvoke: 'sdk' });
    try {
      const plan = byDefault.loadWorkersFor(byDefault.lambdaForLoad(64))!;
      expect(plan).toEqual({ max: availableParallelism(), inFlightPerWorker: IN_FLIGHT_PER_LOAD_WORKER });
      expect(IN_FLIGHT_PER_LOAD_WORKER).toBe(256);
      // Only a load client's requests go out from workers; through the SDK otherwise.
      expect(byDefault.loadWorkersFor(byDefault.lambda)).toBeUndefined();
      expect(viaSdk.loadWorkersFor(viaSdk.lambdaForLoad(64))).toBeUndefined();
      const set = chosen.loadWorkersFor(chosen.lambdaForLoad(64))!;
      expect(set).toEqual({ max: 3, inFlightPerWorker: 1 });
      // Threads per burst: 64 and 256 in flight take one, 257 two, 1,000 the four a 16-core runner has.
      expect([64, 256, 257, 1000].map((c) => workersFor(c, 256, 16))).toEqual([1, 1, 2, 4]);
      expect(workersFor(1000, 256, 2)).toBe(2);
      // A number set is used as far as the concurrency allows.
      expect([1, 2, 4, 64].map((c) => workersFor(c, set.inFlightPerWorker, set.max))).toEqual([1, 2, 3, 3]);
    } finally {
      for (const c of [byDefault, chosen, viaSdk]) c.destroy();
    }
  });

  it('says how to set a region when none is configured', async () => {
    const clients = new AwsClients({ env: {} });
    const saved = {
      AWS_REGION: process.env.AWS_REGION,
      AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION,
      AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
    };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    try {
      await expect(clients.region()).rejects.toMatchObject({ code: 'REGION_MISSING' });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      clients.destroy();
    }
  });
});
