// The REST API (v1) Lambda proxy event, field for field as API Gateway's aws_proxy
// integration sends it: headers (original case) and multiValueHeaders, query strings in both
// forms, path parameters, stage variables, and the request context naming the API, stage,
// resource and caller. Absent values are null, as API Gateway writes them.
import { createHash, randomBytes } from 'node:crypto';
import { ACCOUNT_ID } from '../core/ids.js';
import type { EmuRequest } from '../http/types.js';
import type { MatchedRoute } from './routes.js';

export interface ProxyEventInput {
  req: EmuRequest;
  apiId: string;
  stage: string;
  deploymentId: string;
  region: string;
  /** The request path below the stage, decoded, with its leading slash. */
  path: string;
  route: MatchedRoute;
  stageVariables: Record<string, string>;
  requestId: string;
  binaryMediaTypes: string[];
  nowMs: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** Whether a media type (`image/png; q=1`) is one of the API's binary types (`image/*`, `*\/*`). */
export function isBinaryMediaType(mediaType: string | undefined, binaryTypes: string[]): boolean {
  const mime = mediaType?.split(';')[0]?.trim().toLowerCase();
  if (!mime) return false;
  const [type] = mime.split('/');
  return binaryTypes.some((b) => {
    const t = b.toLowerCase();
    return t === '*/*' || t === mime || t === `${type}/*`;
  });
}

/** API Gateway's ids look like base64 fragments (`resourceId` 6 chars, `extendedRequestId` 16). */
const apigwId = (length: number) => randomBytes(length).toString('base64url').slice(0, length);

function headerMaps(req: EmuRequest, forced: Record<string, string>) {
  const pairs: [string, string][] = [];
  const raw = req.rawHeaders ?? [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const forcedLower = new Set(Object.keys(forced).map((k) => k.toLowerCase()));
  const kept = pairs.filter(
    ([name]) => !HOP_BY_HOP.has(name.toLowerCase()) && !forcedLower.has(name.toLowerCase()),
  );
  for (const [name, value] of [...kept, ...Object.entries(forced)]) {
    headers[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { headers, multi };
}

function queryMaps(query: URLSearchParams) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of query) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  return Object.keys(single).length ? { single, multi } : { single: null, multi: null };
}

export function buildProxyEvent(input: ProxyEventInput): Record<string, unknown> {
  const { req, apiId, stage, region, route, nowMs, requestId } = input;
  const domainName = `${apiId}.execute-api.${region}.amazonaws.com`;
  const sourceIp = (req.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const traceId = `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  // What API Gateway sets in front of the caller's own headers.
  const { headers, multi } = headerMaps(req, {
    Host: domainName,
    'X-Amzn-Trace-Id': traceId,
    'X-Forwarded-For': sourceIp,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
  });
  const query = queryMaps(req.query);
  const contentType = req.headers['content-type'];
  const binary = req.body.length > 0 && isBinaryMediaType(contentType, input.binaryMediaTypes);
  const userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null;
  return {
    resource: route.resource,
    path: input.path,
    httpMethod: req.method,
    headers,
    multiValueHeaders: multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: route.pathParameters,
    stageVariables: Object.keys(input.stageVariables).length ? { ...input.stageVariables } : null,
    requestContext: {
      resourceId: createHash('sha256').update(route.resource).digest('hex').slice(0, 6),
      resourcePath: route.resource,
      httpMethod: req.method,
      extendedRequestId: apigwId(16),
      requestTime: requestTime(nowMs),
      path: `/${stage}${input.path}`,
      accountId: ACCOUNT_ID,
      protocol: 'HTTP/1.1',
      stage,
      domainPrefix: apiId,
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
      domainName,
      deploymentId: input.deploymentId,
      apiId,
    },
    body: req.body.length === 0 ? null : req.body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
  };
}
