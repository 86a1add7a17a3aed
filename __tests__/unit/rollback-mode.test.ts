// Mode rollback against a fake stage: `previous` (the default) returns production to the version
// before the last promotion and forgets it; `standard` sends production to the twin's verified
// fallback; a leftover canary is undone to its base; with nowhere safe to go it refuses
// (NO_ROLLBACK_TARGET) without touching the stage.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Config } from '../../src/config/config.js';
import { rollbackMode } from '../../src/pipeline/modes/rollback.js';
import type { CutoverState } from '../../src/pipeline/traffic/cutover-state.js';
import { ReportBuilder } from '../../src/report/builder.js';
import {
  fakeLambda,
  fakeStage,
  lmi,
  LMI1,
  LMI2,
  LMI_FN,
  STANDARD_FN,
  twin,
  TWIN1,
  type FakeStage,
  type StageSetup,
} from './cutover-fakes.js';
import { testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const cfn = mockClient(CloudFormationClient);
const lambda = mockClient(LambdaClient);

beforeEach(() => {
  apigw.reset();
  cfn.reset();
  lambda.reset();
  fakeLambda(lambda);
});

/** The deployed workload stack over a fake stage; no ApiUrl, so the rollback is not probed. */
function deployed(setup: StageSetup): FakeStage {
  const stage = fakeStage(apigw, setup);
  const outputs = {
    RestApiId: stage.ref.restApiId,
    StageName: 'prod',
    LmiFunctionName: LMI_FN,
    StandardFunctionName: STANDARD_FN,
  };
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
  return stage;
}

async function rollback(to: Config['rollbackTo']) {
  const ctx = testContext({ mode: 'rollback' });
  const report = new ReportBuilder({ mode: 'rollback', stackName: 'webhook-test', clock: ctx.clock });
  const states: CutoverState[] = [];
  const run = await rollbackMode(
    ctx,
    report,
    { stackName: 'webhook-test', probeRate: 5, rollbackTo: to },
    { onRouteState: (s) => void states.push(s) },
  );
  return { run, ctx, report: report.report, states };
}

describe('rollbackMode', () => {
  it('previous: production back to the rollback target, which is then forgotten', async () => {
    const stage = deployed({ live: LMI2, rollback: LMI1, fallback: TWIN1 });
    const { run, report, states } = await rollback('previous');
    expect(run).toMatchObject({
      type: 'rolled-back',
      before: { kind: 'lmi', target: lmi(2) },
      route: { kind: 'lmi', target: lmi(1) },
    });
    // Rolling back twice must not bounce between two versions: the target is used up.
    expect(stage.record().variables).toEqual({ liveFunction: LMI1, fallbackFunction: TWIN1 });
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: LMI1 },
        { op: 'remove', path: '/variables/rollbackFunction' },
      ],
    ]);
    expect(report.route).toEqual({
      before: { kind: 'lmi', target: lmi(2) },
      after: { kind: 'lmi', target: lmi(1) },
    });
    // Saved for the post step before and after the change.
    expect(states.map((s) => s.intendedRoute)).toEqual([
      { kind: 'lmi', target: lmi(1) },
      { kind: 'lmi', target: lmi(1) },
    ]);
  });

  it('standard: production to the twin’s verified fallback; the rollback target is forgotten too', async () => {
    const stage = deployed({ live: LMI2, rollback: LMI1, fallback: TWIN1 });
    const { run } = await rollback('standard');
    expect(run).toMatchObject({ type: 'rolled-back', route: { kind: 'standard', target: twin(1) } });
    expect(stage.record().variables).toEqual({ liveFunction: TWIN1, fallbackFunction: TWIN1 });
  });

  it('previous: a leftover canary is undone to its base, and the way back is kept', async () => {
    const stage = deployed({ live: LMI1, canary: { percent: 50, override: LMI2 }, rollback: TWIN1 });
    const { run } = await rollback('previous');
    expect(run).toMatchObject({
      type: 'rolled-back',
      before: { kind: 'canary', percent: 50, base: lmi(1), candidate: lmi(2) },
      route: { kind: 'lmi', target: lmi(1) },
    });
    expect(stage.record().canarySettings).toBeUndefined();
    expect(stage.record().variables).toEqual({ liveFunction: LMI1, rollbackFunction: TWIN1 });
  });

  it('previous with no rollback target on an LMI version: NO_ROLLBACK_TARGET, nothing changed', async () => {
    const stage = deployed({ live: LMI1, fallback: TWIN1 });
    await expect(rollback('previous')).rejects.toMatchObject({
      code: 'NO_ROLLBACK_TARGET',
      message: expect.stringContaining('rollback-to: standard'),
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('LMI v1');
  });

  it('standard with no fallback recorded: NO_ROLLBACK_TARGET, nothing changed', async () => {
    const stage = deployed({ live: LMI2, rollback: LMI1 });
    await expect(rollback('standard')).rejects.toMatchObject({
      code: 'NO_ROLLBACK_TARGET',
      message: expect.stringContaining('fallbackFunction is not set'),
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('LMI v2');
  });

  it('is a no-op when production is the twin and nothing was promoted since', async () => {
    deployed({ live: TWIN1 });
    const { run, ctx, report } = await rollback('previous');
    expect(run).toEqual({
      type: 'no-op',
      before: { kind: 'standard', target: twin(1) },
      route: { kind: 'standard', target: twin(1) },
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(ctx.progress.codes).toContain('mode.rollback-already-there');
    expect(report.timeline).toContainEqual(
      expect.objectContaining({
        stage: 'rollback',
        outcome: 'skipped',
        detail: expect.stringContaining('no-op'),
      }),
    );
  });

  it('standard is a no-op when production already runs the twin’s verified version', async () => {
    deployed({ live: TWIN1, fallback: TWIN1 });
    const { run } = await rollback('standard');
    expect(run.type).toBe('no-op');
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });
});
