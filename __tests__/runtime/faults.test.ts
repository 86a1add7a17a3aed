// Injected faults and shutdown: error rate, added latency, crashed environments (in-flight
// requests fail with Runtime.ExitError and LMI replaces the environment), uncaught exceptions,
// and stop() leaving no worker thread behind.
import { afterEach, describe, expect, it } from '@jest/globals';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { body, eventually, invoke, Runtimes, spec, tail } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

describe('faults', () => {
  it('fails the configured fraction of invocations as handler errors', async () => {
    const runtime = runtimes.create(spec('esm', { lmi: { minEnvironments: 1, maxConcurrency: 64 } }));
    await runtime.start();
    runtime.setFaults({ errorRate: 1 });
    const failed = await invoke(runtime, {}, 'Tail');
    expect(failed.functionError).toBe('Unhandled');
    expect(body(failed)).toMatchObject({ errorType: 'Error', errorMessage: 'Injected fault: errorRate 1' });
    expect(tail(failed)).toContain('Invoke Error');

    runtime.setFaults({ errorRate: 0.5 });
    const results = [];
    for (let batch = 0; batch < 5; batch++) {
      results.push(...(await Promise.all(Array.from({ length: 60 }, () => invoke(runtime)))));
    }
    const errorShare = results.filter((r) => r.functionError).length / results.length;
    expect(errorShare).toBeGreaterThan(0.35);
    expect(errorShare).toBeLessThan(0.65);

    runtime.setFaults({});
    expect((await invoke(runtime)).functionError).toBeUndefined();
    expect(runtime.counters().errors).toBe(1 + results.filter((r) => r.functionError).length);
    expect(() => runtime.setFaults({ errorRate: 2 })).toThrow(/errorRate must be between 0 and 1/);
  });

  it('adds latency before the handler runs', async () => {
    const runtime = runtimes.create(spec('esm', { lmi: false }));
    await invoke(runtime);
    runtime.setFaults({ addedLatencyMs: 300 });
    const slowed = await invoke(runtime);
    expect(slowed.functionError).toBeUndefined();
    expect(slowed.durationMs).toBeGreaterThanOrEqual(299);
  });

  it('crashes an LMI environment: its in-flight requests fail with Runtime.ExitError and it is replaced', async () => {
    const runtime = runtimes.create(spec('sleeper', { lmi: { minEnvironments: 2 } }));
    await runtime.start();
    const inFlight = Array.from({ length: 6 }, (_, i) =>
      runtime.invoke({ payload: Buffer.from('{"ms":1500}'), requestId: `req-${i}`, logType: 'Tail' }),
    );
    await eventually(() => runtime.counters().inFlight === 6);
    const crashed = runtime.crashEnvironment();
    expect(crashed).toBeDefined();
    const results = await Promise.all(inFlight);

    const onCrashed = results.filter((r) => r.environmentId === crashed);
    const elsewhere = results.filter((r) => r.environmentId !== crashed);
    expect(onCrashed).toHaveLength(3);
    expect(elsewhere).toHaveLength(3);
    for (const r of onCrashed) {
      const requestId = /START RequestId: (\S+)/.exec(tail(r))![1];
      expect(r.functionError).toBe('Unhandled');
      expect(body(r)).toEqual({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
      });
      expect(tail(r)).toMatch(/Status: error\tError Type: Runtime.ExitError\t/);
    }
    expect(elsewhere.every((r) => r.functionError === undefined)).toBe(true);

    await eventually(() => runtime.counters().environments === 2);
    expect(runtime.counters()).toMatchObject({ environmentsStarted: 3, errors: 3 });
    const after = await Promise.all(Array.from({ length: 4 }, () => invoke(runtime, { ms: 50 })));
    expect(after.some((r) => r.environmentId === crashed)).toBe(false);
    expect(runtime.crashEnvironment('no-such-environment')).toBeUndefined();
  });

  it('crashes a standard environment: the request fails and the next one cold-starts', async () => {
    const runtime = runtimes.create(spec('sleeper', { lmi: false }));
    const pending = invoke(runtime, { ms: 2000 });
    await eventually(() => runtime.counters().inFlight === 1 && runtime.counters().environments === 1);
    const crashed = runtime.crashEnvironment();
    expect(body(await pending)).toMatchObject({ errorType: 'Runtime.ExitError' });
    const next = await invoke(runtime, { ms: 1 });
    expect(next.environmentId).not.toBe(crashed);
    expect(runtime.counters().coldStarts).toBe(2);
  });

  it('turns an uncaught exception into Runtime.ExitError for the requests of that worker', async () => {
    const runtime = runtimes.create(spec('crasher', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const bystander = invoke(runtime, { ms: 1000 }, 'Tail');
    const culprit = invoke(runtime, { crash: true, ms: 1000 }, 'Tail');
    const [a, b] = await Promise.all([bystander, culprit]);
    for (const r of [a, b]) {
      expect(body(r)).toMatchObject({
        errorType: 'Runtime.ExitError',
        errorMessage: expect.stringMatching(/Error: Runtime exited with error: exit status 129$/),
      });
      expect(tail(r)).toMatch(/\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"kaboom/);
    }
    await eventually(() => runtime.counters().environments === 1);
    expect(body(await invoke(runtime, { ms: 1 }))).toEqual({ survived: true });
  });
});

describe('stop()', () => {
  it('terminates every worker, fails in-flight requests and refuses new ones', async () => {
    const lmi = runtimes.create(spec('sleeper', { memoryMb: 4096, lmi: { minEnvironments: 3 } }));
    const standard = runtimes.create(spec('sleeper', { lmi: false }));
    await lmi.start();
    const pending = [invoke(lmi, { ms: 5000 }), invoke(standard, { ms: 5000 })];
    await eventually(() => lmi.counters().inFlight === 1 && standard.counters().environments === 1);
    expect(liveWorkerCount()).toBe(7);

    await Promise.all([lmi.stop(), standard.stop()]);
    expect(liveWorkerCount()).toBe(0);
    for (const r of await Promise.all(pending)) {
      expect(body(r)).toMatchObject({
        errorType: 'Runtime.ExitError',
        errorMessage: expect.stringContaining('signal: terminated'),
      });
    }
    await expect(invoke(lmi)).rejects.toMatchObject({ name: 'ServiceException' });
    expect(lmi.counters().environments).toBe(0);
  });
});
