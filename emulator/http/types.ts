// The request/response model every emulated service works with: the HTTP layer reads the
// whole body once, routes by SigV4 scope, and hands services this plain shape.
import type { IncomingHttpHeaders } from 'node:http';
import type { CallResource } from '../core/calls.js';
import type { AwsError } from '../errors.js';

export interface EmuRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Service name from the credential scope. */
  service: string;
  region: string;
  accessKeyId: string;
  requestId: string;
  /** Header names and values as sent (case and repeats kept), for execute-api's proxy event. */
  rawHeaders?: string[];
  /** The client's address, for execute-api's `identity.sourceIp`. */
  remoteAddress?: string;
}

export interface EmuResponse {
  status: number;
  /** An array value is sent as repeated headers (execute-api's multiValueHeaders). */
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}

export type Protocol = 'query' | 'rest-json' | 'json' | 'rest-xml';

export interface ServiceHandler {
  /** The SigV4 service name routed here. */
  readonly name: string;
  readonly protocol: Protocol;
  /** The operation a request names, as AWS names it; used for calls, faults and errors. */
  operation(req: EmuRequest): string;
  handle(req: EmuRequest, operation: string): Promise<EmuResponse>;
  /** This service's own throttling error. */
  throttleError(): AwsError;
  /** The error shape for an operation the emulator does not implement. */
  unknownOperation(operation: string, req: EmuRequest): AwsError;
  /** Renders this service's errors itself (CloudWatch's JSON with awsQueryCompatible codes). */
  renderError?(err: AwsError, requestId: string): EmuResponse;
  /** The error code in a response the service produced itself (proxied services). */
  errorCodeOf?(res: EmuResponse): string | undefined;
  /**
   * The resources IAM would authorize this request against, read after it was answered (so a
   * resource it created is found). Only for the call log: the emulator does not evaluate policies.
   */
  resourcesOf?(req: EmuRequest, operation: string): CallResource[] | undefined;
  /** Request values a policy may condition on (CallRecord.conditionKeys), where there are any. */
  conditionKeysOf?(req: EmuRequest, operation: string): Record<string, string> | undefined;
}

export const header = (req: EmuRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
