// The merge of a sharded check: latency histograms added up give exactly the percentiles of one
// histogram fed every sample (and those are within HDR's precision of the exact ones); shard
// reports are read through their schema; a shard missing, given twice, failed, unreadable or of
// another check, stack or candidate refuses the merge with every problem named; and the merged
// figures are what one runner would have reported. `lmi-cutover merge` gates them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/program.js';
import { CutoverError } from '../../src/core/errors.js';
import { encodeLatencies, mergeLatencies } from '../../src/core/latency-histogram.js';
import { summarizeLatencies } from '../../src/core/stats.js';
import { mergeShards } from '../../src/pipeline/verify/shards/merge.js';
import { readShardReports, writeShardReportJson } from '../../src/report/shard-json.js';
import { shardReportSchema, type ShardReport } from '../../src/report/shard-report.js';
import type { Report } from '../../src/report/model.js';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { shardsNote } from '../../src/report/shards-note.js';
import { CHECK_ID, fakeShard, latencies, SHARD_STACK, T0 } from './shard-fixture.js';
import { fakeClock } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'lmi-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A directory of shard reports, each in a sub-folder as download-artifact leaves them. */
async function shardDir(
  reports: readonly ShardReport[],
  extra: Record<string, string> = {},
): Promise<string> {
  const dir = join(root, `shards-${++dirs}`);
  for (const [i, r] of reports.entries())
    await writeShardReportJson(join(dir, `load-shard-${i + 1}`, 'lmi-cutover-shard.json'), r);
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const three = () => [1, 2, 3].map((index) => fakeShard({ index }));

async function merged(reports: readonly ShardReport[], extra?: Record<string, string>) {
  const dir = await shardDir(reports, extra);
  return mergeShards(await readShardReports(dir), { stackName: SHARD_STACK, dir: 'shards' });
}

async function refusal(
  reports: readonly ShardReport[],
  extra?: Record<string, string>,
): Promise<CutoverError> {
  try {
    await merged(reports, extra);
  } catch (e) {
    if (e instanceof CutoverError) return e;
    throw e;
  }
  throw new Error('the merge did not refuse');
}

/** The exact nearest-rank percentile of the samples. */
const exact = (sorted: readonly number[], p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;

describe('latency histograms merged', () => {
  it.each([
    [3, 3000],
    [7, 10_001],
    [1, 50],
  ])(
    '%i parts of %i samples: the percentiles of one histogram of all of them, within HDR precision of the exact ones',
    (parts, count) => {
      const all = latencies(count, 42);
      const chunks = Array.from({ length: parts }, (_, i) => all.filter((_, j) => j % parts === i));
      const merged = mergeLatencies(chunks.map(encodeLatencies));
      const one = summarizeLatencies(all);
      expect(merged.count).toBe(one.count);
      expect([merged.p50, merged.p95, merged.p99]).toEqual([one.p50, one.p95, one.p99]);
      expect(merged.max).toBe(one.max);
      expect(merged.mean).toBeCloseTo(one.mean, 1);
      const sorted = [...all].sort((a, b) => a - b);
      for (const [p, got] of [
        [50, merged.p50],
        [95, merged.p95],
        [99, merged.p99],
      ] as const) {
        // Three significant digits: within 0.1 %, plus the report's rounding to 0.01 ms.
        expect(Math.abs(got - exact(sorted, p))).toBeLessThanOrEqual(exact(sorted, p) * 0.001 + 0.01);
      }
    },
  );

  it('merges nothing into zeros, and parts with no sample add nothing', () => {
    expect(mergeLatencies([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
    const some = latencies(100, 7);
    expect(mergeLatencies([encodeLatencies([]), encodeLatencies(some)])).toEqual(summarizeLatencies(some));
  });
});

describe('shard reports on disk', () => {
  it('round-trip through the schema, measured or failed', async () => {
    const failed = fakeShard({ index: 2, failed: { code: 'PROVISIONING_TIMEOUT', message: 'not Active' } });
    const read = await readShardReports(await shardDir([fakeShard({ index: 1 }), failed]));
    expect(read.problems).toEqual([]);
    expect(read.shards.map((s) => [s.file, s.report.outcome])).toEqual([
      [join('load-shard-1', 'lmi-cutover-shard.json'), 'measured'],
      [join('load-shard-2', 'lmi-cutover-shard.json'), 'failed'],
    ]);
    expect(shardReportSchema.safeParse(read.shards[0]!.report).success).toBe(true);
    expect(read.shards[1]!.report).toMatchObject({ error: { code: 'PROVISIONING_TIMEOUT' } });
    expect(read.shards[1]!.report.measurement).toBeUndefined();
  });

  it('refuses a measured shard without its measurement, and a shard number above N', () => {
    const one = fakeShard({ index: 1 });
    expect(shardReportSchema.safeParse({ ...one, measurement: undefined }).success).toBe(false);
    expect(shardReportSchema.safeParse({ ...one, check: { ...one.check, shard: 4 } }).success).toBe(false);
  });

  it('names every file that is not a readable shard report', async () => {
    const one = fakeShard({ index: 1 });
    const corrupt: ShardReport = {
      ...one,
      measurement: {
        ...one.measurement!,
        lmi: { ...one.measurement!.lmi, latency: { ...one.measurement!.lmi.latency, count: 5 } },
      },
    };
    const dir = await shardDir([corrupt], {
      'truncated/lmi-cutover-shard.json': JSON.stringify(one).slice(0, 200),
      'report/lmi-cutover-report.json': JSON.stringify({ schemaVersion: 1, tool: { name: 'lmi-cutover' } }),
      'future/shard.json': JSON.stringify({ ...one, schemaVersion: 2 }),
      'bad/shard.json': JSON.stringify({ ...one, outcome: 'passed' }),
    });
    const { shards, problems } = await readShardReports(dir);
    expect(shards).toEqual([]);
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^truncated\/lmi-cutover-shard\.json: not a JSON file/),
        `${join('report', 'lmi-cutover-report.json')}: not a shard report (its kind is null, not lmi-cutover-load-shard)`,
        `${join('future', 'shard.json')}: shard report schema 2; this lmi-cutover reads schema 1 (merge with the version the shards ran)`,
        expect.stringMatching(/^bad\/shard\.json: not a valid shard report:\n.*outcome/s),
        `${join('load-shard-1', 'lmi-cutover-shard.json')}: LMI: its latency histogram holds 34 values, but its count says 5`,
      ]),
    );
  });

  it('says so when the directory is missing or empty', async () => {
    expect((await readShardReports(join(root, 'nowhere'))).problems).toEqual([
      `${join(root, 'nowhere')} does not exist: no shard was downloaded there`,
    ]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect((await readShardReports(empty)).problems).toEqual([
      `${empty} holds no .json file: no shard report to merge`,
    ]);
  });
});

describe('the merge refuses what is not one whole check', () => {
  it('a missing shard', async () => {
    const e = await refusal([fakeShard({ index: 1 }), fakeShard({ index: 3 })]);
    expect(e.code).toBe('SHARDS_REFUSED');
    expect(e.message).toContain('are not one whole sharded check, so nothing is judged');
    expect(e.details).toEqual([
      'shard 2/3 is missing: no report of it (its job failed before writing one, was cancelled, or its artifact was not downloaded)',
    ]);
  });

  it('a shard given twice', async () => {
    const e = await refusal([...three(), fakeShard({ index: 2 })]);
    expect(e.details).toEqual([
      `shard 2/3 is given 2 times (${join('load-shard-2', 'lmi-cutover-shard.json')}, ${join('load-shard-4', 'lmi-cutover-shard.json')})`,
    ]);
  });

  it('a shard that failed, with its error', async () => {
    const e = await refusal([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2, failed: { code: 'PROVISIONING_FAILED', message: 'LMI version 4 is Failed' } }),
      fakeShard({ index: 3 }),
    ]);
    expect(e.details).toEqual([
      `shard 2/3 failed (${join('load-shard-2', 'lmi-cutover-shard.json')}): [PROVISIONING_FAILED] LMI version 4 is Failed`,
    ]);
  });

  it('shards that measured another candidate', async () => {
    const e = await refusal([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2 }),
      fakeShard({ index: 3, lmiQualifier: '5' }),
    ]);
    expect(e.details).toEqual([
      'the shards measured different candidates (LMI webhook-lmi:4, twin webhook-standard:3 (shards 1, 2); LMI webhook-lmi:5, twin webhook-standard:3 (shard 3)): the stack was deployed again while they ran',
    ]);
  });

  it('shards of another check, another N, another stack, another size', async () => {
    const other = await refusal([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2, id: '8812-2' }),
      fakeShard({ index: 3 }),
    ]);
    expect(other.details).toEqual([
      'the shards belong to 2 checks (8812-1 (shards 1, 3); 8812-2 (shard 2)): shards sent at different times are not one burst; run every shard of one check together (re-run all the shard jobs, not some)',
    ]);
    const counts = await refusal([
      fakeShard({ index: 1, count: 2 }),
      fakeShard({ index: 2 }),
      fakeShard({ index: 3 }),
    ]);
    expect(counts.details[0]).toBe(
      'the shards disagree on how many there are (N = 2 (shard 1); N = 3 (shards 2, 3))',
    );
    const stack = await refusal([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2, stackName: 'webhook-prod' }),
      fakeShard({ index: 3 }),
    ]);
    expect(stack.details).toEqual([
      `${join('load-shard-2', 'lmi-cutover-shard.json')}: a shard of stack webhook-prod, not ${SHARD_STACK}`,
    ]);
    const size = await refusal([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2, sizing: { concurrency: 12, requests: 100 } }),
      fakeShard({ index: 3 }),
    ]);
    expect(size.details[0]).toBe(
      'the shards split different checks (concurrency 10, 100 requests (shards 1, 3); concurrency 12, 100 requests (shard 2)): give every shard the same concurrency and load-requests',
    );
  });

  it('a file in the directory that is not a shard report, and every problem at once', async () => {
    const e = await refusal([fakeShard({ index: 1 }), fakeShard({ index: 3 })], { 'notes/x.json': '{' });
    expect(e.details).toEqual([
      expect.stringMatching(/^notes\/x\.json: not a JSON file/),
      expect.stringMatching(/^shard 2\/3 is missing/),
    ]);
  });

  it('no shard at all', async () => {
    const e = await refusal([]);
    expect(e.details).toEqual([expect.stringMatching(/does not exist: no shard was downloaded there$/)]);
  });
});

describe('the merged check', () => {
  it('is what one runner would have reported: histograms merged, counts summed, environments once', async () => {
    const shards = [
      fakeShard({
        index: 1,
        lmi: {
          errors: 2,
          throttles: 1,
          environments: { e1: ['w1'], e2: ['w1'] },
          peak: 3,
          window: [T0, T0 + 4000],
        },
      }),
      fakeShard({
        index: 2,
        lmi: { errors: 1, environments: { e2: ['w2'], e3: ['w1'] }, peak: 5, window: [T0 + 1000, T0 + 5000] },
      }),
      fakeShard({ index: 3, lmi: { environments: { e1: ['w1'] }, peak: 4, window: [T0 + 500, T0 + 4500] } }),
    ];
    const m = await merged(shards);
    const all = shards.flatMap((s) => [s.measurement!.lmi]);
    const allLatencies = [101, 102, 103].flatMap((seed, i) =>
      latencies(shards[i]!.measurement!.share.requests, seed),
    );
    expect(m).toMatchObject({
      id: CHECK_ID,
      count: 3,
      stackName: SHARD_STACK,
      region: 'eu-west-1',
      sizing: { concurrency: 10, requests: 100 },
    });
    const lmi = m.lmi.result;
    expect(lmi).toMatchObject({
      target: 'lmi',
      functionName: 'webhook-lmi',
      qualifier: '4',
      concurrency: 10,
      requests: 101, // 100 answered + 1 throttled
      errors: 3,
      throttles: 1,
      environments: 3,
      // e2 answered from two workers across the shards: the busiest worker's count, a lower bound.
      peakInFlightPerEnvironment: 5,
      peakInFlightSource: 'function-per-worker',
      coldStarts: 0,
      wallMs: 5000,
      isolation: { passed: true, stored: 97, expectedStored: 97, duplicates: 0, mismatchedIds: 0 },
    });
    expect(lmi.errorRate).toBeCloseTo(3 / 101);
    expect(lmi.throttleRate).toBeCloseTo(1 / 101);
    expect(lmi.throughputRps).toBe(Math.round((97 / 5) * 100) / 100);
    expect(lmi.latency).toEqual(summarizeLatencies(allLatencies));
    expect(all.reduce((n, s) => n + s.latency.count, 0)).toBe(lmi.latency.count);
    // All three sent at once from T0+1000 to T0+4000: 3 s of the 5 s span.
    expect(m.lmi.allAtOnce).toBe(0.6);
    expect(m.standard.result.environments).toBe(1);
    expect(m.standard.result.peakInFlightSource).toBe('function');
  });

  it('combines isolation: one shard’s problem fails the whole, named by shard', async () => {
    const m = await merged([
      fakeShard({ index: 1 }),
      fakeShard({ index: 2, lmi: { isolationProblems: ['lmi-cutover.x.load.lmi.7: stored 2 times'] } }),
      fakeShard({ index: 3 }),
    ]);
    expect(m.lmi.isolation).toMatchObject({
      passed: false,
      mismatchedIds: 1,
      problems: ['shard 2: lmi-cutover.x.load.lmi.7: stored 2 times'],
    });
  });

  it('derives max-p95-ms auto from the warm histograms, cold starts left out', async () => {
    const shards = [1, 2, 3].map((index) => fakeShard({ index, standard: { cold: [0, 1, 2] } }));
    const m = await merged(shards);
    const warm = shards.flatMap((s, i) => latencies(s.measurement!.share.requests, 201 + i).slice(3));
    expect(m.baseline).toMatchObject({
      side: 'standard',
      functionName: 'webhook-standard',
      qualifier: '3',
      basis: 'production',
      sample: { concurrency: 10, requests: 100 },
      coldStartsExcluded: 9,
      coldStartsKnown: true,
      factor: 1.5,
    });
    expect(m.baseline!.warm).toEqual(summarizeLatencies(warm));
    expect(m.baseline!.limitMs).toBe(Math.round(summarizeLatencies(warm).p95 * 150) / 100);
  });

  it('takes an LMI production’s light sample from shard 1 alone, and refuses it from another', async () => {
    const target = { side: 'lmi' as const, functionName: 'webhook-lmi', qualifier: '2' };
    const light = (index: number) => ({
      basis: 'production' as const,
      target,
      from: 'light' as const,
      ...(index === 1
        ? {
            burst: {
              concurrency: 3,
              requests: 30,
              warm: {
                latency: encodeLatencies(latencies(30, 9)),
                coldStartsExcluded: 0,
                coldStartsKnown: true,
              },
              candidateWarm: encodeLatencies(latencies(30, 10)),
            },
          }
        : {}),
    });
    const m = await merged([1, 2, 3].map((index) => fakeShard({ index, baseline: light(index) })));
    expect(m.baseline).toMatchObject({
      side: 'lmi',
      qualifier: '2',
      sample: { concurrency: 3, requests: 30 },
    });
    expect(m.baseline!.warm).toEqual(summarizeLatencies(latencies(30, 9)));
    expect(m.baseline!.candidateWarm).toEqual(summarizeLatencies(latencies(30, 10)));
    const e = await refusal(
      [1, 2, 3].map((index) => fakeShard({ index, baseline: light(index === 2 ? 1 : 0) })),
    );
    expect(e.details).toEqual([
      "max-p95-ms auto: production's light sample must come from shard 1 alone, not from shards 2",
    ]);
  });

  it('has no baseline when the shards ran with a numeric max-p95-ms, and says why', async () => {
    const m = await merged([1, 2, 3].map((index) => fakeShard({ index, baseline: null })));
    expect(m.baseline).toBeUndefined();
    expect(m.baselineMissing).toContain('the shards ran with a numeric max-p95-ms');
  });
});

describe('the line under a sharded check', () => {
  it('says a shard’s figures are one share, not judged', () => {
    expect(shardsNote({ id: 'b1', count: 4, shard: 2 })).toEqual({
      text: "Shard 2 of 4 of sharded check b1: these figures are this run's share only, and no gate was applied. Mode merge adds up the 4 shards and judges the whole check.",
      warning: false,
    });
  });

  it('warns when the shards were not all sending for most of the span', () => {
    const note = shardsNote({ id: 'b1', count: 4, allAtOnce: { lmi: 0.42, standard: 0.95 } })!;
    expect(note.warning).toBe(true);
    expect(note.text).toContain(
      "Every shard was sending for 42 % of the LMI burst's span and 95 % of the twin's.",
    );
    expect(note.text).toContain(
      'For the rest of the span fewer requests than the concurrency shown were in flight.',
    );
    expect(shardsNote(undefined)).toBeUndefined();
  });
});

describe('lmi-cutover merge', () => {
  async function cli(dir: string, ...flags: string[]) {
    let stdout = '';
    let stderr = '';
    const reportPath = join(dir, '..', `${dirs}-report.json`);
    const code = await runCli(
      ['merge', '--stack-name', SHARD_STACK, '--shards', dir, '--report-path', reportPath, ...flags],
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, clock: fakeClock() },
    );
    return { code, stdout, stderr, report: JSON.parse(readFileSync(reportPath, 'utf8')) as Report };
  }

  it('gates the merged check and records it as the load stage of a merge report', async () => {
    const run = await cli(await shardDir(three()), '--max-p95-ms', '5000');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report.run).toMatchObject({ mode: 'merge', outcome: 'success', region: 'eu-west-1' });
    expect(run.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([['load', 'passed']]);
    expect(run.report.load).toMatchObject({
      lmi: { requests: 100, concurrency: 10 },
      standard: { requests: 100 },
      shards: { id: CHECK_ID, count: 3, allAtOnce: { lmi: 1, standard: 1 } },
    });
    expect(run.report.load!.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['max-throttle-rate', true],
    ]);
    expect(run.stdout).toContain('3 shards of check 8812-1 merged, LMI version 4');
    expect(run.stdout).toContain('Merged from 3 shards of sharded check 8812-1');
    const markdown = renderMarkdown(run.report, {
      limit: COMMENT_LIMIT,
      marker: commentMarker(SHARD_STACK, 'merge'),
    });
    expect(markdown).toContain('<!-- lmi-cutover:merge:webhook-test -->');
    expect(markdown).toContain('Merged from 3 shards of sharded check 8812-1');
    expect(markdown).toContain(
      "Every shard was sending for 100 % of the LMI burst's span and 100 % of the twin's.",
    );
  });

  it('exits 1 on a breached gate, with the merged figures', async () => {
    const shards = [1, 2, 3].map((index) => fakeShard({ index, lmi: { errors: 1 } }));
    const run = await cli(await shardDir(shards), '--max-p95-ms', '5000');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[GATE_FAILED]');
    expect(run.stderr).toContain('max-error-rate: 3% of 100 requests failed (3)');
    expect(run.report.run).toMatchObject({
      mode: 'merge',
      outcome: 'failure',
      error: { code: 'GATE_FAILED' },
    });
  });

  it('exits 1 on a refused merge, naming each problem; max-p95-ms auto reads the shards’ baseline', async () => {
    const refused = await cli(await shardDir([fakeShard({ index: 1 }), fakeShard({ index: 2 })]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[SHARDS_REFUSED]');
    expect(refused.stderr).toContain('shard 3/3 is missing');
    expect(refused.report.timeline).toEqual([expect.objectContaining({ stage: 'load', outcome: 'failed' })]);
    const auto = await cli(await shardDir(three()));
    expect(auto.code).toBe(0);
    expect(auto.report.load?.p95Baseline).toMatchObject({ side: 'standard', factor: 1.5 });
  });
});
