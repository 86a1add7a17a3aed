// The base of `max-p95-ms: auto`: the warm p95 of what production serves now, measured in the
// same run as the candidate. Production is the version the stage's production route names: the
// standard twin before the first cutover, the current LMI version after it. When that version is
// one the concurrency check already loaded, its burst is reused; otherwise it gets a burst of its
// own. Cold starts are left out (the REPORT line's Init Duration), or a twin whose burst starts 24
// environments would set a limit no regression short of a timeout could reach.
import type { LatencyBaseline, VersionRef } from '../../core/domain.js';
import { isCutoverError } from '../../core/errors.js';
import { summarizeLatencies } from '../../core/stats.js';
import type { PipelineContext } from '../context.js';
import { readRoute, routeRefFromOutputs } from '../traffic/route.js';
import { productionOf } from '../../core/domain.js';
import { targetLabel, type InvokeTarget } from '../webhook/invoke.js';
import type { BurstRun } from './load.js';
import type { Sample } from './load/sample.js';
import { VERIFY_MESSAGES } from './messages.js';

/** The limit is this many times production's warm p95. */
const AUTO_P95_FACTOR = 1.5;

/** The version to compare with: what production serves, or the twin and why production is unknown. */
export type BaselineTarget =
  | { readonly basis: 'production'; readonly target: InvokeTarget }
  | { readonly basis: 'twin'; readonly note: string };

/** Sends the check's burst at another version (production's, when the check did not load it). */
export type MeasureBaseline = (target: InvokeTarget) => Promise<BurstRun>;

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
 * Production's warm latency and the limit it sets, from the burst at production's version: the
 * candidate's or the twin's when production is one of them, a burst of its own otherwise.
 * Undefined when there is nothing to compare with (no twin burst and production unknown).
 */
export async function measureBaseline(
  ctx: PipelineContext,
  load: { readonly lmi: BurstRun; readonly standard?: BurstRun },
  production: BaselineTarget,
  measure: MeasureBaseline,
): Promise<LatencyBaseline | undefined> {
  let run: BurstRun | undefined;
  let note: string | undefined;
  if (production.basis === 'twin') {
    run = load.standard;
    note = production.note;
  } else if (sameTarget(production.target, load.lmi.burst.plan.target)) {
    run = load.lmi;
    note = 'production already serves the candidate';
  } else if (load.standard && sameTarget(production.target, load.standard.burst.plan.target)) {
    run = load.standard;
  } else {
    ctx.progress.emit(
      VERIFY_MESSAGES.baselineBurst,
      `max-p95-ms auto: production serves ${targetLabel(production.target)}; the same burst measures its warm latency.`,
    );
    run = await measure(production.target);
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
    warm: warm.latency,
    coldStartsExcluded: warm.coldStartsExcluded,
    coldStartsKnown: warm.coldStartsKnown,
    factor: AUTO_P95_FACTOR,
    limitMs: Math.round(warm.latency.p95 * AUTO_P95_FACTOR * 100) / 100,
  };
}

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
