// Every workflow of the repository runs third-party actions pinned to a full commit SHA with
// the release named beside it (what Dependabot keeps current), and only releases that run on
// node24: GitHub moves JavaScript actions to Node 24, and node20 actions warn and then stop.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/** The first major of each action that runs on node24 (from each action's action.yml). */
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  'aws-actions/configure-aws-credentials': 6,
};

const uses = readdirSync('.github/workflows')
  .filter((f) => f.endsWith('.yml'))
  .flatMap((file) =>
    readFileSync(`.github/workflows/${file}`, 'utf8')
      .split('\n')
      .flatMap((line) => {
        const m = /^\s*-?\s*uses:\s*(\S+)(.*)$/.exec(line);
        return m ? [[file, m[1]!, m[2]!.trim()] as const] : [];
      }),
  );

describe('workflow actions', () => {
  it('finds the actions the workflows use', () => {
    expect(uses.length).toBeGreaterThan(8);
  });

  it.each(uses.filter(([, ref]) => ref !== './'))(
    '%s: %s is pinned to a node24 release',
    (_file, ref, comment) => {
      const m = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})$/.exec(ref);
      expect(m).not.toBeNull();
      const version = /^# v(\d+)\.\d+\.\d+$/.exec(comment);
      expect(version).not.toBeNull();
      const first = FIRST_NODE24_MAJOR[m![1]!];
      expect(first).toBeDefined(); // a new action: look up its first node24 major and add it above
      expect(Number(version![1])).toBeGreaterThanOrEqual(first!);
    },
  );
});
