// Probing the live stage: requests sent at a steady rate while a canary step bakes, after a
// promotion and after a rollback, each answer saying which compute type served it. The prober
// itself (signed webhooks over HTTP to the stage URL) is injected; this file paces it with the
// context's clock, bounds how many probes are sent and in flight, and stops on cancellation.
import type { PipelineContext } from '../context.js';
import type { VersionRef } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';

export type ComputeType = 'lambda-managed-instances' | 'lambda-standard';

const COMPUTE_TYPE_OF_SIDE = { lmi: 'lambda-managed-instances', standard: 'lambda-standard' } as const;

export interface ProbeSample {
  /** A 2xx answer the workload recognised as its own. */
  readonly ok: boolean;
  /** HTTP status; 0 when no answer came back. */
  readonly status: number;
  /** From the answer's body; absent when the answer does not say (a gateway error, no answer). */
  readonly computeType?: ComputeType;
  /** The published version that answered (the workload's `function_version`), when it says. */
  readonly functionVersion?: string;
  readonly latencyMs: number;
  readonly error?: string;
}

/** One probe through the stage. A rejection is counted as a failed sample, never lost. */
export type Prober = (signal?: AbortSignal) => Promise<ProbeSample>;

export interface ProbeRunOptions {
  readonly ratePerSecond: number;
  /** Probes are started over this window: ratePerSecond × duration of them, at least one. */
  readonly durationMs: number;
  readonly signal?: AbortSignal;
  /** Checked after each answer; true stops starting new probes (the ones in flight finish). */
  readonly stopWhen?: (samples: readonly ProbeSample[]) => boolean;
  /** Probes in flight at once; default: 30 s worth, API Gateway's own timeout is 29 s. */
  readonly maxInFlight?: number;
  /** A progress line now and then while the window runs (a canary step's bake). */
  readonly heartbeat?: ProbeHeartbeat;
}

/**
 * Called between sends each time another `everyMs` of the window has passed, never at its end
 * (the caller reports the whole run then). It rides on the send schedule rather than a timer of
 * its own: a test's clock moves time at each sleep, so a second sleeping loop would drag the
 * probes' time ahead. It must be cheap: the next send waits for it.
 */
interface ProbeHeartbeat {
  readonly everyMs: number;
  beat(samples: readonly ProbeSample[], elapsedMs: number, sent: number): void;
}

export interface ProbeRun {
  /** In the order they were answered. */
  readonly samples: ProbeSample[];
  /** How many the window planned. */
  readonly planned: number;
  readonly stoppedEarly: boolean;
  readonly elapsedMs: number;
}

/** Hard ceiling on one run, whatever the rate and duration say. */
const MAX_PROBES_PER_RUN = 100_000;

const cancelled = () => new CutoverError('CANCELLED', 'The run was cancelled while probing the stage.');

/**
 * Starts probes on a fixed schedule (start + i / rate, so a slow answer never delays the next
 * send), collects every answer and returns once all started probes have answered. Throws
 * CANCELLED when the signal aborts, after the probes in flight have settled.
 */
export async function runProbes(
  ctx: PipelineContext,
  probe: Prober,
  options: ProbeRunOptions,
): Promise<ProbeRun> {
  const { ratePerSecond: rate, signal } = options;
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new CutoverError(
      'INVALID_INPUT',
      `probe-rate must be a number of probes per second above 0, not ${rate}.`,
    );
  }
  const planned = Math.min(MAX_PROBES_PER_RUN, Math.max(1, Math.round((rate * options.durationMs) / 1000)));
  const intervalMs = 1000 / rate;
  const maxInFlight = Math.max(1, options.maxInFlight ?? Math.ceil(rate * 30));
  const started = ctx.clock.now();
  const samples: ProbeSample[] = [];
  const inFlight = new Set<Promise<void>>();
  let stop = false;

  // The probe is called right away (the send happens now, on schedule); its answer is recorded
  // as soon as it settles, so stopWhen is seen before the next send whenever it can be.
  const launch = () => {
    const t0 = ctx.clock.now();
    let answer: Promise<ProbeSample>;
    try {
      answer = Promise.resolve(probe(signal));
    } catch (e) {
      answer = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const record = (sample: ProbeSample) => {
      samples.push(sample);
      if (options.stopWhen?.(samples)) stop = true;
      inFlight.delete(p);
    };
    const p: Promise<void> = answer.then(record, (e: unknown) =>
      record({
        ok: false,
        status: 0,
        latencyMs: ctx.clock.now() - t0,
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    inFlight.add(p);
  };

  const every = Math.max(1, options.heartbeat?.everyMs ?? Number.POSITIVE_INFINITY);
  let nextBeatMs = every;
  const beatIfDue = (sent: number) => {
    const elapsed = ctx.clock.now() - started;
    if (!options.heartbeat || elapsed < nextBeatMs || elapsed >= options.durationMs) return;
    while (nextBeatMs <= elapsed) nextBeatMs += every;
    try {
      options.heartbeat.beat(samples, elapsed, sent);
    } catch {
      // A progress line must never stop a bake.
    }
  };

  try {
    for (let i = 0; i < planned && !stop; i++) {
      if (signal?.aborted) throw cancelled();
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      launch();
      // Until the next send; after the last one, until the window ends, so a bake lasts its time.
      const next = Math.min((i + 1) * intervalMs, Math.max(options.durationMs, i * intervalMs));
      const wait = started + next - ctx.clock.now();
      if (wait > 0) await ctx.clock.sleep(wait, signal);
      // A clock that ignores the signal (a test's) still stops here.
      if (signal?.aborted) throw cancelled();
      if (!stop) beatIfDue(i + 1);
    }
  } catch (e) {
    await Promise.allSettled([...inFlight]);
    throw e;
  }
  await Promise.allSettled([...inFlight]);
  if (signal?.aborted) throw cancelled();
  return { samples, planned, stoppedEarly: stop, elapsedMs: ctx.clock.now() - started };
}

/** The answer came from exactly this version: its compute type and its version number. */
export const servedBy = (s: ProbeSample, v: VersionRef): boolean =>
  s.computeType === COMPUTE_TYPE_OF_SIDE[v.side] && s.functionVersion === v.version;

export interface RouteConfirmation {
  readonly confirmed: boolean;
  /** Every probe sent, including the ones before the route settled. */
  readonly probes: number;
  readonly samples: readonly ProbeSample[];
  /** Probes answered by another version, or not answered, while waiting. */
  readonly strays: number;
}

export interface ConfirmOptions {
  readonly ratePerSecond: number;
  /** Consecutive ok answers from the expected version that prove the route. */
  readonly samples: number;
  /** How long a route change may take to reach every API Gateway node before it counts as failed. */
  readonly settleMs: number;
  readonly signal?: AbortSignal;
  /**
   * False when the answers do not name their version (an app judged by metrics): then only
   * their health is proven here, and the stage's read-back is the proof of the route.
   */
  readonly attributed?: boolean;
}

/**
 * Proves that all traffic reaches the `expected` version: `samples` consecutive ok answers from it. A change
 * to a stage takes a few seconds to reach every node, so earlier strays are allowed until
 * `settleMs` runs out; then the route counts as not confirmed.
 */
export async function confirmRoute(
  ctx: PipelineContext,
  probe: Prober,
  expected: VersionRef,
  options: ConfirmOptions,
): Promise<RouteConfirmation> {
  let streak = 0;
  let strays = 0;
  const need = Math.max(1, options.samples);
  const run = await runProbes(ctx, probe, {
    ratePerSecond: options.ratePerSecond,
    // At least `need` probes even when the settle window is shorter than the sampling takes.
    durationMs: Math.max(options.settleMs, (need * 1000) / options.ratePerSecond),
    signal: options.signal,
    maxInFlight: need,
    stopWhen: (samples) => {
      const s = samples[samples.length - 1]!;
      if (s.ok && (options.attributed === false || servedBy(s, expected))) streak++;
      else {
        streak = 0;
        strays++;
      }
      return streak >= need;
    },
  });
  return { confirmed: streak >= need, probes: run.samples.length, samples: run.samples, strays };
}
