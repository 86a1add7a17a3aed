// HTTP errors the routes throw. They extend Powertools' HttpError so the router renders
// them; statuses Powertools has no class for are added here.
import { HttpError, ServiceUnavailableError } from '@aws-lambda-powertools/event-handler/http';

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

/** 503: a dependency (DynamoDB, SSM) failed; the sender should retry the same delivery. */
export class DependencyUnavailableError extends ServiceUnavailableError {
  readonly retryAfterSeconds = 1;
  constructor(dependency: string, cause: unknown) {
    super(
      `${dependency} is unavailable; retry the delivery with the same X-Webhook-Id`,
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

export const retryAfterOf = (error: unknown): number | undefined =>
  error instanceof DeliveryInProgressError || error instanceof DependencyUnavailableError
    ? error.retryAfterSeconds
    : undefined;
