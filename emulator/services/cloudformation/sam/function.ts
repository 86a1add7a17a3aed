// AWS::Serverless::Function → AWS::Lambda::Function, its execution role, and with
// AutoPublishAlias a `<Function>Version<hash>` and `<Function>Alias<alias>`, plus a
// Lambda permission per Api event, named as SAM names them.
import type { Json, JsonObject, ResourceDeclaration } from '../template.js';
import {
  SamError,
  isPlainString,
  logicalIdHash,
  passthroughAttributes,
  resolveParameterRefs,
  samS3Location,
  tagList,
  type SamContext,
} from './common.js';
import { buildExecutionRole } from './policies.js';

/** Properties SAM passes to AWS::Lambda::Function unchanged. */
const PASSTHROUGH = [
  'FunctionName',
  'Handler',
  'Runtime',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Environment',
  'KmsKeyArn',
  'Layers',
  'ReservedConcurrentExecutions',
  'EphemeralStorage',
  'FileSystemConfigs',
  'ImageConfig',
  'CodeSigningConfigArn',
  'Architectures',
  'SnapStart',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'PackageType',
  'FunctionScalingConfig',
  'PublishToLatestPublished',
  'DurableConfig',
  'TenancyConfig',
];

/** SAM-only properties (consumed by the transform). */
const SAM_ONLY = new Set([
  'CodeUri',
  'InlineCode',
  'Role',
  'Policies',
  'AssumeRolePolicyDocument',
  'PermissionsBoundary',
  'RolePath',
  'Events',
  'Tags',
  'Tracing',
  'AutoPublishAlias',
  'AutoPublishCodeSha256',
  'AutoPublishAliasAllProperties',
  'VersionDescription',
  'VersionDeletionPolicy',
  'ProvisionedConcurrencyConfig',
  'DeploymentPreference',
  'DeadLetterQueue',
  'EventInvokeConfig',
  'FunctionUrlConfig',
  'CapacityProviderConfig',
]);

export interface ApiEvent {
  functionId: string;
  eventId: string;
  restApiId?: string;
  path: string;
  method: string;
  /** What API Gateway invokes: the alias when AutoPublishAlias is set, else the function. */
  target: { logicalId: string; isAlias: boolean };
}

export interface FunctionOutput {
  resources: Record<string, ResourceDeclaration>;
  apiEvents: ApiEvent[];
  /** SAM's referable properties: `Function.Alias` and `Function.Version`. */
  referable: Record<string, string>;
}

function codeProperty(id: string, props: JsonObject, ctx: SamContext): JsonObject {
  if (props.InlineCode !== undefined && props.CodeUri !== undefined) {
    throw new SamError(id, "Only one of 'InlineCode' or 'CodeUri' can be set.");
  }
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode };
  const uri = resolveParameterRefs(props.CodeUri, ctx.parameters);
  if (uri === undefined) throw new SamError(id, "Either 'InlineCode' or 'CodeUri' must be set.");
  const { bucket, key, version } = samS3Location(id, 'CodeUri', uri);
  return { S3Bucket: bucket, S3Key: key, ...(version !== undefined ? { S3ObjectVersion: version } : {}) };
}

function capacityProviderConfig(id: string, cfg: Json): JsonObject {
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg) || cfg.Arn === undefined) {
    throw new SamError(id, "Property 'CapacityProviderConfig.Arn' is required.");
  }
  const lmi: JsonObject = { CapacityProviderArn: cfg.Arn };
  if (cfg.PerExecutionEnvironmentMaxConcurrency !== undefined) {
    lmi.PerExecutionEnvironmentMaxConcurrency = cfg.PerExecutionEnvironmentMaxConcurrency;
  }
  if (cfg.ExecutionEnvironmentMemoryGiBPerVCpu !== undefined) {
    lmi.ExecutionEnvironmentMemoryGiBPerVCpu = cfg.ExecutionEnvironmentMemoryGiBPerVCpu;
  }
  return { LambdaManagedInstancesCapacityProviderConfig: lmi };
}

function apiEvents(id: string, props: JsonObject, target: ApiEvent['target']): ApiEvent[] {
  const events = (props.Events ?? {}) as Record<string, JsonObject>;
  const out: ApiEvent[] = [];
  for (const [eventId, event] of Object.entries(events)) {
    if (event?.Type !== 'Api') {
      throw new SamError(
        id,
        `Event with id [${eventId}] is invalid. Event type ${String(event?.Type)} is not supported by the local emulator (supported: Api).`,
      );
    }
    const p = (event.Properties ?? {}) as JsonObject;
    if (!isPlainString(p.Path) || !isPlainString(p.Method)) {
      throw new SamError(
        id,
        `Event with id [${eventId}] is invalid. Missing required property 'Path' or 'Method'.`,
      );
    }
    let restApiId: string | undefined;
    if (p.RestApiId !== undefined) {
      const ref = p.RestApiId as JsonObject | string;
      restApiId = typeof ref === 'string' ? ref : isPlainString(ref.Ref) ? ref.Ref : undefined;
      if (!restApiId) {
        throw new SamError(
          id,
          `Event with id [${eventId}] is invalid. RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.`,
        );
      }
    }
    out.push({ functionId: id, eventId, restApiId, path: p.Path, method: p.Method.toLowerCase(), target });
  }
  return out;
}

/** AWS::Lambda::Function's properties: Code, the pass-through ones, and SAM's translated ones. */
function functionProperties(id: string, props: JsonObject, ctx: SamContext): JsonObject {
  const fnProps: JsonObject = { Code: codeProperty(id, props, ctx) };
  for (const key of PASSTHROUGH) if (props[key] !== undefined) fnProps[key] = props[key]!;
  for (const key of Object.keys(props)) {
    if (!PASSTHROUGH.includes(key) && !SAM_ONLY.has(key)) {
      throw new SamError(id, `property ${key} not defined for resource of type AWS::Serverless::Function`);
    }
  }
  if (props.Tracing !== undefined) fnProps.TracingConfig = { Mode: props.Tracing };
  if (props.CapacityProviderConfig !== undefined)
    fnProps.CapacityProviderConfig = capacityProviderConfig(id, props.CapacityProviderConfig);
  fnProps.Tags = tagList(props.Tags as JsonObject | undefined);
  return fnProps;
}

interface Published {
  resources: Record<string, ResourceDeclaration>;
  referable: Record<string, string>;
  target: ApiEvent['target'];
}

/**
 * The version's DeletionPolicy as SAM's _construct_version sets it: the function's own
 * DeletionPolicy (a pass-through attribute) wins, then VersionDeletionPolicy, then
 * _get_default_version_deletion_policy: Delete for an LMI function (CapacityProviderConfig;
 * its versions keep execution environments running), Retain for a standard one.
 */
function versionDeletionPolicy(props: JsonObject, attrs: Partial<ResourceDeclaration>): string {
  if (attrs.DeletionPolicy !== undefined) return attrs.DeletionPolicy;
  if (props.VersionDeletionPolicy !== undefined) return props.VersionDeletionPolicy as string;
  return props.CapacityProviderConfig !== undefined ? 'Delete' : 'Retain';
}

/** SAM's validation rules (SamFunction.__validation_rules__) the transform enforces. */
function validateRules(id: string, props: JsonObject): void {
  const policy = props.VersionDeletionPolicy;
  if (policy !== undefined && policy !== 'Delete' && policy !== 'Retain') {
    throw new SamError(
      id,
      "Property 'VersionDeletionPolicy' should be a one of the strings: 'Delete' or 'Retain'.",
    );
  }
  if (policy !== undefined && props.AutoPublishAlias === undefined)
    throw new SamError(id, "'VersionDeletionPolicy' requires 'AutoPublishAlias'.");
  if (props.FunctionScalingConfig !== undefined && props.CapacityProviderConfig === undefined)
    throw new SamError(id, "'FunctionScalingConfig' requires 'CapacityProviderConfig'.");
}

/** AutoPublishAlias: `<Function>Version<hash>` and `<Function>Alias<alias>`, as SAM names them. */
function autoPublish(
  id: string,
  props: JsonObject,
  fnProps: JsonObject,
  ctx: SamContext,
  attrs: Partial<ResourceDeclaration>,
): Published {
  const alias = resolveParameterRefs(props.AutoPublishAlias, ctx.parameters);
  if (!isPlainString(alias))
    throw new SamError(id, "'AutoPublishAlias' must be a string or a Ref to a template parameter");
  if (!/^[A-Za-z0-9]+$/.test(alias))
    throw new SamError(id, `AutoPublishAlias '${alias}' must be alphanumeric.`);
  // SAM's version id hashes the code (and the settings that must publish a new version).
  const hashed: JsonObject = { ...(resolveParameterRefs(fnProps.Code, ctx.parameters) as JsonObject) };
  if (props.Environment !== undefined) Object.assign(hashed, props.Environment);
  if (props.MemorySize !== undefined) hashed.MemorySize = props.MemorySize;
  if (props.AutoPublishAliasAllProperties === true) Object.assign(hashed, fnProps);
  const codeSha = resolveParameterRefs(props.AutoPublishCodeSha256, ctx.parameters);
  const versionId = `${id}Version${logicalIdHash(hashed, isPlainString(codeSha) ? codeSha : '')}`;
  const aliasId = `${id}Alias${alias}`;
  const resources: Record<string, ResourceDeclaration> = {
    [versionId]: {
      Type: 'AWS::Lambda::Version',
      Properties: {
        FunctionName: { Ref: id },
        ...(props.VersionDescription !== undefined ? { Description: props.VersionDescription } : {}),
        // SAM sets the version's scaling only for an LMI function (_construct_version).
        ...(props.CapacityProviderConfig !== undefined && props.FunctionScalingConfig !== undefined
          ? { FunctionScalingConfig: props.FunctionScalingConfig }
          : {}),
      },
      ...attrs,
      DeletionPolicy: versionDeletionPolicy(props, attrs),
    },
    [aliasId]: {
      Type: 'AWS::Lambda::Alias',
      Properties: {
        Name: alias,
        FunctionName: { Ref: id },
        FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
        ...(props.ProvisionedConcurrencyConfig !== undefined
          ? { ProvisionedConcurrencyConfig: props.ProvisionedConcurrencyConfig }
          : {}),
      },
      ...attrs,
    },
  };
  return {
    resources,
    referable: { [`${id}.Alias`]: aliasId, [`${id}.Version`]: versionId },
    target: { logicalId: aliasId, isAlias: true },
  };
}

/** One AWS::Lambda::Permission per Api event, letting that API invoke the target. */
function eventPermissions(
  id: string,
  events: ApiEvent[],
  ctx: SamContext,
  attrs: Partial<ResourceDeclaration>,
): Record<string, ResourceDeclaration> {
  const resources: Record<string, ResourceDeclaration> = {};
  for (const e of events) {
    const api = e.restApiId ? ctx.resources[e.restApiId] : undefined;
    if (e.restApiId && api?.Type !== 'AWS::Serverless::Api') {
      throw new SamError(
        id,
        `Event with id [${e.eventId}] is invalid. RestApiId property of Api event must reference a valid resource in the same template.`,
      );
    }
    const stageName = e.restApiId ? api?.Properties?.StageName : 'Prod';
    const suffix = typeof stageName === 'string' ? stageName : 'Stage';
    const apiRef: Json = { Ref: e.restApiId ?? 'ServerlessRestApi' };
    const method = e.method === 'any' ? '*' : e.method.toUpperCase();
    const path = e.path.length > 1 ? e.path.replace(/\/$/, '') : e.path;
    resources[`${id}${e.eventId}Permission${suffix}`] = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: e.target.logicalId },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: {
          'Fn::Sub': [
            `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`,
            { __ApiId__: apiRef, __Stage__: '*' },
          ],
        },
      },
      ...attrs,
    };
  }
  return resources;
}

/** SamResourceMacro._pass_through_attributes: Condition, DeletionPolicy, UpdateReplacePolicy. */
function functionAttributes(decl: ResourceDeclaration): Partial<ResourceDeclaration> {
  return {
    ...passthroughAttributes(decl),
    ...(decl.DeletionPolicy !== undefined ? { DeletionPolicy: decl.DeletionPolicy } : {}),
    ...(decl.UpdateReplacePolicy !== undefined ? { UpdateReplacePolicy: decl.UpdateReplacePolicy } : {}),
  };
}

export function transformFunction(id: string, decl: ResourceDeclaration, ctx: SamContext): FunctionOutput {
  const props = { ...(decl.Properties ?? {}) };
  // SAM takes VersionDeletionPolicy as a string or a Ref to a template parameter.
  if (props.VersionDeletionPolicy !== undefined)
    props.VersionDeletionPolicy = resolveParameterRefs(props.VersionDeletionPolicy, ctx.parameters)!;
  const resources: Record<string, ResourceDeclaration> = {};
  validateRules(id, props);
  const fnProps = functionProperties(id, props, ctx);
  // SAM passes Condition, DeletionPolicy and UpdateReplacePolicy on to everything it generates.
  const attrs = functionAttributes(decl);
  if (props.Role !== undefined) {
    fnProps.Role = props.Role;
  } else {
    const roleId = `${id}Role`;
    resources[roleId] = { Type: 'AWS::IAM::Role', Properties: buildExecutionRole(id, props), ...attrs };
    fnProps.Role = { 'Fn::GetAtt': [roleId, 'Arn'] };
  }
  resources[id] = {
    Type: 'AWS::Lambda::Function',
    Properties: fnProps,
    ...attrs,
    ...(decl.DependsOn !== undefined ? { DependsOn: decl.DependsOn } : {}),
    ...(decl.Metadata !== undefined ? { Metadata: decl.Metadata } : {}),
  };
  const published: Published =
    props.AutoPublishAlias !== undefined
      ? autoPublish(id, props, fnProps, ctx, attrs)
      : { resources: {}, referable: {}, target: { logicalId: id, isAlias: false } };
  Object.assign(resources, published.resources);
  const events = apiEvents(id, props, published.target);
  Object.assign(resources, eventPermissions(id, events, ctx, attrs));
  return { resources, apiEvents: events, referable: published.referable };
}
