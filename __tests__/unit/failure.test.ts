import { describe, expect, it } from '@jest/globals';
import { CutoverError } from '../../src/core/errors.js';
import { asCutoverError } from '../../src/core/failure.js';
import { awsError } from './support.js';

const credentials = Object.assign(new Error('Could not load credentials from any providers'), {
  name: 'CredentialsProviderError',
});
const denied = awsError(
  'AccessDeniedException',
  'User: x is not authorized to perform: lambda:GetFunction',
  403,
);
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
  code: 'ECONNREFUSED',
  $metadata: { attempts: 6 },
});
const limit = awsError('LimitExceededException', 'Limit exceeded for resource of type AWS::Lambda::Function');

describe('asCutoverError', () => {
  it.each<[string, unknown, string]>([
    ['missing credentials', credentials, 'CREDENTIALS_MISSING'],
    ['an access denial', denied, 'ACCESS_DENIED'],
    ['a refused connection', refused, 'NETWORK_ERROR'],
    ['another AWS error', limit, 'AWS_ERROR'],
    ['a programming error', new TypeError('x is undefined'), 'INTERNAL_ERROR'],
  ])('classifies %s', (_name, error, code) => {
    expect(asCutoverError(error).code).toBe(code);
  });

  it('keeps AWS words for other AWS errors and passes CutoverErrors through unchanged', () => {
    expect(asCutoverError(limit).message).toBe(
      'AWS answered LimitExceededException: Limit exceeded for resource of type AWS::Lambda::Function',
    );
    const ours = new CutoverError('STACK_STUCK', 'stuck');
    expect(asCutoverError(ours)).toBe(ours);
  });
});
