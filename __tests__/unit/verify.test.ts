// Verify mode end to end at unit scale: CloudFormation and the Lambda control plane mocked,
// the workload's real handler behind a mocked Invoke, its table in dynalite. The report is
// filled stage by stage, validates against the report schema, and records what stopped a run.
import {
  WORKLOAD_SECRET,
  routeInvocations,
  startWorkload,
  workloadOutputs,
  type FakeHandler,
  type WorkloadFixture,
} from './workload-lambda.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionVersionsByCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import type { Config } from '../../src/config/config.js';
import { setReportOutputs } from '../../src/github/outputs.js';
import { ReportBuilder } from '../../src/report/builder.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { reportSchema } from '../../src/report/schema.js';
import { renderText } from '../../src/report/text.js';
import { measuredCost } from '../../src/pipeline/verify/cost.js';
import type { LoadCheckResult } from '../../src/pipeline/verify/load.js';
import type { LmiFunctionFacts } from '../../src/pipeline/provision/lmi-version.js';
import { workloadStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import { fakeStage } from './cutover-fakes.js';
import { awsError, fakeClock, testContext, type TestContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/webhook-test/abc';
const CP_ARN = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:webhook-cp';
const dir = mkdtempSync(join(tmpdir(), 'lmi-verify-'));
writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');

let workload: WorkloadFixture;
beforeAll(async () => {
  workload = await startWorkload();
});
afterAll(async () => {
  await workload.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A stack with nothing to change whose outputs name the fixture's functions and table. */
function arrangeStack() {
  const outputs = Object.entries(workloadOutputs(workload.tableName)).map(([OutputKey, OutputValue]) => ({
    OutputKey,
    OutputValue,
  }));
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackId: STACK_ID,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: outputs,
      },
    ],
  });
  cfn.on(ListChangeSetsCommand).resolves({ Summaries: [] });
  cfn.on(CreateChangeSetCommand).resolves({ StackId: STACK_ID });
  cfn
    .on(DescribeChangeSetCommand)
    .resolves({ StackId: STACK_ID, Status: 'FAILED', StatusReason: 'No updates are to be performed.' });
  cfn.on(DeleteChangeSetCommand).resolves({});
}

/** The LMI version Pending for `pendingPolls` polls, then `final`. */
function arrangeLambda(
  pendingPolls: number,
  final: { State: string; StateReasonCode?: string; StateReason?: string },
) {
  let polls = 0;
  const deployed = () => cfn.commandCalls(CreateChangeSetCommand).length > 0;
  const lmiConfig = {
    FunctionName: 'webhook-lmi',
    Version: '7',
    MemorySize: 4096,
    Architectures: ['arm64' as const],
    Environment: {
      Variables: {
        SIGNING_SECRET_PARAMETER: '/lmi-cutover/webhook-signing-secret',
        COMPUTE_TYPE: 'lambda-managed-instances',
      },
    },
    CapacityProviderConfig: {
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn: CP_ARN,
        PerExecutionEnvironmentMaxConcurrency: 4,
        ExecutionEnvironmentMemoryGiBPerVCpu: 2,
      },
    },
  };
  // Only the provisioning wait's reads of version 7 count as polls: the capacity check before the
  // deploy reads the function too, and must not use up the Pending answers.
  lambda.on(GetFunctionConfigurationCommand, { FunctionName: 'webhook-lmi' }).callsFake(async () => ({
    ...lmiConfig,
    State: 'ActiveNonInvocable',
  }));
  lambda
    .on(GetFunctionConfigurationCommand, { FunctionName: 'webhook-lmi', Qualifier: '7' })
    .callsFake(async () => ({
      ...lmiConfig,
      ...(deployed() && polls++ >= pendingPolls ? final : { State: 'Pending', StateReasonCode: 'Creating' }),
    }));
  lambda
    .on(GetFunctionConfigurationCommand, { FunctionName: 'webhook-standard' })
    .resolves({ FunctionName: 'webhook-standard', MemorySize: 512, Architectures: ['arm64'] });
  lambda
    .on(GetCapacityProviderCommand)
    .resolves({ CapacityProvider: { CapacityProviderArn: CP_ARN, State: 'Active' } } as never);
  lambda.on(ListFunctionVersionsByCapacityProviderCommand).resolves({
    CapacityProviderArn: CP_ARN,
    FunctionVersions: [
      { FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:webhook-lmi:7', State: 'Pending' },
    ],
  });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: WORKLOAD_SECRET } });
}

function context(overrides: Partial<Config> = {}): TestContext {
  const base = testContext(
    { mode: 'verify', template: 'template.yaml', endpointUrl: workload.dynamo.endpoint, ...overrides },
    dir,
  );
  // The workload checks signature timestamps against the real clock.
  return { ...base, clock: fakeClock(Date.now()) };
}

async function verify(ctx: TestContext) {
  const report = new ReportBuilder({ mode: 'verify', stackName: 'webhook-test', clock: ctx.clock });
  let error: unknown;
  try {
    const result = await runPipeline(ctx, ctx.config, {
      report,
      cwd: ctx.cwd,
      verify: { runId: `run${Math.random().toString(16).slice(2, 8)}` },
    });
    report.finish({ outcome: 'success' });
    return { result, report: report.report, error };
  } catch (e) {
    error = e;
    report.finish({ error: { code: (e as { code?: string }).code ?? 'X', message: String(e) } });
    return { result: undefined, report: report.report, error };
  }
}

beforeEach(() => {
  cfn.reset();
  lambda.reset();
  ssm.reset();
  arrangeStack();
});

const healthy = () =>
  routeInvocations(lambda, {
    'webhook-lmi:7': { handler: workload.lmi, version: '7' },
    // The five smoke invocations come first: the load burst sees the other three cold starts.
    'webhook-standard:3': { handler: workload.standard, version: '3', coldStarts: 8 },
  });

describe('verify mode', () => {
  it('deploys, waits for Active, smoke-checks, loads both sides and passes its gates; the report has it all', async () => {
    arrangeLambda(2, { State: 'Active' });
    const calls = healthy();
    const ctx = context({ maxP95Ms: 60_000, concurrencySweep: [1, 2] });
    const { result, report, error } = await verify(ctx);
    expect(error).toBeUndefined();
    expect(result?.mode).toBe('verify');

    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'no-op'],
      ['provision', 'passed'],
      ['smoke', 'passed'],
      ['load', 'passed'],
      ['sweep', 'passed'],
      // The mocked account has no stage to read: the release of earlier versions is skipped, said.
      ['cleanup', 'skipped'],
    ]);
    expect(report.provisioning).toMatchObject({
      functionName: 'webhook-lmi',
      version: '7',
      state: 'Active',
      seconds: 20,
      confirmedOnly: false,
    });
    expect(report.smoke?.checks).toHaveLength(10);
    // Default sizing: 3 environments × PerExecutionEnvironmentMaxConcurrency 4, 10 requests each.
    expect(report.load?.lmi).toMatchObject({ concurrency: 12, requests: 120, errors: 0, throttles: 0 });
    expect(report.load?.standard).toMatchObject({ concurrency: 12, requests: 120, coldStarts: 3 });
    expect(report.load?.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['max-throttle-rate', true],
    ]);
    expect(report.load?.sweep?.map((p) => p.concurrencyPerEnvironment)).toEqual([1, 2]);
    expect(report.cost?.assumptions.at(-1)).toBe(
      'Durations measured in this run: standard 12.5 ms (mean of the REPORT lines), LMI 12.5 ms (mean of the REPORT lines).',
    );
    expect(report.cost?.input?.standard.memoryMb).toBe(512);

    // No invocation ever went to $LATEST or to the LMI alias.
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set(['webhook-lmi:7', 'webhook-standard:3']));
    expect(reportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
    expect(renderMarkdown(report, { limit: COMMENT_LIMIT })).toContain('Concurrency check');
    expect(renderText(report)).toContain('webhook-lmi');

    const outputs: Record<string, string> = {};
    setReportOutputs(report, (k, v) => (outputs[k] = v));
    expect(outputs).toEqual({
      'change-set-name': report.deploy!.changeSetName,
      'lmi-version': '7',
      'provisioning-seconds': '20',
      'smoke-result': 'passed',
      'p50-ms': String(report.load!.lmi.latency.p50),
      'p95-ms': String(report.load!.lmi.latency.p95),
      'p99-ms': String(report.load!.lmi.latency.p99),
      'error-rate': '0',
      'throttle-rate': '0',
      environments: '1',
    });
    expect(ctx.progress.groups).toEqual([
      'Deploy stack webhook-test',
      'Wait for LMI version 7 of webhook-lmi to be Active',
      'Smoke checks: LMI version and standard twin',
      'Concurrency check: 120 requests, 12 in flight',
      'Concurrency sweep: 1, 2 per environment',
    ]);
    expect(ctx.progress.masked).toEqual([WORKLOAD_SECRET, WORKLOAD_SECRET.slice('whsec_'.length)]);
    // Each stage speaks in its own codes: the smoke sides, both bursts, the sweep levels.
    expect(ctx.progress.codes).toEqual(
      expect.arrayContaining([
        'verify.smoke-side',
        'verify.burst-started',
        'verify.burst-figures',
        'verify.sweep-level',
      ]),
    );
    expect(ctx.progress.codes).not.toContain('verify.cost-left-out');
  });

  it('fails on a breached gate with the figures, keeping what it measured and skipping the sweep', async () => {
    arrangeLambda(0, { State: 'Active' });
    let n = 0;
    const flaky: FakeHandler = async (event, requestId) => {
      const isWebhook = (event as { path: string }).path === '/webhooks';
      const body = (event as { body?: string }).body ?? '';
      // One in ten load requests fails; smoke traffic is left alone.
      if (isWebhook && body.includes('"check":"load"') && ++n % 10 === 0) {
        return {
          statusCode: 503,
          body: JSON.stringify({ message: 'dynamodb unavailable', request_id: requestId }),
        };
      }
      return workload.lmi(event, requestId);
    };
    routeInvocations(lambda, {
      'webhook-lmi:7': { handler: flaky, version: '7' },
      'webhook-standard:3': { handler: workload.standard, version: '3' },
    });
    const ctx = context({ maxP95Ms: 60_000, concurrency: 5, loadRequests: 50, concurrencySweep: [1] });
    const { report, error } = await verify(ctx);
    expect(error).toMatchObject({ code: 'GATE_FAILED' });
    expect((error as { details: string[] }).details).toEqual([
      'max-error-rate: 10% of 50 requests failed (5); the limit is 0%',
    ]);
    expect(report.timeline.map((t) => [t.stage, t.outcome, t.detail])).toEqual([
      ['deploy', 'no-op', '0 change(s)'],
      ['provision', 'passed', 'confirmed Active in one call'],
      ['smoke', 'passed', '10 checks'],
      ['load', 'failed', 'GATE_FAILED'],
      ['sweep', 'skipped', 'not run: GATE_FAILED'],
    ]);
    expect(report.provisioning?.confirmedOnly).toBe(true);
    expect(report.load?.lmi).toMatchObject({ errors: 5, errorRate: 0.1 });
    expect(report.load?.gates.find((g) => g.name === 'max-error-rate')).toEqual({
      name: 'max-error-rate',
      limit: 0,
      actual: 0.1,
      passed: false,
    });
    expect(report.run).toMatchObject({ outcome: 'failure', error: { code: 'GATE_FAILED' } });
  });

  it('stops at a failed provisioning with the reason in the report, and runs nothing after it', async () => {
    arrangeLambda(1, {
      State: 'Failed',
      StateReasonCode: 'InsufficientCapacity',
      StateReason: 'Not enough capacity for the requested instance types.',
    });
    const calls = healthy();
    const { report, error } = await verify(context());
    expect(error).toMatchObject({ code: 'PROVISIONING_FAILED' });
    expect(report.timeline.map((t) => [t.stage, t.outcome, t.detail])).toEqual([
      ['deploy', 'no-op', '0 change(s)'],
      ['provision', 'failed', 'PROVISIONING_FAILED'],
      ['smoke', 'skipped', 'not run: PROVISIONING_FAILED'],
      ['load', 'skipped', 'not run: PROVISIONING_FAILED'],
    ]);
    expect(report.provisioning).toMatchObject({
      state: 'Failed',
      stateReasonCode: 'InsufficientCapacity',
      stateReason: 'Not enough capacity for the requested instance types.',
      capacityProviderState: 'Active',
    });
    expect(calls).toEqual([]);
    expect(reportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
  });

  it('stops after failed smoke checks without loading anything', async () => {
    arrangeLambda(0, { State: 'Active' });
    const calls = routeInvocations(lambda, {
      'webhook-lmi:7': { handler: workload.lmi, version: '7' },
      // The twin's version the outputs name (StandardVersion) is not deployed.
    });
    const { report, error } = await verify(context());
    expect(error).toMatchObject({ code: 'SMOKE_FAILED' });
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'no-op'],
      ['provision', 'passed'],
      ['smoke', 'failed'],
      ['load', 'skipped'],
    ]);
    expect(report.smoke?.passed).toBe(false);
    expect(report.smoke?.checks.find((c) => c.target === 'standard' && c.name === 'health')?.actual).toBe(
      'no answer: Function not found: webhook-standard:3',
    );
    expect(report.load).toBeUndefined();
    expect(calls.filter((c) => String(c.event.body).includes('"check":"load"'))).toEqual([]);
  });

  it('says which outputs are missing when the stack is not the workload', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [],
        },
      ],
    });
    const { report, error } = await verify(context());
    expect(error).toMatchObject({ code: 'STACK_OUTPUTS_MISSING' });
    expect((error as Error).message).toMatch(
      /^Stack webhook-test lacks the outputs verify needs: LmiFunctionName, LmiVersion, LmiAliasArn/,
    );
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'no-op'],
      ['provision', 'skipped'],
      ['smoke', 'skipped'],
      ['load', 'skipped'],
    ]);
  });
});

describe('measuredCost', () => {
  it('leaves the cost out with a warning when the twin cannot be read, and never fails the run', async () => {
    lambda
      .on(GetFunctionConfigurationCommand)
      .rejects(awsError('ResourceNotFoundException', 'Function not found: webhook-standard:live', 404));
    const ctx = context();
    const stack = workloadStackFromOutputs('webhook-test', workloadOutputs(workload.tableName));
    // The twin's configuration is read first, so the figures are never looked at.
    const cost = await measuredCost(ctx, ctx.config, stack, {} as LmiFunctionFacts, {} as LoadCheckResult);
    expect(cost).toBeUndefined();
    expect(ctx.progress.codes).toEqual(['verify.cost-left-out']);
    expect(ctx.progress.warnings).toEqual([
      'Cost comparison left out: Function not found: webhook-standard:live',
    ]);
  });
});

describe('full mode when the candidate fails verification', () => {
  it('leaves production exactly where it was: the deploy passed the stage back, nothing moved it', async () => {
    const apigw = mockClient(APIGatewayClient);
    apigw.reset();
    // Production on LMI v4 after an earlier release, with its way back.
    const stage = fakeStage(apigw, {
      live: 'webhook-lmi:4',
      rollback: 'webhook-standard:1',
      fallback: 'webhook-standard:1',
    });
    writeFileSync(
      join(dir, 'routed.yaml'),
      'Parameters:\n  LiveFunction:\n    Type: String\n  RollbackFunction:\n    Type: String\n  FallbackFunction:\n    Type: String\n' +
        'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    );
    const outputs = { ...workloadOutputs(workload.tableName), RestApiId: stage.ref.restApiId };
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'webhook-test',
          StackId: STACK_ID,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
          // What the last deploy passed: stale on purpose, the stage is the truth.
          Parameters: ['LiveFunction', 'RollbackFunction', 'FallbackFunction'].map((ParameterKey) => ({
            ParameterKey,
            ParameterValue: '',
          })),
        },
      ],
    });
    arrangeLambda(0, {
      State: 'Failed',
      StateReasonCode: 'InsufficientCapacity',
      StateReason: 'No capacity.',
    });
    healthy();
    const ctx = context({ mode: 'full', template: 'routed.yaml' });
    const { report, error } = await verify(ctx);

    expect(error).toMatchObject({ code: 'PROVISIONING_FAILED' });
    // The deploy carried the stage's values, so CloudFormation kept production where it was.
    const sent = cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.Parameters ?? [];
    expect(Object.fromEntries(sent.map((p) => [p.ParameterKey, p.ParameterValue]))).toMatchObject({
      LiveFunction: 'webhook-lmi:4',
      RollbackFunction: 'webhook-standard:1',
      FallbackFunction: 'webhook-standard:1',
    });
    // Nothing to undo: the stage was never changed, and the run says where production stayed.
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.record().variables.liveFunction).toBe('webhook-lmi:4');
    expect(ctx.progress.codes).toContain('mode.production-untouched');
    expect(ctx.progress.warnings).toContain(
      'The candidate did not pass verification; production stays on lmi (LMI v4), which the deploy did not change.',
    );
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'no-op'],
      ['provision', 'failed'],
      ['smoke', 'skipped'],
      ['load', 'skipped'],
      ['cutover', 'skipped'],
    ]);
    apigw.restore();
  });
});
