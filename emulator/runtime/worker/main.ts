// A runtime worker: one per vCPU in an LMI environment, one per standard environment. It
// initializes the function once (imports the handler module), then
// serves invocations as they arrive, many at once, each inside its own invoke-store context
// so console output and per-request state stay with the right request.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { BatchingPort } from '../batching-port.js';
import type { FromWorker, InvokeMessage, LambdaErrorPayload, ToWorker, WorkerConfig } from '../protocol.js';
import { captureConsole } from './console-capture.js';
import { buildContext } from './context.js';
import { currentInvocationId, installInvokeStore, invocationContext, invokeStore } from './invoke-store.js';
import { assertHandlerSignatureSupported, loadHandler, type UserHandler } from './load-handler.js';

const config = workerData as WorkerConfig;
const port = parentPort!;
const outbox = new BatchingPort<FromWorker>((batch) => port.postMessage(batch));
const post = (msg: FromWorker): void => outbox.send(msg);

const initLogs: string[] = [];
let initializing = true;
captureConsole((text) => {
  const id = currentInvocationId();
  if (id !== undefined) post({ t: 'log', id, text });
  else if (initializing) initLogs.push(text);
  else post({ t: 'log', id: null, text });
});
installInvokeStore();

const MB = 1024 * 1024;
let maxMemoryUsedMb = 0;
const liveInvocations = new Set<number>();

let handler: UserHandler | undefined;
try {
  handler = await loadHandler(config.codeDir, config.handler);
  assertHandlerSignatureSupported(handler, config.runtime, config.multiConcurrent);
} catch (err) {
  console.error('Init Error', toFormatted(err));
  initializing = false;
  post({ t: 'init-error', logs: initLogs, error: toPayload(err) });
}
if (handler) {
  const ready = handler;
  initializing = false;
  post({ t: 'ready', logs: initLogs });
  port.on('message', (batch: ToWorker[]) => {
    for (const msg of batch) {
      if (msg.t === 'abandon') {
        liveInvocations.delete(msg.id);
        continue;
      }
      liveInvocations.add(msg.id);
      if (!config.multiConcurrent) process.env._X_AMZN_TRACE_ID = msg.traceId;
      void invokeStore.run(invocationContext(msg.id, msg.requestId, msg.traceId), () => invoke(ready, msg));
    }
  });
}

async function invoke(fn: UserHandler, msg: InvokeMessage): Promise<void> {
  let event: unknown;
  try {
    event = msg.payload.length > 0 ? JSON.parse(msg.payload) : {};
  } catch (err) {
    liveInvocations.delete(msg.id);
    post({ t: 'bad-request', id: msg.id, message: (err as Error).message });
    return;
  }
  const start = performance.now();
  let body: string;
  let error = false;
  try {
    if (msg.delayMs > 0) await delayAtLeast(msg.delayMs, start);
    if (msg.injectedError !== undefined) throw new Error(msg.injectedError);
    body = serializeResponse(await callHandler(fn, event, buildContext(config, msg)));
  } catch (err) {
    error = true;
    console.error('Invoke Error', toFormatted(err));
    body = JSON.stringify(toPayload(err));
  }
  const durationMs = performance.now() - start;
  if (!liveInvocations.delete(msg.id)) return; // timed out meanwhile: Lambda already answered
  sampleMemory();
  post({ t: 'result', id: msg.id, body, error, durationMs, maxMemoryUsedMb });
}

/** Max Memory Used: this worker's heap, sampled at most every 50 ms (it is a running maximum). */
let sampledAt = 0;
function sampleMemory(): void {
  const now = performance.now();
  if (now - sampledAt < 50 && maxMemoryUsedMb > 0) return;
  sampledAt = now;
  const heap = getHeapStatistics();
  maxMemoryUsedMb = Math.max(maxMemoryUsedMb, Math.ceil((heap.used_heap_size + heap.external_memory) / MB));
}

/** Async handlers return a promise; callback handlers (3 parameters) call back once. */
function callHandler(fn: UserHandler, event: unknown, context: unknown): Promise<unknown> {
  if (fn.length < 3) return (async () => fn(event, context))();
  return new Promise((resolve, reject) => {
    const callback = (err: unknown, result: unknown) => (err != null ? reject(err) : resolve(result));
    try {
      const returned = fn(event, context, callback) as { then?: unknown } | undefined;
      if (returned && typeof returned.then === 'function')
        (returned as Promise<unknown>).then(resolve, reject);
    } catch (err) {
      reject(err);
    }
  });
}

function serializeResponse(result: unknown): string {
  try {
    return JSON.stringify(result) ?? 'null';
  } catch {
    throw Object.assign(new Error('Unable to stringify response body'), {
      name: 'Runtime.JSONStringifyError',
    });
  }
}

/** The error payload Lambda returns to the caller for a failed invocation. */
function toPayload(err: unknown): LambdaErrorPayload {
  if (err instanceof Error) {
    return { errorType: err.name, errorMessage: err.message, trace: err.stack?.split('\n') ?? [] };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

/** The runtime's `Invoke Error` log format: a tab, then the error as JSON with its stack. */
function toFormatted(err: unknown): string {
  const error = err instanceof Error ? err : new Error(String(err));
  try {
    return `\t${JSON.stringify({
      errorType: error.name,
      errorMessage: error.message,
      ...(error as unknown as Record<string, unknown>),
      stack: error.stack?.split('\n'),
    })}`;
  } catch {
    return `\t${JSON.stringify(toPayload(error))}`;
  }
}

// Timers run on libuv's millisecond clock and may fire a fraction of a millisecond before
// performance.now() says the delay has passed; the added latency must show in full in Duration.
async function delayAtLeast(ms: number, since: number): Promise<void> {
  for (let left = ms; left > 0; left = ms - (performance.now() - since)) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(left))));
  }
}
