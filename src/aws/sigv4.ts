// AWS Signature Version 4 for one fixed request shape, signed thousands of times a second by
// the load generator (aws/lambda-invoke.ts). @smithy/signature-v4 (what the SDK signs with)
// is generic: it clones the request, normalises every header and hashes through async hash
// objects — more CPU per call than sending the request. Here the caller hands over headers
// already lower-cased, trimmed and sorted, the canonical path and query already built, and the
// signing key — HMAC chain of secret, date, region, service — is derived once per date and
// kept (it changes once a day, or when the credentials change) as a KeyObject: createHmac with
// a Buffer key imports the key on every call, five times the cost of the HMAC itself. What is
// left per request is one SHA-256 of the canonical request and one HMAC. A unit test compares
// every header this writes with @smithy/signature-v4's for the same request, byte for byte.
import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When they stop working; absent for long-term keys. */
  readonly expiration?: Date;
}

export interface CanonicalRequest {
  readonly method: string;
  /** The path as signed: each segment URI-encoded as SigV4 requires (see canonicalPath). */
  readonly canonicalPath: string;
  /** `key=value` pairs, URI-encoded, sorted by key, joined by `&`. */
  readonly canonicalQuery: string;
  /** Lower-case names, trimmed values, sorted by name; every header here is signed. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Hex SHA-256 of the body. */
  readonly payloadHash: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** RFC 3986 encoding as SigV4 wants it: encodeURIComponent leaves !'()* alone. */
export const uriEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical form of a request path for every service but S3, as the SDK's signer makes it:
 * empty and `.` segments dropped, `..` resolved, then each segment of the path as sent
 * (already encoded once) encoded again.
 */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${segments.join('/')}${trail}`;
}

/** One-shot: crypto.hash skips the Hash object createHash builds for streaming. */
export const sha256Hex = (data: string | Buffer): string => hash('sha256', data, 'hex');

/** `20260102T030405Z`: the X-Amz-Date form of a time. */
export const amzDate = (epochMs: number): string =>
  new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Signs requests to one region and service, keeping the signing key of the current date and
 * credentials. Not shared between threads: each load worker has its own.
 */
export class RequestSigner {
  #keyScope = '';
  #key?: KeyObject;

  constructor(
    readonly region: string,
    readonly service: string,
  ) {}

  /** The Authorization header for a request stamped `date` (X-Amz-Date, which must be signed). */
  authorization(request: CanonicalRequest, credentials: SigningCredentials, date: string): string {
    const day = date.slice(0, 8);
    const scope = `${day}/${this.region}/${this.service}/aws4_request`;
    let canonicalHeaders = '';
    let signedHeaders = '';
    for (const [name, value] of request.headers) {
      canonicalHeaders += `${name}:${value}\n`;
      signedHeaders += signedHeaders === '' ? name : `;${name}`;
    }
    const canonical =
      `${request.method}\n${request.canonicalPath}\n${request.canonicalQuery}\n` +
      `${canonicalHeaders}\n${signedHeaders}\n${request.payloadHash}`;
    const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${sha256Hex(canonical)}`;
    const signature = createHmac('sha256', this.#signingKey(credentials, day))
      .update(stringToSign)
      .digest('hex');
    return `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }

  /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request"). */
  #signingKey(credentials: SigningCredentials, day: string): KeyObject {
    // The secret is part of the scope: new credentials (a refreshed role session) get a new key.
    const scope = `${day}\n${credentials.accessKeyId}\n${credentials.secretAccessKey}`;
    if (scope !== this.#keyScope) {
      const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
      const kDate = hmac(`AWS4${credentials.secretAccessKey}`, day);
      this.#key = createSecretKey(hmac(hmac(hmac(kDate, this.region), this.service), 'aws4_request'));
      this.#keyScope = scope;
    }
    return this.#key!;
  }
}
