// The cutover end to end: the real pipeline against the emulator running the workload, real
// HTTP through the stage URL. One stack, in order: `full` shifts standard twin v1 → LMI v1
// (10 → 50 → 100) and records the way back; two redeploys without a code change leave
// production, the candidate and every permission exactly as they were; a redeploy with a change
// keeps production on LMI v1 (LiveFunction read from the stage); `rollback` returns to the
// previous production version, twin v1 (and then is a no-op); a cutover whose LMI version fails
// behind the canary is rolled back to twin v1 and fails; a canary left by hand stops a deploy,
// and `full` undoes it first, then shifts again; a new LMI version that fails verification
// leaves production where it was; `status` shows it all. Bakes are 3 s at 20 probes/s, so each
// step judges about 60 answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { runCli } from '../../src/cli/program.js';
import { setRouteOutputs } from '../../src/github/outputs.js';
import { CutoverFailedError } from '../../src/pipeline/traffic/cutover.js';
import type { CutoverState } from '../../src/pipeline/traffic/cutover-state.js';
import { readRoute, routeRefFromOutputs } from '../../src/pipeline/traffic/route.js';
import { permissionStatementId } from '../../src/pipeline/traffic/routable.js';
import { routeLabel, type Route } from '../../src/core/domain.js';
import {
  expectSucceeded,
  progressText,
  REPO_ROOT,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
  type E2eRunOptions,
} from './harness.js';
import {
  answeredBy,
  apiGatewayStatements,
  canaryByHand,
  getStage,
  lmiVersion,
  pinned,
  twinVersion,
  versionPolicy,
} from './stage.js';
import { LEAKY_REQUEST_ID, workloadVariant } from '../fixtures/e2e/workload-variant.js';
import { recordingProgress } from '../unit/support.js';
import { createPipelineContext } from '../../src/pipeline/run.js';

const STACK = 'cutover-e2e';
// A fixed, generous p95 limit: `auto` compares the LMI burst with production's warm latency,
// which contention on two cores alone can breach; the last release below checks `auto` itself.
const INPUTS = { 'load-requests': '36', 'bake-seconds': '3', 'probe-rate': '20', 'max-p95-ms': '60000' };
const parameters = { PerExecutionEnvironmentMaxConcurrency: '4' };

let cloud: E2eCloud;
let outputs: Readonly<Record<string, string>>;

beforeAll(async () => {
  cloud = await startE2eCloud();
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

/** One run of the pipeline with this file's stack and sizes; the saved route states collected. */
async function run(mode: string, extra: Partial<E2eRunOptions> & { inputs?: Record<string, string> } = {}) {
  const states: CutoverState[] = [];
  const r = await cloud.run({
    mode,
    stackName: STACK,
    parameters,
    ...extra,
    inputs: { ...INPUTS, ...extra.inputs },
    pipeline: { onRouteState: (s) => void states.push(s), ...extra.pipeline },
  });
  const routeOutputs: Record<string, string> = {};
  setRouteOutputs(
    r.config.mode,
    r.result ? { result: r.result } : { error: r.error },
    r.report,
    (name, value) => (routeOutputs[name] = value),
  );
  return { ...r, states, routeOutputs };
}

/** The stage's route as the pipeline reads it now. */
async function liveRoute(): Promise<Route> {
  const ctx = createPipelineContext({
    config: cloud.config({ stackName: STACK }),
    progress: recordingProgress(),
  });
  try {
    return (await readRoute(ctx, routeRefFromOutputs(outputs, STACK))).route;
  } finally {
    ctx.aws.destroy();
  }
}

async function stackParameter(name: string): Promise<string | undefined> {
  const cfn = new CloudFormationClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    return Stacks?.[0]?.Parameters?.find((p) => p.ParameterKey === name)?.ParameterValue;
  } finally {
    cfn.destroy();
  }
}

const lmi = (n: number) => lmiVersion(outputs, n);
const twin = (n: number) => twinVersion(outputs, n);
const servedBy = (n: number) => answeredBy(cloud, outputs.ApiUrl!, n);
const labels = (routes: readonly Route[]) =>
  routes.map(routeLabel).filter((l, i, all) => i === 0 || l !== all[i - 1]);
const changes = (r: E2eRun) =>
  (r.report.cutover?.routeChanges ?? []).map((c) => `${routeLabel(c.from)}→${routeLabel(c.to)}`);

describe('cutover on the emulator', () => {
  it('full: deploys, verifies, shifts twin v1 → LMI v1 10 → 50 → 100 with the observed split at each step', async () => {
    const r = await run('full');
    expectSucceeded(r);
    outputs = stackOutputs(r);
    const { report } = r;
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'passed'],
      ['provision', 'passed'],
      ['smoke', 'passed'],
      ['load', 'passed'],
      ['cutover', 'passed'],
      ['cleanup', 'no-op'],
    ]);
    expect(report.route).toEqual({
      before: { kind: 'standard', target: twin(1) },
      after: { kind: 'lmi', target: lmi(1) },
    });
    const steps = report.cutover!.steps;
    expect(steps.map((s) => s.percent)).toEqual([10, 50, 100]);
    for (const s of steps) {
      expect(s.passed).toBe(true);
      expect(s.probes).toBeGreaterThanOrEqual(50);
      // The split each step saw, within the tolerance the report states.
      expect(Math.abs(s.observedCandidatePercent - s.percent)).toBeLessThanOrEqual(s.tolerancePercent);
      expect(s.candidate.count + s.production.count).toBe(s.probes);
      expect(s.candidate.errors + s.production.errors).toBe(0);
    }
    expect(steps[2]!.production.count).toBe(0);
    expect(changes(r)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    expect(report.cutover).toMatchObject({ promoted: true, rolledBack: false });
    // The post step's state followed every change: the intent saved before each UpdateStage,
    // the route read back after it.
    expect(labels(r.states.map((s) => s.intendedRoute))).toEqual([
      'canary:10',
      'canary:50',
      'canary:100',
      'lmi',
    ]);
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual([
      'standard',
      'canary:10',
      'canary:50',
      'canary:100',
      'lmi',
    ]);
    expect(r.states.at(-1)).toMatchObject({
      production: twin(1),
      candidate: lmi(1),
      currentRoute: { kind: 'lmi', target: lmi(1) },
      stageUrl: outputs.ApiUrl,
    });
    expect(r.routeOutputs).toEqual({
      route: 'lmi',
      'production-version': pinned(lmi(1)),
      'cutover-result': 'promoted',
      'rolled-back': 'false',
    });
    expect(r.reportProblems).toEqual([]);
    expect(await liveRoute()).toEqual({ kind: 'lmi', target: lmi(1) });
    // The way back: the version production left, and the twin verified in this run.
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: pinned(lmi(1)),
      rollbackFunction: pinned(twin(1)),
      fallbackFunction: pinned(twin(1)),
    });
    // LMI v1 got the action's own invoke permission before the first canary step.
    expect(await apiGatewayStatements(cloud, lmi(1))).toEqual([
      permissionStatementId({ restApiId: outputs.RestApiId!, stage: 'prod' }),
    ]);
    expect(await servedBy(5)).toEqual({ '201 lmi v1': 5 });
    console.log(
      `full run: ${steps.map((s) => `${s.percent} % → observed ${s.observedCandidatePercent} % ±${s.tolerancePercent} of ${s.probes}`).join('; ')}`,
    );
  }, 120_000);

  it('a redeploy without a code change, twice, leaves production, the candidate and the permissions untouched', async () => {
    const stageBefore = await getStage(cloud, outputs);
    const versions = [lmi(1), twin(1)];
    const policiesBefore = await Promise.all(versions.map((v) => versionPolicy(cloud, v)));
    expect(policiesBefore.every((p) => p !== undefined)).toBe(true);
    for (const attempt of [1, 2]) {
      const r = await run('deploy');
      expectSucceeded(r);
      const o = stackOutputs(r);
      // The candidate stays the version the cutover promoted: no new version was published.
      expect({ attempt, lmi: o.LmiVersion, twin: o.StandardVersion }).toEqual({
        attempt,
        lmi: '1',
        twin: '1',
      });
      expect(r.report.route).toEqual({
        before: { kind: 'lmi', target: lmi(1) },
        after: { kind: 'lmi', target: lmi(1) },
      });
      expect(r.routeOutputs).toEqual({ route: 'lmi', 'production-version': pinned(lmi(1)) });
      expect(r.progress.lines).toContain(
        `Route of stage prod: lmi (LMI v1); deploying with LiveFunction=${pinned(lmi(1))}, ` +
          `RollbackFunction=${pinned(twin(1))}, FallbackFunction=${pinned(twin(1))} so the deploy keeps it.`,
      );
      // Production exactly as it was: variables, deployment, no canary.
      expect(await getStage(cloud, outputs)).toEqual(stageBefore);
      expect(stageBefore.canary).toBeUndefined();
      // Not one permission added or removed, on the production version or the twin's.
      expect(await Promise.all(versions.map((v) => versionPolicy(cloud, v)))).toEqual(policiesBefore);
      // No route change was made or saved for the post step.
      expect(r.states).toEqual([]);
      expect(r.calls.filter((c) => c.service === 'apigateway' && c.operation === 'UpdateStage')).toEqual([]);
      expect(
        r.calls.filter(
          (c) => c.service === 'lambda' && /^(AddPermission|RemovePermission)$/.test(c.operation),
        ),
      ).toEqual([]);
    }
    // The stack now records what the stage holds, so CloudFormation's view matches production.
    expect(await stackParameter('LiveFunction')).toBe(pinned(lmi(1)));
    expect(await servedBy(3)).toEqual({ '201 lmi v1': 3 });
  }, 120_000);

  it('a redeploy with a change keeps production on LMI v1: LiveFunction comes from the stage', async () => {
    // A real change (the twin's memory): CloudFormation updates the stack (no new version: SAM's
    // version hash follows the code); the stage's variables stay as they are only because
    // LiveFunction and the way back are passed back.
    const r = await run('deploy', { parameters: { ...parameters, StandardMemorySize: '640' } });
    expectSucceeded(r);
    expect(r.report.deploy!.changes.length).toBeGreaterThan(0);
    expect(stackOutputs(r)).toMatchObject({ LmiVersion: '1', StandardVersion: '1' });
    expect(await stackParameter('LiveFunction')).toBe(pinned(lmi(1)));
    expect(r.report.route).toEqual({
      before: { kind: 'lmi', target: lmi(1) },
      after: { kind: 'lmi', target: lmi(1) },
    });
    expect(r.routeOutputs).toEqual({ route: 'lmi', 'production-version': pinned(lmi(1)) });
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: pinned(lmi(1)),
      rollbackFunction: pinned(twin(1)),
      fallbackFunction: pinned(twin(1)),
    });
    // The rollback target keeps its permission through the update.
    expect(await apiGatewayStatements(cloud, twin(1))).not.toEqual([]);
    expect(await servedBy(5)).toEqual({ '201 lmi v1': 5 });
  }, 60_000);

  it('rollback from LMI v1 returns all traffic to the previous production version, twin v1; then it is a no-op', async () => {
    const r = await run('rollback');
    expectSucceeded(r);
    expect(r.result).toMatchObject({
      mode: 'rollback',
      rollback: { type: 'rolled-back', route: { kind: 'standard', target: twin(1) } },
    });
    expect(r.report.cutover!.rollback).toMatchObject({
      verified: true,
      finalRoute: { kind: 'standard', target: twin(1) },
    });
    expect(r.report.route).toEqual({
      before: { kind: 'lmi', target: lmi(1) },
      after: { kind: 'standard', target: twin(1) },
    });
    expect(changes(r)).toEqual(['lmi→standard']);
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual(['lmi', 'standard']);
    expect(r.states.at(-1)?.currentRoute).toEqual({ kind: 'standard', target: twin(1) });
    expect(r.routeOutputs).toEqual({
      route: 'standard',
      'production-version': pinned(twin(1)),
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
    // The rollback target is used up; the fallback stays.
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: pinned(twin(1)),
      fallbackFunction: pinned(twin(1)),
    });
    expect(await liveRoute()).toEqual({ kind: 'standard', target: twin(1) });
    expect(await servedBy(5)).toEqual({ '201 standard v1': 5 });

    const again = await run('rollback');
    expectSucceeded(again);
    expect(again.report.run.outcome).toBe('no-op');
    expect(again.routeOutputs).toEqual({
      route: 'standard',
      'production-version': pinned(twin(1)),
      'cutover-result': 'no-op',
      'rolled-back': 'false',
    });
    expect(again.states).toEqual([]);
  }, 60_000);

  it('an LMI version that fails behind the canary is rolled back to twin v1 and the run fails', async () => {
    const functionName = outputs.LmiFunctionName!;
    let injected = false;
    const r = await run('cutover', {
      // Healthy for the re-verification; failing once traffic moves to it.
      onGroup: (name) => {
        if (name.startsWith('Cutover:')) {
          cloud.emulator.faults.invocations({ functionName, version: outputs.LmiVersion, errorRate: 1 });
          injected = true;
        }
      },
    });
    cloud.emulator.faults.invocations({ functionName, version: outputs.LmiVersion });
    expect(injected).toBe(true);
    expect(r.error).toBeInstanceOf(CutoverFailedError);
    expect(r.error!.code).toBe('CUTOVER_STEP_FAILED');
    expect(r.error!.message).toMatch(
      /^The release was rolled back to twin v1 at canary:10 \(twin v1 → LMI v1\): canary 10 % failed: /,
    );
    const { report } = r;
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['provision', 'passed'],
      ['smoke', 'passed'],
      ['load', 'passed'],
      ['cutover', 'failed'],
    ]);
    const [step] = report.cutover!.steps;
    expect(report.cutover!.steps).toHaveLength(1);
    expect(step).toMatchObject({ percent: 10, passed: false });
    // The failing version answers 502 from API Gateway, which names no version: charged to the
    // candidate, and the step stops as soon as the error test crosses its early-stop boundary.
    expect(step!.reason).toMatch(/failed probes? named no version and counted against the candidate \(502/);
    expect(step!.reason).toMatch(/the bake stopped early/);
    expect(report.cutover).toMatchObject({ promoted: false, rolledBack: true, rollback: { verified: true } });
    expect(changes(r)).toEqual(['standard→canary:10', 'canary:10→standard']);
    expect(report.route).toEqual({
      before: { kind: 'standard', target: twin(1) },
      after: { kind: 'standard', target: twin(1) },
    });
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual(['standard', 'canary:10', 'standard']);
    expect(r.routeOutputs).toEqual({
      route: 'standard',
      'production-version': pinned(twin(1)),
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
    // The way back the run found is restored as it was: no rollback target, the same fallback.
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: pinned(twin(1)),
      fallbackFunction: pinned(twin(1)),
    });
    expect(await liveRoute()).toEqual({ kind: 'standard', target: twin(1) });
  }, 90_000);

  it('a canary left mid-release stops a deploy; full undoes it first (resume: rollback), then shifts again', async () => {
    await canaryByHand(cloud, outputs, 10, pinned(lmi(1)));
    expect(await liveRoute()).toEqual({ kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) });

    const refused = await run('deploy');
    expect(refused.error?.code).toBe('ROUTE_MID_CANARY');
    expect(refused.error?.message).toContain(
      'in the middle of a release (canary:10 (twin v1 → LMI v1): 10 % of production on the candidate). Mode deploy never moves traffic',
    );
    expect(refused.report.timeline).toEqual([
      expect.objectContaining({ stage: 'deploy', outcome: 'skipped' }),
    ]);
    const carryOn = await run('full', { inputs: { resume: 'continue' } });
    expect(carryOn.error?.code).toBe('ROUTE_MID_CANARY');
    expect(carryOn.error?.message).toContain('resume: continue applies to mode cutover only');
    expect(routeLabel(await liveRoute())).toBe('canary:10');

    const r = await run('full');
    expectSucceeded(r);
    expect(changes(r)).toEqual([
      'canary:10→standard',
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    expect(r.report.cutover!.routeChanges[0]!.why).toMatch(
      /^rollback: resume: rollback: the stage was left at canary:10/,
    );
    expect(r.report.route).toMatchObject({
      before: { kind: 'canary', percent: 10 },
      after: { kind: 'lmi', target: lmi(1) },
    });
    // The leftover canary is saved before anything changes, so a run that died here would
    // still have the post step undo it.
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual([
      'canary:10',
      'standard',
      'canary:10',
      'canary:50',
      'canary:100',
      'lmi',
    ]);
    expect(r.routeOutputs).toEqual({
      route: 'lmi',
      'production-version': pinned(lmi(1)),
      'cutover-result': 'promoted',
      'rolled-back': 'false',
    });
    expect(await liveRoute()).toEqual({ kind: 'lmi', target: lmi(1) });
  }, 120_000);

  it('full on LMI v1: a new LMI version that fails verification never reaches production, which stays on LMI v1', async () => {
    // This one keeps the request id in module scope: only concurrent requests show it.
    const leaky = await workloadVariant(LEAKY_REQUEST_ID);
    try {
      const stageBefore = await getStage(cloud, outputs);
      const r = await run('full', { template: leaky.path, inputs: { 'max-p95-ms': 'auto' } });
      expect(r.error?.code).toBe('ISOLATION_FAILED');
      // max-p95-ms auto with production on LMI v1: v1 and the candidate each got a light sample
      // (one request in flight per minimum environment), never the check's burst at production.
      const baseline = r.report.load?.p95Baseline;
      expect(baseline).toMatchObject({
        side: 'lmi',
        qualifier: '1',
        basis: 'production',
        sample: { concurrency: 3, requests: 30 },
        coldStartsExcluded: 0,
      });
      expect(baseline!.warm.count).toBe(30);
      expect(baseline!.candidateWarm?.count).toBe(30);
      expect(r.report.load!.gates.find((g) => g.name === 'max-p95-ms')).toMatchObject({
        limit: baseline!.limitMs,
        actual: baseline!.candidateWarm!.p95,
      });
      expect(progressText(r)).toContain('30 signed webhooks, 3 in flight (production, for max-p95-ms auto)');
      expect(r.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
        ['deploy', 'passed'],
        ['provision', 'passed'],
        ['smoke', 'passed'],
        ['load', 'failed'],
        ['cutover', 'skipped'],
      ]);
      expect(r.report.deploy!.outputs.LmiVersion).not.toBe(outputs.LmiVersion);
      expect(progressText(r)).toContain(
        'The candidate did not pass verification; production stays on lmi (LMI v1), which the deploy did not change.',
      );
      expect(changes(r)).toEqual([]);
      expect(r.report.route).toEqual({
        before: { kind: 'lmi', target: lmi(1) },
        after: { kind: 'lmi', target: lmi(1) },
      });
      expect(r.routeOutputs).toMatchObject({ route: 'lmi', 'rolled-back': 'false' });
      expect(r.states).toEqual([]);
      expect(await getStage(cloud, outputs)).toEqual(stageBefore);
      expect(await servedBy(3)).toEqual({ '201 lmi v1': 3 });
    } finally {
      await leaky.remove();
    }
  }, 120_000);

  it('status prints the route, the stage values and each version with its role, traffic and state', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      [
        'status',
        '--stack-name',
        STACK,
        '--region',
        cloud.emulator.region,
        '--endpoint-url',
        cloud.emulator.endpoint,
      ],
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: process.env, cwd: REPO_ROOT },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route  lmi (LMI v1)');
    expect(stdout).toContain(`liveFunction=${pinned(lmi(1))}`);
    expect(stdout).toMatch(/^production +LMI +1 +100 % +\S+ +Active$/m);
    expect(stdout).toMatch(/^rollback target +standard twin +1 +0 % +- +Active$/m);
    expect(stdout).toMatch(/^fallback +standard twin +1 +0 % +- +Active$/m);
    // The candidate that failed verification is still deployed (the LmiVersion output), with no traffic.
    expect(stdout).toMatch(/^candidate +LMI +2 +0 % +\S+ +Active$/m);
    expect(stdout).toMatch(/^LMI versions published: 2 \(newest first: 2, 1\)$/m);
    console.log(stdout);
  });
});
