// The requests CloudFormation makes on a stack's behalf, with the deployer's credentials
// (aws:CalledVia cloudformation.amazonaws.com), derived from what the stack holds: the local
// cloud provisions resources in-process and logs no calls for them. A model, not a recording: one
// create, update and delete request per resource as the service APIs name them (CreateRole and
// TagRole, one AttachRolePolicy per managed policy, iam:PassRole for each role a function or
// capacity provider is given, the S3 read of the code, API Gateway's paths …). A resource type
// it does not know fails the test, so a template cannot grow past what the policies were
// checked for.
import { PARTITION } from '../../emulator/core/ids.js';
import type { EmulatorState } from '../../emulator/index.js';
import { inheritedTags } from '../../emulator/services/apigateway/iam-resources.js';
import type { StackResource } from '../../emulator/services/cloudformation/model.js';
import { ACCOUNT_ID, type IamRequest } from './iam-evaluate.js';

type Props = Record<string, unknown>;
type Tags = Record<string, string>;

interface Where {
  state: EmulatorState;
  region: string;
}

const tagsOf = (props: Props): Tags =>
  Array.isArray(props.Tags)
    ? Object.fromEntries(
        (props.Tags as { Key: string; Value: unknown }[]).map((t) => [t.Key, String(t.Value)]),
      )
    : {};

/** aws:RequestTag/<key> and aws:TagKeys of a create or tag request, when it carries tags. */
function requestTags(tags: Tags): Record<string, string | string[]> {
  const keys = Object.keys(tags);
  if (keys.length === 0) return {};
  return {
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    'aws:TagKeys': keys,
  };
}

const passRole = (role: string): IamRequest => ({
  action: 'iam:PassRole',
  resource: role,
  context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
});

function roleRequests(r: StackResource, { state }: Where): IamRequest[] {
  const role = state.iam.getRole(r.physicalId!);
  const bounded: Record<string, string> = role.permissionsBoundary
    ? { 'iam:PermissionsBoundary': role.permissionsBoundary }
    : {};
  const on = (action: string, context: Record<string, string | string[]> = {}): IamRequest => ({
    action,
    resource: role.arn,
    context: { ...bounded, ...context },
  });
  const tags = requestTags(role.tags);
  return [
    on('iam:CreateRole', tags),
    ...(Object.keys(role.tags).length ? [on('iam:TagRole', tags)] : []),
    ...(role.permissionsBoundary ? [on('iam:PutRolePermissionsBoundary')] : []),
    ...role.managedPolicyArns.flatMap((arn) => [
      on('iam:AttachRolePolicy', { 'iam:PolicyARN': arn }),
      on('iam:DetachRolePolicy', { 'iam:PolicyARN': arn }),
    ]),
    ...role.policies.flatMap(() => [on('iam:PutRolePolicy'), on('iam:DeleteRolePolicy')]),
    { action: 'iam:GetRole', resource: role.arn },
    { action: 'iam:DeleteRole', resource: role.arn },
  ];
}

const functionArn = (region: string, name: string, qualifier?: string) =>
  `arn:${PARTITION}:lambda:${region}:${ACCOUNT_ID}:function:${name}${qualifier ? `:${qualifier}` : ''}`;

function functionRequests(r: StackResource, { region }: Where): IamRequest[] {
  const arn = functionArn(region, r.physicalId!);
  const p = r.properties as Props;
  const code = (p.Code ?? {}) as { S3Bucket?: string; S3Key?: string };
  const cp = p.CapacityProviderConfig as
    { LambdaManagedInstancesCapacityProviderConfig?: { CapacityProviderArn?: string } } | undefined;
  const capacityProvider = cp?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn;
  const tags = requestTags(tagsOf(p));
  const on = (action: string, context?: Record<string, string | string[]>): IamRequest => ({
    action,
    resource: arn,
    ...(context ? { context } : {}),
  });
  return [
    on('lambda:CreateFunction', tags),
    passRole(String(p.Role)),
    ...(capacityProvider ? [{ action: 'lambda:PassCapacityProvider', resource: capacityProvider }] : []),
    ...(code.S3Bucket
      ? [{ action: 's3:GetObject', resource: `arn:${PARTITION}:s3:::${code.S3Bucket}/${code.S3Key}` }]
      : []),
    ...(Object.keys(tags).length ? [on('lambda:TagResource', tags)] : []),
    on('lambda:GetFunction'),
    on('lambda:UpdateFunctionCode'),
    on('lambda:UpdateFunctionConfiguration'),
    on('lambda:DeleteFunction'),
  ];
}

function versionRequests(r: StackResource, { region }: Where): IamRequest[] {
  const [name, version] = r.physicalId!.split(':').slice(6);
  const p = r.properties as Props;
  return [
    { action: 'lambda:PublishVersion', resource: functionArn(region, name!) },
    { action: 'lambda:GetFunctionConfiguration', resource: functionArn(region, name!, version) },
    ...(p.FunctionScalingConfig
      ? [{ action: 'lambda:PutFunctionScalingConfig', resource: functionArn(region, name!, version) }]
      : []),
    // A version without DeletionPolicy Retain is deleted when it is superseded.
    { action: 'lambda:DeleteFunction', resource: functionArn(region, name!, version) },
  ];
}

function aliasRequests(r: StackResource, { region }: Where): IamRequest[] {
  const [name, alias] = r.physicalId!.split(':').slice(6);
  return ['CreateAlias', 'GetAlias', 'UpdateAlias', 'DeleteAlias'].map((a) => ({
    action: `lambda:${a}`,
    resource: functionArn(region, name!, a === 'CreateAlias' ? undefined : alias),
  }));
}

function permissionRequests(r: StackResource, { region }: Where): IamRequest[] {
  const a = r.attributes as { FunctionName: string; Qualifier?: string };
  const p = r.properties as Props;
  const resource = functionArn(region, a.FunctionName, a.Qualifier);
  return [
    { action: 'lambda:AddPermission', resource, context: { 'lambda:Principal': String(p.Principal) } },
    // RemovePermission names the statement, not the principal.
    { action: 'lambda:RemovePermission', resource },
  ];
}

function capacityProviderRequests(r: StackResource, { region }: Where): IamRequest[] {
  const arn = `arn:${PARTITION}:lambda:${region}:${ACCOUNT_ID}:capacity-provider:${r.physicalId!}`;
  const p = r.properties as Props;
  const operator = (p.PermissionsConfig as { CapacityProviderOperatorRoleArn: string })
    .CapacityProviderOperatorRoleArn;
  const tags = requestTags(tagsOf(p));
  return [
    { action: 'lambda:CreateCapacityProvider', resource: arn, context: tags },
    passRole(operator),
    ...(Object.keys(tags).length ? [{ action: 'lambda:TagResource', resource: arn, context: tags }] : []),
    ...['GetCapacityProvider', 'UpdateCapacityProvider', 'DeleteCapacityProvider'].map((a) => ({
      action: `lambda:${a}`,
      resource: arn,
    })),
  ];
}

function tableRequests(r: StackResource, { region }: Where): IamRequest[] {
  const arn = `arn:${PARTITION}:dynamodb:${region}:${ACCOUNT_ID}:table/${r.physicalId!}`;
  const tags = requestTags(tagsOf(r.properties as Props));
  return [
    { action: 'dynamodb:CreateTable', resource: arn, context: tags },
    ...[
      'DescribeTable',
      'UpdateTimeToLive',
      'DescribeTimeToLive',
      'DescribeContinuousBackups',
      'UpdateTable',
      'DeleteTable',
    ].map((a) => ({ action: `dynamodb:${a}`, resource: arn })),
  ];
}

/** API Gateway authorizes by path; a REST API's children carry its tags, a stage its own too. */
function apiRequests(r: StackResource, { state, region }: Where): IamRequest[] {
  const p = r.properties as Props;
  const base = `arn:${PARTITION}:apigateway:${region}::`;
  const on = (
    verb: string,
    path: string,
    tags?: Tags,
    context?: Record<string, string | string[]>,
  ): IamRequest => ({
    action: `apigateway:${verb}`,
    resource: `${base}${path}`,
    ...(tags ? { tags } : {}),
    ...(context ? { context } : {}),
  });
  const tagging = (path: string, tags: Tags) =>
    Object.keys(tags).length
      ? [on('PUT', `/tags/${encodeURIComponent(`${base}${path}`)}`, undefined, requestTags(tags))]
      : [];
  switch (r.type) {
    case 'AWS::ApiGateway::RestApi': {
      const path = `/restapis/${r.physicalId!}`;
      const tags = inheritedTags(state.apigateway, r.physicalId!);
      // Created (imported from the OpenAPI body) before it has tags.
      return [
        on('POST', '/restapis'),
        ...tagging(path, tagsOf(p)),
        on('PUT', path, tags),
        on('GET', path, tags),
        on('PATCH', path, tags),
        on('DELETE', path, tags),
      ];
    }
    case 'AWS::ApiGateway::Deployment': {
      const api = String(p.RestApiId);
      const tags = inheritedTags(state.apigateway, api);
      return [
        on('POST', `/restapis/${api}/deployments`, tags),
        on('DELETE', `/restapis/${api}/deployments/${r.physicalId!}`, tags),
      ];
    }
    default: {
      const api = String(p.RestApiId);
      const path = `/restapis/${api}/stages/${r.physicalId!}`;
      const stageTags = inheritedTags(state.apigateway, api, r.physicalId!);
      return [
        on('POST', `/restapis/${api}/stages`, inheritedTags(state.apigateway, api)),
        ...tagging(path, tagsOf(p)),
        on('PATCH', path, stageTags),
        on('DELETE', path, stageTags),
      ];
    }
  }
}

const BY_TYPE: Record<string, (r: StackResource, where: Where) => IamRequest[]> = {
  'AWS::IAM::Role': roleRequests,
  'AWS::Lambda::Function': functionRequests,
  'AWS::Lambda::Version': versionRequests,
  'AWS::Lambda::Alias': aliasRequests,
  'AWS::Lambda::Permission': permissionRequests,
  'AWS::Lambda::CapacityProvider': capacityProviderRequests,
  'AWS::DynamoDB::Table': tableRequests,
  'AWS::ApiGateway::RestApi': apiRequests,
  'AWS::ApiGateway::Deployment': apiRequests,
  'AWS::ApiGateway::Stage': apiRequests,
};

/** What CloudFormation asks IAM for to create, update and delete the stack's resources. */
export function cloudFormationRequests(
  state: EmulatorState,
  stackName: string,
  region: string,
): IamRequest[] {
  const stack = state.cloudformation.findStack(stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  return [...stack.resources.values()].flatMap((r) => {
    const requests = BY_TYPE[r.type];
    if (!requests) throw new Error(`no model of what CloudFormation calls for ${r.type} (${r.logicalId})`);
    return requests(r, { state, region });
  });
}
