// AWS::Lambda::Version through the Lambda control plane. A Version of an LMI function stays
// CREATE_IN_PROGRESS until the version is Active, and fails the resource when provisioning fails.
// FunctionScalingConfig is the one property an update changes in place (the resource schema's
// create-only properties are the others); it is set before the version provisions.
import { AwsError } from '../../../errors.js';
import {
  num,
  type ProviderContext,
  type Props,
  type ResourceProvider,
} from '../../cloudformation/providers/types.js';
import { deleteFunction } from '../functions.js';
import { DEFAULT_SCALING } from '../capacity.js';
import type { ScalingConfig } from '../model.js';
import { functionArn, parseFunctionRef } from '../names.js';
import { publishVersion } from '../publish.js';
import { putScaling, validateScaling } from '../scaling.js';
import { ignoreNotFound } from './not-found.js';

/** The template's FunctionScalingConfig, without the members it leaves out. */
export function scalingOf(cfg: Props | undefined): ScalingConfig | undefined {
  if (!cfg) return undefined;
  const out: ScalingConfig = {};
  const min = num(cfg.MinExecutionEnvironments);
  const max = num(cfg.MaxExecutionEnvironments);
  if (min !== undefined) out.MinExecutionEnvironments = min;
  if (max !== undefined) out.MaxExecutionEnvironments = max;
  return out;
}

export const lambdaVersion: ResourceProvider = {
  replaceOn: ['FunctionName', 'Description', 'CodeSha256', 'ProvisionedConcurrencyConfig', 'RuntimePolicy'],
  required: ['FunctionName'],
  attributes: ['Version', 'FunctionArn'],
  async create(ctx: ProviderContext, props) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(String(props.FunctionName));
    const fn = store.getFunction(ref.name);
    const requested = scalingOf(props.FunctionScalingConfig);
    const v = publishVersion(store, fn, {
      Description: props.Description,
      CodeSha256: props.CodeSha256,
      scaling: requested && validateScaling(undefined, requested),
    });
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
  async update(ctx, physicalId, props, old) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(physicalId);
    const fn = store.getFunction(ref.name);
    // Without the property the version goes back to Lambda's default scaling.
    putScaling(store, fn, ref.qualifier, { ...DEFAULT_SCALING, ...scalingOf(props.FunctionScalingConfig) });
    return { physicalId, attributes: old.attributes };
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
