// The gated shift against a stage held by the emulator's patch logic and a prober that answers
// the way that stage routes, each answer naming its version. Every test ends by checking the
// invariant: production is the candidate after success, the version the run found after a
// failure — or the error is ROLLBACK_FAILED and says what it is.
import { DEFAULTS } from '../../src/config/defaults.js';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describeRoute, routeLabel, type Route, type RouteChange } from '../../src/core/domain.js';
import { checkCutoverSteps, parseCutoverSteps, type CutoverOptions } from '../../src/config/cutover.js';
import {
  CutoverFailedError,
  cutoverOutputs,
  shiftToCandidate,
  type CutoverDeps,
} from '../../src/pipeline/traffic/cutover.js';
import type { SignalSource } from '../../src/pipeline/traffic/signals.js';
import {
  fakeLambda,
  fakeStage,
  lmi,
  LMI1,
  LMI2,
  LMI_FN,
  q,
  stageProber,
  twin,
  TWIN1,
  type FakeStage,
  type ProberBehaviour,
} from './cutover-fakes.js';
import { awsError, testContext, type TestContext } from './support.js';

/** The Action's outputs as strings: the route by its label (`lmi`, `canary:N`). */
function outputsOf(x: Parameters<typeof cutoverOutputs>[0]) {
  const o = cutoverOutputs(x);
  return { ...o, route: routeLabel(o.route) };
}

const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);

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
let intents: Route[];
let signals: EventEmitter & SignalSource;

beforeEach(() => {
  apigw.reset();
  lambda.reset();
  fakeLambda(lambda);
  ctx = testContext();
  saved = [];
  intents = [];
  signals = new EventEmitter() as EventEmitter & SignalSource;
});

afterEach(() => {
  // The trap never outlives the shift.
  expect(signals.listenerCount('SIGINT')).toBe(0);
  expect(signals.listenerCount('SIGTERM')).toBe(0);
});

/** The first release: production on twin v1, candidate LMI v1, this run's verified twin v1. */
function deps(behaviour: ProberBehaviour = {}, extra: Partial<CutoverDeps> = {}): CutoverDeps {
  return {
    stage: stage.ref,
    candidate: lmi(1),
    fallback: twin(1),
    probe: stageProber(stage, behaviour),
    onRouteIntent: (to) => void intents.push(to),
    onRouteChange: (change, route) => void saved.push({ change, route }),
    signals,
    ...extra,
  };
}

async function failedShift(d: CutoverDeps, options: CutoverOptions = OPTIONS): Promise<CutoverFailedError> {
  const error = await shiftToCandidate(ctx, d, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CutoverFailedError);
  return error as CutoverFailedError;
}

const labels = (changes: readonly RouteChange[]) =>
  changes.map((c) => `${routeLabel(c.from)}→${routeLabel(c.to)}`);

describe('shiftToCandidate', () => {
  it('first release: twin v1 → LMI v1 in 10 → 50 → 100, promoted with the twin as rollback target and fallback', async () => {
    stage = fakeStage(apigw);
    const outcome = await shiftToCandidate(ctx, deps(), OPTIONS);

    expect(outcome.type).toBe('promoted');
    expect(outcome.before).toEqual({ kind: 'standard', target: twin(1) });
    expect(outcome.route).toEqual({ kind: 'lmi', target: lmi(1) });
    expect(stage.label()).toBe('LMI v1');
    expect(stage.record().variables).toEqual({
      liveFunction: LMI1,
      rollbackFunction: TWIN1,
      fallbackFunction: TWIN1,
    });
    const { section } = outcome;
    expect(section.promoted).toBe(true);
    expect(section.rolledBack).toBe(false);
    expect(
      section.steps.map((s) => [
        s.percent,
        s.probes,
        s.candidate.count,
        s.production.count,
        s.observedCandidatePercent,
      ]),
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
    expect(section.routeChanges.map((c) => `${describeRoute(c.from)} → ${describeRoute(c.to)}`)).toEqual([
      'standard (twin v1) → canary:10 (twin v1 → LMI v1)',
      'canary:10 (twin v1 → LMI v1) → canary:50 (twin v1 → LMI v1)',
      'canary:50 (twin v1 → LMI v1) → canary:100 (twin v1 → LMI v1)',
      'canary:100 (twin v1 → LMI v1) → lmi (LMI v1)',
    ]);
    // Three canary steps, and the promotion's two calls (copy, then clean up) as one route change.
    expect(apigw).toHaveReceivedCommandTimes(UpdateStageCommand, 5);
    expect(saved.map((s) => routeLabel(s.route))).toEqual(['canary:10', 'canary:50', 'canary:100', 'lmi']);
    // Each UpdateStage was announced first, naming the candidate, for the post step.
    expect(intents).toEqual([
      { kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) },
      { kind: 'canary', percent: 50, base: twin(1), candidate: lmi(1) },
      { kind: 'canary', percent: 100, base: twin(1), candidate: lmi(1) },
      { kind: 'lmi', target: lmi(1) },
    ]);
    // The candidate was made routable before any traffic reached it.
    expect(lambda).toHaveReceivedCommandWith(AddPermissionCommand, { FunctionName: LMI_FN, Qualifier: '1' });
    expect(outputsOf(outcome)).toEqual({
      route: 'lmi',
      'cutover-result': 'promoted',
      'rolled-back': 'false',
    });
    expect(ctx.progress.lines).toContain(
      'canary 10 %: 100 probes in 20s, candidate 10 (10 % ± 12), candidate p95 20.02 ms, 0 candidate errors, production p95 20.02 ms — passed',
    );
    expect(ctx.progress.lines).toContain(
      'canary 50 % (step 2/3): baked 10s of 20s, 50 probes; split candidate 50.0 % / production 50.0 %; ' +
        'errors candidate 0 / production 0; p95 candidate 20.02 ms / production 20.02 ms',
    );
    expect(ctx.progress.codes).toEqual([
      'traffic.route-read',
      'traffic.permission-added',
      // 5 probes/s for 20 s: every step is below the error test's minimum sample, and says so.
      ...Array.from({ length: 3 }, () => 'traffic.step-sample-small'),
      // A 20 s bake: one heartbeat halfway through each step.
      ...Array.from({ length: 3 }, () => [
        'traffic.route-changed',
        'traffic.step-heartbeat',
        'traffic.step-baked',
      ]).flat(),
      'traffic.route-changed',
      'traffic.route-changed',
      'traffic.promoted',
    ]);
  });

  it('next release: LMI v1 → LMI v2, promoted with LMI v1 as rollback target and this run’s twin as fallback', async () => {
    stage = fakeStage(apigw, { live: LMI1, rollback: TWIN1, fallback: TWIN1 });
    const outcome = await shiftToCandidate(ctx, deps({}, { candidate: lmi(2), fallback: twin(2) }), OPTIONS);
    expect(outcome).toMatchObject({
      type: 'promoted',
      before: { kind: 'lmi', target: lmi(1) },
      route: { kind: 'lmi', target: lmi(2) },
    });
    expect(stage.record().variables).toEqual({
      liveFunction: LMI2,
      rollbackFunction: LMI1,
      fallbackFunction: q(twin(2)),
    });
    // Production's answers are LMI v1's: the same compute type, told apart by version.
    expect(outcome.section.steps.map((s) => [s.candidate.count, s.production.count])).toEqual([
      [10, 90],
      [50, 50],
      [100, 0],
    ]);
    expect(outcome.section.routeChanges[0]!.to).toEqual({
      kind: 'canary',
      percent: 10,
      base: lmi(1),
      candidate: lmi(2),
    });
    expect(ctx.progress.lines.at(-1)).toContain('rollback target LMI v1, fallback twin v2');
  });

  it('a failed LMI → LMI step returns production to LMI v1, not the twin, with the way back it found', async () => {
    stage = fakeStage(apigw, { live: LMI1, rollback: TWIN1, fallback: TWIN1 });
    const error = await failedShift(
      deps(
        { answers: { [LMI2]: (n) => (n >= 12 ? { ok: false, status: 502 } : {}) } },
        { candidate: lmi(2), fallback: twin(2) },
      ),
    );
    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    expect(stage.label()).toBe('LMI v1');
    expect(stage.record().variables).toEqual({
      liveFunction: LMI1,
      rollbackFunction: TWIN1,
      fallbackFunction: TWIN1,
    });
    expect(error.finalRoute).toEqual({ kind: 'lmi', target: lmi(1) });
    expect(error.message).toMatch(
      /^The release was rolled back to LMI v1 at canary:50 \(LMI v1 → LMI v2\): canary 50 % failed/,
    );
    expect(error.section.rollback).toMatchObject({
      verified: true,
      finalRoute: { kind: 'lmi', target: lmi(1) },
    });
    expect(outputsOf(error)).toEqual({
      route: 'lmi',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
  });

  it('a promotion that probes cannot confirm is rolled back, and the way back restored as the run found it', async () => {
    // No fallback recorded yet: the promotion sets one, the rollback must remove it again.
    stage = fakeStage(apigw, { live: LMI1, rollback: TWIN1 });
    // After promotion every answer still comes from LMI v1.
    const error = await failedShift(
      deps(
        { serve: () => (stage.record().canarySettings ? undefined : LMI1) },
        { candidate: lmi(2), fallback: twin(2) },
      ),
    );
    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    expect(error.message).toContain(
      'after promotion, 5 consecutive answers from LMI v2 did not come within 10s',
    );
    expect(error.section.promoted).toBe(false);
    expect(labels(error.section.routeChanges).slice(-2)).toEqual(['canary:100→lmi', 'lmi→lmi']);
    expect(error.section.routeChanges.at(-1)!.to).toEqual({ kind: 'lmi', target: lmi(1) });
    expect(stage.record().variables).toEqual({ liveFunction: LMI1, rollbackFunction: TWIN1 });
  });

  it('is a no-op when production already is the candidate', async () => {
    stage = fakeStage(apigw, { live: LMI1 });
    const probe = stageProber(stage);
    const outcome = await shiftToCandidate(ctx, { ...deps(), probe }, OPTIONS);
    expect(outcome).toMatchObject({
      type: 'no-op',
      route: { kind: 'lmi', target: lmi(1) },
      section: { steps: [], routeChanges: [] },
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
    expect(probe.calls).toBe(0);
    expect(ctx.progress.codes).toEqual(['traffic.route-read', 'traffic.already-lmi']);
    expect(outputsOf(outcome)).toEqual({
      route: 'lmi',
      'cutover-result': 'no-op',
      'rolled-back': 'false',
    });
  });

  it('refuses a candidate that is not Active before any route changes', async () => {
    stage = fakeStage(apigw);
    lambda.reset();
    fakeLambda(lambda, { [LMI1]: 'Pending' });
    await expect(shiftToCandidate(ctx, deps(), OPTIONS)).rejects.toMatchObject({
      code: 'VERSION_NOT_ROUTABLE',
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('twin v1');
  });

  it('resume: rollback (default) undoes a leftover canary, then starts again from the first step', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    const outcome = await shiftToCandidate(ctx, deps(), OPTIONS);
    expect(stage.label()).toBe('LMI v1');
    expect(outcome.before).toEqual({ kind: 'canary', percent: 50, base: twin(1), candidate: lmi(1) });
    expect(labels(outcome.section.routeChanges)).toEqual([
      'canary:50→standard',
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    expect(outcome.section.routeChanges[0]!.why).toContain('resume: rollback');
    expect(ctx.progress.codes.slice(0, 6)).toEqual([
      'traffic.route-read',
      'traffic.permission-added',
      'traffic.resume-rollback',
      'traffic.rolling-back',
      'traffic.route-changed',
      'traffic.rollback-verified',
    ]);
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([10, 50, 100]);
  });

  it('resume: rollback stops when probes cannot confirm the leftover canary is gone', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    // Half the answers keep coming from LMI v1 although the stage reads back as the twin.
    const error = await failedShift(deps({ serve: (n) => (n % 2 === 0 ? LMI1 : undefined) }));
    expect(error.code).toBe('CUTOVER_FAILED');
    expect(error.message).toContain('did not start again');
    expect(stage.label()).toBe('twin v1');
    expect(error.section.steps).toEqual([]);
    expect(labels(error.section.routeChanges)).toEqual(['canary:50→standard']);
    expect(error.section.rollback).toMatchObject({
      verified: false,
      finalRoute: { kind: 'standard', target: twin(1) },
    });
  });

  it('resume: continue carries on from the first step above the leftover canary', async () => {
    stage = fakeStage(apigw, { canary: { percent: 50 } });
    const outcome = await shiftToCandidate(ctx, deps(), { ...OPTIONS, resume: 'continue' });
    expect(labels(outcome.section.routeChanges)).toEqual(['canary:50→canary:100', 'canary:100→lmi']);
    expect(ctx.progress.codes).toContain('traffic.resume-continue');
    expect(ctx.progress.warnings).toContain(
      'An earlier cutover stopped at canary:50; resume: continue — going on with 100 %.',
    );
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([100]);
    expect(stage.label()).toBe('LMI v1');
  });

  it('resume: continue from canary:100 bakes 100 % again before promoting', async () => {
    stage = fakeStage(apigw, { canary: { percent: 100 } });
    const outcome = await shiftToCandidate(ctx, deps(), { ...OPTIONS, resume: 'continue' });
    expect(outcome.section.steps.map((s) => s.percent)).toEqual([100]);
    expect(labels(outcome.section.routeChanges)).toEqual(['canary:100→canary:100', 'canary:100→lmi']);
  });

  it('resume: continue refuses a leftover canary to another candidate, changing nothing', async () => {
    // An earlier release left LMI v1 → LMI v2 at 50 %; this run's candidate is LMI v3.
    stage = fakeStage(apigw, { live: LMI1, canary: { percent: 50, override: LMI2 } });
    const error = await shiftToCandidate(ctx, deps({}, { candidate: lmi(3) }), {
      ...OPTIONS,
      resume: 'continue',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ROUTE_MID_CANARY',
      message: expect.stringContaining("a canary of 50 % to LMI v2, not to this run's candidate LMI v3"),
    });
    expect(error).not.toBeInstanceOf(CutoverFailedError);
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
    expect(stage.label()).toBe('canary:50 (LMI v1 → LMI v2)');
  });

  it('a failing candidate step rolls back and fails the run with the step, its figures and the reason', async () => {
    stage = fakeStage(apigw);
    // The 10 % step sees 10 candidate answers; LMI v1 answers 502 from its 13th on: inside the 50 % step.
    const error = await failedShift(
      deps({ answers: { [LMI1]: (n) => (n >= 12 ? { ok: false, status: 502 } : {}) } }),
    );

    expect(error.code).toBe('CUTOVER_STEP_FAILED');
    expect(stage.label()).toBe('twin v1');
    expect(error.finalRoute).toEqual({ kind: 'standard', target: twin(1) });
    expect(error.message).toBe(
      'The release was rolled back to twin v1 at canary:50 (twin v1 → LMI v1): canary 50 % failed: ' +
        "3 of 5 candidate answers failed against 0 of 95 of production's: the candidate fails more often than production " +
        '(one-sided Fisher p = 6.2e-5 ≤ 0.01); the bake stopped early after 2s.',
    );
    const { section } = error;
    expect(section.steps.map((s) => [s.percent, s.passed])).toEqual([
      [10, true],
      [50, false],
    ]);
    const failed = section.steps[1]!;
    // The bake stops at the early-stop boundary (p ≤ 0.001), not at the first error.
    expect(failed.candidate).toMatchObject({ count: 5, errors: 3 });
    expect(failed.gates.find((g) => g.name === 'max-error-rate')).toEqual({
      name: 'max-error-rate',
      limit: 0,
      actual: 0.6,
      passed: false,
    });
    expect(failed.errorTest).toMatchObject({
      test: 'fisher-exact-one-sided',
      candidate: { errors: 3, count: 5 },
      production: { errors: 0, count: 95 },
      decidedBy: 'strict',
    });
    expect(error.details[0]).toContain('canary 50 %: 10 probes in 2s, candidate 5 (50 % ± 63.25)');
    expect(error.details.at(-1)).toBe('Rollback: verified by 5 probe(s); production is twin v1.');
    expect(section.rolledBack).toBe(true);
    expect(section.rollback).toMatchObject({
      verified: true,
      finalRoute: { kind: 'standard', target: twin(1) },
    });
    expect(section.rollback!.reason).toContain('the candidate fails more often than production');
    expect(labels(section.routeChanges)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→standard',
    ]);
    expect(saved.at(-1)?.route).toEqual({ kind: 'standard', target: twin(1) });
    // A first release found no way back: none is left behind.
    expect(stage.record().variables).toEqual({ liveFunction: TWIN1 });
    expect(outputsOf(error)).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
  });

  it('hands each step over as soon as it is baked, before the next route change; the failing one too', async () => {
    stage = fakeStage(apigw);
    const events: string[] = [];
    const track = {
      onStepBaked: (s: { percent: number; passed: boolean }) =>
        void events.push(`baked ${s.percent} ${s.passed ? 'passed' : 'failed'}`),
      onRouteChange: (_c: RouteChange, route: Route) => void events.push(`route ${routeLabel(route)}`),
    };
    await shiftToCandidate(ctx, deps({}, track), OPTIONS);
    expect(events).toEqual([
      'route canary:10',
      'baked 10 passed',
      'route canary:50',
      'baked 50 passed',
      'route canary:100',
      'baked 100 passed',
      'route lmi',
    ]);

    events.length = 0;
    stage = fakeStage(apigw);
    await failedShift(deps({ answers: { [LMI1]: () => ({ latencyMs: 900 }) } }, track));
    expect(events).toEqual(['route canary:10', 'baked 10 failed', 'route standard']);
  });

  it('a latency breach fails the step after the full bake', async () => {
    stage = fakeStage(apigw);
    const error = await failedShift(deps({ answers: { [LMI1]: () => ({ latencyMs: 900 }) } }));
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
    expect(error.message).toContain('candidate p95 900.1 ms is above max-p95-ms 500 ms');
    expect(stage.label()).toBe('twin v1');
  });

  it('an observed split outside the tolerance fails the step', async () => {
    stage = fakeStage(apigw);
    // The stage says 10 %, but 40 % of answers come from the candidate (a misconfigured canary).
    const error = await failedShift(deps({ canaryShare: () => (stage.record().canarySettings ? 0.4 : 0) }));
    const step = error.section.steps[0]!;
    expect(step.observedCandidatePercent).toBe(40);
    expect(step.gates.find((g) => g.name === 'split-tolerance')).toEqual({
      name: 'split-tolerance',
      limit: 12,
      actual: 30,
      passed: false,
    });
    expect(error.message).toContain('observed candidate share 40 % of 100 answers is outside 10 % ± 12');
    expect(stage.label()).toBe('twin v1');
  });

  it("a failed answer from production is production's own: the step compares the candidate with it and passes", async () => {
    stage = fakeStage(apigw);
    const outcome = await shiftToCandidate(
      testContext(),
      deps({ answers: { [TWIN1]: (n) => (n === 3 ? { ok: false, status: 500 } : {}) } }),
      OPTIONS,
    );
    expect(outcome.section.steps.map((s) => s.passed)).toEqual([true, true, true]);
    expect(outcome.section.steps[0]!.errorTest).toMatchObject({
      production: { errors: 1 },
      candidate: { errors: 0 },
    });
    expect(stage.label()).toBe('LMI v1');
  });

  describe('errors judged by the test, with a sample large enough for it', () => {
    // 200 probes/s for 20 s: the 10 % step gets 400 candidate answers, above its minimum sample.
    const LARGE = { ...OPTIONS, probeRate: 200 };

    it('a 2 % error regression behind the canary fails the first step', async () => {
      stage = fakeStage(apigw);
      const error = await failedShift(
        deps({ answers: { [LMI1]: (n) => (n % 50 === 49 ? { ok: false, status: 500 } : {}) } }),
        LARGE,
      );
      const step = error.section.steps[0]!;
      expect(step.percent).toBe(10);
      expect(step.errorTest).toMatchObject({ decidedBy: 'test', production: { errors: 0 } });
      expect(step.errorTest!.pValue).toBeLessThanOrEqual(0.001);
      expect(step.reason).toContain('the candidate fails more often than production (one-sided Fisher p =');
      expect(stage.label()).toBe('twin v1');
    });

    it('a single stray error in a large sample does not fail the step', async () => {
      stage = fakeStage(apigw);
      const outcome = await shiftToCandidate(
        testContext(),
        deps({ answers: { [LMI1]: (n) => (n === 100 ? { ok: false, status: 500 } : {}) } }),
        LARGE,
      );
      const first = outcome.section.steps[0]!;
      expect(first.candidate.errors).toBe(1);
      expect(first.passed).toBe(true);
      expect(first.errorTest).toMatchObject({ decidedBy: 'test', candidate: { errors: 1, count: 400 } });
      expect(first.errorTest!.pValue).toBeGreaterThan(0.01);
      expect(stage.label()).toBe('LMI v1');
    });

    it('the same single error in a small sample is judged strictly and fails, as the report says', async () => {
      stage = fakeStage(apigw);
      const error = await failedShift(
        deps({ answers: { [LMI1]: (n) => (n === 2 ? { ok: false, status: 500 } : {}) } }),
      );
      const step = error.section.steps[0]!;
      expect(step.errorTest).toMatchObject({ decidedBy: 'strict', candidate: { errors: 1, count: 10 } });
      expect(step.reason).toContain('10 answers are below the minimum sample of 149 for the test');
    });
  });

  it('a failed answer that names no version counts against the candidate', async () => {
    stage = fakeStage(apigw);
    // Probes 3 and 4 get a gateway error without a version: charged to the candidate, judged strictly.
    const error = await failedShift(
      deps({
        answers: {
          [TWIN1]: (n) => (n === 3 || n === 4 ? { ok: false, status: 502, functionVersion: undefined } : {}),
        },
      }),
    );
    const step = error.section.steps[0]!;
    expect(step.errorTest).toMatchObject({
      candidate: { errors: 2 },
      production: { errors: 0 },
      decidedBy: 'strict',
    });
    expect(step.reason).toContain(
      '2 failed probes named no version and counted against the candidate (502 ×2)',
    );
    expect(stage.label()).toBe('twin v1');
  });

  it('an answer from a third version is a misroute and fails the step at once', async () => {
    stage = fakeStage(apigw, { live: LMI1 });
    // Probe 5 is answered, successfully, by LMI v3: neither production (v1) nor the candidate (v2).
    const error = await failedShift(
      deps({ serve: (n) => (n === 5 ? `${LMI_FN}:3` : undefined) }, { candidate: lmi(2) }),
    );
    const step = error.section.steps[0]!;
    expect(step.probes).toBe(6);
    expect(step.reason).toContain(
      '1 probe reached a version that is neither the candidate nor production (answered by version 3)',
    );
    expect(stage.label()).toBe('LMI v1');
  });

  it('an alarm in ALARM fails the step, polled during the bake: the step stops at once', async () => {
    stage = fakeStage(apigw);
    let checks = 0;
    // The alarm fires once the 50 % canary is on the stage.
    const error = await failedShift(
      deps(
        {},
        {
          alarmCheck: async () => {
            checks++;
            return stage.label().startsWith('canary:50') ? ['webhook-5xx'] : [];
          },
        },
      ),
      { ...OPTIONS, alarmNames: ['webhook-5xx'] },
    );
    expect(error.section.steps.map((s) => s.passed)).toEqual([true, false]);
    // Step 1 polled all through its 20 s bake (every 3.3 s) and checked once more at its end.
    expect(checks).toBeGreaterThan(3);
    expect(error.section.steps[1]!.reason).toContain('the bake stopped early');
    expect(error.section.steps[1]!.bakeSeconds).toBeLessThan(20);
    expect(error.section.steps[1]!.gates.at(-1)).toEqual({
      name: 'alarms',
      limit: 'none of webhook-5xx in ALARM',
      actual: 'webhook-5xx',
      passed: false,
    });
    expect(stage.label()).toBe('twin v1');
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
    expect(error.message).toContain('at canary:10 (twin v1 → LMI v1): error: not authorized');
    expect(stage.label()).toBe('twin v1');
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
    expect(stage.label()).toBe('twin v1');
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
    expect(stage.label()).toBe('twin v1');
  });

  it('when the rollback itself fails: ROLLBACK_FAILED with the stage state and the manual command', async () => {
    stage = fakeStage(apigw);
    // The canary step's UpdateStage works; the rollback's is refused.
    stage.failUpdates((n) =>
      n >= 1
        ? awsError('AccessDeniedException', 'User is not authorized to perform: apigateway:PATCH', 403)
        : undefined,
    );
    const error = await failedShift(deps({ answers: { [LMI1]: () => ({ ok: false, status: 502 }) } }));
    expect(error.code).toBe('ROLLBACK_FAILED');
    expect(stage.label()).toBe('canary:10 (twin v1 → LMI v1)');
    expect(error.section.rolledBack).toBe(false);
    expect(error.finalRoute).toEqual({ kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) });
    const failure = error.section.rollback?.failure;
    expect(failure?.manualFix).toBe(
      `aws apigateway update-stage --rest-api-id ${stage.ref.restApiId} --stage-name prod --region us-east-1 ` +
        `--patch-operations op=replace,path=/variables/liveFunction,value=${TWIN1} op=remove,path=/canarySettings`,
    );
    expect(failure?.stageState).toContain(
      `canary 10 % on deployment ${stage.record().deploymentId} with liveFunction=${LMI1}`,
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
    expect(outputsOf(error)).toEqual({
      route: 'canary:10',
      'cutover-result': 'rollback-failed',
      'rolled-back': 'false',
    });
  });

  it('refuses an unknown route without changing anything', async () => {
    stage = fakeStage(apigw, { live: 'manual-fix:live' });
    await expect(shiftToCandidate(ctx, deps(), OPTIONS)).rejects.toMatchObject({ code: 'ROUTE_UNKNOWN' });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('validates its settings before touching the stage', async () => {
    stage = fakeStage(apigw);
    await expect(shiftToCandidate(ctx, deps(), { ...OPTIONS, steps: [10, 50] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('the last step must be 100'),
    });
    await expect(shiftToCandidate(ctx, deps(), { ...OPTIONS, alarmNames: ['x'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('no CloudWatch alarm check'),
    });
    await expect(
      shiftToCandidate(ctx, deps(), { ...OPTIONS, probeRate: 1, bakeSeconds: 30 }),
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
