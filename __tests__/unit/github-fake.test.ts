// The fake answers like GitHub: if it did not, the comment tests would prove nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeGitHub } from '../fakes/github-api.js';

let fake: FakeGitHub;
const ALICE = { login: 'alice', id: 101, type: 'User' as const };

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken('t', { user: ALICE, access: 'write' }).addIssue('o', 'r', 1);
  for (let i = 0; i < 65; i++) fake.seedComment('o', 'r', 1, ALICE, `c${i}`);
});
afterAll(() => fake.close());

const get = (path: string, token: string | null = 't') =>
  fetch(`${fake.url}${path}`, { headers: token ? { authorization: `token ${token}` } : {} });

describe('fake GitHub REST API', () => {
  it('pages 30 by default with GitHub’s Link header', async () => {
    const res = await get('/repos/o/r/issues/1/comments');
    const body = (await res.json()) as { body: string }[];
    expect(body).toHaveLength(30);
    expect(res.headers.get('link')).toBe(
      `<${fake.url}/repos/o/r/issues/1/comments?per_page=30&page=2>; rel="next", <${fake.url}/repos/o/r/issues/1/comments?per_page=30&page=3>; rel="last"`,
    );
    const last = await get('/repos/o/r/issues/1/comments?page=3');
    expect(((await last.json()) as unknown[]).length).toBe(5);
    expect(last.headers.get('link')).toMatch(/rel="prev".*rel="first"/);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('caps per_page at 100', async () => {
    const res = await get('/repos/o/r/issues/1/comments?per_page=500');
    expect(((await res.json()) as unknown[]).length).toBe(65);
    expect(res.headers.get('link')).toBeNull();
  });

  it('shapes comments like GitHub', async () => {
    const [c] = (await (await get('/repos/o/r/issues/1/comments?per_page=1')).json()) as Record<
      string,
      unknown
    >[];
    expect(c).toMatchObject({
      id: expect.any(Number),
      url: expect.stringMatching(/\/repos\/o\/r\/issues\/comments\/\d+$/),
      html_url: expect.stringMatching(/^https:\/\/github.com\/o\/r\/pull\/1#issuecomment-\d+$/),
      user: { login: 'alice', id: 101, type: 'User' },
      performed_via_github_app: null,
      body: 'c0',
    });
  });

  it('answers errors with { message, documentation_url, status }', async () => {
    const none = await get('/user', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    expect(await (await get('/user', 'wrong')).json()).toMatchObject({ message: 'Bad credentials' });
    const missing = await get('/repos/o/r/issues/2/comments');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Not Found', status: '404' });
  });

  it('refuses a body over 65,536 characters with 422', async () => {
    const res = await fetch(`${fake.url}/repos/o/r/issues/1/comments`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(65_537) }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'body', code: 'custom' }],
    });
  });
});
