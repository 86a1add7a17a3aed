// The three downstream calls, made at once so a webhook costs about the slowest of them.
// Each call has its own deadline and its outcome is recorded; no outcome fails the request,
// since a webhook is worth storing even when one enrichment source is down.
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import { Agent, fetch } from 'undici';
import type { EnrichmentServiceConfig, EnrichmentServiceName } from './config.js';

type EnrichmentStatus = 'ok' | 'timeout' | 'error';

interface EnrichmentOutcome {
  status: EnrichmentStatus;
  latency_ms: number;
  /** Set when the service answered with HTTP (any status). */
  http_status?: number;
  error?: string;
  /** The service's answer, when ok and small enough to keep with the event. */
  data?: unknown;
}

export type Enrichment = Record<EnrichmentServiceName, EnrichmentOutcome>;

interface EnrichmentRequest {
  eventId: string;
  eventType: string;
  payload: unknown;
}

/** Never rejects; `signal` abandons the calls still running (their outcomes say so). */
export type Enricher = (request: EnrichmentRequest, signal?: AbortSignal) => Promise<Enrichment>;

const MAX_KEPT_RESPONSE_BYTES = 4096;

// One pool for the environment: connections stay open between invocations, and concurrent
// invocations (LMI) share them instead of each paying a TLS handshake.
const keepAliveAgent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Stable pseudo-data for the simulated services, derived from the event id. */
function simulatedData(service: EnrichmentServiceName, eventId: string): unknown {
  const n = createHash('sha256').update(`${service}:${eventId}`).digest().readUInt32BE(0) / 0xffffffff;
  switch (service) {
    case 'geocoding':
      return { source: 'simulated', latitude: round(n * 180 - 90), longitude: round(n * 360 - 180) };
    case 'fraud_scoring':
      return { source: 'simulated', score: Math.round(n * 1000) / 1000 };
    case 'loyalty_lookup':
      return { source: 'simulated', tier: ['bronze', 'silver', 'gold'][Math.floor(n * 2.999)] };
  }
}

async function callHttp(url: string, request: EnrichmentRequest, signal: AbortSignal) {
  const response = await fetch(url, {
    method: 'POST',
    dispatcher: keepAliveAgent,
    signal,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      event_id: request.eventId,
      event_type: request.eventType,
      payload: request.payload,
    }),
  });
  const text = await response.text();
  let data: unknown;
  if (text.length > 0 && text.length <= MAX_KEPT_RESPONSE_BYTES) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined; // a non-JSON answer is still an answer; only its body is dropped
    }
  }
  return { httpStatus: response.status, data };
}

async function callService(
  service: EnrichmentServiceConfig,
  request: EnrichmentRequest,
  abandon?: AbortSignal,
): Promise<EnrichmentOutcome> {
  // One controller per call, aborted by its own deadline or by the request abandoning it.
  // (Cheaper under load than AbortSignal.timeout + AbortSignal.any per call.)
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${service.timeoutMs} ms`, 'TimeoutError'));
  }, service.timeoutMs);
  const onAbandon = () => controller.abort(abandon?.reason);
  abandon?.addEventListener('abort', onAbandon, { once: true });
  const { signal } = controller;

  const started = performance.now();
  const latency = () => round(performance.now() - started);
  try {
    if (!service.url) {
      await sleep(service.simulatedDelayMs, undefined, { signal });
      return { status: 'ok', latency_ms: latency(), data: simulatedData(service.name, request.eventId) };
    }
    const { httpStatus, data } = await callHttp(service.url, request, signal);
    if (httpStatus >= 200 && httpStatus < 300) {
      return {
        status: 'ok',
        latency_ms: latency(),
        http_status: httpStatus,
        ...(data !== undefined && { data }),
      };
    }
    return { status: 'error', latency_ms: latency(), http_status: httpStatus, error: `HTTP ${httpStatus}` };
  } catch (error) {
    if (timedOut) {
      return { status: 'timeout', latency_ms: latency(), error: `no answer within ${service.timeoutMs} ms` };
    }
    // fetch wraps the network failure ("fetch failed"); its cause says what happened.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 'error',
      latency_ms: latency(),
      error: cause?.code ?? cause?.message ?? (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
    abandon?.removeEventListener('abort', onAbandon);
  }
}

export function createEnricher(services: EnrichmentServiceConfig[]): Enricher {
  return async (request, signal) => {
    const outcomes = await Promise.all(services.map((service) => callService(service, request, signal)));
    return Object.fromEntries(services.map((s, i) => [s.name, outcomes[i]])) as Enrichment;
  };
}
