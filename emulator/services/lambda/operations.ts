// Lambda's REST-JSON operations by name (the routes in routes.ts): each reads its request,
// calls the control plane (functions.ts, aliases.ts, permissions.ts, …) and shapes Lambda's
// answer. Invoke goes to the code runner's hook when one is plugged in.
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { RestJsonCall, RestJsonOperation } from '../../http/rest-json-service.js';
import { createAlias, deleteAlias, updateAlias } from './aliases.js';
import {
  createCapacityProvider,
  deleteCapacityProvider,
  getCapacityProvider,
  updateCapacityProvider,
} from './capacity-providers.js';
import { lambdaError } from './errors.js';
import { createFunction, deleteFunction, updateCode, updateConfiguration } from './functions.js';
import { functionArn, parseFunctionRef } from './names.js';
import { addPermission, getPolicy, removePermission } from './permissions.js';
import { publishVersion } from './publish.js';
import { getScaling, putScaling } from './scaling.js';
import { aliasConfiguration, capacityProvider, functionConfiguration } from './shapes.js';
import type { LambdaStore } from './store.js';

/** Serves Invoke: the code runner's, or one the emulator's caller gives. */
export type InvokeHook = (
  req: EmuRequest,
  functionName: string,
  qualifier: string | undefined,
) => Promise<EmuResponse>;

/** What every Lambda operation works with. */
interface LambdaApi {
  store: LambdaStore;
  region: string;
  invoke?: InvokeHook;
}

type Operation = RestJsonOperation<LambdaApi>;

/** Marker/MaxItems pagination as Lambda's list operations do it. */
function page<T>(items: T[], req: EmuRequest): { items: T[]; next?: string } {
  const start = Number(req.query.get('Marker') ?? 0) || 0;
  const max = Math.min(Number(req.query.get('MaxItems') ?? 50) || 50, 10000);
  const slice = items.slice(start, start + max);
  return { items: slice, next: start + max < items.length ? String(start + max) : undefined };
}

/** The function the path names (name, `name:qualifier` or ARN, plus `?Qualifier=`). */
const fnRef = ({ params, req }: RestJsonCall) =>
  parseFunctionRef(params.FunctionName ?? '', req.query.get('Qualifier'));

const targetFunction = (store: LambdaStore, call: RestJsonCall) => {
  const ref = fnRef(call);
  return { ref, fn: store.getFunction(ref.name, ref.qualifier) };
};

const FUNCTIONS: Record<string, Operation> = {
  CreateFunction: async ({ store, region }, { body, ok }) => {
    const { fn: created, version } = await createFunction(store, body());
    return ok(201, functionConfiguration(region, created, version, version.version !== '$LATEST'));
  },
  ListFunctions: ({ store, region }, { req, ok }) => {
    const all = [...store.functions.values()].map((f) => functionConfiguration(region, f, f.latest, false));
    const pg = page(all, req);
    return ok(200, { Functions: pg.items, NextMarker: pg.next });
  },
  GetFunction: ({ store, region }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    const v = store.resolveVersion(f, ref.qualifier);
    const host = call.req.headers.host;
    return call.ok(200, {
      Configuration: functionConfiguration(region, f, v, ref.qualifier !== undefined),
      Code: {
        RepositoryType: 'S3',
        Location: `${host ? `http://${host}` : ''}/_emulator/lambda-code/${Buffer.from(v.config.code.sha256, 'base64').toString('hex')}.zip`,
      },
      Tags: Object.keys(f.tags).length ? f.tags : undefined,
    });
  },
  GetFunctionConfiguration: ({ store, region }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    const v = store.resolveVersion(f, ref.qualifier);
    return call.ok(200, functionConfiguration(region, f, v, ref.qualifier !== undefined));
  },
  UpdateFunctionConfiguration: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    return call.ok(200, functionConfiguration(region, f, updateConfiguration(store, f, call.body()), false));
  },
  UpdateFunctionCode: async ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    const v = await updateCode(store, f, call.body());
    return call.ok(200, functionConfiguration(region, f, v, v.version !== '$LATEST'));
  },
  DeleteFunction: ({ store }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    deleteFunction(store, f, ref.qualifier);
    // The SDK model's DeleteFunction answers 200 (its output's StatusCode is the HTTP status).
    return call.ok(200, undefined);
  },
  PublishVersion: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    return call.ok(201, functionConfiguration(region, f, publishVersion(store, f, call.body()), true));
  },
  ListVersionsByFunction: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    const all = [f.latest, ...f.versions.values()].map((v) => functionConfiguration(region, f, v, true));
    const pg = page(all, call.req);
    return call.ok(200, { Versions: pg.items, NextMarker: pg.next });
  },
  Invoke: ({ invoke }, call) => {
    const ref = fnRef(call);
    if (!invoke) {
      throw lambdaError(
        'UnknownOperationException',
        'The local emulator does not run function code yet (Invoke arrives with the code runner, part 2).',
      );
    }
    return invoke(call.req, ref.name, ref.qualifier);
  },
};

const ALIASES: Record<string, Operation> = {
  CreateAlias: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    return call.ok(201, aliasConfiguration(region, f, createAlias(store, f, call.body())));
  },
  ListAliases: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    const version = call.req.query.get('FunctionVersion');
    const all = [...f.aliases.values()]
      .filter((a) => !version || a.functionVersion === version)
      .map((a) => aliasConfiguration(region, f, a));
    const pg = page(all, call.req);
    return call.ok(200, { Aliases: pg.items, NextMarker: pg.next });
  },
  GetAlias: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    return call.ok(200, aliasConfiguration(region, f, store.getAlias(f, call.params.Name!)));
  },
  UpdateAlias: ({ store, region }, call) => {
    const { fn: f } = targetFunction(store, call);
    return call.ok(200, aliasConfiguration(region, f, updateAlias(store, f, call.params.Name!, call.body())));
  },
  DeleteAlias: ({ store }, call) => {
    const { fn: f } = targetFunction(store, call);
    deleteAlias(store, f, call.params.Name!);
    return call.ok(204, undefined);
  },
};

const PERMISSIONS: Record<string, Operation> = {
  AddPermission: ({ store }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    return call.ok(201, { Statement: JSON.stringify(addPermission(store, f, ref.qualifier, call.body())) });
  },
  GetPolicy: ({ store }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    return call.ok(200, getPolicy(store, f, ref.qualifier));
  },
  RemovePermission: ({ store }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    removePermission(store, f, ref.qualifier, call.params.StatementId!);
    return call.ok(204, undefined);
  },
};

const CAPACITY_PROVIDERS: Record<string, Operation> = {
  CreateCapacityProvider: ({ store }, { body, ok }) =>
    ok(202, { CapacityProvider: capacityProvider(createCapacityProvider(store, body())) }),
  ListCapacityProviders: ({ store }, { req, ok }) => {
    const state = req.query.get('State');
    const all = [...store.capacityProviders.values()]
      .filter((c) => !state || c.state === state)
      .map(capacityProvider);
    const pg = page(all, req);
    return ok(200, { CapacityProviders: pg.items, NextMarker: pg.next });
  },
  GetCapacityProvider: ({ store }, { params, ok }) =>
    ok(200, { CapacityProvider: capacityProvider(getCapacityProvider(store, params.CapacityProviderName!)) }),
  UpdateCapacityProvider: ({ store }, { params, body, ok }) =>
    ok(202, {
      CapacityProvider: capacityProvider(updateCapacityProvider(store, params.CapacityProviderName!, body())),
    }),
  DeleteCapacityProvider: ({ store }, { params, ok }) =>
    ok(202, {
      CapacityProvider: capacityProvider(deleteCapacityProvider(store, params.CapacityProviderName!)),
    }),
  ListFunctionVersionsByCapacityProvider: ({ store, region }, { params, req, ok }) => {
    const cp = getCapacityProvider(store, params.CapacityProviderName!);
    const all = store
      .versionsOnCapacityProvider(cp.arn)
      .map((v) => ({ FunctionArn: functionArn(region, v.functionName, v.version), State: v.state }));
    const pg = page(all, req);
    return ok(200, { CapacityProviderArn: cp.arn, FunctionVersions: pg.items, NextMarker: pg.next });
  },
};

const SCALING: Record<string, Operation> = {
  GetFunctionScalingConfig: ({ store, region }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    const s = getScaling(store, f, ref.qualifier);
    return call.ok(200, {
      FunctionArn: functionArn(region, f.name, s.version.version),
      AppliedFunctionScalingConfig: s.applied,
      RequestedFunctionScalingConfig: s.requested,
    });
  },
  PutFunctionScalingConfig: ({ store }, call) => {
    const { ref, fn: f } = targetFunction(store, call);
    const requested = call.body<{ FunctionScalingConfig?: Record<string, number> }>().FunctionScalingConfig;
    const v = putScaling(store, f, ref.qualifier, requested);
    return call.ok(202, { FunctionState: v.state });
  },
};

/** Every operation Lambda serves, by the name its route gives. */
export const LAMBDA_OPERATIONS: Record<string, Operation> = {
  ...FUNCTIONS,
  ...ALIASES,
  ...PERMISSIONS,
  ...CAPACITY_PROVIDERS,
  ...SCALING,
};
