// The requests the pipeline sends to the workload: health checks and signed webhooks, each
// marked as check traffic so it can be told apart from real events in the table.
//
// Marking. The workload stores every field of the body as sent and keys events by
// `event_type` (PK `EVENT#<event_type>`). Check webhooks use one reserved event type,
// `lmi_cutover.check` (the workload's rule is a dotted lowercase name: `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`,
// so a hyphen is not allowed), carry an `lmi_cutover` object naming the run, the check and
// the target, and use delivery ids `lmi-cutover.<run>.<check>.<target>.<n>`. Real events never
// share that partition, so reading check items back touches nothing else.
import { randomBytes } from 'node:crypto';
import {
  ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  type SigningSecrets,
} from './signature.js';

export const CHECK_EVENT_TYPE = 'lmi_cutover.check';
const CHECK_DELIVERY_PREFIX = 'lmi-cutover.';

/**
 * `baseline`: requests at production's version for max-p95-ms auto; `paired`: the candidate's
 * requests at the same light load, when production is an LMI version (baseline.ts).
 */
export type CheckKind = 'smoke' | 'load' | 'sweep' | 'baseline' | 'paired' | 'probe';
export type Side = 'lmi' | 'standard';

/** An HTTP request as API Gateway would receive it at the stage. */
export interface WebhookRequest {
  readonly method: 'GET' | 'POST';
  /** Path below the stage, such as `/webhooks`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** The delivery id the request carries (webhooks only). */
  readonly deliveryId?: string;
}

export interface CheckMark {
  /** Identifies the run; the same for every request of one run. */
  readonly run: string;
  readonly kind: CheckKind;
  readonly target: Side;
  readonly seq: number;
  /** Sweep level or probe step, when there is one. */
  readonly level?: number;
}

/** A short random id for a run's check traffic: 10 hex characters. */
export const newRunId = (): string => randomBytes(5).toString('hex');

export function checkDeliveryId(mark: CheckMark): string {
  const level = mark.level === undefined ? '' : `.${mark.level}`;
  return `${CHECK_DELIVERY_PREFIX}${mark.run}.${mark.kind}${level}.${mark.target}.${mark.seq}`;
}

/** Prefix shared by every delivery id of one run. */
export const runDeliveryPrefix = (run: string): string => `${CHECK_DELIVERY_PREFIX}${run}.`;

export function checkBody(mark: CheckMark, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_type: CHECK_EVENT_TYPE,
    lmi_cutover: { run: mark.run, check: mark.kind, target: mark.target, seq: mark.seq, level: mark.level },
    ...extra,
  });
}

export interface SignedWebhookInit {
  /** Signed with each (one `v1,` entry per secret), so it passes throughout a rotation. */
  readonly secrets: SigningSecrets;
  readonly deliveryId: string;
  readonly rawBody: string;
  /** Whole Unix seconds; the workload rejects timestamps more than 300 s away. */
  readonly timestampSeconds: number;
}

/** A POST /webhooks signed like a real sender signs it. */
export function signedWebhook(init: SignedWebhookInit): WebhookRequest {
  return {
    method: 'POST',
    path: '/webhooks',
    headers: {
      'Content-Type': 'application/json',
      [ID_HEADER]: init.deliveryId,
      [TIMESTAMP_HEADER]: String(init.timestampSeconds),
      [SIGNATURE_HEADER]: signWebhook(init.secrets, init.deliveryId, init.timestampSeconds, init.rawBody),
    },
    body: init.rawBody,
    deliveryId: init.deliveryId,
  };
}

/** A signed check webhook for this mark. */
export function checkWebhook(
  secrets: SigningSecrets,
  mark: CheckMark,
  timestampSeconds: number,
): WebhookRequest {
  return signedWebhook({
    secrets,
    deliveryId: checkDeliveryId(mark),
    rawBody: checkBody(mark),
    timestampSeconds,
  });
}

export const healthRequest = (): WebhookRequest => ({
  method: 'GET',
  path: '/health',
  headers: { Accept: 'application/json' },
  body: null,
});

/** One line naming a request for reports: `POST /webhooks webhook-id … (signed)`. */
export function describeRequest(request: WebhookRequest, note?: string): string {
  const id = request.deliveryId ? ` ${ID_HEADER} ${request.deliveryId}` : '';
  return `${request.method} ${request.path}${id}${note ? ` (${note})` : ''}`;
}
