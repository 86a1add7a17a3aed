// Every failure the pipeline reports carries a stable code (for scripts and tests) and a
// sentence a person can act on. Anything else that escapes is a bug or an unexpected AWS error.

export type CutoverErrorCode =
  | 'INVALID_INPUT'
  | 'FORK_REFUSED'
  | 'REGION_MISSING'
  | 'CREDENTIALS_MISSING'
  | 'ACCESS_DENIED'
  | 'NETWORK_ERROR'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_INVALID'
  | 'TEMPLATE_UNSUPPORTED'
  | 'TEMPLATE_TOO_LARGE'
  | 'CODE_URI_NOT_FOUND'
  | 'ARTIFACT_BUCKET_REQUIRED'
  | 'ARTIFACT_UPLOAD_FAILED'
  | 'ESBUILD_MISSING'
  | 'ESBUILD_FAILED'
  | 'UNKNOWN_PARAMETER'
  | 'MISSING_PARAMETER'
  | 'STACK_STUCK'
  | 'STACK_DELETE_FAILED'
  | 'DESTROY_REFUSED'
  | 'DESTROY_TIMEOUT'
  | 'DESTROY_INCOMPLETE'
  | 'DEPLOY_CHANGESET_FAILED'
  | 'DEPLOY_FAILED'
  | 'DEPLOY_TIMEOUT'
  | 'CHANGE_SET_NOT_FOUND'
  | 'CHANGE_SET_UNUSABLE'
  | 'CHANGE_SET_STALE'
  | 'STACK_OUTPUTS_MISSING'
  | 'PROVISIONING_FAILED'
  | 'PROVISIONING_TIMEOUT'
  | 'SIGNING_SECRET_UNAVAILABLE'
  | 'SMOKE_FAILED'
  | 'ISOLATION_FAILED'
  | 'GATE_FAILED'
  | 'SHARDS_REFUSED'
  | 'STAGE_NOT_FOUND'
  | 'ROUTE_UNKNOWN'
  | 'ROUTE_MID_CANARY'
  | 'VERSION_NOT_ROUTABLE'
  | 'PERMISSION_FAILED'
  | 'NO_ROLLBACK_TARGET'
  | 'CAPACITY_TOO_SMALL'
  | 'ROUTE_CHANGE_FAILED'
  | 'ALARM_NOT_FOUND'
  | 'CUTOVER_STEP_FAILED'
  | 'CUTOVER_CANCELLED'
  | 'CUTOVER_FAILED'
  | 'ROLLBACK_FAILED'
  | 'AWS_ERROR'
  | 'INTERNAL_ERROR'
  | 'CANCELLED';

export class CutoverError extends Error {
  override readonly name = 'CutoverError';

  constructor(
    readonly code: CutoverErrorCode,
    message: string,
    /** Supporting lines (failed events, invalid inputs) shown under the message. */
    readonly details: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isCutoverError = (e: unknown): e is CutoverError => e instanceof CutoverError;

/** `[CODE] sentence` followed by the details, one per line: what setFailed and the CLI print. */
export function formatCutoverError(error: CutoverError): string {
  return [`[${error.code}] ${error.message}`, ...error.details.map((d) => `  ${d}`)].join('\n');
}
