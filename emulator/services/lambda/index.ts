// Lambda over REST-JSON: the control plane (functions, versions, aliases, permissions,
// capacity providers, scaling config), its operations in operations.ts. Invoke is served by
// the code runner when one is plugged in; until then it answers as an unimplemented operation.
import { AwsError } from '../../errors.js';
import { restJsonService } from '../../http/rest-json-service.js';
import type { ServiceHandler } from '../../http/types.js';
import { lambdaConditionKeys, lambdaResources } from './iam-resources.js';
import { LAMBDA_OPERATIONS, type InvokeHook } from './operations.js';
import { KNOWN, ROUTES } from './routes.js';
import type { LambdaStore } from './store.js';

export type { InvokeHook } from './operations.js';

export function lambdaService(store: LambdaStore, hooks: { invoke?: InvokeHook } = {}): ServiceHandler {
  return restJsonService({
    name: 'lambda',
    routes: ROUTES,
    known: KNOWN,
    operations: LAMBDA_OPERATIONS,
    context: { store, region: store.region, invoke: hooks.invoke },
    resources: (ctx, call) => lambdaResources(ctx.region, call),
    conditionKeys: (_ctx, call) => lambdaConditionKeys(call),
    throttleError: () =>
      new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, {
        Type: 'User',
        Reason: 'CallerRateLimitExceeded',
        retryAfterSeconds: '1',
      }),
    unknownOperation: (op) =>
      new AwsError(
        'UnknownOperationException',
        `The local emulator does not implement Lambda operation ${op}.`,
        400,
        {
          Type: 'User',
        },
      ),
  });
}
