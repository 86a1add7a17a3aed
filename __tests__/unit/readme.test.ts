import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';

describe('README', () => {
  it('documents exactly the inputs and outputs action.yml declares', () => {
    // Throws (non-zero exit) with the reason when the tables drift from action.yml.
    expect(() =>
      execFileSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
