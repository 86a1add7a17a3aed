// The canary step's error test: Fisher's exact test against production, the binomial test
// against max-error-rate, the minimum sample, and the strict rule below it.
import { describe, expect, it } from '@jest/globals';
import {
  binomialUpperP,
  fisherUpperP,
  judgeErrors,
  minimumSample,
} from '../../src/pipeline/traffic/error-test.js';

describe('fisherUpperP', () => {
  it('is the hypergeometric upper tail: one error in a 10 % share of 10,000 answers is p = 0.1', () => {
    expect(fisherUpperP({ errors: 1, count: 1000 }, { errors: 0, count: 9000 })).toBeCloseTo(0.1, 6);
  });

  it('matches a hand-computed 2×2 table (2 of 4 vs 0 of 4: C(2,2)·C(6,2)/C(8,4) = 15/70)', () => {
    expect(fisherUpperP({ errors: 2, count: 4 }, { errors: 0, count: 4 })).toBeCloseTo(15 / 70, 10);
  });

  it('is 1 without candidate errors, and large when production fails as often', () => {
    expect(fisherUpperP({ errors: 0, count: 100 }, { errors: 5, count: 900 })).toBe(1);
    expect(fisherUpperP({ errors: 2, count: 100 }, { errors: 18, count: 900 })).toBeGreaterThan(0.5);
  });
});

describe('binomialUpperP', () => {
  it('is P(X ≥ k): 1 − 0.99^100 for one error in 100 at 1 %', () => {
    expect(binomialUpperP(1, 100, 0.01)).toBeCloseTo(1 - 0.99 ** 100, 10);
    expect(binomialUpperP(0, 100, 0.01)).toBe(1);
    expect(binomialUpperP(1, 100, 0)).toBe(0);
  });
});

describe('minimumSample', () => {
  it('grows with the candidate share: it needs more errors to stand out of a larger share', () => {
    const at10 = minimumSample(0.1, 0);
    const at50 = minimumSample(0.5, 0);
    expect(at10).toBe(149);
    expect(at50).toBeGreaterThan(at10);
  });

  it('at the minimum sample a 2-point regression is caught at least 80 % of the time (simulated)', () => {
    const n = minimumSample(0.1, 0);
    const production = { errors: 0, count: n * 9 };
    let caught = 0;
    // A fixed-seed LCG keeps the simulation repeatable.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run++) {
      let errors = 0;
      for (let i = 0; i < n; i++) if (random() < 0.02) errors++;
      const v = judgeErrors({
        candidate: { errors, count: n },
        baseline: production,
        maxErrorRate: 0,
        minimumSample: n,
      });
      if (!v.passed) caught++;
    }
    expect(caught / 2000).toBeGreaterThanOrEqual(0.78);
  });
});

describe('judgeErrors', () => {
  const large = { maxErrorRate: 0, minimumSample: 149 };

  it('passes a single stray error in a large sample (p = 0.1)', () => {
    const v = judgeErrors({
      ...large,
      candidate: { errors: 1, count: 1000 },
      baseline: { errors: 0, count: 9000 },
    });
    expect(v).toMatchObject({ passed: true, decidedBy: 'test', pValue: 0.1 });
  });

  it('fails a 2 % regression in a large sample, naming the test and its p', () => {
    const v = judgeErrors({
      ...large,
      candidate: { errors: 20, count: 1000 },
      baseline: { errors: 0, count: 9000 },
    });
    expect(v.passed).toBe(false);
    expect(v.reason).toBe(
      "20 of 1000 candidate answers failed against 0 of 9000 of production's: the candidate fails more often than production (one-sided Fisher p = 1.1e-11 ≤ 0.01)",
    );
  });

  it('below the minimum sample judges strictly: one error in 10 fails, and says why', () => {
    const v = judgeErrors({
      ...large,
      candidate: { errors: 1, count: 10 },
      baseline: { errors: 0, count: 90 },
    });
    expect(v).toMatchObject({ passed: false, decidedBy: 'strict' });
    expect(v.reason).toContain('10 answers are below the minimum sample of 149 for the test');
  });

  it('while baking, stops only at the early-stop boundary and never on the strict rule', () => {
    const small = { ...large, baseline: { errors: 0, count: 90 }, interim: true };
    expect(judgeErrors({ ...small, candidate: { errors: 1, count: 10 } }).passed).toBe(true);
    expect(judgeErrors({ ...small, candidate: { errors: 2, count: 10 } }).passed).toBe(true); // p = 0.01
    expect(judgeErrors({ ...small, candidate: { errors: 4, count: 10 } }).passed).toBe(false);
  });

  it('with max-error-rate above 0, a candidate as bad as a broken production still fails on the limit', () => {
    const v = judgeErrors({
      candidate: { errors: 50, count: 1000 },
      baseline: { errors: 450, count: 9000 },
      maxErrorRate: 0.01,
      minimumSample: 99,
    });
    expect(v.passed).toBe(false);
    expect(v.reason).toContain(
      'the candidate fails more often than max-error-rate 1 % allows (one-sided binomial p =',
    );
  });

  it('passes whatever the p-value when the rate is within max-error-rate', () => {
    const v = judgeErrors({
      candidate: { errors: 5, count: 1000 },
      baseline: { errors: 0, count: 9000 },
      maxErrorRate: 0.01,
      minimumSample: 99,
    });
    expect(v.passed).toBe(true);
  });
});
