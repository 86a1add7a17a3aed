// What the listener refuses before any handler runs: requests addressed to a name other than
// loopback (a web page reaching the local cloud by DNS rebinding), requests a browser sends
// from a non-loopback page (Origin), and bodies over a size cap (read as a stream, never
// buffered past the cap).
import type http from 'node:http';
import type { EmuResponse } from './types.js';

/** Host names the local cloud answers to; any port. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host name of a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`), lower-cased. */
function hostName(value: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

const isLoopbackHost = (value: string | undefined): boolean => {
  const name = value === undefined ? undefined : hostName(value);
  return name !== undefined && LOOPBACK_HOSTS.has(name);
};

/** An Origin of a page served from loopback (`http://localhost:3000`); `null` and anything else are not. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function refusal(status: number, code: string, message: string): EmuResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ message }),
  };
}

/**
 * 403 for a request whose Host is not 127.0.0.1, localhost or [::1] (with any port), or
 * that a browser sent from a page on another origin; undefined for any other request.
 */
export function refuseForeignRequest(raw: http.IncomingMessage): EmuResponse | undefined {
  const host = raw.headers.host;
  if (!isLoopbackHost(host)) {
    return refusal(
      403,
      'ForbiddenHost',
      `The local cloud only answers requests addressed to 127.0.0.1, localhost or [::1]; ` +
        `Host ${host === undefined ? '(none)' : JSON.stringify(host)} is refused (DNS rebinding protection).`,
    );
  }
  const origin = raw.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return refusal(
      403,
      'ForbiddenOrigin',
      `The local cloud does not answer requests from web pages on other origins; Origin ${JSON.stringify(origin)} is refused.`,
    );
  }
  return undefined;
}

/** Every request body (S3 uploads, CreateFunction zips, templates). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Lambda's synchronous Invoke payload limit. */
export const MAX_INVOKE_BYTES = 6 * 1024 * 1024;
/** API Gateway's REST API payload limit. */
export const MAX_EXECUTE_API_BYTES = 10 * 1024 * 1024;

/**
 * The request body, or undefined when it is larger than `limit` bytes: a Content-Length over
 * the limit is refused without reading anything, a longer (chunked) stream as soon as it
 * passes the limit; the rest of the body is not read.
 */
export function readBodyCapped(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0; // dropped: the caller answers 413 and discards the rest
        resolve(undefined);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
