// A load worker: a thread of its own that sends its share of a burst's signed webhooks through
// the direct invoker (aws/lambda-invoke.ts) and measures each, so one check's requests are not
// all timed by one event loop. It keeps one invoker (connection pool) per endpoint across
// bursts. Protocol: worker-protocol.ts. Bundled on its own into dist/load-worker/ (scripts/build.mjs).
import { parentPort } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DirectLambdaInvoker } from '../../../aws/lambda-invoke.js';
import type { SigningCredentials } from '../../../aws/sigv4.js';
import { httpStatus } from '../../../core/aws-errors.js';
import { invokeWith, type Invoke } from '../../webhook/invoke-outcome.js';
import { CheckPayloads } from './check-payload.js';
import { LatencyRecorder } from '../../../core/latency-histogram.js';
import type { WebhookOutcome } from '../../webhook/answer.js';
import { signingSecrets } from '../../webhook/signature.js';
import { loadRequestSample } from '../checks/load-sample.js';
import { checkProxyEvent } from '../checks/proxy-event.js';
import { signCheckRequest } from '../checks/sign-request.js';
import type { Sample, SentRequest } from './sample.js';
import { webhookSample } from './webhook-sample.js';
import type { BurstRequests, FromWorker, ToWorker, WorkerBurst } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('the load worker runs as a worker thread');

const BATCH = 256;
const LAG_RESOLUTION_MS = 20;
const FLUSH_MS = 50;

let credentials: SigningCredentials | undefined;
const invokers = new Map<string, DirectLambdaInvoker>();
const aborts = new Map<number, AbortController>();
const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'credentials':
      credentials = message.credentials;
      return;
    case 'abort':
      aborts.get(message.id)?.abort();
      return;
    case 'burst':
      credentials = message.credentials;
      void runBurst(message.burst);
  }
});

/** One pool per endpoint, grown (replaced) when a burst needs more connections. */
async function invokerFor(b: WorkerBurst): Promise<DirectLambdaInvoker> {
  const key = `${b.endpoint}\n${b.region}`;
  const existing = invokers.get(key);
  if (existing && existing.connections >= b.inFlight) return existing;
  await existing?.close();
  const invoker = new DirectLambdaInvoker(
    { endpoint: b.endpoint, region: b.region, connections: b.inFlight },
    () => credentials!,
  );
  invokers.set(key, invoker);
  return invoker;
}

/** Request `seq` of a burst, made at `epochMs`: its Invoke payload, and how its outcome is judged. */
type RequestMaker = (
  seq: number,
  epochMs: number,
) => { readonly payload: Buffer; readonly judge: (outcome: WebhookOutcome) => SentRequest };

function requestMaker(send: BurstRequests): RequestMaker {
  if (send.kind === 'webhook') {
    const payloads = new CheckPayloads({ stage: send.stage, mark: send.mark, secrets: send.secrets });
    return (seq, epochMs) => {
      const { deliveryId, payload } = payloads.build(seq, epochMs);
      return { payload, judge: (outcome) => webhookSample(deliveryId, outcome) };
    };
  }
  const { request, expect, stage, route, idPrefix, signing } = send;
  const signer = signing && {
    secrets: signingSecrets(signing.secrets.join(' ')),
    prefix: signing.deliveryPrefix,
  };
  return (seq, epochMs) => {
    // Built per request, as the main thread's burst builds it: its own request id, time and signature.
    const spec = signer
      ? signCheckRequest(request, signer.secrets, `${signer.prefix}${seq}`, epochMs)
      : request;
    const payload = Buffer.from(JSON.stringify(checkProxyEvent(spec, stage, route, { nowMs: epochMs })));
    return {
      payload,
      judge: (outcome) => loadRequestSample(`${idPrefix}${seq}`, expect, outcome),
    };
  };
}

/** This thread's CPU time in ms; undefined before Node 23.9. */
function threadCpuMs(): number | undefined {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.();
  return usage && (usage.user + usage.system) / 1000;
}

async function runBurst(b: WorkerBurst): Promise<void> {
  const abort = new AbortController();
  aborts.set(b.id, abort);
  let batch: Sample[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    post({ type: 'samples', id: b.id, samples: batch });
    batch = [];
  };
  const timer = setInterval(flush, FLUSH_MS);
  try {
    const invoker = await invokerFor(b);
    // One listener for the burst, not an AbortSignal per request: a stop ends every request in flight.
    abort.signal.addEventListener('abort', () => invoker.abortInFlight(), { once: true });
    const invoke: Invoke = (call) => invoker.invoke(call);
    const requests = requestMaker(b.send);
    const counter = new Int32Array(b.counter);
    const latencies = new LatencyRecorder();
    const elu = performance.eventLoopUtilization();
    // How late this loop ran: how long an answer could wait to be read. The sampler's timer
    // fires every LAG_RESOLUTION_MS and records the whole interval, so that much is taken off.
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const cpu = threadCpuMs();
    const sinceStart = () => performance.timeOrigin + performance.now() - b.t0;
    // Each loop keeps one request in flight: the next leaves as soon as the previous answered.
    const loop = async () => {
      for (;;) {
        if (abort.signal.aborted) return;
        const seq = Atomics.add(counter, 0, 1) + 1;
        if (seq > b.requests) return;
        const startMs = sinceStart();
        // Stamped and signed when sent, not when queued: a long burst must not outlive the 300 s tolerance.
        const { payload, judge } = requests(seq, Date.now() + b.clockOffsetMs);
        const outcome = await invokeWith(invoke, b.target, payload, { logTail: b.logTail });
        const sent = judge(outcome);
        if (sent.outcome === 'answered' || sent.outcome === 'function-error')
          latencies.record(sent.latencyMs);
        batch.push({ ...sent, seq, startMs, endMs: startMs + sent.latencyMs });
        if (batch.length >= BATCH) flush();
      }
    };
    try {
      await Promise.all(Array.from({ length: b.inFlight }, loop));
    } catch (e) {
      abort.abort();
      throw e;
    }
    flush();
    post({
      type: 'done',
      id: b.id,
      latencies: latencies.encode(),
      eventLoopBusy: performance.eventLoopUtilization(elu).utilization,
      eventLoopDelayMs: (lag.disable(), Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS)),
      ...(cpu === undefined ? {} : { cpuMs: threadCpuMs()! - cpu }),
    });
  } catch (e) {
    flush();
    const error = e instanceof Error ? e : new Error(String(e));
    post({
      type: 'fatal',
      id: b.id,
      error: { name: error.name, message: error.message, httpStatusCode: httpStatus(e) },
    });
  } finally {
    clearInterval(timer);
    aborts.delete(b.id);
  }
}
