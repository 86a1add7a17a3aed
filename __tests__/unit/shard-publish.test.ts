// The Action's end of a load shard: its shard report is written at shard-report-path with the
// path as an output (false when it cannot be, so the run fails), and it posts no PR comment —
// the live one included, which asks the same question — since the merge comments for the check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shardReportSchema } from '../../src/report/shard-report.js';
import { fakeShard } from './shard-fixture.js';
import { recordingLog, testConfig } from './support.js';

type PublishModule = typeof import('../../src/github/publish-report.js');
let publish: PublishModule;
const dir = mkdtempSync(join(tmpdir(), 'lmi-shard-publish-'));

beforeAll(async () => {
  publish = await import('../../src/github/publish-report.js');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shardConfig = (overrides = {}) =>
  testConfig({
    mode: 'verify',
    loadShard: { index: 2, count: 3, id: '8812-1' },
    githubToken: 'gh-token',
    ...overrides,
  });
const context = {
  eventName: 'pull_request',
  payload: { pull_request: { number: 14 } },
  repository: { owner: 'acme', repo: 'webhooks' },
};

describe('a load shard in the Action', () => {
  it('posts no PR comment, and says why', () => {
    expect(publish.commentTarget(shardConfig(), context)).toEqual({
      why: {
        message: expect.objectContaining({ code: 'github.shard-no-comment' }),
        text: "A load shard posts no PR comment: its share says nothing alone; the merge's report is the check's.",
      },
    });
    // A merge comments, under a marker of its own.
    const merge = publish.commentTarget(testConfig({ mode: 'merge', githubToken: 'gh-token' }), context);
    expect(merge.target?.marker).toBe('<!-- lmi-cutover:merge:webhook-test -->');
  });

  it('writes the shard report and its path as an output', async () => {
    const outputs: Record<string, string> = {};
    const log = recordingLog();
    const shard = fakeShard({ index: 2 });
    const ok = await publish.publishShardReport(shard, {
      config: shardConfig({ shardReportPath: 'out/shard.json' }),
      cwd: dir,
      log,
      setOutput: (k, v) => (outputs[k] = v),
    });
    expect(ok).toBe(true);
    expect(log.codes).toEqual(['github.shard-report-written']);
    expect(outputs).toEqual({ 'shard-report-path': join(dir, 'out', 'shard.json') });
    const written: unknown = JSON.parse(readFileSync(join(dir, 'out', 'shard.json'), 'utf8'));
    expect(shardReportSchema.parse(written)).toEqual(shard);
  });

  it('says it could not write the shard report, so the run fails', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const log = recordingLog();
    const ok = await publish.publishShardReport(fakeShard({ index: 1 }), {
      config: shardConfig({ shardReportPath: 'a-file/shard.json' }),
      cwd: dir,
      log,
      setOutput: () => undefined,
    });
    expect(ok).toBe(false);
    expect(log.codes).toEqual(['github.shard-report-write-failed']);
    expect(log.warnings[0]).toContain(
      `Writing the shard report to ${join(dir, 'a-file', 'shard.json')} failed`,
    );
  });
});
