// One way to serve a REST-JSON API (Lambda, API Gateway): the method and path name the
// operation, a table maps each operation to its handler, bodies are read as JSON and answers
// written as JSON; an AwsError a handler throws becomes the protocol's error shape
// (x-amzn-ErrorType + {message}, rendered by the server).
import type { CallResource } from '../core/calls.js';
import { AwsError } from '../errors.js';
import { jsonResponse } from './protocols.js';
import type { RestRouter } from './rest-router.js';
import type { EmuRequest, EmuResponse, ServiceHandler } from './types.js';

/** One request as an operation's handler sees it. */
export interface RestJsonCall {
  req: EmuRequest;
  /** The path template's `{placeholders}`, decoded. */
  params: Record<string, string>;
  /** The body parsed as JSON; `{}` when empty. Read only when (and where) the operation needs it. */
  body<T = Record<string, unknown>>(): T;
  /** A JSON answer with this status; an undefined body is sent empty. */
  ok(status: number, out: unknown): EmuResponse;
}

/** An operation's handler; `ctx` is what the service gives every handler (its store, hooks). */
export type RestJsonOperation<C> = (ctx: C, call: RestJsonCall) => EmuResponse | Promise<EmuResponse>;

export interface RestJsonServiceSpec<C> {
  /** The SigV4 service name routed here. */
  name: string;
  /** The operations served, by method and path template. */
  routes: RestRouter;
  /** Operations recognised but not served, so their error can name them. */
  known: RestRouter;
  /** Route operation name → handler. */
  operations: Record<string, RestJsonOperation<C>>;
  context: C;
  throttleError(): AwsError;
  unknownOperation(operation: string): AwsError;
  /** The resources IAM authorizes a served operation against (see ServiceHandler.resourcesOf). */
  resources?(ctx: C, call: ResourceCall): CallResource[] | undefined;
  /** Request values a policy may condition on (see ServiceHandler.conditionKeysOf). */
  conditionKeys?(ctx: C, call: ResourceCall): Record<string, string> | undefined;
}

/** A served request as `resources` reads it. */
export interface ResourceCall {
  req: EmuRequest;
  operation: string;
  /** The path template's `{placeholders}`, decoded. */
  params: Record<string, string>;
}

function parseJsonBody<T>(req: EmuRequest): T {
  if (req.body.length === 0) return {} as T;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON.');
  }
}

export function restJsonService<C>(spec: RestJsonServiceSpec<C>): ServiceHandler {
  const { routes, known, operations } = spec;
  // One match per request: the operation, its resources, condition keys and the handler all ask.
  const matched = new WeakMap<EmuRequest, ReturnType<RestRouter['match']>>();
  const match = (req: EmuRequest) => {
    if (!matched.has(req)) matched.set(req, routes.match(req.method, req.rawPath));
    return matched.get(req);
  };
  return {
    name: spec.name,
    protocol: 'rest-json',
    operation: (req) =>
      match(req)?.operation ??
      known.match(req.method, req.rawPath)?.operation ??
      `${req.method} ${req.rawPath}`,
    throttleError: () => spec.throttleError(),
    unknownOperation: (operation) => spec.unknownOperation(operation),
    resourcesOf(req, operation) {
      const route = match(req);
      if (!route || !spec.resources) return undefined;
      return spec.resources(spec.context, { req, operation, params: route.params });
    },
    conditionKeysOf(req, operation) {
      const route = match(req);
      if (!route || !spec.conditionKeys) return undefined;
      return spec.conditionKeys(spec.context, { req, operation, params: route.params });
    },
    async handle(req, operation) {
      const route = match(req);
      const run = route && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!route || !run) throw spec.unknownOperation(operation);
      return run(spec.context, {
        req,
        params: route.params,
        body: <T>() => parseJsonBody<T>(req),
        ok: (status, out) => jsonResponse(status, out, req.requestId),
      });
    },
  };
}
