// The LMI version's FunctionScalingConfig in the cost model: the minimum runs all month whatever
// the traffic, the maximum caps what the fleet may grow to (the rest would be throttled).
import { describe, expect, it } from '@jest/globals';
import { compareCosts, lmiMonthlyCost } from '../../src/cost/index.js';

const lmi = {
  durationMs: 500,
  memoryMb: 4096,
  memoryGiBPerVCpu: 2,
  maxConcurrency: 64,
  architecture: 'arm64' as const,
  peakFactor: 2,
  savingsPlanDiscount: 0,
};

describe('FunctionScalingConfig in the LMI cost', () => {
  it('runs the minimum environments at low volume', () => {
    const c = lmiMonthlyCost({ ...lmi, invocations: 1e6, scaling: { min: 6, max: 10 } });
    expect(c.environments).toBe(6);
    expect(c.cappedByMax).toBe(false);
  });

  it('grows with the demand up to the maximum, and says when the peak needs more', () => {
    // 3e9 a month at 500 ms is ~571 in flight on average, ~1,142 at the peak: 18 environments of 64.
    const free = lmiMonthlyCost({ ...lmi, invocations: 3e9, scaling: { min: 3, max: 100 } });
    expect(free.environments).toBe(18);
    const capped = lmiMonthlyCost({ ...lmi, invocations: 3e9, scaling: { min: 3, max: 10 } });
    expect(capped.environments).toBe(10);
    expect(capped.cappedByMax).toBe(true);
    expect(capped.total).toBeLessThan(free.total);
  });

  it('names the scaling and the release overlap in the assumptions', () => {
    const c = compareCosts({
      invocations: 5e6,
      standard: { durationMs: 500, memoryMb: 512, freeTier: false },
      lmi: { ...lmi, scaling: { min: 3, max: 3 } },
    });
    expect(c.assumptions.join('\n')).toContain('FunctionScalingConfig 3/3');
    expect(c.assumptions.join('\n')).toContain('During a release the candidate');
  });
});
