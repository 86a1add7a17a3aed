// AWS::DynamoDB::Table (dynalite), AWS::IAM::Role and AWS::SSM::Parameter.
import { AwsError } from '../../../errors.js';
import { randomId } from '../../../core/ids.js';
import { num, pollUntil, type Props, type ResourceProvider } from './types.js';

const throughput = (p: Props | undefined) =>
  p && { ReadCapacityUnits: num(p.ReadCapacityUnits), WriteCapacityUnits: num(p.WriteCapacityUnits) };

interface TableDescription {
  Table: { TableStatus: string; TableArn: string; LatestStreamArn?: string };
}

export const dynamoTable: ResourceProvider = {
  replaceOn: ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
  required: ['KeySchema'],
  attributes: ['Arn', 'StreamArn'],
  async create(ctx, props) {
    const ddb = ctx.services.dynamodb;
    const name = props.TableName ?? ctx.physicalName(255);
    const mode = props.BillingMode ?? 'PROVISIONED';
    const created = await ddb.call<{ TableDescription: { TableArn: string } }>('CreateTable', {
      TableName: name,
      AttributeDefinitions: props.AttributeDefinitions,
      KeySchema: props.KeySchema,
      BillingMode: mode,
      ProvisionedThroughput: mode === 'PAY_PER_REQUEST' ? undefined : throughput(props.ProvisionedThroughput),
      GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map((g: Props) => ({
        ...g,
        ProvisionedThroughput: mode === 'PAY_PER_REQUEST' ? undefined : throughput(g.ProvisionedThroughput),
      })),
      LocalSecondaryIndexes: props.LocalSecondaryIndexes,
      StreamSpecification: props.StreamSpecification?.StreamViewType
        ? { StreamEnabled: true, StreamViewType: props.StreamSpecification.StreamViewType }
        : undefined,
    });
    return {
      physicalId: name,
      attributes: { Arn: created.TableDescription.TableArn },
      stabilize: async () => {
        const d = await pollUntil(ctx, `Table ${name}`, async () => {
          const t = await ddb.call<TableDescription>('DescribeTable', { TableName: name });
          return t.Table.TableStatus === 'ACTIVE' ? t : undefined;
        });
        return { Arn: d.Table.TableArn, StreamArn: d.Table.LatestStreamArn };
      },
    };
  },
  async update(ctx, physicalId, props, old) {
    const ddb = ctx.services.dynamodb;
    const mode = props.BillingMode ?? 'PROVISIONED';
    const changed =
      mode !== (old.props.BillingMode ?? 'PROVISIONED') ||
      JSON.stringify(props.ProvisionedThroughput) !== JSON.stringify(old.props.ProvisionedThroughput);
    if (changed) {
      await ddb.call('UpdateTable', {
        TableName: physicalId,
        BillingMode: mode,
        ProvisionedThroughput:
          mode === 'PAY_PER_REQUEST' ? undefined : throughput(props.ProvisionedThroughput),
      });
    }
    const d = await pollUntil(ctx, `Table ${physicalId}`, async () => {
      const t = await ddb.call<TableDescription>('DescribeTable', { TableName: physicalId });
      return t.Table.TableStatus === 'ACTIVE' ? t : undefined;
    });
    return { physicalId, attributes: { Arn: d.Table.TableArn, StreamArn: d.Table.LatestStreamArn } };
  },
  async delete(ctx, physicalId) {
    const ddb = ctx.services.dynamodb;
    try {
      await ddb.call('DeleteTable', { TableName: physicalId });
    } catch (e) {
      if (e instanceof AwsError && e.code === 'ResourceNotFoundException') return;
      throw e;
    }
    await pollUntil(ctx, `Deleting table ${physicalId}`, async () => {
      try {
        await ddb.call('DescribeTable', { TableName: physicalId });
        return undefined;
      } catch (e) {
        if (e instanceof AwsError && e.code === 'ResourceNotFoundException') return true;
        throw e;
      }
    });
  },
};

const roleInput = (props: Props) => ({
  AssumeRolePolicyDocument: props.AssumeRolePolicyDocument,
  ManagedPolicyArns: props.ManagedPolicyArns,
  Policies: props.Policies,
  Description: props.Description,
});

export const iamRole: ResourceProvider = {
  replaceOn: ['RoleName', 'Path'],
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

export const ssmParameter: ResourceProvider = {
  replaceOn: ['Name'],
  required: ['Type', 'Value'],
  attributes: ['Type', 'Value'],
  async create(ctx, props) {
    if (props.Type !== 'String' && props.Type !== 'StringList') {
      throw new AwsError(
        'ValidationException',
        `Parameter type ${String(props.Type)} is not supported by AWS::SSM::Parameter; use String or StringList.`,
      );
    }
    const name = props.Name ?? `CFN-${ctx.logicalId}-${randomId(12, 'upper')}`;
    ctx.services.ssm.put({
      Name: name,
      Value: String(props.Value),
      Type: props.Type,
      Description: props.Description,
      DataType: props.DataType,
      Tier: props.Tier,
    });
    return { physicalId: name, attributes: { Type: props.Type, Value: String(props.Value) } };
  },
  async update(ctx, physicalId, props) {
    ctx.services.ssm.put({
      Name: physicalId,
      Value: String(props.Value),
      Type: props.Type,
      Overwrite: true,
      Description: props.Description,
    });
    return { physicalId, attributes: { Type: props.Type, Value: String(props.Value) } };
  },
  async delete(ctx, physicalId) {
    if (ctx.services.ssm.has(physicalId)) ctx.services.ssm.delete(physicalId);
  },
};
