// How to read SDK errors. The query protocol (CloudFormation) names throttling `Throttling`;
// JSON protocols say `ThrottlingException`; S3 HeadObject has no body, only a status code.

interface SdkErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const shape = (e: unknown): SdkErrorShape =>
  typeof e === 'object' && e !== null ? (e as SdkErrorShape) : {};

export const errorName = (e: unknown): string => shape(e).name ?? shape(e).Code ?? '';
export const errorMessage = (e: unknown): string => shape(e).message ?? String(e);
export const httpStatus = (e: unknown): number | undefined => shape(e).$metadata?.httpStatusCode;

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

export const isThrottlingError = (e: unknown): boolean =>
  THROTTLING.has(errorName(e)) || shape(e).$retryable?.throttling === true || httpStatus(e) === 429;

export const isAccessDeniedError = (e: unknown): boolean =>
  ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError'].includes(
    errorName(e),
  ) || /is not authorized to perform/.test(errorMessage(e));

/** The SDK found no credentials anywhere in its chain. */
export const isCredentialsError = (e: unknown): boolean =>
  errorName(e) === 'CredentialsProviderError' || /Could not load credentials/.test(errorMessage(e));

export const isNotFoundError = (e: unknown): boolean =>
  ['NotFound', 'NoSuchKey', 'ResourceNotFoundException'].includes(errorName(e)) || httpStatus(e) === 404;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** The request never got an answer: nothing listening, DNS, or a timeout. */
export const isNetworkError = (e: unknown): boolean =>
  NETWORK_CODES.has((e as { code?: string } | null)?.code ?? '') ||
  ['TimeoutError', 'RequestTimeout'].includes(errorName(e));
