// Reading check events back from the workload's events table, touching nothing else. The
// workload writes (README: "Each delivery is stored once"):
//   marker  PK=DELIVERY#<delivery id>  SK=DELIVERY           event_pk, event_sk, event_id
//   event   PK=EVENT#<event_type>      SK=<received at>#<id>  delivery_id, event_id, request_id, …
// Check webhooks all use CHECK_EVENT_TYPE, so one Query of that partition over the run's time
// window finds every check event a run stored, duplicates included; strongly consistent reads,
// so an event written just before is seen.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemExists, queryAll, type Item } from '../../aws/dynamodb.js';
import { CHECK_EVENT_TYPE } from './request.js';

export interface StoredCheckEvent {
  readonly deliveryId: string;
  readonly eventId?: string;
  readonly requestId?: string;
  readonly environmentId?: string;
  readonly computeType?: string;
  readonly receivedAt?: string;
}

export interface StoredEventsQuery {
  readonly tableName: string;
  /** Only delivery ids starting with this (one run's, see runDeliveryPrefix). */
  readonly deliveryPrefix: string;
  /** Epoch ms bounds on `received at`, with room for clock skew between here and Lambda. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** Room on both sides of the window for the function's clock being off from ours. */
const CLOCK_SKEW_MS = 15 * 60_000;

const MAX_PAGES = 10_000;

/** Every stored check event of the window whose delivery id has the prefix, by delivery id. */
export async function readStoredCheckEvents(
  ddb: DynamoDBClient,
  query: StoredEventsQuery,
): Promise<Map<string, StoredCheckEvent[]>> {
  const items = await queryAll(
    ddb,
    {
      TableName: query.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      FilterExpression: 'begins_with(#delivery, :prefix)',
      ProjectionExpression: '#delivery, #event, #request, #environment, #compute, #received',
      ExpressionAttributeNames: {
        '#pk': 'PK',
        '#sk': 'SK',
        '#delivery': 'delivery_id',
        '#event': 'event_id',
        '#request': 'request_id',
        '#environment': 'environment_id',
        '#compute': 'compute_type',
        '#received': 'received_at',
      },
      ExpressionAttributeValues: {
        ':pk': { S: `EVENT#${CHECK_EVENT_TYPE}` },
        ':from': { S: new Date(query.fromMs - CLOCK_SKEW_MS).toISOString() },
        // '~' sorts after '#', so events received in the last millisecond are included.
        ':to': { S: `${new Date(query.toMs + CLOCK_SKEW_MS).toISOString()}~` },
        ':prefix': { S: query.deliveryPrefix },
      },
    },
    MAX_PAGES,
  );
  const found = new Map<string, StoredCheckEvent[]>();
  for (const event of items.map(toStoredEvent)) {
    if (!event) continue;
    const list = found.get(event.deliveryId);
    if (list) list.push(event);
    else found.set(event.deliveryId, [event]);
  }
  return found;
}

/** An event item as a check reads it; undefined for an item without a delivery id. */
function toStoredEvent(item: Item): StoredCheckEvent | undefined {
  const deliveryId = item.delivery_id?.S;
  if (!deliveryId) return undefined;
  return {
    deliveryId,
    eventId: item.event_id?.S,
    requestId: item.request_id?.S,
    environmentId: item.environment_id?.S,
    computeType: item.compute_type?.S,
    receivedAt: item.received_at?.S,
  };
}

/** Whether the workload claimed this delivery id (its marker exists). */
export async function hasDeliveryMarker(
  ddb: DynamoDBClient,
  tableName: string,
  deliveryId: string,
): Promise<boolean> {
  return itemExists(ddb, tableName, { PK: { S: `DELIVERY#${deliveryId}` }, SK: { S: 'DELIVERY' } }, 'PK');
}
