// S3 through s3rver, started in-process on its own loopback port with a temporary directory
// (removed on stop) and reached by passing requests through. Authentication is stripped on
// the way: s3rver only knows its own key pair, and the emulator accepts any credentials.
// Bucket names and keys that could reach outside that directory are refused (keys.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PARTITION } from '../../core/ids.js';
import { AwsError } from '../../errors.js';
import { guardBackendServer } from '../../http/backend-guard.js';
import { decodeAwsChunked, forward, passHeaders } from '../../http/proxy.js';
import { header, type EmuRequest, type EmuResponse, type ServiceHandler } from '../../http/types.js';
import { checkObjectKey, checkS3Request, confineStore, deleteObjectsKeys } from './keys.js';

const AUTH_QUERY = /^x-amz-(algorithm|credential|signature|signedheaders|date|expires|security-token)$/i;

/** Reads objects for CloudFormation (TemplateURL) and Lambda (code in S3). */
export interface S3Reader {
  getObject(bucket: string, key: string, versionId?: string): Promise<Buffer>;
}

export interface S3Backend extends S3Reader {
  service: ServiceHandler;
  /** Resolves with s3rver's port once it listens (requests wait for it). */
  ready: Promise<number>;
  stop(): Promise<void>;
}

/** Operations served by s3rver; anything else is answered as not implemented, by name. */
const SERVED = new Set([
  'ListBuckets',
  'CreateBucket',
  'DeleteBucket',
  'HeadBucket',
  'GetBucketLocation',
  'ListObjects',
  'ListObjectsV2',
  'PutObject',
  'GetObject',
  'HeadObject',
  'DeleteObject',
  'DeleteObjects',
  'CopyObject',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListParts',
  'ListMultipartUploads',
  'GetObjectTagging',
  'PutObjectTagging',
]);

/** Bucket subresources and the operation a GET/PUT/DELETE on them is. */
const SUBRESOURCE: Record<string, string> = {
  acl: 'BucketAcl',
  policy: 'BucketPolicy',
  cors: 'BucketCors',
  website: 'BucketWebsite',
  lifecycle: 'BucketLifecycleConfiguration',
  encryption: 'BucketEncryption',
  tagging: 'BucketTagging',
  versioning: 'BucketVersioning',
  notification: 'BucketNotificationConfiguration',
  logging: 'BucketLogging',
  replication: 'BucketReplication',
  accelerate: 'BucketAccelerateConfiguration',
  ownershipControls: 'BucketOwnershipControls',
  publicAccessBlock: 'PublicAccessBlock',
  versions: 'ObjectVersions',
};

/** The S3 operation a request names, from the SDK's `x-id` hint or method, path and query. */
/** The bucket or object a path-style request names, as an S3 ARN (`*` for ListBuckets). */
function s3Arn(req: EmuRequest): string {
  const [bucket, ...rest] = req.rawPath.replace(/^\//, '').split('/');
  if (!bucket) return '*';
  const key = rest.map(decodeURIComponent).join('/');
  return `arn:${PARTITION}:s3:::${bucket}${key ? `/${key}` : ''}`;
}

function s3Operation(req: EmuRequest): string {
  const hinted = req.query.get('x-id');
  if (hinted) return hinted;
  const [bucket, ...rest] = req.rawPath.replace(/^\//, '').split('/');
  const key = rest.join('/');
  const q = req.query;
  if (!bucket) return req.method === 'GET' ? 'ListBuckets' : 'Unknown';
  if (!key) {
    const sub = Object.keys(SUBRESOURCE).find((k) => q.has(k));
    if (sub) {
      if (sub === 'versions') return 'ListObjectVersions';
      const verb =
        req.method === 'GET'
          ? 'Get'
          : req.method === 'PUT'
            ? 'Put'
            : req.method === 'DELETE'
              ? 'Delete'
              : req.method;
      return `${verb}${SUBRESOURCE[sub]}`;
    }
    switch (req.method) {
      case 'PUT':
        return 'CreateBucket';
      case 'DELETE':
        return 'DeleteBucket';
      case 'HEAD':
        return 'HeadBucket';
      case 'POST':
        return q.has('delete') ? 'DeleteObjects' : 'Unknown';
      case 'GET':
        if (q.get('list-type') === '2') return 'ListObjectsV2';
        if (q.has('location')) return 'GetBucketLocation';
        if (q.has('uploads')) return 'ListMultipartUploads';
        return 'ListObjects';
      default:
        return 'Unknown';
    }
  }
  switch (req.method) {
    case 'PUT':
      if (q.has('uploadId')) return 'UploadPart';
      return header(req, 'x-amz-copy-source')
        ? 'CopyObject'
        : q.has('tagging')
          ? 'PutObjectTagging'
          : 'PutObject';
    case 'GET':
      return q.has('tagging') ? 'GetObjectTagging' : q.has('uploadId') ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      return q.has('uploads')
        ? 'CreateMultipartUpload'
        : q.has('uploadId')
          ? 'CompleteMultipartUpload'
          : 'Unknown';
    default:
      return 'Unknown';
  }
}

function presignExpired(req: EmuRequest): boolean {
  const date = req.query.get('X-Amz-Date');
  const expires = Number(req.query.get('X-Amz-Expires') ?? '');
  if (!date || !Number.isFinite(expires)) return false;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) return false;
  const signedAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Date.now() > signedAt + expires * 1000;
}

/** s3rver on its own loopback port, with a temporary directory; `ready` resolves with the port. */
function launchS3rver(): { ready: Promise<number>; stop(): Promise<void> } {
  let directory: string | undefined;
  let server: { close(): Promise<void> } | undefined;
  const ready = (async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'lmi-emulator-s3-'));
    const { default: S3rver } = await import('s3rver');
    const s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      vhostBuckets: false,
      allowMismatchedSignatures: true,
    });
    confineStore(s3rver.store, directory);
    const { port } = await s3rver.run();
    // Installed in the same tick as run() resolves: no request is handled before it.
    guardBackendServer(s3rver.httpServer);
    server = s3rver;
    return port;
  })();
  return {
    ready,
    stop: async () => {
      await ready.catch(() => undefined);
      await server?.close().catch(() => undefined);
      if (directory) await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Reads an object straight from s3rver, its error answered as S3's code and message. */
function objectReader(ready: Promise<number>): S3Reader['getObject'] {
  return async (bucket, key, versionId) => {
    const port = await ready;
    const qs = versionId ? `?versionId=${encodeURIComponent(versionId)}` : '';
    const res = await forward({
      port,
      method: 'GET',
      path: `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}${qs}`,
      headers: {},
      body: Buffer.alloc(0),
    });
    if (res.status !== 200) {
      const text = String(res.body ?? '');
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${res.status}`;
      const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1] ?? text;
      throw new AwsError(code, message, res.status);
    }
    return res.body as Buffer;
  };
}

/** An aws-chunked upload decoded into the plain body s3rver understands, its headers adjusted. */
function decodeChunkedUpload(headers: Record<string, string>, body: Buffer): Buffer {
  if (!(headers['content-encoding'] ?? '').includes('aws-chunked')) return body;
  const decoded = decodeAwsChunked(body);
  const rest = headers['content-encoding']!.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== 'aws-chunked');
  if (rest.length) headers['content-encoding'] = rest.join(', ');
  else delete headers['content-encoding'];
  delete headers['x-amz-decoded-content-length'];
  delete headers['x-amz-trailer'];
  return decoded;
}

function s3Service(ready: Promise<number>): ServiceHandler {
  return {
    name: 's3',
    protocol: 'rest-xml',
    operation: s3Operation,
    resourcesOf: (req) => [{ arn: s3Arn(req) }],
    throttleError: () => new AwsError('SlowDown', 'Please reduce your request rate.', 503),
    unknownOperation: (op) =>
      new AwsError('NotImplemented', `The local emulator does not implement S3 operation ${op}.`, 501),
    errorCodeOf: (res: EmuResponse) => /<Code>([^<]+)<\/Code>/.exec(String(res.body ?? ''))?.[1],
    async handle(req, operation) {
      if (!SERVED.has(operation)) throw this.unknownOperation(operation, req);
      if (req.query.has('X-Amz-Signature') && presignExpired(req)) {
        throw new AwsError('AccessDenied', 'Request has expired', 403);
      }
      const query = new URLSearchParams([...req.query].filter(([k]) => !AUTH_QUERY.test(k) && k !== 'x-id'));
      const qs = query.toString();
      checkS3Request(req);
      const headers = passHeaders(req, ['authorization', 'x-amz-content-sha256', 'x-amz-date']);
      const body = decodeChunkedUpload(headers, req.body);
      if (operation === 'DeleteObjects')
        for (const key of deleteObjectsKeys(body.toString('utf8'))) checkObjectKey(key);
      return forward({
        port: await ready,
        method: req.method,
        path: `${req.rawPath}${qs ? `?${qs}` : ''}`,
        headers,
        body,
      });
    },
  };
}

/**
 * Starts s3rver in the background: the backend object exists at once and every request waits
 * for `ready`, so the emulator's listener need not wait for s3rver's (slow) module load.
 */
export function startS3(): S3Backend {
  const s3rver = launchS3rver();
  return {
    service: s3Service(s3rver.ready),
    ready: s3rver.ready,
    getObject: objectReader(s3rver.ready),
    stop: s3rver.stop,
  };
}
