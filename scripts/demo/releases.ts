// The workload as a later release ships it: a copy of workload/ with one source change, so a
// deploy publishes new versions of both functions exactly as a team's next commit would. `change`
// is a harmless edit (a legal comment the bundle keeps); `regression` makes every POST /webhooks
// answer 500, the broken release the gates must stop before it reaches production. The copy
// lives in a temporary folder whose node_modules links point back at the repository's, so
// esbuild resolves the same dependencies.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type ReleaseKind = 'change' | 'regression';

export interface ReleaseCopy {
  /** template.yaml of the copy, for the `template` input. */
  readonly template: string;
  remove(): Promise<void>;
}

const HANDLER_START = /(export async function receiveWebhook\([^)]*\): Promise<Response> \{\n)/;

/** Writes the release's copy of `<repo>/workload`; `label` ends up in the bundle. */
export async function releaseCopy(repoRoot: string, kind: ReleaseKind, label: string): Promise<ReleaseCopy> {
  const source = resolve(repoRoot, 'workload');
  const dir = await mkdtemp(join(tmpdir(), `lmi-release-${kind}-`));
  await cp(join(source, 'template.yaml'), join(dir, 'template.yaml'));
  await cp(join(source, 'src'), join(dir, 'src'), {
    recursive: true,
    filter: (path) => !path.includes('__tests__') && !path.includes('node_modules'),
  });
  await symlink(join(source, 'src', 'node_modules'), join(dir, 'src', 'node_modules'), 'dir');
  await symlink(resolve(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');

  const app = join(dir, 'src', 'app.ts');
  await writeFile(app, `/*! ${label.replace(/\*\//g, '')} */\n${await readFile(app, 'utf8')}`);
  if (kind === 'regression') {
    const route = join(dir, 'src', 'routes', 'webhooks.ts');
    const text = await readFile(route, 'utf8');
    if (!HANDLER_START.test(text)) throw new Error(`cannot find receiveWebhook in ${route} to break it`);
    await writeFile(
      route,
      text.replace(
        HANDLER_START,
        "$1  if (event.httpMethod === 'POST') return Response.json({ message: 'regression: every POST fails' }, { status: 500 });\n",
      ),
    );
  }
  return { template: join(dir, 'template.yaml'), remove: () => rm(dir, { recursive: true, force: true }) };
}
