// Waves across regions end to end: two local clouds on two ports stand in for us-east-1 and
// eu-west-1, and the test runs the commands the kit's `waves` jobs run, in the order the matrix
// gives them (the CLI in-process): `waves plan`, then per target `waves gate` (every target after
// the first wave) and `full`, each report written where the job uploads it, and `waves report`.
//   release 1  us-east-1: twin v1 → LMI v1; its gate bakes it (probes, signed, answered by LMI v1)
//              and lets eu-west-1 go; eu-west-1: twin v1 → LMI v1. Both rows released.
//   a fault    LMI v1 of us-east-1 starts failing: the gate refuses on its probes.
//   release 2  us-east-1's candidate LMI v2 fails behind the canary and rolls back to LMI v1; the
//              job fails, so the matrix (fail-fast) stops. Had eu-west-1's job started anyway,
//              its gate refuses: the report says the release rolled back, and without reports
//              production is not the version the last deploy published. The report shows
//              us-east-1 rolled back and eu-west-1 not run; eu-west-1 still serves LMI v1.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/program.js';
import type { WaveMatrixEntry } from '../../src/config/waves-matrix.js';
import type { GateRecord } from '../../src/report/waves-gate.js';
import { readReportJson } from '../../src/report/json.js';
import { releaseCopy, type ReleaseCopy } from '../../scripts/demo/releases.js';
import { LOCAL_NETWORK } from '../../scripts/demo/local-cloud.js';
import { REPO_ROOT, startE2eCloud, type E2eCloud } from './harness.js';
import { getStage, lmiVersion, pinned } from './stage.js';

const STACK = 'waves-e2e';
/** The release's own inputs: short bakes, a small concurrency check, a generous p95 on 2 cores. */
const RELEASE_FLAGS = [
  ['--cutover-steps', '50,100'],
  ['--bake-seconds', '2'],
  ['--probe-rate', '10'],
  ['--concurrency', '4'],
  ['--load-requests', '8'],
  ['--max-p95-ms', '10000'],
].flat();
/** Polls sized to the local cloud's milliseconds, as the e2e harness does. */
const FAST = {
  deploy: { timing: { stackPollMs: 100, changeSetPollMs: 50 } },
  verify: { provision: { timing: { pollMs: 100 } } },
};

let east: E2eCloud;
let west: E2eCloud;
let work: string;
let wavesFile: string;
let change: ReleaseCopy | undefined;

beforeAll(async () => {
  east = await startE2eCloud({ emulator: { region: 'us-east-1' } });
  west = await startE2eCloud({ emulator: { region: 'eu-west-1' } });
  work = await mkdtemp(join(tmpdir(), 'lmi-waves-e2e-'));
  const target = (cloud: E2eCloud) =>
    [
      `      - region: ${cloud.emulator.region}`,
      `        stack-name: ${STACK}`,
      `        endpoint-url: ${cloud.emulator.endpoint}`,
      '        parameters:',
      `          SubnetIds: ${LOCAL_NETWORK.SubnetIds}`,
      `          SecurityGroupIds: ${LOCAL_NETWORK.SecurityGroupIds}`,
      '          PerExecutionEnvironmentMaxConcurrency: 16',
    ].join('\n');
  wavesFile = join(work, 'lmi-cutover.waves.yml');
  await writeFile(
    wavesFile,
    [
      'name: e2e',
      'bake-seconds: 3',
      'probe-rate: 5',
      'waves:',
      '  - name: first region',
      '    targets:',
      target(east),
      '  - name: Europe',
      '    targets:',
      target(west),
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await change?.remove();
  // In reverse: each account puts back the credentials it found.
  await west?.stop();
  await east?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: process.env,
    cwd: REPO_ROOT,
    ...FAST,
  });
  return { code, stdout, stderr };
}

const cloudOf = (entry: WaveMatrixEntry) => (entry.region === 'us-east-1' ? east : west);
const artifact = (reports: string, entry: WaveMatrixEntry) => join(reports, `lmi-cutover-wave-${entry.id}`);
const keyOf = (entry: WaveMatrixEntry) => `${entry.region}/${entry['stack-name']}`;

async function matrix(): Promise<WaveMatrixEntry[]> {
  const plan = await cli(['waves', 'plan', '--file', wavesFile]);
  expect(plan).toMatchObject({ code: 0, stderr: '' });
  return (JSON.parse(plan.stdout) as { include: WaveMatrixEntry[] }).include;
}

/** The gate step of a wave's job, as the workflow runs it; `record` writes its verdict to the job's artifact. */
function gate(entry: WaveMatrixEntry, reports: string | undefined, record = true): Promise<CliRun> {
  return cli([
    'waves',
    'gate',
    '--file',
    wavesFile,
    '--previous',
    entry.previous,
    '--bake-seconds',
    String(entry['bake-seconds']),
    '--for',
    keyOf(entry),
    ...(reports ? ['--reports', reports] : []),
    ...(reports && record ? ['--result-path', join(artifact(reports, entry), 'gate.json')] : []),
  ]);
}

/** The action's step of a wave's job: mode full on the target, its report where the job uploads it. */
function release(entry: WaveMatrixEntry, reports: string, template?: string) {
  return cli([
    'full',
    '--stack-name',
    entry['stack-name'],
    '--region',
    entry.region,
    '--endpoint-url',
    entry['endpoint-url']!,
    '--artifact-bucket',
    cloudOf(entry).artifactBucket,
    '--parameter-overrides',
    entry['parameter-overrides'],
    ...(template ? ['--template', template] : []),
    '--report-path',
    join(artifact(reports, entry), 'report.json'),
    ...RELEASE_FLAGS,
  ]);
}

const report = (reports: string) => cli(['waves', 'report', '--file', wavesFile, '--reports', reports]);

const readGate = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as GateRecord;

async function stackOutputs(cloud: E2eCloud, reports: string, entry: WaveMatrixEntry) {
  const r = await readReportJson(join(artifact(reports, entry), 'report.json'));
  expect(r.run.region).toBe(cloud.emulator.region);
  return r.deploy!.outputs;
}

/** The exit code, or a failure that shows what the command printed. */
function expectExit(r: CliRun, code: number): void {
  if (r.code !== code)
    throw new Error(`expected exit ${code}, got ${r.code}\n${r.stderr}\n${r.stdout.slice(-6000)}`);
}

describe('waves across two local clouds', () => {
  let entries: WaveMatrixEntry[];
  let reports1: string;

  it('plans one job per region in release order, the second gated on the first', async () => {
    entries = await matrix();
    expect(entries.map((e) => [e.id, e.gate, e.previous, e['bake-seconds']])).toEqual([
      [`w1-us-east-1-${STACK}`, false, '', 0],
      [`w2-eu-west-1-${STACK}`, true, `us-east-1/${STACK}`, 3],
    ]);
    expect(entries.map((e) => e['endpoint-url'])).toEqual([east.emulator.endpoint, west.emulator.endpoint]);
  });

  it('release 1: us-east-1 released, its gate bakes it and passes, eu-west-1 released; the report has both', async () => {
    reports1 = join(work, 'release-1');
    const [first, second] = entries;
    expectExit(await release(first!, reports1), 0);

    const g = await gate(second!, reports1);
    expectExit(g, 0);
    expect(g.stderr).toBe('');
    expect(g.stdout).toMatch(
      new RegExp(`^us-east-1/${STACK}  lmi \\(LMI v1\\)  \\d+ probes, 0 failed  released and healthy$`, 'm'),
    );
    const verdict = await readGate(join(artifact(reports1, second!), 'gate.json'));
    expect(verdict).toMatchObject({
      passed: true,
      bakeSeconds: 3,
      for: { region: 'eu-west-1', stackName: STACK },
    });
    // 3 s at 5 probes a second, every one answered by the released version.
    expect(verdict.previous[0]!.probes.sent).toBeGreaterThanOrEqual(15);
    expect(verdict.previous[0]!.expected).toEqual(lmiVersion(await stackOutputs(east, reports1, first!), 1));

    expectExit(await release(second!, reports1), 0);

    const r = await report(reports1);
    expectExit(r, 0);
    expect(r.stdout).toContain('## ✅ lmi-cutover waves: every target released (2 of 2 released)');
    expect(r.stdout).toContain(
      `| 1 · first region | \`us-east-1\` | \`${STACK}\` | standard (twin v1) → lmi (LMI v1) | ✅ released |`,
    );
    expect(r.stdout).toContain(
      `| 2 · Europe | \`eu-west-1\` | \`${STACK}\` | standard (twin v1) → lmi (LMI v1) | ✅ released |`,
    );
  }, 400_000);

  it('a released region whose version starts failing: the gate refuses on its probes', async () => {
    const outputs = await stackOutputs(east, reports1, entries[0]!);
    east.emulator.faults.invocations({ functionName: outputs.LmiFunctionName!, version: '1', errorRate: 1 });
    try {
      const g = await gate({ ...entries[1]!, 'bake-seconds': 0 }, reports1, false);
      expectExit(g, 1);
      expect(g.stdout).toMatch(/REFUSED: \d+ of \d+ probes through its stage failed \(first: HTTP 502/);
    } finally {
      east.emulator.faults.invocations({ functionName: outputs.LmiFunctionName!, version: '1' });
    }
  }, 60_000);

  it('release 2: us-east-1 rolls back, the matrix stops, eu-west-1’s gate refuses; the report shows rolled back and not run', async () => {
    const reports2 = join(work, 'release-2');
    change = await releaseCopy(REPO_ROOT, 'change', 'waves e2e release 2');
    const [first, second] = entries;
    const eastOutputs = await stackOutputs(east, reports1, first!);
    // Every request the canary takes fails: verification (which invokes the version directly)
    // passes, the first canary step does not.
    east.emulator.faults.canaryErrors({
      restApiId: eastOutputs.RestApiId!,
      stage: eastOutputs.StageName!,
      rate: 1,
    });
    let a: CliRun;
    try {
      a = await release(first!, reports2, change.template);
    } finally {
      east.emulator.faults.canaryErrors({
        restApiId: eastOutputs.RestApiId!,
        stage: eastOutputs.StageName!,
        rate: 0,
      });
    }
    expectExit(a, 1);
    const aReport = await readReportJson(join(artifact(reports2, first!), 'report.json'));
    expect(aReport.run.outcome).toBe('rolled-back');
    expect(aReport.route.after).toEqual({ kind: 'lmi', target: lmiVersion(eastOutputs, 1) });
    expect(aReport.deploy!.outputs.LmiVersion).toBe('2');

    // fail-fast cancels eu-west-1's job. Had it started, its gate refuses, with the reports …
    const g = await gate(second!, reports2);
    expectExit(g, 1);
    expect(g.stdout).toContain(
      `us-east-1/${STACK}  lmi (LMI v1)  0 probes, 0 failed  REFUSED: its release rolled back (CUTOVER_STEP_FAILED:`,
    );
    expect(await readGate(join(artifact(reports2, second!), 'gate.json'))).toMatchObject({
      passed: false,
      for: { region: 'eu-west-1', stackName: STACK },
    });
    // … and without them: production is not the version the last deploy published.
    const bare = await gate(second!, undefined);
    expectExit(bare, 1);
    expect(bare.stdout).toContain(
      'REFUSED: production is lmi (LMI v1), not LMI v2, the version its last deploy published (LmiVersion)',
    );

    const r = await report(reports2);
    expectExit(r, 0);
    expect(r.stdout).toContain(
      `## ❌ lmi-cutover waves: halted at wave 1, us-east-1/${STACK} rolled back (0 of 2 released, 1 not run)`,
    );
    expect(r.stdout).toContain(
      `| 1 · first region | \`us-east-1\` | \`${STACK}\` | lmi (LMI v1) → lmi (LMI v1) | ↩️ rolled back: \\[CUTOVER_STEP_FAILED\\] The release was rolled back to LMI v1`,
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `\\| 2 · Europe \\| \`eu-west-1\` \\| \`${STACK}\` \\| — \\| ⏭️ not run: the gate refused: us-east-1/${STACK}: its release rolled back`,
      ),
    );
    // eu-west-1 was never touched: still on its LMI v1.
    const westOutputs = await stackOutputs(west, reports1, second!);
    expect((await getStage(west, westOutputs)).variables.liveFunction).toBe(
      pinned(lmiVersion(westOutputs, 1)),
    );
  }, 400_000);
});
