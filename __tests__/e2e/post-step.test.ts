// Interruptions mid-bake, with real processes against one emulator this test starts and hands
// to them through endpoint-url: the Action's main step (src/index.ts, as dist/index.js runs it)
// killed with SIGKILL mid-bake leaves the stage at canary:10, and the post step, given the
// state the main step saved through core.saveState (the runner's GITHUB_STATE file), returns
// production to the version the run started from (twin v1) and proves it with probes. SIGTERM
// to the main step and Ctrl-C (SIGINT) to the CLI roll back before the process exits, and the
// post step then finds nothing pending. A canary someone else set by hand (to another LMI
// version) is not the post step's to undo: it reports it and leaves the stage untouched.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runPost } from '../../src/github/post.js';
import { CUTOVER_STATE_KEY, parseCutoverState } from '../../src/pipeline/traffic/cutover-state.js';
import { readRoute, routeRefFromOutputs } from '../../src/pipeline/traffic/route.js';
import { createPipelineContext } from '../../src/pipeline/run.js';
import { type Report } from '../../src/report/model.js';
import { routeLabel } from '../../src/core/domain.js';
import { recordingProgress } from '../unit/support.js';
import { expectSucceeded, REPO_ROOT, stackOutputs, startE2eCloud, type E2eCloud } from './harness.js';
import {
  answeredBy,
  canaryByHand,
  getStage,
  lmiVersion,
  pinned,
  twinVersion,
  updateStageByHand,
} from './stage.js';
import { GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';

const STACK = 'post-step-e2e';
/** Long enough that the signal always lands mid-bake of the first step. */
const BAKE_SECONDS = '60';
const SETTINGS = {
  'bake-seconds': BAKE_SECONDS,
  'probe-rate': '10',
  concurrency: '8',
  'load-requests': '24',
  // Not a test of latency: `auto` (the default) is contention's to breach on a busy 2-core runner.
  'max-p95-ms': '60000',
};
const WAIT_MS = 90_000;

let cloud: E2eCloud;
let outputs: Readonly<Record<string, string>>;
let dir: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-post-e2e-'));
  cloud = await startE2eCloud();
  const deployed = await cloud.run({
    mode: 'deploy',
    stackName: STACK,
    parameters: { PerExecutionEnvironmentMaxConcurrency: '4' },
  });
  expectSucceeded(deployed);
  outputs = stackOutputs(deployed);
}, 60_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Child {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** node --import tsx <entry>: the TypeScript sources, as the bundles in dist/ run them. */
function start(entry: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    // The emulator's credentials are in this process's environment (the harness put them there).
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

async function until(what: string, check: () => boolean, child: Child): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline || child.process.exitCode !== null) {
      child.process.kill('SIGKILL');
      throw new Error(`${what} did not happen\nstdout:\n${child.stdout()}\nstderr:\n${child.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Action's main step with its inputs as INPUT_* variables and the runner's file commands. */
function startActionMain(name: string): { child: Child; stateFile: string } {
  const stateFile = join(dir, `${name}.state`);
  const inputs: Record<string, string> = {
    mode: 'cutover',
    'stack-name': STACK,
    region: cloud.emulator.region,
    'endpoint-url': cloud.emulator.endpoint,
    comment: 'false',
    'report-path': join(dir, `${name}.report.json`),
    ...SETTINGS,
  };
  const env = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  // The runner creates its file-command files before the step starts.
  const outputFile = join(dir, `${name}.output`);
  for (const file of [stateFile, outputFile]) writeFileSync(file, '');
  const child = start('src/index.ts', [], { ...env, GITHUB_STATE: stateFile, GITHUB_OUTPUT: outputFile });
  return { child, stateFile };
}

/** What the runner hands the post step: the last value saved under the key (`key<<delimiter`). */
function savedState(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const re = new RegExp(`^${CUTOVER_STATE_KEY}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'gm');
  let last = '';
  for (const m of text.matchAll(re)) last = m[2]!;
  return last;
}

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

const servedBy = (n: number) => answeredBy(cloud, outputs.ApiUrl!, n);
const twin = (n: number) => twinVersion(outputs, n);
const lmi = (n: number) => lmiVersion(outputs, n);
/** The state the killed main step left, reused by the foreign-canary case. */
let killedState: string | undefined;

function post(state: string) {
  const progress = recordingProgress();
  const summaries: string[] = [];
  const failures: string[] = [];
  const result = runPost({
    getState: (key) => (key === CUTOVER_STATE_KEY ? state : ''),
    inputs: { 'endpoint-url': cloud.emulator.endpoint, 'probe-rate': '10' },
    env: process.env,
    progress,
    writeSummary: async (md) => void summaries.push(md),
    setFailed: (m) => failures.push(m),
  });
  return { result, progress, summaries, failures };
}

describe('interrupted cutovers', () => {
  it('a main step killed mid-bake (SIGKILL) is repaired by the post step from its saved state', async () => {
    const { child, stateFile } = startActionMain('killed');
    await until('a saved canary state', () => /"kind":"canary"/.test(savedState(stateFile)), child);
    // Mid-bake of the first step: the stage has a canary and nothing will undo it but the post step.
    await new Promise((r) => setTimeout(r, 1000));
    child.process.kill('SIGKILL');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await liveRoute()).toBe('canary:10');
    const saved = savedState(stateFile);
    expect(parseCutoverState(saved)).toMatchObject({
      stackName: STACK,
      production: twin(1),
      candidate: lmi(1),
      currentRoute: { kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) },
      stageUrl: outputs.ApiUrl,
    });
    killedState = saved;

    const p = post(saved);
    const result = await p.result;
    expect(result).toMatchObject({
      type: 'repaired',
      from: { kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) },
      to: { kind: 'standard', target: twin(1) },
      verified: true,
    });
    expect(await liveRoute()).toBe('standard');
    expect((await getStage(cloud, outputs)).variables.liveFunction).toBe(pinned(twin(1)));
    expect(await servedBy(5)).toEqual({ '201 standard v1': 5 });
    expect(p.progress.warnings).toContainEqual(
      expect.stringMatching(
        /^lmi-cutover post step: The release was left unfinished at canary:10 \(twin v1 → LMI v1\); production returned to twin v1, verified by \d+ probe\(s\)\.$/,
      ),
    );
    expect(p.summaries).toHaveLength(1);
    expect(p.summaries[0]).toContain('cutover repaired');
    expect(p.failures).toEqual([]);
    console.log(`post step after SIGKILL: ${p.progress.warnings.at(-1)}`);

    // Run again, as a re-run of the post step would: nothing is pending now.
    const again = post(saved);
    await expect(again.result).resolves.toMatchObject({ type: 'nothing-pending' });
  }, 120_000);

  it('SIGTERM to the main step mid-bake rolls back before it exits; the post step finds nothing pending', async () => {
    const { child, stateFile } = startActionMain('terminated');
    await until('a saved canary state', () => /"kind":"canary"/.test(savedState(stateFile)), child);
    child.process.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.stdout()).toContain('Received SIGTERM: stopping the cutover and rolling back before exit.');
    expect(child.stdout()).toMatch(
      /::error::\[CUTOVER_CANCELLED\] The release was rolled back to twin v1 at canary:10 \(twin v1 → LMI v1\)/,
    );
    expect(await liveRoute()).toBe('standard');
    const saved = parseCutoverState(savedState(stateFile));
    expect(saved?.currentRoute).toEqual({ kind: 'standard', target: twin(1) });
    const report = JSON.parse(readFileSync(join(dir, 'terminated.report.json'), 'utf8')) as Report;
    expect(report.run.outcome).toBe('rolled-back');
    expect(report.cutover).toMatchObject({ rolledBack: true, promoted: false });
    const p = post(savedState(stateFile));
    await expect(p.result).resolves.toMatchObject({
      type: 'nothing-pending',
      route: { kind: 'standard', target: twin(1) },
    });
  }, 120_000);

  it('Ctrl-C (SIGINT) to the CLI mid-bake rolls back before it exits with code 1', async () => {
    const reportPath = join(dir, 'cli.report.json');
    const flags = Object.entries(SETTINGS).flatMap(([k, v]) => [`--${k}`, v]);
    const child = start(
      'src/cli.ts',
      [
        'cutover',
        '--stack-name',
        STACK,
        '--region',
        cloud.emulator.region,
        '--endpoint-url',
        cloud.emulator.endpoint,
        '--report-path',
        reportPath,
        ...flags,
      ],
      {},
    );
    await until(
      'the first canary step',
      () => /route standard \(twin v1\) → canary:10/.test(child.stdout()),
      child,
    );
    await new Promise((r) => setTimeout(r, 500));
    child.process.kill('SIGINT');
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.stderr()).toContain(
      'warning: Received SIGINT: stopping the cutover and rolling back before exit.',
    );
    expect(child.stderr()).toContain(
      'error: [CUTOVER_CANCELLED] The release was rolled back to twin v1 at canary:10 (twin v1 → LMI v1)',
    );
    expect(child.stdout()).toMatch(
      /route canary:10 \(twin v1 → LMI v1\) → standard \(twin v1\): rollback: cancelled/,
    );
    expect(await liveRoute()).toBe('standard');
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.run).toMatchObject({
      mode: 'cutover',
      outcome: 'rolled-back',
      error: { code: 'CUTOVER_CANCELLED' },
    });
    expect(report.cutover?.rollback).toMatchObject({
      verified: true,
      finalRoute: { kind: 'standard', target: twin(1) },
    });
  }, 120_000);

  it('a canary someone else set by hand (to another LMI version) is reported and left untouched', async () => {
    // The state the killed main step saved: its own canary was LMI v1 over twin v1.
    expect(killedState).toBeDefined();
    const other = await publishLmiVersion('foreign');
    expect(other).not.toBe('1');
    await waitActive(other);
    await canaryByHand(cloud, outputs, 25, pinned(lmi(Number(other))));
    expect(await liveRoute()).toBe('canary:25');
    const before = await getStage(cloud, outputs);
    const firstCall = cloud.emulator.calls.length;
    try {
      const p = post(killedState!);
      const result = await p.result;
      expect(result).toMatchObject({
        type: 'foreign-canary',
        route: { kind: 'canary', percent: 25, base: twin(1), candidate: lmi(Number(other)) },
      });
      // Not one UpdateStage: the stage is exactly as the person left it.
      const calls = cloud.emulator.calls.slice(firstCall);
      expect(calls.filter((c) => c.service === 'apigateway' && c.operation !== 'GetStage')).toEqual([]);
      expect(calls.filter((c) => c.operation === 'UpdateStage')).toEqual([]);
      expect(await getStage(cloud, outputs)).toEqual(before);
      expect(p.progress.warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^lmi-cutover post step: The stage has a canary, canary:25 \\(twin v1 → LMI v${other}\\), that this run's main step did not start \\(it meant LMI v1 over twin v1\\); left untouched\\.`,
          ),
        ),
      );
      expect(p.summaries).toHaveLength(1);
      expect(p.summaries[0]).toContain('a canary this run did not start');
      expect(p.failures).toEqual([]);
    } finally {
      // Undone by hand, as its owner would.
      await updateStageByHand(cloud, outputs, [{ op: 'remove', path: '/canarySettings' }]);
    }
    expect(await liveRoute()).toBe('standard');
  }, 60_000);
});

/** A new version of the LMI function, published outside the stack as another release would. */
async function publishLmiVersion(revision: string): Promise<string> {
  const lambda = new LambdaClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  try {
    const functionName = outputs.LmiFunctionName!;
    const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: functionName,
        Environment: { Variables: { ...current.Environment?.Variables, E2E_REVISION: revision } },
      }),
    );
    return (await lambda.send(new PublishVersionCommand({ FunctionName: functionName }))).Version!;
  } finally {
    lambda.destroy();
  }
}

async function waitActive(version: string): Promise<void> {
  const lambda = new LambdaClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  try {
    for (let i = 0; i < 300; i++) {
      const c = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: outputs.LmiFunctionName, Qualifier: version }),
      );
      if (c.State === 'Active') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`LMI version ${version} did not become Active`);
  } finally {
    lambda.destroy();
  }
}
