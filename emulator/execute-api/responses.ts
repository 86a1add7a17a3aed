// What API Gateway answers itself (its gateway responses) and how it turns a Lambda proxy
// result into the HTTP response: statusCode, headers merged with multiValueHeaders, body,
// base64 bodies decoded for binary media types. Anything else is a malformed result (502).
import { randomBytes } from 'node:crypto';
import type { EmuResponse } from '../http/types.js';
import { isBinaryMediaType } from './proxy-event.js';

/** A gateway response: the status, its body, and its type for the calls log. */
export interface GatewayAnswer {
  response: EmuResponse;
  /** API Gateway's gateway response type (INTEGRATION_FAILURE …), absent on success. */
  errorType?: string;
}

const apigwId = () => randomBytes(12).toString('base64').replace(/[+/=]/g, '').slice(0, 16);

const baseHeaders = (requestId: string): Record<string, string> => ({
  'x-amzn-requestid': requestId,
  'x-amz-apigw-id': apigwId(),
});

function gateway(
  requestId: string,
  status: number,
  body: string,
  errorType: string,
  amznErrorType?: string,
): GatewayAnswer {
  const headers: Record<string, string> = { ...baseHeaders(requestId), 'content-type': 'application/json' };
  if (amznErrorType) headers['x-amzn-errortype'] = amznErrorType;
  return { response: { status, headers, body }, errorType };
}

/** No deployed resource and method for the request (API Gateway's answer hides which). */
export const missingAuthenticationToken = (id: string) =>
  gateway(
    id,
    403,
    '{"message":"Missing Authentication Token"}',
    'MISSING_AUTHENTICATION_TOKEN',
    'MissingAuthenticationTokenException',
  );

/** A request body over API Gateway's 10 MB payload limit (gateway response REQUEST_TOO_LARGE). */
export const requestTooLarge = (id: string) =>
  gateway(id, 413, '{"message":"Request Too Long"}', 'REQUEST_TOO_LARGE');

/** The API exists but has no such stage. */
export const forbidden = (id: string) =>
  gateway(id, 403, '{"message":"Forbidden"}', 'ACCESS_DENIED', 'ForbiddenException');

/** The integration could not be called: bad URI, missing permission, Lambda throttled or refused. */
export const internalError = (id: string, type = 'INTEGRATION_FAILURE') =>
  gateway(id, 500, '{"message": "Internal server error"}', type, 'InternalServerErrorException');

/** The function failed or returned something that is not a proxy result. */
export const badGateway = (id: string) =>
  gateway(
    id,
    502,
    '{"message": "Internal server error"}',
    'INTEGRATION_FAILURE',
    'InternalServerErrorException',
  );

export const integrationTimeout = (id: string) =>
  gateway(id, 504, '{"message": "Endpoint request timed out"}', 'INTEGRATION_TIMEOUT');

/** Not an API Gateway answer: no REST API with this id exists in this emulator. */
export const unknownApi = (id: string, apiId: string) =>
  gateway(
    id,
    404,
    JSON.stringify({ message: `No REST API with id '${apiId}' exists in this emulator.` }),
    'NotFound',
  );

const PROXY_RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

const scalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The HTTP response for a function's proxy result, or undefined when API Gateway would call
 * it malformed ("Malformed Lambda proxy response" → 502).
 */
export function mapProxyResult(
  payload: Buffer,
  requestId: string,
  accept: string | undefined,
  binaryMediaTypes: string[],
): EmuResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
  const r = result as Record<string, unknown>;
  if (Object.keys(r).some((k) => !PROXY_RESULT_KEYS.has(k))) return undefined;
  const status = typeof r.statusCode === 'string' ? Number(r.statusCode) : r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return undefined;
  if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') return undefined;

  const merged: Record<string, string[]> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object') return undefined;
    for (const [k, v] of Object.entries(r.headers)) {
      if (!scalar(v)) return undefined;
      merged[k.toLowerCase()] = [String(v)];
    }
  }
  if (r.multiValueHeaders !== undefined && r.multiValueHeaders !== null) {
    if (typeof r.multiValueHeaders !== 'object') return undefined;
    for (const [k, values] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(scalar)) return undefined;
      // A key in both maps keeps only multiValueHeaders' values, as API Gateway documents.
      merged[k.toLowerCase()] = values.map(String);
    }
  }
  const headers: Record<string, string | string[]> = { ...baseHeaders(requestId) };
  for (const [k, values] of Object.entries(merged)) headers[k] = values.length === 1 ? values[0]! : values;
  headers['content-type'] ??= 'application/json';
  const contentType = [headers['content-type']].flat()[0];

  let body: Buffer | string = (r.body as string | undefined) ?? '';
  const binary =
    isBinaryMediaType(contentType, binaryMediaTypes) ||
    (accept !== undefined && accept.split(',').some((a) => isBinaryMediaType(a, binaryMediaTypes)));
  if (r.isBase64Encoded === true && binary) body = Buffer.from(body, 'base64');
  return { status, headers, body };
}
