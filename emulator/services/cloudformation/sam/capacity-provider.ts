// AWS::Serverless::CapacityProvider → AWS::Lambda::CapacityProvider, plus
// `<CapacityProvider>OperatorRole` (AWSLambdaManagedEC2ResourceOperator) when no OperatorRole
// is given, following SAM's capacity provider generator.
import type { Json, JsonObject, ResourceDeclaration } from '../template.js';
import { SamError, passthroughAttributes, tagList, type SamContext } from './common.js';

const KNOWN = new Set([
  'CapacityProviderName',
  'VpcConfig',
  'OperatorRole',
  'Tags',
  'InstanceRequirements',
  'ScalingConfig',
  'KmsKeyArn',
  'LoggingConfig',
  'ManagedResourceTags',
]);

/** `<CapacityProvider>OperatorRole`, with AWSLambdaManagedEC2ResourceOperator attached. */
const operatorRole = (attrs: Partial<ResourceDeclaration>): ResourceDeclaration => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
      ],
    },
    ManagedPolicyArns: [
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator' },
    ],
    Tags: tagList(undefined),
  },
  ...attrs,
});

/** SAM's ScalingConfig: MaxVCpuCount, and a CPU target (Manual) or Auto scaling. */
const scalingConfig = (sc: JsonObject): JsonObject => ({
  ...(sc.MaxVCpuCount !== undefined ? { MaxVCpuCount: sc.MaxVCpuCount } : {}),
  ...(sc.AverageCPUUtilization !== undefined
    ? {
        ScalingMode: 'Manual',
        ScalingPolicies: [
          {
            PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization',
            TargetValue: sc.AverageCPUUtilization,
          },
        ],
      }
    : { ScalingMode: 'Auto' }),
});

/** AWS::Lambda::CapacityProvider's properties from SAM's. */
function capacityProviderProperties(props: JsonObject, operatorRoleArn: Json): JsonObject {
  const vpc = props.VpcConfig as JsonObject;
  const cp: JsonObject = {
    VpcConfig: {
      SubnetIds: vpc.SubnetIds!,
      ...(vpc.SecurityGroupIds !== undefined ? { SecurityGroupIds: vpc.SecurityGroupIds } : {}),
    },
    PermissionsConfig: { CapacityProviderOperatorRoleArn: operatorRoleArn },
    Tags: tagList(props.Tags as JsonObject | undefined),
  };
  if (props.CapacityProviderName !== undefined) cp.CapacityProviderName = props.CapacityProviderName;
  const ir = props.InstanceRequirements as JsonObject | undefined;
  if (ir) {
    cp.InstanceRequirements = {
      ...(ir.Architectures !== undefined ? { Architectures: ir.Architectures } : {}),
      ...(ir.AllowedTypes !== undefined ? { AllowedInstanceTypes: ir.AllowedTypes } : {}),
      ...(ir.ExcludedTypes !== undefined ? { ExcludedInstanceTypes: ir.ExcludedTypes } : {}),
    };
  }
  const sc = props.ScalingConfig as JsonObject | undefined;
  if (sc) cp.CapacityProviderScalingConfig = scalingConfig(sc);
  if (props.KmsKeyArn !== undefined) cp.KmsKeyArn = props.KmsKeyArn;
  if (props.LoggingConfig !== undefined) cp.TelemetryConfig = { LoggingConfig: props.LoggingConfig };
  return cp;
}

export function transformCapacityProvider(
  id: string,
  decl: ResourceDeclaration,
  _ctx: SamContext,
): Record<string, ResourceDeclaration> {
  const props = decl.Properties ?? {};
  for (const key of Object.keys(props)) {
    if (!KNOWN.has(key))
      throw new SamError(
        id,
        `property ${key} not defined for resource of type AWS::Serverless::CapacityProvider`,
      );
  }
  if (props.VpcConfig === undefined) throw new SamError(id, "Missing required property 'VpcConfig'.");
  const attrs = passthroughAttributes(decl);
  const out: Record<string, ResourceDeclaration> = {};
  let roleArn = props.OperatorRole;
  if (roleArn === undefined) {
    const roleId = `${id}OperatorRole`;
    out[roleId] = operatorRole(attrs);
    roleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
  }
  out[id] = {
    Type: 'AWS::Lambda::CapacityProvider',
    Properties: capacityProviderProperties(props, roleArn),
    ...attrs,
    ...(decl.DependsOn !== undefined ? { DependsOn: decl.DependsOn } : {}),
  };
  return out;
}
