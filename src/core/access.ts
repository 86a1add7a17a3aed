// AccessDenied names the missing permission: AWS's own message says it ("… is not authorized
// to perform: lambda:GetFunctionConfiguration on resource …"); when it does not, the operation
// that was refused tells which one.
import { errorMessage, isAccessDeniedError } from './aws-errors.js';
import { CutoverError } from './errors.js';

const ACTION_IN_MESSAGE = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/;

/** The IAM action a denial names, else `fallback`. */
export function deniedAction(e: unknown, fallback: string): string {
  return ACTION_IN_MESSAGE.exec(errorMessage(e))?.[1] ?? fallback;
}

/** Rethrows an AccessDenied as ACCESS_DENIED naming the permission; other errors pass through. */
export function throwIfAccessDenied(e: unknown, permission: string, resource: string): void {
  if (!isAccessDeniedError(e)) return;
  const action = deniedAction(e, permission);
  throw new CutoverError(
    'ACCESS_DENIED',
    `AWS denied ${action} on ${resource}. Grant the role running lmi-cutover ${action} (the README lists the IAM policy the action needs).`,
    [errorMessage(e)],
    { cause: e },
  );
}
