// What the main step saves after each route change, and what the post step does with it: a
// stage left mid-canary goes back to the last consistent route; a consistent one is left alone.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import {
  advanceCutoverState,
  initialCutoverState,
  parseCutoverState,
  repairAfterInterruption,
  serializeCutoverState,
  type CutoverState,
} from '../../src/pipeline/traffic/cutover-state.js';
import { fakeStage, LMI, stageProber, STANDARD, type FakeStage } from './cutover-fakes.js';
import { testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const PROBE_RATE = 5;

beforeEach(() => {
  apigw.reset();
});

function stateFor(
  stage: FakeStage,
  lastConsistent: 'standard' | 'lmi',
  current: CutoverState['currentRoute'],
): CutoverState {
  const start = initialCutoverState({
    stackName: 'webhook',
    region: 'us-east-1',
    ref: stage.ref,
    route: { kind: lastConsistent },
    at: '2025-01-02T03:00:00.000Z',
  });
  return advanceCutoverState(start, { to: current, at: '2025-01-02T03:01:00.000Z' });
}

describe('the saved state', () => {
  it('follows route changes and remembers the last consistent route', () => {
    const ref = { restApiId: 'a1', stage: 'prod', lmiTarget: LMI, standardTarget: STANDARD };
    let s = initialCutoverState({
      stackName: 'webhook',
      region: 'us-east-1',
      ref,
      route: { kind: 'standard' },
      at: 't0',
    });
    s = advanceCutoverState(s, { to: { kind: 'canary', percent: 10 }, at: 't1' });
    s = advanceCutoverState(s, { to: { kind: 'canary', percent: 50 }, at: 't2' });
    expect(s).toMatchObject({
      lastConsistentRoute: { kind: 'standard' },
      currentRoute: { kind: 'canary', percent: 50 },
      at: 't2',
    });
    s = advanceCutoverState(s, { to: { kind: 'lmi' }, at: 't3' });
    expect(s.lastConsistentRoute).toEqual({ kind: 'lmi' });
    expect(parseCutoverState(serializeCutoverState(s))).toEqual(s);
  });

  it('a canary found at the start counts as made from the twin', () => {
    const ref = { restApiId: 'a1', stage: 'prod', lmiTarget: LMI, standardTarget: STANDARD };
    const s = initialCutoverState({
      stackName: 'w',
      region: 'r',
      ref,
      route: { kind: 'canary', percent: 30 },
      at: 't',
    });
    expect(s.lastConsistentRoute).toEqual({ kind: 'standard' });
  });

  it('nothing saved is undefined; something unreadable is an error that says what to do', () => {
    expect(parseCutoverState(undefined)).toBeUndefined();
    expect(parseCutoverState('')).toBeUndefined();
    expect(() => parseCutoverState('{"version":1}')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('lmi-cutover status') }),
    );
    expect(() => parseCutoverState('not json')).toThrow();
  });
});

describe('repairAfterInterruption', () => {
  it('rolls a stage left mid-canary back to standard and says so', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    const ctx = testContext();
    const result = await repairAfterInterruption(
      ctx,
      stateFor(stage, 'standard', { kind: 'canary', percent: 50 }),
      { probe: stageProber(stage), probeRate: PROBE_RATE },
    );
    expect(stage.label()).toBe('standard');
    expect(result).toMatchObject({
      type: 'repaired',
      from: { kind: 'canary', percent: 50 },
      to: { kind: 'standard' },
      verified: true,
      message:
        'The cutover was left unfinished at canary:50; rolled back to standard, verified by 10 probe(s).',
    });
    expect(result.type === 'repaired' && result.rollback?.reason).toContain(
      'the main step stopped with the stage at canary:50',
    );
    expect(ctx.progress.warnings).toContain(result.message);
    expect(ctx.progress.codes.at(-1)).toBe('traffic.repaired-to-standard');
  });

  it('returns to lmi when that was the last consistent route', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 10 } });
    const result = await repairAfterInterruption(
      testContext(),
      stateFor(stage, 'lmi', { kind: 'canary', percent: 10 }),
      { probe: stageProber(stage), probeRate: PROBE_RATE },
    );
    expect(stage.label()).toBe('lmi');
    expect(result).toMatchObject({ type: 'repaired', to: { kind: 'lmi' }, verified: true });
  });

  it('leaves a consistent stage alone and says nothing is pending', async () => {
    const stage = fakeStage(apigw, { live: LMI });
    const ctx = testContext();
    const result = await repairAfterInterruption(ctx, stateFor(stage, 'lmi', { kind: 'lmi' }), {
      probeRate: PROBE_RATE,
    });
    expect(result).toEqual({
      type: 'nothing-pending',
      route: { kind: 'lmi' },
      message: "The stage's route is lmi: nothing is pending.",
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('notes when the stage moved on since the last save', async () => {
    const stage = fakeStage(apigw);
    const result = await repairAfterInterruption(
      testContext(),
      stateFor(stage, 'standard', { kind: 'canary', percent: 10 }),
      { probeRate: PROBE_RATE },
    );
    expect(result.message).toBe(
      "The stage's route is standard: nothing is pending (the main step last saved canary:10 at 2025-01-02T03:01:00.000Z).",
    );
  });

  it('refuses to overwrite a route it did not make', async () => {
    const stage = fakeStage(apigw, { live: 'hotfix:live' });
    await expect(
      repairAfterInterruption(testContext(), stateFor(stage, 'standard', { kind: 'canary', percent: 10 }), {
        probeRate: PROBE_RATE,
      }),
    ).rejects.toMatchObject({ code: 'ROUTE_UNKNOWN' });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });
});
