// LMI execution: multi-concurrent environments started during Pending, least-loaded placement,
// throttles when full, scale-up within MaxVCpuCount, worker threads per vCPU, timeouts that
// fail one invocation without touching the others.
import { afterEach, describe, expect, it } from '@jest/globals';
import { AwsError } from '../../emulator/errors.js';
import { FunctionInitError, liveWorkerCount } from '../../emulator/runtime/index.js';
import { body, eventually, invoke, Runtimes, settle, spec, tail } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

interface SleeperAnswer {
  initId: string;
  logStream: string;
}

describe('LMI version runtime', () => {
  it('serves 48 concurrent invocations with exactly 3 environments, throttles the 49th, then scales up', async () => {
    const runtime = runtimes.create(spec('sleeper', { lmi: { maxConcurrency: 16, minEnvironments: 3 } }));
    await runtime.start();
    expect(runtime.counters()).toMatchObject({ environments: 3, environmentsStarted: 3, coldStarts: 0 });

    const burst = Array.from({ length: 48 }, () => invoke(runtime, { ms: 400 }));
    const extra = invoke(runtime, { ms: 400 });
    await expect(extra).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      statusCode: 429,
      extra: { Reason: 'ConcurrentInvocationLimitExceeded', Type: 'User' },
    });
    const throttledAt = Date.now();
    // The throttle launched one more environment; it is not usable before the scale-up delay.
    expect(runtime.counters()).toMatchObject({ environments: 3, environmentsStarted: 4 });

    const results = await Promise.all(burst);
    expect(results.every((r) => r.functionError === undefined)).toBe(true);
    const answers = results.map((r) => body<SleeperAnswer>(r));
    expect(new Set(answers.map((a) => a.initId)).size).toBe(3);
    expect(new Set(results.map((r) => r.environmentId)).size).toBe(3);
    for (const [i, r] of results.entries())
      expect(answers[i]?.logStream.endsWith(r.environmentId)).toBe(true);
    const counters = runtime.counters();
    expect(counters).toMatchObject({ invocations: 48, throttles: 1, errors: 0, coldStarts: 0 });
    expect(Object.values(counters.peakInFlightByEnvironment)).toEqual([16, 16, 16, 0]);

    await eventually(() => runtime.counters().environments === 4);
    expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(300 - 5);
    const wider = await Promise.all(Array.from({ length: 64 }, () => invoke(runtime, { ms: 200 })));
    expect(new Set(wider.map((r) => r.environmentId)).size).toBe(4);
    expect(runtime.counters().throttles).toBe(1);
  });

  it('does not scale beyond the capacity provider MaxVCpuCount', async () => {
    const runtime = runtimes.create(
      spec('sleeper', { lmi: { maxConcurrency: 2, minEnvironments: 3, maxVCpuCount: 3, scaleUpDelayMs: 0 } }),
    );
    await runtime.start();
    const burst = Array.from({ length: 6 }, () => invoke(runtime, { ms: 200 }));
    await expect(invoke(runtime)).rejects.toBeInstanceOf(AwsError);
    expect(runtime.counters()).toMatchObject({ throttles: 1, environmentsStarted: 3 });
    await Promise.all(burst);
  });

  it('runs one worker thread per vCPU (or AWS_LAMBDA_NODEJS_WORKER_COUNT), least-loaded first', async () => {
    const byVcpu = runtimes.create(
      spec('sleeper', { memoryMb: 4096, lmi: { maxConcurrency: 32, minEnvironments: 1 } }),
    );
    const byOverride = runtimes.create(
      spec('sleeper', {
        environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '3' },
        lmi: { maxConcurrency: 30, minEnvironments: 1 },
      }),
    );
    await Promise.all([byVcpu.start(), byOverride.start()]);
    const perWorker = async (runtime: typeof byVcpu, n: number) => {
      const results = await Promise.all(Array.from({ length: n }, () => invoke(runtime, { ms: 150 })));
      expect(new Set(results.map((r) => r.environmentId)).size).toBe(1);
      const counts = new Map<string, number>();
      for (const r of results) {
        const id = body<SleeperAnswer>(r).initId;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [...counts.values()];
    };
    expect(await perWorker(byVcpu, 32)).toEqual([16, 16]);
    expect(await perWorker(byOverride, 30)).toEqual([10, 10, 10]);
  });

  it('shares module state between the concurrent requests of one worker', async () => {
    const runtime = runtimes.create(spec('leaky', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const results = await Promise.all(Array.from({ length: 10 }, () => invoke(runtime, { ms: 150 })));
    const answers = results.map((r) => body<{ seenAtStart: number; seenAtEnd: number }>(r));
    expect(answers.map((a) => a.seenAtStart).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answers.every((a) => a.seenAtEnd === 10)).toBe(true);
  });

  it('times out one invocation while the others in the environment keep running', async () => {
    const runtime = runtimes.create(spec('slow', { timeoutSeconds: 2, lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const late = runtime.invoke({ payload: Buffer.from('{}'), requestId: 'req-timeout', logType: 'Tail' });
    // Starts halfway through the first one's timeout and ends after it, well within its own.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const onTime = invoke(runtime, { ms: 1500 });
    const timedOut = await late;
    expect(runtime.counters().inFlight).toBe(1);
    const finished = await onTime;

    expect(timedOut.functionError).toBe('Unhandled');
    expect(body(timedOut)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-timeout Error: Task timed out after 2.00 seconds',
    });
    expect(tail(timedOut)).toMatch(/req-timeout Task timed out after 2\.\d\d seconds/);
    expect(tail(timedOut)).toMatch(/REPORT RequestId: req-timeout\t.*Status: timeout/);
    expect(finished.functionError).toBeUndefined();
    expect(body(finished)).toEqual({ finished: true });
    expect(finished.environmentId).toBe(timedOut.environmentId);
    expect(runtime.counters()).toMatchObject({ environments: 1, environmentsStarted: 1, errors: 1 });
  });

  it('fails start() with a StateReasonCode when the code cannot initialize', async () => {
    const runtime = runtimes.create(spec('esm', { handler: 'missing.handler' }));
    const failure = await runtime.start().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FunctionInitError);
    expect(failure).toMatchObject({
      stateReasonCode: 'FunctionError.RuntimeInitError',
      payload: { errorType: 'Runtime.ImportModuleError' },
    });
    await runtime.stop();
    expect(liveWorkerCount()).toBe(0);
  });

  it('refuses invocations before start(), as a Pending version does', async () => {
    const runtime = runtimes.create(spec('sleeper'));
    await expect(invoke(runtime)).rejects.toMatchObject({
      name: 'ResourceConflictException',
      statusCode: 409,
    });
  });

  it('refuses callback handlers on Managed Instances, as the Node.js runtime does', async () => {
    const runtime = runtimes.create(spec('callback'));
    await expect(runtime.start()).rejects.toMatchObject({
      payload: {
        errorType: 'Runtime.CallbackHandlerDeprecated',
        errorMessage: expect.stringContaining('Node.js 22 with Managed Instances'),
      },
    });
  });

  it('keeps the throttle answer for a full version even with many environments', async () => {
    const runtime = runtimes.create(
      spec('sleeper', { lmi: { maxConcurrency: 1, minEnvironments: 2, maxVCpuCount: 2 } }),
    );
    await runtime.start();
    const { ok, failed } = await settle(Array.from({ length: 5 }, () => invoke(runtime, { ms: 200 })));
    expect(ok).toHaveLength(2);
    expect(failed).toHaveLength(3);
    expect(failed.every((e) => e instanceof AwsError && e.code === 'TooManyRequestsException')).toBe(true);
  });
});
