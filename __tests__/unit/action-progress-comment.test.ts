// The Action's live PR comment end to end: @actions/core mocked (inputs, log), the real
// @actions/github talking to a local GitHub fake, CloudFormation mocked. A run on a pull request
// writes "deploying…" first and ends with the full report in the same comment; a pull request
// from a fork gets no live comment at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { ACTIONS_APP, ACTIONS_BOT, FakeGitHub } from '../fakes/github-api.js';
import { fakeClock } from './support.js';

const inputs: Record<string, string> = {};
const failures: string[] = [];
const logs: string[] = [];

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs[name] ?? '',
  setOutput: () => undefined,
  setFailed: (message: string) => void failures.push(message),
  info: (m: string) => void logs.push(m),
  warning: (m: string) => void logs.push(`warning: ${m}`),
  error: (m: string) => void logs.push(`error: ${m}`),
  debug: () => undefined,
  setSecret: () => undefined,
  group: async <T>(_name: string, fn: () => Promise<T>) => fn(),
  getState: () => '',
}));

const ENV = {
  GITHUB_REPOSITORY: 'acme/webhooks',
  GITHUB_SHA: 'abc1234def5678',
  GITHUB_RUN_ID: '99',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_EVENT_NAME: 'pull_request',
};
const savedEnv: Record<string, string | undefined> = {};
let fake: FakeGitHub;
let run: typeof import('../../src/github/action.js').run;
let context: typeof import('@actions/github').context;

const cfn = mockClient(CloudFormationClient);
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/webhook-test/abc';
const dir = mkdtempSync(join(tmpdir(), 'lmi-live-'));
writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake
    .addToken('gh-token', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'write' })
    .addToken('gh-token-fork', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'read' })
    .addIssue('acme', 'webhooks', 7)
    .addIssue('acme', 'webhooks', 8);
  for (const [k, v] of Object.entries({ ...ENV, GITHUB_API_URL: fake.url })) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
  ({ run } = await import('../../src/github/action.js'));
  ({ context } = await import('@actions/github'));
});
afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A deploy whose change set runs only once the start comment has landed, so the order is known. */
function arrangeDeploy() {
  cfn.reset();
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackId: STACK_ID,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
      },
    ],
  });
  cfn.on(ListChangeSetsCommand).resolves({ Summaries: [] });
  cfn.on(CreateChangeSetCommand).resolves({ StackId: STACK_ID });
  cfn.on(DescribeChangeSetCommand).resolves({
    StackId: STACK_ID,
    Status: 'CREATE_COMPLETE',
    Changes: [
      {
        ResourceChange: {
          LogicalResourceId: 'Queue',
          ResourceType: 'AWS::SQS::Queue',
          Action: 'Modify',
          Replacement: 'False',
        },
      },
    ],
  });
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  const writes = fake.writes.length;
  cfn.on(ExecuteChangeSetCommand).callsFake(async () => {
    for (let i = 0; i < 500 && fake.writes.length === writes; i++)
      await new Promise((r) => setTimeout(r, 10));
    return {};
  });
}

beforeEach(() => {
  for (const key of Object.keys(inputs)) delete inputs[key];
  failures.length = 0;
  logs.length = 0;
  Object.assign(inputs, {
    'stack-name': 'webhook-test',
    template: 'template.yaml',
    region: 'us-east-1',
    'github-token': 'gh-token',
  });
});

const commentsOn = (pr: number) => fake.comments('acme', 'webhooks', pr);
const writesOn = (pr: number) => {
  const ids = new Set(commentsOn(pr).map((c) => c.id));
  return fake.writes.filter((w) => ids.has(w.id));
};

describe('the live PR comment of an Action run', () => {
  it('says "deploying…" first, then the final report replaces it in the same comment', async () => {
    context.eventName = 'pull_request';
    context.payload = {
      pull_request: {
        number: 7,
        head: { repo: { full_name: 'acme/webhooks' } },
        base: { repo: { full_name: 'acme/webhooks' } },
      },
    };
    arrangeDeploy();
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures).toEqual([]);
    const writes = writesOn(7);
    expect(commentsOn(7)).toHaveLength(1);
    expect(writes[0]!.method).toBe('POST');
    expect(writes[0]!.body).toContain('## ⏳ lmi-cutover `deploy` deploying… on `webhook-test`');
    expect(writes[0]!.body).toContain(
      '[workflow run](https://github.com/acme/webhooks/actions/runs/99) · PR #7 · commit `abc1234`',
    );
    // Every later write updates that comment; the last one is the full report.
    expect(writes.slice(1).every((w) => w.method === 'PATCH' && w.id === writes[0]!.id)).toBe(true);
    expect(writes.at(-1)!.body).toContain('## ✅ lmi-cutover `deploy` succeeded on `webhook-test`');
    expect(commentsOn(7)[0]!.body).toBe(writes.at(-1)!.body);
    expect(logs).toContainEqual(
      expect.stringMatching(/^Live PR comment on acme\/webhooks#7, updated as each stage ends: https:/),
    );
    expect(logs.filter((l) => l.startsWith('warning:'))).toEqual([]);
  });

  it('writes no live comment on a pull request from a fork', async () => {
    context.eventName = 'pull_request';
    context.payload = {
      pull_request: {
        number: 8,
        head: { repo: { full_name: 'stranger/webhooks', fork: true } },
        base: { repo: { full_name: 'acme/webhooks' } },
      },
    };
    inputs['github-token'] = 'gh-token-fork';
    const before = fake.requests.length;
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures[0]).toMatch(/^\[FORK_REFUSED\]/);
    expect(commentsOn(8)).toEqual([]);
    // Only the final report was tried (and refused: a fork's token is read-only); nothing before it.
    const writes = fake.requests.slice(before).filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes).toEqual([{ method: 'POST', path: '/repos/acme/webhooks/issues/8/comments', status: 403 }]);
    expect(logs.some((l) => l.includes('Live PR comment'))).toBe(false);
  });

  it('writes only the final report when progress-comment is false', async () => {
    context.eventName = 'pull_request';
    context.payload = {
      pull_request: {
        number: 7,
        head: { repo: { full_name: 'acme/webhooks' } },
        base: { repo: { full_name: 'acme/webhooks' } },
      },
    };
    inputs['progress-comment'] = 'false';
    arrangeDeploy();
    const before = fake.writes.length;
    // The change set must not wait for a live comment that never comes.
    cfn.on(ExecuteChangeSetCommand).resolves({});
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures).toEqual([]);
    const writes = fake.writes.slice(before);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.body).toContain('## ✅ lmi-cutover `deploy` succeeded on `webhook-test`');
  });
});
