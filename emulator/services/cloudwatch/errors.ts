// CloudWatch's errors over AWS JSON 1.0 with awsQueryCompatible: the query-era error code
// (`InvalidParameterValue`) travels in the `x-amzn-query-error: Code;Sender` header, which the
// SDK reads first and maps to its modelled exception (InvalidParameterValueException), and the
// body's __type names that exception's shape.
import { AwsError } from '../../errors.js';
import type { EmuResponse } from '../../http/types.js';

export const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Query error code → the SDK's shape (the awsQueryError trait of @aws-sdk/client-cloudwatch). */
const SHAPES: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  MissingParameter: 'MissingRequiredParameterException',
  ResourceNotFound: 'ResourceNotFound',
  InvalidFormat: 'InvalidFormatFault',
  InvalidNextToken: 'InvalidNextToken',
  LimitExceeded: 'LimitExceededFault',
  InternalServiceError: 'InternalServiceFault',
  ValidationError: 'ValidationException',
};

export const cwError = (code: string, message: string, statusCode?: number): AwsError =>
  new AwsError(code, message, statusCode ?? (code === 'ResourceNotFound' ? 404 : 400));

export const invalidValue = (message: string): AwsError => cwError('InvalidParameterValue', message);
export const invalidCombination = (message: string): AwsError =>
  cwError('InvalidParameterCombination', message);
export const missingParameter = (name: string): AwsError =>
  cwError('MissingParameter', `The parameter ${name} is required.`);
export const validationError = (message: string): AwsError => cwError('ValidationError', message);

export function renderCloudWatchError(err: AwsError, requestId: string): EmuResponse {
  const shape = SHAPES[err.code] ?? err.code;
  return {
    status: err.statusCode,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${err.code};${err.fault}`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${shape}`, message: err.message }),
  };
}
