import { beforeEach, describe, expect, it, jest } from '@jest/globals';

const state: Record<string, string> = {};
const logs: string[] = [];
jest.unstable_mockModule('@actions/core', () => ({
  getState: (name: string) => state[name] ?? '',
  info: (m: string) => logs.push(m),
  warning: (m: string) => logs.push(`warning: ${m}`),
}));
const { runPost, PENDING_STATE } = await import('../../src/github/post.js');

beforeEach(() => {
  logs.length = 0;
  delete state[PENDING_STATE];
});

describe('post step', () => {
  it('reports that nothing is pending when the main step saved no route change', () => {
    runPost();
    expect(logs).toEqual([
      'lmi-cutover post step: nothing pending; the main step left no unfinished route change.',
    ]);
  });

  it('warns, without pretending to repair it, when state was recorded', () => {
    state[PENDING_STATE] = 'canary:10';
    runPost();
    expect(logs[0]).toMatch(/^warning: .*unfinished work \(canary:10\)/);
  });
});
