// The gates: a figure at the limit passes, above it fails, and a failure names every figure.
import { describe, expect, it } from '@jest/globals';
import { CutoverError } from '../../src/core/errors.js';
import { assertGatesPassed, evaluateGates } from '../../src/pipeline/verify/gates.js';
import type { LatencyBaseline, LoadResult } from '../../src/core/domain.js';

/** Production's warm latency: `count` warm answers with this p95, the limit 1.5 × it. */
function baseline(p95: number, count = 100): LatencyBaseline {
  return {
    side: 'standard',
    functionName: 'webhook-standard',
    qualifier: '4',
    basis: 'production',
    sample: { concurrency: 24, requests: 240 },
    warm: { count, p50: p95 / 2, p95, p99: p95, max: p95, mean: p95 / 2 },
    coldStartsExcluded: 10,
    coldStartsKnown: true,
    factor: 1.5,
    limitMs: Math.round(p95 * 1.5 * 100) / 100,
  };
}

/** `count` answered requests with this p95 (and throttles on top). */
function load(target: 'lmi' | 'standard', p95: number, count = 100, errors = 0, throttles = 0): LoadResult {
  const requests = count + throttles;
  return {
    target,
    functionName: target === 'lmi' ? 'webhook-lmi' : 'webhook-standard',
    qualifier: target === 'lmi' ? '7' : 'live',
    concurrency: 10,
    requests,
    latency: { count, p50: p95 / 2, p95, p99: p95, max: p95, mean: p95 / 2 },
    throughputRps: 50,
    errors,
    errorRate: errors / requests,
    throttles,
    throttleRate: throttles / requests,
    environments: 3,
    peakInFlightPerEnvironment: 4,
    isolation: { passed: true, mismatchedIds: 0, stored: requests, expectedStored: requests, duplicates: 0 },
    wallMs: 1000,
  };
}

function failure(fn: () => void): CutoverError {
  try {
    fn();
  } catch (e) {
    return e as CutoverError;
  }
  throw new Error('expected a gate failure');
}

describe('evaluateGates', () => {
  it("passes figures at the limit, and takes auto p95 as 1.5 × production's warm p95", () => {
    const lmi = load('lmi', 142.5, 100, 1);
    const twin = baseline(95);
    const gates = evaluateGates(lmi, twin, { maxErrorRate: 0.01, maxThrottleRate: 0, maxP95Ms: 'auto' });
    expect(gates).toEqual([
      { name: 'max-error-rate', limit: 0.01, actual: 0.01, passed: true },
      { name: 'max-p95-ms', limit: 142.5, actual: 142.5, passed: true },
      { name: 'max-throttle-rate', limit: 0, actual: 0, passed: true },
    ]);
    expect(() => assertGatesPassed(gates, { lmi, baseline: twin })).not.toThrow();
  });

  it('fails above a limit with every breached figure', () => {
    const lmi = load('lmi', 190, 100, 5, 5);
    const twin = baseline(95);
    const gates = evaluateGates(lmi, twin, { maxErrorRate: 0, maxThrottleRate: 0.01, maxP95Ms: 'auto' });
    expect(gates.map((g) => g.passed)).toEqual([false, false, false]);
    const e = failure(() => assertGatesPassed(gates, { lmi, baseline: twin }));
    expect(e.code).toBe('GATE_FAILED');
    expect(e.message).toBe('The LMI version failed 3 gates of the concurrency check.');
    expect(e.details).toEqual([
      'max-error-rate: 4.76% of 105 requests failed (5); the limit is 0%',
      'max-p95-ms: LMI p95 190 ms is over the limit of 142.5 ms (auto: 1.5 × the warm p95 of production (standard webhook-standard:4), 95 ms (100 warm invocations, 10 cold starts left out) = 142.5 ms)',
      'max-throttle-rate: 4.76% of 105 requests were throttled (5); the limit is 1%',
    ]);
  });

  it('uses a fixed p95 limit when given one', () => {
    const lmi = load('lmi', 95);
    const [, p95] = evaluateGates(lmi, undefined, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 90 });
    expect(p95).toEqual({ name: 'max-p95-ms', limit: 90, actual: 95, passed: false });
    expect(failure(() => assertGatesPassed([p95!], { lmi })).details).toEqual([
      'max-p95-ms: LMI p95 95 ms is over the limit of 90 ms',
    ]);
  });

  it('never passes an auto p95 without a production figure, nor a p95 of nothing', () => {
    const lmi = load('lmi', 95);
    const [, unknown] = evaluateGates(lmi, undefined, {
      maxErrorRate: 0,
      maxThrottleRate: 1,
      maxP95Ms: 'auto',
    });
    expect(unknown).toEqual({
      name: 'max-p95-ms',
      limit: 'auto: no production latency measured',
      actual: 95,
      passed: false,
    });
    expect(failure(() => assertGatesPassed([unknown!], { lmi })).details[0]).toMatch(
      /^max-p95-ms: auto: no production latency measured, so the p95 limit is unknown. Set max-p95-ms/,
    );
    const allCold = baseline(0, 0);
    const [, cold] = evaluateGates(lmi, allCold, { maxErrorRate: 0, maxThrottleRate: 1, maxP95Ms: 'auto' });
    expect(cold).toMatchObject({ limit: 'auto: production answered no warm request', passed: false });
    expect(failure(() => assertGatesPassed([cold!], { lmi, baseline: allCold })).details[0]).toContain(
      "production's version webhook-standard:4 answered 0 warm request(s)",
    );
    const silent = load('lmi', 0, 0, 0, 10);
    const [, none] = evaluateGates(silent, undefined, {
      maxErrorRate: 0,
      maxThrottleRate: 1,
      maxP95Ms: 1000,
    });
    expect(none!.passed).toBe(false);
  });

  it('compares the candidate at the light load production was measured at, when production is an LMI version', () => {
    const lmi = load('lmi', 900); // the full burst: 8 in flight per environment
    const light: LatencyBaseline = {
      ...baseline(200),
      side: 'lmi',
      qualifier: '6',
      sample: { concurrency: 3, requests: 30 },
      candidateWarm: { count: 30, p50: 150, p95: 280, p99: 290, max: 290, mean: 160 },
    };
    const [, p95] = evaluateGates(lmi, light, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 'auto' });
    expect(p95).toEqual({ name: 'max-p95-ms', limit: 300, actual: 280, passed: true });
    const slower = { ...light, candidateWarm: { ...light.candidateWarm!, p95: 320 } };
    const [, failed] = evaluateGates(lmi, slower, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 'auto' });
    expect(failed).toMatchObject({ actual: 320, passed: false });
    expect(failure(() => assertGatesPassed([failed!], { lmi, baseline: slower })).details[0]).toMatch(
      /^max-p95-ms: LMI p95 320 ms \(warm, at the same light load as production\) is over the limit of 300 ms \(auto: .*the candidate's warm p95 there: 320 ms/,
    );
    // A number is a number: the full burst's p95 answers to it.
    const [, fixed] = evaluateGates(lmi, light, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 1000 });
    expect(fixed).toMatchObject({ actual: 900, passed: true });
  });

  it('does not fail a p95 the load generator may have caused, and says so; a pass stands', () => {
    const limited = {
      ...load('lmi', 950),
      generatorLimited: {
        eventLoopBusy: 0.97,
        cpuMsPerRequest: 0.8,
        reason: 'the sending event loop was 97 % busy',
      },
    };
    const [, p95] = evaluateGates(limited, undefined, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 500 });
    expect(p95).toEqual({
      name: 'max-p95-ms',
      limit: 500,
      actual: '950 (not judged: the sending event loop was 97 % busy)',
      passed: true,
    });
    const fast = { ...limited, latency: { ...limited.latency, p95: 400 } };
    expect(evaluateGates(fast, undefined, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 500 })[1]).toEqual(
      {
        name: 'max-p95-ms',
        limit: 500,
        actual: 400,
        passed: true,
      },
    );
    // Errors are errors, whoever was slow.
    const failing = { ...limited, errors: 5, errorRate: 0.05 };
    expect(
      evaluateGates(failing, undefined, { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 500 })[0]!.passed,
    ).toBe(false);
  });

  it('judges a p95 breach larger than the delay a late-running generator loop can have added', () => {
    const late = (p95: number) => ({
      ...load('lmi', p95),
      generatorLimited: {
        eventLoopBusy: 0.6,
        cpuMsPerRequest: 0.3,
        eventLoopDelayMs: 100,
        reason: "the load generator's event loop ran up to 100 ms late (p99)",
      },
    });
    const limits = { maxErrorRate: 0, maxThrottleRate: 0, maxP95Ms: 500 };
    // 580 − 100 ≤ 500: the lateness can explain it.
    expect(evaluateGates(late(580), undefined, limits)[1]).toMatchObject({
      actual: "580 (not judged: the load generator's event loop ran up to 100 ms late (p99))",
      passed: true,
    });
    // 950 − 100 > 500: the function is slow whatever the generator added.
    expect(evaluateGates(late(950), undefined, limits)[1]).toEqual({
      name: 'max-p95-ms',
      limit: 500,
      actual: 950,
      passed: false,
    });
  });
});
