// Lambda's error responses carry `Type: User` (or Service) next to the message.
import { AwsError } from '../../errors.js';

export const lambdaError = (code: string, message: string, statusCode = 400): AwsError =>
  new AwsError(code, message, statusCode, { Type: statusCode >= 500 ? 'Service' : 'User' });

export const notFound = (message: string): AwsError => lambdaError('ResourceNotFoundException', message, 404);
export const conflict = (message: string): AwsError => lambdaError('ResourceConflictException', message, 409);
export const invalidParameter = (message: string): AwsError =>
  lambdaError('InvalidParameterValueException', message);
export const validation = (message: string): AwsError => new AwsError('ValidationException', message, 400);
export const preconditionFailed = (): AwsError =>
  lambdaError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
  );
