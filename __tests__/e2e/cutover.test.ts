// The cutover end to end: the real pipeline against the emulator running the workload, real
// HTTP through the stage URL. One stack, in order: `full` shifts 10 → 50 → 100 and ends lmi; a
// redeploy keeps lmi (LiveTarget read from the stage); `rollback` returns to standard (and again
// is a no-op); a cutover whose LMI version fails behind the canary is rolled back and fails; a
// canary left by hand stops a deploy, and `full` undoes it first, then shifts again; `status`
// shows it all. Bakes are 3 s at 20 probes/s, so each step judges about 60 answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { runCli } from '../../src/cli/program.js';
import { setRouteOutputs } from '../../src/github/outputs.js';
import { CutoverFailedError } from '../../src/pipeline/traffic/cutover.js';
import type { CutoverState } from '../../src/pipeline/traffic/cutover-state.js';
import { readRoute, routeRefFromOutputs } from '../../src/pipeline/traffic/route.js';
import { answerIds } from '../../src/pipeline/webhook/answer.js';
import { routeLabel, type Route } from '../../src/core/domain.js';
import {
  expectSucceeded,
  REPO_ROOT,
  signedPostToStage,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
  type E2eRunOptions,
} from './harness.js';
import { LEAKY_REQUEST_ID, workloadVariant } from '../fixtures/e2e/workload-variant.js';
import { recordingProgress } from '../unit/support.js';
import { createPipelineContext } from '../../src/pipeline/run.js';

const STACK = 'cutover-e2e';
const INPUTS = { 'load-requests': '36', 'bake-seconds': '3', 'probe-rate': '20' };
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

/** The stage's route as API Gateway holds it now. */
async function liveRoute(): Promise<string> {
  const ctx = createPipelineContext({
    config: cloud.config({ stackName: STACK }),
    progress: recordingProgress(),
  });
  try {
    return routeLabel((await readRoute(ctx, routeRefFromOutputs(outputs, STACK))).route);
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

/** Which compute type answers n signed webhooks sent through the stage URL, by count. */
async function servedBy(n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const outcome = await signedPostToStage(cloud, outputs.ApiUrl!);
    const key =
      outcome.kind === 'answered'
        ? `${outcome.answer.statusCode} ${answerIds(outcome.answer).computeType ?? '?'}`
        : outcome.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const labels = (routes: readonly Route[]) => routes.map(routeLabel);
const changes = (r: E2eRun) =>
  (r.report.cutover?.routeChanges ?? []).map((c) => `${routeLabel(c.from)}→${routeLabel(c.to)}`);

describe('cutover on the emulator', () => {
  it('full: deploys, verifies, shifts 10 → 50 → 100 with the observed split at each step, ends lmi', async () => {
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
    expect(report.route).toEqual({ before: { kind: 'standard' }, after: { kind: 'lmi' } });
    const steps = report.cutover!.steps;
    expect(steps.map((s) => s.percent)).toEqual([10, 50, 100]);
    for (const s of steps) {
      expect(s.passed).toBe(true);
      expect(s.probes).toBeGreaterThanOrEqual(50);
      // The split each step saw, within the tolerance the report states.
      expect(Math.abs(s.observedLmiPercent - s.percent)).toBeLessThanOrEqual(s.tolerancePercent);
      expect(s.lmi.count + s.standard.count).toBe(s.probes);
      expect(s.lmi.errors + s.standard.errors).toBe(0);
    }
    expect(steps[2]!.standard.count).toBe(0);
    expect(changes(r)).toEqual([
      'standard→canary:10',
      'canary:10→canary:50',
      'canary:50→canary:100',
      'canary:100→lmi',
    ]);
    expect(report.cutover).toMatchObject({ promoted: true, rolledBack: false });
    // The post step's state followed every change; the last one is consistent.
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual([
      'canary:10',
      'canary:50',
      'canary:100',
      'lmi',
    ]);
    expect(r.states.at(-1)).toMatchObject({ lastConsistentRoute: { kind: 'lmi' }, stageUrl: outputs.ApiUrl });
    expect(r.routeOutputs).toEqual({ route: 'lmi', 'cutover-result': 'promoted', 'rolled-back': 'false' });
    expect(r.reportProblems).toEqual([]);
    expect(await liveRoute()).toBe('lmi');
    expect(await servedBy(5)).toEqual({ '201 lambda-managed-instances': 5 });
    console.log(
      `full run: ${steps.map((s) => `${s.percent} % → observed ${s.observedLmiPercent} % ±${s.tolerancePercent} of ${s.probes}`).join('; ')}`,
    );
  }, 120_000);

  it('a redeploy after the cutover keeps lmi: LiveTarget comes from the stage', async () => {
    // A real change (the twin's memory), so CloudFormation updates the stack; the stage's
    // variables stay as they are only because LiveTarget=lmi is passed back. The stack itself
    // still says standard (the template's default, from its first deploy).
    expect(await stackParameter('LiveTarget')).toBe('standard');
    const r = await run('deploy', { parameters: { ...parameters, StandardMemorySize: '640' } });
    expectSucceeded(r);
    expect(r.report.deploy!.changes.length).toBeGreaterThan(0);
    // The stack now records LiveTarget=lmi: CloudFormation's view of the stage matches the stage,
    // so this and every later deploy leaves the route where the cutover put it.
    expect(await stackParameter('LiveTarget')).toBe('lmi');
    expect(r.progress.lines).toContain(
      'Route of stage prod: lmi; deploying with LiveTarget=lmi so the deploy keeps it.',
    );
    expect(r.report.route).toEqual({ before: { kind: 'lmi' }, after: { kind: 'lmi' } });
    expect(r.routeOutputs).toEqual({ route: 'lmi' });
    expect(await liveRoute()).toBe('lmi');
    expect(await servedBy(5)).toEqual({ '201 lambda-managed-instances': 5 });
  }, 60_000);

  it('rollback from lmi returns all traffic to standard, verified by probes; from standard it is a no-op', async () => {
    const r = await run('rollback');
    expectSucceeded(r);
    expect(r.result).toMatchObject({
      mode: 'rollback',
      rollback: { type: 'rolled-back', route: { kind: 'standard' } },
    });
    expect(r.report.cutover!.rollback).toMatchObject({ verified: true, finalRoute: { kind: 'standard' } });
    expect(r.report.route).toEqual({ before: { kind: 'lmi' }, after: { kind: 'standard' } });
    expect(changes(r)).toEqual(['lmi→standard']);
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual(['standard']);
    expect(r.routeOutputs).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
    expect(await liveRoute()).toBe('standard');
    expect(await servedBy(5)).toEqual({ '201 lambda-standard': 5 });

    const again = await run('rollback');
    expectSucceeded(again);
    expect(again.report.run.outcome).toBe('no-op');
    expect(again.routeOutputs).toEqual({
      route: 'standard',
      'cutover-result': 'no-op',
      'rolled-back': 'false',
    });
    expect(again.states).toEqual([]);
  }, 60_000);

  it('an LMI version that fails behind the canary is rolled back to standard and the run fails', async () => {
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
      /^The cutover was rolled back to the standard twin at canary:10: canary 10 % failed: /,
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
    expect(step!.reason).toMatch(/not served by the LMI alias failed \(502/);
    expect(report.cutover).toMatchObject({ promoted: false, rolledBack: true, rollback: { verified: true } });
    expect(changes(r)).toEqual(['standard→canary:10', 'canary:10→standard']);
    expect(report.route).toEqual({ before: { kind: 'standard' }, after: { kind: 'standard' } });
    expect(labels(r.states.map((s) => s.currentRoute))).toEqual(['canary:10', 'standard']);
    expect(r.routeOutputs).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
    expect(await liveRoute()).toBe('standard');
  }, 90_000);

  it('a canary left mid-cutover stops a deploy; full undoes it first (resume: rollback), then shifts again', async () => {
    const apigw = new APIGatewayClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.region,
      credentials: cloud.emulator.credentials,
    });
    try {
      await apigw.send(
        new UpdateStageCommand({
          restApiId: outputs.RestApiId,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
            {
              op: 'replace',
              path: '/canarySettings/stageVariableOverrides/liveFunction',
              value: `${outputs.LmiFunctionName}:live`,
            },
          ],
        }),
      );
    } finally {
      apigw.destroy();
    }
    expect(await liveRoute()).toBe('canary:10');

    const refused = await run('deploy');
    expect(refused.error?.code).toBe('ROUTE_MID_CANARY');
    expect(refused.error?.message).toMatch(
      /canary:10: 10 % of production on the LMI alias\). Mode deploy never moves traffic/,
    );
    expect(refused.report.timeline).toEqual([
      expect.objectContaining({ stage: 'deploy', outcome: 'skipped' }),
    ]);
    const carryOn = await run('full', { inputs: { resume: 'continue' } });
    expect(carryOn.error?.code).toBe('ROUTE_MID_CANARY');
    expect(carryOn.error?.message).toContain('resume: continue applies to mode cutover only');
    expect(await liveRoute()).toBe('canary:10');

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
    expect(r.report.route).toEqual({ before: { kind: 'canary', percent: 10 }, after: { kind: 'lmi' } });
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
    expect(r.routeOutputs).toEqual({ route: 'lmi', 'cutover-result': 'promoted', 'rolled-back': 'false' });
    expect(await liveRoute()).toBe('lmi');
  }, 120_000);

  it('full on lmi: a new LMI version that went live with the deploy and fails verification is moved off, to the twin', async () => {
    // The deploy's AutoPublishAlias puts the new LMI version live at once, since production is
    // on lmi. This one keeps the request id in module scope: only concurrent requests show it.
    const leaky = await workloadVariant(LEAKY_REQUEST_ID);
    try {
      const r = await run('full', { template: leaky.path });
      expect(r.error?.code).toBe('ISOLATION_FAILED');
      expect(r.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
        ['deploy', 'passed'],
        ['provision', 'passed'],
        ['smoke', 'passed'],
        ['load', 'failed'],
        ['cutover', 'skipped'],
        ['rollback', 'passed'],
      ]);
      expect(r.report.deploy!.outputs.LmiVersion).not.toBe(outputs.LmiVersion);
      expect(r.progress.warnings.join('\n')).toMatch(
        /Production was on lmi, so the deploy put LMI version \d+ live before it was verified, and its verification failed \(ISOLATION_FAILED\)/,
      );
      expect(changes(r)).toEqual(['lmi→standard']);
      expect(r.report.cutover).toMatchObject({
        rolledBack: true,
        promoted: false,
        rollback: { verified: true },
      });
      expect(r.report.route).toEqual({ before: { kind: 'lmi' }, after: { kind: 'standard' } });
      expect(r.routeOutputs).toEqual({
        route: 'standard',
        'cutover-result': 'failed',
        'rolled-back': 'true',
      });
      expect(await liveRoute()).toBe('standard');
      expect(await servedBy(3)).toEqual({ '201 lambda-standard': 3 });
    } finally {
      await leaky.remove();
    }
  }, 120_000);

  it('status prints the route and the version and state behind each alias', async () => {
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
    expect(stdout).toContain('route  standard');
    expect(stdout).toMatch(new RegExp(`^LMI +${outputs.LmiFunctionName}:live +\\d+ +0 % +Active$`, 'm'));
    expect(stdout).toMatch(
      new RegExp(`^standard twin +${outputs.StandardFunctionName}:live +\\d+ +100 % +Active$`, 'm'),
    );
    expect(stdout).toMatch(/^LMI versions published: 2 \(newest first: 2, 1\)$/m);
    console.log(stdout);
  });
});
