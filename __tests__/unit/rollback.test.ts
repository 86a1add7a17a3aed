// Rollback to a known-good version (the production version a shift started from, the previous
// production version, the twin's fallback): one UpdateStage, read back, proven by probes — and when it
// fails, the error carries the stage's state as GetStage shows it now and the exact command
// that fixes it by hand.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { RollbackFailedError, rollbackTo } from '../../src/pipeline/traffic/rollback.js';
import {
  fakeLambda,
  fakeStage,
  lmi,
  LMI1,
  LMI2,
  LMI_FN,
  stageProber,
  STANDARD_FN,
  twin,
  TWIN1,
} from './cutover-fakes.js';
import { awsError, testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);
const PROBE_RATE = 5;
const LMI3 = `${LMI_FN}:3`;

beforeEach(() => {
  apigw.reset();
  lambda.reset();
  fakeLambda(lambda);
});

describe('rollbackTo', () => {
  it('removes the canary and points liveFunction at the production version in one call, then proves it', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 50, override: LMI2 }, rollback: TWIN1 });
    const ctx = testContext();
    const changes: string[] = [];
    const intents: string[] = [];
    const outcome = await rollbackTo(
      ctx,
      {
        stage: stage.ref,
        target: lmi(1),
        // What the shift found: restored as it was.
        wayBackAfter: { rollback: twin(1), fallback: null },
        probe: stageProber(stage),
        probeRate: PROBE_RATE,
        onRouteIntent: (to) => void intents.push(to.kind),
        onRouteChange: (c, r) => void changes.push(`${c.from.kind}→${r.kind}`),
      },
      'candidate p95 above the limit',
    );
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: LMI1 },
        { op: 'remove', path: '/canarySettings' },
        { op: 'replace', path: '/variables/rollbackFunction', value: TWIN1 },
      ],
    ]);
    expect(stage.label()).toBe('LMI v1');
    expect(outcome.route).toEqual({ kind: 'lmi', target: lmi(1) });
    expect(outcome.section).toEqual({
      reason: 'candidate p95 above the limit',
      at: '2025-01-02T03:04:05.000Z',
      verified: true,
      probes: 10,
      finalRoute: { kind: 'lmi', target: lmi(1) },
    });
    expect(outcome.change).toMatchObject({
      from: { kind: 'canary', percent: 50 },
      to: { kind: 'lmi', target: lmi(1) },
    });
    // Saved before the UpdateStage and after it.
    expect(intents).toEqual(['lmi']);
    expect(changes).toEqual(['canary→lmi']);
    // The version production already runs needs no permission check.
    expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
  });

  it('to another version: makes it routable first, then sets it without a canary removal', async () => {
    const stage = fakeStage(apigw, { live: LMI2, rollback: LMI1 });
    await rollbackTo(
      testContext(),
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE, probe: stageProber(stage) },
      'mode rollback',
    );
    expect(stage.updates()).toEqual([[{ op: 'replace', path: '/variables/liveFunction', value: TWIN1 }]]);
    expect(stage.label()).toBe('twin v1');
    expect(lambda).toHaveReceivedCommandWith(AddPermissionCommand, {
      FunctionName: STANDARD_FN,
      Qualifier: '1',
      StatementId: `lmi-cutover-${stage.ref.restApiId}`,
    });
  });

  it('refuses a target that is no longer Active, leaving production where it is', async () => {
    const stage = fakeStage(apigw, { live: LMI2, rollback: LMI1 });
    lambda.reset();
    fakeLambda(lambda, { [LMI1]: 'Inactive' });
    const error = (await rollbackTo(
      testContext(),
      { stage: stage.ref, target: lmi(1), probeRate: PROBE_RATE },
      'mode rollback',
    ).catch((e: unknown) => e)) as RollbackFailedError;
    expect(error).toBeInstanceOf(RollbackFailedError);
    expect(error.message).toContain('LMI v1 (webhook-lmi-fn:1) is Inactive');
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('LMI v2');
  });

  it('changes nothing when the stage already serves the target, and still verifies', async () => {
    const stage = fakeStage(apigw);
    const ctx = testContext();
    const outcome = await rollbackTo(
      ctx,
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE, probe: stageProber(stage) },
      'again',
    );
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(outcome.change).toBeUndefined();
    expect(outcome.section.verified).toBe(true);
    expect(ctx.progress.text()).toContain('already sends all traffic to twin v1');
    expect(ctx.progress.codes).toEqual([
      'traffic.rolling-back',
      'traffic.already-standard',
      'traffic.rollback-verified',
    ]);
  });

  it('says the rollback is not verified when probes keep reaching the candidate', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const ctx = testContext();
    const outcome = await rollbackTo(
      ctx,
      {
        stage: stage.ref,
        target: twin(1),
        probeRate: PROBE_RATE,
        probe: stageProber(stage, { serve: (n) => (n % 2 === 0 ? LMI1 : undefined) }),
        settleSeconds: 4,
      },
      'reason',
    );
    expect(stage.label()).toBe('twin v1');
    expect(outcome.section.verified).toBe(false);
    expect(outcome.section.probes).toBe(20);
    expect(ctx.progress.warnings.join('\n')).toContain('Rollback NOT verified');
    expect(ctx.progress.codes).toContain('traffic.rollback-not-verified');
  });

  it('an answer from another version of the same function does not count as the target', async () => {
    const stage = fakeStage(apigw, { live: LMI2, canary: { percent: 10, override: LMI3 } });
    const outcome = await rollbackTo(
      testContext(),
      {
        stage: stage.ref,
        target: lmi(2),
        probeRate: PROBE_RATE,
        // Every answer from LMI v3: the same compute type, the wrong version.
        probe: stageProber(stage, { serve: () => LMI3 }),
        settleSeconds: 2,
      },
      'reason',
    );
    expect(outcome.section.verified).toBe(false);
  });

  it('without a prober, reports the rollback as unverified', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const outcome = await rollbackTo(
      testContext(),
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE },
      'post step',
    );
    expect(outcome.section).toMatchObject({
      verified: false,
      probes: 0,
      finalRoute: { kind: 'standard', target: twin(1) },
    });
  });

  it('when UpdateStage fails: ROLLBACK_FAILED with the stage state read again and the manual command', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    apigw.on(UpdateStageCommand).rejects(awsError('TooManyRequestsException', 'Too Many Requests', 429));
    const ctx = testContext({ region: 'eu-west-1' });
    const error = await rollbackTo(
      ctx,
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE, probe: stageProber(stage) },
      'step failed',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RollbackFailedError);
    const e = error as RollbackFailedError;
    expect(e.code).toBe('ROLLBACK_FAILED');
    const command =
      `aws apigateway update-stage --rest-api-id ${stage.ref.restApiId} --stage-name prod --region eu-west-1 ` +
      `--patch-operations op=replace,path=/variables/liveFunction,value=${TWIN1} op=remove,path=/canarySettings`;
    const state = `deployment ${stage.record().deploymentId}, liveFunction=${TWIN1}, canary 50 % on deployment ${stage.record().deploymentId} with liveFunction=${LMI1}`;
    expect(e.rollback).toEqual({
      reason: 'step failed',
      at: '2025-01-02T03:04:05.000Z',
      verified: false,
      probes: 0,
      finalRoute: { kind: 'canary', percent: 50, base: twin(1), candidate: lmi(1) },
      failure: { message: e.message, stageState: state, manualFix: command },
    });
    expect(e.message).toContain('Too Many Requests');
    expect(e.message).toContain('Production traffic is NOT confirmed on twin v1');
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

  it('when UpdateStage answers with a stage that is not the target: ROLLBACK_FAILED', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    apigw.on(UpdateStageCommand).resolves({
      variables: { liveFunction: TWIN1 },
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { liveFunction: LMI1 } },
    });
    const error = await rollbackTo(
      testContext(),
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE },
      'x',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ROLLBACK_FAILED',
      message: expect.stringContaining('not standard (twin v1)'),
    });
  });

  it('when the stage cannot even be read: says so, and includes the canary removal in the command', async () => {
    apigw.on(GetStageCommand).rejects(awsError('InternalFailure', 'We encountered an internal error', 500));
    const ref = {
      restApiId: 'a1b2c3',
      stage: 'prod',
      lmiFunctionName: LMI_FN,
      standardFunctionName: STANDARD_FN,
    };
    const error = (await rollbackTo(
      testContext(),
      { stage: ref, target: twin(1), probeRate: PROBE_RATE, lastKnownRoute: { kind: 'canary', percent: 10 } },
      'x',
    ).catch((e: unknown) => e)) as RollbackFailedError;
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(error.rollback.failure?.stageState).toContain(
      'could not be read (We encountered an internal error)',
    );
    expect(error.rollback.failure?.manualFix).toContain(`value=${TWIN1} op=remove,path=/canarySettings`);
    expect(error.rollback.finalRoute).toEqual({ kind: 'canary', percent: 10 });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('does not overwrite a stage it did not shape; a person decides', async () => {
    const stage = fakeStage(apigw, { live: 'hotfix-fn:live' });
    const error = (await rollbackTo(
      testContext(),
      { stage: stage.ref, target: twin(1), probeRate: PROBE_RATE },
      'x',
    ).catch((e: unknown) => e)) as RollbackFailedError;
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(error.rollback.failure?.stageState).toContain('liveFunction=hotfix-fn:live');
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('hotfix-fn:live');
  });
});
