// Shared pieces of the SAM transform: its error format, logical-id hashing, parameter-ref
// resolution and the tags SAM puts on what it generates.
import { createHash } from 'node:crypto';
import type { Json, JsonObject, ResourceDeclaration } from '../template.js';

export class SamError extends Error {
  constructor(
    readonly logicalId: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SamContext {
  parameters: Record<string, string | string[]>;
  resources: Record<string, ResourceDeclaration>;
}

/** Stable JSON (sorted keys) so hashes do not depend on key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** SAM's LogicalIdGenerator: prefix + the first 10 hex digits of a SHA-1 over the data. */
export function logicalIdHash(data: unknown, extra = '', length = 10): string {
  const text = typeof data === 'string' ? data : stableJson(data);
  if (!text && !extra) return '';
  return createHash('sha1')
    .update(text + extra)
    .digest('hex')
    .slice(0, length);
}

/** Replaces Refs to template parameters by their values, as SAM's resolver does. */
export function resolveParameterRefs(
  value: Json | undefined,
  params: SamContext['parameters'],
): Json | undefined {
  if (Array.isArray(value)) return value.map((v) => resolveParameterRefs(v, params) as Json);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && value.Ref in params) {
      return params[value.Ref] as Json;
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveParameterRefs(v, params) as Json]),
    );
  }
  return value;
}

const SAM_TAG = { Key: 'lambda:createdBy', Value: 'SAM' };

export function tagList(tags: JsonObject | undefined): Json[] {
  return [SAM_TAG, ...Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }))];
}

/** Resource attributes SAM passes from the SAM resource to what it generates. */
export function passthroughAttributes(decl: ResourceDeclaration): Partial<ResourceDeclaration> {
  const out: Partial<ResourceDeclaration> = {};
  if (decl.Condition !== undefined) out.Condition = decl.Condition;
  return out;
}

export const isPlainString = (v: unknown): v is string => typeof v === 'string';

const S3_URI = /^s3:\/\/([^/]+)\/(.+?)(?:\?versionId=(.+))?$/;

/**
 * A SAM S3 location (`CodeUri`, `DefinitionUri`): `s3://bucket/key[?versionId=v]` or
 * `{ Bucket, Key, Version? }`, with SAM's messages naming the property.
 */
export function samS3Location(
  id: string,
  property: string,
  uri: Json,
): { bucket: Json; key: Json; version?: Json } {
  if (typeof uri === 'string') {
    const m = S3_URI.exec(uri);
    if (!m) {
      throw new SamError(
        id,
        `'${property}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`,
      );
    }
    return { bucket: m[1]!, key: m[2]!, ...(m[3] ? { version: m[3] } : {}) };
  }
  if (
    uri &&
    typeof uri === 'object' &&
    !Array.isArray(uri) &&
    uri.Bucket !== undefined &&
    uri.Key !== undefined
  ) {
    return {
      bucket: uri.Bucket,
      key: uri.Key,
      ...(uri.Version !== undefined ? { version: uri.Version } : {}),
    };
  }
  throw new SamError(id, `'${property}' requires Bucket and Key properties to be specified.`);
}
