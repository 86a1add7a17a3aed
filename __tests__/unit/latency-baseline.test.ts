// The base of max-p95-ms auto: production's warm latency, cold starts left out, from the burst
// at the version production serves (reused when the check already loaded it, measured when not).
import { describe, expect, it } from '@jest/globals';
import { describeBaseline } from '../../src/core/latency-baseline.js';
import { measureBaseline, warmLatency, type BaselineTarget } from '../../src/pipeline/verify/baseline.js';
import type { BurstRun } from '../../src/pipeline/verify/load.js';
import type { Sample } from '../../src/pipeline/verify/load/sample.js';
import type { InvokeTarget } from '../../src/pipeline/webhook/invoke.js';
import { testContext } from './support.js';

function sample(seq: number, latencyMs: number, over: Partial<Sample> = {}): Sample {
  return {
    seq,
    id: `s.${seq}`,
    startMs: 0,
    endMs: latencyMs,
    latencyMs,
    outcome: 'answered',
    accepted: true,
    coldStart: false,
    durationMs: latencyMs - 5,
    ...over,
  };
}

/** `cold` cold starts of 3 s, then `warm` answers of 100..(100+warm-1) ms. */
function samples(cold: number, warm: number): Sample[] {
  return [
    ...Array.from({ length: cold }, (_, i) => sample(i + 1, 3000, { coldStart: true })),
    ...Array.from({ length: warm }, (_, i) => sample(cold + i + 1, 100 + i)),
  ];
}

function run(target: InvokeTarget, s: readonly Sample[], concurrency = 4, requests = s.length): BurstRun {
  return {
    burst: {
      plan: { target, concurrency, requests },
      samples: s,
      wallMs: 1,
      startedAt: 0,
      endedAt: 1,
    },
    result: {} as BurstRun['result'],
  };
}

const lmi: InvokeTarget = { side: 'lmi', functionName: 'webhook-lmi', qualifier: '7' };
const twin: InvokeTarget = { side: 'standard', functionName: 'webhook-standard', qualifier: '4' };
const production = (target: InvokeTarget): BaselineTarget => ({ basis: 'production', target });

describe('warmLatency', () => {
  it('leaves out the invocations that started an environment', () => {
    const w = warmLatency(samples(24, 100));
    expect(w.coldStartsKnown).toBe(true);
    expect(w.coldStartsExcluded).toBe(24);
    expect(w.latency.count).toBe(100);
    expect(w.latency.p95).toBeLessThan(200);
  });

  it('counts every answer when no REPORT line told cold from warm, and says so', () => {
    const noTail = samples(0, 10).map((s) => ({ ...s, durationMs: undefined }));
    const w = warmLatency([...noTail, sample(11, 3000, { durationMs: undefined })]);
    expect(w).toMatchObject({ coldStartsKnown: false, coldStartsExcluded: 0, latency: { count: 11 } });
  });

  it('times function errors but not throttles or failures without an answer', () => {
    const w = warmLatency([
      sample(1, 100),
      sample(2, 120, { outcome: 'function-error', accepted: false }),
      sample(3, 5, { outcome: 'throttled', accepted: false, durationMs: undefined }),
      sample(4, 9, { outcome: 'failed', accepted: false, durationMs: undefined }),
    ]);
    expect(w.latency.count).toBe(2);
  });
});

describe('measureBaseline', () => {
  const load = { lmi: run(lmi, samples(0, 50)), standard: run(twin, samples(24, 100)) };
  const never = async (): Promise<BurstRun> => {
    throw new Error('no burst expected');
  };

  it("reuses the twin's burst when production serves the twin's candidate, without its cold starts", async () => {
    const b = await measureBaseline(testContext(), load, production(twin), never);
    expect(b).toMatchObject({
      side: 'standard',
      qualifier: '4',
      basis: 'production',
      coldStartsExcluded: 24,
      factor: 1.5,
    });
    expect(b!.warm.count).toBe(100);
    expect(b!.limitMs).toBe(Math.round(b!.warm.p95 * 1.5 * 100) / 100);
    // A cold-start-laden p95 would be 3 s; the warm one is the code's.
    expect(b!.limitMs).toBeLessThan(300);
  });

  it('measures an LMI production and the candidate at the same light load, never with the full burst', async () => {
    const previous: InvokeTarget = { side: 'lmi', functionName: 'webhook-lmi', qualifier: '6' };
    const sent: [string, unknown][] = [];
    const ctx = testContext();
    const big = { lmi: run(lmi, samples(0, 50), 24, 240), standard: load.standard };
    const b = await measureBaseline(ctx, big, production(previous), async (t, sample) => {
      sent.push([t.qualifier, sample]);
      const slower = t.qualifier === '6' ? 100 : 0;
      return run(
        t,
        samples(0, sample.requests).map((s) => ({ ...s, latencyMs: s.latencyMs + slower })),
        sample.concurrency,
        sample.requests,
      );
    });
    // Production first, then the candidate, each 3 in flight (one per minimum environment), 30 requests.
    expect(sent).toEqual([
      ['6', { concurrency: 3, requests: 30, kind: 'baseline' }],
      ['7', { concurrency: 3, requests: 30, kind: 'paired' }],
    ]);
    expect(b).toMatchObject({
      side: 'lmi',
      qualifier: '6',
      basis: 'production',
      sample: { concurrency: 3, requests: 30 },
      warm: { count: 30 },
      candidateWarm: { count: 30 },
    });
    expect(b!.candidateWarm!.p95).toBeLessThan(b!.warm.p95);
    expect(ctx.progress.codes).toContain('verify.baseline-burst');
  });

  it('measures production when it serves an older twin version than the candidate twin', async () => {
    const older: InvokeTarget = { ...twin, qualifier: '3' };
    const sent: unknown[] = [];
    const b = await measureBaseline(testContext(), load, production(older), async (t, sample) => {
      sent.push(sample);
      return run(t, samples(0, 5));
    });
    // Standard Lambda starts an environment per request in flight: the check's own burst is safe.
    expect(sent).toEqual([{ concurrency: 4, requests: 50, kind: 'baseline' }]);
    expect(b?.candidateWarm).toBeUndefined();
  });

  it('says so when production already serves the candidate', async () => {
    const b = await measureBaseline(testContext(), load, production(lmi), never);
    expect(b).toMatchObject({ side: 'lmi', note: 'production already serves the candidate' });
  });

  it('falls back on the twin with the reason, and has nothing without a twin burst', async () => {
    const unknown: BaselineTarget = { basis: 'twin', note: 'the route could not be read' };
    const b = await measureBaseline(testContext(), load, unknown, never);
    expect(b).toMatchObject({ side: 'standard', basis: 'twin', note: 'the route could not be read' });
    expect(describeBaseline(b!)).toMatch(
      /^auto: 1\.5 × the warm p95 of the standard twin \(standard webhook-standard:4\), [\d.]+ ms \(100 warm invocations, 24 cold starts left out\) = [\d.]+ ms; the route could not be read$/,
    );
    expect(await measureBaseline(testContext(), { lmi: load.lmi }, unknown, never)).toBeUndefined();
  });
});
