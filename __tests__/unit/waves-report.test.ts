// The waves report: one row per region and stack in release order, each wave's result from its
// report (released, failed, rolled back) or its gate (refused), every target after a halt not
// run, a target that should have run without a report `missing` (and the step fails), strings
// from reports neutralised in the table, and the CLI's summary and sticky comment.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseWavesFile } from '../../src/config/waves-file.js';
import type { Outcome } from '../../src/core/domain.js';
import { runCli } from '../../src/cli/program.js';
import { renderWavesMarkdown, wavesMarker } from '../../src/report/markdown/waves.js';
import type { Report } from '../../src/report/model.js';
import { mergeWaveReports } from '../../src/report/waves.js';
import { GATE_RECORD_KIND, type GateRecord } from '../../src/report/waves-gate.js';
import { readWaveInputs } from '../../src/report/waves-read.js';
import { ACTIONS_APP, ACTIONS_BOT, FakeGitHub } from '../fakes/github-api.js';
import { fullReport, markdownProblems } from './report.fixture.js';

const FILE = `
name: webhook
waves:
  - name: first
    targets: [{ region: us-east-1, stack-name: webhook-prod }]
  - targets:
      - { region: eu-west-1, stack-name: webhook-prod }
      - { region: eu-central-1, stack-name: webhook-prod }
  - targets: [{ region: ap-southeast-2, stack-name: webhook-prod }]
`;
const plan = parseWavesFile(FILE, 'w.yml');

const lmi = (version: string) => ({
  kind: 'lmi' as const,
  target: { side: 'lmi' as const, functionName: 'webhook-prod-lmi', version },
});

function report(region: string, outcome: Outcome, extra: Partial<Report['run']> = {}): Report {
  const r = fullReport();
  r.run = { ...r.run, region, stackName: 'webhook-prod', outcome, ...extra };
  r.route =
    outcome === 'success' ? { before: lmi('3'), after: lmi('4') } : { before: lmi('3'), after: lmi('3') };
  if (outcome === 'rolled-back' || outcome === 'failure')
    r.run.error = { code: 'CUTOVER_STEP_FAILED', message: 'canary 10 % failed' };
  return r;
}

function gate(
  forRegion: string,
  passed: boolean,
  problem = 'production is lmi (LMI v3), not LMI v4',
): GateRecord {
  return {
    kind: GATE_RECORD_KIND,
    schemaVersion: 1,
    at: '2025-12-01T11:00:00.000Z',
    for: { region: forRegion, stackName: 'webhook-prod' },
    passed,
    bakeSeconds: 600,
    previous: [
      {
        region: 'us-east-1',
        stackName: 'webhook-prod',
        probes: { sent: 3, failed: passed ? 0 : 3 },
        alarms: [],
        problems: passed ? [] : [problem],
      },
    ],
  };
}

const results = (s: ReturnType<typeof mergeWaveReports>) => s.rows.map((r) => `${r.region}:${r.result}`);

describe('mergeWaveReports', () => {
  it('every target released: one row each, in release order, with its route', () => {
    const s = mergeWaveReports(plan, {
      reports: ['ap-southeast-2', 'us-east-1', 'eu-central-1', 'eu-west-1'].map((r) => report(r, 'success')),
      gates: [gate('eu-west-1', true)],
    });
    expect(results(s)).toEqual([
      'us-east-1:released',
      'eu-west-1:released',
      'eu-central-1:released',
      'ap-southeast-2:released',
    ]);
    expect(s.rows.map((r) => [r.wave, r.waveName])).toEqual([
      [1, 'first'],
      [2, 'wave 2'],
      [2, 'wave 2'],
      [3, 'wave 3'],
    ]);
    expect(s.rows[0]!.route).toEqual({ before: lmi('3'), after: lmi('4') });
    expect(s).toMatchObject({ missing: [], ignored: [] });
    expect(s.haltedAt).toBeUndefined();
  });

  it('a rolled-back wave halts the release: every later target is not run, never passed', () => {
    const s = mergeWaveReports(plan, {
      reports: [report('us-east-1', 'rolled-back')],
      gates: [gate('eu-west-1', false)],
    });
    expect(results(s)).toEqual([
      'us-east-1:rolled-back',
      'eu-west-1:not-run',
      'eu-central-1:not-run',
      'ap-southeast-2:not-run',
    ]);
    expect(s.rows[0]!.detail).toBe('[CUTOVER_STEP_FAILED] canary 10 % failed');
    // The gate that stopped it says why; the others name the target that halted the release.
    expect(s.rows[1]!.detail).toBe(
      'the gate refused: us-east-1/webhook-prod: production is lmi (LMI v3), not LMI v4',
    );
    expect(s.rows[2]!.detail).toBe('us-east-1/webhook-prod did not release');
    expect(s).toMatchObject({ missing: [], haltedAt: 'us-east-1/webhook-prod' });
  });

  it('a gate that refuses after a released wave is the halt (refused), and a failed run is failed', () => {
    const refused = mergeWaveReports(plan, {
      reports: [report('us-east-1', 'success')],
      gates: [gate('eu-west-1', false, 'alarms in ALARM or missing during the bake: webhook-5xx')],
    });
    expect(results(refused)).toEqual([
      'us-east-1:released',
      'eu-west-1:refused',
      'eu-central-1:not-run',
      'ap-southeast-2:not-run',
    ]);
    const failed = mergeWaveReports(plan, { reports: [report('us-east-1', 'failure')], gates: [] });
    expect(results(failed)[0]).toBe('us-east-1:failed');
    expect(failed.missing).toEqual([]);
  });

  it('a target nothing halted that left no report is missing — after it, the rest are not run', () => {
    const s = mergeWaveReports(plan, {
      reports: [report('us-east-1', 'success')],
      gates: [gate('eu-west-1', true)],
    });
    expect(results(s)).toEqual([
      'us-east-1:released',
      'eu-west-1:missing',
      'eu-central-1:not-run',
      'ap-southeast-2:not-run',
    ]);
    expect(s.missing).toEqual(['eu-west-1/webhook-prod']);
    expect(renderWavesMarkdown(s, { limit: 65_536 })).toContain(
      '## ❌ lmi-cutover waves: halted at wave 2, eu-west-1/webhook-prod left no report (1 of 4 released, 2 not run, 1 without a report)',
    );
    // Nothing at all (every job cancelled before its action ran): the first is missing.
    expect(mergeWaveReports(plan, { reports: [], gates: [] }).missing).toEqual(['us-east-1/webhook-prod']);
  });

  it('takes the latest report of a target (a re-run job) and leaves out targets the file does not list', () => {
    const first = report('us-east-1', 'rolled-back', { startedAt: '2025-12-01T10:00:00.000Z' });
    const rerun = report('us-east-1', 'success', { startedAt: '2025-12-01T12:00:00.000Z' });
    const s = mergeWaveReports(plan, {
      reports: [rerun, first, report('sa-east-1', 'success')],
      gates: [],
    });
    expect(s.rows[0]!.result).toBe('released');
    expect(s.ignored).toEqual(['sa-east-1/webhook-prod']);
  });
});

describe('renderWavesMarkdown', () => {
  it('a table with one row per target: wave, region, stack, route before → after, result', () => {
    const s = mergeWaveReports(plan, {
      reports: [report('us-east-1', 'success'), report('eu-west-1', 'rolled-back')],
      gates: [gate('eu-west-1', true)],
    });
    const md = renderWavesMarkdown(s, { limit: 65_536, marker: wavesMarker(s.name) });
    expect(md.split('\n')[0]).toBe('<!-- lmi-cutover:waves:webhook -->');
    expect(md).toContain(
      '## ❌ lmi-cutover waves: halted at wave 2, eu-west-1/webhook-prod rolled back (1 of 4 released, 2 not run)',
    );
    expect(md).toContain('| Wave | Region | Stack | Route before → after | Result |');
    expect(md).toContain(
      '| 1 · first | `us-east-1` | `webhook-prod` | lmi (LMI v3) → lmi (LMI v4) | ✅ released |',
    );
    expect(md).toContain(
      '| 2 · wave 2 | `eu-west-1` | `webhook-prod` | lmi (LMI v3) → lmi (LMI v3) | ↩️ rolled back: \\[CUTOVER_STEP_FAILED\\] canary 10 % failed |',
    );
    expect(md).toContain(
      '| 2 · wave 2 | `eu-central-1` | `webhook-prod` | — | ⏭️ not run: eu-west-1/webhook-prod did not release |',
    );
    expect(markdownProblems(md)).toEqual([]);
  });

  it('every target released: a green headline', () => {
    const s = mergeWaveReports(plan, {
      reports: ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'].map((r) => report(r, 'success')),
      gates: [],
    });
    expect(renderWavesMarkdown(s, { limit: 65_536 })).toMatch(
      /^## ✅ lmi-cutover waves: every target released \(4 of 4 released\)$/m,
    );
  });

  it('neutralises what reports carry: no links, images, mentions, HTML or broken cells', () => {
    const hostile = report('us-east-1', 'failure');
    hostile.run.error = {
      code: 'DEPLOY_FAILED',
      message:
        'x | y <details><summary>open</summary> ![t](https://evil.example/t.png) [approve](https://evil.example) @octocat www.evil.example\nnext line',
    };
    hostile.route.before = {
      kind: 'lmi',
      target: { side: 'lmi', functionName: 'fn<script>|[a](https://x)', version: '1' },
    };
    const md = renderWavesMarkdown(mergeWaveReports(plan, { reports: [hostile], gates: [] }), {
      limit: 65_536,
    });
    const row = md.split('\n').find((l) => l.includes('`us-east-1`'))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7); // 5 cells between 6 pipes
    // A bracket is escaped, so `](` opens no link; `://` and `www.` carry a zero-width space.
    expect(row).not.toMatch(/<details|<script|(?<!\\)\]\(|@octocat|https:\/\/|www\.evil/);
    expect(row).toContain('&lt;details&gt;');
    expect(row).toContain('@\u200boctocat');
    expect(markdownProblems(md)).toEqual([]);
  });

  it('fits the limit by shortening cells, and leaves rows out only when it must', () => {
    const long = report('us-east-1', 'failure');
    long.run.error = { code: 'DEPLOY_FAILED', message: 'e'.repeat(5000) };
    const s = mergeWaveReports(plan, { reports: [long], gates: [] });
    const md = renderWavesMarkdown(s, { limit: 2500 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(2500);
    expect(md).toContain('`ap-southeast-2`');
  });
});

describe('readWaveInputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-waves-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds reports and gate verdicts in the artifact folders; skips what is not ours; flags what is broken', async () => {
    mkdirSync(join(dir, 'lmi-cutover-wave-w1'), { recursive: true });
    mkdirSync(join(dir, 'lmi-cutover-wave-w2'), { recursive: true });
    writeFileSync(
      join(dir, 'lmi-cutover-wave-w1', 'report.json'),
      JSON.stringify(report('us-east-1', 'success')),
    );
    writeFileSync(join(dir, 'lmi-cutover-wave-w2', 'gate.json'), JSON.stringify(gate('eu-west-1', false)));
    writeFileSync(join(dir, 'lmi-cutover-wave-w2', 'other.json'), '{"name":"package"}');
    writeFileSync(join(dir, 'lmi-cutover-wave-w2', 'notes.json'), 'not json');
    const broken = { ...report('eu-west-1', 'success'), run: { mode: 'full' } };
    writeFileSync(join(dir, 'lmi-cutover-wave-w2', 'report.json'), JSON.stringify(broken));
    const found = await readWaveInputs(dir);
    expect(found.reports.map((r) => r.run.region)).toEqual(['us-east-1']);
    expect(found.gates.map((g) => g.for?.region)).toEqual(['eu-west-1']);
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toContain('lmi-cutover-wave-w2/report.json is not an lmi-cutover report');
    expect(await readWaveInputs(join(dir, 'absent'))).toEqual({ reports: [], gates: [], problems: [] });
  });
});

describe('lmi-cutover waves report', () => {
  let fake: FakeGitHub;
  const dir = mkdtempSync(join(tmpdir(), 'lmi-waves-cli-'));
  beforeAll(async () => {
    fake = await FakeGitHub.start();
    fake.addToken('gh-token', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'write' });
    fake.addIssue('acme', 'webhooks', 7, { pullRequest: true });
    writeFileSync(join(dir, 'lmi-cutover.waves.yml'), FILE);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(reports: Record<string, object>, env: NodeJS.ProcessEnv, ...extra: string[]) {
    const folder = mkdtempSync(join(dir, 'reports-'));
    for (const [name, data] of Object.entries(reports)) {
      mkdirSync(join(folder, name), { recursive: true });
      writeFileSync(join(folder, name, `${name}.json`), JSON.stringify(data));
    }
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      ['waves', 'report', '--file', 'lmi-cutover.waves.yml', '--reports', folder, ...extra],
      {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        env,
        cwd: dir,
      },
    );
    return { code, stdout, stderr };
  }

  it('a halted release: exit 0, the table in the summary and in its own sticky comment, updated in place', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const env = {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_TOKEN: 'gh-token',
      GITHUB_REPOSITORY: 'acme/webhooks',
      GITHUB_API_URL: fake.url,
    };
    const r = await cli(
      { a: report('us-east-1', 'rolled-back'), g: gate('eu-west-1', false) },
      env,
      '--pr-number',
      '7',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('⏭️ not run');
    expect(readFileSync(summary, 'utf8')).toContain('↩️ rolled back');
    const [comment, ...more] = fake.comments('acme', 'webhooks', 7);
    expect(more).toEqual([]);
    expect(comment!.body.startsWith('<!-- lmi-cutover:waves:webhook -->\n')).toBe(true);
    // The next release updates the same comment.
    await cli(
      Object.fromEntries(
        ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'].map((g) => [g, report(g, 'success')]),
      ),
      env,
      '--pr-number',
      '7',
    );
    const after = fake.comments('acme', 'webhooks', 7);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(comment!.id);
    expect(after[0]!.body).toContain('every target released');
  });

  it('a target that should have run and left no report fails the step (exit 1); no PR number: no comment', async () => {
    const before = fake.requests.length;
    const r = await cli({ a: report('us-east-1', 'success') }, {}, '--pr-number', '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('eu-west-1/webhook-prod should have run and left no report');
    expect(r.stdout).toContain('❌ no report');
    expect(fake.requests.length).toBe(before);
  });

  it('bad usage exits 2', async () => {
    expect((await cli({}, {}, '--pr-number', 'abc')).code).toBe(2);
    expect((await cli({}, {}, '--pr-number', '3')).stderr).toContain('--repository');
  });
});
