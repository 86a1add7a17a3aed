// What came back for one request, the same whether it went through Lambda Invoke (a proxy
// result) or through the stage over HTTP: a status, headers and a body, or a throttle, a
// function error, or no answer at all.
import { z } from 'zod';

export interface WebhookAnswer {
  readonly statusCode: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** The body as JSON, when it is a JSON object. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
}

/** Facts Lambda reports about the invocation itself (Invoke only). */
interface InvocationFacts {
  /** Lambda's request id for the call (`x-amzn-RequestId`); the handler's `context.awsRequestId`. */
  readonly invocationId?: string;
  readonly executedVersion?: string;
  /** From the REPORT line of `LogType: Tail`: set on a cold start only. */
  readonly initDurationMs?: number;
  /** From the REPORT line: the function's own duration, without the network. */
  readonly durationMs?: number;
}

export type WebhookOutcome =
  | {
      readonly kind: 'answered';
      readonly answer: WebhookAnswer;
      readonly latencyMs: number;
      readonly invocation?: InvocationFacts;
    }
  | {
      /** The handler threw, timed out or crashed (`X-Amz-Function-Error`). */
      readonly kind: 'function-error';
      readonly errorType: string;
      readonly errorMessage: string;
      readonly latencyMs: number;
      readonly invocation?: InvocationFacts;
    }
  | { readonly kind: 'throttled'; readonly message: string; readonly latencyMs: number }
  | {
      /** No usable answer: a network error, an API error, or a malformed proxy result. */
      readonly kind: 'failed';
      readonly message: string;
      readonly latencyMs: number;
      readonly code?: string;
    };

/** The ids and facts the workload puts in its JSON answers (README: Responses). */
export interface AnswerIds {
  readonly requestId?: string;
  readonly environmentId?: string;
  /** The worker thread that answered: the unit `inFlight` is counted in. */
  readonly workerId?: string;
  /**
   * Requests the function counted in flight on that worker when this one started, itself
   * included (the workload's in_flight; newer bundles only).
   */
  readonly inFlight?: number;
  readonly eventId?: string;
  readonly computeType?: string;
  readonly status?: string;
  readonly duplicate?: boolean;
  readonly functionVersion?: string;
}

const str = z.string().optional().catch(undefined);
const idsSchema = z.object({
  request_id: str,
  environment_id: str,
  worker_id: str,
  in_flight: z.number().int().positive().optional().catch(undefined),
  event_id: str,
  compute_type: str,
  status: str,
  duplicate: z.boolean().optional().catch(undefined),
  function_version: str,
});

export function answerIds(answer: WebhookAnswer): AnswerIds {
  const parsed = idsSchema.safeParse(answer.json ?? {});
  if (!parsed.success) return {};
  const b = parsed.data;
  return {
    requestId: b.request_id,
    environmentId: b.environment_id,
    workerId: b.worker_id,
    inFlight: b.in_flight,
    eventId: b.event_id,
    computeType: b.compute_type,
    status: b.status,
    duplicate: b.duplicate,
    functionVersion: b.function_version,
  };
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const proxyResultSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
  multiValueHeaders: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().nullish(),
});

/**
 * Reads a Lambda proxy result as API Gateway does; undefined when API Gateway would answer
 * 502 "Malformed Lambda proxy response".
 */
export function parseProxyResult(payload: string): WebhookAnswer | undefined {
  const parsed = proxyResultSchema.safeParse(parseJsonObject(payload));
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const headers: Record<string, string> = {};
  for (const [k, values] of Object.entries(r.multiValueHeaders ?? {}))
    headers[k.toLowerCase()] = values.join(',');
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const rawBody = r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString('utf8') : (r.body ?? '');
  return { statusCode: r.statusCode, headers, rawBody, json: parseJsonObject(rawBody) };
}

/** The REPORT line's fields the checks read, each `<name>: <number> ms` between tabs. */
const REPORT_FIELDS = {
  durationMs: /(?:^|\t|\s{2})Duration: ([\d.]+) ms(?:$|\t|\s{2})/,
  initDurationMs: /(?:^|\t|\s{2})Init Duration: ([\d.]+) ms(?:$|\t|\s{2})/,
};

/** The REPORT line of a `LogType: Tail` log: duration, and Init Duration on a cold start. */
export function parseReportLine(logTail: string): { durationMs?: number; initDurationMs?: number } {
  const start = logTail.startsWith('REPORT ') ? 0 : logTail.indexOf('\nREPORT ') + 1;
  if (start === 0 && !logTail.startsWith('REPORT ')) return {};
  const end = logTail.indexOf('\n', start);
  // Fields are tab-separated: `REPORT RequestId: …\tDuration: 12.3 ms\tBilled Duration: 13 ms…`.
  const report = (end < 0 ? logTail.slice(start) : logTail.slice(start, end)).trimEnd();
  const field = (pattern: RegExp) => {
    const m = pattern.exec(report);
    return m ? Number(m[1]) : undefined;
  };
  return { durationMs: field(REPORT_FIELDS.durationMs), initDurationMs: field(REPORT_FIELDS.initDurationMs) };
}

/** One line for a report cell: `201 stored`, `401 signature does not match`, `throttled`. */
export function describeOutcome(outcome: WebhookOutcome): string {
  switch (outcome.kind) {
    case 'answered': {
      const a = outcome.answer;
      const ids = answerIds(a);
      const message = typeof a.json?.message === 'string' ? a.json.message : undefined;
      const detail = ids.status ?? message ?? ids.computeType ?? (a.rawBody.slice(0, 80) || '(empty body)');
      return `${a.statusCode} ${detail}`;
    }
    case 'function-error':
      return `function error ${outcome.errorType}: ${outcome.errorMessage}`;
    case 'throttled':
      return `throttled: ${outcome.message}`;
    case 'failed':
      return `no answer: ${outcome.message}`;
  }
}
