// Function identifiers as Lambda accepts them: a name, `name:qualifier`, a full ARN or a
// partial ARN (`account:function:name`), each with an optional qualifier.
import { ACCOUNT_ID, arn } from '../../core/ids.js';
import { invalidParameter, validation } from './errors.js';

export interface FunctionRef {
  name: string;
  qualifier?: string;
}

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
// Lambda's qualifier pattern, with LMI's `$LATEST.PUBLISHED` version.
const QUALIFIER = /^(|\$LATEST\.PUBLISHED|[a-zA-Z0-9$_-]{1,128})$/;

export function parseFunctionRef(raw: string, queryQualifier?: string | null): FunctionRef {
  let name = raw;
  let qualifier: string | undefined;
  const full = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(raw);
  const partial = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(raw);
  const m = full ?? partial;
  if (m) {
    name = m[2]!;
    qualifier = m[3];
    if (m[1] !== ACCOUNT_ID) {
      throw invalidParameter(
        `The account ${m[1]} in the function ARN does not match this account (${ACCOUNT_ID}).`,
      );
    }
  } else if (raw.includes(':')) {
    const [n, q, ...rest] = raw.split(':');
    if (rest.length) throw validationOfName(raw);
    name = n!;
    qualifier = q;
  }
  if (!NAME.test(name)) throw validationOfName(raw);
  if (queryQualifier) {
    if (qualifier && qualifier !== queryQualifier) {
      throw invalidParameter(
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    }
    qualifier = queryQualifier;
  }
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw validation(
      `1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`,
    );
  }
  return { name, qualifier: qualifier || undefined };
}

const validationOfName = (raw: string) =>
  validation(
    `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
  );

export const functionArn = (region: string, name: string, qualifier?: string): string =>
  arn('lambda', region, `function:${name}${qualifier ? `:${qualifier}` : ''}`);

export const capacityProviderArn = (region: string, name: string): string =>
  arn('lambda', region, `capacity-provider:${name}`);

/** Lambda's LastModified format: 2024-01-01T00:00:00.000+0000. */
export const lambdaDate = (d: Date): string => d.toISOString().replace('Z', '+0000');
