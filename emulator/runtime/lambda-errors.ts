// The error shapes Lambda gives for what the platform (not the handler) decides: throttles,
// timeouts, runtime exits, oversized responses, unparseable events.
import { AwsError } from '../errors.js';
import type { LambdaErrorPayload } from './protocol.js';

/** Lambda's largest synchronous response payload, in bytes. */
export const MAX_RESPONSE_BYTES = 6291556;

export type ThrottleReason =
  'ConcurrentInvocationLimitExceeded' | 'ReservedFunctionConcurrentInvocationLimitExceeded';

export function throttled(reason: ThrottleReason): AwsError {
  return new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: reason, Type: 'User' });
}

export function invalidJson(detail: string): AwsError {
  return new AwsError(
    'InvalidRequestContentException',
    `Could not parse request body into json: Could not parse payload into json: ${detail}`,
    400,
    { Type: 'User' },
  );
}

export function stoppedRuntime(functionArn: string): AwsError {
  return new AwsError(
    'ServiceException',
    `The execution environments of ${functionArn} have been shut down.`,
    500,
  );
}

export const timedOutPayload = (requestId: string, timeoutSeconds: number): LambdaErrorPayload => ({
  errorType: 'Sandbox.Timedout',
  errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
});

export const exitPayload = (requestId: string, reason: string): LambdaErrorPayload => ({
  errorType: 'Runtime.ExitError',
  errorMessage: `RequestId: ${requestId} Error: ${reason}`,
});

export const responseTooLargePayload = (): LambdaErrorPayload => ({
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
});

/** Why an LMI version cannot become Active: a Lambda StateReasonCode and the init error. */
export class FunctionInitError extends Error {
  constructor(
    readonly stateReasonCode: 'FunctionError.RuntimeInitError' | 'FunctionError.InitTimeout',
    readonly payload: LambdaErrorPayload,
  ) {
    super(`${payload.errorType}: ${payload.errorMessage}`);
    this.name = 'FunctionInitError';
  }
}
