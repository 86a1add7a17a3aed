// Is the load generator the bottleneck? Measured over a burst: how busy the busiest event loop
// that sends requests was (event-loop utilisation: a loop busy all the time delays every
// request's timer and answer, and the latencies then hold the generator's own queue) and the
// process's CPU per request against the cores it can have. A burst so marked still counts: the
// figures are reported with a warning, and no gate should fail on latencies the generator made.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { GeneratorLimited } from '../../../core/domain.js';

/** Above this share of the time busy, an event loop queues the requests it sends. */
const EVENT_LOOP_BUSY_LIMIT = 0.9;
/** Above this share of the cores, the generator's threads wait for a CPU. */
const CPU_SHARE_LIMIT = 0.9;
/**
 * A sending loop late by more than this share of the burst's median latency (and by more than
 * LOOP_DELAY_FLOOR_MS, below which the lag sampler says little) held answers long enough to move
 * the figures: answers that arrive together, as a burst's do, are read one after the other.
 */
const LOOP_DELAY_SHARE = 0.1;
const LOOP_DELAY_FLOOR_MS = 10;
/** Shorter bursts say little: start-up and the JIT's first compilations dominate them. */
const MIN_JUDGED_MS = 1000;
const MIN_JUDGED_REQUESTS = 100;

export interface GeneratorLoad {
  /** The busiest sending event loop's utilisation over the burst, 0..1. */
  readonly eventLoopBusy: number;
  /** The process's CPU (user + system, every thread) per request, in ms. */
  readonly cpuMsPerRequest: number;
  /** Cores the process kept busy on average. */
  readonly coresUsed: number;
  readonly cores: number;
  /** Threads that sent requests: the load workers, or 1 (the main thread). */
  readonly senders: number;
  readonly requests: number;
  readonly wallMs: number;
  /** The load workers' own CPU per request, in ms, where Node can tell (the rest is the main thread's). */
  readonly workerCpuMsPerRequest?: number;
  /**
   * How late the sending loops ran (p99 of the latest, in ms; load workers only): an answer that
   * arrives while its loop is busy waits that long to be read, and its latency includes the wait.
   */
  readonly eventLoopDelayMs?: number;
}

export interface LoadMeter {
  /** `loops`: the sending loops' utilisations (the workers'); the main thread's when absent. */
  stop(
    requests: number,
    loops?: readonly number[],
    workerCpuMs?: number,
    loopDelaysMs?: readonly number[],
  ): GeneratorLoad;
}

export function startLoadMeter(cores = availableParallelism()): LoadMeter {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  return {
    stop(requests, loops, workerCpuMs, loopDelaysMs) {
      const used = process.cpuUsage(cpu);
      const wallMs = Math.max(1e-3, performance.now() - t0);
      const cpuMs = (used.user + used.system) / 1000;
      const main = performance.eventLoopUtilization(elu).utilization;
      return {
        eventLoopBusy: Math.max(main, ...(loops ?? [])),
        cpuMsPerRequest: requests > 0 ? cpuMs / requests : 0,
        coresUsed: cpuMs / wallMs,
        cores,
        senders: loops?.length ?? 1,
        requests,
        wallMs,
        ...(workerCpuMs !== undefined && requests > 0
          ? { workerCpuMsPerRequest: workerCpuMs / requests }
          : {}),
        ...(loopDelaysMs && loopDelaysMs.length > 0 ? { eventLoopDelayMs: Math.max(...loopDelaysMs) } : {}),
      };
    },
  };
}

/**
 * The warning for a burst the generator limited, or undefined when it kept up — or when the
 * burst was too short to tell. `medianLatencyMs`: the burst's, to weigh its loops' delay against.
 */
export function generatorLimited(
  load: GeneratorLoad,
  medianLatencyMs?: number,
): GeneratorLimited | undefined {
  if (load.wallMs < MIN_JUDGED_MS || load.requests < MIN_JUDGED_REQUESTS) return undefined;
  const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
  const figures = {
    eventLoopBusy: round(load.eventLoopBusy, 2),
    cpuMsPerRequest: round(load.cpuMsPerRequest, 3),
  };
  if (load.eventLoopBusy > EVENT_LOOP_BUSY_LIMIT) {
    return {
      ...figures,
      reason: `the load generator's busiest event loop was busy ${Math.round(load.eventLoopBusy * 100)} % of the burst: latencies include its own queue`,
    };
  }
  const delay = load.eventLoopDelayMs;
  if (
    delay !== undefined &&
    medianLatencyMs !== undefined &&
    delay > Math.max(LOOP_DELAY_FLOOR_MS, LOOP_DELAY_SHARE * medianLatencyMs)
  ) {
    return {
      ...figures,
      eventLoopDelayMs: round(delay, 1),
      reason: `the load generator's event loop ran up to ${Math.round(delay)} ms late (p99), against a median latency of ${Math.round(medianLatencyMs)} ms: answers that arrived together waited to be read, and latencies include that queue`,
    };
  }
  if (load.coresUsed > CPU_SHARE_LIMIT * load.cores) {
    return {
      ...figures,
      reason: `the load generator used ${load.coresUsed.toFixed(1)} of ${load.cores} cores (${figures.cpuMsPerRequest} ms CPU per request): latencies include waits for a CPU`,
    };
  }
  return undefined;
}
