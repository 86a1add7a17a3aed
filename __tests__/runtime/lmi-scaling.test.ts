// FunctionScalingConfig in the LMI runtime: scale-up stops at MaxExecutionEnvironments (further
// concurrency throttled with Lambda's error), a new configuration starts environments up to the
// minimum and retires those beyond the maximum (a busy one after its invocations finish), and a
// version may start with no environment at all (minimum 0).
import { afterEach, describe, expect, it } from '@jest/globals';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { eventually, invoke, Runtimes, settle, spec } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

describe('LMI runtime under FunctionScalingConfig', () => {
  it('stops scaling up at maxEnvironments and throttles what does not fit', async () => {
    const runtime = runtimes.create(
      spec('sleeper', {
        lmi: { maxConcurrency: 2, minEnvironments: 1, maxEnvironments: 2, scaleUpDelayMs: 0 },
      }),
    );
    await runtime.start();
    expect(runtime.counters()).toMatchObject({ environments: 1, environmentsStarted: 1 });
    const first = Array.from({ length: 2 }, () => invoke(runtime, { ms: 3000 }));
    await expect(invoke(runtime)).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      statusCode: 429,
      extra: { Reason: 'ConcurrentInvocationLimitExceeded' },
    });
    await eventually(() => runtime.counters().environments === 2);
    const second = Array.from({ length: 2 }, () => invoke(runtime, { ms: 1000 }));
    const over = await settle([invoke(runtime), invoke(runtime)]);
    expect(over.failed).toHaveLength(2);
    await Promise.all([...first, ...second]);
    // Two throttles after the maximum was reached launched nothing more.
    expect(runtime.counters()).toMatchObject({ environments: 2, environmentsStarted: 2, throttles: 3 });
  });

  it('starts environments up to a raised minimum and retires those beyond a lowered maximum', async () => {
    const runtime = runtimes.create(
      spec('sleeper', { lmi: { maxConcurrency: 4, minEnvironments: 1, maxEnvironments: 1 } }),
    );
    await runtime.start();
    const workersAtOne = liveWorkerCount();
    await runtime.setScaling({ minEnvironments: 3, maxEnvironments: 3 });
    expect(runtime.counters()).toMatchObject({ environments: 3, environmentsStarted: 3 });

    // One invocation per environment (least-loaded placement): the two retired ones are busy,
    // take no new invocation, and finish theirs before they stop.
    const busy = Array.from({ length: 3 }, () => invoke(runtime, { ms: 800 }));
    await eventually(() => runtime.counters().inFlight === 3);
    await runtime.setScaling({ minEnvironments: 1, maxEnvironments: 1 });
    expect(runtime.counters().environments).toBe(1);
    const finished = await Promise.all(busy);
    expect(finished.map((r) => r.functionError)).toEqual([undefined, undefined, undefined]);
    expect(new Set(finished.map((r) => r.environmentId)).size).toBe(3);
    await eventually(() => liveWorkerCount() === workersAtOne);
  });

  it('runs with no environment at minimum 0: the first call throttles and adds one', async () => {
    const runtime = runtimes.create(
      spec('sleeper', { lmi: { minEnvironments: 0, maxEnvironments: 1, scaleUpDelayMs: 0 } }),
    );
    await runtime.start();
    expect(runtime.counters().environments).toBe(0);
    await expect(invoke(runtime)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    await eventually(() => runtime.counters().environments === 1);
    expect((await invoke(runtime)).functionError).toBeUndefined();
  });

  it('refuses a minimum above the maximum', () => {
    expect(() =>
      runtimes.create(spec('sleeper', { lmi: { minEnvironments: 2, maxEnvironments: 1 } })),
    ).toThrow(/minEnvironments 2 is above maxEnvironments 1/);
  });
});
