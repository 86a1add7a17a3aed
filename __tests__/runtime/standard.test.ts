// Standard Lambda execution: one invocation per environment, cold starts on demand with a real
// Init Duration, warm reuse, the account concurrency limit, and timeouts that end the environment.
import { afterEach, describe, expect, it } from '@jest/globals';
import { AccountConcurrency } from '../../emulator/runtime/index.js';
import { body, invoke, Runtimes, settle, spec, tail } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

describe('standard version runtime', () => {
  it('cold-starts one environment per concurrent invocation and reuses them when sequential', async () => {
    const runtime = runtimes.create(spec('sleeper', { lmi: false }));
    await runtime.start();
    expect(runtime.counters().environments).toBe(0);

    const burst = await Promise.all(Array.from({ length: 48 }, () => invoke(runtime, { ms: 300 })));
    expect(burst.every((r) => r.functionError === undefined)).toBe(true);
    expect(new Set(burst.map((r) => body<{ initId: string }>(r).initId)).size).toBe(48);
    expect(burst.every((r) => r.initDurationMs !== undefined && r.initDurationMs > 0)).toBe(true);
    expect(runtime.counters()).toMatchObject({ coldStarts: 48, environments: 48, invocations: 48 });
    expect(Object.values(runtime.counters().peakInFlightByEnvironment).every((n) => n === 1)).toBe(true);

    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await invoke(runtime, { ms: 1 }));
    expect(runtime.counters().coldStarts).toBe(48);
    expect(new Set(sequential.map((r) => r.environmentId)).size).toBe(1);
    expect(sequential.every((r) => r.initDurationMs === undefined)).toBe(true);
  });

  it('throttles beyond the account concurrency limit, shared between functions', async () => {
    const account = new AccountConcurrency(5);
    const a = runtimes.create(spec('sleeper', { lmi: false }), { accountConcurrency: account });
    const b = runtimes.create(spec('leaky', { lmi: false }), { accountConcurrency: account });
    const { ok, failed } = await settle([
      ...Array.from({ length: 3 }, () => invoke(a, { ms: 200 })),
      ...Array.from({ length: 3 }, () => invoke(b, { ms: 200 })),
    ]);
    expect(ok).toHaveLength(5);
    expect(failed).toEqual([
      expect.objectContaining({
        name: 'TooManyRequestsException',
        statusCode: 429,
        message: 'Rate Exceeded.',
        extra: { Reason: 'ConcurrentInvocationLimitExceeded', Type: 'User' },
      }),
    ]);
    expect(a.counters().throttles + b.counters().throttles).toBe(1);
    expect(account.inUse).toBe(0);
  });

  it('gives each environment its own module state', async () => {
    const runtime = runtimes.create(spec('leaky', { lmi: false }));
    const answers = (await Promise.all(Array.from({ length: 4 }, () => invoke(runtime, { ms: 100 })))).map(
      (r) => body<{ seenAtEnd: number }>(r),
    );
    expect(answers.map((a) => a.seenAtEnd)).toEqual([1, 1, 1, 1]);
  });

  it('reports the cold start Init Duration and init logs in the Tail, only on the first invocation', async () => {
    const runtime = runtimes.create(spec('logger', { lmi: false }));
    const first = await runtime.invoke({
      payload: Buffer.from('{"tag":"one"}'),
      requestId: 'req-cold',
      logType: 'Tail',
    });
    const second = await runtime.invoke({
      payload: Buffer.from('{"tag":"two"}'),
      requestId: 'req-warm',
      logType: 'Tail',
    });

    const cold = tail(first).replace(/\n$/, '').split('\n');
    expect(cold[0]).toMatch(/^\S+Z\t-\tINFO\tmodule initialized$/);
    expect(cold[1]).toBe('START RequestId: req-cold Version: 1');
    expect(cold.at(-2)).toBe('END RequestId: req-cold');
    expect(cold.at(-1)).toMatch(
      /^REPORT RequestId: req-cold\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 2048 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$/,
    );
    const init = Number(/Init Duration: ([\d.]+)/.exec(cold.at(-1)!)?.[1]);
    expect(init).toBeCloseTo(first.initDurationMs!, 1);

    expect(tail(second)).not.toContain('Init Duration');
    expect(tail(second)).not.toContain('module initialized');
    expect(tail(second)).toMatch(/^START RequestId: req-warm Version: 1\n/);
  });

  it('ends the environment after a timeout, so the next invocation cold-starts', async () => {
    const runtime = runtimes.create(spec('slow', { lmi: false, timeoutSeconds: 1 }));
    const timedOut = await runtime.invoke({ payload: Buffer.from('{}'), requestId: 'req-slow' });
    expect(timedOut.functionError).toBe('Unhandled');
    expect(body(timedOut)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-slow Error: Task timed out after 1.00 seconds',
    });
    const next = await invoke(runtime, { ms: 1 });
    expect(body(next)).toEqual({ finished: true });
    expect(next.environmentId).not.toBe(timedOut.environmentId);
    expect(runtime.counters()).toMatchObject({ coldStarts: 2, environments: 1, errors: 1 });
  });

  it('calls callback-style handlers on Node.js 22 and refuses them on Node.js 24', async () => {
    const node22 = runtimes.create(spec('callback', { lmi: false }));
    const ok = await invoke(node22, {});
    expect(body(ok)).toMatchObject({ via: 'callback' });
    const failed = await invoke(node22, { fail: true });
    expect(failed.functionError).toBe('Unhandled');
    expect(body(failed)).toMatchObject({ errorType: 'Error', errorMessage: 'callback failure' });

    const node24 = runtimes.create(spec('callback', { lmi: false, runtime: 'nodejs24.x' }));
    const refused = await invoke(node24);
    expect(refused.functionError).toBe('Unhandled');
    expect(body(refused)).toMatchObject({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: expect.stringContaining('starting with Node.js 24'),
    });
  });
});
