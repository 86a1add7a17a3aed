// Reads a bucket and key out of every URL form a template or a Lambda request may use:
// s3://bucket/key, path-style and virtual-hosted AWS URLs, and the emulator's own endpoint.

export interface S3Location {
  bucket: string;
  key: string;
  versionId?: string;
}

export function parseS3Url(raw: string): S3Location | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const versionId = url.searchParams.get('versionId') ?? undefined;
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.protocol === 's3:') {
    return url.hostname && url.pathname.length > 1
      ? { bucket: url.hostname, key: decodeURIComponent(url.pathname.slice(1)), versionId }
      : undefined;
  }
  const host = url.hostname;
  // bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com, bucket.s3-region.amazonaws.com
  const virtual = /^(.+)\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.exec(host);
  if (virtual && !/^s3([.-]|$)/.test(host)) {
    return path ? { bucket: virtual[1]!, key: path, versionId } : undefined;
  }
  // s3.amazonaws.com/bucket/key, s3.region.amazonaws.com/bucket/key, and the emulator's
  // own http://127.0.0.1:port/bucket/key.
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), versionId };
}
