// The sticky comment against a local fake of GitHub's REST API, reached the way the Action
// reaches GitHub: @actions/github reads GITHUB_API_URL when it is first imported.
import { recordingLog } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACTIONS_APP, ACTIONS_BOT, FakeGitHub, type FakeUser } from '../fakes/github-api.js';

type CommentModule = typeof import('../../src/github/comment.js');

const OWNER = 'acme';
const REPO = 'webhooks';
const STACK = 'webhook-prod';
const MARKER = `<!-- lmi-cutover:${STACK} -->`;
const ALICE: FakeUser = { login: 'alice', id: 101, type: 'User' };
const BOB: FakeUser = { login: 'bob', id: 102, type: 'User' };

let fake: FakeGitHub;
let mod: CommentModule;
let nextIssue = 1;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake
    .addToken('pat-alice', { user: ALICE, access: 'write' })
    .addToken('gh-token', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'write' })
    .addToken('gh-token-fork', { user: ACTIONS_BOT, app: ACTIONS_APP, access: 'read' })
    .addToken('pat-readonly', { user: ALICE, access: 'read' });
  process.env.GITHUB_API_URL = fake.url;
  mod = await import('../../src/github/comment.js');
});

afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  await fake.close();
});

/** A fresh pull request for each test, so tests cannot see each other's comments. */
function newPr(): number {
  const n = nextIssue++;
  fake.addIssue(OWNER, REPO, n);
  return n;
}

const upsert = (issueNumber: number, token: string, body: string, log = recordingLog()) =>
  mod.upsertStickyComment({ token, owner: OWNER, repo: REPO, issueNumber, stackName: STACK, body }, log);

const patches = () => fake.requests.filter((r) => r.method === 'PATCH');

describe('upsertStickyComment', () => {
  it('creates the comment with the marker on top when there is none', async () => {
    const pr = newPr();
    const log = recordingLog();
    const r = await upsert(pr, 'pat-alice', '## report v1', log);
    expect(r).toEqual({
      type: 'created',
      id: expect.any(Number),
      url: expect.stringMatching(
        new RegExp(`^https://github.com/acme/webhooks/pull/${pr}#issuecomment-\\d+$`),
      ),
    });
    const [c, ...rest] = fake.comments(OWNER, REPO, pr);
    expect(rest).toHaveLength(0);
    expect(c!.body).toBe(`${MARKER}\n## report v1`);
    expect(c!.user.login).toBe('alice');
    expect(log.warnings).toEqual([]);
  });

  it('updates the same comment on the next run instead of adding one', async () => {
    const pr = newPr();
    const first = await upsert(pr, 'pat-alice', '## report v1');
    const second = await upsert(pr, 'pat-alice', `${MARKER}\n## report v2`);
    expect(second.type).toBe('updated');
    expect(second.type !== 'skipped' && first.type !== 'skipped' && second.id === first.id).toBe(true);
    const comments = fake.comments(OWNER, REPO, pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${MARKER}\n## report v2`);
  });

  it('finds its comment on a later page among more than 100 comments', async () => {
    const pr = newPr();
    for (let i = 0; i < 180; i++) fake.seedComment(OWNER, REPO, pr, i % 2 ? BOB : ALICE, `chatter ${i}`);
    const ours = fake.seedComment(OWNER, REPO, pr, ALICE, `${MARKER}\nold report`);
    for (let i = 0; i < 70; i++) fake.seedComment(OWNER, REPO, pr, BOB, `more chatter ${i}`);
    const before = fake.requests.length;

    const r = await upsert(pr, 'pat-alice', 'new report');
    expect(r).toMatchObject({ type: 'updated', id: ours.id });
    expect(ours.body).toBe(`${MARKER}\nnew report`);
    expect(fake.comments(OWNER, REPO, pr)).toHaveLength(251);
    const listed = fake.requests
      .slice(before)
      .filter((q) => q.method === 'GET' && q.path.includes(`/issues/${pr}/comments`));
    expect(listed.map((q) => new URL(q.path, fake.url).searchParams.get('page') ?? '1')).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('never touches another user’s comment that carries the same marker', async () => {
    const pr = newPr();
    const bobs = fake.seedComment(OWNER, REPO, pr, BOB, `${MARKER}\nbob quoting the report`);
    const patchesBefore = patches().length;
    const r = await upsert(pr, 'pat-alice', 'report');
    expect(r.type).toBe('created');
    expect(bobs.body).toBe(`${MARKER}\nbob quoting the report`);
    expect(patches().length).toBe(patchesBefore);
    expect(fake.comments(OWNER, REPO, pr)).toHaveLength(2);
  });

  it('ignores the sticky comment of another stack', async () => {
    const pr = newPr();
    const staging = fake.seedComment(
      OWNER,
      REPO,
      pr,
      ALICE,
      '<!-- lmi-cutover:webhook-staging -->\nstaging report',
    );
    const r = await upsert(pr, 'pat-alice', 'prod report');
    expect(r.type).toBe('created');
    expect(staging.body).toContain('staging report');
  });

  it('keeps a plan of the stack in its own comment, apart from the runs on it', async () => {
    const pr = newPr();
    const run = await upsert(pr, 'pat-alice', 'run report');
    const planMarker = `<!-- lmi-cutover:plan:${STACK} -->`;
    const plan = () =>
      mod.upsertStickyComment(
        {
          token: 'pat-alice',
          owner: OWNER,
          repo: REPO,
          issueNumber: pr,
          stackName: STACK,
          body: 'plan',
          marker: planMarker,
        },
        recordingLog(),
      );
    const first = await plan();
    expect(first.type).toBe('created');
    // The next plan updates the plan's comment; the run's comment is left as it was.
    const second = await plan();
    expect(second).toMatchObject({ type: 'updated', id: (first as { id: number }).id });
    const bodies = fake.comments(OWNER, REPO, pr).map((c) => c.body);
    expect(bodies).toEqual([`${MARKER}\nrun report`, `${planMarker}\nplan`]);
    expect(run.type).toBe('created');
  });

  it('updates the comment it already wrote by id, without listing the thread; finds it again when it is gone', async () => {
    const pr = newPr();
    const first = await upsert(pr, 'pat-alice', 'deploying…');
    const id = (first as { id: number }).id;
    const byId = (body: string) =>
      mod.upsertStickyComment(
        {
          token: 'pat-alice',
          owner: OWNER,
          repo: REPO,
          issueNumber: pr,
          stackName: STACK,
          body,
          commentId: id,
        },
        recordingLog(),
      );
    const before = fake.requests.length;
    expect(await byId('deploy ended')).toMatchObject({ type: 'updated', id });
    expect(fake.requests.slice(before).map((q) => q.method)).toEqual(['PATCH']);
    expect(fake.comments(OWNER, REPO, pr)[0]!.body).toBe(`${MARKER}\ndeploy ended`);
    // Someone deleted it: the usual search by marker finds none, and one new comment is made.
    fake.deleteComment(id);
    const again = await byId('final report');
    expect(again.type).toBe('created');
    expect(fake.comments(OWNER, REPO, pr).map((c) => c.body)).toEqual([`${MARKER}\nfinal report`]);
  });

  it('gives up when its signal aborts, saying GitHub did not answer in time', async () => {
    const pr = newPr();
    const log = recordingLog();
    const r = await mod.upsertStickyComment(
      {
        token: 'pat-alice',
        owner: OWNER,
        repo: REPO,
        issueNumber: pr,
        stackName: STACK,
        body: 'report',
        signal: AbortSignal.abort(),
      },
      log,
    );
    expect(r).toEqual({
      type: 'skipped',
      reason: `GitHub did not answer in time for acme/webhooks#${pr}`,
    });
    expect(fake.comments(OWNER, REPO, pr)).toEqual([]);
  });

  it('with GITHUB_TOKEN (GET /user is 403) matches github-actions[bot], never a person', async () => {
    const pr = newPr();
    const human = fake.seedComment(OWNER, REPO, pr, ALICE, `${MARKER}\npasted by a person`);
    const bot = fake.seedComment(OWNER, REPO, pr, ACTIONS_BOT, `${MARKER}\nold`, ACTIONS_APP);
    const log = recordingLog();
    const r = await upsert(pr, 'gh-token', 'new', log);
    expect(r).toMatchObject({ type: 'updated', id: bot.id });
    expect(bot.body).toBe(`${MARKER}\nnew`);
    expect(human.body).toBe(`${MARKER}\npasted by a person`);
    expect(log.warnings).toEqual([]);
  });

  it('with GITHUB_TOKEN creates a comment written as github-actions[bot]', async () => {
    const pr = newPr();
    const r = await upsert(pr, 'gh-token', 'first');
    expect(r.type).toBe('created');
    expect(fake.comments(OWNER, REPO, pr)[0]!.user.login).toBe('github-actions[bot]');
    expect((await upsert(pr, 'gh-token', 'second')).type).toBe('updated');
  });

  it('on a fork’s pull request (read-only GITHUB_TOKEN) warns once and skips', async () => {
    const pr = newPr();
    const log = recordingLog();
    const r = await upsert(pr, 'gh-token-fork', 'report', log);
    expect(r.type).toBe('skipped');
    expect(r.type === 'skipped' && r.reason).toMatch(/403 Resource not accessible by integration/);
    expect(r.type === 'skipped' && r.reason).toMatch(/pull-requests: write/);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/^PR comment skipped: /);
    expect(fake.comments(OWNER, REPO, pr)).toHaveLength(0);
  });

  it('with a read-only token and an existing comment, warns once and leaves the comment alone', async () => {
    const pr = newPr();
    const mine = fake.seedComment(OWNER, REPO, pr, ALICE, `${MARKER}\nold`);
    const log = recordingLog();
    const r = await upsert(pr, 'pat-readonly', 'new', log);
    expect(r.type).toBe('skipped');
    expect(log.warnings).toHaveLength(1);
    expect(mine.body).toBe(`${MARKER}\nold`);
  });

  it('an unknown pull request is a 404: skipped with the reason', async () => {
    const log = recordingLog();
    const r = await upsert(99_999, 'pat-alice', 'report', log);
    expect(r.type === 'skipped' && r.reason).toMatch(/acme\/webhooks#99999 was not found.*404 Not Found/);
    expect(log.warnings).toHaveLength(1);
  });

  it('a rejected token is a 401: skipped with the reason', async () => {
    const pr = newPr();
    const log = recordingLog();
    const r = await upsert(pr, 'not-a-token', 'report', log);
    expect(r.type === 'skipped' && r.reason).toMatch(/401 Bad credentials/);
    expect(log.warnings).toHaveLength(1);
  });

  it('refuses a body over GitHub’s limit before calling GitHub', async () => {
    const pr = newPr();
    const before = fake.requests.length;
    const log = recordingLog();
    const r = await upsert(pr, 'pat-alice', 'x'.repeat(70_000), log);
    expect(r.type === 'skipped' && r.reason).toMatch(/over GitHub's 65,536-character comment limit/);
    expect(fake.requests.length).toBe(before);
    expect(log.warnings).toHaveLength(1);
  });

  it('recreates the comment when it was deleted between listing and updating', async () => {
    const pr = newPr();
    const mine = fake.seedComment(OWNER, REPO, pr, ALICE, `${MARKER}\nold`);
    fake.afterNextList(() => fake.deleteComment(mine.id));
    const before = fake.requests.length;
    const r = await upsert(pr, 'pat-alice', 'new');
    expect(r.type).toBe('created');
    expect(fake.requests.slice(before).map((q) => `${q.method} ${q.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'PATCH 404',
      'POST 201',
    ]);
    expect(fake.comments(OWNER, REPO, pr).map((c) => c.body)).toEqual([`${MARKER}\nnew`]);
  });

  it('honours an explicit apiUrl (GitHub Enterprise) over GITHUB_API_URL', async () => {
    const ghes = await FakeGitHub.start();
    try {
      ghes.addToken('pat-alice', { user: ALICE, access: 'write' }).addIssue(OWNER, REPO, 1);
      const r = await mod.upsertStickyComment(
        {
          token: 'pat-alice',
          owner: OWNER,
          repo: REPO,
          issueNumber: 1,
          stackName: STACK,
          body: 'x',
          apiUrl: ghes.url,
        },
        recordingLog(),
      );
      expect(r.type).toBe('created');
      expect(ghes.comments(OWNER, REPO, 1)).toHaveLength(1);
    } finally {
      await ghes.close();
    }
  });
});

describe('pullRequestNumber', () => {
  it('reads the pull request of pull_request events and of comments on a PR', () => {
    expect(
      mod.pullRequestNumber({ eventName: 'pull_request', payload: { pull_request: { number: 12 } } }),
    ).toBe(12);
    expect(mod.pullRequestNumber({ eventName: 'pull_request_target', payload: { number: 13 } })).toBe(13);
    expect(
      mod.pullRequestNumber({
        eventName: 'issue_comment',
        payload: { issue: { number: 14, pull_request: {} } },
      }),
    ).toBe(14);
    expect(
      mod.pullRequestNumber({ eventName: 'issue_comment', payload: { issue: { number: 15 } } }),
    ).toBeUndefined();
  });

  it('takes an explicit number on push and workflow_dispatch, and none means no comment', () => {
    expect(mod.pullRequestNumber({ eventName: 'push', payload: {} })).toBeUndefined();
    expect(mod.pullRequestNumber({ eventName: 'push', payload: {} }, '')).toBeUndefined();
    expect(mod.pullRequestNumber({ eventName: 'workflow_dispatch', payload: {} }, '42')).toBe(42);
    expect(mod.pullRequestNumber({ eventName: 'push', payload: {} }, '#7')).toBe(7);
    expect(mod.pullRequestNumber({ eventName: 'pull_request', payload: { number: 3 } }, 8)).toBe(8);
  });

  it('rejects a bad explicit number naming the input', () => {
    expect(() => mod.pullRequestNumber({ eventName: 'push', payload: {} }, 'abc')).toThrow(
      'pr-number: "abc" is not a pull request number; give a whole number such as 42, or leave it empty',
    );
    expect(() => mod.pullRequestNumber({ eventName: 'push', payload: {} }, '0')).toThrow(/pr-number/);
  });
});
