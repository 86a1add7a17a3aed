// API Gateway REST APIs, deployments and stages. A deployment snapshots the API's OpenAPI
// definition, so a stage keeps serving what was deployed even after the API changes.
import { AwsError } from '../../errors.js';
import { ACCOUNT_ID, randomId } from '../../core/ids.js';

export interface CanarySettings {
  percentTraffic: number;
  deploymentId: string;
  stageVariableOverrides: Record<string, string>;
  useStageCache: boolean;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables: Record<string, string>;
  canarySettings?: CanarySettings;
  methodSettings: Record<string, Record<string, unknown>>;
  tracingEnabled: boolean;
  createdDate: Date;
  lastUpdatedDate: Date;
  tags: Record<string, string>;
}

export interface DeploymentRecord {
  id: string;
  description?: string;
  createdDate: Date;
  /** The API definition as it was when this deployment was made. */
  definition: unknown;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description?: string;
  createdDate: Date;
  definition: unknown;
  endpointTypes: string[];
  binaryMediaTypes: string[];
  rootResourceId: string;
  deployments: Map<string, DeploymentRecord>;
  stages: Map<string, StageRecord>;
  tags: Record<string, string>;
}

const notFound = (message: string): AwsError => new AwsError('NotFoundException', message, 404);
export const badRequest = (message: string): AwsError => new AwsError('BadRequestException', message, 400);

export interface StageInput {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: Partial<CanarySettings>;
  tracingEnabled?: boolean;
  tags?: Record<string, string>;
}

const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

export function validateVariables(vars: Record<string, string>, where: string): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!VARIABLE_NAME.test(k)) {
      throw badRequest(`Stage variable name '${k}' in ${where} must match [A-Za-z0-9_]+.`);
    }
    if (!VARIABLE_VALUE.test(String(v))) {
      throw badRequest(
        `Stage variable value '${v}' for '${k}' in ${where} must match [A-Za-z0-9-._~:/?#&=,]+.`,
      );
    }
  }
}

export class ApiGatewayStore {
  readonly apis = new Map<string, RestApiRecord>();

  getApi(id: string): RestApiRecord {
    const api = this.apis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${ACCOUNT_ID}:${id}`);
    return api;
  }

  getStage(api: RestApiRecord, name: string): StageRecord {
    const stage = api.stages.get(name);
    if (!stage) throw notFound('Invalid Stage identifier specified');
    return stage;
  }

  getDeployment(api: RestApiRecord, id: string): DeploymentRecord {
    const d = api.deployments.get(id);
    if (!d) throw notFound('Invalid Deployment identifier specified');
    return d;
  }

  createRestApi(input: {
    name?: string;
    description?: string;
    definition?: unknown;
    endpointTypes?: string[];
    binaryMediaTypes?: string[];
    tags?: Record<string, string>;
  }): RestApiRecord {
    const title = (input.definition as { info?: { title?: string } } | undefined)?.info?.title;
    const name = input.name ?? title;
    if (!name)
      throw badRequest(
        'Invalid REST API name specified: a name or a definition with info.title is required.',
      );
    const api: RestApiRecord = {
      id: randomId(10),
      name,
      description: input.description,
      createdDate: new Date(),
      definition: input.definition,
      endpointTypes: input.endpointTypes ?? ['EDGE'],
      binaryMediaTypes: input.binaryMediaTypes ?? [],
      rootResourceId: randomId(10),
      deployments: new Map(),
      stages: new Map(),
      tags: input.tags ?? {},
    };
    this.apis.set(api.id, api);
    return api;
  }

  deleteRestApi(id: string): void {
    this.getApi(id);
    this.apis.delete(id);
  }

  createDeployment(api: RestApiRecord, description?: string): DeploymentRecord {
    const d: DeploymentRecord = {
      id: randomId(6),
      description,
      createdDate: new Date(),
      definition: structuredClone(api.definition),
    };
    api.deployments.set(d.id, d);
    return d;
  }

  deleteDeployment(api: RestApiRecord, id: string): void {
    this.getDeployment(api, id);
    const users = [...api.stages.values()].filter(
      (s) => s.deploymentId === id || s.canarySettings?.deploymentId === id,
    );
    if (users.length) throw badRequest('Active stages pointing to this deployment must be moved or deleted');
    api.deployments.delete(id);
  }

  createStage(api: RestApiRecord, input: StageInput): StageRecord {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(input.stageName)) {
      throw badRequest(`Stage name only allows a-zA-Z0-9_- (got '${input.stageName}')`);
    }
    if (api.stages.has(input.stageName)) throw new AwsError('ConflictException', 'Stage already exists', 409);
    this.getDeployment(api, input.deploymentId);
    const stage = this.buildStage(api, input, new Date());
    api.stages.set(stage.stageName, stage);
    return stage;
  }

  /** Replaces a stage's settings (CloudFormation updates the whole Stage resource). */
  replaceStage(api: RestApiRecord, input: StageInput): StageRecord {
    const existing = this.getStage(api, input.stageName);
    this.getDeployment(api, input.deploymentId);
    const stage = this.buildStage(api, input, existing.createdDate);
    api.stages.set(stage.stageName, stage);
    return stage;
  }

  private buildStage(api: RestApiRecord, input: StageInput, createdDate: Date): StageRecord {
    const variables = { ...(input.variables ?? {}) };
    validateVariables(variables, 'variables');
    let canary: CanarySettings | undefined;
    if (input.canarySettings) {
      const overrides = { ...(input.canarySettings.stageVariableOverrides ?? {}) };
      validateVariables(overrides, 'canarySettings.stageVariableOverrides');
      const deploymentId = input.canarySettings.deploymentId ?? input.deploymentId;
      this.getDeployment(api, deploymentId);
      canary = {
        percentTraffic: checkPercent(input.canarySettings.percentTraffic ?? 0),
        deploymentId,
        stageVariableOverrides: overrides,
        useStageCache: input.canarySettings.useStageCache ?? false,
      };
    }
    return {
      stageName: input.stageName,
      deploymentId: input.deploymentId,
      description: input.description,
      variables,
      canarySettings: canary,
      methodSettings: {},
      tracingEnabled: input.tracingEnabled ?? false,
      createdDate,
      lastUpdatedDate: new Date(),
      tags: input.tags ?? {},
    };
  }

  deleteStage(api: RestApiRecord, name: string): void {
    this.getStage(api, name);
    api.stages.delete(name);
  }
}

export function checkPercent(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw badRequest(`Invalid percentTraffic value ${String(value)}: it must be between 0.0 and 100.0.`);
  }
  return n;
}
