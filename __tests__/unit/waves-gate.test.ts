// The gate's read of the wave before, without a cloud: the stage (the emulator's own stage
// store behind a mocked client), the stack's outputs and the alarms are faked; the released
// version comes from the wave's report when reports are given, else from the LmiVersion output.
// A target that is not released refuses before any bake — no probe is ever sent. The bake
// itself (probes through a stage) runs in the e2e test, against two local clouds.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import type { Outcome } from '../../src/core/domain.js';
import { gatePreviousWave } from '../../src/pipeline/waves/gate.js';
import { checkRelease } from '../../src/pipeline/waves/release-check.js';
import type { Report } from '../../src/report/model.js';
import { fakeStage, LMI1, LMI2, LMI_FN, lmi, STANDARD_FN, TWIN1 } from './cutover-fakes.js';
import { fullReport } from './report.fixture.js';
import { testContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
const apigw = mockClient(APIGatewayClient);
const cloudWatch = mockClient(CloudWatchClient);
const TARGET = { region: 'eu-west-1', stackName: 'webhook-prod', alarmNames: [] as string[] };

function stackOutputs(restApiId: string, lmiVersion: string) {
  const outputs = {
    RestApiId: restApiId,
    StageName: 'prod',
    LmiFunctionName: LMI_FN,
    StandardFunctionName: STANDARD_FN,
    LmiVersion: lmiVersion,
    StandardVersion: '1',
    LmiAliasArn: `arn:aws:lambda:eu-west-1:123456789012:function:${LMI_FN}:live`,
    StandardAliasArn: `arn:aws:lambda:eu-west-1:123456789012:function:${STANDARD_FN}:live`,
    ApiUrl: `https://${restApiId}.execute-api.eu-west-1.amazonaws.com/prod`,
  };
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-prod',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

function report(outcome: Outcome, after = lmi(2)): Report {
  const r = fullReport();
  r.run = { ...r.run, region: 'eu-west-1', stackName: 'webhook-prod', outcome };
  r.route = { before: { kind: 'lmi', target: lmi(1) }, after: { kind: after.side, target: after } };
  if (outcome === 'rolled-back') r.run.error = { code: 'CUTOVER_STEP_FAILED', message: 'canary 10 % failed' };
  return r;
}

beforeEach(() => {
  cfn.reset();
  apigw.reset();
  cloudWatch.reset();
});

async function check(live: string, lmiVersion: string, reports?: Report[], target = TARGET, canary?: number) {
  const stage = fakeStage(apigw, {
    live,
    ...(canary ? { canary: { percent: canary, override: LMI2 } } : {}),
  });
  stackOutputs(stage.ref.restApiId, lmiVersion);
  return checkRelease(testContext(), target, reports);
}

describe('the gate reads the wave before', () => {
  it('released: production on the version its report ends on', async () => {
    const c = await check(LMI2, '2', [report('success')]);
    expect(c.problems).toEqual([]);
    expect(c.expected).toEqual(lmi(2));
    expect(c.route).toEqual({ kind: 'lmi', target: lmi(2) });
  });

  it('its release rolled back: refused, whatever the stage says', async () => {
    const c = await check(LMI1, '2', [report('rolled-back', lmi(1))]);
    expect(c.problems).toEqual(['its release rolled back (CUTOVER_STEP_FAILED: canary 10 % failed)']);
  });

  it('no report of its release among the reports given: refused', async () => {
    const c = await check(LMI2, '2', []);
    expect(c.problems).toEqual([
      'no report of its release: its wave did not finish, or its artifact is missing',
    ]);
  });

  it('without reports: production must be the version the last deploy published (LmiVersion)', async () => {
    expect((await check(LMI2, '2')).problems).toEqual([]);
    expect((await check(LMI1, '2')).problems).toEqual([
      'production is lmi (LMI v1), not LMI v2, the version its last deploy published (LmiVersion): that release did not finish or was rolled back',
    ]);
    expect((await check(TWIN1, '1')).problems).toEqual([
      'production is standard (twin v1), not LMI v1, the version its last deploy published (LmiVersion): that release did not finish or was rolled back',
    ]);
  });

  it('mid-canary, or moved since its release: refused', async () => {
    expect((await check(LMI1, '2', [report('success')], TARGET, 10)).problems).toEqual([
      'its stage is mid-canary (canary:10 (LMI v1 → LMI v2)), not all on LMI v2',
    ]);
    expect((await check(LMI1, '2', [report('success')])).problems).toEqual([
      'production is lmi (LMI v1), not LMI v2, the version its release put there',
    ]);
  });

  it('an alarm in ALARM, or one that does not exist: refused', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'errors', StateValue: 'ALARM' },
        { AlarmName: 'latency', StateValue: 'INSUFFICIENT_DATA' },
      ],
    });
    const c = await check(LMI2, '2', [report('success')], {
      ...TARGET,
      alarmNames: ['errors', 'latency', 'typo'],
    });
    expect(c.problems).toEqual(['alarms in ALARM or missing: errors, typo (no such alarm)']);
  });

  it('a stack that does not exist: refused with the reason, never thrown', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        Object.assign(new Error('Stack with id webhook-prod does not exist'), { name: 'ValidationError' }),
      );
    const c = await checkRelease(testContext(), TARGET, undefined);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(/webhook-prod does not exist/);
  });
});

describe('gatePreviousWave', () => {
  it('refuses before the bake when a target is not released: no probe is sent', async () => {
    const stage = fakeStage(apigw, { live: LMI1 });
    stackOutputs(stage.ref.restApiId, '2');
    const ctx = testContext();
    const verdict = await gatePreviousWave(
      [TARGET],
      {
        bakeSeconds: 600,
        probeRate: 2,
        runId: 'r1',
        cwd: process.cwd(),
        reports: [report('rolled-back', lmi(1))],
      },
      () => ctx,
      ctx.progress,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.previous).toEqual([
      {
        region: 'eu-west-1',
        stackName: 'webhook-prod',
        route: { kind: 'lmi', target: lmi(1) },
        probes: { sent: 0, failed: 0 },
        alarms: [],
        problems: ['its release rolled back (CUTOVER_STEP_FAILED: canary 10 % failed)'],
      },
    ]);
    expect(ctx.progress.codes).toContain('waves.refused');
    expect(ctx.progress.codes).not.toContain('waves.baking');
    // The fake clock never moved: nothing waited out the 600 s bake.
    expect(ctx.clock.now()).toBe(testContext().clock.now());
  });
});
