// Whether a canary step's candidate fails more often than production, decided by a stated test
// rather than "any error fails" (which rolls back on one stray error and lets a real 2 %
// regression through whenever a small sample happens to miss it):
//
// - The test: one-sided Fisher's exact test of the candidate's errors against production's
//   (H1: the candidate's error rate is higher). Production's sample is this step's production
//   answers plus those of the run's earlier steps on the same production version, so the last
//   step (100 %, no production answers of its own) still has a baseline.
// - A step fails when the candidate's error rate is above `max-error-rate` and either the test
//   gives p ≤ α, or — when `max-error-rate` is above 0 — the exact binomial test of the
//   candidate's errors against `max-error-rate` itself does (a candidate as bad as a broken
//   production still fails). α is 0.01 when the bake ends; while it runs, the step stops early
//   only at p ≤ 0.001 (a Haybittle–Peto boundary: looking often hardly adds false alarms).
// - The minimum sample is the number of candidate answers at which a regression of
//   DETECTABLE_REGRESSION above `max-error-rate`, over a production that does not fail, is
//   caught with 80 % power at the step's planned split. Below it the test cannot be trusted to
//   catch that regression, so the step is judged strictly: any error rate above
//   `max-error-rate` fails it, and the report says so.
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import hypergeometricCdf from '@stdlib/stats-base-dists-hypergeometric-cdf';
import type { StepErrorTest } from '../../core/domain.js';

const ERROR_TEST_ALPHA = 0.01;
const EARLY_STOP_ALPHA = 0.001;
/** The regression (in error-rate points above max-error-rate) the minimum sample is sized to catch. */
export const DETECTABLE_REGRESSION = 0.02;
const POWER = 0.8;

export interface ErrorCount {
  readonly errors: number;
  readonly count: number;
}

/** P(the candidate shows ≥ its errors | both sides fail at the same rate): Fisher, one-sided. */
export function fisherUpperP(candidate: ErrorCount, baseline: ErrorCount): number {
  const k = candidate.errors;
  if (k <= 0) return 1;
  const total = candidate.count + baseline.count;
  const failures = k + baseline.errors;
  return clampP(1 - hypergeometricCdf(k - 1, total, failures, candidate.count));
}

/** P(≥ k errors in n answers | each fails with probability p): the exact binomial upper tail. */
export function binomialUpperP(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  return clampP(1 - binomialCdf(k - 1, n, p));
}

const clampP = (p: number) => Math.min(1, Math.max(0, p));

/** More errors than this to reach significance: the split leaves the test no power worth waiting for. */
const MAX_ERRORS_TO_REJECT = 100;

/** The fewest errors in n candidate answers that the step's rule rejects at `alpha`; Infinity past the cap. */
function errorsToReject(n: number, baselineCount: number, maxErrorRate: number, alpha: number): number {
  const first = Math.max(1, Math.floor(n * maxErrorRate) + 1);
  for (let k = first; k <= Math.min(n, first + MAX_ERRORS_TO_REJECT); k++) {
    const byFisher = fisherUpperP({ errors: k, count: n }, { errors: 0, count: baselineCount }) <= alpha;
    const byLimit = maxErrorRate > 0 && binomialUpperP(k, n, maxErrorRate) <= alpha;
    if (byFisher || byLimit) return k;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Candidate answers needed to catch a DETECTABLE_REGRESSION with 80 % power, when the candidate
 * gets `candidateShare` (0..1) of all the answers the test compares (its own and production's).
 * Infinity when production has (almost) no answers to compare with and max-error-rate is 0 — a
 * single 100 % step with no earlier one — so such a step is judged strictly.
 */
export function minimumSample(candidateShare: number, maxErrorRate: number): number {
  const share = Math.min(0.999, Math.max(0.001, candidateShare));
  // Fisher needs about ln α / ln share errors even against a production that never fails.
  if (maxErrorRate <= 0 && Math.log(ERROR_TEST_ALPHA) / Math.log(share) > MAX_ERRORS_TO_REJECT)
    return Number.POSITIVE_INFINITY;
  const rate = Math.min(1, maxErrorRate + DETECTABLE_REGRESSION);
  for (let n = 10; n <= 200_000; n = Math.max(n + 1, Math.ceil(n * 1.02))) {
    const k = errorsToReject(n, Math.round((n * (1 - share)) / share), maxErrorRate, ERROR_TEST_ALPHA);
    if (Number.isFinite(k) && binomialUpperP(k, n, rate) >= POWER) return n;
  }
  return Number.POSITIVE_INFINITY;
}

export interface ErrorVerdict {
  readonly passed: boolean;
  /** `test` at or above the minimum sample; `strict` below it. */
  readonly decidedBy: 'test' | 'strict';
  /** Fisher's p for the candidate against production. */
  readonly pValue: number;
  /** The binomial p against max-error-rate, when it is above 0. */
  readonly limitPValue?: number;
  /** Why it failed, in one sentence; absent when it passed. */
  readonly reason?: string;
}

export interface ErrorJudgement {
  readonly candidate: ErrorCount;
  readonly baseline: ErrorCount;
  readonly maxErrorRate: number;
  readonly minimumSample: number;
  /** While the bake runs: only the early-stop boundary counts, and the strict rule never does. */
  readonly interim?: boolean;
  /** What is counted, for the reason: `answers` (probes) or `invocations` (CloudWatch). */
  readonly noun?: string;
}

export function judgeErrors(j: ErrorJudgement): ErrorVerdict {
  const { candidate, baseline, maxErrorRate } = j;
  const rate = candidate.count > 0 ? candidate.errors / candidate.count : 0;
  const pValue = fisherUpperP(candidate, baseline);
  const limitPValue =
    maxErrorRate > 0 ? binomialUpperP(candidate.errors, candidate.count, maxErrorRate) : undefined;
  const alpha = j.interim ? EARLY_STOP_ALPHA : ERROR_TEST_ALPHA;
  const decidedBy = candidate.count >= j.minimumSample ? 'test' : 'strict';
  const base = {
    decidedBy,
    pValue: round4(pValue),
    ...(limitPValue === undefined ? {} : { limitPValue: round4(limitPValue) }),
  } as const;
  if (rate <= maxErrorRate) return { ...base, passed: true };
  const significant = pValue <= alpha || (limitPValue !== undefined && limitPValue <= alpha);
  const noun = j.noun ?? 'answers';
  const counts = `${candidate.errors} of ${candidate.count} candidate ${noun} failed against ${baseline.errors} of ${baseline.count} of production's`;
  if (significant) {
    return {
      ...base,
      passed: false,
      reason: `${counts}: the candidate fails more often than ${limitPValue !== undefined && limitPValue <= alpha && pValue > alpha ? `max-error-rate ${pct(maxErrorRate)} allows` : 'production'} (one-sided ${limitPValue !== undefined && limitPValue <= alpha && pValue > alpha ? `binomial p = ${fmtP(limitPValue)}` : `Fisher p = ${fmtP(pValue)}`} ≤ ${alpha})`,
    };
  }
  if (decidedBy === 'strict' && !j.interim) {
    return {
      ...base,
      passed: false,
      reason: `${counts}: ${Number.isFinite(j.minimumSample) ? `${candidate.count} ${noun} are below the minimum sample of ${j.minimumSample} for the test` : 'production has too few answers in this run for the test'}, so the step is judged strictly and any error rate above max-error-rate ${pct(maxErrorRate)} fails it`,
    };
  }
  return { ...base, passed: true };
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;
const pct = (fraction: number) => `${Math.round(fraction * 10000) / 100} %`;
/** A p-value as the step's reasons print it. */
export const fmtP = (p: number) => (p < 0.0001 ? p.toExponential(1) : String(round4(p)));

/** The report's record of a judgement and its verdict. */
export function errorTestRecord(j: ErrorJudgement, verdict: ErrorVerdict): StepErrorTest {
  return {
    test: 'fisher-exact-one-sided',
    alpha: ERROR_TEST_ALPHA,
    detectableRegression: DETECTABLE_REGRESSION,
    // JSON has no Infinity: null says no sample is enough (nothing to compare with).
    minimumSample: Number.isFinite(j.minimumSample) ? j.minimumSample : null,
    candidate: j.candidate,
    production: j.baseline,
    pValue: verdict.pValue,
    ...(verdict.limitPValue === undefined ? {} : { limitPValue: verdict.limitPValue }),
    decidedBy: verdict.decidedBy,
  };
}
