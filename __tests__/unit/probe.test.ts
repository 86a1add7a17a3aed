// Probe pacing with the fake clock: how many probes a window sends and when, that a rejected
// probe becomes a failed sample, that in-flight probes are bounded, that an abort stops the
// run after the ones in flight settle, and how a route is confirmed by a streak of answers.
import { describe, expect, it } from '@jest/globals';
import { systemClock } from '../../src/core/clock.js';
import { confirmRoute, runProbes, servedBy, type ProbeSample } from '../../src/pipeline/traffic/probe.js';
import { lmi, twin } from './cutover-fakes.js';
import { testContext } from './support.js';

const ok = (
  computeType: ProbeSample['computeType'] = 'lambda-standard',
  functionVersion = '1',
): ProbeSample => ({
  ok: true,
  status: 200,
  computeType,
  functionVersion,
  latencyMs: 12,
});

describe('runProbes', () => {
  it('sends rate × duration probes on a fixed schedule', async () => {
    const ctx = testContext();
    const start = ctx.clock.now();
    const sentAt: number[] = [];
    const run = await runProbes(
      ctx,
      async () => {
        sentAt.push(ctx.clock.now() - start);
        return ok();
      },
      { ratePerSecond: 4, durationMs: 2_000 },
    );
    expect(run.planned).toBe(8);
    expect(run.samples).toHaveLength(8);
    expect(sentAt).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
    // The run lasts its whole window, not just until the last send.
    expect(run.elapsedMs).toBe(2_000);
    expect(run.stoppedEarly).toBe(false);
  });

  it('sends at least one probe, even for an empty window', async () => {
    const ctx = testContext();
    const one = await runProbes(ctx, async () => ok(), { ratePerSecond: 1, durationMs: 0 });
    expect(one.samples).toHaveLength(1);
  });

  it('records a probe that throws before returning a promise', async () => {
    const ctx = testContext();
    const run = await runProbes(
      ctx,
      () => {
        throw new Error('bad signing key');
      },
      { ratePerSecond: 2, durationMs: 1_000 },
    );
    expect(run.samples).toEqual([
      expect.objectContaining({ ok: false, error: 'bad signing key' }),
      expect.objectContaining({ ok: false, error: 'bad signing key' }),
    ]);
  });

  it('records a rejected probe as a failed sample instead of losing it', async () => {
    const ctx = testContext();
    let n = 0;
    const run = await runProbes(
      ctx,
      async () => {
        if (n++ === 1) throw new Error('socket hang up');
        return ok();
      },
      { ratePerSecond: 10, durationMs: 300 },
    );
    expect(run.samples).toHaveLength(3);
    expect(run.samples.filter((s) => !s.ok)).toEqual([
      expect.objectContaining({ ok: false, status: 0, error: 'socket hang up' }),
    ]);
  });

  it('keeps at most maxInFlight probes waiting for an answer', async () => {
    const ctx = testContext();
    let inFlight = 0;
    let peak = 0;
    const pending: Array<() => void> = [];
    const probe = () =>
      new Promise<ProbeSample>((resolve) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        pending.push(() => {
          inFlight--;
          resolve(ok());
        });
      });
    // Answer the oldest probe whenever the run waits on a full window.
    const drain = setInterval(() => pending.shift()?.(), 1);
    try {
      const run = await runProbes(ctx, probe, { ratePerSecond: 100, durationMs: 200, maxInFlight: 3 });
      expect(run.samples).toHaveLength(20);
    } finally {
      clearInterval(drain);
    }
    expect(peak).toBe(3);
  });

  it('stops starting probes once stopWhen says so', async () => {
    const ctx = testContext();
    let n = 0;
    const run = await runProbes(ctx, async () => (n++ === 4 ? { ...ok(), ok: false, status: 502 } : ok()), {
      ratePerSecond: 10,
      durationMs: 10_000,
      stopWhen: (samples) => !samples[samples.length - 1]!.ok,
    });
    expect(run.stoppedEarly).toBe(true);
    expect(run.samples).toHaveLength(5);
    expect(run.planned).toBe(100);
  });

  it('throws CANCELLED on abort, after the probes in flight have answered', async () => {
    const ctx = testContext();
    const controller = new AbortController();
    const answered: number[] = [];
    let n = 0;
    const probe = async () => {
      const i = n++;
      if (i === 5) controller.abort();
      await Promise.resolve();
      answered.push(i);
      return ok();
    };
    await expect(
      runProbes(ctx, probe, { ratePerSecond: 10, durationMs: 60_000, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(n).toBe(6);
    expect(answered).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('with the real clock, an abort ends the wait between probes at once', async () => {
    const ctx = { ...testContext(), clock: systemClock };
    const controller = new AbortController();
    let sent = 0;
    const timer = setTimeout(() => controller.abort(), 50);
    try {
      await expect(
        runProbes(ctx, async () => (sent++, ok()), {
          ratePerSecond: 1,
          durationMs: 60_000,
          signal: controller.signal,
        }),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      clearTimeout(timer);
    }
    expect(sent).toBe(1);
  });

  it('rejects a rate that is not positive', async () => {
    await expect(
      runProbes(testContext(), async () => ok(), { ratePerSecond: 0, durationMs: 1000 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('servedBy', () => {
  it('needs both the compute type and the version number of the answer', () => {
    expect(servedBy(ok('lambda-managed-instances', '2'), lmi(2))).toBe(true);
    expect(servedBy(ok('lambda-managed-instances', '1'), lmi(2))).toBe(false);
    // The twin's version 2 is not the LMI function's version 2.
    expect(servedBy(ok('lambda-standard', '2'), lmi(2))).toBe(false);
    // An answer that does not say which version served it proves nothing.
    expect(servedBy({ ok: true, status: 200, computeType: 'lambda-standard', latencyMs: 1 }, twin(1))).toBe(
      false,
    );
  });
});

describe('confirmRoute', () => {
  it('confirms after a streak of answers from the expected version, allowing strays while it settles', async () => {
    const ctx = testContext();
    const answers: ProbeSample['computeType'][] = ['lambda-managed-instances', 'lambda-managed-instances'];
    const probe = async () => ok(answers.shift() ?? 'lambda-standard');
    const c = await confirmRoute(ctx, probe, twin(1), {
      ratePerSecond: 10,
      samples: 5,
      settleMs: 30_000,
    });
    expect(c).toMatchObject({ confirmed: true, probes: 7, strays: 2 });
  });

  it('is not confirmed when the streak never comes within the settle window', async () => {
    const ctx = testContext();
    let n = 0;
    const probe = async () => ok(n++ % 3 === 0 ? 'lambda-managed-instances' : 'lambda-standard');
    const c = await confirmRoute(ctx, probe, twin(1), {
      ratePerSecond: 10,
      samples: 5,
      settleMs: 3_000,
    });
    expect(c.confirmed).toBe(false);
    expect(c.probes).toBe(30);
    expect(c.strays).toBe(10);
  });

  it('answers from another version of the same function are strays', async () => {
    const ctx = testContext();
    // After a promotion to LMI v2, LMI v1 keeps answering.
    const c = await confirmRoute(ctx, async () => ok('lambda-managed-instances', '1'), lmi(2), {
      ratePerSecond: 5,
      samples: 3,
      settleMs: 2_000,
    });
    expect(c).toMatchObject({ confirmed: false, probes: 10, strays: 10 });
  });

  it('a failed answer from the right version breaks the streak', async () => {
    const ctx = testContext();
    let n = 0;
    const probe = async () => (n++ % 2 === 0 ? { ...ok(), ok: false, status: 500 } : ok());
    const c = await confirmRoute(ctx, probe, twin(1), {
      ratePerSecond: 5,
      samples: 2,
      settleMs: 2_000,
    });
    expect(c.confirmed).toBe(false);
  });
});
