// The same requests sent over HTTP to a deployed stage (the cutover's probes, the local
// emulator's API): undici with an agent sized to the probes in flight, so a burst measures the
// stage rather than a client-side queue.
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { parseJsonObject, type WebhookOutcome } from './answer.js';
import type { WebhookRequest } from './request.js';

/** An agent allowing `connections` sockets per origin, kept alive between requests. */
export function createStageAgent(connections: number): Agent {
  return new Agent({ connections: Math.max(1, connections), keepAliveTimeout: 10_000 });
}

/** Any request below the stage: a webhook, a health check, a checks file's load request. */
export type StageRequest = Pick<WebhookRequest, 'path' | 'headers' | 'body'> & { readonly method: string };

export interface StageRequestOptions {
  /** Use one agent per burst (createStageAgent); undici's global dispatcher otherwise. */
  readonly dispatcher?: Dispatcher;
  /** Until the response headers and again for the body; API Gateway itself gives up at 29 s. */
  readonly timeoutMs?: number;
  /** Monotonic milliseconds for latency; performance.now() by default. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** `https://…/prod` + `/webhooks`, keeping the stage path. */
function stageRequestUrl(stageUrl: string, path: string): string {
  return `${stageUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * Sends one request to the stage (`POST /webhooks` or `GET /health`). A 429 is a throttle (API
 * Gateway's own limit or Lambda's); every other status is an answer; no response is `failed`.
 */
export async function postToStage(
  stageUrl: string,
  request: StageRequest,
  options: StageRequestOptions = {},
): Promise<WebhookOutcome> {
  const now = options.now ?? (() => performance.now());
  const timeout = options.timeoutMs ?? 35_000;
  const started = now();
  try {
    const res = await undiciRequest(stageRequestUrl(stageUrl, request.path), {
      method: request.method as Dispatcher.HttpMethod,
      headers: { ...request.headers },
      body: request.body ?? undefined,
      dispatcher: options.dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: options.signal,
    });
    const rawBody = await res.body.text();
    const latencyMs = now() - started;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    }
    if (res.statusCode === 429) {
      return { kind: 'throttled', message: `429 ${rawBody.slice(0, 200)}`, latencyMs };
    }
    return {
      kind: 'answered',
      answer: { statusCode: res.statusCode, headers, rawBody, json: parseJsonObject(rawBody) },
      latencyMs,
    };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      kind: 'failed',
      code: err.code,
      message: err.message ?? String(e),
      latencyMs: now() - started,
    };
  }
}
