// API Gateway REST proxy events and Lambda contexts for driving the handler directly.
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { parseWebhookSecrets, type SigningKey } from '../../webhook-secrets.js';

/** A Standard Webhooks secret: `whsec_` + base64 of a 32-byte key. */
export const TEST_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The keys of an SSM parameter value, as the workload reads them; throws when it is malformed. */
export function signingKeys(value: string): readonly SigningKey[] {
  const parsed = parseWebhookSecrets(value);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.keys;
}

/** The `v1,<base64>` entry a Standard Webhooks sender computes, with the reference library. */
export function sign(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

export function proxyEvent(init: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEvent {
  const path = init.path ?? '/webhooks';
  const headers = { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...init.headers };
  return {
    resource: path,
    path,
    httpMethod: init.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: { liveFunction: 'webhook:live' },
    body: init.body ?? null,
    isBase64Encoded: init.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      httpMethod: init.method ?? 'POST',
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'res123',
      resourcePath: path,
      stage: 'prod',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      identity: { sourceIp: '127.0.0.1' },
      authorizer: null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export interface SignedWebhookInit {
  body?: unknown;
  rawBody?: string;
  /** null: sent without a webhook-id (and signed over the empty id). */
  deliveryId?: string | null;
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** A correctly signed POST /webhooks; every part can be overridden to make it wrong. */
export function signedWebhook(init: SignedWebhookInit = {}): APIGatewayProxyEvent {
  const rawBody =
    init.rawBody ?? JSON.stringify(init.body ?? { event_type: 'order.created', order_id: 'o-1' });
  const timestamp = init.timestamp ?? Math.floor(Date.now() / 1000);
  const deliveryId = init.deliveryId === undefined ? randomUUID() : init.deliveryId;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(deliveryId !== null && { 'webhook-id': deliveryId }),
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(init.secret ?? TEST_SECRET, deliveryId ?? '', timestamp, rawBody),
    ...init.headers,
  };
  return proxyEvent({ headers, body: rawBody });
}

export function lambdaContext(requestId: string = randomUUID(), functionVersion = '7'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'webhook',
    functionVersion,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:webhook:live`,
    memoryLimitInMB: '4096',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/webhook',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface ParsedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

export function parseResponse(result: {
  statusCode: number;
  headers?: unknown;
  body: string;
}): ParsedResponse {
  return {
    statusCode: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, unknown>,
    body: JSON.parse(result.body) as Record<string, unknown>,
  };
}
