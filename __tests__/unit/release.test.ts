import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { changelogSection, planRelease } from '../../scripts/release/plan.js';

const CHANGELOG = `# Changelog

## [Unreleased]

- something new

## [1.2.0] - 2027-01-10

### Added
- plan mode

## [1.1.0] - 2026-12-20

- first minor
`;

const plan = (version: string, over: Partial<Parameters<typeof planRelease>[0]> = {}) =>
  planRelease({ version, packageVersion: version, changelog: CHANGELOG, tags: ['v1.1.0', 'v1'], ...over });

describe('release plan', () => {
  it('tags vX.Y.Z, moves the major tag, and takes the notes from its CHANGELOG section', () => {
    expect(plan('1.2.0')).toEqual({
      version: '1.2.0',
      tag: 'v1.2.0',
      majorTag: 'v1',
      notes: '### Added\n- plan mode',
    });
  });

  it.each([
    ['v1.2.0', 'is not MAJOR.MINOR.PATCH'],
    ['1.2', 'is not MAJOR.MINOR.PATCH'],
    ['01.2.0', 'is not MAJOR.MINOR.PATCH'],
    ['1.2.0-rc.1', 'is not MAJOR.MINOR.PATCH'],
    ['1.2.0; rm -rf /', 'is not MAJOR.MINOR.PATCH'],
  ])('refuses %j: %s', (version, message) => {
    expect(() => plan(version)).toThrow(message);
  });

  it('refuses a version package.json does not carry', () => {
    expect(() => plan('1.2.0', { packageVersion: '1.1.0' })).toThrow(
      'package.json says 1.1.0; set "version": "1.2.0"',
    );
  });

  it('refuses a version that is not newer than every release tag', () => {
    expect(() => plan('1.1.0')).toThrow('v1.1.0 is not newer than the latest release v1.1.0');
    expect(() => plan('1.2.0', { tags: ['v1.10.0', 'v1.9.3'] })).toThrow('latest release v1.10.0');
  });

  it('refuses a version without its CHANGELOG section', () => {
    expect(() => plan('1.3.0')).toThrow('CHANGELOG.md has no "## [1.3.0] - YYYY-MM-DD" section');
  });

  it('a new major moves its own floating tag', () => {
    const changelog = `${CHANGELOG}\n## [2.0.0] - 2027-02-01\n\n- breaking\n`;
    expect(plan('2.0.0', { changelog }).majorTag).toBe('v2');
  });

  it("the repository's CHANGELOG keeps an Unreleased section for what main has not released", () => {
    expect(changelogSection(readFileSync('CHANGELOG.md', 'utf8'), 'Unreleased')).toBeTruthy();
  });
});
