import { describe, expect, it } from '@jest/globals';
import { compareCosts, lmiMonthlyCost, standardMonthlyCost, CostInputError } from '../../src/cost/index.js';

const cents = (n: number) => Math.round(n * 100) / 100;
const lmiBase = {
  durationMs: 500,
  memoryMb: 4096,
  memoryGiBPerVCpu: 2,
  maxConcurrency: 64,
  architecture: 'arm64' as const,
  peakFactor: 3,
  savingsPlanDiscount: 0,
};

describe('standard Lambda cost (the demo article figures)', () => {
  it('5M invocations of 500 ms at 512 MB cost $21.83', () => {
    const c = standardMonthlyCost({
      invocations: 5e6,
      durationMs: 500,
      memoryMb: 512,
      architecture: 'x86_64',
    });
    expect(cents(c.total)).toBe(21.83);
    expect(cents(c.requests)).toBe(1);
  });

  it('5M invocations of 500 ms at 2 GB cost $84.33', () => {
    const c = standardMonthlyCost({
      invocations: 5e6,
      durationMs: 500,
      memoryMb: 2048,
      architecture: 'x86_64',
    });
    expect(cents(c.total)).toBe(84.33);
  });

  it('10M at 2 GB is $168.67; the article prints $168.66, which is 2 × the rounded $84.33', () => {
    const c = standardMonthlyCost({
      invocations: 10e6,
      durationMs: 500,
      memoryMb: 2048,
      architecture: 'x86_64',
    });
    expect(c.total).toBeCloseTo(168.6667, 3);
    expect(Math.abs(c.total - 168.66)).toBeLessThan(0.01);
  });

  it('applies the free tier and the volume tiers', () => {
    const free = standardMonthlyCost({
      invocations: 1e6,
      durationMs: 100,
      memoryMb: 1024,
      architecture: 'x86_64',
      freeTier: true,
    });
    expect(free.total).toBe(0);
    // 8e9 GB-s: 6e9 at the first tier, 2e9 at the second.
    const big = standardMonthlyCost({
      invocations: 8e9,
      durationMs: 1000,
      memoryMb: 1024,
      architecture: 'x86_64',
    });
    expect(big.compute).toBeCloseTo(6e9 * 0.0000166667 + 2e9 * 0.000015, 2);
  });
});

describe('LMI cost', () => {
  it('never runs fewer than 3 instances, unlike a one-instance estimate', () => {
    const c = lmiMonthlyCost({ ...lmiBase, invocations: 5e6 });
    expect(c.instances).toBe(3);
    expect(c.instanceType).toBe('m7g.large');
    expect(cents(c.ec2)).toBe(cents(3 * 730 * 0.0816));
    expect(cents(c.managementFee)).toBe(cents(0.15 * 3 * 730 * 0.0816));
    expect(cents(c.total)).toBe(206.51);
    const oneInstance = 730 * 0.0816 * 1.15 + 1;
    expect(c.total / oneInstance).toBeGreaterThan(2.9);
  });

  it('discounts only the EC2 part with a Savings Plan', () => {
    const full = lmiMonthlyCost({ ...lmiBase, invocations: 5e6 });
    const sp = lmiMonthlyCost({ ...lmiBase, invocations: 5e6, savingsPlanDiscount: 0.5 });
    expect(sp.ec2).toBeCloseTo(full.ec2 / 2, 6);
    expect(sp.managementFee).toBeCloseTo(full.managementFee, 6);
  });

  it('adds instances when the measured demand needs more environments', () => {
    // 2e9 × 0.5 s / 2,628,000 s ≈ 380 in flight on average, ×3 peak ≈ 1142 → 18 environments of 64.
    const c = lmiMonthlyCost({ ...lmiBase, invocations: 2e9 });
    expect(c.environments).toBe(Math.ceil((((2e9 / 2_628_000) * 0.5 * 3) / 64) * 1));
    expect(c.environmentsPerInstance).toBe(1);
    expect(c.instances).toBe(c.environments);
  });

  it('rejects an instance type that cannot hold one environment, and unknown types', () => {
    expect(() =>
      lmiMonthlyCost({ ...lmiBase, invocations: 1, memoryMb: 8192, instanceType: 'c7g.large' }),
    ).toThrow(/c7g.large \(2 vCPU, 4 GiB\) cannot hold one execution environment of 8 GiB/);
    expect(() => lmiMonthlyCost({ ...lmiBase, invocations: 1, instanceType: 't2.nano' })).toThrow(
      CostInputError,
    );
  });

  it('uses an instance price override', () => {
    const c = lmiMonthlyCost({ ...lmiBase, invocations: 0, instancePrice: 0.1 });
    expect(c.ec2).toBeCloseTo(219, 6);
  });
});

describe('comparison and crossover', () => {
  it('finds the volume where LMI becomes cheaper, and it is consistent with both models', () => {
    const input = { invocations: 5e6, standard: { durationMs: 500, memoryMb: 2048 }, lmi: lmiBase };
    const cmp = compareCosts(input);
    expect(cmp.cheaper).toBe('standard');
    const x = cmp.crossoverInvocations!;
    expect(x).toBeGreaterThan(5e6);
    const at = compareCosts({ ...input, invocations: x });
    const before = compareCosts({ ...input, invocations: x * 0.99 });
    expect(at.lmi.total).toBeLessThanOrEqual(at.standard.total);
    expect(before.lmi.total).toBeGreaterThan(before.standard.total);
    expect(cmp.assumptions.join('\n')).toMatch(/never fewer than 3 instances/);
  });
});
