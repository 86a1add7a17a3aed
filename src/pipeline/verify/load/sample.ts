// One request of a burst as measured, whatever the request was: a signed webhook or a checks
// file's load request. What counts as accepted is the sender's verdict (the workload's `201
// stored`, or the user's `load.expect`); throttles are counted apart from errors.
import type { AnswerIds, WebhookOutcome } from '../../webhook/answer.js';

export interface Sample {
  readonly seq: number;
  /** The request's id: the webhook's delivery id, or `<side>.<seq>` for a load request. */
  readonly id: string;
  /** Monotonic ms, relative to the burst's start. */
  readonly startMs: number;
  readonly endMs: number;
  readonly latencyMs: number;
  readonly outcome: WebhookOutcome['kind'];
  /** The answer met what the sender expects of it. */
  readonly accepted: boolean;
  readonly statusCode?: number;
  /** `status` of the workload's answer: `stored` or `duplicate`. */
  readonly status?: string;
  readonly functionError?: string;
  /** A failure without an answer, or why an answer was not accepted. */
  readonly error?: string;
  readonly environmentId?: string;
  readonly workerId?: string;
  /** Requests the function counted in flight on its worker when this one started (itself included). */
  readonly inFlight?: number;
  readonly computeType?: string;
  /** The request id the handler put in its answer. */
  readonly requestId?: string;
  /** Lambda's id for the invocation (x-amzn-RequestId): the handler's context.awsRequestId. */
  readonly invocationId?: string;
  readonly eventId?: string;
  readonly coldStart: boolean;
  /** The function's own duration from the REPORT line, when the log tail had one. */
  readonly durationMs?: number;
}

/** A request as its sender measured it; the burst adds its sequence number and start. */
export type SentRequest = Omit<Sample, 'seq' | 'startMs' | 'endMs'>;

/** The sender's judgement of an answer: accepted, or the reason it is not. */
export interface Verdict {
  readonly accepted: boolean;
  readonly error?: string;
}

export const isAccepted = (s: Sample): boolean => s.accepted;
export const isThrottle = (s: Sample): boolean => s.outcome === 'throttled';
/** Anything but an accepted answer or a throttle: function errors, no answer, an unexpected answer. */
export const isError = (s: Sample): boolean => !isAccepted(s) && !isThrottle(s);

/**
 * One outcome as a sample. Only an answer can be accepted (by `verdict`); `ids` are what the
 * answer's body says about itself, which only the bundled workload reports.
 */
export function sentRequest(
  id: string,
  o: WebhookOutcome,
  verdict: Verdict,
  ids: AnswerIds = {},
): SentRequest {
  const base = { id, latencyMs: o.latencyMs, outcome: o.kind };
  switch (o.kind) {
    case 'answered':
      return {
        ...base,
        accepted: verdict.accepted,
        statusCode: o.answer.statusCode,
        status: ids.status,
        error: verdict.error,
        environmentId: ids.environmentId,
        workerId: ids.workerId,
        inFlight: ids.inFlight,
        computeType: ids.computeType,
        requestId: ids.requestId,
        invocationId: o.invocation?.invocationId,
        eventId: ids.eventId,
        coldStart: o.invocation?.initDurationMs !== undefined,
        durationMs: o.invocation?.durationMs,
      };
    case 'function-error':
      return {
        ...base,
        accepted: false,
        functionError: o.errorType,
        error: `${o.errorType}: ${o.errorMessage}`,
        invocationId: o.invocation?.invocationId,
        coldStart: o.invocation?.initDurationMs !== undefined,
        durationMs: o.invocation?.durationMs,
      };
    case 'throttled':
    case 'failed':
      return { ...base, accepted: false, error: o.message, coldStart: false };
  }
}
