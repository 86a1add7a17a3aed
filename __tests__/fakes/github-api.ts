// A local stand-in for the GitHub REST endpoints the sticky comment uses, answering the way
// GitHub does: token auth (401 "Bad credentials" / "Requires authentication"), installation
// tokens that cannot call GET /user (403), read-only and fork tokens that can read but not
// write (403 "Resource not accessible by integration"), 404 "Not Found" for unknown issues and
// comments, 422 for a missing or too-long body, Link-header pagination (per_page default 30,
// max 100), and comment objects shaped like GitHub's. Every error body is
// `{ message, documentation_url, status }`.
//
// Point @actions/github at it with GITHUB_API_URL = fake.url, set before the module is imported.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface FakeApp {
  id: number;
  slug: string;
  name: string;
}

export interface FakeToken {
  /** Whom comments made with this token are written as. */
  user: FakeUser;
  /** A GitHub App installation token (GITHUB_TOKEN is one): GET /user answers 403. */
  app?: FakeApp;
  /** 'read': a read-only token, or GITHUB_TOKEN on a pull request from a fork. */
  access: 'write' | 'read';
}

export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  issue: number;
  body: string;
  user: FakeUser;
  app: FakeApp | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export const ACTIONS_APP: FakeApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

const DOCS = 'https://docs.github.com/rest';
const MAX_BODY = 65_536;

/** A body GitHub accepted: every version a comment went through, in order. */
export interface CommentWrite {
  method: 'POST' | 'PATCH';
  id: number;
  body: string;
}

export class FakeGitHub {
  readonly requests: LoggedRequest[] = [];
  readonly writes: CommentWrite[] = [];
  private readonly tokens = new Map<string, FakeToken>();
  private readonly issues = new Map<string, { pullRequest: boolean }>();
  private readonly store: FakeComment[] = [];
  private nextId = 2_000_000_001;
  private clock = Date.UTC(2025, 11, 1, 9, 0, 0);
  private onList: (() => void) | undefined;
  private failingWrites: { count: number; status: number } | undefined;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeGitHub> {
    const server = createServer();
    const fake = new FakeGitHub(server);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => fake.send(req, res, 500, { message: String(err) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  addToken(token: string, spec: FakeToken): this {
    this.tokens.set(token, spec);
    return this;
  }

  addIssue(owner: string, repo: string, issue: number, opts: { pullRequest?: boolean } = {}): this {
    this.issues.set(issueKey(owner, repo, issue), { pullRequest: opts.pullRequest ?? true });
    return this;
  }

  /** A comment already on the issue, as if written earlier by `user` (through `app`, if given). */
  seedComment(
    owner: string,
    repo: string,
    issue: number,
    user: FakeUser,
    body: string,
    app: FakeApp | null = null,
  ): FakeComment {
    const at = this.tick();
    const c: FakeComment = {
      id: this.nextId++,
      owner,
      repo,
      issue,
      body,
      user,
      app,
      createdAt: at,
      updatedAt: at,
    };
    this.store.push(c);
    return c;
  }

  deleteComment(id: number): void {
    const i = this.store.findIndex((c) => c.id === id);
    if (i >= 0) this.store.splice(i, 1);
  }

  /** The next `count` comment writes (create or update) fail with `status`, as GitHub does when it has a bad moment. */
  failWrites(count: number, status = 502): void {
    this.failingWrites = { count, status };
  }

  /** Runs `fn` right after the next list page is served: lets a test race a change against the client. */
  afterNextList(fn: () => void): void {
    this.onList = fn;
  }

  comments(owner: string, repo: string, issue: number): FakeComment[] {
    return this.store.filter((c) => c.owner === owner && c.repo === repo && c.issue === issue);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);

    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!auth) return this.error(req, res, 401, 'Requires authentication', DOCS);
    const token = this.tokens.get(auth);
    if (!token) return this.error(req, res, 401, 'Bad credentials', DOCS);

    if (method === 'GET' && url.pathname === '/user') {
      if (token.app) {
        return this.error(
          req,
          res,
          403,
          'Resource not accessible by integration',
          `${DOCS}/users/users#get-the-authenticated-user`,
        );
      }
      return this.send(req, res, 200, this.userJson(token.user));
    }

    if ((method === 'POST' || method === 'PATCH') && this.failingWrites && this.failingWrites.count > 0) {
      this.failingWrites.count--;
      const { status } = this.failingWrites;
      return this.error(req, res, status, status >= 500 ? 'Server Error' : 'Failed', DOCS);
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (list) {
      const [, owner, repo, n] = list as unknown as [string, string, string, string];
      const issue = Number(n);
      if (!this.issues.has(issueKey(owner, repo, issue)))
        return this.error(req, res, 404, 'Not Found', `${DOCS}/issues/comments#list-issue-comments`);
      if (method === 'GET') return this.listPage(req, res, url, this.comments(owner, repo, issue));
      if (method === 'POST') {
        if (token.access !== 'write') {
          return this.error(
            req,
            res,
            403,
            'Resource not accessible by integration',
            `${DOCS}/issues/comments#create-an-issue-comment`,
          );
        }
        const body = this.validBody(req, res, raw, 'create-an-issue-comment');
        if (body === undefined) return;
        const c = this.seedComment(owner, repo, issue, token.user, body, token.app ?? null);
        this.writes.push({ method: 'POST', id: c.id, body });
        return this.send(req, res, 201, this.commentJson(c), {
          location: `${this.url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
        });
      }
    }

    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (one && method === 'PATCH') {
      const [, owner, repo, id] = one as unknown as [string, string, string, string];
      const c = this.store.find((x) => x.owner === owner && x.repo === repo && x.id === Number(id));
      if (!c)
        return this.error(req, res, 404, 'Not Found', `${DOCS}/issues/comments#update-an-issue-comment`);
      if (token.access !== 'write') {
        return this.error(
          req,
          res,
          403,
          'Resource not accessible by integration',
          `${DOCS}/issues/comments#update-an-issue-comment`,
        );
      }
      const body = this.validBody(req, res, raw, 'update-an-issue-comment');
      if (body === undefined) return;
      c.body = body;
      c.updatedAt = this.tick();
      this.writes.push({ method: 'PATCH', id: c.id, body });
      return this.send(req, res, 200, this.commentJson(c));
    }

    return this.error(req, res, 404, 'Not Found', DOCS);
  }

  /** One page of a list, with GitHub's Link header (first/prev only past page 1, next/last only before the end). */
  private listPage(req: IncomingMessage, res: ServerResponse, url: URL, all: FakeComment[]): void {
    const perPageAsked = Number(url.searchParams.get('per_page') ?? 30);
    const perPage = Number.isInteger(perPageAsked) && perPageAsked > 0 ? Math.min(perPageAsked, 100) : 30;
    const pageAsked = Number(url.searchParams.get('page') ?? 1);
    const page = Number.isInteger(pageAsked) && pageAsked > 0 ? pageAsked : 1;
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string) => {
      const u = new URL(url.toString());
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first')] : []),
    ];
    const hook = this.onList;
    this.onList = undefined;
    hook?.();
    this.send(
      req,
      res,
      200,
      items.map((c) => this.commentJson(c)),
      links.length > 0 ? { link: links.join(', ') } : {},
    );
  }

  private validBody(req: IncomingMessage, res: ServerResponse, raw: string, doc: string): string | undefined {
    let body: unknown;
    try {
      body = (JSON.parse(raw || '{}') as { body?: unknown }).body;
    } catch {
      this.error(req, res, 400, 'Problems parsing JSON', `${DOCS}/issues/comments#${doc}`);
      return undefined;
    }
    if (typeof body !== 'string') {
      this.error(
        req,
        res,
        422,
        'Invalid request.\n\n"body" wasn\'t supplied.',
        `${DOCS}/issues/comments#${doc}`,
      );
      return undefined;
    }
    if (body.length > MAX_BODY) {
      this.send(req, res, 422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_BODY} characters)`,
          },
        ],
        documentation_url: `${DOCS}/issues/comments#${doc}`,
        status: '422',
      });
      return undefined;
    }
    return body;
  }

  private commentJson(c: FakeComment) {
    const pr = this.issues.get(issueKey(c.owner, c.repo, c.issue))?.pullRequest ?? false;
    const api = `${this.url}/repos/${c.owner}/${c.repo}`;
    return {
      url: `${api}/issues/comments/${c.id}`,
      html_url: `https://github.com/${c.owner}/${c.repo}/${pr ? 'pull' : 'issues'}/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${api}/issues/${c.issue}`,
      id: c.id,
      node_id: `IC_kwDO${c.id.toString(36)}`,
      user: this.userJson(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
      body: c.body,
      performed_via_github_app: c.app
        ? {
            id: c.app.id,
            slug: c.app.slug,
            node_id: `MDM6QXBw${c.app.id}`,
            name: c.app.name,
            owner: this.userJson({ login: 'github', id: 9919, type: 'User' }),
          }
        : null,
    };
  }

  private userJson(u: FakeUser) {
    return {
      login: u.login,
      id: u.id,
      node_id: `MDQ6VXNlcj${u.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      url: `${this.url}/users/${encodeURIComponent(u.login)}`,
      html_url:
        u.type === 'Bot'
          ? `https://github.com/apps/${u.login.replace('[bot]', '')}`
          : `https://github.com/${u.login}`,
      type: u.type,
      site_admin: false,
    };
  }

  private error(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    message: string,
    documentationUrl: string,
  ): void {
    this.send(req, res, status, { message, documentation_url: documentationUrl, status: String(status) });
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    json: unknown,
    headers: Record<string, string> = {},
  ): void {
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', status });
    const text = JSON.stringify(json);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${this.requests.length}`,
      ...headers,
    });
    res.end(text);
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }
}

const issueKey = (owner: string, repo: string, issue: number) => `${owner}/${repo}#${issue}`.toLowerCase();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
