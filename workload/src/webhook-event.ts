// The webhook body contract: a JSON object whose `event_type` is a dotted lowercase name
// (`order.created`, `customer.address_changed`). Every other field is the sender's payload
// and is stored verbatim.
import { z } from 'zod';

export const MAX_BODY_BYTES = 256 * 1024;
const MAX_DELIVERY_ID_LENGTH = 128;

const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const WebhookBodySchema = z.looseObject({
  event_type: z
    .string({ error: 'event_type is required and must be a string' })
    .max(100, 'event_type must be at most 100 characters')
    .regex(EVENT_TYPE_PATTERN, 'event_type must be a dotted lowercase name such as "order.created"'),
});

type WebhookBody = z.infer<typeof WebhookBodySchema>;

interface FieldError {
  field: string;
  message: string;
}

export type BodyParse =
  { ok: true; body: WebhookBody } | { ok: false; message: string; fields: FieldError[] };

/** Parses and validates the raw body; never throws on bad input. */
export function parseWebhookBody(raw: string): BodyParse {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `body is not valid JSON: ${(error as Error).message}`, fields: [] };
  }
  const result = WebhookBodySchema.safeParse(json);
  if (result.success) return { ok: true, body: result.data };
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.path.length > 0 ? issue.message : 'body must be a JSON object',
  }));
  return { ok: false, message: 'body failed validation', fields };
}

/** Printable ASCII without spaces, short enough to be part of a DynamoDB key. */
export function isValidDeliveryId(id: string): boolean {
  return id.length <= MAX_DELIVERY_ID_LENGTH && /^[\x21-\x7e]+$/.test(id);
}
