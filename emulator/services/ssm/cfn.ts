// AWS::SSM::Parameter through the SSM store (String and StringList, as CloudFormation allows):
// the resource type this service provisions, for CloudFormation's registry.
import { AwsError } from '../../errors.js';
import { randomId } from '../../core/ids.js';
import type { ResourceProvider } from '../cloudformation/providers/types.js';

const ssmParameter: ResourceProvider = {
  replaceOn: ['Name'],
  nameProperty: 'Name',
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

export const ssmResources: Record<string, ResourceProvider> = {
  'AWS::SSM::Parameter': ssmParameter,
};
