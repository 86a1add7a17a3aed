// Bundles the entry points with ncc: main, post step and CLI each get their own folder, as
// GitHub runs `dist/index.js` and `dist/post/index.js` from action.yml; the concurrency check's
// load worker gets its own, dist/load-worker/, which main and CLI start as a worker thread
// (src/pipeline/verify/load/worker-pool.ts finds it there).
import { execFileSync } from 'node:child_process';
import { rmSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const entries = [
  ['src/index.ts', 'dist'],
  ['src/post.ts', 'dist/post'],
  ['src/cli.ts', 'dist/cli'],
  ['src/pipeline/verify/load/worker.ts', 'dist/load-worker'],
];
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of entries) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  });
}
// The CLI is the package's bin: give it a shebang so `lmi-cutover` runs directly.
const cli = 'dist/cli/index.js';
const body = readFileSync(cli, 'utf8');
if (!body.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${body}`);
chmodSync(cli, 0o755);
