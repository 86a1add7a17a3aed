// What the main thread and a load worker (worker.ts) say to each other. The main thread hands
// each worker a share of the burst's concurrency; the workers take sequence numbers from one
// shared counter (Atomics), so none idles while another has work left; samples come back in
// batches, and at the end each worker's latency histogram and event-loop utilisation.
import type { SigningCredentials } from '../../../aws/sigv4.js';
import type { CheckExpectation, CheckRequestSpec } from '../../../config/checks-file.js';
import type { RouteMatch } from '../checks/routes.js';
import type { InvokeTarget } from '../../webhook/invoke-outcome.js';
import type { StageContext } from '../../webhook/proxy-event.js';
import type { CheckMark } from '../../webhook/request.js';
import type { EncodedLatencies } from '../../../core/latency-histogram.js';
import type { Sample } from './sample.js';

/** What each request of a burst is, and how its answer is judged. */
export type BurstRequests =
  | {
      /** The bundled webhook's check delivery (check-payload.ts), accepted when `201 stored`. */
      readonly kind: 'webhook';
      readonly stage: StageContext;
      readonly mark: Omit<CheckMark, 'seq'>;
      /** The `whsec_` signing secrets (SigningSecrets' Webhook objects do not cross threads). */
      readonly secrets: readonly string[];
    }
  | {
      /** A checks file's `load.request`, accepted when its answer meets `load.expect`. */
      readonly kind: 'check';
      readonly request: CheckRequestSpec;
      readonly expect: CheckExpectation;
      readonly stage: StageContext;
      readonly route: RouteMatch;
      /** Each request's id is `<idPrefix><seq>`. */
      readonly idPrefix: string;
      /** The checks file's `signing`: the `whsec_` secrets, and the delivery ids' prefix. */
      readonly signing?: { readonly secrets: readonly string[]; readonly deliveryPrefix: string };
    };

export interface WorkerBurst {
  readonly id: number;
  /** Where and how to invoke, as the SDK client resolved it (aws/invoke-endpoint.ts). */
  readonly endpoint: string;
  readonly region: string;
  readonly target: InvokeTarget;
  readonly send: BurstRequests;
  readonly logTail: boolean;
  /** Requests this worker keeps in flight. */
  readonly inFlight: number;
  readonly requests: number;
  /** Int32Array(1): the last sequence number handed out, shared by every worker of the burst. */
  readonly counter: SharedArrayBuffer;
  /** performance.timeOrigin + performance.now() at the burst's start: the samples' zero. */
  readonly t0: number;
  /** The run's clock minus Date.now(), so timestamps follow ctx.clock as the main thread's do. */
  readonly clockOffsetMs: number;
}

export type ToWorker =
  | { readonly type: 'burst'; readonly burst: WorkerBurst; readonly credentials: SigningCredentials }
  | { readonly type: 'credentials'; readonly credentials: SigningCredentials }
  | { readonly type: 'abort'; readonly id: number };

/** An error that stops the burst (a denial), as it crosses threads. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly httpStatusCode?: number;
}

export type FromWorker =
  | { readonly type: 'samples'; readonly id: number; readonly samples: Sample[] }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly latencies: EncodedLatencies;
      /** This worker's event-loop utilisation over the burst, 0..1. */
      readonly eventLoopBusy: number;
      /** The 99th percentile of how late this worker's event loop ran over the burst, in ms. */
      readonly eventLoopDelayMs: number;
      /** This thread's CPU over the burst in ms, where Node can tell (threadCpuUsage, Node ≥ 23.9). */
      readonly cpuMs?: number;
    }
  | { readonly type: 'fatal'; readonly id: number; readonly error: WorkerError };
