// API Gateway management over REST-JSON: REST APIs, deployments (with canary settings) and
// stages. Serving requests (execute-api) comes with the code runner in part 2.
import { AwsError } from '../../errors.js';
import { jsonResponse } from '../../http/protocols.js';
import { RestRouter } from '../../http/rest-router.js';
import type { EmuRequest, EmuResponse, ServiceHandler } from '../../http/types.js';
import { patchStage, type PatchOperation } from './stage-patch.js';
import {
  badRequest,
  type ApiGatewayStore,
  type CanarySettings,
  type DeploymentRecord,
  type RestApiRecord,
  type StageRecord,
} from './store.js';

const ROUTES = new RestRouter()
  .add('GET', '/restapis', 'GetRestApis')
  .add('GET', '/restapis/{restApiId}', 'GetRestApi')
  .add('GET', '/restapis/{restApiId}/stages', 'GetStages')
  .add('GET', '/restapis/{restApiId}/stages/{stageName}', 'GetStage')
  .add('PATCH', '/restapis/{restApiId}/stages/{stageName}', 'UpdateStage')
  .add('POST', '/restapis/{restApiId}/deployments', 'CreateDeployment')
  .add('GET', '/restapis/{restApiId}/deployments', 'GetDeployments')
  .add('GET', '/restapis/{restApiId}/deployments/{deploymentId}', 'GetDeployment');

/** Operations the emulator does not implement, named so their error says what was asked. */
const KNOWN = new RestRouter()
  .add('POST', '/restapis', 'CreateRestApi')
  .add('PUT', '/restapis/{restApiId}', 'PutRestApi')
  .add('PATCH', '/restapis/{restApiId}', 'UpdateRestApi')
  .add('DELETE', '/restapis/{restApiId}', 'DeleteRestApi')
  .add('POST', '/restapis/{restApiId}/stages', 'CreateStage')
  .add('DELETE', '/restapis/{restApiId}/stages/{stageName}', 'DeleteStage')
  .add('DELETE', '/restapis/{restApiId}/deployments/{deploymentId}', 'DeleteDeployment')
  .add('PATCH', '/restapis/{restApiId}/deployments/{deploymentId}', 'UpdateDeployment')
  .add('GET', '/restapis/{restApiId}/resources', 'GetResources')
  .add('GET', '/restapis/{restApiId}/stages/{stageName}/exports/{exportType}', 'GetExport')
  .add('GET', '/apikeys', 'GetApiKeys')
  .add('GET', '/account', 'GetAccount');

const epoch = (d: Date): number => Math.floor(d.getTime() / 1000);

export const restApiShape = (a: RestApiRecord) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  createdDate: epoch(a.createdDate),
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: a.endpointTypes },
  binaryMediaTypes: a.binaryMediaTypes.length ? a.binaryMediaTypes : undefined,
  disableExecuteApiEndpoint: false,
  rootResourceId: a.rootResourceId,
  tags: Object.keys(a.tags).length ? a.tags : undefined,
});

const canaryShape = (c: CanarySettings) => ({
  percentTraffic: c.percentTraffic,
  deploymentId: c.deploymentId,
  stageVariableOverrides: Object.keys(c.stageVariableOverrides).length ? c.stageVariableOverrides : undefined,
  useStageCache: c.useStageCache,
});

export const stageShape = (s: StageRecord) => ({
  deploymentId: s.deploymentId,
  stageName: s.stageName,
  description: s.description,
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE',
  methodSettings: s.methodSettings,
  variables: Object.keys(s.variables).length ? s.variables : undefined,
  tracingEnabled: s.tracingEnabled,
  canarySettings: s.canarySettings ? canaryShape(s.canarySettings) : undefined,
  createdDate: epoch(s.createdDate),
  lastUpdatedDate: epoch(s.lastUpdatedDate),
  tags: Object.keys(s.tags).length ? s.tags : undefined,
});

const deploymentShape = (d: DeploymentRecord) => ({
  id: d.id,
  description: d.description,
  createdDate: epoch(d.createdDate),
});

function page<T>(items: T[], req: EmuRequest): { item: T[]; position?: string } {
  const start = Number(req.query.get('position') ?? 0) || 0;
  const limit = Math.min(Number(req.query.get('limit') ?? 25) || 25, 500);
  return {
    item: items.slice(start, start + limit),
    position: start + limit < items.length ? String(start + limit) : undefined,
  };
}

function body<T>(req: EmuRequest): T {
  if (req.body.length === 0) return {} as T;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON.');
  }
}

interface CreateDeploymentInput {
  stageName?: string;
  stageDescription?: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: {
    percentTraffic?: number;
    stageVariableOverrides?: Record<string, string>;
    useStageCache?: boolean;
  };
}

function createDeployment(
  store: ApiGatewayStore,
  api: RestApiRecord,
  input: CreateDeploymentInput,
): DeploymentRecord {
  if (input.canarySettings) {
    if (!input.stageName) throw badRequest('A stage name is required to deploy a canary.');
    const stage = store.getStage(api, input.stageName);
    const d = store.createDeployment(api, input.description);
    patchStage(store, api, stage, [
      { op: 'replace', path: '/canarySettings/deploymentId', value: d.id },
      {
        op: 'replace',
        path: '/canarySettings/percentTraffic',
        value: String(input.canarySettings.percentTraffic ?? 0),
      },
      ...Object.entries(input.canarySettings.stageVariableOverrides ?? {}).map(([k, v]) => ({
        op: 'replace',
        path: `/canarySettings/stageVariableOverrides/${k}`,
        value: v,
      })),
    ]);
    return d;
  }
  const d = store.createDeployment(api, input.description);
  if (input.stageName) {
    const existing = api.stages.get(input.stageName);
    if (existing) {
      patchStage(store, api, existing, [
        { op: 'replace', path: '/deploymentId', value: d.id },
        ...Object.entries(input.variables ?? {}).map(([k, v]) => ({
          op: 'replace',
          path: `/variables/${k}`,
          value: v,
        })),
      ]);
    } else {
      store.createStage(api, {
        stageName: input.stageName,
        deploymentId: d.id,
        description: input.stageDescription,
        variables: input.variables,
      });
    }
  }
  return d;
}

export function apiGatewayService(store: ApiGatewayStore): ServiceHandler {
  return {
    name: 'apigateway',
    protocol: 'rest-json',
    operation: (req) =>
      ROUTES.match(req.method, req.rawPath)?.operation ??
      KNOWN.match(req.method, req.rawPath)?.operation ??
      `${req.method} ${req.rawPath}`,
    throttleError: () =>
      new AwsError('TooManyRequestsException', 'Too Many Requests', 429, { retryAfterSeconds: '1' }),
    unknownOperation: (op) =>
      new AwsError(
        'UnknownOperationException',
        `The local emulator does not implement API Gateway operation ${op}.`,
      ),
    async handle(req, operation): Promise<EmuResponse> {
      const route = ROUTES.match(req.method, req.rawPath);
      if (!route) throw this.unknownOperation(operation, req);
      const p = route.params;
      const ok = (status: number, out: unknown) => jsonResponse(status, out, req.requestId);
      const api = () => store.getApi(p.restApiId!);
      switch (operation) {
        case 'GetRestApis':
          return ok(200, page([...store.apis.values()].map(restApiShape), req));
        case 'GetRestApi':
          return ok(200, restApiShape(api()));
        case 'GetStages': {
          const a = api();
          const dep = req.query.get('deploymentId');
          return ok(200, {
            item: [...a.stages.values()].filter((s) => !dep || s.deploymentId === dep).map(stageShape),
          });
        }
        case 'GetStage':
          return ok(200, stageShape(store.getStage(api(), p.stageName!)));
        case 'UpdateStage': {
          const a = api();
          const stage = store.getStage(a, p.stageName!);
          const ops = body<{ patchOperations?: PatchOperation[] }>(req).patchOperations ?? [];
          return ok(200, stageShape(patchStage(store, a, stage, ops)));
        }
        case 'CreateDeployment':
          return ok(201, deploymentShape(createDeployment(store, api(), body<CreateDeploymentInput>(req))));
        case 'GetDeployments':
          return ok(200, page([...api().deployments.values()].map(deploymentShape), req));
        case 'GetDeployment':
          return ok(200, deploymentShape(store.getDeployment(api(), p.deploymentId!)));
        default:
          throw this.unknownOperation(operation, req);
      }
    },
  };
}
