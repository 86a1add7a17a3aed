// The resource each API Gateway request is authorized against, for the call log. API Gateway's
// IAM resources are the request paths themselves (arn:aws:apigateway:<region>::/restapis/<id>/…),
// and for attribute-based access control a child of a REST API inherits the API's tags, a
// stage's own tags winning ("API Gateway resources that can be tagged", API Gateway guide).
import type { CallResource } from '../../core/calls.js';
import { PARTITION } from '../../core/ids.js';
import type { ResourceCall } from '../../http/rest-json-service.js';
import type { ApiGatewayStore } from './store.js';

/** The tags ABAC sees on a REST API's child (a stage's own over the API's), or undefined. */
export function inheritedTags(
  store: ApiGatewayStore,
  restApiId: string,
  stageName?: string,
): Record<string, string> | undefined {
  const api = store.apis.get(restApiId);
  if (!api) return undefined;
  const stage = stageName === undefined ? undefined : api.stages.get(stageName);
  return { ...api.tags, ...stage?.tags };
}

export function apiGatewayResources(store: ApiGatewayStore, { req, params }: ResourceCall): CallResource[] {
  const arn = `arn:${PARTITION}:apigateway:${req.region}::${decodeURIComponent(req.rawPath)}`;
  const tags =
    params.restApiId === undefined ? undefined : inheritedTags(store, params.restApiId, params.stageName);
  return [{ arn, ...(tags ? { tags } : {}) }];
}
