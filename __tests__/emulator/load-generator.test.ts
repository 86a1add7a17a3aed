// The load generator's direct path (load workers, the direct invoker) against the local cloud,
// next to the SDK path it stands in for: the same burst gives the same samples, field for
// field; throttles, function errors, Lambda's errors and the log tail read alike; the merged
// latency histograms give summarizeLatencies' figures; a cancelled run stops the burst.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { AwsClients } from '../../src/aws/clients.js';
import { DirectLambdaInvoker } from '../../src/aws/lambda-invoke.js';
import { summarizeLatencies } from '../../src/core/stats.js';
import { systemClock } from '../../src/core/clock.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import type { Sample } from '../../src/pipeline/verify/load/sample.js';
import { fireWebhookBurst, type WebhookBurstPlan } from '../../src/pipeline/verify/load/webhook-burst.js';
import { measureLoadRequest } from '../../src/pipeline/verify/checks/load.js';
import { signerFor, type RequestSigner } from '../../src/pipeline/verify/checks/signing.js';
import type { AppStack } from '../../src/pipeline/webhook/workload-stack.js';
import { sdkInvoke } from '../../src/pipeline/webhook/invoke.js';
import { invokeWith } from '../../src/pipeline/webhook/invoke-outcome.js';
import { newSigningSecret, signingSecrets } from '../../src/pipeline/webhook/signature.js';
import { ROLE, clientConfig, startTestEmulator, zipOf } from './helpers.js';

/** Answers like the workload; every 5th delivery throws, every 7th is refused with a 400. */
const HANDLER = `
import { randomUUID } from 'node:crypto';
const environmentId = randomUUID();
export const handler = async (event, context) => {
  const seq = JSON.parse(event.body).lmi_cutover.seq;
  await new Promise((r) => setTimeout(r, 20));
  if (seq % 5 === 0) throw new RangeError('seq ' + seq + ' refused');
  if (seq % 7 === 0) return { statusCode: 400, body: JSON.stringify({ message: 'bad delivery ' + event.headers['webhook-id'] }) };
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: 'stored',
      request_id: context.awsRequestId,
      environment_id: environmentId,
      event_id: randomUUID(),
      compute_type: 'lambda',
    }),
  };
};
`;

/**
 * A checks-file app: the request's own seq from its signed delivery id (`….<seq>`); every 5th
 * throws, every 7th answers 400, the rest 201 with the body's sku and what the stage handed over.
 */
const ORDERS = `
export const handler = async (event) => {
  const id = event.headers['webhook-id'] ?? '';
  const seq = Number(id.split('.').pop());
  await new Promise((r) => setTimeout(r, 20));
  if (seq % 5 === 0) throw new RangeError('order ' + seq + ' refused');
  if (seq % 7 === 0) return { statusCode: 400, body: JSON.stringify({ message: 'bad order ' + seq }) };
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sku: JSON.parse(event.body).sku,
      resource: event.resource,
      id: event.pathParameters?.id ?? null,
      live: event.stageVariables.liveFunction,
      signed: /^v1,/.test(event.headers['webhook-signature'] ?? ''),
      prefix: id.split('.').slice(0, -1).join('.'),
    }),
  };
};
`;

let emu: Emulator;
let ordersVersion: string;
let sdk: LambdaClient;
let version: string;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: { accountConcurrencyLimit: 6 } });
  // The load client takes credentials from the SDK's chain, as in a run.
  process.env.AWS_ACCESS_KEY_ID = emu.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = emu.credentials.secretAccessKey;
  process.env.AWS_SESSION_TOKEN = 'session-token-of-the-test';
  sdk = new LambdaClient(clientConfig(emu));
  await sdk.send(
    new CreateFunctionCommand({
      FunctionName: 'hooks',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
    }),
  );
  version = (await sdk.send(new PublishVersionCommand({ FunctionName: 'hooks' }))).Version!;
  await waitUntilPublishedVersionActive(
    { client: sdk, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
    { FunctionName: 'hooks', Qualifier: version },
  );
  await sdk.send(
    new CreateFunctionCommand({
      FunctionName: 'orders',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await zipOf({ 'index.mjs': ORDERS }) },
    }),
  );
  ordersVersion = (await sdk.send(new PublishVersionCommand({ FunctionName: 'orders' }))).Version!;
  await waitUntilPublishedVersionActive(
    { client: sdk, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
    { FunctionName: 'orders', Qualifier: ordersVersion },
  );
});

afterAll(async () => {
  sdk.destroy();
  await emu.stop();
  process.env = saved;
});

function context(signal?: AbortSignal): PipelineContext & { aws: AwsClients } {
  return {
    progress: { emit: () => undefined, group: (_n, fn) => fn(), mask: () => undefined },
    clock: systemClock,
    signal,
    aws: new AwsClients({ region: emu.region, endpointUrl: emu.endpoint, env: {}, loadWorkers: 2 }),
  };
}

const plan = (concurrency: number, requests: number, runId = 'equivalent'): WebhookBurstPlan => ({
  target: { side: 'standard', functionName: 'hooks', qualifier: version },
  stage: {
    restApiId: 'api0123456',
    stageName: 'prod',
    domainName: 'api0123456.execute-api.us-east-1.amazonaws.com',
    accountId: '000000000000',
    stageVariables: { liveFunction: 'hooks:live' },
  },
  concurrency,
  requests,
  kind: 'load',
  runId,
  secrets: signingSecrets(newSigningSecret()),
});

/** What a sample says regardless of timing and of the ids each invocation gets. */
const comparable = (s: Sample) => ({
  seq: s.seq,
  id: s.id,
  outcome: s.outcome,
  accepted: s.accepted,
  statusCode: s.statusCode,
  status: s.status,
  functionError: s.functionError,
  error: s.error?.replace(/[0-9a-f-]{36}/g, '<uuid>'),
  computeType: s.computeType,
  ownIds: s.requestId !== undefined && s.requestId === s.invocationId,
  eventId: typeof s.eventId,
  environmentId: typeof s.environmentId,
  durationMs: typeof s.durationMs,
  timed: s.endMs - s.startMs === s.latencyMs,
});

describe('the direct load path', () => {
  it('gives the samples the SDK path gives for the same burst, with cold starts from the log tail', async () => {
    const ctx = context();
    try {
      const viaSdk = await fireWebhookBurst(ctx, { lambda: sdk }, plan(4, 40));
      const load = ctx.aws.lambdaForLoad(4);
      const direct = await fireWebhookBurst(ctx, { lambda: load }, plan(4, 40));
      // The SDK path ran in this thread; the direct one in workers with merged histograms.
      expect(viaSdk.latency).toBeUndefined();
      expect(direct.latency).toBeDefined();
      expect(direct.samples).toHaveLength(40);
      expect(direct.samples.map(comparable)).toEqual(viaSdk.samples.map(comparable));
      expect(direct.samples.filter((s) => s.outcome === 'function-error')[0]).toMatchObject({
        functionError: 'RangeError',
        error: 'RangeError: seq 5 refused',
      });
      expect(direct.samples.filter((s) => s.accepted)).toHaveLength(40 - 8 - 5 + 1);
      // A fresh version: its first invocations started environments, and the REPORT line said so.
      expect(viaSdk.samples.some((s) => s.coldStart)).toBe(true);
      const again = await fireWebhookBurst(ctx, { lambda: load }, plan(4, 8, 'warm'));
      expect(again.samples.every((s) => s.durationMs !== undefined)).toBe(true);
      // Exactly the figures summarizeLatencies gives for the answered samples.
      const timed = direct.samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
      const exact = summarizeLatencies(timed.map((s) => s.latencyMs));
      expect({ ...direct.latency, mean: undefined }).toEqual({ ...exact, mean: undefined });
      expect(direct.latency!.mean).toBeCloseTo(exact.mean, 1);
      expect(direct.generator).toMatchObject({ senders: 2 });
      expect(direct.generator!.cpuMsPerRequest).toBeGreaterThan(0);
    } finally {
      ctx.aws.destroy();
    }
  });

  it('counts throttles as throttles, with the SDK path’s message', async () => {
    const ctx = context();
    try {
      const viaSdk = await fireWebhookBurst(ctx, { lambda: sdk }, plan(16, 48, 'throttled'));
      const direct = await fireWebhookBurst(
        ctx,
        { lambda: ctx.aws.lambdaForLoad(16) },
        plan(16, 48, 'throttled'),
      );
      const throttled = (samples: readonly Sample[]) => samples.filter((s) => s.outcome === 'throttled');
      expect(throttled(direct.samples).length).toBeGreaterThan(0);
      expect(new Set(throttled(direct.samples).map((s) => s.error))).toEqual(
        new Set(throttled(viaSdk.samples).map((s) => s.error)),
      );
    } finally {
      ctx.aws.destroy();
    }
  });

  it("reads Lambda's errors as the SDK does: the same code and message", async () => {
    const [endpoint, region] = [emu.endpoint, emu.region];
    const direct = new DirectLambdaInvoker({ endpoint, region, connections: 1 }, () => ({
      ...emu.credentials,
      sessionToken: 'token',
    }));
    try {
      for (const qualifier of ['999', 'no-such-alias']) {
        const target = { side: 'standard' as const, functionName: 'hooks', qualifier };
        const payload = Buffer.from('{}');
        const a = await invokeWith(sdkInvoke(sdk), target, payload, { logTail: true });
        const b = await invokeWith((c) => direct.invoke(c), target, payload, { logTail: true });
        expect(a.kind).toBe('failed');
        expect({ ...b, latencyMs: 0 }).toEqual({ ...a, latencyMs: 0 });
      }
    } finally {
      await direct.close();
    }
  });

  it('stops when the run is cancelled', async () => {
    const abort = new AbortController();
    const ctx = context(abort.signal);
    try {
      setTimeout(() => abort.abort(), 150);
      await expect(
        fireWebhookBurst(ctx, { lambda: ctx.aws.lambdaForLoad(4) }, plan(4, 400, 'cancelled')),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      ctx.aws.destroy();
    }
  });
});

describe("the direct load path for a checks file's load request", () => {
  /** The checks file's signing, its secret read from SSM as in a run. */
  async function signer(ctx: PipelineContext): Promise<RequestSigner> {
    const ssm = new SSMClient(clientConfig(emu));
    try {
      await ssm.send(
        new PutParameterCommand({
          Name: '/orders/signing',
          Type: 'SecureString',
          Value: newSigningSecret(),
          Overwrite: true,
        }),
      );
    } finally {
      ssm.destroy();
    }
    const sign = await signerFor(
      ctx,
      { scheme: 'standard-webhooks', secret: { ssmParameter: '/orders/signing' } },
      { runId: 'run1', functionEnvironment: {}, functionName: 'orders' },
    );
    return sign!;
  }
  const stack = (): AppStack => ({
    lmi: {
      side: 'lmi',
      functionName: 'orders',
      qualifier: ordersVersion,
      version: ordersVersion,
      aliasArn: 'arn',
    },
    standard: { side: 'standard', functionName: 'orders', qualifier: ordersVersion, aliasArn: 'arn' },
    accountId: '000000000000',
    api: { restApiId: 'api0123456', stageName: 'prod' },
  });
  const traffic = (sign: RequestSigner) => ({
    stack: stack(),
    region: emu.region,
    load: {
      request: { method: 'POST' as const, path: '/orders/o-1', body: { sku: 'L-1', qty: 1 } },
      expect: { status: 201, json: { sku: 'L-1', resource: '/orders/{id}', id: 'o-1', signed: true } },
    },
    routes: ['/orders', '/orders/{id}'],
    sign,
    concurrency: 4,
    requests: 40,
  });

  it('sends, signs and judges each request as the main thread does, from the load workers', async () => {
    const ctx = context();
    try {
      const sign = await signer(ctx);
      // The SDK client is not a load client: the burst goes out from this thread.
      const viaSdk = await measureLoadRequest(ctx, sdk, traffic(sign), 'lmi');
      const direct = await measureLoadRequest(ctx, ctx.aws.lambdaForLoad(4), traffic(sign), 'lmi');
      expect(viaSdk.burst.latency).toBeUndefined();
      expect(direct.burst.latency).toBeDefined();
      expect(direct.burst.generator).toMatchObject({ senders: 2 });
      expect(direct.burst.samples.map(comparable)).toEqual(viaSdk.burst.samples.map(comparable));
      // 40 requests: 8 function errors (every 5th), 4 refused with 400 (every 7th but 35, a 5th).
      expect(direct.result).toMatchObject({ requests: 40, errors: 12 });
      expect(direct.burst.samples.filter((s) => s.accepted)).toHaveLength(28);
      const refused = direct.burst.samples.find((s) => s.seq === 7)!;
      expect(refused.error).toMatch(/^status 400, not 201/);
      expect(direct.burst.samples.find((s) => s.seq === 5)).toMatchObject({ functionError: 'RangeError' });
      // The log tail's REPORT line came back through the workers too.
      const answered = direct.burst.samples.filter((s) => s.accepted);
      expect(answered.every((s) => s.durationMs !== undefined)).toBe(true);
    } finally {
      ctx.aws.destroy();
    }
  });
});
