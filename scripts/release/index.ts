// `node --import tsx scripts/release/index.ts <version>`: checks the release (plan.ts), writes
// its notes to release-notes.md and prints the tags as GitHub step outputs. The workflow pushes
// the tags and creates the release; nothing here touches the remote.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { ReleaseRefused, planRelease } from './plan.js';

const version = process.argv[2] ?? '';
try {
  const plan = planRelease({
    version,
    packageVersion: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    changelog: readFileSync('CHANGELOG.md', 'utf8'),
    tags: execFileSync('git', ['tag', '--list'], { encoding: 'utf8' }).split('\n').filter(Boolean),
  });
  writeFileSync('release-notes.md', `${plan.notes}\n`);
  const outputs = `tag=${plan.tag}\nmajor-tag=${plan.majorTag}\n`;
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputs);
  process.stdout.write(outputs);
} catch (error) {
  if (!(error instanceof ReleaseRefused)) throw error;
  process.stderr.write(`release refused: ${error.message}\n`);
  process.exitCode = 1;
}
