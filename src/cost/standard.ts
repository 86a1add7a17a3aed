import {
  LAMBDA_FREE_TIER,
  LAMBDA_GB_SECOND_TIERS,
  LAMBDA_REQUEST_PRICE_PER_MILLION,
  type Architecture,
} from './prices.js';

export interface StandardCostInput {
  invocations: number;
  durationMs: number;
  memoryMb: number;
  architecture: Architecture;
  freeTier?: boolean;
}

export interface StandardCost {
  requests: number;
  compute: number;
  total: number;
  gbSeconds: number;
}

/** Standard Lambda per month: requests + GB-seconds through the volume tiers. */
export function standardMonthlyCost(input: StandardCostInput): StandardCost {
  const gbSecondsUsed = input.invocations * (input.durationMs / 1000) * (input.memoryMb / 1024);
  const billableGbSeconds = Math.max(0, gbSecondsUsed - (input.freeTier ? LAMBDA_FREE_TIER.gbSeconds : 0));
  const billableRequests = Math.max(0, input.invocations - (input.freeTier ? LAMBDA_FREE_TIER.requests : 0));

  let compute = 0;
  let tierStart = 0;
  for (const tier of LAMBDA_GB_SECOND_TIERS[input.architecture]) {
    const inTier = Math.min(billableGbSeconds, tier.upTo) - tierStart;
    if (inTier <= 0) break;
    compute += inTier * tier.price;
    tierStart = tier.upTo;
  }
  const requests = (billableRequests / 1e6) * LAMBDA_REQUEST_PRICE_PER_MILLION;
  return { requests, compute, total: requests + compute, gbSeconds: gbSecondsUsed };
}
