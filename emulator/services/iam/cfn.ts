// AWS::IAM::Role through the IAM store (CloudFormation creates roles as it would through
// IAM's API): the resource type this service provisions, for CloudFormation's registry.
import { tagMap, type Props, type ResourceProvider } from '../cloudformation/providers/types.js';

const roleInput = (props: Props) => ({
  AssumeRolePolicyDocument: props.AssumeRolePolicyDocument,
  ManagedPolicyArns: props.ManagedPolicyArns,
  Policies: props.Policies,
  Description: props.Description,
  PermissionsBoundary: props.PermissionsBoundary,
  Tags: tagMap(props.Tags),
});

const iamRole: ResourceProvider = {
  replaceOn: ['RoleName', 'Path'],
  nameProperty: 'RoleName',
  required: ['AssumeRolePolicyDocument'],
  attributes: ['Arn', 'RoleId'],
  capability: (props) => (props.RoleName !== undefined ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'),
  async create(ctx, props) {
    const name = props.RoleName ?? ctx.physicalName(64);
    const role = ctx.services.iam.createRole({ RoleName: name, Path: props.Path, ...roleInput(props) });
    return { physicalId: name, attributes: { Arn: role.arn, RoleId: role.roleId } };
  },
  async update(ctx, physicalId, props) {
    const role = ctx.services.iam.updateRole(physicalId, roleInput(props));
    return { physicalId, attributes: { Arn: role.arn, RoleId: role.roleId } };
  },
  async delete(ctx, physicalId) {
    const iam = ctx.services.iam;
    if (iam.roles.has(physicalId)) iam.deleteRole(physicalId);
  },
};

export const iamResources: Record<string, ResourceProvider> = {
  'AWS::IAM::Role': iamRole,
};
