// Lambda over REST-JSON: the control plane (functions, versions, aliases, permissions,
// capacity providers, scaling config). Invoke is served by the code runner when one is
// plugged in (part 2); until then it answers as an unimplemented operation.
import { AwsError } from '../../errors.js';
import { jsonResponse } from '../../http/protocols.js';
import type { EmuRequest, EmuResponse, ServiceHandler } from '../../http/types.js';
import { createAlias, deleteAlias, updateAlias } from './aliases.js';
import {
  createCapacityProvider,
  deleteCapacityProvider,
  getCapacityProvider,
  updateCapacityProvider,
} from './capacity-providers.js';
import { lambdaError } from './errors.js';
import {
  createFunction,
  deleteFunction,
  publishVersion,
  updateCode,
  updateConfiguration,
} from './functions.js';
import { functionArn, parseFunctionRef } from './names.js';
import { addPermission, getPolicy, removePermission } from './permissions.js';
import { KNOWN, ROUTES } from './routes.js';
import { getScaling, putScaling } from './scaling.js';
import { aliasConfiguration, capacityProvider, functionConfiguration } from './shapes.js';
import type { LambdaStore } from './store.js';

/** Serves Invoke once the code runner exists (emulator/runtime, part 2). */
export type InvokeHook = (
  req: EmuRequest,
  functionName: string,
  qualifier: string | undefined,
) => Promise<EmuResponse>;

function body<T = Record<string, unknown>>(req: EmuRequest): T {
  if (req.body.length === 0) return {} as T;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON.');
  }
}

/** Marker/MaxItems pagination as Lambda's list operations do it. */
function page<T>(items: T[], req: EmuRequest): { items: T[]; next?: string } {
  const start = Number(req.query.get('Marker') ?? 0) || 0;
  const max = Math.min(Number(req.query.get('MaxItems') ?? 50) || 50, 10000);
  const slice = items.slice(start, start + max);
  return { items: slice, next: start + max < items.length ? String(start + max) : undefined };
}

export function lambdaService(store: LambdaStore, hooks: { invoke?: InvokeHook } = {}): ServiceHandler {
  const region = store.region;
  return {
    name: 'lambda',
    protocol: 'rest-json',
    operation: (req) =>
      ROUTES.match(req.method, req.rawPath)?.operation ??
      KNOWN.match(req.method, req.rawPath)?.operation ??
      `${req.method} ${req.rawPath}`,
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
    async handle(req, operation) {
      const route = ROUTES.match(req.method, req.rawPath);
      if (!route) throw this.unknownOperation(operation, req);
      const p = route.params;
      const ok = (status: number, out: unknown) => jsonResponse(status, out, req.requestId);
      const fnRef = () => parseFunctionRef(p.FunctionName ?? '', req.query.get('Qualifier'));
      const fn = () => {
        const ref = fnRef();
        return { ref, fn: store.getFunction(ref.name, ref.qualifier) };
      };

      switch (operation) {
        case 'CreateFunction': {
          const { fn: created, version } = await createFunction(store, body(req));
          return ok(201, functionConfiguration(region, created, version, version.version !== '$LATEST'));
        }
        case 'ListFunctions': {
          const all = [...store.functions.values()].map((f) =>
            functionConfiguration(region, f, f.latest, false),
          );
          const pg = page(all, req);
          return ok(200, { Functions: pg.items, NextMarker: pg.next });
        }
        case 'GetFunction': {
          const { ref, fn: f } = fn();
          const v = store.resolveVersion(f, ref.qualifier);
          return ok(200, {
            Configuration: functionConfiguration(region, f, v, ref.qualifier !== undefined),
            Code: {
              RepositoryType: 'S3',
              Location: `${req.headers.host ? `http://${req.headers.host}` : ''}/_emulator/lambda-code/${Buffer.from(v.config.code.sha256, 'base64').toString('hex')}.zip`,
            },
            Tags: Object.keys(f.tags).length ? f.tags : undefined,
          });
        }
        case 'GetFunctionConfiguration': {
          const { ref, fn: f } = fn();
          return ok(
            200,
            functionConfiguration(
              region,
              f,
              store.resolveVersion(f, ref.qualifier),
              ref.qualifier !== undefined,
            ),
          );
        }
        case 'UpdateFunctionConfiguration': {
          const { fn: f } = fn();
          return ok(200, functionConfiguration(region, f, updateConfiguration(store, f, body(req)), false));
        }
        case 'UpdateFunctionCode': {
          const { fn: f } = fn();
          const v = await updateCode(store, f, body(req));
          return ok(200, functionConfiguration(region, f, v, v.version !== '$LATEST'));
        }
        case 'DeleteFunction': {
          const { ref, fn: f } = fn();
          deleteFunction(store, f, ref.qualifier);
          return ok(204, undefined);
        }
        case 'PublishVersion': {
          const { fn: f } = fn();
          return ok(201, functionConfiguration(region, f, publishVersion(store, f, body(req)), true));
        }
        case 'ListVersionsByFunction': {
          const { fn: f } = fn();
          const all = [f.latest, ...f.versions.values()].map((v) =>
            functionConfiguration(region, f, v, true),
          );
          const pg = page(all, req);
          return ok(200, { Versions: pg.items, NextMarker: pg.next });
        }
        case 'CreateAlias': {
          const { fn: f } = fn();
          return ok(201, aliasConfiguration(region, f, createAlias(store, f, body(req))));
        }
        case 'ListAliases': {
          const { fn: f } = fn();
          const version = req.query.get('FunctionVersion');
          const all = [...f.aliases.values()]
            .filter((a) => !version || a.functionVersion === version)
            .map((a) => aliasConfiguration(region, f, a));
          const pg = page(all, req);
          return ok(200, { Aliases: pg.items, NextMarker: pg.next });
        }
        case 'GetAlias': {
          const { fn: f } = fn();
          return ok(200, aliasConfiguration(region, f, store.getAlias(f, p.Name!)));
        }
        case 'UpdateAlias': {
          const { fn: f } = fn();
          return ok(200, aliasConfiguration(region, f, updateAlias(store, f, p.Name!, body(req))));
        }
        case 'DeleteAlias': {
          const { fn: f } = fn();
          deleteAlias(store, f, p.Name!);
          return ok(204, undefined);
        }
        case 'AddPermission': {
          const { ref, fn: f } = fn();
          return ok(201, { Statement: JSON.stringify(addPermission(store, f, ref.qualifier, body(req))) });
        }
        case 'GetPolicy': {
          const { ref, fn: f } = fn();
          return ok(200, getPolicy(store, f, ref.qualifier));
        }
        case 'RemovePermission': {
          const { ref, fn: f } = fn();
          removePermission(store, f, ref.qualifier, p.StatementId!);
          return ok(204, undefined);
        }
        case 'Invoke': {
          const ref = fnRef();
          if (!hooks.invoke) {
            throw lambdaError(
              'UnknownOperationException',
              'The local emulator does not run function code yet (Invoke arrives with the code runner, part 2).',
            );
          }
          return hooks.invoke(req, ref.name, ref.qualifier);
        }
        case 'CreateCapacityProvider':
          return ok(202, { CapacityProvider: capacityProvider(createCapacityProvider(store, body(req))) });
        case 'ListCapacityProviders': {
          const state = req.query.get('State');
          const all = [...store.capacityProviders.values()]
            .filter((c) => !state || c.state === state)
            .map(capacityProvider);
          const pg = page(all, req);
          return ok(200, { CapacityProviders: pg.items, NextMarker: pg.next });
        }
        case 'GetCapacityProvider':
          return ok(200, {
            CapacityProvider: capacityProvider(getCapacityProvider(store, p.CapacityProviderName!)),
          });
        case 'UpdateCapacityProvider':
          return ok(202, {
            CapacityProvider: capacityProvider(
              updateCapacityProvider(store, p.CapacityProviderName!, body(req)),
            ),
          });
        case 'DeleteCapacityProvider':
          return ok(202, {
            CapacityProvider: capacityProvider(deleteCapacityProvider(store, p.CapacityProviderName!)),
          });
        case 'ListFunctionVersionsByCapacityProvider': {
          const cp = getCapacityProvider(store, p.CapacityProviderName!);
          const all = store
            .versionsOnCapacityProvider(cp.arn)
            .map((v) => ({ FunctionArn: functionArn(region, v.functionName, v.version), State: v.state }));
          const pg = page(all, req);
          return ok(200, { CapacityProviderArn: cp.arn, FunctionVersions: pg.items, NextMarker: pg.next });
        }
        case 'GetFunctionScalingConfig': {
          const { ref, fn: f } = fn();
          const s = getScaling(store, f, ref.qualifier);
          return ok(200, {
            FunctionArn: functionArn(region, f.name, s.version.version),
            AppliedFunctionScalingConfig: s.applied,
            RequestedFunctionScalingConfig: s.requested,
          });
        }
        case 'PutFunctionScalingConfig': {
          const { ref, fn: f } = fn();
          const v = putScaling(
            store,
            f,
            ref.qualifier,
            body<{ FunctionScalingConfig?: Record<string, number> }>(req).FunctionScalingConfig,
          );
          return ok(202, { FunctionState: v.state });
        }
        default:
          throw this.unknownOperation(operation, req);
      }
    },
  };
}
