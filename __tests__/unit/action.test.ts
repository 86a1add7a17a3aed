// The Action adapter with @actions/core and @actions/github mocked (ESM: mock first, then
// import), CloudFormation mocked with aws-sdk-client-mock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
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
import type { Report } from '../../src/report/model.js';
import { awsError, fakeClock } from './support.js';

const inputs: Record<string, string> = {};
const outputs: Record<string, string> = {};
const failures: string[] = [];
const logs: string[] = [];
const groups: string[] = [];

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs[name] ?? '',
  setOutput: (name: string, value: string) => {
    outputs[name] = value;
  },
  setFailed: (message: string) => {
    failures.push(message);
  },
  info: (m: string) => logs.push(m),
  warning: (m: string) => logs.push(`warning: ${m}`),
  error: (m: string) => logs.push(`error: ${m}`),
  debug: () => undefined,
  setSecret: () => undefined,
  group: async <T>(name: string, fn: () => Promise<T>) => {
    groups.push(name);
    return fn();
  },
  getState: () => '',
}));

const githubContext: { eventName: string; payload: Record<string, unknown> } = {
  eventName: 'push',
  payload: {},
};
const commentCalls: unknown[] = [];
jest.unstable_mockModule('@actions/github', () => ({
  context: githubContext,
  // The sticky comment is tested against a GitHub fake elsewhere; here it must not be reached.
  getOctokit: (...args: unknown[]) => {
    commentCalls.push(args);
    throw new Error('no GitHub API in this test');
  },
}));

const { run } = await import('../../src/github/action.js');

const cfn = mockClient(CloudFormationClient);
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/webhook-test/abc';
const dir = mkdtempSync(join(tmpdir(), 'lmi-action-'));
writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function arrangeUpdate(outputsOfStack: Array<{ OutputKey: string; OutputValue: string }>) {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackId: STACK_ID,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: outputsOfStack,
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
  cfn.on(ExecuteChangeSetCommand).resolves({});
}

beforeEach(() => {
  cfn.reset();
  for (const record of [inputs, outputs]) for (const key of Object.keys(record)) delete record[key];
  failures.length = 0;
  logs.length = 0;
  groups.length = 0;
  githubContext.eventName = 'push';
  githubContext.payload = {};
  commentCalls.length = 0;
  Object.assign(inputs, { 'stack-name': 'webhook-test', template: 'template.yaml', region: 'us-east-1' });
});

describe('run (the Action adapter)', () => {
  it('deploys in a group and sets every output, one per stack output key too', async () => {
    arrangeUpdate([
      { OutputKey: 'ApiUrl', OutputValue: 'https://api.example/prod' },
      { OutputKey: 'outputs', OutputValue: 'collides' },
    ]);
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures).toEqual([]);
    expect(groups).toEqual(['Deploy stack webhook-test']);
    expect(outputs).toEqual({
      'stack-id': STACK_ID,
      'stack-status': 'UPDATE_COMPLETE',
      'no-op': 'false',
      'change-count': '1',
      'change-set-name': expect.stringMatching(/^lmi-cutover-\d{8}-\d{6}-[0-9a-f]{6}$/),
      outputs: JSON.stringify({ ApiUrl: 'https://api.example/prod', outputs: 'collides' }),
      ApiUrl: 'https://api.example/prod',
      'report-path': join(dir, 'lmi-cutover-report.json'),
    });
    const report = JSON.parse(readFileSync(join(dir, 'lmi-cutover-report.json'), 'utf8')) as Report;
    expect(report.run).toMatchObject({ mode: 'deploy', stackName: 'webhook-test', outcome: 'success' });
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([['deploy', 'passed']]);
    // A push without pr-number has no pull request: no comment is attempted.
    expect(commentCalls).toEqual([]);
    expect(logs).toContain(
      'warning: Stack output outputs has the name of an action output; read it from the outputs JSON instead.',
    );
  });

  it('fails naming stack-name when no inputs are given', async () => {
    for (const key of Object.keys(inputs)) delete inputs[key];
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBe(
      '[INVALID_INPUT] 1 input is invalid; fix it and run again:\n' +
        '  stack-name: "" is not a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter',
    );
    expect(cfn.calls()).toHaveLength(0);
  });

  it('refuses a pull request from a fork unless allow-fork is true, saying why', async () => {
    githubContext.eventName = 'pull_request';
    githubContext.payload = {
      pull_request: {
        head: { repo: { full_name: 'stranger/webhooks', fork: true } },
        base: { repo: { full_name: 'acme/webhooks' } },
      },
    };
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures[0]).toMatch(
      /^\[FORK_REFUSED\] Refusing to deploy: this pull_request event comes from stranger\/webhooks/,
    );
    expect(failures[0]).toContain('allow-fork: true');
    expect(cfn.calls()).toHaveLength(0);

    failures.length = 0;
    inputs['allow-fork'] = 'true';
    arrangeUpdate([]);
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures).toEqual([]);
    expect(outputs['stack-status']).toBe('UPDATE_COMPLETE');
  });

  it('fails with the code and sentence of a pipeline error', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'UPDATE_ROLLBACK_FAILED',
          CreationTime: new Date(),
        },
      ],
    });
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures[0]).toMatch(
      /^\[STACK_STUCK\] Stack webhook-test is UPDATE_ROLLBACK_FAILED\. .*continue-update-rollback/,
    );
    // A failed run still writes its report, and says why it failed.
    expect(outputs).toEqual({ 'report-path': join(dir, 'lmi-cutover-report.json') });
    const report = JSON.parse(readFileSync(join(dir, 'lmi-cutover-report.json'), 'utf8')) as Report;
    expect(report.run.outcome).toBe('failure');
    expect(report.run.error?.code).toBe('STACK_STUCK');
    expect(report.timeline.map((t) => [t.stage, t.outcome, t.detail])).toEqual([
      ['deploy', 'failed', 'STACK_STUCK'],
    ]);
  });

  it('turns AWS access denials into ACCESS_DENIED with the denied action', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        awsError(
          'AccessDenied',
          'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: cloudformation:DescribeStacks',
          403,
        ),
      );
    await run({ cwd: dir, clock: fakeClock() });
    expect(failures[0]).toMatch(
      /^\[ACCESS_DENIED\] AWS denied a call: .*cloudformation:DescribeStacks\. Grant the deploy role/,
    );
  });
});
