// The end of every Action run: the report JSON at report-path, the job summary and the sticky
// PR comment, against a local GitHub fake. None of them may fail the run.
import type { MessageSpec } from '../../src/core/progress.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS_APP, ACTIONS_BOT, FakeGitHub } from '../fakes/github-api.js';
import { ReportBuilder } from '../../src/report/builder.js';
import type { ReadonlyReport } from '../../src/report/model.js';
import { fakeClock, testConfig } from './support.js';

type PublishModule = typeof import('../../src/github/publish-report.js');

const dir = mkdtempSync(join(tmpdir(), 'lmi-publish-'));
const summaryFile = join(dir, 'step-summary.md');
let fake: FakeGitHub;
let mod: PublishModule;
const saved = { api: process.env.GITHUB_API_URL, summary: process.env.GITHUB_STEP_SUMMARY };

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake
    .addToken('gh-token', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'write' })
    .addToken('gh-token-fork', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'read' })
    .addIssue('acme', 'webhooks', 42, { pullRequest: true });
  process.env.GITHUB_API_URL = fake.url;
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  mod = await import('../../src/github/publish-report.js');
});
afterAll(async () => {
  for (const [key, value] of [
    ['GITHUB_API_URL', saved.api],
    ['GITHUB_STEP_SUMMARY', saved.summary],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => writeFileSync(summaryFile, ''));

function report(): ReadonlyReport {
  const clock = fakeClock();
  const builder = new ReportBuilder({
    mode: 'verify',
    stackName: 'webhook-pr-42',
    clock,
    region: 'us-east-1',
  });
  builder.smoke([
    {
      name: 'health',
      target: 'lmi',
      request: 'GET /health',
      expected: '200',
      actual: '200 ok',
      passed: true,
      durationMs: 5,
    },
  ]);
  return builder.finish({ error: { code: 'GATE_FAILED', message: 'The LMI version failed 1 gate.' } });
}

function recorder() {
  const infos: string[] = [];
  const warnings: string[] = [];
  const outputs: Record<string, string> = {};
  return {
    infos,
    warnings,
    outputs,
    log: {
      emit: (m: MessageSpec, text: string) => void (m.level === 'info' ? infos : warnings).push(text),
    },
    setOutput: (k: string, v: string) => (outputs[k] = v),
  };
}

const context = {
  eventName: 'pull_request',
  payload: { pull_request: { number: 42 } },
  repository: { owner: 'acme', repo: 'webhooks' },
};

describe('publishReport', () => {
  it('writes the JSON, the job summary and one sticky comment that later runs update', async () => {
    const r = recorder();
    const config = testConfig({
      stackName: 'webhook-pr-42',
      reportPath: 'out/report.json',
      githubToken: 'gh-token',
    });
    await mod.publishReport(report(), { config, cwd: dir, context, log: r.log, setOutput: r.setOutput });
    expect(r.warnings).toEqual([]);
    expect(r.outputs['report-path']).toBe(join(dir, 'out/report.json'));
    const json = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as ReadonlyReport;
    expect(json.run).toMatchObject({ outcome: 'failure', error: { code: 'GATE_FAILED' } });
    expect(readFileSync(summaryFile, 'utf8')).toContain('webhook-pr-42');
    const comments = fake.comments('acme', 'webhooks', 42);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- lmi-cutover:webhook-pr-42 -->')).toBe(true);

    await mod.publishReport(report(), { config, cwd: dir, context, log: r.log, setOutput: r.setOutput });
    expect(fake.comments('acme', 'webhooks', 42)).toHaveLength(1);
  });

  it('warns and goes on when the token cannot comment or the report cannot be written', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const r = recorder();
    const config = testConfig({
      stackName: 'webhook-fork',
      reportPath: 'a-file/report.json',
      githubToken: 'gh-token-fork',
    });
    await expect(
      mod.publishReport(report(), { config, cwd: dir, context, log: r.log, setOutput: r.setOutput }),
    ).resolves.toBeUndefined();
    expect(r.outputs['report-path']).toBeUndefined();
    expect(r.warnings[0]).toMatch(/^Writing the report to .*a-file\/report\.json failed: /);
    expect(r.warnings[1]).toMatch(
      /^PR comment skipped: the token cannot comment on acme\/webhooks#42 \(403 /,
    );
    expect(fake.comments('acme', 'webhooks', 42).some((c) => c.body.includes('webhook-fork'))).toBe(false);
  });

  it('comments only when asked and when there is a pull request', async () => {
    const before = fake.requests.length;
    const off = recorder();
    await mod.publishReport(report(), {
      config: testConfig({ comment: false, githubToken: 'gh-token' }),
      cwd: dir,
      context,
      log: off.log,
      setOutput: off.setOutput,
    });
    const push = recorder();
    await mod.publishReport(report(), {
      config: testConfig({ githubToken: 'gh-token' }),
      cwd: dir,
      context: { ...context, eventName: 'push', payload: {} },
      log: push.log,
      setOutput: push.setOutput,
    });
    expect(fake.requests.length).toBe(before);
    expect(push.infos).toContain(
      'No pull request to comment on (set pr-number for push and workflow_dispatch runs).',
    );
  });

  it('describes the run that produced the report', () => {
    expect(
      mod.runTrigger(
        { ...context, sha: 'abc1234', ref: 'refs/pull/42/merge', serverUrl: 'https://github.com', runId: 99 },
        undefined,
      ),
    ).toEqual({
      event: 'pull_request',
      sha: 'abc1234',
      ref: 'refs/pull/42/merge',
      runUrl: 'https://github.com/acme/webhooks/actions/runs/99',
      pullRequest: 42,
    });
  });
});
