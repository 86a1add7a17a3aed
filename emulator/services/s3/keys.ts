// Keeps S3 inside its data folder. s3rver stores an object key as a path under
// `{directory}/{bucket}/`, one folder per `/`-separated segment, so a key segment `..` (sent
// as `..%2F`, which s3rver decodes) or a bucket name like `..%2F..%2Ftmp` would reach files
// outside it. AWS allows `.` and `..` in keys; the emulator refuses them (and NUL, and
// segments too long to be a file name) with a clear error, before s3rver sees the request.
// As a second line, the store itself refuses to build any path outside its directory.
import path from 'node:path';
import { AwsError } from '../../errors.js';
import { header, type EmuRequest } from '../../http/types.js';

/** AWS's key limit, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
/** A file name is at most 255 bytes; s3rver appends `._S3rver_metadata.json` to the last segment. */
const MAX_SEGMENT_BYTES = 230;
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{0,254}$/i;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

const invalidKey = (key: string, why: string) =>
  new AwsError(
    'InvalidArgument',
    `The local cloud refuses object key ${JSON.stringify(key)}: ${why} (it stores each key segment as a file name; AWS itself would accept it).`,
    400,
    { ArgumentName: 'key', ArgumentValue: key },
  );

/** Throws the S3-style error for a bucket name that is not a plain name. */
function checkBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket)) {
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
      BucketName: bucket,
    });
  }
}

/** Throws the S3-style error for a key that s3rver could not store safely. */
export function checkObjectKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new AwsError('KeyTooLongError', 'Your key is too long', 400, {
      Size: Buffer.byteLength(key),
      MaxSizeAllowed: MAX_KEY_BYTES,
    });
  }
  if (key.includes('\0')) throw invalidKey(key, 'it contains a NUL character');
  for (const segment of key.split('/')) {
    if (segment === '.' || segment === '..') throw invalidKey(key, `it has a '${segment}' path segment`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)
      throw invalidKey(key, `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
}

function decode(part: string, decoder: (s: string) => string): string {
  try {
    return decoder(part);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

/**
 * Checks a request's bucket, key, upload id and copy source the way s3rver will read them
 * (path segments decoded with decodeURIComponent, the copy source with decodeURI).
 */
export function checkS3Request(req: EmuRequest): void {
  const [rawBucket = '', ...rawKey] = req.rawPath.replace(/^\//, '').split('/');
  if (rawBucket) checkBucketName(decode(rawBucket, decodeURIComponent));
  if (rawKey.length) {
    const key = rawKey.map((p) => decode(p, decodeURIComponent)).join('/');
    if (key) checkObjectKey(key);
  }
  const uploadId = req.query.get('uploadId');
  if (uploadId !== null && !UPLOAD_ID.test(uploadId)) {
    throw new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    );
  }
  const copySource = header(req, 'x-amz-copy-source');
  if (copySource !== undefined) {
    const source = decode(copySource.split('?')[0]!, decodeURI).replace(/^\//, '');
    const [bucket = '', ...key] = source.split('/');
    checkBucketName(bucket);
    checkObjectKey(key.join('/'));
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The keys a DeleteObjects body names, XML entities decoded. */
export function deleteObjectsKeys(body: string): string[] {
  return [...body.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) =>
    m[1]!.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ent: string) => {
      if (ent[0] === '#') {
        const code =
          ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return XML_ENTITIES[ent.toLowerCase()] ?? all;
    }),
  );
}

interface FilesystemStoreLike {
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  initiateUpload(bucket: string, key: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
  putPart(bucket: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
  putObjectMultipart(bucket: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
}

/**
 * Makes one s3rver store instance refuse (throw) any path outside `directory`: the second
 * line behind checkS3Request, for whatever reaches s3rver some other way.
 */
export function confineStore(store: FilesystemStoreLike, directory: string): void {
  const root = path.resolve(directory);
  const inside = (p: string): string => {
    const rel = path.relative(root, path.resolve(p));
    if (p.includes('\0') || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      throw new Error(`refused: path outside the S3 data folder`);
    }
    return p;
  };
  const getBucketPath = store.getBucketPath.bind(store);
  const getResourcePath = store.getResourcePath.bind(store);
  store.getBucketPath = (bucket) => inside(getBucketPath(bucket));
  store.getResourcePath = (bucket, key, resource) => inside(getResourcePath(bucket, key, resource));
  const checked =
    <A extends unknown[]>(fn: (bucket: string, uploadId: string, ...rest: A) => Promise<unknown>) =>
    (bucket: string, uploadId: string, ...rest: A) => {
      inside(path.join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId));
      return fn(bucket, uploadId, ...rest);
    };
  store.putPart = checked(store.putPart.bind(store));
  store.putObjectMultipart = checked(store.putObjectMultipart.bind(store));
  const initiateUpload = store.initiateUpload.bind(store);
  store.initiateUpload = (bucket, key, uploadId, ...rest) => {
    inside(path.join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId));
    return initiateUpload(bucket, key, uploadId, ...rest);
  };
}
