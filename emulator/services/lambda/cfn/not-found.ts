// A CloudFormation delete of a Lambda resource that is already gone succeeds, as AWS's
// handlers treat NotFound on delete.
import { AwsError } from '../../../errors.js';

const isNotFound = (e: unknown) => e instanceof AwsError && e.code === 'ResourceNotFoundException';

export async function ignoreNotFound(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
