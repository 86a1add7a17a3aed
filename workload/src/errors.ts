// HTTP errors the routes throw. They extend Powertools' HttpError so the router renders
// them; statuses Powertools has no class for are added here.
import {
  HttpError,
  RequestEntityTooLargeError,
  ServiceUnavailableError,
} from '@aws-lambda-powertools/event-handler/http';

/** 409: the same delivery id is being stored by another invocation right now. */
export class DeliveryInProgressError extends HttpError {
  readonly statusCode = 409 as const;
  readonly errorType = 'DeliveryInProgressError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, undefined, { retryable: true, retry_after_seconds: retryAfterSeconds });
    this.name = 'DeliveryInProgressError';
  }
}

/** 409: the delivery id was first used with another body; retrying this one cannot succeed. */
export class DeliveryConflictError extends HttpError {
  readonly statusCode = 409 as const;
  readonly errorType = 'DeliveryConflictError';
  constructor(deliveryId: string) {
    super(
      `delivery ${deliveryId} was already received with a different body; a delivery id names one body — send this event under a new id`,
      undefined,
      { retryable: false },
    );
    this.name = 'DeliveryConflictError';
  }
}

/** 503: a dependency (DynamoDB, SSM) failed; the sender should retry the same delivery. */
export class DependencyUnavailableError extends ServiceUnavailableError {
  readonly retryAfterSeconds = 1;
  constructor(dependency: string, cause: unknown) {
    super(
      `${dependency} is unavailable; retry the delivery with the same webhook-id`,
      { cause },
      {
        dependency,
        retryable: true,
        retry_after_seconds: 1,
      },
    );
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * DynamoDB refused the write for what it is (ValidationException: the item is over 400 KB, a key
 * too long, a malformed attribute), not for a passing failure: retrying the same delivery fails
 * the same way forever, so the answer must not say retry. 413 when the payload is too large,
 * 422 otherwise.
 */
class PayloadTooLargeToStoreError extends RequestEntityTooLargeError {
  constructor(cause: unknown) {
    super(
      'the event is too large to store (DynamoDB allows 400 KB per item); do not retry this delivery unchanged',
      { cause },
      { dependency: 'dynamodb', retryable: false },
    );
    this.name = 'PayloadTooLargeToStoreError';
  }
}

class EventNotStorableError extends HttpError {
  readonly statusCode = 422 as const;
  readonly errorType = 'EventNotStorableError';
  constructor(cause: unknown) {
    super(
      'the event cannot be stored as sent; do not retry this delivery unchanged',
      { cause },
      { dependency: 'dynamodb', retryable: false },
    );
    this.name = 'EventNotStorableError';
  }
}

/** The answer to a failed DynamoDB call: permanent refusals as such, everything else a retryable 503. */
export function storeFailure(error: unknown): HttpError {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'ValidationException') {
    return /size has exceeded|exceeds the maximum|too large/i.test(message ?? '')
      ? new PayloadTooLargeToStoreError(error)
      : new EventNotStorableError(error);
  }
  return new DependencyUnavailableError('dynamodb', error);
}

export const retryAfterOf = (error: unknown): number | undefined =>
  error instanceof DeliveryInProgressError || error instanceof DependencyUnavailableError
    ? error.retryAfterSeconds
    : undefined;
