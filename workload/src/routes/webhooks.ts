// POST /webhooks: size → signature → delivery id → body → enrichment → one stored event.
// Everything the request needs travels in arguments; nothing here is module state.
import { createHash, randomUUID } from 'node:crypto';
import {
  BadRequestError,
  RequestEntityTooLargeError,
  UnauthorizedError,
} from '@aws-lambda-powertools/event-handler/http';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { ComputeType } from '../config.js';
import type { Enricher, Enrichment } from '../enrichment.js';
import { ENVIRONMENT_ID, WORKER_ID } from '../environment.js';
import { inFlightAtStart } from '../in-flight.js';
import {
  DeliveryConflictError,
  DeliveryInProgressError,
  DependencyUnavailableError,
  storeFailure,
} from '../errors.js';
import type { ClaimOutcome, EventsStore } from '../events-store.js';
import type { Observability } from '../observability.js';
import { ID_HEADER, verifyWebhookSignature } from '../signature.js';
import type { SigningSecretSource } from '../signing-secret.js';
import type { SigningKey } from '../webhook-secrets.js';
import { MAX_BODY_BYTES, isValidDeliveryId, parseWebhookBody } from '../webhook-event.js';

export interface WebhookDependencies extends Observability {
  computeType: ComputeType;
  signatureToleranceSeconds: number;
  signingSecret: SigningSecretSource;
  enrich: Enricher;
  store: Pick<EventsStore, 'claim' | 'store'>;
}

interface WebhookResponse {
  event_id: string;
  event_type: string;
  status: 'stored' | 'duplicate';
  duplicate: boolean;
  processing_time_ms: number;
  enrichment: Enrichment;
  compute_type: ComputeType;
  /** The published version that answered: a canary between two LMI versions is told apart by it. */
  function_version: string;
  environment_id: string;
  worker_id: string;
  /** Requests this worker was serving when this one started, itself included (in-flight.ts). */
  in_flight?: number;
  request_id: string;
}

interface AcceptedDelivery {
  deliveryId: string;
  /** Which of the parameter's secrets signed it (1-based). */
  keyNumber: number;
  eventType: string;
  body: unknown;
  /** The signed bytes as text (they are valid UTF-8): what is stored. */
  text: string;
}

/**
 * The body as text, only when its bytes are valid UTF-8: decoding invalid bytes would replace
 * them, and the stored payload would no longer be the bytes that were signed.
 */
function utf8Text(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function rawBodyOf(event: APIGatewayProxyEvent): Buffer {
  if (event.body == null) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

async function readSecret(deps: WebhookDependencies): Promise<readonly SigningKey[]> {
  try {
    return await deps.signingSecret();
  } catch (error) {
    throw new DependencyUnavailableError('ssm', error);
  }
}

/**
 * Every check that can reject the request (413, 401, 400), cheapest first. Nothing about the
 * request but its size is judged before the signature: an unauthenticated caller learns only 401.
 * So a malformed webhook-id is a 400 only once the signature over it is valid (a sender's bug),
 * and a missing one is a 401, like the other two headers the MAC needs.
 */
async function accept(
  rawBody: Buffer,
  headers: Headers,
  deps: WebhookDependencies,
): Promise<AcceptedDelivery> {
  if (rawBody.length > MAX_BODY_BYTES) {
    throw new RequestEntityTooLargeError(`body is ${rawBody.length} bytes; the limit is ${MAX_BODY_BYTES}`);
  }
  const check = verifyWebhookSignature(headers, rawBody, {
    keys: await readSecret(deps),
    nowSeconds: Math.floor(Date.now() / 1000),
    toleranceSeconds: deps.signatureToleranceSeconds,
  });
  if (!check.valid) throw new UnauthorizedError(check.message, undefined, { reason: check.reason });

  // verifyWebhookSignature refuses a request without one.
  const deliveryId = headers.get(ID_HEADER) ?? '';
  if (!isValidDeliveryId(deliveryId)) {
    throw new BadRequestError(`${ID_HEADER} must be 1-128 printable ASCII characters without spaces`);
  }
  const text = utf8Text(rawBody);
  if (text === undefined)
    throw new BadRequestError('the body is not valid UTF-8; a webhook body is UTF-8 JSON');
  const parsed = parseWebhookBody(text);
  if (!parsed.ok) throw new BadRequestError(parsed.message, undefined, { fields: parsed.fields });
  return {
    deliveryId,
    keyNumber: check.keyNumber,
    eventType: parsed.body.event_type,
    body: parsed.body,
    text,
  };
}

function recordEnrichment(enrichment: Enrichment, { logger, metrics }: Observability): void {
  for (const [service, outcome] of Object.entries(enrichment)) {
    if (outcome.status === 'ok') continue;
    logger.warn('enrichment call failed', { service, outcome });
    metrics.addMetric(
      outcome.status === 'timeout' ? 'EnrichmentTimeout' : 'EnrichmentError',
      MetricUnit.Count,
      1,
    );
  }
}

export async function receiveWebhook(
  event: APIGatewayProxyEvent,
  headers: Headers,
  context: Context,
  deps: WebhookDependencies,
): Promise<Response> {
  const started = performance.now();
  const { logger, metrics, store } = deps;
  const rawBody = rawBodyOf(event);
  const { deliveryId, keyNumber, eventType, body, text } = await accept(rawBody, headers, deps);
  const eventId = randomUUID();
  logger.appendKeys({ delivery_id: deliveryId, event_id: eventId, event_type: eventType });
  // During a rotation, the secret number shows when senders stopped using the old one.
  logger.info('webhook accepted', { signing_secret_number: keyNumber });

  // The delivery id is claimed while the enrichment calls run: the claim needs nothing from
  // them, and a duplicate is then answered without waiting for them.
  const abandonEnrichment = new AbortController();
  const enrichment = deps.enrich({ eventId, eventType, payload: body }, abandonEnrichment.signal);
  let claimed: ClaimOutcome;
  try {
    claimed = await store.claim({
      deliveryId,
      eventId,
      eventType,
      bodySha256: createHash('sha256').update(rawBody).digest('hex'),
    });
  } catch (error) {
    abandonEnrichment.abort();
    throw storeFailure(error);
  }

  let result: Pick<WebhookResponse, 'event_id' | 'event_type' | 'duplicate' | 'enrichment'>;
  if (claimed.kind === 'claimed') {
    const outcomes = await enrichment;
    recordEnrichment(outcomes, deps);
    try {
      await store.store(claimed.claim, {
        // The signed bytes, exactly: accept() only lets valid UTF-8 through, so this round-trips.
        rawPayload: text,
        enrichment: outcomes,
        computeType: deps.computeType,
        environmentId: ENVIRONMENT_ID,
        requestId: context.awsRequestId,
      });
    } catch (error) {
      throw storeFailure(error);
    }
    result = { event_id: eventId, event_type: eventType, duplicate: false, enrichment: outcomes };
  } else {
    abandonEnrichment.abort();
    if (claimed.kind === 'conflict') throw new DeliveryConflictError(deliveryId);
    if (claimed.kind === 'in-progress') {
      throw new DeliveryInProgressError(
        `delivery ${deliveryId} is being stored by another request; retry it`,
        claimed.retryAfterSeconds,
      );
    }
    result = {
      event_id: claimed.eventId,
      event_type: claimed.eventType,
      duplicate: true,
      enrichment: claimed.enrichment,
    };
  }

  const response: WebhookResponse = {
    event_id: result.event_id,
    event_type: result.event_type,
    status: result.duplicate ? 'duplicate' : 'stored',
    duplicate: result.duplicate,
    processing_time_ms: Math.round((performance.now() - started) * 10) / 10,
    enrichment: result.enrichment,
    compute_type: deps.computeType,
    function_version: context.functionVersion,
    environment_id: ENVIRONMENT_ID,
    worker_id: WORKER_ID,
    in_flight: inFlightAtStart(),
    request_id: context.awsRequestId,
  };
  metrics.addMetric(response.duplicate ? 'WebhookDuplicate' : 'WebhookStored', MetricUnit.Count, 1);
  metrics.addMetric('ProcessingTime', MetricUnit.Milliseconds, response.processing_time_ms);
  logger.info(response.duplicate ? 'duplicate delivery answered with the first event' : 'webhook stored', {
    first_event_id: response.duplicate ? response.event_id : undefined,
    processing_time_ms: response.processing_time_ms,
  });
  return Response.json(response, { status: response.duplicate ? 200 : 201 });
}
