// Responses and errors in each AWS wire protocol, shaped exactly as the SDK's parsers read
// them (query: <ErrorResponse>; REST-JSON: x-amzn-ErrorType + {message}; JSON 1.x: __type).
import type { AwsError } from '../errors.js';
import { escapeXml, toXml, type XmlValue } from './xml.js';
import type { EmuResponse, Protocol } from './types.js';

const QUERY_NAMESPACES: Record<string, string> = {
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

export function queryResponse(
  service: string,
  operation: string,
  result: Record<string, XmlValue> | undefined,
  requestId: string,
): EmuResponse {
  const ns = QUERY_NAMESPACES[service] ?? '';
  const body =
    `<${operation}Response xmlns="${ns}">` +
    (result ? `<${operation}Result>${toXml(result)}</${operation}Result>` : '') +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  contentType = 'application/json',
): EmuResponse {
  return {
    status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function renderError(
  protocol: Protocol,
  service: string,
  err: AwsError,
  requestId: string,
): EmuResponse {
  switch (protocol) {
    case 'query': {
      const ns = QUERY_NAMESPACES[service] ?? '';
      const body =
        `<ErrorResponse xmlns="${ns}"><Error><Type>${err.fault}</Type><Code>${escapeXml(err.code)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      return {
        status: err.statusCode,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body,
      };
    }
    case 'rest-json': {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-amzn-errortype': err.code,
        'x-amzn-requestid': requestId,
      };
      const retryAfter = err.extra.retryAfterSeconds;
      if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
      return {
        status: err.statusCode,
        headers,
        body: JSON.stringify({ ...err.extra, message: err.message }),
      };
    }
    case 'json': {
      const type = service === 'dynamodb' ? `com.amazonaws.dynamodb.v20120810#${err.code}` : err.code;
      return {
        status: err.statusCode,
        headers: {
          'content-type':
            service === 'dynamodb' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1',
          'x-amzn-requestid': requestId,
        },
        body: JSON.stringify({ __type: type, message: err.message, ...err.extra }),
      };
    }
    case 'rest-xml': {
      const body =
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${escapeXml(err.code)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message><RequestId>${requestId}</RequestId></Error>`;
      return {
        status: err.statusCode,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body,
      };
    }
  }
}
