// Identifiers in AWS's real formats. The account is fixed: every ARN the emulator mints
// uses it, and clients that parse ARNs see the shapes they would see in AWS.
import { randomBytes, randomUUID } from 'node:crypto';

export const ACCOUNT_ID = '000000000000';
export const PARTITION = 'aws';

export const requestId = (): string => randomUUID();

const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random string over an alphabet, as AWS uses for generated names and ids. */
export function randomId(length: number, alphabet: 'upper' | 'lower' = 'lower'): string {
  const chars = alphabet === 'upper' ? ALNUM_UPPER : ALNUM_LOWER;
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += chars[b % chars.length];
  return out;
}

export const arn = (service: string, region: string, resource: string, account = ACCOUNT_ID): string =>
  `arn:${PARTITION}:${service}:${region}:${account}:${resource}`;

/**
 * CloudFormation's generated physical name: `<stack>-<logicalId>-<SUFFIX>`, shortened to
 * fit the service's limit the way CloudFormation does (stack and logical id truncated).
 */
export function physicalName(stackName: string, logicalId: string, maxLength = 64): string {
  const suffix = randomId(12, 'upper');
  const room = Math.max(2, maxLength - suffix.length - 2);
  let stack = stackName;
  let logical = logicalId;
  while (stack.length + logical.length > room && (stack.length > 1 || logical.length > 1)) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  return `${stack}-${logical}-${suffix}`;
}
