// Lambda Invoke without the SDK's per-call machinery, for the load generator: the same HTTP
// request the SDK's InvokeCommand sends (POST /2015-03-31/functions/<name>/invocations?Qualifier=…
// with X-Amz-Invocation-Type, X-Amz-Log-Type and SigV4 over the same headers, session token
// included), sent through an undici Pool whose keep-alive connections match the concurrency,
// with one attempt and no middleware. The endpoint and region are resolved by the SDK client
// (aws/invoke-endpoint.ts), so a custom endpoint such as the local cloud's is honoured. Answers
// and errors come back in the shape invoke.ts reads from the SDK: a function error is an
// answer, every non-2xx is a LambdaServiceError named by x-amzn-ErrorType as the SDK names it.
// It imports nothing from the SDK: load workers load it on their own.
import { Pool, type Dispatcher } from 'undici';
import {
  RequestSigner,
  amzDate,
  canonicalPath,
  sha256Hex,
  uriEncode,
  type SigningCredentials,
} from './sigv4.js';

/** What an Invoke answered, the SDK's InvokeCommandOutput reduced to what the checks read. */
export interface InvokeOutput {
  /** x-amzn-RequestId: the handler's context.awsRequestId. */
  readonly requestId?: string;
  readonly executedVersion?: string;
  /** X-Amz-Function-Error: `Unhandled` when the handler threw, timed out or crashed. */
  readonly functionError?: string;
  /** X-Amz-Log-Result: base64 of the log tail, when asked for. */
  readonly logResult?: string;
  readonly payload: string;
}

export interface InvokeCall {
  readonly functionName: string;
  readonly qualifier: string;
  readonly payload: Buffer;
  readonly logTail: boolean;
  readonly signal?: AbortSignal;
}

export interface DirectInvokeConfig {
  /** The endpoint URL the SDK client resolved (`https://lambda.<region>.amazonaws.com/`). */
  readonly endpoint: string;
  readonly region: string;
  /** Keep-alive connections: one per request in flight, or requests queue in the pool. */
  readonly connections: number;
  readonly connectTimeoutMs?: number;
  /** Until the answer's headers and between body chunks. */
  readonly requestTimeoutMs?: number;
}

/** An error answer, shaped like the SDK's ServiceException so core/aws-errors.ts reads it alike. */
class LambdaServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };
  /** TooManyRequestsException says why it throttled (ConcurrentInvocationLimitExceeded, …). */
  readonly Reason?: string;
  readonly Type?: string;

  constructor(
    name: string,
    message: string,
    statusCode: number,
    body: Record<string, unknown>,
    requestId?: string,
  ) {
    super(message);
    this.name = name;
    this.$fault = statusCode >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: statusCode, requestId };
    if (typeof body.Reason === 'string') this.Reason = body.Reason;
    if (typeof body.Type === 'string') this.Type = body.Type;
  }
}

const SERVICE = 'lambda';
const CONTENT_TYPE = 'application/octet-stream';
const USER_AGENT = 'lmi-cutover-load';

/** One target's request line and the parts of its canonical request that never change. */
export interface TargetShape {
  readonly path: string;
  readonly canonicalPath: string;
  readonly canonicalQuery: string;
}

export class DirectLambdaInvoker {
  readonly #pool: Pool;
  readonly #signer: RequestSigner;
  readonly #host: string;
  readonly #basePath: string;
  readonly #shapes = new Map<string, TargetShape>();
  readonly #inFlight = new InFlight();
  readonly connections: number;

  /** `credentials`: the current credentials, read per request (the owner refreshes them). */
  constructor(
    config: DirectInvokeConfig,
    private readonly credentials: () => SigningCredentials,
  ) {
    const url = new URL(config.endpoint);
    this.connections = Math.max(1, config.connections);
    this.#host = url.host;
    this.#basePath = basePath(url);
    this.#signer = new RequestSigner(config.region, SERVICE);
    const timeout = config.requestTimeoutMs ?? 960_000;
    this.#pool = new Pool(url.origin, {
      connections: this.connections,
      pipelining: 1,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { timeout: config.connectTimeoutMs ?? 10_000 },
    });
  }

  invoke(call: InvokeCall): Promise<InvokeOutput> {
    const shape = this.#shape(call.functionName, call.qualifier);
    const headers = signedInvokeHeaders(
      { host: this.#host, shape, signer: this.#signer },
      call,
      this.credentials(),
      amzDate(Date.now()),
    );
    return new Promise<InvokeOutput>((resolve, reject) => {
      const handler = new InvokeHandler(call.signal, this.#inFlight, (e, answer) => {
        if (e) return reject(sdkLikeError(e, call.signal));
        try {
          resolve(readAnswer(answer!));
        } catch (error) {
          reject(error);
        }
      });
      this.#pool.dispatch({ method: 'POST', path: shape.path, headers, body: call.payload }, handler);
    });
  }

  /**
   * Ends every request in flight with an AbortError: what a burst that stops does, instead of
   * handing each request an AbortSignal (a listener added and removed per request).
   */
  abortInFlight(): void {
    this.#inFlight.abortAll();
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  #shape(functionName: string, qualifier: string): TargetShape {
    const key = `${functionName}\n${qualifier}`;
    let shape = this.#shapes.get(key);
    if (!shape) {
      shape = invokeShape(this.#basePath, functionName, qualifier);
      this.#shapes.set(key, shape);
    }
    return shape;
  }
}

/** What precedes the operation's path: as the SDK joins them, `/` is none, `/p/` keeps its slash. */
export const basePath = (endpoint: URL): string => (endpoint.pathname === '/' ? '' : endpoint.pathname);

/** The request line of an Invoke of one qualified function, and its canonical form. */
export function invokeShape(basePath: string, functionName: string, qualifier: string): TargetShape {
  const path = `${basePath}/2015-03-31/functions/${uriEncode(functionName)}/invocations`;
  const query = `Qualifier=${uriEncode(qualifier)}`;
  return { path: `${path}?${query}`, canonicalPath: canonicalPath(path), canonicalQuery: query };
}

/**
 * Every header of one Invoke as a flat [name, value, …] list, Authorization first: the headers
 * the SDK's InvokeCommand signs, minus its retry and telemetry headers (amz-sdk-*), which AWS
 * does not require.
 */
export function signedInvokeHeaders(
  to: { readonly host: string; readonly shape: TargetShape; readonly signer: RequestSigner },
  call: Pick<InvokeCall, 'payload' | 'logTail'>,
  credentials: SigningCredentials,
  date: string,
): string[] {
  const payloadHash = sha256Hex(call.payload);
  // Sorted by name, as the canonical request lists them; all of them signed.
  const signed: Array<[string, string]> = [
    ['content-length', String(call.payload.length)],
    ['content-type', CONTENT_TYPE],
    ['host', to.host],
    ['x-amz-content-sha256', payloadHash],
    ['x-amz-date', date],
    ['x-amz-invocation-type', 'RequestResponse'],
    ['x-amz-log-type', call.logTail ? 'Tail' : 'None'],
  ];
  if (credentials.sessionToken) signed.push(['x-amz-security-token', credentials.sessionToken]);
  const authorization = to.signer.authorization(
    { method: 'POST', ...to.shape, headers: signed, payloadHash },
    credentials,
    date,
  );
  const headers: string[] = ['authorization', authorization, 'user-agent', USER_AGENT];
  for (const [name, value] of signed) headers.push(name, value);
  return headers;
}

/** An answer as it came off the socket: status, the headers the checks read, the body. */
interface RawAnswer {
  readonly statusCode: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
}

/** The response headers an Invoke's reader needs, by lower-case name. */
const READ_HEADERS = new Set([
  'x-amzn-requestid',
  'x-amz-executed-version',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amzn-errortype',
]);

/** The requests an invoker has in flight, so a stopping burst can end them all at once. */
class InFlight {
  /** undici's abort function of each request it has started writing (onConnect). */
  readonly aborts = new Set<(e: Error) => void>();
  /** Bumped by abortAll: a request dispatched before it but not yet started is aborted as it starts. */
  generation = 0;

  abortAll(): void {
    this.generation++;
    for (const abort of [...this.aborts]) abort(abortError());
  }
}

/**
 * One request through undici's dispatch API: the body's chunks are gathered as they come, with
 * none of the Readable stream and promise chain `request()` builds per response.
 */
class InvokeHandler implements Dispatcher.DispatchHandlers {
  #abort?: (e: Error) => void;
  #statusCode = 0;
  #headers = new Map<string, string>();
  readonly #chunks: Buffer[] = [];
  #settled = false;
  readonly #generation: number;
  readonly #onSignal = () => this.#abort?.(abortError());

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly inFlight: InFlight,
    private readonly done: (e: Error | undefined, answer?: RawAnswer) => void,
  ) {
    this.#generation = inFlight.generation;
  }

  onConnect(abort: (e?: Error) => void): void {
    this.#abort = abort;
    if (this.signal?.aborted || this.#generation !== this.inFlight.generation) return abort(abortError());
    this.inFlight.aborts.add(abort);
    this.signal?.addEventListener('abort', this.#onSignal, { once: true });
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    this.#statusCode = statusCode;
    const headers = rawHeaders ?? [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = headers[i]!.toString().toLowerCase();
      if (!READ_HEADERS.has(name)) continue;
      const value = headers[i + 1]!.toString();
      const before = this.#headers.get(name);
      this.#headers.set(name, before === undefined ? value : `${before},${value}`);
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.#settle(undefined, {
      statusCode: this.#statusCode,
      headers: this.#headers,
      text: Buffer.concat(this.#chunks).toString('utf8'),
    });
  }

  onError(e: Error): void {
    this.#settle(e);
  }

  #settle(e: Error | undefined, answer?: RawAnswer): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.#abort) this.inFlight.aborts.delete(this.#abort);
    this.signal?.removeEventListener('abort', this.#onSignal);
    this.done(e, answer);
  }
}

/** The answer as InvokeOutput, or the SDK-shaped error of a non-2xx one. */
function readAnswer({ statusCode, headers, text }: RawAnswer): InvokeOutput {
  const requestId = headers.get('x-amzn-requestid');
  if (statusCode < 200 || statusCode >= 300)
    throw serviceError(statusCode, headers.get('x-amzn-errortype'), text, requestId);
  return {
    requestId,
    executedVersion: headers.get('x-amz-executed-version'),
    functionError: headers.get('x-amz-function-error'),
    logResult: headers.get('x-amz-log-result'),
    payload: text,
  };
}

const abortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' });

/** The error the SDK would throw for a non-2xx answer of a REST-JSON service. */
function serviceError(
  statusCode: number,
  errorType: string | undefined,
  text: string,
  requestId: string | undefined,
): LambdaServiceError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status and the text are all there is.
  }
  const bodyType = [body.code, body.Code, body.__type].find((v): v is string => typeof v === 'string');
  // `x-amzn-ErrorType: TooManyRequestsException:http://…` and `__type: ns#Code` name the same code.
  const code = (errorType ?? bodyType)?.split(':')[0]?.split('#').pop() || 'UnknownError';
  const message = [body.message, body.Message, body.errorMessage].find((v) => typeof v === 'string');
  return new LambdaServiceError(
    code,
    typeof message === 'string' ? message : text.slice(0, 200) || `HTTP ${statusCode}`,
    statusCode,
    body,
    requestId,
  );
}

/** Transport failures named as the SDK's NodeHttpHandler names them. */
function sdkLikeError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || (e as Error | null)?.name === 'AbortError') return abortError();
  const code = (e as { code?: string } | null)?.code;
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  )
    return Object.assign(new Error((e as Error).message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
  return e;
}
