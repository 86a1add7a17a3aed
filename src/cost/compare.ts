import { lmiMonthlyCost, type LmiCost, type LmiCostInput } from './lmi.js';
import { PRICE_SOURCE, LMI_MANAGEMENT_FEE, HOURS_PER_MONTH } from './prices.js';
import { standardMonthlyCost, type StandardCost } from './standard.js';

export interface CostComparisonInput {
  invocations: number;
  standard: { durationMs: number; memoryMb: number; freeTier?: boolean };
  lmi: Omit<LmiCostInput, 'invocations'>;
}

export interface CostComparison {
  invocations: number;
  standard: StandardCost;
  lmi: LmiCost;
  /** Negative when LMI is cheaper. */
  lmiMinusStandard: number;
  cheaper: 'lmi' | 'standard';
  /** The lowest monthly volume at which LMI costs no more than standard Lambda; null if none below 1e12. */
  crossoverInvocations: number | null;
  assumptions: string[];
}

const costsAt = (input: CostComparisonInput, invocations: number) => ({
  standard: standardMonthlyCost({ ...input.standard, invocations, architecture: input.lmi.architecture }),
  lmi: lmiMonthlyCost({ ...input.lmi, invocations }),
});

const lmiNotDearer = (input: CostComparisonInput, n: number) => {
  const c = costsAt(input, n);
  return c.lmi.total <= c.standard.total;
};

/**
 * LMI's cost is a staircase (whole instances) and standard Lambda's a line, so the first
 * crossing is found on a geometric grid and then narrowed by bisection inside the bracket.
 */
function findCrossover(input: CostComparisonInput, upTo = 1e12): number | null {
  let prev = 1000;
  if (lmiNotDearer(input, prev)) return prev;
  for (let n = prev * 1.05; n <= upTo; n *= 1.05) {
    if (lmiNotDearer(input, n)) {
      let lo = prev;
      let hi = n;
      while (hi - lo > Math.max(1, lo * 1e-6)) {
        const mid = (lo + hi) / 2;
        if (lmiNotDearer(input, mid)) hi = mid;
        else lo = mid;
      }
      return Math.ceil(hi);
    }
    prev = n;
  }
  return null;
}

export function compareCosts(input: CostComparisonInput): CostComparison {
  const { standard, lmi } = costsAt(input, input.invocations);
  const l = input.lmi;
  return {
    invocations: input.invocations,
    standard,
    lmi,
    lmiMinusStandard: lmi.total - standard.total,
    cheaper: lmi.total <= standard.total ? 'lmi' : 'standard',
    crossoverInvocations: findCrossover(input),
    assumptions: [
      `Prices: ${PRICE_SOURCE}${l.instancePrice !== undefined ? `; instance price overridden to $${l.instancePrice}/h` : ''}.`,
      `Standard Lambda: ${input.standard.memoryMb} MB, ${input.standard.durationMs} ms per invocation, ${l.architecture}` +
        `${input.standard.freeTier ? ', free tier applied' : ', no free tier'}.`,
      `LMI: ${lmi.instances} × ${lmi.instanceType} for ${HOURS_PER_MONTH} h, Savings Plan discount ${(l.savingsPlanDiscount * 100).toFixed(0)}% ` +
        `on the EC2 part only, management fee ${(LMI_MANAGEMENT_FEE * 100).toFixed(0)}% of the on-demand price.`,
      `LMI fleet sized for ${l.peakFactor}× the average concurrency (${lmi.averageConcurrency.toFixed(2)} → ${lmi.peakConcurrency.toFixed(2)} in flight), ` +
        `${l.maxConcurrency} per environment, ${lmi.environmentsPerInstance} environment(s) of ${l.memoryMb} MB per instance, never fewer than 3 instances.`,
      l.scaling
        ? `FunctionScalingConfig ${l.scaling.min}/${l.scaling.max} (min/max execution environments): ${lmi.environments} environment(s) run all month` +
          (lmi.cappedByMax
            ? '; the peak needs more than the maximum, so the excess would be throttled.'
            : '.')
        : `No FunctionScalingConfig read: SAM's default of 3 environments assumed.`,
      `During a release the candidate version's minimum environments run beside production's until the old version is retired (its minimum again, for the provisioning minutes plus the bake).`,
    ],
  };
}
