// API Gateway management over REST-JSON: REST APIs, deployments (with canary settings) and
// stages. Serving requests on deployed stages is execute-api's (emulator/execute-api).
import { AwsError } from '../../errors.js';
import { restJsonService, type RestJsonCall, type RestJsonOperation } from '../../http/rest-json-service.js';
import type { EmuRequest, ServiceHandler } from '../../http/types.js';
import { createDeployment, type CreateDeploymentInput } from './deployments.js';
import { apiGatewayResources } from './iam-resources.js';
import { KNOWN, ROUTES } from './routes.js';
import { deploymentShape, restApiShape, stageShape } from './shapes.js';
import { patchStage, type PatchOperation } from './stage-patch.js';
import type { ApiGatewayStore } from './store.js';

export { stageShape } from './shapes.js';

/** position/limit pagination as API Gateway's list operations do it. */
function page<T>(items: T[], req: EmuRequest): { item: T[]; position?: string } {
  const start = Number(req.query.get('position') ?? 0) || 0;
  const limit = Math.min(Number(req.query.get('limit') ?? 25) || 25, 500);
  return {
    item: items.slice(start, start + limit),
    position: start + limit < items.length ? String(start + limit) : undefined,
  };
}

const apiOf = (store: ApiGatewayStore, { params }: RestJsonCall) => store.getApi(params.restApiId!);

const OPERATIONS: Record<string, RestJsonOperation<ApiGatewayStore>> = {
  GetRestApis: (store, { req, ok }) => ok(200, page([...store.apis.values()].map(restApiShape), req)),
  GetRestApi: (store, call) => call.ok(200, restApiShape(apiOf(store, call))),
  GetStages: (store, call) => {
    const a = apiOf(store, call);
    const dep = call.req.query.get('deploymentId');
    return call.ok(200, {
      item: [...a.stages.values()].filter((s) => !dep || s.deploymentId === dep).map(stageShape),
    });
  },
  GetStage: (store, call) =>
    call.ok(200, stageShape(store.getStage(apiOf(store, call), call.params.stageName!))),
  UpdateStage: (store, call) => {
    const a = apiOf(store, call);
    const stage = store.getStage(a, call.params.stageName!);
    const ops = call.body<{ patchOperations?: PatchOperation[] }>().patchOperations ?? [];
    return call.ok(200, stageShape(patchStage(store, a, stage, ops)));
  },
  CreateDeployment: (store, call) =>
    call.ok(
      201,
      deploymentShape(createDeployment(store, apiOf(store, call), call.body<CreateDeploymentInput>())),
    ),
  GetDeployments: (store, call) =>
    call.ok(200, page([...apiOf(store, call).deployments.values()].map(deploymentShape), call.req)),
  GetDeployment: (store, call) =>
    call.ok(200, deploymentShape(store.getDeployment(apiOf(store, call), call.params.deploymentId!))),
};

export function apiGatewayService(store: ApiGatewayStore): ServiceHandler {
  return restJsonService({
    name: 'apigateway',
    routes: ROUTES,
    known: KNOWN,
    operations: OPERATIONS,
    context: store,
    resources: apiGatewayResources,
    throttleError: () =>
      new AwsError('TooManyRequestsException', 'Too Many Requests', 429, { retryAfterSeconds: '1' }),
    unknownOperation: (op) =>
      new AwsError(
        'UnknownOperationException',
        `The local emulator does not implement API Gateway operation ${op}.`,
      ),
  });
}
