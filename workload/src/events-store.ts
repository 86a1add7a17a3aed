// Stores each delivery once. Without transactions (the local stand-in, dynalite, has none)
// the guarantee is built from conditional writes on one table:
//
//   1. claim   PutItem  PK=DELIVERY#<delivery id>  if attribute_not_exists(PK)
//              (marker: the event's future key, claimed_at, expires_at for TTL)
//   2. store   PutItem  PK=EVENT#<type>  SK=<received at>#<event id>
//
// The claim needs nothing from the enrichment calls, so the handler makes it while they are
// in flight; only the store waits for them. A second delivery fails the claim, reads the
// marker and answers with the first event. A claim whose event is not there yet is either
// in flight (409, retry shortly) or, once older than the lease, abandoned by a crashed writer
// and taken over with a conditional overwrite. If the store fails, the marker is deleted so
// the sender's retry starts afresh.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Enrichment } from './enrichment.js';

export interface DeliveryRequest {
  deliveryId: string;
  eventId: string;
  eventType: string;
  /** Hex SHA-256 of the signed body: a delivery id names one body, and another is a conflict. */
  bodySha256: string;
}

/** The right to store one delivery's event, under the key its marker points at. */
export interface DeliveryClaim extends DeliveryRequest {
  receivedAt: string;
  key: { PK: string; SK: string };
}

export interface EventContent {
  /** The body exactly as received; kept as a string so any valid JSON stores as-is. */
  rawPayload: string;
  enrichment: Enrichment;
  computeType: string;
  environmentId: string;
  requestId: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: DeliveryClaim }
  | { kind: 'duplicate'; eventId: string; eventType: string; enrichment: Enrichment; receivedAt: string }
  | { kind: 'in-progress'; retryAfterSeconds: number }
  /** The delivery id was first used with another body: not a retry of this one. */
  | { kind: 'conflict'; eventId: string };

export interface EventsStoreOptions {
  tableName: string;
  deliveryTtlSeconds: number;
  deliveryLeaseSeconds: number;
}

interface DeliveryMarker {
  event_id: string;
  event_pk: string;
  event_sk: string;
  claimed_at: number;
  /** Absent on markers written before bodies were hashed: those compare as the same body. */
  body_sha256?: string;
}

export const deliveryKey = (deliveryId: string) => ({ PK: `DELIVERY#${deliveryId}`, SK: 'DELIVERY' });
const eventKey = (eventType: string, receivedAt: string, eventId: string) => ({
  PK: `EVENT#${eventType}`,
  SK: `${receivedAt}#${eventId}`,
});

/** Bounds the claim/inspect loop when markers appear and vanish under it. */
const MAX_ATTEMPTS = 3;

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class EventsStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #options: EventsStoreOptions;

  constructor(db: DynamoDBDocumentClient, options: EventsStoreOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Claims the delivery id for a new event, or says who already has it. */
  async claim(request: DeliveryRequest): Promise<ClaimOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claimedAt = Date.now();
      const receivedAt = new Date(claimedAt).toISOString();
      const claim: DeliveryClaim = {
        ...request,
        receivedAt,
        key: eventKey(request.eventType, receivedAt, request.eventId),
      };
      const marker: DeliveryMarker = {
        event_id: request.eventId,
        event_pk: claim.key.PK,
        event_sk: claim.key.SK,
        claimed_at: claimedAt,
        body_sha256: request.bodySha256,
      };

      const existing = await this.#putMarker(request.deliveryId, marker);
      if (existing === undefined) return { kind: 'claimed', claim };
      if (existing === null) continue; // the marker expired or was released between calls
      // Same id, other bytes: someone reused (or squatted) the id. Never answer it as a duplicate.
      if (existing.body_sha256 !== undefined && existing.body_sha256 !== request.bodySha256)
        return { kind: 'conflict', eventId: existing.event_id };

      const first = await this.#db.send(
        new GetCommand({
          TableName: this.#options.tableName,
          Key: { PK: existing.event_pk, SK: existing.event_sk },
          ConsistentRead: true,
        }),
      );
      if (first.Item) {
        return {
          kind: 'duplicate',
          eventId: String(first.Item.event_id),
          eventType: String(first.Item.event_type),
          enrichment: first.Item.enrichment as Enrichment,
          receivedAt: String(first.Item.received_at),
        };
      }
      if (claimedAt - existing.claimed_at < this.#options.deliveryLeaseSeconds * 1000) {
        // Most likely the first copy is still enriching: it will be done in about a second.
        return { kind: 'in-progress', retryAfterSeconds: 1 };
      }
      if (await this.#takeOver(request.deliveryId, existing, marker)) return { kind: 'claimed', claim };
    }
    throw new Error(
      `delivery ${request.deliveryId} kept changing under ${MAX_ATTEMPTS} attempts to claim it`,
    );
  }

  /** Writes the claimed event; on failure releases the claim so a retry can store it. */
  async store(claim: DeliveryClaim, content: EventContent): Promise<void> {
    try {
      // No condition: the key holds a fresh random event id, and dynalite parses every
      // ConditionExpression at a cost the real service does not have.
      await this.#db.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: {
            ...claim.key,
            event_id: claim.eventId,
            event_type: claim.eventType,
            delivery_id: claim.deliveryId,
            received_at: claim.receivedAt,
            payload: content.rawPayload,
            enrichment: content.enrichment,
            compute_type: content.computeType,
            environment_id: content.environmentId,
            request_id: content.requestId,
          },
        }),
      );
    } catch (error) {
      await this.#release(claim.deliveryId, claim.eventId);
      throw error;
    }
  }

  /** undefined: claimed; a marker: someone else holds it; null: it vanished before we could read it. */
  async #putMarker(deliveryId: string, marker: DeliveryMarker): Promise<DeliveryMarker | null | undefined> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: { ...deliveryKey(deliveryId), ...marker, expires_at: this.#expiresAt(marker.claimed_at) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const current = await this.#db.send(
      new GetCommand({
        TableName: this.#options.tableName,
        Key: deliveryKey(deliveryId),
        ConsistentRead: true,
      }),
    );
    return (current.Item as DeliveryMarker | undefined) ?? null;
  }

  async #takeOver(deliveryId: string, stale: DeliveryMarker, marker: DeliveryMarker): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: { ...deliveryKey(deliveryId), ...marker, expires_at: this.#expiresAt(marker.claimed_at) },
          ConditionExpression: 'event_id = :staleEvent AND claimed_at = :staleClaim',
          ExpressionAttributeValues: { ':staleEvent': stale.event_id, ':staleClaim': stale.claimed_at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false; // another retry took it over first
      throw error;
    }
  }

  /** Best effort: if this fails too, the lease lets a later retry take the marker over. */
  async #release(deliveryId: string, eventId: string): Promise<void> {
    await this.#db
      .send(
        new DeleteCommand({
          TableName: this.#options.tableName,
          Key: deliveryKey(deliveryId),
          ConditionExpression: 'event_id = :mine',
          ExpressionAttributeValues: { ':mine': eventId },
        }),
      )
      .catch(() => undefined);
  }

  #expiresAt(claimedAtMs: number): number {
    return Math.floor(claimedAtMs / 1000) + this.#options.deliveryTtlSeconds;
  }
}
