// Messages between an environment (main thread) and its worker threads. Each postMessage
// carries a batch (an array) of these, flushed once per event-loop turn: a burst of a thousand
// invocations costs a handful of messages, not a thousand. Payloads travel as strings:
// structured clone of a string is a copy without Buffer pool or transfer pitfalls.

/** Lambda's error payload, as the Node.js runtime posts it for handler errors. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What a worker needs to load the code and build context objects, given as `workerData`. */
export interface WorkerConfig {
  codeDir: string;
  handler: string;
  runtime: string;
  /** LMI: invocations run concurrently; callback handlers are refused as Lambda does. */
  multiConcurrent: boolean;
  functionName: string;
  functionVersion: string;
  memoryMb: number;
  logGroupName: string;
  logStreamName: string;
}

export interface InvokeMessage {
  t: 'invoke';
  id: number;
  requestId: string;
  invokedFunctionArn: string;
  /** The event as JSON text. */
  payload: string;
  /** Epoch ms when the invocation times out, for context.getRemainingTimeInMillis(). */
  deadline: number;
  traceId: string;
  /** Fault: milliseconds to wait before the handler runs. */
  delayMs: number;
  /** Fault: fail with this message instead of running the handler. */
  injectedError?: string;
}

/** The invocation timed out: forget it (its late result is dropped). */
interface AbandonMessage {
  t: 'abandon';
  id: number;
}

export type ToWorker = InvokeMessage | AbandonMessage;

/** The end of a worker's init, with the lines it logged meanwhile. */
export type InitMessage =
  { t: 'ready'; logs: string[] } | { t: 'init-error'; logs: string[]; error: LambdaErrorPayload };

export type FromWorker =
  | InitMessage
  /** A log line; `id` null for output outside any invocation. */
  | { t: 'log'; id: number | null; text: string }
  | {
      t: 'result';
      id: number;
      /** JSON text of the response, or of the error payload when `error` is true. */
      body: string;
      error: boolean;
      durationMs: number;
      maxMemoryUsedMb: number;
    }
  /** The event was not JSON: an API error, not an invocation. */
  | { t: 'bad-request'; id: number; message: string };
