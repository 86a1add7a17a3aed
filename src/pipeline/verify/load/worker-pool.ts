// The load workers of one run (worker.ts), started on the first direct burst and kept for the
// next ones (LMI, twin, sweep levels) until the run's clients are destroyed. A burst's
// concurrency is split among them; samples come back in batches, and the burst ends when every
// worker said done — or at once when one hit a denial or the run was cancelled.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SigningCredentials } from '../../../aws/sigv4.js';
import { CutoverError } from '../../../core/errors.js';
import type { EncodedLatencies } from '../../../core/latency-histogram.js';
import type { Sample } from './sample.js';
import type { FromWorker, ToWorker, WorkerBurst, WorkerError } from './worker-protocol.js';

/** The worker's source, and where scripts/build.mjs bundles it (dist/<dir>/index.js). */
export const WORKER_SOURCE = 'src/pipeline/verify/load/worker.ts';
export const WORKER_BUNDLE_DIR = 'load-worker';
const YOUNG_GENERATION_MB = 64;

/**
 * The worker's module. From source (tsx, jest) it is worker.ts beside this file, run through
 * tsx. Bundled, this code is in dist/index.js, dist/cli/index.js or a chunk beside them, and the
 * worker's own bundle is dist/load-worker/index.js. The paths are built at run time, so the
 * bundler leaves them alone instead of copying worker.ts as an asset.
 */
export function workerEntry(here: string = import.meta.url): { url: URL; execArgv?: string[] } {
  if (here.endsWith('.ts')) return { url: new URL('./worker.ts', here), execArgv: ['--import', 'tsx'] };
  const candidates = ['.', '..'].map((up) => new URL(`${up}/${WORKER_BUNDLE_DIR}/index.js`, here));
  const found = candidates.find((url) => existsSync(url));
  if (!found) {
    throw new CutoverError(
      'INTERNAL_ERROR',
      `The load worker bundle is missing (looked for ${candidates.map((u) => u.pathname).join(', ')}): rebuild dist/ with npm run build.`,
    );
  }
  return { url: found };
}

export interface PoolBurst extends Omit<WorkerBurst, 'id' | 'inFlight' | 'counter'> {
  readonly concurrency: number;
  /** Requests in flight each worker takes before another is used (aws/clients.ts LoadWorkers). */
  readonly inFlightPerWorker: number;
}

export interface PoolBurstResult {
  readonly latencies: EncodedLatencies[];
  /** Each worker's event-loop utilisation over the burst. */
  readonly eventLoopBusy: number[];
  /** Each worker's event-loop delay over the burst (p99, ms). */
  readonly eventLoopDelayMs: number[];
  /** The workers' own CPU in ms, when every one could tell. */
  readonly workerCpuMs?: number;
}

/** Threads for a burst: one per `inFlightPerWorker` requests in flight, at least 1, at most `size`. */
export function workersFor(concurrency: number, inFlightPerWorker: number, size: number): number {
  return Math.max(1, Math.min(size, Math.ceil(concurrency / Math.max(1, inFlightPerWorker))));
}

export class LoadWorkerPool {
  readonly #workers: Worker[] = [];
  #nextId = 1;
  #credentials?: SigningCredentials;

  constructor(readonly size: number) {}

  /**
   * Runs one burst over as many workers as its concurrency needs at `inFlightPerWorker` each, at
   * most `size`; `onSamples` gets each batch as it comes.
   */
  async fire(
    burst: PoolBurst,
    credentials: SigningCredentials,
    onSamples: (samples: readonly Sample[]) => void,
    signal?: AbortSignal,
  ): Promise<PoolBurstResult> {
    const id = this.#nextId++;
    const count = workersFor(burst.concurrency, burst.inFlightPerWorker, this.size);
    const workers = this.#start(count);
    this.#credentials = credentials;
    const counter = new SharedArrayBuffer(4);
    const { concurrency, inFlightPerWorker: _, ...common } = burst;
    const latencies: EncodedLatencies[] = [];
    const eventLoopBusy: number[] = [];
    const eventLoopDelayMs: number[] = [];
    const cpu: Array<number | undefined> = [];
    const cleanups: Array<() => void> = [];
    try {
      return await new Promise<PoolBurstResult>((resolve, reject) => {
        let pending = count;
        const fail = (e: unknown) => {
          for (const w of workers) w.postMessage({ type: 'abort', id } satisfies ToWorker);
          reject(e);
        };
        const onAbort = () =>
          fail(new CutoverError('CANCELLED', 'The run was cancelled during the concurrency check.'));
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal?.removeEventListener('abort', onAbort));
        workers.forEach((worker, i) => {
          const onMessage = (m: FromWorker) => {
            if (m.id !== id) return;
            if (m.type === 'samples') onSamples(m.samples);
            else if (m.type === 'fatal') fail(revive(m.error));
            else {
              latencies.push(m.latencies);
              eventLoopBusy.push(m.eventLoopBusy);
              eventLoopDelayMs.push(m.eventLoopDelayMs);
              cpu.push(m.cpuMs);
              if (--pending === 0) {
                const known = cpu.every((c) => c !== undefined);
                resolve({
                  latencies,
                  eventLoopBusy,
                  eventLoopDelayMs,
                  ...(known ? { workerCpuMs: cpu.reduce((a: number, c) => a + c!, 0) } : {}),
                });
              }
            }
          };
          const onError = (e: Error) =>
            fail(new CutoverError('INTERNAL_ERROR', `A load worker failed: ${e.message}`, [], { cause: e }));
          worker.on('message', onMessage);
          worker.on('error', onError);
          cleanups.push(() => worker.off('message', onMessage).off('error', onError));
          const inFlight = Math.floor(concurrency / count) + (i < concurrency % count ? 1 : 0);
          worker.postMessage({
            type: 'burst',
            burst: { ...common, id, inFlight, counter },
            credentials,
          } satisfies ToWorker);
        });
      });
    } finally {
      for (const cleanup of cleanups) cleanup();
      // Idle workers must not keep the process alive.
      for (const w of workers) w.unref();
    }
  }

  /** Refreshed credentials, for the requests still to be signed. */
  updateCredentials(credentials: SigningCredentials): void {
    if (credentials === this.#credentials) return;
    this.#credentials = credentials;
    for (const w of this.#workers) w.postMessage({ type: 'credentials', credentials } satisfies ToWorker);
  }

  destroy(): void {
    for (const w of this.#workers.splice(0)) void w.terminate();
  }

  #start(count: number): Worker[] {
    while (this.#workers.length < count) {
      const { url, execArgv } = workerEntry();
      // A larger young generation than a worker's default: a burst makes short-lived garbage
      // (requests, answers, samples) at a high rate, and each scavenge is CPU taken from sending.
      const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
      this.#workers.push(new Worker(url, execArgv ? { execArgv, resourceLimits } : { resourceLimits }));
    }
    const workers = this.#workers.slice(0, count);
    for (const w of workers) w.ref();
    return workers;
  }
}

/** A worker's error as the SDK-shaped error the burst's caller reads (a denial names its permission). */
function revive(e: WorkerError): Error {
  return Object.assign(new Error(e.message), {
    name: e.name,
    ...(e.httpStatusCode === undefined ? {} : { $metadata: { httpStatusCode: e.httpStatusCode } }),
  });
}
