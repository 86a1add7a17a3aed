// One burst: `requests` requests at one target, `concurrency` in flight at once (p-limit), each
// timed on its own. What a request is — a signed webhook, a checks file's load request — is the
// sender's business; the burst paces, times and tallies. The sender's Lambda client must have
// at least `concurrency` sockets and no retries (AwsClients.lambdaForLoad), or the burst
// measures a client-side queue and hides throttles. The concurrency check's own webhooks go
// out from load workers instead (direct-burst.ts); this runs everything else, and the tests
// that mock the SDK.
import { getMaxListeners, setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { PipelineContext } from '../../context.js';
import { CutoverError } from '../../../core/errors.js';
import { throwIfAccessDenied } from '../../../core/access.js';
import { targetLabel, type InvokeTarget } from '../../webhook/invoke.js';
import type { LatencySummary } from '../../../core/stats.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { startLoadMeter, type GeneratorLoad } from './generator-load.js';
import { isError, isThrottle, type Sample, type SentRequest } from './sample.js';

export interface BurstPlan {
  readonly target: InvokeTarget;
  readonly concurrency: number;
  readonly requests: number;
}

/**
 * Sends request `seq` (from 1) and measures it with the burst's clock. Throws only what must
 * stop the burst; throttles and failures are outcomes.
 */
export type SendRequest = (seq: number) => Promise<SentRequest>;

export interface Burst {
  readonly plan: BurstPlan;
  readonly samples: readonly Sample[];
  readonly wallMs: number;
  /** Epoch ms (ctx.clock) around the burst: the window its events were stored in. */
  readonly startedAt: number;
  readonly endedAt: number;
  /**
   * The answered requests' latencies, merged from the load workers' histograms: what
   * summarizeLatencies gives for the samples. Absent when the burst ran in the main thread.
   */
  readonly latency?: LatencySummary;
  /** How hard the generator worked: a burst it limited is reported so (generator-load.ts). */
  readonly generator?: GeneratorLoad;
}

/** `now`: monotonic milliseconds, the clock the sender measures latency with (performance.now()). */
export async function fireBurst(
  ctx: PipelineContext,
  plan: BurstPlan,
  send: SendRequest,
  now: () => number = () => performance.now(),
): Promise<Burst> {
  const limit = pLimit(Math.max(1, plan.concurrency));
  // Every request in flight listens on the run's signal; Node warns of a leak past 10.
  if (ctx.signal) setMaxListeners(Math.max(getMaxListeners(ctx.signal), plan.concurrency + 10), ctx.signal);
  const startedAt = ctx.clock.now();
  const meter = startLoadMeter();
  const t0 = now();
  const tally = progressTally(ctx, plan);
  const one = async (seq: number): Promise<Sample> => {
    if (ctx.signal?.aborted)
      throw new CutoverError('CANCELLED', 'The run was cancelled during the concurrency check.');
    const startMs = now() - t0;
    let sent: SentRequest;
    try {
      sent = await send(seq);
    } catch (e) {
      throwIfAccessDenied(e, 'lambda:InvokeFunction', targetLabel(plan.target));
      throw e;
    }
    const sample: Sample = { ...sent, seq, startMs, endMs: startMs + sent.latencyMs };
    tally(sample);
    return sample;
  };

  let samples: Sample[];
  try {
    samples = await Promise.all(Array.from({ length: plan.requests }, (_, i) => limit(() => one(i + 1))));
  } catch (e) {
    limit.clearQueue();
    throw e;
  }
  const wallMs = now() - t0;
  return {
    plan,
    samples,
    wallMs,
    startedAt,
    endedAt: ctx.clock.now(),
    generator: meter.stop(samples.length),
  };
}

/** Counts the answers and says how far the burst got at a quarter, a half and three quarters. */
export function progressTally(ctx: PipelineContext, plan: BurstPlan): (sample: Sample) => void {
  const label = targetLabel(plan.target);
  const marks = new Set([0.25, 0.5, 0.75].map((f) => Math.ceil(plan.requests * f)));
  let done = 0;
  let errors = 0;
  let throttles = 0;
  return (sample) => {
    done++;
    if (isThrottle(sample)) throttles++;
    else if (isError(sample)) errors++;
    if (marks.has(done)) {
      ctx.progress.emit(
        VERIFY_MESSAGES.burstProgress,
        `${label}: ${done}/${plan.requests} requests, ${errors} errors, ${throttles} throttles`,
      );
    }
  };
}

/** The first few distinct errors, so a failed gate comes with its cause in the log. */
export function logFirstErrors(ctx: PipelineContext, samples: readonly Sample[]): void {
  const seen = new Set<string>();
  for (const s of samples) {
    if (!s.error || seen.has(s.error) || seen.size >= 3) continue;
    seen.add(s.error);
    ctx.progress.emit(VERIFY_MESSAGES.burstErrorExample, `  e.g. ${s.id}: ${s.error}`);
  }
}
