// Composition root, evaluated once per execution environment (per worker thread on LMI):
// configuration, shared clients and the signing secret are prepared here; requests only
// read them. The SDK clients take their endpoint from AWS_ENDPOINT_URL when it is set.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from './config.js';
import { createEnricher } from './enrichment.js';
import { EventsStore } from './events-store.js';
import { createHandler } from './handler.js';
import { createObservability } from './observability.js';
import { ssmSigningSecret } from './signing-secret.js';

const config = loadConfig(process.env);
const { logger, metrics } = createObservability(config.computeType);

// Sockets sized for an LMI environment's concurrency; timeouts turn a hung DynamoDB into a
// prompt 503 rather than a request held until the function times out.
const agentOptions = { keepAlive: true, maxSockets: 128 };
const dynamodb = new DynamoDBClient({
  maxAttempts: 3,
  requestHandler: {
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: 1000,
    requestTimeout: 3000,
  },
});
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });

const signingSecret = ssmSigningSecret({
  parameterName: config.signingSecretParameter,
  maxAgeSeconds: config.signingSecretMaxAgeSeconds,
});
// Warm the cache during init so the first request does not pay for SSM. Not fatal: until
// SSM answers, webhook requests get a retryable 503 and /health still works.
await signingSecret().catch((error: unknown) =>
  logger.error('signing secret not readable at init; webhooks will answer 503 until it is', { error }),
);

export const handler = createHandler({
  logger,
  metrics,
  computeType: config.computeType,
  signatureToleranceSeconds: config.signatureToleranceSeconds,
  signingSecret,
  enrich: createEnricher(config.enrichment),
  store: new EventsStore(documents, {
    tableName: config.eventsTableName,
    deliveryTtlSeconds: config.deliveryTtlSeconds,
    deliveryLeaseSeconds: config.deliveryLeaseSeconds,
  }),
});
