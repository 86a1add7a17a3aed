// Content-addressed uploads: the key is the content's hash, so an object that exists is
// already the right one and is never uploaded twice.
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { httpStatus, isNotFoundError } from '../core/aws-errors.js';

export type UploadOutcome = 'uploaded' | 'exists';

export async function uploadIfMissing(
  s3: S3Client,
  object: { bucket: string; key: string; body: Uint8Array; contentType: string },
): Promise<UploadOutcome> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key }));
    return 'exists';
  } catch (e) {
    // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key: upload anyway.
    if (!isNotFoundError(e) && httpStatus(e) !== 403) throw e;
  }
  await s3.send(
    new PutObjectCommand({
      Bucket: object.bucket,
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
    }),
  );
  return 'uploaded';
}

/**
 * The URL CloudFormation fetches a template from. Path-style, as `aws cloudformation package`
 * writes it; behind an endpoint override (an emulator) the same path under that endpoint.
 */
export function s3ObjectUrl(bucket: string, key: string, region: string, endpointOverride?: string): string {
  const path = `${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  if (endpointOverride) return `${endpointOverride.replace(/\/+$/, '')}/${path}`;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://s3.${region}.${suffix}/${path}`;
}
