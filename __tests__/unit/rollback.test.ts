// Rollback to the standard twin: one UpdateStage, read back, proven by probes — and when it
// fails, the error carries the stage's state as GetStage shows it now and the exact command
// that fixes it by hand.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { RollbackFailedError, rollbackToStandard } from '../../src/pipeline/traffic/rollback.js';
import { fakeStage, LMI, stageProber, STANDARD } from './cutover-fakes.js';
import { awsError, testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const PROBE_RATE = 5;

beforeEach(() => {
  apigw.reset();
});

describe('rollbackToStandard', () => {
  it('removes the canary and points liveFunction at the twin in one call, then proves it', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    const ctx = testContext();
    const changes: string[] = [];
    const outcome = await rollbackToStandard(
      ctx,
      {
        stage: stage.ref,
        probe: stageProber(stage),
        probeRate: PROBE_RATE,
        onRouteChange: (c, r) => void changes.push(`${c.from.kind}→${r.kind}`),
      },
      'LMI p95 above the limit',
    );
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: STANDARD },
        { op: 'remove', path: '/canarySettings' },
      ],
    ]);
    expect(stage.label()).toBe('standard');
    expect(outcome.route).toEqual({ kind: 'standard' });
    expect(outcome.section).toEqual({
      reason: 'LMI p95 above the limit',
      at: '2025-01-02T03:04:05.000Z',
      verified: true,
      probes: 10,
      finalRoute: { kind: 'standard' },
    });
    expect(outcome.change).toMatchObject({ from: { kind: 'canary', percent: 50 }, to: { kind: 'standard' } });
    expect(changes).toEqual(['canary→standard']);
  });

  it('from lmi sets the twin without touching a canary that does not exist', async () => {
    const stage = fakeStage(apigw, { live: LMI });
    await rollbackToStandard(
      testContext(),
      { stage: stage.ref, probeRate: PROBE_RATE, probe: stageProber(stage) },
      'mode rollback',
    );
    expect(stage.updates()).toEqual([[{ op: 'replace', path: '/variables/liveFunction', value: STANDARD }]]);
    expect(stage.label()).toBe('standard');
  });

  it('changes nothing when the stage already serves the twin, and still verifies', async () => {
    const stage = fakeStage(apigw);
    const ctx = testContext();
    const outcome = await rollbackToStandard(
      ctx,
      { stage: stage.ref, probeRate: PROBE_RATE, probe: stageProber(stage) },
      'again',
    );
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(outcome.change).toBeUndefined();
    expect(outcome.section.verified).toBe(true);
    expect(ctx.progress.text()).toContain('already sends all traffic to the standard twin');
    expect(ctx.progress.codes).toEqual([
      'traffic.rolling-back',
      'traffic.already-standard',
      'traffic.rollback-verified',
    ]);
  });

  it('says the rollback is not verified when probes keep reaching LMI', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const ctx = testContext();
    const outcome = await rollbackToStandard(
      ctx,
      {
        stage: stage.ref,
        probeRate: PROBE_RATE,
        probe: stageProber(stage, { lmiShare: () => 0.5 }),
        settleSeconds: 4,
      },
      'reason',
    );
    expect(stage.label()).toBe('standard');
    expect(outcome.section.verified).toBe(false);
    expect(outcome.section.probes).toBe(20);
    expect(ctx.progress.warnings.join('\n')).toContain('Rollback NOT verified');
    expect(ctx.progress.codes).toContain('traffic.rollback-not-verified');
  });

  it('without a prober, reports the rollback as unverified', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const outcome = await rollbackToStandard(
      testContext(),
      { stage: stage.ref, probeRate: PROBE_RATE },
      'post step',
    );
    expect(outcome.section).toMatchObject({ verified: false, probes: 0, finalRoute: { kind: 'standard' } });
  });

  it('when UpdateStage fails: ROLLBACK_FAILED with the stage state read again and the manual command', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    apigw.on(UpdateStageCommand).rejects(awsError('TooManyRequestsException', 'Too Many Requests', 429));
    const ctx = testContext({ region: 'eu-west-1' });
    const error = await rollbackToStandard(
      ctx,
      { stage: stage.ref, probeRate: PROBE_RATE, probe: stageProber(stage) },
      'step failed',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RollbackFailedError);
    const e = error as RollbackFailedError;
    expect(e.code).toBe('ROLLBACK_FAILED');
    const command =
      `aws apigateway update-stage --rest-api-id ${stage.ref.restApiId} --stage-name prod --region eu-west-1 ` +
      `--patch-operations op=replace,path=/variables/liveFunction,value=${STANDARD} op=remove,path=/canarySettings`;
    const state = `deployment ${stage.record().deploymentId}, liveFunction=${STANDARD}, canary 50 % on deployment ${stage.record().deploymentId} with liveFunction=${LMI}`;
    expect(e.rollback).toEqual({
      reason: 'step failed',
      at: '2025-01-02T03:04:05.000Z',
      verified: false,
      probes: 0,
      finalRoute: { kind: 'canary', percent: 50 },
      failure: { message: e.message, stageState: state, manualFix: command },
    });
    expect(e.message).toContain('Too Many Requests');
    expect(e.details).toEqual([
      `Rollback reason: step failed`,
      `Stage state now: ${state}`,
      `Fix by hand: ${command}`,
    ]);
    // Loud: as errors, not info lines.
    expect(ctx.progress.warnings).toContain(`error: Fix by hand: ${command}`);
    expect(ctx.progress.codes).toEqual([
      'traffic.rolling-back',
      'traffic.rollback-failed',
      'traffic.rollback-failed-stage-state',
      'traffic.rollback-failed-fix',
    ]);
  });

  it('when UpdateStage answers with a stage that is not standard: ROLLBACK_FAILED', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    apigw.on(UpdateStageCommand).resolves({
      variables: { liveFunction: STANDARD },
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { liveFunction: LMI } },
    });
    const error = await rollbackToStandard(
      testContext(),
      { stage: stage.ref, probeRate: PROBE_RATE },
      'x',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ROLLBACK_FAILED',
      message: expect.stringContaining('not standard'),
    });
  });

  it('when the stage cannot even be read: says so, and includes the canary removal in the command', async () => {
    apigw.on(GetStageCommand).rejects(awsError('InternalFailure', 'We encountered an internal error', 500));
    const ref = { restApiId: 'a1b2c3', stage: 'prod', lmiTarget: LMI, standardTarget: STANDARD };
    const error = (await rollbackToStandard(
      testContext(),
      { stage: ref, probeRate: PROBE_RATE, lastKnownRoute: { kind: 'canary', percent: 10 } },
      'x',
    ).catch((e: unknown) => e)) as RollbackFailedError;
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(error.rollback.failure?.stageState).toContain(
      'could not be read (We encountered an internal error)',
    );
    expect(error.rollback.failure?.manualFix).toContain('op=remove,path=/canarySettings');
    expect(error.rollback.finalRoute).toEqual({ kind: 'canary', percent: 10 });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('does not overwrite a stage it did not shape; a person decides', async () => {
    const stage = fakeStage(apigw, { live: 'hotfix-fn:live' });
    const error = (await rollbackToStandard(
      testContext(),
      { stage: stage.ref, probeRate: PROBE_RATE },
      'x',
    ).catch((e: unknown) => e)) as RollbackFailedError;
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(error.rollback.failure?.stageState).toContain('liveFunction=hotfix-fn:live');
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('unknown');
  });
});
