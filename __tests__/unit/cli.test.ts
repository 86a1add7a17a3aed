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
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../../src/cli/program.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import {
  fakeLambda,
  fakeStage,
  LMI1,
  LMI2,
  LMI_FN,
  STANDARD_FN,
  TWIN1,
  type FakeStage,
} from './cutover-fakes.js';
import { awsError, fakeClock } from './support.js';

const cfn = mockClient(CloudFormationClient);
const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);
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
  apigw.reset();
  lambda.reset();
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

  it('has a plan command, and refuses change-set-name there (a plan names its own) with exit code 2', async () => {
    const { code, stderr } = await cli(
      'plan',
      '--stack-name',
      'webhook-test',
      '--region',
      'eu-west-1',
      '--change-set-name',
      'reviewed',
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      'change-set-name: applies to modes deploy and full (it executes a reviewed change set); mode plan names the change set it creates itself',
    );
    expect(cfn.calls()).toHaveLength(0);
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
      '--capabilities',
      'CAPABILITY_AUTO_EXPAND',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /error: \[DEPLOY_CHANGESET_FAILED\] CloudFormation refused change set lmi-cutover-\S+ on webhook-test: Requires capabilities : \[CAPABILITY_IAM\]\. The template needs a capability the capabilities input does not list \(CAPABILITY_AUTO_EXPAND\): add it there, or change the template\./,
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

describe('lmi-cutover cutover, full, rollback, status, destroy and cost', () => {
  it('lists every command, and gives cutover its options', async () => {
    const top = await cli('--help');
    for (const command of [
      'deploy',
      'verify',
      'cutover',
      'full',
      'rollback',
      'status',
      'destroy',
      'cost',
      'init',
    ]) {
      expect(top.stdout).toMatch(new RegExp(`^  ${command} \\[options\\]`, 'm'));
    }
    const cutover = await cli('cutover', '--help');
    expect(cutover.code).toBe(0);
    for (const flag of [
      '--cutover-steps',
      '--bake-seconds',
      '--probe-rate',
      '--resume',
      '--alarm-names',
      '--keep-versions',
      '--max-p95-ms',
    ]) {
      expect(cutover.stdout).toContain(flag);
    }
    expect(cutover.stdout).toMatch(/\(default:\s+10,50,100\)/);
    const status = await cli('status', '--help');
    expect(status.stdout).toContain('--stack-name');
    expect(status.stdout).not.toContain('--bake-seconds');
  });

  it('gives destroy where the stack is, the dry run, the override and its bounds, and nothing of a release', async () => {
    const destroy = await cli('destroy', '--help');
    expect(destroy.code).toBe(0);
    for (const flag of ['--stack-name', '--region', '--dry-run', '--i-know-it-serves-production'])
      expect(destroy.stdout).toContain(flag);
    expect(destroy.stdout).toMatch(/--traffic-window-hours <hours>[\s\S]*\(default:\s+168\)/);
    expect(destroy.stdout).toMatch(/--timeout-minutes <minutes>[\s\S]*\(default:\s+30\)/);
    expect(destroy.stdout).not.toContain('--bake-seconds');
    expect(destroy.stdout).not.toContain('--template');
  });

  it.each([
    [['--traffic-window-hours', '0'], '"0" is not a whole number from 1 to 10920'],
    [['--timeout-minutes', 'soon'], '"soon" is not a whole number from 1 to 1440'],
    [['--force'], "unknown option '--force'"],
  ])('exits 2 from destroy on %j, before any AWS call', async (flags, message) => {
    const { code, stderr } = await cli('destroy', '--stack-name', 'webhook-test', ...flags);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(cfn.calls()).toHaveLength(0);
  });

  it('exits 2 on a cutover input the bake cannot judge, before any AWS call', async () => {
    const { code, stderr } = await cli('cutover', '--stack-name', 'webhook-test', '--bake-seconds', '1');
    expect(code).toBe(2);
    expect(stderr).toContain('bake-seconds: "1" is too short for probe-rate 15 and a first step of 10 %');
    expect(cfn.calls()).toHaveLength(0);
  });

  it('prints the cost comparison: the article figures for standard Lambda, an LMI fleet of at least 3', async () => {
    const small = await cli('cost', '--invocations', '5000000', '--duration-ms', '500', '--memory-mb', '512');
    expect(small.code).toBe(0);
    expect(small.stdout).toMatch(/^total per month +\$21\.83 +\$\d/m);
    expect(small.stdout).toContain('EC2 3 x m7i.large at $0.1008/h');
    expect(small.stdout).toContain('standard Lambda is cheaper by');
    expect(small.stdout).toMatch(/^Crossover: LMI costs no more from about [\d.]+M invocations\/month/m);
    const big = await cli('cost', '--invocations', '5_000_000', '--memory-mb', '2048');
    expect(big.stdout).toMatch(/^total per month +\$84\.33/m);
    const discounted = await cli(
      'cost',
      '--architecture',
      'arm64',
      '--savings-plan-discount',
      '30%',
      '--instance-type',
      'c7g.xlarge',
      '--instance-price',
      '0.2',
    );
    expect(discounted.code).toBe(0);
    expect(discounted.stdout).toContain('EC2 3 x c7g.xlarge at $0.2/h');
    expect(discounted.stdout).toContain('Savings Plan discount 30%');
  });

  it.each([
    [['cost', '--invocations', 'lots'], '"lots" is not a whole number between 1 and 10^12'],
    [['cost', '--memory-gib-per-vcpu', '3'], '"3" is not 2, 4 or 8'],
    [['cost', '--instance-type', 'c7g.large', '--lmi-memory-mb', '8192'], 'pick a larger instance type'],
  ])('exits 2 on a bad cost figure: %j', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("prints the stage's route and each role's version, traffic, scaling and state", async () => {
    const stage = fakeStage(apigw, {
      live: LMI1,
      canary: { percent: 10, override: LMI2 },
      rollback: TWIN1,
      fallback: TWIN1,
    });
    stackWith(stage, { LmiVersion: '2' });
    lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
    lambda.on(GetFunctionScalingConfigCommand).resolves({
      RequestedFunctionScalingConfig: { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 },
    });
    lambda.on(ListVersionsByFunctionCommand).resolves({
      Versions: ['$LATEST', '1', '2'].map((Version) => ({ Version })),
    });
    const { code, stdout, stderr } = await cli(
      'status',
      '--stack-name',
      'webhook-test',
      '--region',
      'eu-west-1',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route  canary:10 (LMI v1 → LMI v2)');
    expect(stdout).toMatch(/^production +LMI +1 +90 % +3\/3 +Active$/m);
    expect(stdout).toMatch(/^candidate +LMI +2 +10 % +3\/3 +Active$/m);
    expect(stdout).toMatch(/^rollback target +standard twin +1 +0 % +- +Active$/m);
    expect(stdout).toMatch(/^fallback +standard twin +1 +0 % +- +Active$/m);
    expect(stdout).toContain('LMI versions published: 2 (newest first: 2, 1)');
    // Read-only.
    expect(stage.updates()).toEqual([]);
  });

  it('rollback --to standard sends production to the fallback; plain rollback to the previous version', async () => {
    fakeLambda(lambda);
    const toStandard = fakeStage(apigw, { live: LMI2, rollback: LMI1, fallback: TWIN1 });
    stackWith(toStandard);
    const standard = await cli(
      'rollback',
      '--stack-name',
      'webhook-test',
      '--region',
      'eu-west-1',
      '--to',
      'standard',
    );
    expect(standard.code).toBe(0);
    expect(toStandard.record().variables).toEqual({ liveFunction: TWIN1, fallbackFunction: TWIN1 });

    apigw.reset();
    const previous = fakeStage(apigw, { live: LMI2, rollback: LMI1, fallback: TWIN1 });
    stackWith(previous);
    expect((await cli('rollback', '--stack-name', 'webhook-test', '--region', 'eu-west-1')).code).toBe(0);
    expect(previous.record().variables).toEqual({ liveFunction: LMI1, fallbackFunction: TWIN1 });
  });

  it('rollback --to refuses anything but previous or standard, before any AWS call', async () => {
    const { code, stderr } = await cli('rollback', '--stack-name', 'webhook-test', '--to', 'twin');
    expect(code).toBe(2);
    expect(stderr).toContain('rollback-to: "twin" is not one of: previous, standard');
    expect(cfn.calls()).toHaveLength(0);
  });

  it('exits 1 from status on a stage in a shape it did not make, printing the fixes', async () => {
    const stage = fakeStage(apigw, { live: 'someone-else:live', rollback: LMI1 });
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [
            { OutputKey: 'RestApiId', OutputValue: stage.ref.restApiId },
            { OutputKey: 'StageName', OutputValue: 'prod' },
            { OutputKey: 'LmiFunctionName', OutputValue: LMI_FN },
            { OutputKey: 'StandardFunctionName', OutputValue: STANDARD_FN },
          ],
        },
      ],
    });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [] });
    lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [] });
    const { code, stdout } = await cli('status', '--stack-name', 'webhook-test', '--region', 'eu-west-1');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^route {2}UNKNOWN: liveFunction is "someone-else:live"/m);
    expect(stdout).toContain(`All traffic to ${LMI1}: aws apigateway update-stage`);
    expect(stage.updates()).toEqual([]);
  });
});

/** The workload stack's outputs over a fake stage (no ApiUrl: nothing is probed). */
function stackWith(stage: FakeStage, extra: Record<string, string> = {}) {
  const outputs = {
    RestApiId: stage.ref.restApiId,
    StageName: 'prod',
    LmiFunctionName: LMI_FN,
    StandardFunctionName: STANDARD_FN,
    ...extra,
  };
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackId: STACK_ID,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}
