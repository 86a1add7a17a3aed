// One polling loop for every wait (stack, change set, provisioning, a route change settling):
// p-wait-for drives the rounds; this adds what AWS waits need on top — a deadline on the
// injectable clock (so tests run multi-minute waits instantly), back-off while AWS throttles,
// and a heartbeat when nothing has been said for a while, so a log never goes quiet long
// enough to look hung.
import pWaitFor from 'p-wait-for';
import { isThrottlingError } from './aws-errors.js';
import type { Clock } from './clock.js';
import { formatDuration } from './format.js';
import { message, type MessageSpec, type Progress } from './progress.js';

export const POLL_MESSAGES = {
  throttled: message('poll.throttled', 'warn', 'AWS throttles a wait; polling slows down until it eases.'),
  heartbeat: message(
    'poll.heartbeat',
    'info',
    'A wait is still going; said when it has been quiet for a while.',
  ),
} as const;

/** What a wait needs of the run: a clock to sleep on, somewhere to speak, a cancellation. */
export interface PollEnv {
  readonly clock: Clock;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
}

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
  /** The code of that line; the generic heartbeat by default. */
  readonly heartbeatMessage?: MessageSpec;
  /** Throws the stage's timeout error. */
  readonly onTimeout: () => never;
  /** What is being polled, for the throttling warning. */
  readonly what: string;
}

export async function poll<T>(
  env: PollEnv,
  options: PollOptions,
  attempt: () => Promise<PollStep<T>>,
): Promise<T> {
  const { timing } = options;
  const start = env.clock.now();
  let lastLine = start;
  let interval = timing.intervalMs;
  let throttled = false;
  let rounds = 0;
  const round = async () => {
    // The deadline bounds the loop; the count guards against a clock that does not move.
    if (++rounds > 1_000_000) options.onTimeout();
    try {
      const step = await attempt();
      if (step.done) return pWaitFor.resolveWith(step.value);
      if (step.activity) lastLine = env.clock.now();
      if (throttled) {
        throttled = false;
        interval = timing.intervalMs;
      }
    } catch (e) {
      if (!isThrottlingError(e)) throw e;
      interval = Math.min(interval * 2, timing.maxIntervalMs);
      if (!throttled)
        env.progress.emit(
          POLL_MESSAGES.throttled,
          `AWS is throttling ${options.what}; polling every ${formatDuration(interval)} until it eases.`,
        );
      throttled = true;
    }
    const now = env.clock.now();
    if (now >= options.deadline) options.onTimeout();
    if (now - lastLine >= timing.heartbeatMs) {
      env.progress.emit(options.heartbeatMessage ?? POLL_MESSAGES.heartbeat, options.heartbeat(now - start));
      lastLine = now;
    }
    // The pause is the clock's, not p-wait-for's timer, so a test clock skips it and a
    // cancellation ends it with CANCELLED.
    await env.clock.sleep(Math.min(interval, Math.max(options.deadline - now, 0)), env.signal);
    return false;
  };
  return pWaitFor(round, { interval: 0, before: true });
}
