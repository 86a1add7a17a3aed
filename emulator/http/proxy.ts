// Passes a request through to an in-process backing server (dynalite, s3rver) on its own
// loopback port and returns its answer unchanged. The signature is not re-computed: the
// backends either ignore it or receive the request anonymously. The backend token proves to
// the backend that the request came through here (backend-guard.ts).
import http from 'node:http';
import { backendTokenHeader } from './backend-guard.js';
import type { EmuRequest, EmuResponse } from './types.js';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'content-length',
  'expect',
]);
/** Response headers not passed back; content-length is kept (a HEAD answer has no body). */
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

export interface ProxyOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  method: string;
}

export function forward(opts: ProxyOptions): Promise<EmuResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        method: opts.method,
        path: opts.path,
        headers: {
          ...opts.headers,
          ...backendTokenHeader(),
          host: `127.0.0.1:${opts.port}`,
          'content-length': String(opts.body.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined && !RESPONSE_HOP_BY_HOP.has(k))
              headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 500, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The request's headers as a flat map without hop-by-hop headers. */
export function passHeaders(req: EmuRequest, drop: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || drop.includes(k)) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Decodes an `aws-chunked` body (what the SDK sends for streamed uploads with trailing
 * checksums) into the plain payload a backend understands.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const sizeHex = body.subarray(pos, lineEnd).toString('latin1').split(';')[0]!.trim();
    const size = parseInt(sizeHex, 16);
    if (!Number.isFinite(size) || size === 0) break;
    const start = lineEnd + 2;
    parts.push(body.subarray(start, start + size));
    pos = start + size + 2;
  }
  return Buffer.concat(parts);
}
