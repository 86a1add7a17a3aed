// A cutover that starts at 100 % is told, before traffic moves, that its errors have nothing to
// be compared with.
import { describe, expect, it } from '@jest/globals';
import { warnIfNoErrorBaseline } from '../../src/pipeline/modes/step-warnings.js';
import { testContext } from './support.js';

describe('warnIfNoErrorBaseline', () => {
  it('warns when the first step sends all traffic at once, naming the limit and a way out', () => {
    const ctx = testContext();
    expect(warnIfNoErrorBaseline(ctx, { cutoverSteps: [100], maxErrorRate: 0 })).toBe(true);
    expect(ctx.progress.codes).toEqual(['mode.no-error-baseline']);
    expect(ctx.progress.warnings[0]).toBe(
      "cutover-steps 100 sends all traffic at once: no step has production answers to compare the candidate's errors with, " +
        'so any error rate above max-error-rate 0 rolls back, with no statistical test. Start with a smaller step (10,50,100) to compare the two side by side.',
    );
  });

  it('says nothing when a step below 100 % comes first', () => {
    const ctx = testContext();
    expect(warnIfNoErrorBaseline(ctx, { cutoverSteps: [10, 50, 100], maxErrorRate: 0.01 })).toBe(false);
    expect(ctx.progress.codes).toEqual([]);
  });
});
