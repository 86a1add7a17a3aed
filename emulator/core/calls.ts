// The record of every request the emulator answered: tests assert on it, and the IAM
// policy the README documents is checked against the operations it lists.

export interface CallRecord {
  service: string;
  operation: string;
  statusCode: number;
  errorCode?: string;
  /** Milliseconds since the emulator started. */
  at: number;
  /** The SigV4 access key that signed the request: tells the action's calls from a function's own. */
  accessKeyId?: string;
  /**
   * Why API Gateway answered with its own error (execute-api): what its execution log would
   * say, e.g. the missing Lambda permission behind a 500.
   */
  reason?: string;
}
