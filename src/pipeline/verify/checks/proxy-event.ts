// A user's check request as the REST stage would hand it to the function: the webhook's proxy
// event (same stage context, same headers API Gateway adds), with the query string, the matched
// route's `resource` and the path parameters a user's app routes on.
import type { CheckRequestSpec } from '../../../config/checks-file.js';
import { toProxyEvent, type ApiGatewayProxyEvent, type StageContext } from '../../webhook/proxy-event.js';
import type { WebhookRequest } from '../../webhook/request.js';
import type { RouteMatch } from './routes.js';

export type CheckProxyEvent = Omit<
  ApiGatewayProxyEvent,
  'queryStringParameters' | 'multiValueQueryStringParameters' | 'pathParameters'
> & {
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
};

/** The body as sent: a string as it is, anything else as JSON; absent, no body. */
export function bodyText(spec: CheckRequestSpec): string | null {
  if (spec.body === undefined || spec.body === null) return null;
  return typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
}

export function checkProxyEvent(
  spec: CheckRequestSpec,
  stage: StageContext,
  route: RouteMatch,
  options: { nowMs?: number } = {},
): CheckProxyEvent {
  // The webhook builder types its methods narrowly; every field it sets applies to any method.
  const request = {
    method: spec.method,
    path: spec.path,
    headers: spec.headers ?? {},
    body: bodyText(spec),
  } as unknown as WebhookRequest;
  const base = toProxyEvent(request, stage, options);
  const query = spec.query && Object.keys(spec.query).length > 0 ? { ...spec.query } : null;
  return {
    ...base,
    resource: route.resource,
    queryStringParameters: query,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: route.pathParameters ? { ...route.pathParameters } : null,
    requestContext: { ...base.requestContext, resourcePath: route.resource },
  };
}

/** One line naming the request for reports: `POST /orders?x=1`. */
export function describeCheckRequest(spec: CheckRequestSpec): string {
  const query = spec.query ? new URLSearchParams(spec.query).toString() : '';
  return `${spec.method} ${spec.path}${query ? `?${query}` : ''}`;
}
