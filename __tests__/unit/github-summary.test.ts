import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { recordingLog } from './support.js';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJobSummary } from '../../src/github/summary.js';
import { SUMMARY_LIMIT } from '../../src/report/markdown.js';
import { fullReport, hugeReport, markdownProblems } from './report.fixture.js';

// @actions/core remembers the summary file path after its first write, so one file serves all tests.
let dir: string;
let file: string;
const saved = process.env.GITHUB_STEP_SUMMARY;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'summary-'));
  file = join(dir, 'step_summary');
});
beforeEach(async () => {
  await writeFile(file, '');
  process.env.GITHUB_STEP_SUMMARY = file;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = saved;
  await rm(dir, { recursive: true, force: true });
});

describe('writeJobSummary', () => {
  it('is skipped cleanly outside GitHub Actions', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    const log = recordingLog();
    expect(await writeJobSummary(fullReport(), log)).toEqual({
      type: 'skipped',
      reason: 'GITHUB_STEP_SUMMARY is not set: not running in GitHub Actions',
    });
    expect(log.warnings).toEqual([]);
  });

  it('writes the report markdown to the step summary', async () => {
    const r = await writeJobSummary(fullReport(), recordingLog());
    const written = await readFile(file, 'utf8');
    expect(r).toEqual({ type: 'written', bytes: Buffer.byteLength(written), trimmed: [] });
    expect(written).toContain('## ✅ lmi-cutover `full` succeeded on `webhook-prod`');
    expect(written).not.toContain('<!-- lmi-cutover:');
  });

  it('keeps a huge report under 1 MiB and says it trimmed', async () => {
    const log = recordingLog();
    const r = await writeJobSummary(hugeReport(20_000, 5_000), log);
    expect(r.type).toBe('written');
    expect((await stat(file)).size).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(markdownProblems(await readFile(file, 'utf8'))).toEqual([]);
    expect(log.infos.join('\n')).toMatch(
      /Job summary trimmed to fit: left out 1[89],000 of 20,000 resource changes/,
    );
  });

  it('fits into what is left when the step summary already has text', async () => {
    await writeFile(file, 'x'.repeat(1_000_000));
    const r = await writeJobSummary(hugeReport(5_000, 3_000), recordingLog());
    expect(r.type).toBe('written');
    expect((await stat(file)).size).toBeLessThanOrEqual(SUMMARY_LIMIT);
  });

  it('warns and skips when the step summary is already full', async () => {
    await writeFile(file, 'x'.repeat(SUMMARY_LIMIT - 10));
    const log = recordingLog();
    const r = await writeJobSummary(fullReport(), log);
    expect(r.type).toBe('skipped');
    expect(log.warnings).toHaveLength(1);
    expect((await stat(file)).size).toBe(SUMMARY_LIMIT - 10);
  });
});
