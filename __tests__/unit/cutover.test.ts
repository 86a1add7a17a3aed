// The gated shift against a stage held by the emulator's patch logic and a prober that answers
// the way that stage routes. Every test ends by checking the invariant: the stage is lmi after
// success, standard after a failure — or the error is ROLLBACK_FAILED and says what it is.
import { DEFAULTS } from '../../src/config/defaults.js';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import type { Route, RouteChange } from '../../src/core/domain.js';
import { checkCutoverSteps, parseCutoverSteps, type CutoverOptions } from '../../src/config/cutover.js';
import {
  CutoverFailedError,
  cutoverOutputs,
  shiftToLmi,
  type CutoverDeps,
} from '../../src/pipeline/traffic/cutover.js';
import type { SignalSource } from '../../src/pipeline/traffic/signals.js';
import {
  fakeStage,
  LMI,
  stageProber,
  STANDARD,
  type FakeStage,
  type ProberBehaviour,
} from './cutover-fakes.js';
import { awsError, testContext, type TestContext } from './support.js';

const apigw = mockClient(APIGatewayClient);

const OPTIONS: CutoverOptions = {
  steps: DEFAULTS.cutoverSteps,
  resume: DEFAULTS.resume,
  alarmNames: [],
  bakeSeconds: 20,
  probeRate: 5,
  maxErrorRate: 0,
  maxP95Ms: 500,
  confirmSamples: 5,
  settleSeconds: 10,
};

let stage: FakeStage;
let ctx: TestContext;
let saved: Array<{ change: RouteChange; route: Route }>;
let signals: EventEmitter & SignalSource;

beforeEach(() => {
  apigw.reset();
  ctx = testContext();
  saved = [];
  signals = new EventEmitter() as EventEmitter & SignalSource;
});

afterEach(() => {
  // The trap never outlives the shift.
  expect(signals.listenerCount('SIGINT')).toBe(0);
  expect(signals.listenerCount('SIGTERM')).toBe(0);
});

function deps(behaviour: ProberBehaviour = {}, extra: Partial<CutoverDeps> = {}): CutoverDeps {
  return {
    stage: stage.ref,
    probe: stageProber(stage, behaviour),
    onRouteChange: (change, route) => void saved.push({ change, route }),
    signals,
    ...extra,
  };
}

async function failedShift(d: CutoverDeps, options: CutoverOptions = OPTIONS): Promise<CutoverFailedError> {
  const error = await shiftToLmi(ctx, d, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CutoverFailedError);
  return error as CutoverFailedError;
}

const labels = (changes: readonly RouteChange[]) =>
  changes.map(
    (c) =>
      `${c.from.kind === 'canary' ? `canary:${c.from.percent}` : c.from.kind}→${c.to.kind === 'canary' ? `canary:${c.to.percent}` : c.to.kind}`,
  );

describe('shiftToLmi', () => {
  it('shifts 10 → 50 → 100, promotes, and reports the observed split of each step', async () => {
    stage = fakeStage(apigw);
    const outcome = await shiftToLmi(ctx, deps(), OPTIONS);

    expect(outcome.type).toBe('promoted');
    expect(outcome.before).toEqual({ kind: 'standard' });
    expect(stage.label()).toBe('lmi');
    const { section } = outcome;
    expect(section.promoted).toBe(true);
    expect(section.rolledBack).toBe(false);
    expect(
      section.steps.map((s) => [s.percent, s.probes, s.lmi.count, s.standard.count, s.observedLmiPercent]),
    ).toEqual([
      [10, 100, 10, 90, 10],
      [50, 100, 50, 50, 50],
      [100, 100, 100, 0, 100],
    ]);
    for (const s of section.steps) {
      expect(s.passed).toBe(true);
      expect(s.bakeSeconds).toBe(20);
      expect(s.gates.map((g) => [g.name, g.passed])).toEqual([
        ['max-error-rate', true],
        ['max-p95-ms', true],
        ['split-tolerance', true],
      ]);
    }
    // 4σ of a 10 % share over 100 answers is 12 points; 50 % → 20; 100 % → the 5-point floor.
    expect(section.steps.map((s) => s.tolerancePercent)).toEqual([12, 20, 5]);
    expect(labels(section.routeChanges)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    // One UpdateStage per route change, and the post step's state saved after each.
    expect(apigw).toHaveReceivedCommandTimes(UpdateStageCommand, 4);
    expect(saved.map((s) => s.route.kind)).toEqual(['canary', 'canary', 'canary', 'lmi']);
    expect(cutoverOutputs(outcome)).toEqual({
      route: 'lmi',
      'cutover-result': 'promoted',
      'rolled-back': 'false',
    });
    expect(ctx.progress.lines).toContain(
      'canary 10 %: 100 probes in 20s, LMI 10 (10 % ± 12), LMI p95 20.02 ms, 0 LMI errors, twin p95 20.02 ms — passed',
    );
    expect(ctx.progress.codes).toEqual([
      'traffic.route-read',
      ...Array.from({ length: 3 }, () => ['traffic.route-changed', 'traffic.step-baked']).flat(),
      'traffic.route-changed',
      'traffic.promoted',
    ]);
  });

  it('is a no-op on a stage that already routes to lmi', async () => {
    stage = fakeStage(apigw, { live: LMI });
    const probe = stageProber(stage);
    const outcome = await shiftToLmi(ctx, { ...deps(), probe }, OPTIONS);
    expect(outcome).toMatchObject({
      type: 'no-op',
      route: { kind: 'lmi' },
      section: { steps: [], routeChanges: [] },
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(probe.calls).toBe(0);
    expect(ctx.progress.codes).toEqual(['traffic.route-read', 'traffic.already-lmi']);
    expect(cutoverOutputs(outcome)).toEqual({
      route: 'lmi',
      'cutover-result': 'no-op',
      'rolled-back': 'false',
    });
  });

  it('resume: rollback (default) undoes a leftover canary, then starts again from the first step', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    const outcome = await shiftToLmi(ctx, deps(), OPTIONS);
    expect(stage.label()).toBe('lmi');
    expect(outcome.before).toEqual({ kind: 'canary', percent: 50 });
    expect(labels(outcome.section.routeChanges)).toEqual([
      'canary:50→standard',
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    expect(outcome.section.routeChanges[0]!.why).toContain('resume: rollback');
    expect(ctx.progress.codes.slice(0, 5)).toEqual([
      'traffic.route-read',
      'traffic.resume-rollback',
      'traffic.rolling-back',
      'traffic.route-changed',
      'traffic.rollback-verified',
    ]);
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([10, 50, 100]);
  });

  it('resume: rollback stops when probes cannot confirm the leftover canary is gone', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    // Half the answers keep coming from LMI although the stage reads back as standard.
    const error = await failedShift(deps({ lmiShare: () => 0.5 }));
    expect(error.code).toBe('CUTOVER_FAILED');
    expect(error.message).toContain('did not start again');
    expect(stage.label()).toBe('standard');
    expect(error.section.steps).toEqual([]);
    expect(labels(error.section.routeChanges)).toEqual(['canary:50→standard']);
    expect(error.section.rollback).toMatchObject({ verified: false, finalRoute: { kind: 'standard' } });
  });

  it('resume: continue carries on from the first step above the leftover canary', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    const outcome = await shiftToLmi(ctx, deps(), { ...OPTIONS, resume: 'continue' });
    expect(labels(outcome.section.routeChanges)).toEqual(['canary:50→canary:100', 'canary:100→lmi']);
    expect(ctx.progress.codes).toContain('traffic.resume-continue');
    expect(ctx.progress.warnings).toContain(
      'An earlier cutover stopped at canary:50; resume: continue — going on with 100 %.',
    );
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([100]);
    expect(stage.label()).toBe('lmi');
  });

  it('resume: continue from canary:100 bakes 100 % again before promoting', async () => {
    stage = fakeStage(apigw, { canary: { percent: 100 } });
    const outcome = await shiftToLmi(ctx, deps(), { ...OPTIONS, resume: 'continue' });
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([100]);
    expect(labels(outcome.section.routeChanges)).toEqual(['canary:100→canary:100', 'canary:100→lmi']);
  });

  it('a failing LMI step rolls back and fails the run with the step, its figures and the reason', async () => {
    stage = fakeStage(apigw);
    // The 10 % step sees 10 LMI answers; the LMI version answers 502 from its 13th on: inside the 50 % step.
    const error = await failedShift(deps({ lmi: (n) => (n >= 12 ? { ok: false, status: 502 } : {}) }));

    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    expect(stage.label()).toBe('standard');
    expect(error.finalRoute).toEqual({ kind: 'standard' });
    expect(error.message).toBe(
      'The cutover was rolled back to the standard twin at canary:50: canary 50 % failed: ' +
        'LMI error rate 33.33 % (1 of 3) is above max-error-rate 0 %; the bake stopped early after 1s.',
    );
    const { section } = error;
    expect(section.steps.map((s) => [s.percent, s.passed])).toEqual([
      [10, true],
      [50, false],
    ]);
    const failed = section.steps[1]!;
    expect(failed.lmi).toMatchObject({ count: 3, errors: 1 });
    expect(failed.gates.find((g) => g.name === 'max-error-rate')).toEqual({
      name: 'max-error-rate',
      limit: 0,
      actual: 0.3333,
      passed: false,
    });
    expect(error.details[0]).toContain('canary 50 %: 6 probes in 1s, LMI 3 (50 % ± 81.65)');
    expect(section.rolledBack).toBe(true);
    expect(section.rollback).toMatchObject({ verified: true, finalRoute: { kind: 'standard' } });
    expect(section.rollback!.reason).toContain('LMI error rate');
    expect(labels(section.routeChanges)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→standard',
    ]);
    expect(saved.at(-1)?.route).toEqual({ kind: 'standard' });
    expect(cutoverOutputs(error)).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
  });

  it('a latency breach fails the step after the full bake', async () => {
    stage = fakeStage(apigw);
    const error = await failedShift(deps({ lmi: () => ({ latencyMs: 900 }) }));
    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    const step = error.section.steps[0]!;
    expect(step.percent).toBe(10);
    expect(step.probes).toBe(100);
    // HDR histogram percentiles are exact to 3 significant digits.
    expect(step.gates.find((g) => g.name === 'max-p95-ms')).toMatchObject({
      limit: 500,
      actual: 900.1,
      passed: false,
    });
    expect(error.message).toContain('LMI p95 900.1 ms is above max-p95-ms 500 ms');
    expect(stage.label()).toBe('standard');
  });

  it('an observed split outside the tolerance fails the step', async () => {
    stage = fakeStage(apigw);
    // The stage says 10 %, but 40 % of answers come from LMI (a misconfigured canary).
    const error = await failedShift(deps({ lmiShare: () => (stage.label() === 'standard' ? 0 : 0.4) }));
    const step = error.section.steps[0]!;
    expect(step.observedLmiPercent).toBe(40);
    expect(step.gates.find((g) => g.name === 'split-tolerance')).toEqual({
      name: 'split-tolerance',
      limit: 12,
      actual: 30,
      passed: false,
    });
    expect(error.message).toContain('observed LMI share 40 % of 100 answers is outside 10 % ± 12');
    expect(stage.label()).toBe('standard');
  });

  it('a failed answer from the twin fails the step at once', async () => {
    stage = fakeStage(apigw);
    const error = await failedShift(deps({ standard: (n) => (n === 3 ? { ok: false, status: 500 } : {}) }));
    expect(error.section.steps[0]!.reason).toContain('1 probe not served by the LMI alias failed (500)');
    expect(error.section.steps[0]!.probes).toBe(4);
    expect(stage.label()).toBe('standard');
  });

  it('an alarm in ALARM fails the step', async () => {
    stage = fakeStage(apigw);
    let checks = 0;
    const error = await failedShift(
      deps({}, { alarmCheck: async () => (++checks === 2 ? ['webhook-5xx'] : []) }),
      { ...OPTIONS, alarmNames: ['webhook-5xx'] },
    );
    expect(error.section.steps.map((s) => s.passed)).toEqual([true, false]);
    expect(error.section.steps[1]!.gates.at(-1)).toEqual({
      name: 'alarms',
      limit: 'none of webhook-5xx in ALARM',
      actual: 'webhook-5xx',
      passed: false,
    });
    expect(stage.label()).toBe('standard');
  });

  it('a thrown error mid-bake rolls back and fails with CUTOVER_FAILED', async () => {
    stage = fakeStage(apigw);
    const error = await failedShift(
      deps(
        {},
        {
          alarmCheck: async () => {
            throw awsError('AccessDenied', 'not authorized to perform: cloudwatch:DescribeAlarms', 403);
          },
        },
      ),
      { ...OPTIONS, alarmNames: ['webhook-5xx'] },
    );
    expect(error.code).toBe('CUTOVER_FAILED');
    expect(error.message).toContain('at canary:10: error: not authorized');
    expect(stage.label()).toBe('standard');
    expect(error.section.rolledBack).toBe(true);
  });

  it('an abort signal mid-bake rolls back and fails with CUTOVER_CANCELLED', async () => {
    stage = fakeStage(apigw);
    const controller = new AbortController();
    const error = await failedShift(
      deps({ before: (n) => n === 130 && controller.abort() }, { signal: controller.signal }),
    );
    expect(error.code).toBe('CUTOVER_CANCELLED');
    expect(error.section.steps.map((s) => s.percent)).toEqual([10]);
    expect(stage.label()).toBe('standard');
    expect(labels(error.section.routeChanges)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→standard',
    ]);
    // The rollback itself is not cancelled: it runs and is verified.
    expect(error.section.rollback?.verified).toBe(true);
  });

  it('SIGTERM during a bake rolls back before the shift returns', async () => {
    stage = fakeStage(apigw);
    const error = await failedShift(deps({ before: (n) => n === 20 && signals.emit('SIGTERM') }));
    expect(error.code).toBe('CUTOVER_CANCELLED');
    expect(error.message).toContain('SIGTERM');
    expect(ctx.progress.codes).toContain('traffic.signal-received');
    expect(stage.label()).toBe('standard');
  });

  it('a promotion that probes cannot confirm is rolled back', async () => {
    stage = fakeStage(apigw);
    // After promotion every answer still comes from the twin.
    const error = await failedShift(
      deps({ lmiShare: () => (stage.label() === 'lmi' ? 0 : stage.lmiShare()) }),
    );
    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    expect(error.message).toContain(
      'after promotion, 5 consecutive answers from the LMI alias did not come within 10s',
    );
    expect(error.section.promoted).toBe(false);
    expect(labels(error.section.routeChanges).slice(-2)).toEqual(['canary:100→lmi', 'lmi→standard']);
    expect(stage.label()).toBe('standard');
  });

  it('when the rollback itself fails: ROLLBACK_FAILED with the stage state and the manual command', async () => {
    stage = fakeStage(apigw);
    // The canary step's UpdateStage works; the rollback's is refused.
    stage.failUpdates((n) =>
      n >= 1
        ? awsError('AccessDeniedException', 'User is not authorized to perform: apigateway:PATCH', 403)
        : undefined,
    );
    const error = await failedShift(deps({ lmi: () => ({ ok: false, status: 502 }) }));
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(stage.label()).toBe('canary:10');
    expect(error.section.rolledBack).toBe(false);
    expect(error.finalRoute).toEqual({ kind: 'canary', percent: 10 });
    const failure = error.section.rollback?.failure;
    expect(failure?.manualFix).toBe(
      `aws apigateway update-stage --rest-api-id ${stage.ref.restApiId} --stage-name prod --region us-east-1 ` +
        `--patch-operations op=replace,path=/variables/liveFunction,value=${STANDARD} op=remove,path=/canarySettings`,
    );
    expect(failure?.stageState).toContain(
      `canary 10 % on deployment ${stage.record().deploymentId} with liveFunction=${LMI}`,
    );
    expect(error.message).toContain('ROLLBACK FAILED');
    expect(error.message).toContain('apigateway:PATCH');
    expect(error.message).toContain('canary 10 % failed');
    expect(error.details).toContain(`Fix by hand: ${failure?.manualFix}`);
    expect(ctx.progress.codes.slice(-3)).toEqual([
      'traffic.rollback-failed',
      'traffic.rollback-failed-stage-state',
      'traffic.rollback-failed-fix',
    ]);
    expect(cutoverOutputs(error)).toEqual({
      route: 'canary:10',
      'cutover-result': 'rollback-failed',
      'rolled-back': 'false',
    });
  });

  it('refuses an unknown route without changing anything', async () => {
    stage = fakeStage(apigw, { live: 'manual-fix:live' });
    await expect(shiftToLmi(ctx, deps(), OPTIONS)).rejects.toMatchObject({ code: 'ROUTE_UNKNOWN' });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('validates its settings before touching the stage', async () => {
    stage = fakeStage(apigw);
    await expect(shiftToLmi(ctx, deps(), { ...OPTIONS, steps: [10, 50] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('the last step must be 100'),
    });
    await expect(shiftToLmi(ctx, deps(), { ...OPTIONS, alarmNames: ['x'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('no CloudWatch alarm check'),
    });
    await expect(
      shiftToLmi(ctx, deps(), { ...OPTIONS, probeRate: 1, bakeSeconds: 30 }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        "probe-rate 1/s × bake-seconds 30 at the first step's 10 % expects 3 LMI answers",
      ),
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });
});

describe('cutover-steps', () => {
  it('parses and checks the list', () => {
    expect(parseCutoverSteps('10, 50,100')).toEqual([10, 50, 100]);
    expect(parseCutoverSteps('100')).toEqual([100]);
    expect(checkCutoverSteps([50, 10, 100])).toBe('steps must be strictly ascending');
    expect(checkCutoverSteps([0, 100])).toBe('each step must be above 0 and at most 100');
    expect(() => parseCutoverSteps('10,abc,100')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
