// The gates of the concurrency check: the LMI version's error rate, p95 latency and throttle
// rate against their limits. A figure at the limit passes; above it, the run fails with every
// breached figure. `max-p95-ms: auto` is 1.5 × the warm p95 of what production serves, measured
// in the same run (baseline.ts), so the LMI version may not be much slower than production today.
import type { GateResult, LatencyBaseline, LoadResult } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';
import { describeBaseline } from '../../core/latency-baseline.js';

export interface GateLimits {
  readonly maxErrorRate: number;
  readonly maxThrottleRate: number;
  readonly maxP95Ms: number | 'auto';
}

export function evaluateGates(
  lmi: LoadResult,
  baseline: LatencyBaseline | undefined,
  limits: GateLimits,
): GateResult[] {
  return [
    {
      name: 'max-error-rate',
      limit: limits.maxErrorRate,
      actual: lmi.errorRate,
      passed: lmi.errorRate <= limits.maxErrorRate,
    },
    p95Gate(lmi, baseline, limits.maxP95Ms),
    {
      name: 'max-throttle-rate',
      limit: limits.maxThrottleRate,
      actual: lmi.throttleRate,
      passed: lmi.throttleRate <= limits.maxThrottleRate,
    },
  ];
}

function p95Gate(lmi: LoadResult, baseline: LatencyBaseline | undefined, limit: number | 'auto'): GateResult {
  // Against an LMI production measured at a light load, the candidate at that same load.
  const paired = limit === 'auto' ? baseline?.candidateWarm : undefined;
  const actual = paired ? paired.p95 : lmi.latency.p95;
  if (limit !== 'auto')
    return notJudgedIfLimited(
      { name: 'max-p95-ms', limit, actual, passed: lmi.latency.count > 0 && actual <= limit },
      lmi,
    );
  // Nothing to compare with is never a pass.
  if (!baseline)
    return { name: 'max-p95-ms', limit: 'auto: no production latency measured', actual, passed: false };
  if (baseline.warm.count === 0)
    return { name: 'max-p95-ms', limit: 'auto: production answered no warm request', actual, passed: false };
  const derived = baseline.limitMs;
  const answered = paired ? paired.count : lmi.latency.count;
  return notJudgedIfLimited(
    { name: 'max-p95-ms', limit: derived, actual, passed: answered > 0 && actual <= derived },
    paired ? undefined : lmi,
  );
}

/**
 * A p95 over its limit that the load generator itself may have caused (its event loop or the
 * runner's cores ran out) is not a verdict on the function: the gate says so instead of failing.
 * Under the limit it stands, since the figure can only overstate the function's latency; so does
 * a breach larger than the delay a late-running loop can have added.
 */
function notJudgedIfLimited(gate: GateResult, measured: LoadResult | undefined): GateResult {
  const limited = measured?.generatorLimited;
  if (gate.passed || !limited || measured.latency.count === 0) return gate;
  // A loop that ran late adds at most its delay to an answer: a breach larger than that stands.
  const delay = limited.eventLoopDelayMs;
  if (
    delay !== undefined &&
    typeof gate.actual === 'number' &&
    typeof gate.limit === 'number' &&
    gate.actual - delay > gate.limit
  )
    return gate;
  return {
    ...gate,
    actual: `${String(gate.actual)} (not judged: ${limited.reason})`,
    passed: true,
  };
}

/** GATE_FAILED with each breached gate's limit and figure. */
export function assertGatesPassed(
  gates: readonly GateResult[],
  figures: { lmi: LoadResult; baseline?: LatencyBaseline },
): void {
  const { lmi, baseline } = figures;
  const breached = gates.filter((g) => !g.passed);
  if (breached.length === 0) return;
  const lines = breached.map((g) => {
    switch (g.name) {
      case 'max-error-rate':
        return `max-error-rate: ${percent(lmi.errorRate)} of ${lmi.requests} requests failed (${lmi.errors}); the limit is ${percent(Number(g.limit))}`;
      case 'max-throttle-rate':
        return `max-throttle-rate: ${percent(lmi.throttleRate)} of ${lmi.requests} requests were throttled (${lmi.throttles}); the limit is ${percent(Number(g.limit))}`;
      case 'max-p95-ms':
        if (typeof g.limit === 'string') {
          return (
            `max-p95-ms: ${g.limit}, so the p95 limit is unknown. ` +
            `${baseline ? `production's version ${baseline.functionName}:${baseline.qualifier} answered ${baseline.warm.count} warm request(s). ` : ''}` +
            `Set max-p95-ms to a number of milliseconds (LMI p95 was ${lmi.latency.p95} ms)`
          );
        }
        if (lmi.latency.count === 0)
          return 'max-p95-ms: the LMI version answered no request, so it has no p95';
        return (
          `max-p95-ms: LMI p95 ${String(g.actual)} ms${baseline?.candidateWarm ? ' (warm, at the same light load as production)' : ''} is over the limit of ${g.limit} ms` +
          (baseline ? ` (${describeBaseline(baseline)})` : '')
        );
      default:
        return `${g.name}: ${String(g.actual)} against ${String(g.limit)}`;
    }
  });
  throw new CutoverError(
    'GATE_FAILED',
    `The LMI version failed ${breached.length} gate${breached.length === 1 ? '' : 's'} of the concurrency check.`,
    lines,
  );
}

const percent = (fraction: number) => `${Math.round(fraction * 10000) / 100}%`;
