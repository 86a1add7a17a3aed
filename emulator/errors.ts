// One error type for every emulated service. Each service renders it in its own wire
// protocol (query/XML, REST-JSON, JSON 1.1) so the unmodified SDK parses it as it would AWS's.

export type Fault = 'Sender' | 'Receiver';

export class AwsError extends Error {
  constructor(
    /** AWS's error code, for example `ResourceNotFoundException` or `ValidationError`. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    readonly extra: Record<string, unknown> = {},
    readonly fault: Fault = statusCode >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const isAwsError = (e: unknown): e is AwsError => e instanceof AwsError;
