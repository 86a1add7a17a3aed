import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError, parseConfig, type RawInputs } from '../../src/config/config.js';

const valid = { 'stack-name': 'webhook-prod' };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-params-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const parse = (raw: RawInputs, env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) =>
  parseConfig(raw, { env, cwd });

function issuesOf(raw: RawInputs, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    parse(raw, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    expect(parse(valid)).toEqual({
      mode: 'deploy',
      stackName: 'webhook-prod',
      template: 'workload/template.yaml',
      region: undefined,
      artifactBucket: undefined,
      parameterOverrides: {},
      tags: {},
      roleArn: undefined,
      deployTimeoutMinutes: 30,
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
      rollbackAlarms: [],
      endpointUrl: undefined,
      allowFork: false,
      provisioningTimeoutMinutes: 20,
      concurrency: undefined,
      loadRequests: undefined,
      loadWorkers: undefined,
      concurrencySweep: [],
      maxErrorRate: 0,
      maxP95Ms: 'auto',
      maxThrottleRate: 0,
      metricsPeriodSeconds: 60,
      metricsDelaySeconds: 120,
      reportPath: 'lmi-cutover-report.json',
      shardReportPath: 'lmi-cutover-shard.json',
      comment: true,
      progressComment: true,
      githubToken: undefined,
      prNumber: undefined,
      monthlyInvocations: 5_000_000,
      savingsPlanDiscount: 0,
      instanceType: undefined,
      instancePrice: undefined,
      cutoverSteps: [10, 50, 100],
      bakeSeconds: 120,
      probeRate: 15,
      resume: 'rollback',
      rollbackTo: 'previous',
      alarmNames: [],
      keepVersions: 5,
    });
  });

  it('treats blank inputs (what core.getInput returns when unset) as not given', () => {
    const config = parse({
      ...valid,
      mode: '',
      template: '  ',
      'deploy-timeout-minutes': '',
      'allow-fork': '',
    });
    expect(config.mode).toBe('deploy');
    expect(config.template).toBe('workload/template.yaml');
    expect(config.deployTimeoutMinutes).toBe(30);
  });

  it('takes the region from the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(parse(valid, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe(
      'eu-west-1',
    );
    expect(parse(valid, { AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe('us-east-2');
    expect(parse({ ...valid, region: 'ap-southeast-2' }, { AWS_REGION: 'eu-west-1' }).region).toBe(
      'ap-southeast-2',
    );
  });

  it('reads every valid form', () => {
    const config = parse({
      ...valid,
      'artifact-bucket': 'my.artifacts-1',
      'role-arn': 'arn:aws:iam::123456789012:role/cfn-deploy',
      'deploy-timeout-minutes': '45',
      'endpoint-url': 'http://127.0.0.1:4566/',
      'allow-fork': 'True',
      tags: 'team=payments cost-center=42',
    });
    expect(config).toMatchObject({
      artifactBucket: 'my.artifacts-1',
      roleArn: 'arn:aws:iam::123456789012:role/cfn-deploy',
      deployTimeoutMinutes: 45,
      endpointUrl: 'http://127.0.0.1:4566',
      allowFork: true,
      tags: { team: 'payments', 'cost-center': '42' },
    });
  });

  // Exact messages: `<input>: "<value>" is not <accepted form>`.
  it.each<[string, RawInputs, string]>([
    [
      'missing stack name',
      {},
      'stack-name: "" is not a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter',
    ],
    [
      'stack name starting with a digit',
      { 'stack-name': '1stack' },
      'stack-name: "1stack" is not a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter',
    ],
    [
      'stack name with an underscore',
      { 'stack-name': 'my_stack' },
      'stack-name: "my_stack" is not a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter',
    ],
    [
      'stack name too long',
      { 'stack-name': `a${'b'.repeat(128)}` },
      `stack-name: "a${'b'.repeat(128)}" is not a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter`,
    ],
    [
      'unknown mode',
      { ...valid, mode: 'status' },
      'mode: "status" is not one of: plan, deploy, verify, cutover, full, rollback, merge',
    ],
    ['bad region', { ...valid, region: 'Mars-1' }, 'region: "Mars-1" is not an AWS region such as us-east-1'],
    [
      'bucket with upper case',
      { ...valid, 'artifact-bucket': 'My_Bucket' },
      'artifact-bucket: "My_Bucket" is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    ],
    [
      'timeout not a number',
      { ...valid, 'deploy-timeout-minutes': 'abc' },
      'deploy-timeout-minutes: "abc" is not a whole number of minutes between 1 and 720',
    ],
    [
      'timeout zero',
      { ...valid, 'deploy-timeout-minutes': '0' },
      'deploy-timeout-minutes: "0" is not a whole number of minutes between 1 and 720',
    ],
    [
      'timeout fractional',
      { ...valid, 'deploy-timeout-minutes': '1.5' },
      'deploy-timeout-minutes: "1.5" is not a whole number of minutes between 1 and 720',
    ],
    [
      'role that is not a role ARN',
      { ...valid, 'role-arn': 'arn:aws:iam::123456789012:user/bob' },
      'role-arn: "arn:aws:iam::123456789012:user/bob" is not an IAM role ARN such as arn:aws:iam::123456789012:role/cfn-deploy',
    ],
    [
      'endpoint without scheme',
      { ...valid, 'endpoint-url': 'localhost:4566' },
      'endpoint-url: "localhost:4566" is not an http:// or https:// URL',
    ],
    ['allow-fork yes', { ...valid, 'allow-fork': 'yes' }, 'allow-fork: "yes" is not true or false'],
    [
      'parameter key with a dash',
      { ...valid, 'parameter-overrides': 'Live-Target=lmi' },
      'parameter-overrides: the value (15 characters, not shown) is not Key=Value pairs separated by spaces or newlines (alphanumeric keys, each once; quote values with spaces), or the path of a JSON/YAML file of {"Key": "Value"} ("Live-Target" is not an alphanumeric parameter name)',
    ],
    [
      'parameter given twice',
      { ...valid, 'parameter-overrides': 'A=1 A=2' },
      'parameter-overrides: the value (7 characters, not shown) is not Key=Value pairs separated by spaces or newlines (alphanumeric keys, each once; quote values with spaces), or the path of a JSON/YAML file of {"Key": "Value"} (A is given twice)',
    ],
    [
      'parameter text that is not pairs',
      { ...valid, 'parameter-overrides': 'A=1 oops B=2' },
      'parameter-overrides: the value (12 characters, not shown) is not Key=Value pairs separated by spaces or newlines (alphanumeric keys, each once; quote values with spaces), or the path of a JSON/YAML file of {"Key": "Value"} (expected Key=Value at character 5)',
    ],
    [
      'parameter file that does not exist',
      { ...valid, 'parameter-overrides': 'missing-params.json' },
      'parameter-overrides: "missing-params.json" is not Key=Value pairs separated by spaces or newlines (alphanumeric keys, each once; quote values with spaces), or the path of a JSON/YAML file of {"Key": "Value"} (cannot read the file: ENOENT)',
    ],
    [
      'reserved tag key',
      { ...valid, tags: 'aws:owner=me' },
      'tags: the value (12 characters, not shown) is not Key=Value pairs separated by spaces or newlines (at most 50, each key once, keys up to 128 characters not starting with aws:, values up to 256), or the path of a JSON/YAML file (tag key "aws:owner")',
    ],
  ])('rejects %s with an exact message', (_name, raw, message) => {
    expect(issuesOf(raw)).toEqual([message]);
  });

  it('keeps relative paths inside the working directory; an absolute path is an explicit choice', () => {
    const leaves =
      'a file path inside the working directory (or an absolute path) (it leaves the working directory)';
    expect(issuesOf({ ...valid, template: '../other/template.yaml' })).toEqual([
      `template: "../other/template.yaml" is not ${leaves}`,
    ]);
    expect(issuesOf({ ...valid, 'report-path': 'out/../../../tmp/report.json' })).toEqual([
      `report-path: "out/../../../tmp/report.json" is not ${leaves}`,
    ]);
    expect(issuesOf({ ...valid, checks: '../checks.yaml' })).toEqual([
      `checks: "../checks.yaml" is not ${leaves}`,
    ]);
    expect(issuesOf({ ...valid, 'parameter-overrides': '../params.json' })[0]).toContain(
      'the file path leaves the working directory (give an absolute path to mean it)',
    );
    expect(parse({ ...valid, template: '/abs/template.yaml' }).template).toBe('/abs/template.yaml');
    expect(parse({ ...valid, template: 'apps/../workload/template.yaml' }).template).toBe(
      'apps/../workload/template.yaml',
    );
  });

  it('never echoes a parameter value, and refuses a quote that is never closed', () => {
    const password = 'DbPassword=hunter2-S3cret Other="x y';
    const [issue] = issuesOf({ ...valid, 'parameter-overrides': password });
    expect(issue).not.toContain('hunter2');
    expect(issue).toContain('the value of Other opens a double quote that is never closed');
    const [bare] = issuesOf({ ...valid, 'parameter-overrides': "A='x" });
    expect(bare).toContain('the value of A opens a single quote that is never closed');
    const [glued] = issuesOf({ ...valid, 'parameter-overrides': 'A=1 Token="s3cret"x' });
    expect(glued).toContain('the value of Token (at character 5) is not a bare word or a closed quote');
    expect(glued).not.toContain('s3cret');
    // A closed quote still protects spaces.
    expect(parse({ ...valid, 'parameter-overrides': 'A="x y" B=\'p q\'' }).parameterOverrides).toEqual({
      A: 'x y',
      B: 'p q',
    });
  });

  it('reports every bad input together, in one error naming each', () => {
    let error: ConfigError | undefined;
    try {
      parse({ mode: 'verifi', 'deploy-timeout-minutes': '-5', region: 'nowhere' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.code).toBe('INVALID_INPUT');
    expect(error?.message.split('\n')[0]).toBe('4 inputs are invalid; fix them and run again:');
    expect(error?.issues.map((i) => i.split(':')[0])).toEqual([
      'mode',
      'stack-name',
      'region',
      'deploy-timeout-minutes',
    ]);
  });

  it('validates a region that comes from the environment too', () => {
    expect(issuesOf(valid, { AWS_REGION: 'bogus' })).toEqual([
      'region: "bogus" is not an AWS region such as us-east-1',
    ]);
  });
});

describe('parameter-overrides', () => {
  it('reads pairs separated by spaces and newlines, with commas, = and quotes in values', () => {
    const config = parse({
      ...valid,
      'parameter-overrides':
        'MaxExecutionEnvironments=6\nSubnets=subnet-1,subnet-2  Filter=a=b\nGreeting="hello world" Quote=\'x "y"\'',
    });
    expect(config.parameterOverrides).toEqual({
      MaxExecutionEnvironments: '6',
      Subnets: 'subnet-1,subnet-2',
      Filter: 'a=b',
      Greeting: 'hello world',
      Quote: 'x "y"',
    });
  });

  it('reads a JSON file in every accepted shape and a YAML file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'map.json'),
      JSON.stringify({ MinExecutionEnvironments: 4, Count: 3, Subnets: ['a', 'b'] }),
    );
    writeFileSync(
      join(dir, 'cli.json'),
      JSON.stringify([{ ParameterKey: 'MinExecutionEnvironments', ParameterValue: '4' }]),
    );
    writeFileSync(
      join(dir, 'pipeline.json'),
      JSON.stringify({ Parameters: { MinExecutionEnvironments: 4 }, Tags: { a: 'b' } }),
    );
    writeFileSync(join(dir, 'params.yaml'), 'MinExecutionEnvironments: 4\nEnabled: true\n');
    expect(parse({ ...valid, 'parameter-overrides': 'map.json' }, {}, dir).parameterOverrides).toEqual({
      MinExecutionEnvironments: '4',
      Count: '3',
      Subnets: 'a,b',
    });
    expect(parse({ ...valid, 'parameter-overrides': 'cli.json' }, {}, dir).parameterOverrides).toEqual({
      MinExecutionEnvironments: '4',
    });
    expect(parse({ ...valid, 'parameter-overrides': 'pipeline.json' }, {}, dir).parameterOverrides).toEqual({
      MinExecutionEnvironments: '4',
    });
    expect(parse({ ...valid, 'parameter-overrides': 'params.yaml' }, {}, dir).parameterOverrides).toEqual({
      MinExecutionEnvironments: '4',
      Enabled: 'true',
    });
  });

  it('says what is wrong with a file it cannot use', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nested.json'), JSON.stringify({ MinExecutionEnvironments: { nested: true } }));
    expect(() => parse({ ...valid, 'parameter-overrides': 'nested.json' }, {}, dir)).toThrow(
      /\(the value of MinExecutionEnvironments is not a string, number, boolean or list of them\)/,
    );
  });
});

describe('verify, report and cost inputs', () => {
  it('reads every valid form', () => {
    const config = parse({
      ...valid,
      mode: 'verify',
      'provisioning-timeout-minutes': '45',
      concurrency: '256',
      'load-requests': '5000',
      'load-workers': '4',
      'concurrency-sweep': '64, 8,16,32,16',
      'max-error-rate': '1.5%',
      'max-p95-ms': '350.5',
      'max-throttle-rate': '0.02',
      'report-path': 'out/report.json',
      comment: 'false',
      'progress-comment': 'false',
      'github-token': 'ghs_abc',
      'pr-number': '#42',
      'monthly-invocations': '10_000_000',
      'savings-plan-discount': '30%',
      'instance-type': 'c7g.xlarge',
      'instance-price': '0.145',
    });
    expect(config).toMatchObject({
      mode: 'verify',
      provisioningTimeoutMinutes: 45,
      concurrency: 256,
      loadRequests: 5000,
      loadWorkers: 4,
      concurrencySweep: [8, 16, 32, 64],
      maxErrorRate: 0.015,
      maxP95Ms: 350.5,
      maxThrottleRate: 0.02,
      reportPath: 'out/report.json',
      comment: false,
      progressComment: false,
      githubToken: 'ghs_abc',
      prNumber: 42,
      monthlyInvocations: 10_000_000,
      savingsPlanDiscount: 0.3,
      instanceType: 'c7g.xlarge',
      instancePrice: 0.145,
    });
    expect(parse({ ...valid, 'max-p95-ms': 'AUTO', 'monthly-invocations': '5,000,000' })).toMatchObject({
      maxP95Ms: 'auto',
      monthlyInvocations: 5_000_000,
    });
  });

  it.each([
    ['provisioning-timeout-minutes', '0', 'a whole number of minutes between 1 and 720'],
    ['concurrency', '0', 'a whole number between 1 and 10000'],
    ['concurrency', '12.5', 'a whole number between 1 and 10000'],
    ['load-requests', 'many', 'a whole number between 1 and 1000000'],
    ['load-workers', '0', 'a whole number between 1 and 64'],
    [
      'concurrency-sweep',
      '8;16',
      'comma-separated whole numbers between 1 and 1000 (per-environment concurrency levels, at most 20), for example 8,16,32,64',
    ],
    ['max-error-rate', '5', 'a fraction between 0 and 1 (0.01) or a percentage (1%)'],
    ['max-throttle-rate', '-0.1', 'a fraction between 0 and 1 (0.01) or a percentage (1%)'],
    ['max-p95-ms', '0', 'auto or a number of milliseconds greater than 0'],
    ['max-p95-ms', 'fast', 'auto or a number of milliseconds greater than 0'],
    ['comment', 'yes', 'true or false'],
    ['pr-number', '0', 'a pull request number such as 42'],
    [
      'monthly-invocations',
      '5e6',
      'a whole number of invocations per month between 1 and 10^12 (5000000, 5_000_000 or 5,000,000)',
    ],
    ['savings-plan-discount', '100%', 'a fraction from 0 up to (not including) 1, or a percentage (30%)'],
    ['instance-price', '-1', 'a price in USD per hour greater than 0, such as 0.0816'],
  ])('rejects %s %j naming the accepted form', (name, value, accepted) => {
    expect(issuesOf({ ...valid, [name]: value })).toEqual([
      `${name}: ${JSON.stringify(value)} is not ${accepted}`,
    ]);
  });

  it('names the instance types it has prices for', () => {
    const [issue] = issuesOf({ ...valid, 'instance-type': 't3.micro' });
    expect(issue).toMatch(
      /^instance-type: "t3.micro" is not an instance type of the price table: .*m7g\.large/,
    );
  });

  it('says how many sweep levels were too many', () => {
    const levels = Array.from({ length: 21 }, (_, i) => i + 1).join(',');
    expect(issuesOf({ ...valid, 'concurrency-sweep': levels })[0]).toMatch(/\(21 levels given\)$/);
  });
});

describe('cutover inputs', () => {
  it('reads every valid form', () => {
    const config = parse({
      ...valid,
      mode: 'full',
      'cutover-steps': ' 5, 25,50 ,100',
      'bake-seconds': '300',
      'probe-rate': '2.5',
      resume: 'continue',
      'alarm-names': 'webhook-5xx, Webhook p99 latency\nwebhook-5xx\n',
      'keep-versions': '10',
    });
    expect(config).toMatchObject({
      mode: 'full',
      cutoverSteps: [5, 25, 50, 100],
      bakeSeconds: 300,
      probeRate: 2.5,
      resume: 'continue',
      // Spaces belong to a name; duplicates are dropped.
      alarmNames: ['webhook-5xx', 'Webhook p99 latency'],
      keepVersions: 10,
    });
    for (const mode of ['cutover', 'full', 'rollback']) expect(parse({ ...valid, mode }).mode).toBe(mode);
  });

  const STEPS =
    'comma-separated canary percentages, ascending, each above 0, ending at 100, such as 10,50,100';
  it.each([
    ['cutover-steps', '10,50', `${STEPS} (the last step must be 100 (promotion follows it))`],
    ['cutover-steps', '50,10,100', `${STEPS} (steps must be strictly ascending)`],
    ['cutover-steps', '0,100', `${STEPS} (each step must be above 0 and at most 100)`],
    ['cutover-steps', '10,half,100', `${STEPS} ("half" is not a number)`],
    ['cutover-steps', '10,,100', `${STEPS} (an empty step)`],
    ['bake-seconds', '0', 'a whole number of seconds between 1 and 3600'],
    ['bake-seconds', '2.5', 'a whole number of seconds between 1 and 3600'],
    ['probe-rate', '0', 'a number of probes per second above 0 and at most 100'],
    ['probe-rate', '500', 'a number of probes per second above 0 and at most 100'],
    ['resume', 'skip', 'one of: rollback, continue'],
    // The twin by its input name only: `lmi` or `twin` would read as a target but are not one.
    ['rollback-to', 'twin', 'one of: previous, standard'],
    ['rollback-to', 'lmi', 'one of: previous, standard'],
    ['keep-versions', '0', 'a whole number of versions between 1 and 100'],
  ])('rejects %s %j with an exact message', (name, value, accepted) => {
    expect(issuesOf({ ...valid, [name]: value })).toEqual([
      `${name}: ${JSON.stringify(value)} is not ${accepted}`,
    ]);
  });

  it('rollback-to takes previous (the default) or standard', () => {
    expect(parse({ ...valid, mode: 'rollback' }).rollbackTo).toBe('previous');
    expect(parse({ ...valid, mode: 'rollback', 'rollback-to': 'previous' }).rollbackTo).toBe('previous');
    expect(parse({ ...valid, mode: 'rollback', 'rollback-to': ' standard ' }).rollbackTo).toBe('standard');
  });

  it('rejects an alarm name longer than CloudWatch allows', () => {
    expect(issuesOf({ ...valid, 'alarm-names': `ok,${'x'.repeat(256)}` })[0]).toMatch(
      /^alarm-names: ".*" is not CloudWatch alarm names separated by commas or newlines \(each 1-255 characters, at most 100 names\) \("x{40}"… is longer than 255 characters\)$/,
    );
  });

  it('refuses, in the modes that shift traffic, a bake too short for the probe rate to judge the first step', () => {
    const short = { ...valid, 'probe-rate': '5', 'bake-seconds': '4', 'cutover-steps': '10,100' };
    expect(issuesOf({ ...short, mode: 'cutover' })).toEqual([
      'bake-seconds: "4" is too short for probe-rate 5 and a first step of 10 %: that step expects 2 LMI answers ' +
        '(probe-rate × bake-seconds × step ÷ 100); raise bake-seconds or probe-rate so it expects at least 5',
    ]);
    expect(issuesOf({ ...short, mode: 'full' })).toHaveLength(1);
    // Modes that never shift do not care.
    expect(parse({ ...short, mode: 'verify' }).bakeSeconds).toBe(4);
    expect(parse({ ...short, mode: 'rollback' }).bakeSeconds).toBe(4);
    // An input that failed its own check is reported once, not again by the cross-check.
    expect(issuesOf({ ...short, mode: 'cutover', 'probe-rate': 'lots' })).toEqual([
      'probe-rate: "lots" is not a number of probes per second above 0 and at most 100',
    ]);
  });

  it('takes a checks file in every mode; a shift judged by metrics needs bakes of two metric periods', () => {
    expect(parse({ ...valid, mode: 'verify', checks: 'checks.yaml' }).checksFile).toBe('checks.yaml');
    expect(parse({ ...valid, mode: 'verify' })).not.toHaveProperty('checksFile');
    for (const mode of ['cutover', 'full']) {
      const c = parse({ ...valid, mode, checks: 'checks.yaml' });
      expect([c.checksFile, c.bakeSeconds, c.metricsPeriodSeconds, c.metricsDelaySeconds]).toEqual([
        'checks.yaml',
        120,
        60,
        120,
      ]);
      expect(issuesOf({ ...valid, mode, checks: 'checks.yaml', 'bake-seconds': '90' })).toEqual([
        'bake-seconds: "90" is too short to judge a step by CloudWatch metrics of 60 s periods: ' +
          'with a checks file each bake must last at least two periods (120 s), so one whole period falls inside it',
      ]);
    }
    // Without a checks file the answers judge each step: no metric periods to hold.
    expect(parse({ ...valid, mode: 'full', 'bake-seconds': '90' }).bakeSeconds).toBe(90);
    expect(
      parse({
        ...valid,
        mode: 'full',
        checks: 'c.yaml',
        'bake-seconds': '4',
        'probe-rate': '20',
        'metrics-period-seconds': '1',
      }).bakeSeconds,
    ).toBe(4);
    expect(issuesOf({ ...valid, 'metrics-period-seconds': '45' })).toEqual([
      'metrics-period-seconds: "45" is not a CloudWatch period in seconds: 60 or a multiple of it (1, 5, 10 or 30 only where metrics are kept per second)',
    ]);
    expect(issuesOf({ ...valid, 'metrics-delay-seconds': '-1' })).toEqual([
      'metrics-delay-seconds: "-1" is not a whole number of seconds between 0 and 900',
    ]);
  });
});

describe('plan and stack-safety inputs', () => {
  const topic = (n: string) => `arn:aws:sns:eu-west-1:123456789012:${n}`;

  it('leaves the stack its own settings when they are not given, and parses them when they are', () => {
    const unset = parse({ ...valid, mode: 'plan' });
    expect(unset).toMatchObject({ mode: 'plan', rollbackAlarms: [] });
    for (const key of [
      'changeSetName',
      'notificationArns',
      'terminationProtection',
      'rollbackMonitoringMinutes',
    ])
      expect(unset).not.toHaveProperty(key);

    const set = parse({
      ...valid,
      'change-set-name': 'lmi-cutover-plan-pr7-20261205-101010-abc123',
      capabilities: 'CAPABILITY_IAM\nCAPABILITY_AUTO_EXPAND, CAPABILITY_IAM',
      'notification-arns': `${topic('deploys')}, ${topic('audit.fifo')}`,
      'termination-protection': 'true',
      'rollback-alarms': 'webhook 5xx errors\narn:aws:cloudwatch:eu-west-1:123456789012:alarm:latency',
      'rollback-monitoring-minutes': '10',
    });
    expect(set).toMatchObject({
      changeSetName: 'lmi-cutover-plan-pr7-20261205-101010-abc123',
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      notificationArns: [topic('deploys'), topic('audit.fifo')],
      terminationProtection: true,
      rollbackAlarms: ['webhook 5xx errors', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:latency'],
      rollbackMonitoringMinutes: 10,
    });
    expect(parse({ ...valid, 'termination-protection': 'false' }).terminationProtection).toBe(false);
    const arn =
      'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/reviewed/0f2c1e3a-1111-2222-3333-444455556666';
    expect(parse({ ...valid, mode: 'full', 'change-set-name': arn }).changeSetName).toBe(arn);
  });

  it.each<[string, RawInputs, string]>([
    [
      'an unknown capability',
      { ...valid, capabilities: 'CAPABILITY_IAM CAPABILITY_RESOURCE_POLICY' },
      `capabilities: "CAPABILITY_IAM CAPABILITY_RESOURCE_POLICY" is not capabilities separated by commas, spaces or newlines, each one of: CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND ("CAPABILITY_RESOURCE_POLICY" is not a capability)`,
    ],
    [
      'a notification ARN that is not a topic',
      { ...valid, 'notification-arns': 'arn:aws:sqs:eu-west-1:123456789012:q' },
      'notification-arns: "arn:aws:sqs:eu-west-1:123456789012:q" is not SNS topic ARNs such as arn:aws:sns:eu-west-1:123456789012:deploys, separated by commas, spaces or newlines (at most 5) ("arn:aws:sqs:eu-west-1:123456789012:q" is not an SNS topic ARN)',
    ],
    [
      'six rollback alarms',
      { ...valid, 'rollback-alarms': 'a,b,c,d,e,f' },
      'rollback-alarms: "a,b,c,d,e,f" is not CloudWatch alarm names or ARNs separated by commas or newlines (each 1-255 characters, at most 5) (6 alarms given)',
    ],
    [
      'monitoring over 180 minutes',
      { ...valid, 'rollback-monitoring-minutes': '181', 'deploy-timeout-minutes': '300' },
      'rollback-monitoring-minutes: "181" is not a whole number of minutes between 0 and 180',
    ],
    [
      'monitoring as long as the deploy timeout',
      { ...valid, 'rollback-monitoring-minutes': '30' },
      'rollback-monitoring-minutes: "30" is not less than deploy-timeout-minutes (30): the stack stays UPDATE_IN_PROGRESS while CloudFormation watches the alarms, so the run would cancel the update at its deadline; raise deploy-timeout-minutes',
    ],
    [
      'a change set name with an underscore',
      { ...valid, 'change-set-name': 'my_plan' },
      'change-set-name: "my_plan" is not a change set name (1-128 letters, digits and hyphens, starting with a letter) or a change set ARN',
    ],
    [
      'change-set-name in mode plan',
      { ...valid, mode: 'plan', 'change-set-name': 'reviewed' },
      'change-set-name: applies to modes deploy and full (it executes a reviewed change set); mode plan names the change set it creates itself',
    ],
    [
      'change-set-name in mode verify',
      { ...valid, mode: 'verify', 'change-set-name': 'reviewed' },
      'change-set-name: applies to modes deploy and full (it executes a reviewed change set); mode verify executes none',
    ],
    [
      'termination-protection yes',
      { ...valid, 'termination-protection': 'yes' },
      'termination-protection: "yes" is not true or false',
    ],
  ])('rejects %s with an exact message', (_name, raw, message) => {
    expect(issuesOf(raw)).toEqual([message]);
  });
});
