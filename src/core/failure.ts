// Turns whatever escaped the pipeline into a CutoverError: ours pass through, common AWS
// failures get a sentence that says what to do, the rest keep AWS's own words.
import {
  errorMessage,
  errorName,
  isAccessDeniedError,
  isCredentialsError,
  isNetworkError,
} from './aws-errors.js';
import { CutoverError, isCutoverError } from './errors.js';

export function asCutoverError(e: unknown): CutoverError {
  if (isCutoverError(e)) return e;
  if (isCredentialsError(e)) {
    return new CutoverError(
      'CREDENTIALS_MISSING',
      'No AWS credentials were found. In GitHub Actions, run aws-actions/configure-aws-credentials (OIDC) before this step; ' +
        'on a workstation, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
      [],
      { cause: e },
    );
  }
  if (isAccessDeniedError(e)) {
    return new CutoverError(
      'ACCESS_DENIED',
      `AWS denied a call: ${errorMessage(e)}. Grant the deploy role that permission (the README lists the IAM policy the action needs).`,
      [],
      { cause: e },
    );
  }
  if (isNetworkError(e)) {
    return new CutoverError(
      'NETWORK_ERROR',
      `Cannot reach the AWS endpoint (${errorMessage(e)}) even after retries. Check endpoint-url or AWS_ENDPOINT_URL, the region and the runner's network.`,
      [],
      { cause: e },
    );
  }
  const isAws = typeof e === 'object' && e !== null && '$metadata' in e;
  return new CutoverError(
    isAws ? 'AWS_ERROR' : 'INTERNAL_ERROR',
    isAws
      ? `AWS answered ${errorName(e)}: ${errorMessage(e)}`
      : `Unexpected error: ${errorMessage(e)}. This is a bug in lmi-cutover; please report it with the log.`,
    [],
    { cause: e },
  );
}
