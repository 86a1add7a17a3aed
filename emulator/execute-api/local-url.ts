// The emulator's execute-api URL form, and the rewrite that makes a stack's API URL output
// (`https://{api}.execute-api.{region}.amazonaws.com/{stage}…`, which no machine here can
// resolve) point at it, so a deployed stack's `ApiUrl` works with a plain fetch.
import type { ApiGatewayStore } from '../services/apigateway/store.js';

/** `/restapis/{id}/{stage}/_user_request_/{path}` on the emulator's own listener. */
export const EXECUTE_API_PATH = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

export const localStageUrl = (endpoint: string, apiId: string, stage: string): string =>
  `${endpoint}/restapis/${apiId}/${stage}/_user_request_`;

const AWS_STAGE_URL =
  /^https:\/\/([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com\/([^/?#]+)(\/[^?#]*)?$/;

/**
 * The local form of an execute-api URL of an API this emulator holds; any other value is
 * returned unchanged (an API from another region or account, a URL without a stage).
 */
export function localizeExecuteApiUrl(
  value: string,
  endpoint: string,
  region: string,
  apis: ApiGatewayStore,
): string {
  const m = AWS_STAGE_URL.exec(value);
  if (!m || m[2] !== region || !apis.apis.has(m[1]!)) return value;
  return `${localStageUrl(endpoint, m[1]!, m[3]!)}${m[4] ?? ''}`;
}
