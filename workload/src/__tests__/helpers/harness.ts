// A handler wired like app.ts but with injected pieces: a fixed secret, short simulated
// delays and dynalite. Powertools output is silenced unless a test captures it.
import { randomUUID } from 'node:crypto';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_SIMULATED_DELAY_MS,
  ENRICHMENT_SERVICES,
  type EnrichmentServiceConfig,
} from '../../config.js';
import { createEnricher, type Enricher } from '../../enrichment.js';
import { EventsStore } from '../../events-store.js';
import { createHandler, type WebhookHandler } from '../../handler.js';
import { createObservability, type Observability } from '../../observability.js';
import type { SigningSecretSource } from '../../signing-secret.js';
import type { LocalDynamo } from './dynalite.js';
import { TEST_SECRET, signingKeys } from './requests.js';

/** The demo's delays divided by `divisor`, so tests keep the 150/200/100 shape but run fast. */
export function scaledServices(divisor: number, timeoutMs = 1000): EnrichmentServiceConfig[] {
  return ENRICHMENT_SERVICES.map((name) => ({
    name,
    simulatedDelayMs: Math.round(DEFAULT_SIMULATED_DELAY_MS[name] / divisor),
    timeoutMs,
  }));
}

export interface HarnessOptions {
  dynamo: LocalDynamo;
  tableName?: string;
  enrich?: Enricher;
  signingSecret?: SigningSecretSource;
  computeType?: 'lambda-managed-instances' | 'lambda-standard';
  observability?: Observability;
  /** Stand-in for the DynamoDB document client (to inject failures); defaults to dynalite's. */
  documents?: DynamoDBDocumentClient;
}

export interface Harness {
  handler: WebhookHandler;
  tableName: string;
  observability: Observability;
  items(): Promise<Record<string, unknown>[]>;
}

export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const tableName = options.tableName ?? `events-${randomUUID().slice(0, 8)}`;
  await options.dynamo.createEventsTable(tableName);
  const computeType = options.computeType ?? 'lambda-managed-instances';
  const observability = options.observability ?? createObservability(computeType);
  const handler = createHandler({
    ...observability,
    computeType,
    signatureToleranceSeconds: 300,
    signingSecret: options.signingSecret ?? (async () => signingKeys(TEST_SECRET)),
    enrich: options.enrich ?? createEnricher(scaledServices(50)),
    store: new EventsStore(options.documents ?? options.dynamo.documents, {
      tableName,
      deliveryTtlSeconds: 3600,
      deliveryLeaseSeconds: 60,
    }),
  });
  return {
    handler,
    tableName,
    observability,
    async items() {
      const out: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await options.dynamo.documents.send(
          new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        out.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
        if (!start) break;
      }
      return out;
    },
  };
}

export const eventItems = (items: Record<string, unknown>[]) =>
  items.filter((i) => String(i.PK).startsWith('EVENT#'));
