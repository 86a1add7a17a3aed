// The CLI's contract: 0 success (and --help), 1 a failed run, 2 bad usage or invalid input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../../src/cli/program.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { awsError, fakeClock } from './support.js';

const cfn = mockClient(CloudFormationClient);
const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/webhook-test/abc';
const dir = mkdtempSync(join(tmpdir(), 'lmi-cli-'));
writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: dir,
    clock: fakeClock(),
  });
  return { code, stdout, stderr };
}

beforeEach(() => {
  cfn.reset();
});

describe('lmi-cutover', () => {
  it('prints help and exits 0', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('deploy [options]');
    const deploy = await cli('deploy', '--help');
    expect(deploy.code).toBe(0);
    for (const flag of [
      '--stack-name',
      '--template',
      '--region',
      '--artifact-bucket',
      '--parameter-overrides',
      '--tags',
      '--role-arn',
      '--deploy-timeout-minutes',
      '--endpoint-url',
    ]) {
      expect(deploy.stdout).toContain(flag);
    }
    expect(deploy.stdout).toMatch(/\(default:\s+30\)/);
    expect(deploy.stdout).not.toContain('--allow-fork');
  });

  it('exits 0 after a deployment with nothing to change, printing a summary', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [{ OutputKey: 'ApiUrl', OutputValue: 'https://api.example/prod' }],
        },
      ],
    });
    cfn.on(CreateChangeSetCommand).resolves({ StackId: STACK_ID });
    cfn
      .on(DescribeChangeSetCommand)
      .resolves({ StackId: STACK_ID, Status: 'FAILED', StatusReason: 'No updates are to be performed.' });
    cfn.on(DeleteChangeSetCommand).resolves({});
    cfn.on(ListChangeSetsCommand).resolves({ Summaries: [] });
    const { code, stdout, stderr } = await cli(
      'deploy',
      '--stack-name',
      'webhook-test',
      '--template',
      'template.yaml',
      '--region',
      'eu-west-1',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\[ {4}0s\] ▶ Deploy stack webhook-test$/m);
    expect(stdout).toContain('Stack webhook-test is UPDATE_COMPLETE: no changes to deploy.');
    expect(stdout).toContain('  ApiUrl: https://api.example/prod');
    // --region reached the client the command ran with.
    const client = cfn.commandCalls(CreateChangeSetCommand)[0]!.thisValue as CloudFormationClient;
    await expect(client.config.region()).resolves.toBe('eu-west-1');
  });

  it('has a verify command with the verify, report and cost options, but not the Action-only ones', async () => {
    const { code, stdout } = await cli('verify', '--help');
    expect(code).toBe(0);
    for (const flag of [
      '--stack-name',
      '--provisioning-timeout-minutes',
      '--concurrency',
      '--load-requests',
      '--concurrency-sweep',
      '--max-error-rate',
      '--max-p95-ms',
      '--max-throttle-rate',
      '--report-path',
      '--monthly-invocations',
      '--savings-plan-discount',
      '--instance-type',
      '--instance-price',
    ]) {
      expect(stdout).toContain(flag);
    }
    for (const actionOnly of ['--comment', '--github-token', '--pr-number', '--allow-fork']) {
      expect(stdout).not.toContain(actionOnly);
    }
  });

  it('writes the JSON report and prints the readable report at the end, also when the run fails', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'DELETE_FAILED',
          CreationTime: new Date(),
        },
      ],
    });
    const { code, stdout } = await cli(
      'verify',
      '--stack-name',
      'webhook-test',
      '--template',
      'template.yaml',
      '--region',
      'eu-west-1',
      '--report-path',
      'reports/run.json',
    );
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'reports/run.json'), 'utf8')) as Report;
    expect(report.run).toMatchObject({
      mode: 'verify',
      region: 'eu-west-1',
      outcome: 'failure',
      error: { code: 'STACK_STUCK' },
    });
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'failed'],
      ['provision', 'skipped'],
      ['smoke', 'skipped'],
      ['load', 'skipped'],
    ]);
    expect(stdout).toContain(`Report written to ${join(dir, 'reports/run.json')}`);
    expect(stdout).toContain(renderText(report));
  });

  it('exits 1 when the run fails, with the code and sentence', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', 'Stack with id webhook-test does not exist'));
    cfn
      .on(CreateChangeSetCommand)
      .rejects(awsError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]'));
    const { code, stderr } = await cli(
      'deploy',
      '--stack-name',
      'webhook-test',
      '--template',
      'template.yaml',
      '--region',
      'eu-west-1',
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      'error: [AWS_ERROR] AWS answered InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_IAM]',
    );
  });

  it.each([
    [['deploy', '--stack-name', 'x', '--bogus'], "error: unknown option '--bogus'"],
    [['depoy'], "error: unknown command 'depoy'"],
    [['deploy', '--stack-name'], "error: option '--stack-name <value>' argument missing"],
    [
      ['deploy', '--stack-name', 'bad_name', '--deploy-timeout-minutes', 'soon'],
      'error: [INVALID_INPUT] 2 inputs are invalid; fix them and run again:\n  stack-name: "bad_name" is not',
    ],
    [['deploy'], 'stack-name: "" is not a CloudFormation stack name'],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(cfn.calls()).toHaveLength(0);
  });
});
