// AWS::Lambda::CapacityProvider through the Lambda control plane; waits until Active.
import { AwsError } from '../../../errors.js';
import {
  num,
  pollUntil,
  tagMap,
  type Props,
  type ResourceProvider,
} from '../../cloudformation/providers/types.js';
import {
  createCapacityProvider,
  deleteCapacityProvider,
  updateCapacityProvider,
} from '../capacity-providers.js';

const scaling = (cfg: Props | undefined) =>
  cfg && {
    MaxVCpuCount: num(cfg.MaxVCpuCount),
    ScalingMode: cfg.ScalingMode,
    ScalingPolicies: cfg.ScalingPolicies?.map((p: Props) => ({
      PredefinedMetricType: p.PredefinedMetricType,
      TargetValue: Number(p.TargetValue),
    })),
  };

export const lambdaCapacityProvider: ResourceProvider = {
  replaceOn: ['CapacityProviderName', 'VpcConfig', 'PermissionsConfig', 'InstanceRequirements', 'KmsKeyArn'],
  nameProperty: 'CapacityProviderName',
  required: ['VpcConfig', 'PermissionsConfig'],
  attributes: ['Arn'],
  async create(ctx, props) {
    const store = ctx.services.lambda;
    const name = props.CapacityProviderName ?? ctx.physicalName(140);
    const cp = createCapacityProvider(store, {
      CapacityProviderName: name,
      VpcConfig: props.VpcConfig,
      PermissionsConfig: props.PermissionsConfig,
      InstanceRequirements: props.InstanceRequirements,
      CapacityProviderScalingConfig: scaling(props.CapacityProviderScalingConfig),
      KmsKeyArn: props.KmsKeyArn,
      Tags: tagMap(props.Tags),
    });
    return {
      physicalId: name,
      attributes: { Arn: cp.arn },
      stabilize: async () => {
        await pollUntil(ctx, `Capacity provider ${name}`, async () =>
          cp.state === 'Active' ? true : undefined,
        );
      },
    };
  },
  async update(ctx, physicalId, props) {
    const cp = updateCapacityProvider(ctx.services.lambda, physicalId, {
      CapacityProviderScalingConfig: scaling(props.CapacityProviderScalingConfig),
    });
    return { physicalId, attributes: { Arn: cp.arn } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    try {
      deleteCapacityProvider(store, physicalId);
    } catch (e) {
      if (e instanceof AwsError && e.code === 'ResourceNotFoundException') return;
      throw e;
    }
    await pollUntil(ctx, `Deleting capacity provider ${physicalId}`, async () =>
      store.capacityProviders.has(physicalId) ? undefined : true,
    );
  },
};
