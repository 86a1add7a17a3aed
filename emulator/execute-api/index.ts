// API Gateway serving (execute-api) on the emulator's own listener, at
// `/restapis/{id}/{stage}/_user_request_/{path}`: picks the stage's primary or canary side
// (percentTraffic), matches the side's deployed OpenAPI, builds the REST v1 proxy event,
// resolves `${stageVariables.*}` in the aws_proxy URI, checks the function's resource policy,
// invokes it through the code runner and maps the result, with API Gateway's own answers for
// everything that goes wrong. Every request is recorded in `calls` as service `execute-api`,
// and every request to a stage that exists in CloudWatch's AWS/ApiGateway metrics.
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../core/calls.js';
import type { Faults } from '../core/faults.js';
import type { Timers } from '../core/timers.js';
import type { RawRoute } from '../http/server.js';
import { header, type EmuRequest } from '../http/types.js';
import type { ApiGatewayStore, RestApiRecord, StageRecord } from '../services/apigateway/store.js';
import type { ApiRequestListener } from '../services/cloudwatch/metrics.js';
import type { LambdaInvoker } from '../services/lambda/invoke.js';
import type { FunctionRef } from '../services/lambda/names.js';
import type { LambdaStore } from '../services/lambda/store.js';
import { apiMayInvoke, executeApiSourceArn, lambdaTarget } from './integration.js';
import { invokeIntegration } from './invoke.js';
import { EXECUTE_API_PATH } from './local-url.js';
import { buildProxyEvent } from './proxy-event.js';
import {
  badGateway,
  forbidden,
  internalError,
  missingAuthenticationToken,
  unknownApi,
  type GatewayAnswer,
} from './responses.js';
import { matchRoute, type Integration, type MatchedRoute } from './routes.js';

export interface ExecuteApiOptions {
  /** API Gateway's integration timeout (29 s); a shorter one makes 504s testable. */
  integrationTimeoutMs?: number;
}

export interface ExecuteApiDeps {
  region: string;
  apigateway: ApiGatewayStore;
  lambda: LambdaStore;
  invoker: LambdaInvoker;
  faults: Faults;
  timers: Timers;
  calls: CallRecord[];
  startedAt: number;
  log: (line: string) => void;
  /** CloudWatch's hook for the AWS/ApiGateway metrics. */
  onRequest?: ApiRequestListener;
}

/** API Gateway's default and maximum integration timeout for REST APIs. */
const INTEGRATION_TIMEOUT_MS = 29_000;

interface Side {
  canary: boolean;
  deploymentId: string;
  variables: Record<string, string>;
}

/** Each request goes to the canary with probability percentTraffic / 100. */
function chooseSide(stage: StageRecord): Side {
  const c = stage.canarySettings;
  if (c && c.percentTraffic > 0 && Math.random() * 100 < c.percentTraffic) {
    return {
      canary: true,
      deploymentId: c.deploymentId,
      variables: { ...stage.variables, ...c.stageVariableOverrides },
    };
  }
  return { canary: false, deploymentId: stage.deploymentId, variables: stage.variables };
}

function binaryMediaTypes(api: RestApiRecord, definition: unknown): string[] {
  const fromDefinition = (definition as Record<string, unknown> | undefined)?.[
    'x-amazon-apigateway-binary-media-types'
  ];
  return [...api.binaryMediaTypes, ...(Array.isArray(fromDefinition) ? fromDefinition.map(String) : [])];
}

export function executeApiRoute(deps: ExecuteApiDeps, options: ExecuteApiOptions = {}): RawRoute {
  return async (req) => {
    const m = EXECUTE_API_PATH.exec(req.rawPath);
    if (!m) return undefined;
    const requestId = randomUUID();
    const arrivedAt = Date.now();
    const { answer, operation, reason } = await serve(
      deps,
      options,
      req,
      requestId,
      m[1]!,
      m[2]!,
      m[3] ?? '/',
    );
    deps.calls.push({
      service: 'execute-api',
      operation,
      statusCode: answer.response.status,
      errorCode: answer.errorType,
      at: Date.now() - deps.startedAt,
      ...(reason !== undefined ? { reason } : {}),
    });
    // API Gateway publishes metrics per API and stage: a request to neither has none.
    const api = deps.apigateway.apis.get(m[1]!);
    if (api?.stages.has(m[2]!)) {
      deps.onRequest?.({
        restApiId: api.id,
        apiName: api.name,
        stage: m[2]!,
        at: arrivedAt,
        status: answer.response.status,
        latencyMs: Date.now() - arrivedAt,
      });
    }
    return answer.response;
  };
}

type Served = { answer: GatewayAnswer; operation: string; reason?: string };

interface Routed {
  api: RestApiRecord;
  side: Side;
  definition: unknown;
  route: MatchedRoute;
}

/** The stage's side for this request and the deployed route it matches, or API Gateway's refusal. */
function findRoute(
  deps: ExecuteApiDeps,
  req: EmuRequest,
  requestId: string,
  apiId: string,
  stageName: string,
  rawPath: string,
): Routed | { answer: GatewayAnswer } {
  const api = deps.apigateway.apis.get(apiId);
  if (!api) return { answer: unknownApi(requestId, apiId) };
  const stage = api.stages.get(stageName);
  if (!stage) return { answer: forbidden(requestId) };
  const side = chooseSide(stage);
  const definition = api.deployments.get(side.deploymentId)?.definition;
  const route = matchRoute(definition, req.method, rawPath);
  if (!route) return { answer: missingAuthenticationToken(requestId) };
  return { api, side, definition, route };
}

/** The aws_proxy integration's function, if this API may invoke it; else why not. */
function integrationTarget(
  deps: ExecuteApiDeps,
  route: MatchedRoute,
  side: Side,
  apiId: string,
  stageName: string,
): { ok: true; ref: FunctionRef; integration: Integration } | { ok: false; reason: string } {
  const integration = route.integration;
  if (integration?.type?.toLowerCase() !== 'aws_proxy') {
    return {
      ok: false,
      reason: `Execution failed: the local emulator serves aws_proxy (Lambda proxy) integrations only, not ${integration?.type ?? 'a method without integration'}.`,
    };
  }
  const target = lambdaTarget(integration.uri, side.variables);
  if (!target.ok)
    return { ok: false, reason: `Execution failed due to configuration error: ${target.reason}` };
  const fn = deps.lambda.functions.get(target.ref.name);
  const sourceArn = executeApiSourceArn(deps.region, apiId, stageName, route.method, route.resource);
  if (!fn || !apiMayInvoke(fn, target.ref.qualifier, sourceArn)) {
    return {
      ok: false,
      reason: `Execution failed due to configuration error: Invalid permissions on Lambda function (${target.ref.name}${target.ref.qualifier ? `:${target.ref.qualifier}` : ''} allows no invocation from ${sourceArn})`,
    };
  }
  return { ok: true, ref: target.ref, integration };
}

async function serve(
  deps: ExecuteApiDeps,
  options: ExecuteApiOptions,
  req: EmuRequest,
  requestId: string,
  apiId: string,
  stageName: string,
  rawPath: string,
): Promise<Served> {
  const found = findRoute(deps, req, requestId, apiId, stageName, rawPath);
  if ('answer' in found) return { answer: found.answer, operation: `${req.method} ${rawPath}` };
  const { api, side, definition, route } = found;
  const operation = `${req.method} ${route.resource}`;
  const fail = (reason: string, answer = internalError(requestId)): Served => {
    deps.log(`[emulator] execute-api ${apiId}/${stageName} ${operation}: ${reason}`);
    return { answer, operation, reason };
  };
  const target = integrationTarget(deps, route, side, apiId, stageName);
  if (!target.ok) return fail(target.reason);

  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const types = binaryMediaTypes(api, definition);
  const event = buildProxyEvent({
    req,
    apiId,
    stage: stageName,
    deploymentId: side.deploymentId,
    region: deps.region,
    path,
    route,
    stageVariables: side.variables,
    requestId,
    binaryMediaTypes: types,
    nowMs: Date.now(),
  });

  if (side.canary && deps.faults.takeCanaryError(apiId, stageName)) {
    return fail(
      'Lambda execution failed with status 200 due to customer function error: Injected fault: canaryErrors',
      badGateway(requestId),
    );
  }
  const timeoutMs = Math.min(
    options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
    target.integration.timeoutInMillis ?? INTEGRATION_TIMEOUT_MS,
  );
  const outcome = await invokeIntegration(deps, target.ref, event, timeoutMs, {
    requestId,
    accept: header(req, 'accept'),
    binaryMediaTypes: types,
  });
  return 'failure' in outcome ? fail(outcome.failure, outcome.answer) : { answer: outcome, operation };
}
