import { describe, expect, it } from '@jest/globals';
import { actionsCalledBySource, directlyAllowed, iamActionOf, loadPolicy } from '../support/iam-policy.js';

describe('docs/iam-policy.json against the source', () => {
  const policy = loadPolicy();
  const called = actionsCalledBySource('src');
  const allowed = directlyAllowed(policy);

  it('allows every AWS call the action can make', () => {
    const missing = [...called.keys()].filter((a) => !allowed.has(a));
    expect(missing).toEqual([]);
  });

  it('allows nothing the action never calls', () => {
    const unused = [...allowed].filter((a) => !called.has(a));
    expect(unused).toEqual([]);
  });

  it('lets CloudFormation create the workload, including lambda:PassCapacityProvider, only when called via CloudFormation', () => {
    const viaCfn = policy.Statement.filter((s) => s.Condition);
    expect(viaCfn).toHaveLength(1);
    expect(viaCfn[0]!.Condition).toEqual({
      'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] },
    });
    expect(viaCfn[0]!.Action).toContain('lambda:PassCapacityProvider');
  });

  it('maps operations to IAM actions as IAM names them', () => {
    expect(iamActionOf('lambda', 'Invoke')).toBe('lambda:InvokeFunction');
    expect(iamActionOf('s3', 'HeadObject')).toBe('s3:GetObject');
    expect(iamActionOf('apigateway', 'UpdateStage')).toBe('apigateway:PATCH');
    expect(() => iamActionOf('apigateway', 'DeleteRestApi')).toThrow(/no IAM action known/);
  });
});
