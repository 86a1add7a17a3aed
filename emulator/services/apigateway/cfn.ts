// AWS::ApiGateway::RestApi, ::Deployment and ::Stage through the API Gateway store: the
// CloudFormation resource types this service provisions, for CloudFormation's registry.
import YAML from 'yaml';
import { AwsError } from '../../errors.js';
import {
  num,
  tagMap,
  type ProviderContext,
  type Props,
  type ResourceProvider,
} from '../cloudformation/providers/types.js';
import type { StageInput } from './store.js';

async function definitionOf(ctx: ProviderContext, props: Props): Promise<unknown> {
  let body: unknown = props.Body;
  if (body === undefined && props.BodyS3Location) {
    const loc = props.BodyS3Location;
    const raw = await ctx.services.s3.getObject(String(loc.Bucket), String(loc.Key), loc.Version);
    body = raw.toString('utf8');
  }
  if (typeof body === 'string') {
    try {
      body = body.trimStart().startsWith('{') ? JSON.parse(body) : YAML.parse(body);
    } catch (e) {
      throw new AwsError('BadRequestException', `Invalid OpenAPI input: ${(e as Error).message}`);
    }
  }
  if (body !== undefined) {
    const doc = body as { openapi?: unknown; swagger?: unknown; paths?: unknown };
    if (!doc || typeof doc !== 'object' || (doc.openapi === undefined && doc.swagger === undefined)) {
      throw new AwsError(
        'BadRequestException',
        "Invalid OpenAPI input: the definition needs an 'openapi' or 'swagger' version field.",
      );
    }
  }
  return body;
}

const restApi: ResourceProvider = {
  replaceOn: [],
  attributes: ['RootResourceId', 'RestApiId'],
  async create(ctx, props) {
    const store = ctx.services.apigateway;
    const api = store.createRestApi({
      name: props.Name,
      description: props.Description,
      definition: await definitionOf(ctx, props),
      endpointTypes: props.EndpointConfiguration?.Types,
      binaryMediaTypes: props.BinaryMediaTypes,
      tags: tagMap(props.Tags),
    });
    return { physicalId: api.id, attributes: { RootResourceId: api.rootResourceId, RestApiId: api.id } };
  },
  async update(ctx, physicalId, props) {
    const api = ctx.services.apigateway.getApi(physicalId);
    const definition = await definitionOf(ctx, props);
    const title = (definition as { info?: { title?: string } } | undefined)?.info?.title;
    api.definition = definition;
    api.name = props.Name ?? title ?? api.name;
    api.description = props.Description;
    api.endpointTypes = props.EndpointConfiguration?.Types ?? api.endpointTypes;
    api.binaryMediaTypes = props.BinaryMediaTypes ?? [];
    api.tags = tagMap(props.Tags);
    return { physicalId, attributes: { RootResourceId: api.rootResourceId, RestApiId: api.id } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.apigateway;
    if (store.apis.has(physicalId)) store.deleteRestApi(physicalId);
  },
};

const deployment: ResourceProvider = {
  replaceOn: ['RestApiId', 'DeploymentCanarySettings'],
  required: ['RestApiId'],
  attributes: ['DeploymentId'],
  async create(ctx, props) {
    const store = ctx.services.apigateway;
    const api = store.getApi(String(props.RestApiId));
    const d = store.createDeployment(api, props.Description);
    if (props.StageName) {
      const stage = api.stages.get(props.StageName);
      if (stage) store.replaceStage(api, { ...stageInputOf(stage), deploymentId: d.id });
      else
        store.createStage(api, {
          stageName: props.StageName,
          deploymentId: d.id,
          description: props.StageDescription?.Description,
        });
    }
    return { physicalId: d.id, attributes: { DeploymentId: d.id } };
  },
  async update(ctx, physicalId, props) {
    const store = ctx.services.apigateway;
    const d = store.getDeployment(store.getApi(String(props.RestApiId)), physicalId);
    d.description = props.Description;
    return { physicalId, attributes: { DeploymentId: physicalId } };
  },
  async delete(ctx, physicalId, props) {
    const store = ctx.services.apigateway;
    const api = store.apis.get(String(props.RestApiId));
    if (!api?.deployments.has(physicalId)) return;
    // The stage a Deployment created through StageName goes with it.
    const own = props.StageName ? api.stages.get(props.StageName) : undefined;
    if (own && own.deploymentId === physicalId) store.deleteStage(api, own.stageName);
    store.deleteDeployment(api, physicalId);
  },
};

const stageInputOf = (s: {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables: Record<string, string>;
  tracingEnabled: boolean;
  tags: Record<string, string>;
}): StageInput => ({
  stageName: s.stageName,
  deploymentId: s.deploymentId,
  description: s.description,
  variables: s.variables,
  tracingEnabled: s.tracingEnabled,
  tags: s.tags,
});

function stageInput(props: Props, stageName: string): StageInput {
  const canary = props.CanarySetting;
  return {
    stageName,
    deploymentId: String(props.DeploymentId),
    description: props.Description,
    variables: Object.fromEntries(Object.entries(props.Variables ?? {}).map(([k, v]) => [k, String(v)])),
    tracingEnabled: props.TracingEnabled === true || props.TracingEnabled === 'true',
    tags: tagMap(props.Tags),
    canarySettings: canary
      ? {
          percentTraffic: num(canary.PercentTraffic),
          deploymentId: canary.DeploymentId,
          stageVariableOverrides: canary.StageVariableOverrides,
          useStageCache: canary.UseStageCache === true || canary.UseStageCache === 'true',
        }
      : undefined,
  };
}

const stage: ResourceProvider = {
  replaceOn: ['RestApiId', 'StageName'],
  nameProperty: 'StageName',
  required: ['RestApiId', 'DeploymentId'],
  attributes: [],
  async create(ctx, props) {
    const store = ctx.services.apigateway;
    const api = store.getApi(String(props.RestApiId));
    const name = props.StageName ?? ctx.physicalName(128).replace(/[^A-Za-z0-9_-]/g, '');
    store.createStage(api, stageInput(props, name));
    return { physicalId: name, attributes: {} };
  },
  async update(ctx, physicalId, props) {
    const store = ctx.services.apigateway;
    store.replaceStage(store.getApi(String(props.RestApiId)), stageInput(props, physicalId));
    return { physicalId, attributes: {} };
  },
  async delete(ctx, physicalId, props) {
    const store = ctx.services.apigateway;
    const api = store.apis.get(String(props.RestApiId));
    if (api?.stages.has(physicalId)) store.deleteStage(api, physicalId);
  },
};

export const apiGatewayResources: Record<string, ResourceProvider> = {
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::ApiGateway::Deployment': deployment,
  'AWS::ApiGateway::Stage': stage,
};
