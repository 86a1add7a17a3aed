// The API Gateway REST (v1) proxy event a stage sends to its Lambda integration, built for a
// request, so invoking a version directly exercises the same code path as traffic through
// the stage. Field for field as API Gateway's `aws_proxy` integration sends it: every key is
// present (absent values are null, which Powertools' event check requires), headers appear in
// both `headers` and `multiValueHeaders`, and the request context names the API and stage.
import { randomUUID } from 'node:crypto';
import type { WebhookRequest } from './request.js';

/** Where the event claims to come from: the stack's REST API and stage. */
export interface StageContext {
  readonly restApiId: string;
  readonly stageName: string;
  /** `<api id>.execute-api.<region>.amazonaws.com`, or a custom domain. */
  readonly domainName: string;
  readonly accountId: string;
  /** The stage's variables as the integration sees them (`liveFunction`). */
  readonly stageVariables: Readonly<Record<string, string>>;
}

export interface ApiGatewayProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: null;
  multiValueQueryStringParameters: null;
  pathParameters: null;
  stageVariables: Record<string, string> | null;
  requestContext: {
    resourceId: string;
    resourcePath: string;
    httpMethod: string;
    extendedRequestId: string;
    requestTime: string;
    path: string;
    accountId: string;
    protocol: string;
    stage: string;
    domainPrefix: string;
    requestTimeEpoch: number;
    requestId: string;
    identity: Record<string, string | null>;
    domainName: string;
    deploymentId: string | null;
    apiId: string;
  };
  body: string | null;
  isBase64Encoded: boolean;
}

export interface ProxyEventOptions {
  /** Epoch ms of the request; defaults to now. */
  readonly nowMs?: number;
  /** API Gateway's request id; a fresh UUID by default. */
  readonly requestId?: string;
  readonly sourceIp?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function apiGatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

export function toProxyEvent(
  request: WebhookRequest,
  stage: StageContext,
  options: ProxyEventOptions = {},
): ApiGatewayProxyEvent {
  const nowMs = options.nowMs ?? Date.now();
  const requestId = options.requestId ?? randomUUID();
  const sourceIp = options.sourceIp ?? '127.0.0.1';
  const userAgent = request.headers['User-Agent'] ?? 'lmi-cutover';
  // What API Gateway adds in front of the caller's own headers.
  const headers: Record<string, string> = {
    Host: stage.domainName,
    'User-Agent': userAgent,
    'X-Amzn-Trace-Id': `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)}`,
    'X-Forwarded-For': sourceIp,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...request.headers,
  };
  if (request.body !== null) headers['Content-Length'] ??= String(Buffer.byteLength(request.body));
  const variables = Object.keys(stage.stageVariables).length > 0 ? { ...stage.stageVariables } : null;
  return {
    resource: request.path,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: variables,
    requestContext: {
      resourceId: 'lmicut',
      resourcePath: request.path,
      httpMethod: request.method,
      extendedRequestId: requestId.slice(0, 16),
      requestTime: apiGatewayTime(nowMs),
      path: `/${stage.stageName}${request.path}`,
      accountId: stage.accountId,
      protocol: 'HTTP/1.1',
      stage: stage.stageName,
      domainPrefix: stage.domainName.split('.')[0] ?? stage.restApiId,
      requestTimeEpoch: nowMs,
      requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent,
        user: null,
      },
      domainName: stage.domainName,
      deploymentId: null,
      apiId: stage.restApiId,
    },
    body: request.body,
    isBase64Encoded: false,
  };
}
