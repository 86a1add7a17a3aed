// A sharded concurrency check end to end: the workload deployed once on the local cloud, then
// three `lmi-cutover verify --load-shard i/3` processes send their shares at once against the
// deployed candidate (nothing deployed, nothing released), each writing a shard report; the
// merge adds them up — percentiles equal to one histogram fed every shard's samples, counts
// summed, environments counted once — and gates them. A shard report deleted, or corrupted, or a
// shard that failed, and the merge refuses loudly.
//
// Sizes stay small for 2 cores: 4 per environment, so the whole check is 12 in flight, 3 × 4.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as hdr from 'hdr-histogram-js';
import { runCli } from '../../src/cli/program.js';
import type { EncodedLatencies } from '../../src/core/latency-histogram.js';
import { summarizeLatencies } from '../../src/core/stats.js';
import { mergeShards } from '../../src/pipeline/verify/shards/merge.js';
import type { Report } from '../../src/report/model.js';
import { readShardReports } from '../../src/report/shard-json.js';
import type { ShardReport } from '../../src/report/shard-report.js';
import { expectSucceeded, REPO_ROOT, stackOutputs, startE2eCloud, type E2eCloud } from './harness.js';

const STACK = 'shards-e2e';
const SHARDS = 3;
const CHECK = 'e2e-check-1';
const SIZE = { concurrency: '12', 'load-requests': '60' };
/** Long enough for three CLI processes to start and check the candidate on two busy cores. */
const START_LEAD_SECONDS = 25;

let cloud: E2eCloud;
let dir: string;
let shardsDir: string;
let outputs: Readonly<Record<string, string>>;
let shardRuns: { code: number | null; stdout: string; stderr: string }[];

/** node --import tsx src/cli.ts: the CLI's sources, as dist/cli runs them. */
function cliProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    // The emulator's credentials are in this process's environment (the harness put them there).
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const where = () => [
  '--stack-name',
  STACK,
  '--region',
  cloud.emulator.region,
  '--endpoint-url',
  cloud.emulator.endpoint,
];
const flags = (o: Record<string, string>) => Object.entries(o).flatMap(([k, v]) => [`--${k}`, v]);
const shardFile = (i: number) => join(shardsDir, `load-shard-${i}`, 'lmi-cutover-shard.json');
const shardReport = (i: number) => JSON.parse(readFileSync(shardFile(i), 'utf8')) as ShardReport;

async function merge(...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const reportPath = join(dir, `merge-${Math.random().toString(16).slice(2)}.json`);
  const code = await runCli(
    ['merge', ...where(), '--shards', shardsDir, '--report-path', reportPath, ...extra],
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: process.env,
      cwd: dir,
    },
  );
  return { code, stdout, stderr, report: JSON.parse(readFileSync(reportPath, 'utf8')) as Report };
}

/**
 * Every latency a shard recorded, as its histogram holds it (to HDR's precision: each value is
 * its bucket's lowest equivalent), so the test can feed all the shards' samples into one
 * histogram of its own.
 */
function samplesOf(encoded: EncodedLatencies): number[] {
  const h = hdr.decodeFromCompressedBase64(encoded.histogram) as hdr.Histogram & {
    countsArrayLength: number;
    getCountAtIndex(i: number): number;
    valueFromIndex(i: number): number;
  };
  try {
    const values: number[] = [];
    for (let i = 0; i < h.countsArrayLength; i++) {
      const n = h.getCountAtIndex(i);
      for (let k = 0; k < n; k++) values.push(h.valueFromIndex(i) / 1000);
    }
    return values;
  } finally {
    h.destroy();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-shards-e2e-'));
  shardsDir = join(dir, 'shards');
  // As in verify.test.ts: no LMI environment added mid-test, and slow cold starts still answer.
  cloud = await startE2eCloud({ emulator: { runCode: { scaleUpDelayMs: 600_000, initTimeoutMs: 60_000 } } });
  const deployed = await cloud.run({
    mode: 'deploy',
    stackName: STACK,
    parameters: { PerExecutionEnvironmentMaxConcurrency: '4' },
  });
  expectSucceeded(deployed);
  outputs = stackOutputs(deployed);
  // The processes start together, as a matrix's jobs may not: each is slower to get going on two
  // shared cores, so they are given one start a little ahead, as the kit's plan job gives one.
  const startAt = String(Math.ceil(Date.now() / 1000) + START_LEAD_SECONDS);
  shardRuns = await Promise.all(
    Array.from({ length: SHARDS }, (_, k) =>
      cliProcess([
        'verify',
        ...where(),
        ...flags(SIZE),
        '--load-shard',
        `${k + 1}/${SHARDS}`,
        '--load-shard-id',
        CHECK,
        '--load-shard-start-at',
        startAt,
        '--load-workers',
        '1',
        '--shard-report-path',
        shardFile(k + 1),
        '--report-path',
        join(dir, `report-${k + 1}.json`),
      ]),
    ),
  );
}, 240_000);

afterAll(async () => {
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a check sharded over three processes', () => {
  it('each shard sends its share to the deployed candidate, deploys nothing, applies no gate', () => {
    for (const [k, run] of shardRuns.entries()) {
      expect({ shard: k + 1, code: run.code, stderr: run.stderr }).toEqual({
        shard: k + 1,
        code: 0,
        stderr: '',
      });
      expect(run.stdout).toContain(`Shard ${k + 1}/3 of check ${CHECK} sent its share`);
      expect(run.stdout).toMatch(new RegExp(`shard ${k + 1}/3 waits [\\d.]+ s for the check's start`));
      const report = JSON.parse(readFileSync(join(dir, `report-${k + 1}.json`), 'utf8')) as Report;
      expect(report.run).toMatchObject({ mode: 'verify', outcome: 'success' });
      expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
        ['smoke', 'skipped'],
        ['provision', 'passed'],
        ['load', 'passed'],
      ]);
      expect(report.deploy).toBeUndefined();
      expect(report.load?.gates).toEqual([]);
      expect(report.load?.shards).toEqual({ id: CHECK, count: 3, shard: k + 1 });
      const shard = shardReport(k + 1);
      expect(shard).toMatchObject({
        check: { id: CHECK, shard: k + 1, shards: 3 },
        stackName: STACK,
        outcome: 'measured',
        measurement: {
          candidate: {
            lmi: { functionName: outputs.LmiFunctionName, qualifier: outputs.LmiVersion },
            standard: { functionName: outputs.StandardFunctionName, qualifier: outputs.StandardVersion },
          },
          sizing: { concurrency: 12, requests: 60 },
          share: { concurrency: 4, requests: 20 },
          // Production is the twin's candidate before the first cutover: its warm answers set auto.
          baseline: { basis: 'production', from: 'standard' },
        },
      });
      // The shard is in every delivery id, so shards never collide and each reads back its own.
      expect(shard.measurement!.runId).toMatch(new RegExp(`-s${k + 1}of3$`));
      expect(shard.measurement!.lmi.result.isolation).toMatchObject({
        passed: true,
        stored: 20,
        expectedStored: 20,
      });
    }
    const runIds = [1, 2, 3].map((i) => shardReport(i).measurement!.runId);
    expect(new Set(runIds).size).toBe(3);
    // They waited for one start, so their LMI bursts began together.
    const starts = [1, 2, 3].map((i) => shardReport(i).measurement!.lmi.startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(3000);
  });

  it('merges into the figures of one histogram of every shard’s samples, and passes the gates', async () => {
    const shards = [1, 2, 3].map(shardReport);
    const run = await merge('--max-p95-ms', '60000');
    // Bursts of different lengths overlap only in part, which the merge may warn of; nothing else.
    expect(run.stderr.split('\n').filter((l) => l && !l.includes('bursts all ran at once for only'))).toEqual(
      [],
    );
    expect(run.code).toBe(0);
    expect(run.report.run).toMatchObject({ mode: 'merge', outcome: 'success', stackName: STACK });
    const { lmi, standard, shards: section } = run.report.load!;
    for (const [side, merged] of [
      ['lmi', lmi],
      ['standard', standard!],
    ] as const) {
      const all = shards.flatMap((s) => samplesOf(s.measurement![side].latency));
      expect(all).toHaveLength(60);
      const one = summarizeLatencies(all);
      expect([merged.latency.count, merged.latency.p50, merged.latency.p95, merged.latency.p99]).toEqual([
        one.count,
        one.p50,
        one.p95,
        one.p99,
      ]);
      // max and mean are kept exactly by each shard, not to HDR's precision.
      const max = Math.max(...shards.map((s) => s.measurement![side].latency.maxMs));
      expect(merged.latency.max).toBe(Math.round(max * 100) / 100);
      expect(merged).toMatchObject({ concurrency: 12, requests: 60, errors: 0, throttles: 0 });
    }
    // Three LMI environments served the check; each shard saw some of them, the merge each once.
    expect(lmi.environments).toBe(3);
    expect(lmi.isolation).toMatchObject({ passed: true, stored: 60, expectedStored: 60, duplicates: 0 });
    expect(section).toMatchObject({ id: CHECK, count: 3 });
    expect(section!.allAtOnce!.lmi).toBeGreaterThan(0);
    expect(run.report.load!.gates.every((g) => g.passed)).toBe(true);
    // max-p95-ms auto: the twin's warm answers, merged across the shards.
    const merged = mergeShards(await readShardReports(shardsDir), { stackName: STACK, dir: 'shards' });
    const warm = shards.flatMap((s) => samplesOf(s.measurement!.standard.warm.latency));
    expect(merged.baseline).toMatchObject({ side: 'standard', basis: 'production', factor: 1.5 });
    expect(merged.baseline!.warm).toMatchObject({
      count: warm.length,
      p95: summarizeLatencies(warm).p95,
    });
  });

  it('refuses loudly when a shard report is deleted, or corrupted', async () => {
    const second = readFileSync(shardFile(2), 'utf8');
    try {
      rmSync(shardFile(2));
      const missing = await merge('--max-p95-ms', '60000');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('[SHARDS_REFUSED]');
      expect(missing.stderr).toContain('shard 2/3 is missing');
      expect(missing.report.run).toMatchObject({ outcome: 'failure', error: { code: 'SHARDS_REFUSED' } });
      expect(missing.report.load).toBeUndefined();

      writeFileSync(shardFile(2), second.slice(0, second.length / 2));
      const corrupt = await merge('--max-p95-ms', '60000');
      expect(corrupt.code).toBe(1);
      expect(corrupt.stderr).toContain(`${join('load-shard-2', 'lmi-cutover-shard.json')}: not a JSON file`);
      expect(corrupt.stderr).toContain('shard 2/3 is missing');
    } finally {
      writeFileSync(shardFile(2), second);
    }
    expect((await merge('--max-p95-ms', '60000')).code).toBe(0);
  });

  it('a shard that could not run writes a failed shard report, and the merge refuses it', async () => {
    let stderr = '';
    const code = await runCli(
      [
        'verify',
        ...where(),
        '--concurrency',
        '2',
        '--load-shard',
        '3/3',
        '--load-shard-id',
        CHECK,
        '--shard-report-path',
        shardFile(3),
        '--report-path',
        join(dir, 'report-3-failed.json'),
      ],
      { stdout: () => undefined, stderr: (t) => (stderr += t), env: process.env, cwd: dir },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('concurrency 2 cannot be split over 3 shards');
    expect(shardReport(3)).toMatchObject({ outcome: 'failed', error: { code: 'INVALID_INPUT' } });
    const refused = await merge('--max-p95-ms', '60000');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /shard 3\/3 failed \(.*\): \[INVALID_INPUT\] concurrency 2 cannot be split/,
    );
  });
});
