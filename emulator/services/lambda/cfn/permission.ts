// AWS::Lambda::Permission: a statement in the function's (or qualifier's) resource policy,
// named by CloudFormation's generated physical name.
import type { ResourceProvider } from '../../cloudformation/providers/types.js';
import { parseFunctionRef } from '../names.js';
import { addPermission, removePermission } from '../permissions.js';
import { ignoreNotFound } from './not-found.js';

export const lambdaPermission: ResourceProvider = {
  replaceOn: '*',
  required: ['Action', 'FunctionName', 'Principal'],
  attributes: [],
  async create(ctx, props) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(String(props.FunctionName));
    const fn = store.getFunction(ref.name, ref.qualifier);
    const sid = ctx.physicalName(100);
    addPermission(store, fn, ref.qualifier, {
      StatementId: sid,
      Action: props.Action,
      Principal: props.Principal,
      SourceArn: props.SourceArn,
      SourceAccount: props.SourceAccount,
      PrincipalOrgID: props.PrincipalOrgID,
    });
    return { physicalId: sid, attributes: { FunctionName: fn.name, Qualifier: ref.qualifier } };
  },
  async delete(ctx, physicalId, _props, attributes) {
    const store = ctx.services.lambda;
    await ignoreNotFound(() =>
      removePermission(
        store,
        store.getFunction(String(attributes.FunctionName)),
        attributes.Qualifier as string | undefined,
        physicalId,
      ),
    );
  },
};
