// One stored event per delivery id, whatever the retries, races and failures.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { deliveryKey } from '../events-store.js';
import { TEST_CREDENTIALS, TEST_REGION, startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { createEnricher } from '../enrichment.js';
import { createHarness, eventItems, scaledServices, type Harness } from './helpers/harness.js';
import { lambdaContext, parseResponse, signedWebhook } from './helpers/requests.js';

let dynamo: LocalDynamo;
let harness: Harness;
beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await createHarness({ dynamo });
});
afterAll(async () => {
  await dynamo.close();
});

const deliver = async (h: Harness, deliveryId: string, body?: unknown) =>
  parseResponse(await h.handler(signedWebhook({ deliveryId, body }), lambdaContext()));

const storedFor = async (h: Harness, deliveryId: string) =>
  eventItems(await h.items()).filter((i) => i.delivery_id === deliveryId);

describe('repeated deliveries', () => {
  test('a redelivery answers 200 duplicate with the first event and stores nothing new', async () => {
    const first = await deliver(harness, 'dup-1');
    const again = await deliver(harness, 'dup-1');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.body).toMatchObject({
      status: 'duplicate',
      duplicate: true,
      event_id: first.body.event_id,
      event_type: 'order.created',
      enrichment: first.body.enrichment,
    });
    expect(await storedFor(harness, 'dup-1')).toHaveLength(1);
  });

  test('a delivery id names one body: the same id with another body is a 409 conflict, not a duplicate', async () => {
    const first = await deliver(harness, 'dup-2', { event_type: 'order.created', n: 1 });
    expect(first.statusCode).toBe(201);
    const other = await deliver(harness, 'dup-2', { event_type: 'order.cancelled', n: 2 });
    expect(other.statusCode).toBe(409);
    expect(other.headers['retry-after']).toBeUndefined();
    expect(other.body).toMatchObject({ error: 'DeliveryConflictError', details: { retryable: false } });
    // The first event stays the only one, and its own redelivery is still a duplicate.
    expect(await storedFor(harness, 'dup-2')).toHaveLength(1);
    const again = await deliver(harness, 'dup-2', { event_type: 'order.created', n: 1 });
    expect(again.body).toMatchObject({ duplicate: true, event_id: first.body.event_id });
  });

  test('a duplicate is answered without waiting for the enrichment calls', async () => {
    // Enrichment five times slower than the demo's (1 s for the slowest call), so the gap between
    // "waits for enrichment" and "answers from the claim" stays wide on a loaded machine.
    const slow = await createHarness({ dynamo, enrich: createEnricher(scaledServices(0.2, 5000)) });
    const first = await deliver(slow, 'dup-fast');
    const again = await deliver(slow, 'dup-fast');
    expect(again.body.duplicate).toBe(true);
    // The claim fails at once and the running calls are abandoned: a fraction of the first.
    expect(Number(first.body.processing_time_ms)).toBeGreaterThanOrEqual(950);
    expect(Number(again.body.processing_time_ms) / Number(first.body.processing_time_ms)).toBeLessThan(0.5);
  });

  test('twenty simultaneous copies store one event; the rest see it or are told to retry', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(harness, 'race-1')));
    const byStatus = (s: number) => responses.filter((r) => r.statusCode === s);
    expect(byStatus(201)).toHaveLength(1);
    expect(byStatus(200).length + byStatus(409).length).toBe(19);
    const winner = byStatus(201)[0]!.body.event_id;
    for (const r of byStatus(200)) expect(r.body.event_id).toBe(winner);
    for (const r of byStatus(409)) {
      expect(r.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
      expect(r.body.details).toMatchObject({ retryable: true });
    }
    expect(await storedFor(harness, 'race-1')).toHaveLength(1);
  });
});

describe('abandoned claims', () => {
  const orphanMarker = (deliveryId: string, claimedAt: number) =>
    dynamo.documents.send(
      new PutCommand({
        TableName: harness.tableName,
        Item: {
          ...deliveryKey(deliveryId),
          event_id: 'lost-event',
          event_pk: 'EVENT#order.created',
          event_sk: '2000-01-01T00:00:00.000Z#lost-event',
          claimed_at: claimedAt,
          expires_at: Math.floor(claimedAt / 1000) + 3600,
        },
      }),
    );

  test('a claim still inside its lease answers 409 with Retry-After', async () => {
    await orphanMarker('orphan-fresh', Date.now() - 5_000);
    const res = await deliver(harness, 'orphan-fresh');
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(await storedFor(harness, 'orphan-fresh')).toHaveLength(0);
  });

  test('a claim older than the lease (its writer crashed) is taken over', async () => {
    await orphanMarker('orphan-stale', Date.now() - 120_000);
    const res = await deliver(harness, 'orphan-stale');
    expect(res.statusCode).toBe(201);
    expect(await storedFor(harness, 'orphan-stale')).toHaveLength(1);
    expect((await deliver(harness, 'orphan-stale')).body.event_id).toBe(res.body.event_id);
  });
});

describe('dependency failures', () => {
  test('a failed event write releases the claim, answers 503, and the retry stores once', async () => {
    let failures = 1;
    const flaky = {
      send(command: unknown) {
        const item = command instanceof PutCommand ? command.input.Item : undefined;
        if (String(item?.PK).startsWith('EVENT#') && failures-- > 0) {
          return Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
        }
        return dynamo.documents.send(command as PutCommand);
      },
    } as unknown as DynamoDBDocumentClient;
    const h = await createHarness({ dynamo, documents: flaky });
    const failed = await deliver(h, 'flaky-1');
    expect(failed.statusCode).toBe(503);
    expect(failed.body.details).toMatchObject({ dependency: 'dynamodb', retryable: true });
    expect((await h.items()).filter((i) => i.PK === 'DELIVERY#flaky-1')).toHaveLength(0);
    expect((await deliver(h, 'flaky-1')).statusCode).toBe(201);
    expect(await storedFor(h, 'flaky-1')).toHaveLength(1);
  });

  test.each([
    [
      'an item over 400 KB',
      413,
      'Item size has exceeded the maximum allowed size',
      'RequestEntityTooLargeError',
    ],
    [
      'a malformed item',
      422,
      'One or more parameter values were invalid: Type mismatch',
      'EventNotStorableError',
    ],
  ])(
    'DynamoDB refusing %s permanently → %i, not retryable, the claim released',
    async (_what, status, message, error) => {
      const refusing = {
        send(command: unknown) {
          const item = command instanceof PutCommand ? command.input.Item : undefined;
          if (String(item?.PK).startsWith('EVENT#'))
            return Promise.reject(Object.assign(new Error(message), { name: 'ValidationException' }));
          return dynamo.documents.send(command as PutCommand);
        },
      } as unknown as DynamoDBDocumentClient;
      const h = await createHarness({ dynamo, documents: refusing });
      const id = `permanent-${status}`;
      const res = await deliver(h, id);
      expect(res.statusCode).toBe(status);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(res.body).toMatchObject({ error, details: { dependency: 'dynamodb', retryable: false } });
      expect((await h.items()).filter((i) => i.PK === `DELIVERY#${id}`)).toHaveLength(0);
    },
  );

  test('DynamoDB unreachable → 503 with a retryable hint and Retry-After', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: TEST_REGION,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    const h = await createHarness({ dynamo, documents: DynamoDBDocumentClient.from(client) });
    const res = await deliver(h, 'down-1');
    client.destroy();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({
      error: 'ServiceUnavailableError',
      details: { dependency: 'dynamodb', retryable: true },
    });
  });

  test('SSM unreadable → 503 naming ssm, nothing stored', async () => {
    const h = await createHarness({
      dynamo,
      signingSecret: async () => {
        throw new Error('AccessDeniedException');
      },
    });
    const res = await deliver(h, 'ssm-down-1');
    expect(res.statusCode).toBe(503);
    expect(res.body.details).toMatchObject({ dependency: 'ssm', retryable: true });
    expect(await h.items()).toHaveLength(0);
  });
});
