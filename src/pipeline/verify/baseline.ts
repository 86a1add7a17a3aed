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
import { isCutoverError } from '../../core/errors.js';
import { summarizeLatencies } from '../../core/stats.js';
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
    if (!isCutoverError(e) && !(e instanceof Error && /AccessDenied|NotFound/.test(e.name))) throw e;
    return twinInstead(ctx, `the stage's route could not be read (${e.message.split('\n')[0]})`);
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
  let run: BurstRun | undefined;
  let paired: BurstRun | undefined;
  let note: string | undefined;
  if (production.basis === 'twin') {
    run = load.standard;
    note = production.note;
  } else if (sameTarget(production.target, candidate.target)) {
    run = load.lmi;
    note = 'production already serves the candidate';
  } else if (load.standard && sameTarget(production.target, load.standard.burst.plan.target)) {
    run = load.standard;
  } else if (production.target.side === 'standard') {
    ctx.progress.emit(
      VERIFY_MESSAGES.baselineBurst,
      `max-p95-ms auto: production serves ${targetLabel(production.target)}, a standard version; the same burst measures its warm latency.`,
    );
    run = await measure(production.target, { ...sizeOf(candidate), kind: 'baseline' });
  } else {
    const concurrency = Math.min(LIGHT_IN_FLIGHT, candidate.concurrency);
    const light = { concurrency, requests: concurrency * LIGHT_ROUNDS };
    ctx.progress.emit(
      VERIFY_MESSAGES.baselineBurst,
      `max-p95-ms auto: production serves ${targetLabel(production.target)}, an LMI version; ${light.requests} requests, ` +
        `${light.concurrency} in flight, measure it and the candidate at the same light load (the check's burst would take real users' capacity).`,
    );
    run = await measure(production.target, { ...light, kind: 'baseline' });
    paired = await measure(candidate.target, { ...light, kind: 'paired' });
    note = `production and the candidate measured at the same light load, ${light.concurrency} in flight`;
  }
  if (!run) return undefined;
  const target = run.burst.plan.target;
  const warm = warmLatency(run.burst.samples);
  return {
    side: target.side,
    functionName: target.functionName,
    qualifier: target.qualifier,
    basis: production.basis,
    ...(note ? { note } : {}),
    sample: sizeOf(run.burst.plan),
    warm: warm.latency,
    coldStartsExcluded: warm.coldStartsExcluded,
    coldStartsKnown: warm.coldStartsKnown,
    ...(paired ? { candidateWarm: warmLatency(paired.burst.samples).latency } : {}),
    factor: AUTO_P95_FACTOR,
    limitMs: Math.round(warm.latency.p95 * AUTO_P95_FACTOR * 100) / 100,
  };
}

const sizeOf = (plan: { concurrency: number; requests: number }) => ({
  concurrency: plan.concurrency,
  requests: plan.requests,
});

/**
 * The latency of the answered invocations that did not start an environment. Without any REPORT
 * line (no log tail) cold starts cannot be told apart, and every answer counts.
 */
export function warmLatency(samples: readonly Sample[]) {
  const timed = samples.filter((s) => s.outcome === 'answered' || s.outcome === 'function-error');
  const coldStartsKnown = timed.some((s) => s.durationMs !== undefined);
  const warm = coldStartsKnown ? timed.filter((s) => !s.coldStart) : timed;
  return {
    latency: summarizeLatencies(warm.map((s) => s.latencyMs)),
    coldStartsExcluded: timed.length - warm.length,
    coldStartsKnown,
  };
}
