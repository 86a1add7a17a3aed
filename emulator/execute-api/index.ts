// API Gateway serving (execute-api) on the emulator's own listener, at
// `/restapis/{id}/{stage}/_user_request_/{path}`: picks the stage's primary or canary side
// (percentTraffic), matches the side's deployed OpenAPI, builds the REST v1 proxy event,
// resolves `${stageVariables.*}` in the aws_proxy URI, checks the function's resource policy,
// invokes it through the code runner and maps the result, with API Gateway's own answers for
// everything that goes wrong. Every request is recorded in `calls` as service `execute-api`.
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../core/calls.js';
import type { Faults } from '../core/faults.js';
import type { Timers } from '../core/timers.js';
import { AwsError } from '../errors.js';
import type { RawRoute } from '../http/server.js';
import { header, type EmuRequest } from '../http/types.js';
import type { ApiGatewayStore, RestApiRecord, StageRecord } from '../services/apigateway/store.js';
import type { LambdaInvoker } from '../services/lambda/invoke.js';
import type { LambdaStore } from '../services/lambda/store.js';
import { apiMayInvoke, executeApiSourceArn, lambdaTarget } from './integration.js';
import { EXECUTE_API_PATH } from './local-url.js';
import { buildProxyEvent } from './proxy-event.js';
import {
  badGateway,
  forbidden,
  integrationTimeout,
  internalError,
  mapProxyResult,
  missingAuthenticationToken,
  unknownApi,
  type GatewayAnswer,
} from './responses.js';
import { matchRoute } from './routes.js';

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
}

/** API Gateway's default and maximum integration timeout for REST APIs. */
export const INTEGRATION_TIMEOUT_MS = 29_000;

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
    const { answer, operation } = await serve(deps, options, req, requestId, m[1]!, m[2]!, m[3] ?? '/');
    deps.calls.push({
      service: 'execute-api',
      operation,
      statusCode: answer.response.status,
      errorCode: answer.errorType,
      at: Date.now() - deps.startedAt,
    });
    return answer.response;
  };
}

async function serve(
  deps: ExecuteApiDeps,
  options: ExecuteApiOptions,
  req: EmuRequest,
  requestId: string,
  apiId: string,
  stageName: string,
  rawPath: string,
): Promise<{ answer: GatewayAnswer; operation: string }> {
  let operation = `${req.method} ${rawPath}`;
  const api = deps.apigateway.apis.get(apiId);
  if (!api) return { answer: unknownApi(requestId, apiId), operation };
  const stage = api.stages.get(stageName);
  if (!stage) return { answer: forbidden(requestId), operation };
  const side = chooseSide(stage);
  const definition = api.deployments.get(side.deploymentId)?.definition;
  const route = matchRoute(definition, req.method, rawPath);
  if (!route) return { answer: missingAuthenticationToken(requestId), operation };
  operation = `${req.method} ${route.resource}`;
  const fail = (reason: string, answer = internalError(requestId)) => {
    deps.log(`[emulator] execute-api ${apiId}/${stageName} ${operation}: ${reason}`);
    return { answer, operation };
  };

  const integration = route.integration;
  if (integration?.type?.toLowerCase() !== 'aws_proxy') {
    return fail(
      `Execution failed: the local emulator serves aws_proxy (Lambda proxy) integrations only, not ${integration?.type ?? 'a method without integration'}.`,
    );
  }
  const target = lambdaTarget(integration.uri, side.variables);
  if (!target.ok) return fail(`Execution failed due to configuration error: ${target.reason}`);
  const fn = deps.lambda.functions.get(target.ref.name);
  const sourceArn = executeApiSourceArn(deps.region, apiId, stageName, route.method, route.resource);
  if (!fn || !apiMayInvoke(fn, target.ref.qualifier, sourceArn)) {
    return fail(
      `Execution failed due to configuration error: Invalid permissions on Lambda function (${target.ref.name}${target.ref.qualifier ? `:${target.ref.qualifier}` : ''} allows no invocation from ${sourceArn})`,
    );
  }

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
    integration.timeoutInMillis ?? INTEGRATION_TIMEOUT_MS,
  );
  const invocation = deps.invoker.invoke({
    functionName: target.ref.name,
    qualifier: target.ref.qualifier,
    payload: Buffer.from(JSON.stringify(event)),
    requestId: randomUUID(),
  });
  let cancelTimer = () => {};
  const timeout = new Promise<'timeout'>((resolve) => {
    cancelTimer = deps.timers.after(timeoutMs, () => resolve('timeout'));
  });
  let result;
  try {
    result = await Promise.race([invocation, timeout]);
  } catch (e) {
    // Lambda refused the call (throttled, not Active, no such version): API Gateway's 500.
    const why = e instanceof AwsError ? `${e.code}: ${e.message}` : String(e);
    return fail(`Lambda invocation failed: ${why}`);
  } finally {
    cancelTimer();
  }
  if (result === 'timeout') {
    invocation.catch(() => undefined); // the function keeps running, as in Lambda
    return fail(`Execution failed due to a timeout error (${timeoutMs} ms)`, integrationTimeout(requestId));
  }
  if (result.functionError) {
    return fail(
      `Lambda execution failed with status 200 due to customer function error: ${result.payload.toString('utf8').slice(0, 300)}`,
      badGateway(requestId),
    );
  }
  const response = mapProxyResult(result.payload, requestId, header(req, 'accept'), types);
  if (!response) {
    return fail(
      `Execution failed due to configuration error: Malformed Lambda proxy response: ${result.payload.toString('utf8').slice(0, 300)}`,
      badGateway(requestId),
    );
  }
  return { answer: { response }, operation };
}
