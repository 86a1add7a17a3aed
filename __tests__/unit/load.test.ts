// The concurrency check against the workload's real handler (a mocked Lambda runs it in-process,
// its events go to dynalite): a healthy burst passes isolation with every delivery stored once;
// a handler that keeps the request id in module scope fails it.
import {
  WORKLOAD_SECRETS,
  routeInvocations,
  startWorkload,
  workloadOutputs,
  type FakeHandler,
  type WorkloadFixture,
} from './workload-lambda.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { CutoverError } from '../../src/core/errors.js';
import { assertIsolation, loadSizing, runLoadCheck } from '../../src/pipeline/verify/load.js';
import { workloadStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import { fakeClock, testContext, type TestContext } from './support.js';

const lambda = mockClient(LambdaClient);
let workload: WorkloadFixture;
let ctx: TestContext;

beforeAll(async () => {
  workload = await startWorkload();
});
afterAll(async () => {
  await workload.close();
});
beforeEach(() => {
  lambda.reset();
  // The workload checks signature timestamps against the real clock.
  ctx = {
    ...testContext({ mode: 'verify', endpointUrl: workload.dynamo.endpoint }),
    clock: fakeClock(Date.now()),
  };
});

const options = (runId: string, concurrency: number, requests: number) => ({
  concurrency,
  requests,
  runId,
  stack: workloadStackFromOutputs('webhook-test', workloadOutputs(workload.tableName)),
  region: 'us-east-1',
  secrets: WORKLOAD_SECRETS,
});

describe('runLoadCheck', () => {
  it('measures both sides with the same burst; every delivery is stored once with its own ids', async () => {
    const calls = routeInvocations(lambda, {
      'webhook-lmi:7': { handler: workload.lmi, version: '7' },
      'webhook-standard:3': { handler: workload.standard, version: '3', coldStarts: 4 },
    });
    const result = await runLoadCheck(ctx, options('healthy', 8, 40));
    for (const [side, run] of [
      ['lmi', result.lmi],
      ['standard', result.standard!],
    ] as const) {
      expect(run.result).toMatchObject({
        target: side,
        concurrency: 8,
        requests: 40,
        errors: 0,
        errorRate: 0,
        throttles: 0,
        throttleRate: 0,
        // One process: the workload's environment_id is the same module constant for both.
        environments: 1,
        isolation: { passed: true, mismatchedIds: 0, stored: 40, expectedStored: 40, duplicates: 0 },
      });
      expect(run.result.latency.count).toBe(40);
      expect(run.result.throughputRps).toBeGreaterThan(0);
      expect(run.result.peakInFlightPerEnvironment).toBeGreaterThanOrEqual(1);
      expect(run.result.peakInFlightPerEnvironment).toBeLessThanOrEqual(8);
      // The report must say how the peak was found: the workload counts it itself, and here one
      // process (one worker id) answered for each side. (This fake runs the standard handler
      // concurrently too, which standard Lambda never does; the emulator's e2e test shows 1.)
      expect(run.result.peakInFlightSource).toBe('function');
      expect(run.meanFunctionDurationMs).toBe(12.5);
    }
    expect(result.lmi.result.coldStarts).toBe(0);
    expect(result.standard!.result.coldStarts).toBe(4);
    expect(calls.filter((c) => c.key === 'webhook-lmi:7')).toHaveLength(40);
    expect(calls.filter((c) => c.key === 'webhook-standard:3')).toHaveLength(40);
    expect(calls.every((c) => c.logType === 'Tail')).toBe(true);
    // Each answer carried its own invocation's id.
    const samples = result.lmi.burst.samples;
    expect(samples.every((s) => s.requestId === s.invocationId)).toBe(true);
    expect(new Set(samples.map((s) => s.id)).size).toBe(40);
    expect(ctx.progress.lines).toEqual(
      expect.arrayContaining([
        'webhook-lmi:7: 40 signed webhooks, 8 in flight (LMI version)',
        'webhook-lmi:7: 10/40 requests, 0 errors, 0 throttles',
        'webhook-standard:3: 30/40 requests, 0 errors, 0 throttles',
      ]),
    );
    // Per side: the start, three progress marks, the figures; no warning about the twin.
    const side = [
      'verify.burst-started',
      'verify.burst-progress',
      'verify.burst-progress',
      'verify.burst-progress',
      'verify.burst-figures',
    ];
    expect(ctx.progress.codes).toEqual([...side, ...side]);
    expect(() => assertIsolation(result.lmi)).not.toThrow();
  });

  it('fails isolation when the handler keeps per-request state in module scope', async () => {
    // The leak a Node.js handler makes on LMI: a module-level "current request" that a
    // concurrent invocation overwrites while this one awaits.
    let current = '';
    const leaky: FakeHandler = async (event, requestId) => {
      current = requestId;
      await new Promise((r) => setImmediate(r));
      return workload.lmi(event, current);
    };
    routeInvocations(lambda, {
      'webhook-lmi:7': { handler: leaky, version: '7' },
      'webhook-standard:3': { handler: workload.standard, version: '3' },
    });
    const result = await runLoadCheck(ctx, options('leaky', 8, 32));
    expect(result.lmi.result.errors).toBe(0);
    expect(result.lmi.isolation.passed).toBe(false);
    expect(result.lmi.result.isolation?.mismatchedIds).toBeGreaterThan(0);
    expect(result.standard!.isolation.passed).toBe(true);
    let error: CutoverError | undefined;
    try {
      assertIsolation(result.lmi);
    } catch (e) {
      error = e as CutoverError;
    }
    expect(error?.code).toBe('ISOLATION_FAILED');
    expect(error?.message).toMatch(
      /^The LMI version mixed up concurrent requests: \d+ answer\(s\) or event\(s\) carried another request's ids/,
    );
    expect(error?.details[0]).toMatch(
      /^lmi-cutover\.leaky\.load\.lmi\.\d+: (answer carries request_id|request_id .* appears in)/,
    );
    expect(ctx.progress.codes).not.toContain('verify.twin-isolation-failed');
  });

  it('warns when the standard twin fails isolation too: the workload itself mixes up requests', async () => {
    const leakyOf = (handler: FakeHandler): FakeHandler => {
      let current = '';
      return async (event, requestId) => {
        current = requestId;
        await new Promise((r) => setImmediate(r));
        return handler(event, current);
      };
    };
    routeInvocations(lambda, {
      'webhook-lmi:7': { handler: leakyOf(workload.lmi), version: '7' },
      'webhook-standard:3': { handler: leakyOf(workload.standard), version: '3' },
    });
    const result = await runLoadCheck(ctx, options('both', 8, 32));
    expect(result.standard!.isolation.passed).toBe(false);
    expect(ctx.progress.codes).toContain('verify.twin-isolation-failed');
    expect(ctx.progress.warnings).toEqual([
      expect.stringMatching(
        /^The standard twin failed the isolation check too \(lmi-cutover\.both\.load\.standard\.\d+: .*\): the workload itself mixes up requests\.$/,
      ),
    ]);
  });
});

describe('loadSizing', () => {
  it('defaults to 3 environments × the per-environment concurrency, and 10 requests per request in flight', () => {
    expect(loadSizing({}, 64)).toEqual({ concurrency: 192, requests: 1920 });
    expect(loadSizing({ concurrency: 50 }, 64)).toEqual({ concurrency: 50, requests: 500 });
    expect(loadSizing({ concurrency: 50, loadRequests: 75 }, 64)).toEqual({ concurrency: 50, requests: 75 });
  });
});
