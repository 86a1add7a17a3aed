// The base of `max-p95-ms: auto`: the warm p95 of what production serves now, measured in the
// same run as the candidate. Production is the version the stage's production route names: the
// standard twin before the first cutover, the current LMI version after it. Cold starts are left
// out (the REPORT line's Init Duration), or a twin whose burst starts 24 environments would set a
// limit no regression short of a timeout could reach.
//
// Production traffic is sacred, so how production is measured depends on what it runs:
// - a standard version: its own burst (the twin's, reused when it is the same version). Standard
//   Lambda starts an environment per request in flight, so the burst takes nobody's capacity.
// - an LMI version: never the check's burst, which is sized to fill a version's minimum
//   environments and would throttle real users while the version scales. A light sample instead,
//   one request in flight per minimum environment, sent to production AND, the same way, to the
//   candidate: the gate compares the two at the same load (the candidate's full burst still
//   answers to the error and throttle gates), and the canary's probes are a light load too.
import type { LatencyBaseline, VersionRef } from '../../core/domain.js';
import { errorMessage, isAccessDeniedError, isNotFoundError } from '../../core/aws-errors.js';
import { isCutoverError } from '../../core/errors.js';
import { summarizeLatencies, type LatencySummary } from '../../core/stats.js';
import type { PipelineContext } from '../context.js';
import { readRoute, routeRefFromOutputs } from '../traffic/route.js';
import { productionOf } from '../../core/domain.js';
import { targetLabel, type InvokeTarget } from '../webhook/invoke.js';
import { ENVIRONMENTS_AT_START, type BurstRun } from './load.js';
import type { Sample } from './load/sample.js';
import { VERIFY_MESSAGES } from './messages.js';

/** The limit is this many times production's warm p95. */
const AUTO_P95_FACTOR = 1.5;

/** The version to compare with: what production serves, or the twin and why production is unknown. */
export type BaselineTarget =
  | { readonly basis: 'production'; readonly target: InvokeTarget }
  | { readonly basis: 'twin'; readonly note: string };

/** How many requests, how many in flight, and what to call them. */
interface BaselineSample {
  readonly concurrency: number;
  readonly requests: number;
  /** `baseline`: production's version; `paired`: the candidate at the same light load. */
  readonly kind: 'baseline' | 'paired';
}

/** Sends requests at a version the check's burst did not cover. */
export type MeasureBaseline = (target: InvokeTarget, sample: BaselineSample) => Promise<BurstRun>;

/** One request in flight per environment a version starts with; ten rounds of it. */
const LIGHT_IN_FLIGHT = ENVIRONMENTS_AT_START;
const LIGHT_ROUNDS = 10;

/**
 * The version the stage's production route serves. A stage that cannot be read does not stop a
 * verify run (it never touches the route): the twin stands in, and the report says why.
 */
export async function productionTarget(
  ctx: PipelineContext,
  stackName: string,
  outputs: Readonly<Record<string, string>>,
): Promise<BaselineTarget> {
  try {
    const { route } = await readRoute(ctx, routeRefFromOutputs(outputs, stackName));
    const production = productionOf(route);
    if (production) return { basis: 'production', target: invokeTargetOf(production) };
    return twinInstead(ctx, 'the stage routes to no version yet');
  } catch (e) {
    if (!isCutoverError(e) && !isAccessDeniedError(e) && !isNotFoundError(e)) throw e;
    return twinInstead(ctx, `the stage's route could not be read (${errorMessage(e).split('\n')[0]})`);
  }
}

function twinInstead(ctx: PipelineContext, why: string): BaselineTarget {
  const note = `${why}; the standard twin's candidate stands in for production`;
  ctx.progress.emit(VERIFY_MESSAGES.baselineTwin, `max-p95-ms auto: ${note}.`);
  return { basis: 'twin', note };
}

const invokeTargetOf = (v: VersionRef): InvokeTarget => ({
  side: v.side,
  functionName: v.functionName,
  qualifier: v.version,
});

const sameTarget = (a: InvokeTarget, b: InvokeTarget): boolean =>
  a.functionName === b.functionName && a.qualifier === b.qualifier;

/**
 * Where production's warm latency comes from (see the top of this file): one side of the check's
 * own burst, a burst of its own at a standard production version (`burst`, the check's size), or
 * a light sample of an LMI production version paired with the candidate's (`light`).
 */
export type BaselinePlan =
  | (PlanBasis & { readonly from: 'lmi' })
  | (PlanBasis & { readonly from: 'standard' })
  | (PlanBasis & { readonly from: 'burst'; readonly target: InvokeTarget })
  | (PlanBasis & { readonly from: 'light'; readonly target: InvokeTarget; readonly light: LightSample });

interface PlanBasis {
  readonly basis: BaselineTarget['basis'];
  readonly note?: string;
}

interface LightSample {
  readonly concurrency: number;
  readonly requests: number;
}

/** Undefined when there is nothing to compare with (production unknown and no twin burst). */
export function planBaseline(
  production: BaselineTarget,
  check: { readonly candidate: InvokeTarget; readonly twin?: InvokeTarget; readonly concurrency: number },
): BaselinePlan | undefined {
  if (production.basis === 'twin')
    return check.twin ? { from: 'standard', basis: 'twin', note: production.note } : undefined;
  const { target } = production;
  if (sameTarget(target, check.candidate))
    return { from: 'lmi', basis: 'production', note: 'production already serves the candidate' };
  if (check.twin && sameTarget(target, check.twin)) return { from: 'standard', basis: 'production' };
  if (target.side === 'standard') return { from: 'burst', basis: 'production', target };
  const concurrency = Math.min(LIGHT_IN_FLIGHT, check.concurrency);
  return {
    from: 'light',
    basis: 'production',
    target,
    light: { concurrency, requests: concurrency * LIGHT_ROUNDS },
    note: `production and the candidate measured at the same light load, ${concurrency} in flight`,
  };
}

/** Says in the log why production gets requests of its own, before they go. */
export function announceBaselineBurst(ctx: PipelineContext, plan: BaselinePlan): void {
  if (plan.from === 'burst') {
    ctx.progress.emit(
      VERIFY_MESSAGES.baselineBurst,
      `max-p95-ms auto: production serves ${targetLabel(plan.target)}, a standard version; the same burst measures its warm latency.`,
    );
  } else if (plan.from === 'light') {
    ctx.progress.emit(
      VERIFY_MESSAGES.baselineBurst,
      `max-p95-ms auto: production serves ${targetLabel(plan.target)}, an LMI version; ${plan.light.requests} requests, ` +
        `${plan.light.concurrency} in flight, measure it and the candidate at the same light load (the check's burst would take real users' capacity).`,
    );
  }
}

/**
 * Production's warm latency and the limit it sets (see the top of this file for how production
 * is measured). Undefined when there is nothing to compare with (no twin burst, production unknown).
 */
export async function measureBaseline(
  ctx: PipelineContext,
  load: { readonly lmi: BurstRun; readonly standard?: BurstRun },
  production: BaselineTarget,
  measure: MeasureBaseline,
): Promise<LatencyBaseline | undefined> {
  const candidate = load.lmi.burst.plan;
  const plan = planBaseline(production, {
    candidate: candidate.target,
    twin: load.standard?.burst.plan.target,
    concurrency: candidate.concurrency,
  });
  if (!plan) return undefined;
  announceBaselineBurst(ctx, plan);
  let run: BurstRun;
  let paired: BurstRun | undefined;
  switch (plan.from) {
    case 'lmi':
      run = load.lmi;
      break;
    case 'standard':
      run = load.standard!;
      break;
    case 'burst':
      run = await measure(plan.target, { ...sizeOf(candidate), kind: 'baseline' });
      break;
    case 'light':
      run = await measure(plan.target, { ...plan.light, kind: 'baseline' });
      paired = await measure(candidate.target, { ...plan.light, kind: 'paired' });
      break;
  }
  const warm = warmLatency(run.burst.samples);
  return latencyBaselineOf({
    target: run.burst.plan.target,
    plan,
    sample: sizeOf(run.burst.plan),
    warm: warm.latency,
    coldStartsExcluded: warm.coldStartsExcluded,
    coldStartsKnown: warm.coldStartsKnown,
    ...(paired ? { candidateWarm: warmLatency(paired.burst.samples).latency } : {}),
  });
}

/** The baseline and its limit from production's warm latency, however it was measured. */
export function latencyBaselineOf(parts: {
  readonly target: InvokeTarget;
  readonly plan: Pick<BaselinePlan, 'basis' | 'note'>;
  readonly sample: LatencyBaseline['sample'];
  readonly warm: LatencySummary;
  readonly coldStartsExcluded: number;
  readonly coldStartsKnown: boolean;
  readonly candidateWarm?: LatencySummary;
}): LatencyBaseline {
  const { target, plan, warm } = parts;
  return {
    side: target.side,
    functionName: target.functionName,
    qualifier: target.qualifier,
    basis: plan.basis,
    ...(plan.note ? { note: plan.note } : {}),
    sample: parts.sample,
    warm,
    coldStartsExcluded: parts.coldStartsExcluded,
    coldStartsKnown: parts.coldStartsKnown,
    ...(parts.candidateWarm ? { candidateWarm: parts.candidateWarm } : {}),
    factor: AUTO_P95_FACTOR,
    limitMs: Math.round(warm.p95 * AUTO_P95_FACTOR * 100) / 100,
  };
}

const sizeOf = (plan: { concurrency: number; requests: number }) => ({
  concurrency: plan.concurrency,
  requests: plan.requests,
});

/**
 * The answered invocations that did not start an environment. Without any REPORT line (no log
 * tail) cold starts cannot be told apart, and every answer counts.
 */
export function warmAnswers(samples: readonly Sample[]) {
  const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
  const coldStartsKnown = timed.some((s) => s.durationMs !== undefined);
  const warm = coldStartsKnown ? timed.filter((s) => !s.coldStart) : timed;
  return { warm, coldStartsExcluded: timed.length - warm.length, coldStartsKnown };
}

/** The warm answers' latency (warmAnswers). */
export function warmLatency(samples: readonly Sample[]) {
  const { warm, coldStartsExcluded, coldStartsKnown } = warmAnswers(samples);
  return { latency: summarizeLatencies(warm.map((s) => s.latencyMs)), coldStartsExcluded, coldStartsKnown };
}
