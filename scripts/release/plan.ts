// What a release does, decided before anything is pushed: the version must be plain semver,
// match package.json, be newer than every release tag, and have its own CHANGELOG section,
// whose text becomes the release notes. The floating major tag (`v1`) follows the newest
// release of its major, so `uses: OWNER/lmi-cutover@v1` picks up fixes and never a break.

export interface ReleasePlan {
  version: string;
  /** `v1.2.3`: the immutable tag. */
  tag: string;
  /** `v1`: the floating tag moved to the same commit. */
  majorTag: string;
  /** The CHANGELOG section of this version, without its heading. */
  notes: string;
}

export class ReleaseRefused extends Error {
  override readonly name = 'ReleaseRefused';
}

// semver.org's grammar without pre-release and build parts: releases are final versions.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

type Triple = [number, number, number];

function parse(version: string): Triple | undefined {
  const m = SEMVER.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const compare = (a: Triple, b: Triple): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The text under `## [version]` (Keep a Changelog), up to the next `## ` heading. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`).test(l));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

export function planRelease(input: {
  version: string;
  packageVersion: string;
  changelog: string;
  /** Every tag in the repository. */
  tags: readonly string[];
}): ReleasePlan {
  const { version } = input;
  const wanted = parse(version);
  if (!wanted) {
    throw new ReleaseRefused(
      `version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH (digits only, no leading zeros, no "v", no pre-release)`,
    );
  }
  if (input.packageVersion !== version) {
    throw new ReleaseRefused(
      `package.json says ${input.packageVersion}; set "version": "${version}" (npm version ${version} --no-git-tag-version), commit, then release`,
    );
  }
  const released = input.tags.flatMap((t) => {
    const v = t.startsWith('v') ? parse(t.slice(1)) : undefined;
    return v ? [v] : [];
  });
  const newest = released.sort(compare).at(-1);
  if (newest && compare(wanted, newest) <= 0) {
    throw new ReleaseRefused(`v${version} is not newer than the latest release v${newest.join('.')}`);
  }
  const notes = changelogSection(input.changelog, version);
  if (!notes) {
    throw new ReleaseRefused(
      `CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section with text: move the Unreleased entries under it`,
    );
  }
  return { version, tag: `v${version}`, majorTag: `v${wanted[0]}`, notes };
}
