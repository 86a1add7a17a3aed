// The `alarm-names` gate, watched all through a bake rather than read once at its end: the
// alarms are polled every few seconds while the probes run, and the first poll that finds one in
// ALARM stops the bake, so a regression an alarm sees reaches less traffic for less time.
import type { PipelineContext } from '../context.js';
import type { AlarmCheck } from './alarms.js';

/** Polls at most this often (DescribeAlarms is cheap; CloudWatch evaluates every 10 s or minute). */
const MAX_POLL_MS = 10_000;
const MIN_POLL_MS = 1_000;

export interface AlarmWatch {
  /** True once a poll found an alarm in ALARM (or failed): the bake should stop. */
  readonly tripped: () => boolean;
  /** Stops polling and checks once more; the names in ALARM, or the poll's error. */
  finish(): Promise<{ inAlarm: string[]; polls: number; trippedAtMs?: number }>;
}

/** A poll every sixth of the bake, between 1 and 10 seconds. */
export const alarmPollMs = (bakeMs: number): number =>
  Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(bakeMs / 6)));

export function watchAlarms(
  ctx: PipelineContext,
  check: AlarmCheck,
  names: readonly string[],
  options: { pollMs: number; signal?: AbortSignal },
): AlarmWatch {
  const started = ctx.clock.now();
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let inAlarm: string[] = [];
  let failure: unknown;
  let polls = 0;
  let trippedAtMs: number | undefined;
  const loop = (async () => {
    while (!signal.aborted && inAlarm.length === 0 && failure === undefined) {
      try {
        await ctx.clock.sleep(options.pollMs, signal);
      } catch {
        return; // stopped or cancelled
      }
      if (signal.aborted) return;
      try {
        polls++;
        inAlarm = await check(names);
        if (inAlarm.length > 0) trippedAtMs = ctx.clock.now() - started;
      } catch (e) {
        failure = e;
      }
    }
  })();
  return {
    tripped: () => inAlarm.length > 0 || failure !== undefined,
    async finish() {
      stop.abort();
      // Not awaited: a poll in flight may finish later and is ignored; a clock that ignores
      // the abort must not hold the step.
      void loop;
      if (failure !== undefined) throw failure;
      if (inAlarm.length === 0) {
        polls++;
        inAlarm = await check(names);
        if (inAlarm.length > 0) trippedAtMs = ctx.clock.now() - started;
      }
      return { inAlarm, polls, ...(trippedAtMs !== undefined ? { trippedAtMs } : {}) };
    },
  };
}
