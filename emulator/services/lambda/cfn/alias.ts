// AWS::Lambda::Alias through the Lambda control plane, weighted routing included.
import type { Props, ResourceProvider } from '../../cloudformation/providers/types.js';
import { createAlias, deleteAlias, updateAlias } from '../aliases.js';
import { functionArn, parseFunctionRef } from '../names.js';
import { ignoreNotFound } from './not-found.js';

function routing(cfg: Props | undefined): Record<string, number> {
  const list: Props[] = cfg?.AdditionalVersionWeights ?? [];
  return Object.fromEntries(list.map((w) => [String(w.FunctionVersion), Number(w.FunctionWeight)]));
}

export const lambdaAlias: ResourceProvider = {
  replaceOn: ['Name', 'FunctionName'],
  nameProperty: 'Name',
  required: ['Name', 'FunctionName', 'FunctionVersion'],
  attributes: ['AliasArn'],
  async create(ctx, props) {
    const store = ctx.services.lambda;
    const fn = store.getFunction(parseFunctionRef(String(props.FunctionName)).name);
    const alias = createAlias(store, fn, {
      Name: props.Name,
      FunctionVersion: String(props.FunctionVersion),
      Description: props.Description,
      RoutingConfig: { AdditionalVersionWeights: routing(props.RoutingConfig) },
    });
    const arn = functionArn(ctx.region, fn.name, alias.name);
    return { physicalId: arn, attributes: { AliasArn: arn } };
  },
  async update(ctx, physicalId, props) {
    const store = ctx.services.lambda;
    const fn = store.getFunction(parseFunctionRef(String(props.FunctionName)).name);
    updateAlias(store, fn, String(props.Name), {
      FunctionVersion: String(props.FunctionVersion),
      Description: props.Description ?? '',
      RoutingConfig: { AdditionalVersionWeights: routing(props.RoutingConfig) },
    });
    return { physicalId, attributes: { AliasArn: physicalId } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(physicalId);
    await ignoreNotFound(() => deleteAlias(store, store.getFunction(ref.name), ref.qualifier ?? ''));
  },
};
