// The emulator's single listener: refuses requests not addressed to loopback and bodies over
// their size cap (guard.ts), reads each request, routes it by the SigV4 credential scope's
// service name, applies injected faults, records the call, and answers in the service's own
// wire protocol. Signatures are not verified: any access key works.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../errors.js';
import type { CallRecord } from '../core/calls.js';
import type { Faults } from '../core/faults.js';
import { requestId as newRequestId } from '../core/ids.js';
import type { Timers } from '../core/timers.js';
import { EXECUTE_API_PATH } from '../execute-api/local-url.js';
import { requestTooLarge } from '../execute-api/responses.js';
import { readCredentialScope } from './auth.js';
import {
  MAX_BODY_BYTES,
  MAX_EXECUTE_API_BYTES,
  MAX_INVOKE_BYTES,
  readBodyCapped,
  refuseForeignRequest,
} from './guard.js';
import { renderError } from './protocols.js';
import type { EmuRequest, EmuResponse, Protocol, ServiceHandler } from './types.js';

/** Requests outside the AWS APIs: execute-api (part 2) and the emulator's own paths. */
export type RawRoute = (req: EmuRequest) => Promise<EmuResponse | undefined>;

export interface ServerDeps {
  services: Map<string, ServiceHandler>;
  calls: CallRecord[];
  faults: Faults;
  timers: Timers;
  region: string;
  startedAt: number;
  rawRoutes: RawRoute[];
  log: (line: string) => void;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** How large a request's body may be, and the answer when it is larger. */
interface BodyLimit {
  bytes: number;
  tooLarge(req: EmuRequest): { out: EmuResponse; service: string; operation: string; code?: string };
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;

/**
 * The body limit of a request, from its path and credential scope alone (the body is not read
 * yet): execute-api 10 MiB and Lambda Invoke 6 MB as AWS, anything else MAX_BODY_BYTES.
 */
function bodyLimitOf(deps: ServerDeps, raw: http.IncomingMessage, req: EmuRequest): BodyLimit {
  if (EXECUTE_API_PATH.test(req.rawPath)) {
    return {
      bytes: MAX_EXECUTE_API_BYTES,
      tooLarge: (r) => ({
        out: requestTooLarge(r.requestId).response,
        service: 'execute-api',
        operation: `${r.method} ${r.rawPath}`,
        code: 'REQUEST_TOO_LARGE',
      }),
    };
  }
  let service = '';
  try {
    service = readCredentialScope(
      typeof raw.headers.authorization === 'string' ? raw.headers.authorization : undefined,
      req.query,
      true,
    ).service;
  } catch {
    // unroutable: answered by routeByScope's error unless the body is too large
  }
  const handler = deps.services.get(service);
  const invoke = service === 'lambda' && req.method === 'POST' && INVOKE_PATH.test(req.rawPath);
  const bytes = invoke ? MAX_INVOKE_BYTES : MAX_BODY_BYTES;
  return {
    bytes,
    tooLarge: (r) => {
      const operation = handler ? handler.operation(r) : guessOperation(r);
      const err = invoke
        ? new AwsError(
            'RequestEntityTooLargeException',
            `Request must be smaller than ${bytes} bytes for the InvokeFunction operation`,
            413,
          )
        : service === 's3'
          ? new AwsError(
              'EntityTooLarge',
              `Your proposed upload exceeds the maximum allowed size: the local cloud accepts request bodies up to ${bytes} bytes.`,
              413,
            )
          : new AwsError(
              'RequestEntityTooLargeException',
              `Request must be smaller than ${bytes} bytes: the local cloud's limit for a request body.`,
              413,
            );
      const out =
        handler?.renderError?.(err, r.requestId) ??
        renderError(handler?.protocol ?? guessProtocol(r), service, err, r.requestId);
      return { out, service: service || 'unknown', operation, code: err.code };
    },
  };
}

/** Without a routable scope, the request's own shape tells which protocol to answer in. */
function guessProtocol(req: EmuRequest): Protocol {
  if (req.headers['x-amz-target']) return 'json';
  if (String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return 'query';
  return 'rest-json';
}

function guessOperation(req: EmuRequest): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const action = new URLSearchParams(req.body.toString('utf8')).get('Action') ?? req.query.get('Action');
  return action ?? `${req.method} ${req.rawPath}`;
}

function write(res: http.ServerResponse, out: EmuResponse): void {
  const body = out.body ?? '';
  const headers: Record<string, string | string[]> = { ...out.headers };
  headers['content-length'] ??= String(Buffer.byteLength(body));
  res.writeHead(out.status, headers);
  res.end(body);
}

function toEmuRequest(raw: http.IncomingMessage, body: Buffer, region: string): EmuRequest {
  const target = raw.url ?? '/';
  const url = new URL(target, 'http://localhost');
  // The path as sent: URL parsing would resolve `..` and `%2e%2e` segments, which AWS does not
  // (an S3 key may hold them; emulator/services/s3/keys.ts refuses them).
  const rawPath = target.startsWith('/') ? target.split(/[?#]/)[0]! : url.pathname;
  return {
    method: raw.method ?? 'GET',
    rawPath,
    query: url.searchParams,
    headers: raw.headers,
    body,
    service: '',
    region,
    accessKeyId: '',
    requestId: newRequestId(),
    rawHeaders: raw.rawHeaders,
    remoteAddress: raw.socket.remoteAddress,
  };
}

function record(
  deps: ServerDeps,
  req: EmuRequest,
  service: string,
  operation: string,
  statusCode: number,
  errorCode?: string,
  authorization: Authorization = {},
): void {
  deps.calls.push({
    service,
    operation,
    statusCode,
    errorCode,
    at: Date.now() - deps.startedAt,
    ...(req.accessKeyId ? { accessKeyId: req.accessKeyId } : {}),
    ...(authorization.resources ? { resources: authorization.resources } : {}),
    ...(authorization.conditionKeys ? { conditionKeys: authorization.conditionKeys } : {}),
  });
}

type Authorization = Pick<CallRecord, 'resources' | 'conditionKeys'>;

/** What IAM would authorize a request by, for the call log; a lookup that fails leaves it unknown. */
function authorizationOf(handler: ServiceHandler, req: EmuRequest, operation: string): Authorization {
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  return {
    resources: attempt(() => handler.resourcesOf?.(req, operation)),
    conditionKeys: attempt(() => handler.conditionKeysOf?.(req, operation)),
  };
}

type Routed = { handler: ServiceHandler; error?: undefined } | { handler?: ServiceHandler; error: AwsError };

/** The service the credential scope names (filling in req.service and req.accessKeyId), or why none serves it. */
function routeByScope(deps: ServerDeps, raw: http.IncomingMessage, req: EmuRequest): Routed {
  let handler: ServiceHandler | undefined;
  try {
    const scope = readCredentialScope(
      typeof raw.headers.authorization === 'string' ? raw.headers.authorization : undefined,
      req.query,
      Boolean(raw.headers['x-amz-date'] ?? raw.headers.date),
    );
    req.service = scope.service;
    req.accessKeyId = scope.accessKeyId;
    handler = deps.services.get(scope.service);
    if (!handler) {
      const op = guessOperation(req);
      const protocol = guessProtocol(req);
      throw new AwsError(
        protocol === 'query' ? 'InvalidAction' : 'UnknownOperationException',
        `The local emulator does not implement the '${scope.service}' service (operation ${op}).`,
      );
    }
    if (scope.region !== deps.region) {
      throw new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${scope.region}'. This emulator serves ${deps.region}.`,
        403,
      );
    }
    return { handler };
  } catch (e) {
    return { handler, error: e instanceof AwsError ? e : new AwsError('InternalFailure', String(e), 500) };
  }
}

/** Injected faults first, then the service; any failure answered in the service's protocol. */
async function answer(
  deps: ServerDeps,
  handler: ServiceHandler,
  req: EmuRequest,
  operation: string,
): Promise<{ out: EmuResponse; errorCode?: string }> {
  try {
    const fault = deps.faults.takeApiFault(handler.name, operation);
    if (fault.latencyMs > 0) await deps.timers.sleep(fault.latencyMs);
    if (fault.throttle) throw handler.throttleError();
    if (fault.error) throw fault.error;
    const out = await handler.handle(req, operation);
    return { out, errorCode: out.status >= 400 ? handler.errorCodeOf?.(out) : undefined };
  } catch (e) {
    let err: AwsError;
    if (e instanceof AwsError) err = e;
    else {
      deps.log(`[emulator] ${handler.name}:${operation} failed: ${(e as Error).stack ?? String(e)}`);
      err = new AwsError('InternalFailure', `The emulator failed to process ${operation}: ${String(e)}`, 500);
    }
    const out =
      handler.renderError?.(err, req.requestId) ??
      renderError(handler.protocol, handler.name, err, req.requestId);
    return { out, errorCode: err.code };
  }
}

/** How long the rest of a refused body is read (and dropped) so the client sees the answer. */
const LINGER_MS = 2000;

/**
 * Reads and drops the rest of a body refused as too large, for at most LINGER_MS: closing the
 * socket at once would reset a client still sending it before it reads the 413.
 */
function discardRest(raw: http.IncomingMessage): void {
  if (raw.complete) return;
  const timer = setTimeout(() => raw.socket.destroy(), LINGER_MS);
  timer.unref();
  raw.on('end', () => clearTimeout(timer));
  raw.on('close', () => clearTimeout(timer));
  raw.resume();
}

async function handleRequest(
  deps: ServerDeps,
  raw: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const refused = refuseForeignRequest(raw);
  if (refused) return write(res, refused);
  const req = toEmuRequest(raw, Buffer.alloc(0), deps.region);
  const limit = bodyLimitOf(deps, raw, req);
  const body = await readBodyCapped(raw, limit.bytes);
  if (!body) {
    const { out, service, operation, code } = limit.tooLarge(req);
    record(deps, req, service, operation, out.status, code);
    write(res, out);
    return discardRest(raw);
  }
  req.body = body;
  for (const route of deps.rawRoutes) {
    const out = await route(req);
    if (out) return write(res, out);
  }
  const routed = routeByScope(deps, raw, req);
  if (routed.error) {
    const err = routed.error;
    const protocol = routed.handler?.protocol ?? guessProtocol(req);
    record(deps, req, req.service || 'unknown', guessOperation(req), err.statusCode, err.code);
    const rendered = routed.handler?.renderError?.(err, req.requestId);
    return write(res, rendered ?? renderError(protocol, req.service, err, req.requestId));
  }
  const { handler } = routed;
  const operation = handler.operation(req);
  const { out, errorCode } = await answer(deps, handler, req, operation);
  record(deps, req, handler.name, operation, out.status, errorCode, authorizationOf(handler, req, operation));
  write(res, out);
}

export async function startServer(port: number, deps: ServerDeps): Promise<RunningServer> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((raw, res) => {
    handleRequest(deps, raw, res).catch((e: unknown) => {
      deps.log(`[emulator] request failed: ${String(e)}`);
      if (!res.headersSent) write(res, { status: 500, body: 'internal emulator error' });
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
