// Reading check events back from the workload's events table, touching nothing else. The
// workload writes (README: "Each delivery is stored once"):
//   marker  PK=DELIVERY#<delivery id>  SK=DELIVERY           event_pk, event_sk, event_id
//   event   PK=EVENT#<event_type>      SK=<received at>#<id>  delivery_id, event_id, request_id, …
// Check webhooks all use CHECK_EVENT_TYPE, so one Query of that partition over the run's time
// window finds every check event a run stored, duplicates included; strongly consistent reads,
// so an event written just before is seen.
import {
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
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
export const CLOCK_SKEW_MS = 15 * 60_000;

const MAX_PAGES = 10_000;

/** Every stored check event of the window whose delivery id has the prefix, by delivery id. */
export async function readStoredCheckEvents(
  ddb: DynamoDBClient,
  query: StoredEventsQuery,
): Promise<Map<string, StoredCheckEvent[]>> {
  const found = new Map<string, StoredCheckEvent[]>();
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await ddb.send(
      new QueryCommand({
        TableName: query.tableName,
        ConsistentRead: true,
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
        ExclusiveStartKey,
      }),
    );
    for (const item of res.Items ?? []) {
      const deliveryId = item.delivery_id?.S;
      if (!deliveryId) continue;
      const event: StoredCheckEvent = {
        deliveryId,
        eventId: item.event_id?.S,
        requestId: item.request_id?.S,
        environmentId: item.environment_id?.S,
        computeType: item.compute_type?.S,
        receivedAt: item.received_at?.S,
      };
      const list = found.get(deliveryId);
      if (list) list.push(event);
      else found.set(deliveryId, [event]);
    }
    ExclusiveStartKey = res.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return found;
}

/** Whether the workload claimed this delivery id (its marker exists). */
export async function hasDeliveryMarker(
  ddb: DynamoDBClient,
  tableName: string,
  deliveryId: string,
): Promise<boolean> {
  const res = await ddb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { PK: { S: `DELIVERY#${deliveryId}` }, SK: { S: 'DELIVERY' } },
      ConsistentRead: true,
      ProjectionExpression: '#pk',
      ExpressionAttributeNames: { '#pk': 'PK' },
    }),
  );
  return res.Item !== undefined;
}
