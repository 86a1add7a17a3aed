// The record of every request the emulator answered: tests assert on it, and the IAM
// policies the README documents are evaluated against the requests it lists.

/** A resource a request acts on, as IAM authorizes it. */
export interface CallResource {
  arn: string;
  /**
   * Its tags, where a policy may condition on them (aws:ResourceTag). An API Gateway stage's are
   * its own over those it inherits from its REST API, as API Gateway evaluates them.
   */
  tags?: Record<string, string>;
}

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
  /**
   * What IAM authorizes the request against (CreateChangeSet with a transform: the stack and the
   * transform); `*` for actions without resource-level permissions. Unset where unknown.
   */
  resources?: CallResource[];
  /** Values from the request a policy may condition on, e.g. AddPermission's lambda:Principal. */
  conditionKeys?: Record<string, string>;
}
