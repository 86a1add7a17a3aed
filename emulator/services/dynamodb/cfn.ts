// AWS::DynamoDB::Table through dynalite, the way CloudFormation's handler calls DynamoDB: the
// resource type this service provisions, for CloudFormation's registry.
import { AwsError } from '../../errors.js';
import { num, pollUntil, type Props, type ResourceProvider } from '../cloudformation/providers/types.js';

const throughput = (p: Props | undefined) =>
  p && { ReadCapacityUnits: num(p.ReadCapacityUnits), WriteCapacityUnits: num(p.WriteCapacityUnits) };

interface TableDescription {
  Table: { TableStatus: string; TableArn: string; LatestStreamArn?: string };
}

const dynamoTable: ResourceProvider = {
  replaceOn: ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
  nameProperty: 'TableName',
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

export const dynamoDbResources: Record<string, ResourceProvider> = {
  'AWS::DynamoDB::Table': dynamoTable,
};
