// AWS::Serverless::Api → AWS::ApiGateway::RestApi (Body from DefinitionBody), a
// `<Api>Deployment<hash>` whose id changes with the definition, and the
// `<Api><StageName>Stage` stage with its variables and canary setting, as SAM generates.
import { createHash } from 'node:crypto';
import type { Json, JsonObject, ResourceDeclaration } from '../template.js';
import {
  SamError,
  isPlainString,
  logicalIdHash,
  passthroughAttributes,
  samS3Location,
  stableJson,
  type SamContext,
} from './common.js';
import type { ApiEvent } from './function.js';

const KNOWN = new Set([
  'StageName',
  'DefinitionBody',
  'DefinitionUri',
  'Name',
  'Description',
  'Variables',
  'CanarySetting',
  'MethodSettings',
  'EndpointConfiguration',
  'TracingEnabled',
  'OpenApiVersion',
  'BinaryMediaTypes',
  'MinimumCompressionSize',
  'AccessLogSetting',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'Tags',
  'PropagateTags',
  'Mode',
  'FailOnWarnings',
  'ApiKeySourceType',
  'AlwaysDeploy',
  'MergeDefinitions',
]);

function bodyS3Location(id: string, uri: Json): JsonObject {
  const { bucket, key, version } = samS3Location(id, 'DefinitionUri', uri);
  return { Bucket: bucket, Key: key, ...(version !== undefined ? { Version: version } : {}) };
}

/** The definition SAM writes when an API has no DefinitionBody: one path per Api event. */
function managedDefinition(events: ApiEvent[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const e of events) {
    const method = e.method === 'any' ? 'x-amazon-apigateway-any-method' : e.method;
    const pathItem = (paths[e.path] ??= {});
    if (pathItem[method]) {
      throw new SamError(
        e.functionId,
        `Event with id [${e.eventId}] is invalid. API method "${e.method}" defined multiple times for path "${e.path}".`,
      );
    }
    const arn = e.target.isAlias ? `\${${e.target.logicalId}}` : `\${${e.target.logicalId}.Arn}`;
    pathItem[method] = {
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: {
          'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        },
      },
      responses: {},
    };
  }
  return { swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths };
}

function endpointConfiguration(cfg: Json): JsonObject {
  if (typeof cfg === 'string') return { Types: [cfg] };
  if (cfg && typeof cfg === 'object' && !Array.isArray(cfg)) {
    return {
      Types: [cfg.Type ?? 'EDGE'],
      ...(cfg.VPCEndpointIds !== undefined ? { VpcEndpointIds: cfg.VPCEndpointIds } : {}),
    };
  }
  return { Types: ['EDGE'] };
}

export function transformApi(
  id: string,
  decl: ResourceDeclaration,
  events: ApiEvent[],
  _ctx: SamContext,
): Record<string, ResourceDeclaration> {
  const props = decl.Properties ?? {};
  for (const key of Object.keys(props)) {
    if (!KNOWN.has(key))
      throw new SamError(id, `property ${key} not defined for resource of type AWS::Serverless::Api`);
  }
  if (props.StageName === undefined) throw new SamError(id, "Missing required property 'StageName'.");
  if (props.DefinitionBody !== undefined && props.DefinitionUri !== undefined) {
    throw new SamError(id, "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
  }
  const attrs = passthroughAttributes(decl);
  const rest: JsonObject = {};
  let definition: Json;
  if (props.DefinitionUri !== undefined) {
    rest.BodyS3Location = bodyS3Location(id, props.DefinitionUri);
    definition = rest.BodyS3Location;
  } else {
    rest.Body = props.DefinitionBody ?? managedDefinition(events);
    definition = rest.Body;
  }
  if (props.Name !== undefined) rest.Name = props.Name;
  if (props.Description !== undefined) rest.Description = props.Description;
  if (props.EndpointConfiguration !== undefined)
    rest.EndpointConfiguration = endpointConfiguration(props.EndpointConfiguration);
  if (props.BinaryMediaTypes !== undefined) rest.BinaryMediaTypes = props.BinaryMediaTypes;
  if (props.MinimumCompressionSize !== undefined) rest.MinimumCompressionSize = props.MinimumCompressionSize;
  if (props.Mode !== undefined) rest.Mode = props.Mode;
  if (props.FailOnWarnings !== undefined) rest.FailOnWarnings = props.FailOnWarnings;
  if (props.ApiKeySourceType !== undefined) rest.ApiKeySourceType = props.ApiKeySourceType;

  // The deployment's logical id changes with the definition, so a changed API is redeployed.
  const hashInput =
    stableJson(definition) + (props.OpenApiVersion !== undefined ? stableJson(props.OpenApiVersion) : '');
  const deploymentId = `${id}Deployment${logicalIdHash(hashInput)}`;
  const deployment: JsonObject = {
    RestApiId: { Ref: id },
    Description: `RestApi deployment id: ${createHash('sha1').update(hashInput).digest('hex')}`,
  };
  if (props.OpenApiVersion === undefined) deployment.StageName = 'Stage';

  const stageName = props.StageName;
  const stageId =
    isPlainString(stageName) && /^[A-Za-z0-9]+$/.test(stageName)
      ? `${id}${stageName}Stage`
      : `${id}Stage${isPlainString(stageName) ? logicalIdHash(stageName) : ''}`;
  const stage: JsonObject = {
    RestApiId: { Ref: id },
    DeploymentId: { Ref: deploymentId },
    StageName: stageName,
  };
  for (const key of [
    'Variables',
    'CanarySetting',
    'MethodSettings',
    'TracingEnabled',
    'AccessLogSetting',
    'CacheClusterEnabled',
    'CacheClusterSize',
  ]) {
    if (props[key] !== undefined) stage[key] = props[key]!;
  }
  if (props.Tags !== undefined) {
    stage.Tags = Object.entries(props.Tags as JsonObject).map(([Key, Value]) => ({ Key, Value }));
    // SAM tags only the stage unless PropagateTags asks for every generated resource that takes
    // tags: the REST API too (a Deployment has none).
    if (props.PropagateTags === true) rest.Tags = stage.Tags;
  }
  return {
    [id]: {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: rest,
      ...attrs,
      ...(decl.DependsOn !== undefined ? { DependsOn: decl.DependsOn } : {}),
    },
    [deploymentId]: { Type: 'AWS::ApiGateway::Deployment', Properties: deployment, ...attrs },
    [stageId]: { Type: 'AWS::ApiGateway::Stage', Properties: stage, ...attrs },
  };
}
