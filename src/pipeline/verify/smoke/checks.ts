// The smoke checks of one side, as a table: each names its request, what it expects and how
// an answer is judged, in the order they run (the replay needs the stored check before it).
// What the workload promises (workload/README.md): /health names the compute type; a signed
// webhook is stored (read back from the table by its delivery id); a replay of it is a
// duplicate and stored once; a wrongly signed one gets 401 and a malformed one 400, neither
// stored.
import { answerIds, describeOutcome, type AnswerIds, type WebhookOutcome } from '../../webhook/answer.js';
import {
  checkBody,
  checkDeliveryId,
  checkWebhook,
  healthRequest,
  signedWebhook,
  type WebhookRequest,
} from '../../webhook/request.js';
import type { SmokeSide } from './side.js';
import { newSigningSecret, signingSecrets } from '../../webhook/signature.js';

export interface SmokeCase {
  readonly name: string;
  /** How the report describes the request, next to the request line. */
  readonly note: string;
  /** Built just before it is sent, so its signature timestamp is fresh. */
  readonly request: (s: SmokeSide) => WebhookRequest;
  readonly expected: (s: SmokeSide) => string;
  /** Undefined when the answer is what was expected; else what was wrong, for the report. */
  readonly judge: (s: SmokeSide, o: WebhookOutcome, request: WebhookRequest) => Promise<string | undefined>;
}

/** The first webhook of a side: the one the stored check sends and the replay repeats. */
const FIRST = 1;
/** Correctly signed, but not JSON: the workload must refuse it after the signature check. */
const MALFORMED_BODY = '{"event_type": "lmi_cutover.check", "lmi_cutover": ';

export const SMOKE_CHECKS: readonly SmokeCase[] = [
  {
    // For the LMI version, the answer must also name the version itself.
    name: 'health',
    note: 'no body',
    request: () => healthRequest(),
    expected: (s) =>
      `200 with compute_type ${s.computeType}${s.side === 'lmi' ? ` and function_version ${s.target.qualifier}` : ''}`,
    judge: async (s, o) => {
      if (o.kind !== 'answered') return describeOutcome(o);
      const ids = answerIds(o.answer);
      if (o.answer.statusCode !== 200) return describeOutcome(o);
      if (ids.computeType !== s.computeType) return `200 with compute_type ${ids.computeType ?? '(none)'}`;
      if (s.side === 'lmi' && ids.functionVersion !== s.target.qualifier) {
        return `200 from function_version ${ids.functionVersion ?? '(none)'}`;
      }
      return undefined;
    },
  },
  {
    name: 'signed webhook is stored',
    note: 'correctly signed',
    request: (s) => checkWebhook(s.secrets, s.mark(FIRST), s.seconds()),
    expected: (s) => `201 stored by ${s.computeType} with its own request id; one event in ${s.table}`,
    judge: async (s, o, request) => {
      const accepted = acceptedAnswer(o, 201, 'stored', s.computeType);
      if (!accepted.ok) return accepted.problem;
      const { ids } = accepted;
      s.firstEventId = ids.eventId;
      const deliveryId = request.deliveryId!;
      const items = await s.stored(deliveryId);
      if (items.length !== 1) return `201 stored, but ${items.length} events in the table for ${deliveryId}`;
      if (items[0]!.eventId !== ids.eventId) {
        return `201 with event_id ${ids.eventId}, but the table holds event ${items[0]!.eventId} for ${deliveryId}`;
      }
      return undefined;
    },
  },
  {
    // The same delivery (same id and body), signed again.
    name: 'replay is a duplicate, stored once',
    note: 'same webhook-id again',
    request: (s) =>
      signedWebhook({
        secrets: s.secrets,
        deliveryId: checkDeliveryId(s.mark(FIRST)),
        rawBody: checkBody(s.mark(FIRST)),
        timestampSeconds: s.seconds(),
      }),
    expected: (s) => `200 duplicate with the first event_id; still one event in ${s.table}`,
    judge: async (s, o, request) => {
      const accepted = acceptedAnswer(o, 200, 'duplicate', s.computeType);
      if (!accepted.ok) return accepted.problem;
      const { ids } = accepted;
      if (s.firstEventId && ids.eventId !== s.firstEventId) {
        return `200 duplicate with event_id ${ids.eventId}, not the first delivery's ${s.firstEventId}`;
      }
      const deliveryId = request.deliveryId!;
      const items = await s.stored(deliveryId);
      if (items.length !== 1)
        return `200 duplicate, but ${items.length} events in the table for ${deliveryId}`;
      return undefined;
    },
  },
  {
    name: 'wrong signature is refused',
    note: 'signed with another secret',
    request: (s) =>
      signedWebhook({
        secrets: signingSecrets(newSigningSecret()),
        deliveryId: checkDeliveryId(s.mark(2)),
        rawBody: checkBody(s.mark(2)),
        timestampSeconds: s.seconds(),
      }),
    expected: () => '401, nothing stored',
    judge: (s, o, request) => refusedProblem(s, o, 401, request.deliveryId!),
  },
  {
    name: 'malformed body is refused',
    note: 'signed, body not JSON',
    request: (s) =>
      signedWebhook({
        secrets: s.secrets,
        deliveryId: checkDeliveryId(s.mark(3)),
        rawBody: MALFORMED_BODY,
        timestampSeconds: s.seconds(),
      }),
    expected: () => '400, nothing stored',
    judge: (s, o, request) => refusedProblem(s, o, 400, request.deliveryId!),
  },
];

type Accepted =
  { readonly ok: true; readonly ids: AnswerIds } | { readonly ok: false; readonly problem: string };

/** The answer's ids when it is `status` with the expected body; else what was wrong. */
function acceptedAnswer(
  o: WebhookOutcome,
  status: number,
  bodyStatus: string,
  computeType: string,
): Accepted {
  const wrong = (problem: string): Accepted => ({ ok: false, problem });
  if (o.kind !== 'answered' || o.answer.statusCode !== status) return wrong(describeOutcome(o));
  const ids = answerIds(o.answer);
  const code = o.answer.statusCode;
  if (ids.status !== bodyStatus) return wrong(`${code} with status ${ids.status ?? '(none)'}`);
  if (ids.computeType !== computeType)
    return wrong(`${code} from compute_type ${ids.computeType ?? '(none)'}`);
  if (!ids.eventId) return wrong(`${code} without an event_id`);
  const invocationId = o.invocation?.invocationId;
  if (!ids.requestId) return wrong(`${code} without a request_id`);
  if (invocationId && ids.requestId !== invocationId) {
    return wrong(`${code} carrying request_id ${ids.requestId}, but the invocation was ${invocationId}`);
  }
  return { ok: true, ids };
}

/** Undefined when the request was refused with `status` and left nothing in the table. */
async function refusedProblem(
  s: SmokeSide,
  o: WebhookOutcome,
  status: number,
  deliveryId: string,
): Promise<string | undefined> {
  if (o.kind !== 'answered' || o.answer.statusCode !== status) return describeOutcome(o);
  const items = await s.stored(deliveryId);
  if (items.length > 0) return `${status}, but ${items.length} event(s) stored for ${deliveryId}`;
  if (await s.claimed(deliveryId))
    return `${status}, but the delivery id ${deliveryId} was claimed in the table`;
  return undefined;
}
