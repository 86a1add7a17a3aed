// The heartbeat of a canary step, driven by the fake clock: how many lines a bake gives and when,
// what each says (time baked, probes, split, errors and p95 per side so far), the line of a step
// judged by CloudWatch, and that a bake stopped early gives no more.
import { describe, expect, it } from '@jest/globals';
import { bakeStep, type BakeOptions } from '../../src/pipeline/traffic/cutover-step.js';
import { bakeStepByMetrics } from '../../src/pipeline/traffic/metrics-step.js';
import {
  describeBakeHeartbeat,
  HEARTBEAT_INTERVAL_MS,
  heartbeatEveryMs,
} from '../../src/pipeline/traffic/heartbeat.js';
import { runProbes, type ProbeSample } from '../../src/pipeline/traffic/probe.js';
import { lmi, twin } from './cutover-fakes.js';
import { testContext, type TestContext } from './support.js';

const HEARTBEAT = 'traffic.step-heartbeat';

/** Every tenth answer from the candidate (LMI v1), the rest from production (twin v1); the candidate's 30 ms, production's 20 ms. */
function tenPercentProber(failCandidateAt: readonly number[] = []) {
  let n = 0;
  return async (): Promise<ProbeSample> => {
    const i = n++;
    if (i % 10 === 9) {
      const ok = !failCandidateAt.includes(i);
      return {
        ok,
        status: ok ? 200 : 500,
        computeType: 'lambda-managed-instances',
        functionVersion: '1',
        latencyMs: 30,
      };
    }
    return { ok: true, status: 200, computeType: 'lambda-standard', functionVersion: '1', latencyMs: 20 };
  };
}

const bake = (over: Partial<BakeOptions> = {}): BakeOptions => ({
  percent: 10,
  versions: { candidate: lmi(1), production: twin(1) },
  bakeSeconds: 60,
  probeRate: 2,
  label: 'step 1/3',
  limits: { maxErrorRate: 0.5, maxP95Ms: 1000, alarmNames: [], minTolerancePoints: 5 },
  ...over,
});

/** The heartbeat lines, with the seconds into the bake each was emitted at. */
function heartbeats(ctx: TestContext): string[] {
  return ctx.progress.lines.filter((_, i) => ctx.progress.codes[i] === HEARTBEAT);
}

describe('heartbeatEveryMs', () => {
  it('is the interval, or half a shorter window, never below a second', () => {
    expect(HEARTBEAT_INTERVAL_MS).toBe(15_000);
    expect(heartbeatEveryMs(120_000)).toBe(15_000);
    expect(heartbeatEveryMs(20_000)).toBe(10_000);
    expect(heartbeatEveryMs(1_000)).toBe(1_000);
    expect(heartbeatEveryMs(120_000, 5_000)).toBe(5_000);
  });
});

describe('the heartbeat of a bake', () => {
  it('says every 15 s how the step goes: time, probes, split, errors and p95 per side', async () => {
    const ctx = testContext();
    const step = await bakeStep(ctx, { probe: tenPercentProber([39]) }, bake());
    // 60 s: at 15, 30 and 45 s — not at 60 s, where the step's own line says it all.
    expect(heartbeats(ctx)).toEqual([
      'canary 10 % (step 1/3): baked 15s of 1m00s, 30 probes; split candidate 10.0 % / production 90.0 %; ' +
        'errors candidate 0 / production 0; p95 candidate 30.02 ms / production 20.02 ms',
      'canary 10 % (step 1/3): baked 30s of 1m00s, 60 probes; split candidate 10.0 % / production 90.0 %; ' +
        'errors candidate 1 / production 0; p95 candidate 30.02 ms / production 20.02 ms',
      'canary 10 % (step 1/3): baked 45s of 1m00s, 90 probes; split candidate 10.0 % / production 90.0 %; ' +
        'errors candidate 1 / production 0; p95 candidate 30.02 ms / production 20.02 ms',
    ]);
    // The heartbeats come before the step's own line, and change none of its figures.
    expect(ctx.progress.codes).toEqual([HEARTBEAT, HEARTBEAT, HEARTBEAT, 'traffic.step-baked']);
    expect(step.probes).toBe(120);
    expect(step.candidate).toMatchObject({ count: 12, errors: 1 });
    // The probes kept their schedule: one sleep per send, none added for the heartbeat.
    expect(ctx.clock.sleeps).toHaveLength(120);
    expect(ctx.clock.sleeps.every((ms) => ms === 500)).toBe(true);
  });

  it('beats halfway through a bake shorter than two intervals, so every step has one', async () => {
    const ctx = testContext();
    await bakeStep(ctx, { probe: tenPercentProber() }, bake({ bakeSeconds: 20, label: undefined }));
    expect(heartbeats(ctx)).toEqual([
      'canary 10 %: baked 10s of 20s, 20 probes; split candidate 10.0 % / production 90.0 %; ' +
        'errors candidate 0 / production 0; p95 candidate 30.02 ms / production 20.02 ms',
    ]);
  });

  it('follows an injected interval', async () => {
    const ctx = testContext();
    await bakeStep(ctx, { probe: tenPercentProber() }, bake({ heartbeatMs: 5_000 }));
    expect(heartbeats(ctx).map((l) => /baked (\S+) of/.exec(l)?.[1])).toEqual([
      '5s',
      '10s',
      '15s',
      '20s',
      '25s',
      '30s',
      '35s',
      '40s',
      '45s',
      '50s',
      '55s',
    ]);
  });

  it('stops with a bake that stops early', async () => {
    const ctx = testContext();
    // A third version answers at the 40th probe (20 s in): a misroute ends the step at once.
    const inner = tenPercentProber();
    let n = 0;
    const probe = async (): Promise<ProbeSample> =>
      n++ === 39
        ? {
            ok: true,
            status: 200,
            computeType: 'lambda-managed-instances',
            functionVersion: '7',
            latencyMs: 5,
          }
        : inner();
    const step = await bakeStep(ctx, { probe }, bake());
    expect(step.passed).toBe(false);
    expect(heartbeats(ctx)).toHaveLength(1);
  });

  it('says when no answer came from either version, and how many came from neither', () => {
    expect(
      describeBakeHeartbeat({
        percent: 50,
        elapsedMs: 15_000,
        totalMs: 120_000,
        sent: 30,
        answered: 28,
        candidate: { count: 0, errors: 0, p95Ms: undefined },
        production: { count: 0, errors: 0, p95Ms: undefined },
        unattributed: 28,
      }),
    ).toBe(
      'canary 50 %: baked 15s of 2m00s, 30 probes (28 answered); split unknown (no answer from either version yet); ' +
        'errors candidate 0 / production 0; p95 candidate – / production –; 28 from neither version',
    );
  });

  it('shows what is known of a step judged by CloudWatch, and says the rest comes after the hold', async () => {
    const ctx = testContext();
    const ok: ProbeSample = { ok: true, status: 201, latencyMs: 12 };
    await bakeStepByMetrics(
      ctx,
      {
        probe: async () => ok,
        metrics: async () => [
          { invocations: 6, errors: 0, throttles: 0, durationP95Ms: 12, partial: false },
          { invocations: 54, errors: 0, throttles: 0, durationP95Ms: 11, partial: false },
        ],
      },
      {
        ...bake({ bakeSeconds: 30, probeRate: 1, label: 'step 2/3' }),
        metricsPeriodSeconds: 60,
        metricsDelaySeconds: 30,
      },
    );
    expect(heartbeats(ctx)).toEqual([
      'canary 10 % (step 2/3), judged by CloudWatch metrics: held 15s of 1m00s (bake 30s, then 30s for the metrics to arrive), ' +
        '15 probes through the stage, 0 failed, p95 12.01 ms; split, errors and p95 per version come from CloudWatch after the hold',
      'canary 10 % (step 2/3), judged by CloudWatch metrics: held 30s of 1m00s (bake 30s, then 30s for the metrics to arrive), ' +
        '30 probes through the stage, 0 failed, p95 12.01 ms; split, errors and p95 per version come from CloudWatch after the hold',
      'canary 10 % (step 2/3), judged by CloudWatch metrics: held 45s of 1m00s (bake 30s, then 30s for the metrics to arrive), ' +
        '45 probes through the stage, 0 failed, p95 12.01 ms; split, errors and p95 per version come from CloudWatch after the hold',
    ]);
  });
});

describe('runProbes with a heartbeat', () => {
  it('beats every everyMs of the window, never at its end', async () => {
    const ctx = testContext();
    const beats: number[] = [];
    const withBeat = await runProbes(ctx, async () => ({ ok: true, status: 200, latencyMs: 1 }), {
      ratePerSecond: 1,
      durationMs: 10_000,
      heartbeat: { everyMs: 3_000, beat: (_s, elapsed) => beats.push(elapsed) },
    });
    expect(beats).toEqual([3_000, 6_000, 9_000]);
    expect(withBeat.elapsedMs).toBe(10_000);
  });

  it('keeps probing when a heartbeat throws', async () => {
    const ctx = testContext();
    const run = await runProbes(ctx, async () => ({ ok: true, status: 200, latencyMs: 1 }), {
      ratePerSecond: 1,
      durationMs: 5_000,
      heartbeat: {
        everyMs: 1_000,
        beat: () => {
          throw new Error('formatting bug');
        },
      },
    });
    expect(run.samples).toHaveLength(5);
  });
});
