// What the main step saves before and after each route change, and what the post step does with
// it: its own canary (this run's candidate over this run's production version) goes back to
// that production version; a consistent stage is left alone; a canary someone else set is
// reported and never touched.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Route, VersionRef } from '../../src/core/domain.js';
import {
  advanceCutoverState,
  initialCutoverState,
  intendCutoverState,
  parseCutoverState,
  serializeCutoverState,
  type CutoverState,
} from '../../src/pipeline/traffic/cutover-state.js';
import { repairAfterInterruption } from '../../src/pipeline/traffic/interrupted-repair.js';
import { routeStateRecorder } from '../../src/pipeline/traffic/route-record.js';
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
  type FakeStage,
} from './cutover-fakes.js';
import { testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);
const PROBE_RATE = 5;
const ref = { restApiId: 'a1', stage: 'prod', lmiFunctionName: LMI_FN, standardFunctionName: STANDARD_FN };

beforeEach(() => {
  apigw.reset();
  lambda.reset();
  fakeLambda(lambda);
});

const canaryOf = (percent: number, base: VersionRef, candidate: VersionRef): Route => ({
  kind: 'canary',
  percent,
  base,
  candidate,
});

/** A run that started on `production` and announced a canary to `candidate` (saved before its UpdateStage). */
function stateFor(
  stage: FakeStage,
  production: VersionRef,
  candidate?: VersionRef,
  percent = 10,
): CutoverState {
  const start = initialCutoverState({
    stackName: 'webhook',
    region: 'us-east-1',
    ref: stage.ref,
    route: { kind: production.side, target: production },
    production,
    at: '2025-01-02T03:00:00.000Z',
  });
  if (!candidate) return start;
  const to = canaryOf(percent, production, candidate);
  return advanceCutoverState(intendCutoverState(start, to, '2025-01-02T03:00:30.000Z'), {
    to,
    at: '2025-01-02T03:01:00.000Z',
  });
}

describe('the saved state', () => {
  it('records the production version at the start and the candidate once a canary is intended', () => {
    let s = initialCutoverState({
      stackName: 'webhook',
      region: 'us-east-1',
      ref,
      route: { kind: 'lmi', target: lmi(1) },
      production: lmi(1),
      at: 't0',
    });
    expect(s).toEqual({
      version: 2,
      stackName: 'webhook',
      region: 'us-east-1',
      restApiId: 'a1',
      stage: 'prod',
      lmiFunctionName: LMI_FN,
      standardFunctionName: STANDARD_FN,
      production: lmi(1),
      intendedRoute: { kind: 'lmi', target: lmi(1) },
      currentRoute: { kind: 'lmi', target: lmi(1) },
      at: 't0',
    });
    // Saved BEFORE the UpdateStage: the candidate is known even if the process dies during the call.
    s = intendCutoverState(s, canaryOf(10, lmi(1), lmi(2)), 't1');
    expect(s).toMatchObject({
      candidate: lmi(2),
      intendedRoute: canaryOf(10, lmi(1), lmi(2)),
      currentRoute: { kind: 'lmi', target: lmi(1) },
      at: 't1',
    });
    s = advanceCutoverState(s, { to: canaryOf(10, lmi(1), lmi(2)), at: 't2' });
    expect(s).toMatchObject({ currentRoute: canaryOf(10, lmi(1), lmi(2)), candidate: lmi(2), at: 't2' });
    // A whole-route intent (promotion, rollback) keeps the candidate the run had.
    s = intendCutoverState(s, { kind: 'lmi', target: lmi(2) }, 't3');
    expect(s.candidate).toEqual(lmi(2));
    expect(s.production).toEqual(lmi(1));
    expect(parseCutoverState(serializeCutoverState(s))).toEqual(s);
  });

  it('the recorder saves the intent before each change and the change after it', async () => {
    const sink: CutoverState[] = [];
    const ctx = testContext();
    const recorder = await routeStateRecorder(
      ctx,
      { stackName: 'webhook', ref, route: { kind: 'standard', target: twin(1) }, production: twin(1) },
      (s) => void sink.push(s),
    );
    // Nothing is saved until a route is about to change.
    expect(sink).toEqual([]);
    await recorder.onRouteIntent(canaryOf(10, twin(1), lmi(1)));
    expect(sink.at(-1)).toMatchObject({
      candidate: lmi(1),
      intendedRoute: canaryOf(10, twin(1), lmi(1)),
      currentRoute: { kind: 'standard', target: twin(1) },
    });
    await recorder.onRouteChange(
      {
        at: 't',
        from: { kind: 'standard', target: twin(1) },
        to: canaryOf(10, twin(1), lmi(1)),
        why: 'step',
      },
      canaryOf(10, twin(1), lmi(1)),
    );
    expect(sink.at(-1)).toMatchObject({ currentRoute: canaryOf(10, twin(1), lmi(1)), production: twin(1) });
    expect(sink).toHaveLength(2);
  });

  it('a sink that fails does not stop the run; it is a warning', async () => {
    const ctx = testContext();
    const recorder = await routeStateRecorder(
      ctx,
      { stackName: 'webhook', ref, route: { kind: 'standard', target: twin(1) }, production: twin(1) },
      () => {
        throw new Error('state too large');
      },
    );
    await expect(recorder.onRouteIntent(canaryOf(10, twin(1), lmi(1)))).resolves.toBeUndefined();
    expect(ctx.progress.codes).toEqual(['traffic.route-state-not-saved']);
  });

  it('nothing saved is undefined; something unreadable is an error that says what to do', () => {
    expect(parseCutoverState(undefined)).toBeUndefined();
    expect(parseCutoverState('')).toBeUndefined();
    // The state of the alias-era model (version 1) is not this one.
    expect(() => parseCutoverState('{"version":1}')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('lmi-cutover status') }),
    );
    expect(() => parseCutoverState('not json')).toThrow();
  });
});

describe('repairAfterInterruption', () => {
  it('returns its own canary to the production version it started from, and says so', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    const ctx = testContext();
    const result = await repairAfterInterruption(ctx, stateFor(stage, twin(1), lmi(1), 50), {
      probe: stageProber(stage),
      probeRate: PROBE_RATE,
    });
    expect(stage.label()).toBe('twin v1');
    expect(result).toMatchObject({
      type: 'repaired',
      from: canaryOf(50, twin(1), lmi(1)),
      to: { kind: 'standard', target: twin(1) },
      verified: true,
      message:
        'The release was left unfinished at canary:50 (twin v1 → LMI v1); production returned to twin v1, verified by 10 probe(s).',
    });
    expect(result.type === 'repaired' && result.rollback.reason).toContain(
      'the main step stopped with the stage at canary:50 (twin v1 → LMI v1)',
    );
    expect(ctx.progress.warnings).toContain(result.message);
    expect(ctx.progress.codes.at(-1)).toBe('traffic.repaired-to-production');
  });

  it('an LMI → LMI canary goes back to the LMI production version, not to the twin', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 10, override: LMI2 } });
    const result = await repairAfterInterruption(testContext(), stateFor(stage, lmi(1), lmi(2)), {
      probe: stageProber(stage),
      probeRate: PROBE_RATE,
    });
    expect(stage.label()).toBe('LMI v1');
    expect(result).toMatchObject({ type: 'repaired', to: { kind: 'lmi', target: lmi(1) }, verified: true });
  });

  it('repairs a canary whose UpdateStage the main step announced but never saw answered', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 10, override: LMI2 } });
    const start = stateFor(stage, lmi(1));
    // Died during the first UpdateStage: only the intent was saved.
    const state = intendCutoverState(start, canaryOf(10, lmi(1), lmi(2)), '2025-01-02T03:00:30.000Z');
    const result = await repairAfterInterruption(testContext(), state, { probeRate: PROBE_RATE });
    expect(result.type).toBe('repaired');
    expect(stage.label()).toBe('LMI v1');
  });

  it('leaves a canary it did not start untouched and says whose decision it is', async () => {
    // Someone else's canary: LMI v1 → LMI v3, while this run meant LMI v2.
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 30, override: `${LMI_FN}:3` } });
    const ctx = testContext();
    const result = await repairAfterInterruption(ctx, stateFor(stage, lmi(1), lmi(2)), {
      probe: stageProber(stage),
      probeRate: PROBE_RATE,
    });
    expect(result).toEqual({
      type: 'foreign-canary',
      route: canaryOf(30, lmi(1), lmi(3)),
      message:
        "The stage has a canary, canary:30 (LMI v1 → LMI v3), that this run's main step did not start " +
        '(it meant LMI v2 over LMI v1); left untouched. Whoever started it decides: finish it with mode cutover or undo it with mode rollback.',
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('canary:30 (LMI v1 → LMI v3)');
    expect(ctx.progress.codes).toEqual(['traffic.foreign-canary']);
  });

  it('a canary over another production version is foreign too, even to the same candidate', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 10, override: LMI2 } });
    // This run started on the twin; the stage's canary starts from LMI v1.
    const result = await repairAfterInterruption(testContext(), stateFor(stage, twin(1), lmi(2)), {
      probeRate: PROBE_RATE,
    });
    expect(result.type).toBe('foreign-canary');
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('a run that set no canary leaves any canary alone', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const result = await repairAfterInterruption(testContext(), stateFor(stage, twin(1)), {
      probeRate: PROBE_RATE,
    });
    expect(result).toMatchObject({
      type: 'foreign-canary',
      message: expect.stringContaining('(it set no canary)'),
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('leaves a consistent stage alone and says nothing is pending', async () => {
    const stage = fakeStage(apigw, { live: LMI1 });
    const ctx = testContext();
    const result = await repairAfterInterruption(ctx, stateFor(stage, lmi(1)), { probeRate: PROBE_RATE });
    expect(result).toEqual({
      type: 'nothing-pending',
      route: { kind: 'lmi', target: lmi(1) },
      message: "The stage's route is lmi (LMI v1): nothing is pending.",
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('notes when the stage moved on since the last save', async () => {
    const stage = fakeStage(apigw);
    const result = await repairAfterInterruption(testContext(), stateFor(stage, twin(1), lmi(1)), {
      probeRate: PROBE_RATE,
    });
    expect(result.message).toBe(
      "The stage's route is standard (twin v1): nothing is pending (the main step last saved canary:10 (twin v1 → LMI v1) at 2025-01-02T03:01:00.000Z).",
    );
  });

  it('refuses to overwrite a route it did not make', async () => {
    const stage = fakeStage(apigw, { live: 'hotfix:live' });
    await expect(
      repairAfterInterruption(testContext(), stateFor(stage, twin(1), lmi(1)), { probeRate: PROBE_RATE }),
    ).rejects.toMatchObject({ code: 'ROUTE_UNKNOWN' });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });
});
