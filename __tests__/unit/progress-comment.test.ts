// The live PR comment against a local fake of GitHub's REST API: written when the run starts,
// updated in the same comment as stages end and canary steps are baked, coalesced while a write
// is in flight, a failed write only warns, and the final report replaces it. Untrusted text is
// neutralised as in the final report.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACTIONS_APP, ACTIONS_BOT, FakeGitHub } from '../fakes/github-api.js';
import { ReportBuilder } from '../../src/report/builder.js';
import type { MessageSpec } from '../../src/core/progress.js';
import type { CutoverStep } from '../../src/core/domain.js';
import { fakeClock, testConfig } from './support.js';

type LiveModule = typeof import('../../src/github/live-comment.js');
type PublishModule = typeof import('../../src/github/publish-report.js');

const OWNER = 'acme';
const REPO = 'webhooks';
let fake: FakeGitHub;
let live: LiveModule;
let publish: PublishModule;
let nextPr = 500;
const saved = process.env.GITHUB_API_URL;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake
    .addToken('gh-token', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'write' })
    .addToken('gh-token-fork', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'read' });
  process.env.GITHUB_API_URL = fake.url;
  live = await import('../../src/github/live-comment.js');
  publish = await import('../../src/github/publish-report.js');
});
afterAll(async () => {
  if (saved === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = saved;
  await fake.close();
});

/** Every line with its code and level. */
function recorder() {
  const lines: Array<{ code: string; level: string; text: string }> = [];
  return {
    lines,
    emit: (m: MessageSpec, text: string) => void lines.push({ code: m.code, level: m.level, text }),
    count: (code: string) => lines.filter((l) => l.code === code).length,
    warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.text),
  };
}

/** Polls until `done` holds (the queue runs on its own; the test waits for GitHub's answers). */
async function until(done: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function pullRequest() {
  const pr = nextPr++;
  fake.addIssue(OWNER, REPO, pr);
  const context = {
    eventName: 'pull_request',
    payload: { pull_request: { number: pr } },
    repository: { owner: OWNER, repo: REPO },
  };
  const stackName = `webhook-pr-${pr}`;
  return { pr, context, stackName, marker: `<!-- lmi-cutover:${stackName} -->` };
}

const writesTo = (pr: number) => {
  const ids = new Set(fake.comments(OWNER, REPO, pr).map((c) => c.id));
  return fake.writes.filter((w) => ids.has(w.id));
};

const UPDATED = 'github.progress-comment-updated';

/** One turn of the event loop: an update queued before it has been sent when it ends. */
const nextTurn = () => new Promise((r) => setImmediate(r));

const step = (percent: number): CutoverStep => ({
  percent,
  startedAt: '2025-01-02T03:10:00.000Z',
  bakeSeconds: 120,
  probes: 1800,
  candidate: { count: 180, errors: 0, latency: { count: 180, p50: 20, p95: 31 } },
  production: { count: 1620, errors: 1, latency: { count: 1620, p50: 18, p95: 29 } },
  observedCandidatePercent: 10,
  tolerancePercent: 5,
  gates: [],
  passed: true,
});

describe('the live PR comment of a run', () => {
  it('is written at the start and updated in the same comment as each stage ends', async () => {
    const { pr, context, stackName, marker } = pullRequest();
    const log = recorder();
    const config = testConfig({ mode: 'full', stackName, githubToken: 'gh-token' });
    const comment = live.startProgressComment(config, context, log)!;
    const report = new ReportBuilder({
      mode: 'full',
      stackName,
      clock: fakeClock(),
      region: 'us-east-1',
      trigger: {
        event: 'pull_request',
        sha: 'abc1234def5678',
        runUrl: 'https://github.com/acme/webhooks/actions/runs/99',
        pullRequest: pr,
      },
      onUpdate: comment.onReportUpdate,
    });
    const written = () => log.count(UPDATED);

    report.announce();
    await until(() => written() === 1, 'the start comment');
    const [start] = fake.comments(OWNER, REPO, pr);
    expect(start!.body.split('\n')[0]).toBe(marker);
    expect(start!.body).toContain(`## ⏳ lmi-cutover \`full\` deploying… on \`${stackName}\``);
    expect(start!.body).toContain(
      '[workflow run](https://github.com/acme/webhooks/actions/runs/99) · PR #' + pr + ' · commit `abc1234`',
    );
    expect(start!.body).toContain('**Now:** starting.');
    expect(log.lines.find((l) => l.code === 'github.progress-comment-posted')?.text).toMatch(
      new RegExp(`^Live PR comment on acme/webhooks#${pr}, updated as each stage ends: https://github.com/`),
    );

    await report.stage('deploy', async () => {
      await until(() => written() === 2, 'the deploy stage starting');
      expect(start!.body).toContain('**Now:** deploy, since');
    });
    await until(() => written() === 3, 'the deploy stage ending');
    expect(start!.body).toMatch(/\| deploy \| ✅ passed \|/);
    await report.stage('cutover', async () => {
      await until(() => written() === 4);
      report.cutoverStep(step(10));
      await until(() => written() === 5, 'the first canary step');
      expect(start!.body).toContain('### Canary steps so far');
      expect(start!.body).toMatch(/\| 10 % \| 03:10:00Z \| 2m00s \| 1,800 \| 10 % \|/);
    });
    await until(() => written() === 6);

    const id = await comment.close();
    expect(id).toBe(start!.id);
    // One comment: created once, then updated by id — no list, no second comment.
    expect(fake.comments(OWNER, REPO, pr)).toHaveLength(1);
    expect(writesTo(pr).map((w) => w.method)).toEqual(['POST', ...Array<string>(5).fill('PATCH')]);
    expect(new Set(writesTo(pr).map((w) => w.id))).toEqual(new Set([start!.id]));
    const listed = fake.requests.filter(
      (q) => q.method === 'GET' && q.path.includes(`/issues/${pr}/comments`),
    );
    expect(listed).toHaveLength(1);
    expect(log.warnings()).toEqual([]);

    // The final report replaces it, in the same comment.
    report.finish({ outcome: 'success' });
    await publish.publishReport(report.report, {
      config,
      cwd: '/tmp',
      context,
      log,
      setOutput: () => undefined,
      commentId: id,
    });
    const [final, ...more] = fake.comments(OWNER, REPO, pr);
    expect(more).toEqual([]);
    expect(final!.id).toBe(start!.id);
    expect(final!.body).toContain(`## ✅ lmi-cutover \`full\` succeeded on \`${stackName}\``);
    expect(final!.body).not.toContain('live progress');
  });

  it('coalesces updates while one is in flight: only the newest state is sent next', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const { target } = publish.commentTarget(testConfig({ stackName, githubToken: 'gh-token' }), context);
    const comment = live.liveComment(target!, log);
    const drawn: number[] = [];
    const update = (i: number) =>
      comment.update(() => {
        drawn.push(i);
        return `state ${i}`;
      });
    update(1);
    await nextTurn(); // the first is on its way to GitHub
    for (let i = 2; i <= 10; i++) update(i);
    await until(() => log.count(UPDATED) === 2);
    // The first was sent at once; the nine queued behind it became one, drawn when sent.
    expect(drawn).toEqual([1, 10]);
    expect(writesTo(pr).map((w) => [w.method, w.body.split('\n')[1]])).toEqual([
      ['POST', 'state 1'],
      ['PATCH', 'state 10'],
    ]);
    await comment.close();
  });

  it('sends a burst of updates made in one turn as one', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const { target } = publish.commentTarget(testConfig({ stackName, githubToken: 'gh-token' }), context);
    const comment = live.liveComment(target!, log);
    let drawn = 0;
    // update() does no work in the caller's turn: nothing is drawn until the next one.
    for (let i = 1; i <= 5; i++)
      comment.update(() => {
        drawn++;
        return `burst ${i}`;
      });
    expect(drawn).toBe(0);
    await until(() => log.count(UPDATED) === 1);
    await comment.close();
    expect(drawn).toBe(1);
    expect(writesTo(pr).map((w) => w.body.split('\n')[1])).toEqual(['burst 5']);
  });

  it('drops the update not yet sent when closed, after the one in flight lands', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const { target } = publish.commentTarget(testConfig({ stackName, githubToken: 'gh-token' }), context);
    const comment = live.liveComment(target!, log);
    comment.update(() => 'first');
    await nextTurn();
    comment.update(() => 'never sent: the final report replaces it');
    const id = await comment.close();
    expect(writesTo(pr)).toEqual([{ method: 'POST', id, body: expect.stringContaining('first') }]);
    comment.update(() => 'after close');
    await new Promise((r) => setTimeout(r, 50));
    expect(writesTo(pr)).toHaveLength(1);
  });

  it('warns when an update fails and goes on with the next one', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const { target } = publish.commentTarget(testConfig({ stackName, githubToken: 'gh-token' }), context);
    const comment = live.liveComment(target!, log);
    comment.update(() => 'start');
    await until(() => log.count(UPDATED) === 1);
    fake.failWrites(1, 502);
    comment.update(() => 'deploy ended');
    await until(() => log.warnings().length === 1, 'the warning');
    expect(log.warnings()[0]).toMatch(
      new RegExp(
        `^Live PR comment on acme/webhooks#${pr} not updated: .*502.*\\. The run goes on, and the final report is still posted at the end\\.$`,
      ),
    );
    comment.update(() => 'provision ended');
    await until(() => fake.comments(OWNER, REPO, pr)[0]!.body.includes('provision ended'));
    expect(fake.comments(OWNER, REPO, pr)).toHaveLength(1);
    await comment.close();
  });

  it('stops after GitHub refuses (a read-only token), warning once', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const config = testConfig({ stackName, githubToken: 'gh-token-fork' });
    const { target } = publish.commentTarget(config, context);
    const comment = live.liveComment(target!, log);
    comment.update(() => 'start');
    await until(() => log.warnings().length === 1);
    const requests = fake.requests.length;
    comment.update(() => 'deploy ended');
    comment.update(() => 'provision ended');
    await expect(comment.close()).resolves.toBeUndefined();
    expect(fake.requests.length).toBe(requests);
    expect(log.warnings()).toEqual([
      expect.stringMatching(
        /not updated: the token cannot comment on .*\(403 Resource not accessible by integration\).*; no more live updates in this run, and the final report is still posted at the end\.$/,
      ),
    ]);
    expect(fake.comments(OWNER, REPO, pr)).toEqual([]);
  });

  it('gives up on an update GitHub does not answer in time, and stops after three failures in a row', async () => {
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    try {
      const { context, stackName } = pullRequest();
      const log = recorder();
      const { target } = publish.commentTarget(testConfig({ stackName, githubToken: 'gh-token' }), context);
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      const comment = live.liveComment({ ...target!, apiUrl: url }, log, { timeoutMs: 100 });
      const started = Date.now();
      for (let i = 1; i <= 4; i++) {
        comment.update(() => `state ${i}`);
        await until(() => log.warnings().length === Math.min(i, 3), `failure ${i}`);
      }
      await comment.close();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(log.warnings()).toHaveLength(3);
      expect(log.warnings()[0]).toMatch(
        /not updated: GitHub did not answer in time for acme\/webhooks#\d+\. The run goes on,/,
      );
      expect(log.warnings()[2]).toMatch(/; no more live updates in this run,/);
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });

  it('neutralises untrusted text as the final report does', async () => {
    const { pr, context, stackName } = pullRequest();
    const log = recorder();
    const comment = live.startProgressComment(
      testConfig({ stackName, githubToken: 'gh-token' }),
      context,
      log,
    )!;
    const report = new ReportBuilder({
      mode: 'deploy',
      stackName,
      clock: fakeClock(),
      onUpdate: comment.onReportUpdate,
    });
    await expect(
      report.stage('deploy', async () => {
        throw new Error('<img src=x onerror=alert(1)> ping @octocat, [approve](https://evil.example) | -->');
      }),
    ).rejects.toThrow();
    await until(() => fake.comments(OWNER, REPO, pr)[0]?.body.includes('❌ failed') === true);
    await comment.close();
    const body = fake.comments(OWNER, REPO, pr)[0]!.body;
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('@\u200boctocat');
    expect(body).toContain('\\[approve\\](https:\u200b//evil.example)');
    expect(body).toContain('\\| --&gt;');
  });

  it('is not started where the final comment would not be posted, or when progress-comment is off', () => {
    const { context, stackName } = pullRequest();
    const log = recorder();
    const on = { stackName, githubToken: 'gh-token' };
    expect(live.startProgressComment(testConfig(on), context, log)).toBeDefined();
    expect(
      live.startProgressComment(testConfig({ ...on, progressComment: false }), context, log),
    ).toBeUndefined();
    expect(live.startProgressComment(testConfig({ ...on, comment: false }), context, log)).toBeUndefined();
    expect(live.startProgressComment(testConfig({ stackName }), context, log)).toBeUndefined();
    expect(
      live.startProgressComment(testConfig(on), { ...context, eventName: 'push', payload: {} }, log),
    ).toBeUndefined();
    expect(log.lines).toEqual([]);
  });
});
