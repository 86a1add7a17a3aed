import { describe, expect, it } from '@jest/globals';
import { summarizeLatencies } from '../../src/core/stats.js';

describe('summarizeLatencies', () => {
  it('gives the nearest-rank percentiles of a known distribution within 0.1 %', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000 ms
    const s = summarizeLatencies(values.sort(() => 0.5 - Math.random()));
    expect(s.count).toBe(1000);
    expect(s.p50).toBeCloseTo(500, -0.3);
    expect(Math.abs(s.p95 - 950) / 950).toBeLessThan(0.001);
    expect(Math.abs(s.p99 - 990) / 990).toBeLessThan(0.001);
    expect(s.max).toBe(1000);
    expect(s.mean).toBe(500.5);
  });

  it('keeps sub-millisecond precision and handles an empty sample', () => {
    expect(summarizeLatencies([0.25, 0.25, 0.25]).p99).toBeCloseTo(0.25, 2);
    expect(summarizeLatencies([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});
