import { describe, expect, it } from '@jest/globals';
import { forkOrigin, forkRefusal } from '../../src/github/fork.js';

const pr = (head: object | null, base = { full_name: 'acme/webhooks' }) => ({
  eventName: 'pull_request',
  payload: { pull_request: { head: { repo: head }, base: { repo: base } } },
});

const run = (head: object | null, repository = { full_name: 'acme/webhooks' }) => ({
  eventName: 'workflow_run',
  payload: { workflow_run: { head_repository: head, repository }, repository },
});

describe('fork rule', () => {
  it.each([
    ['a fork flagged by GitHub', pr({ full_name: 'stranger/webhooks', fork: true }), 'stranger/webhooks'],
    [
      'another repository without the flag',
      pr({ full_name: 'stranger/webhooks', fork: false }),
      'stranger/webhooks',
    ],
    ['a deleted fork', pr(null), 'a deleted fork'],
    ['a branch of this repository', pr({ full_name: 'acme/webhooks', fork: false }), undefined],
    ['a push', { eventName: 'push', payload: {} }, undefined],
    [
      'a workflow_run started by a fork’s pull request',
      run({ full_name: 'stranger/webhooks', fork: true }),
      'stranger/webhooks',
    ],
    ['a workflow_run from another repository', run({ full_name: 'stranger/webhooks' }), 'stranger/webhooks'],
    ['a workflow_run whose fork is gone', run(null), 'a deleted fork'],
    ['a workflow_run of this repository', run({ full_name: 'acme/webhooks', fork: false }), undefined],
  ])('recognises %s', (_name, context, origin) => {
    expect(forkOrigin(context)).toBe(origin);
  });

  it('refuses a fork unless allowed, explaining why', () => {
    const context = pr({ full_name: 'stranger/webhooks', fork: true });
    const refusal = forkRefusal(context, false);
    expect(refusal?.code).toBe('FORK_REFUSED');
    expect(refusal?.message).toContain("its code would run with this repository's AWS credentials");
    expect(forkRefusal(context, true)).toBeUndefined();
    expect(forkRefusal(pr({ full_name: 'acme/webhooks' }), false)).toBeUndefined();
  });
});
