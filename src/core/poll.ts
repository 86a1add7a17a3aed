// One polling loop for every wait of the deploy stage: bounded by a deadline, backing off when
// AWS throttles, and printing a heartbeat when nothing has been said for a while, so a log
// never goes quiet long enough to look hung.
import { isThrottlingError } from './aws-errors.js';
import type { PipelineContext } from '../pipeline/context.js';
import { formatDuration } from './format.js';

export interface PollTiming {
  /** Normal pause between polls. */
  readonly intervalMs: number;
  /** Ceiling for the pause while throttled. */
  readonly maxIntervalMs: number;
  /** At least one line this often while waiting. */
  readonly heartbeatMs: number;
}

export type PollStep<T> =
  | { readonly done: true; readonly value: T }
  /** activity: the attempt printed something, so the heartbeat can wait. */
  | { readonly done: false; readonly activity?: boolean };

export interface PollOptions {
  readonly timing: PollTiming;
  /** Epoch ms after which onTimeout is called instead of polling again. */
  readonly deadline: number;
  /** The line printed when quiet for heartbeatMs (elapsed since the poll started). */
  readonly heartbeat: (elapsedMs: number) => string;
  /** Throws the stage's timeout error. */
  readonly onTimeout: () => never;
  /** What is being polled, for the throttling warning. */
  readonly what: string;
}

export async function poll<T>(
  ctx: PipelineContext,
  options: PollOptions,
  attempt: () => Promise<PollStep<T>>,
): Promise<T> {
  const { timing } = options;
  const start = ctx.clock.now();
  let lastLine = start;
  let interval = timing.intervalMs;
  let throttled = false;
  // The deadline bounds the loop; the counter is a guard against a clock that does not move.
  for (let round = 0; round < 1_000_000; round++) {
    try {
      const step = await attempt();
      if (step.done) return step.value;
      if (step.activity) lastLine = ctx.clock.now();
      if (throttled) {
        throttled = false;
        interval = timing.intervalMs;
      }
    } catch (e) {
      if (!isThrottlingError(e)) throw e;
      interval = Math.min(interval * 2, timing.maxIntervalMs);
      if (!throttled)
        ctx.progress.warn(
          `AWS is throttling ${options.what}; polling every ${formatDuration(interval)} until it eases.`,
        );
      throttled = true;
    }
    const now = ctx.clock.now();
    if (now >= options.deadline) options.onTimeout();
    if (now - lastLine >= timing.heartbeatMs) {
      ctx.progress.info(options.heartbeat(now - start));
      lastLine = now;
    }
    await ctx.clock.sleep(Math.min(interval, Math.max(options.deadline - now, 0)), ctx.signal);
  }
  return options.onTimeout();
}
