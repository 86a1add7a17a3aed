// AWS::Lambda::Version through the Lambda control plane. A Version of an LMI function stays
// CREATE_IN_PROGRESS until the version is Active, and fails the resource when provisioning fails.
import { AwsError } from '../../../errors.js';
import { num, type ProviderContext, type ResourceProvider } from '../../cloudformation/providers/types.js';
import { deleteFunction, publishVersion } from '../functions.js';
import { functionArn, parseFunctionRef } from '../names.js';
import { putScaling } from '../scaling.js';
import { ignoreNotFound } from './not-found.js';

export const lambdaVersion: ResourceProvider = {
  replaceOn: '*',
  required: ['FunctionName'],
  attributes: ['Version', 'FunctionArn'],
  async create(ctx: ProviderContext, props) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(String(props.FunctionName));
    const fn = store.getFunction(ref.name);
    const v = publishVersion(store, fn, { Description: props.Description, CodeSha256: props.CodeSha256 });
    if (props.FunctionScalingConfig) {
      putScaling(store, fn, v.version, {
        MinExecutionEnvironments: num(props.FunctionScalingConfig.MinExecutionEnvironments),
        MaxExecutionEnvironments: num(props.FunctionScalingConfig.MaxExecutionEnvironments),
      });
    }
    const physicalId = functionArn(ctx.region, fn.name, v.version);
    return {
      physicalId,
      attributes: { Version: v.version, FunctionArn: fn.arn },
      stabilize: async () => {
        const settled = await store.waitForVersionSettled(v, ctx.signal);
        if (settled.state === 'Failed') {
          throw new AwsError(
            'NotStabilized',
            `Version ${v.version} of function ${fn.name} failed to become Active: ${settled.stateReason ?? ''} (StateReasonCode: ${settled.stateReasonCode ?? ''})`,
          );
        }
      },
    };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(physicalId);
    await ignoreNotFound(() => {
      const fn = store.getFunction(ref.name);
      if (ref.qualifier && fn.versions.has(ref.qualifier)) deleteFunction(store, fn, ref.qualifier);
    });
  },
};
