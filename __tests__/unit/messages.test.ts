// Progress codes are what scripts and tests match: across every registry each code is unique,
// kebab-case in its area's namespace, with a level and a sentence saying when it is emitted.
import { describe, expect, it } from '@jest/globals';
import { CLI_MESSAGES } from '../../src/cli/messages.js';
import { POLL_MESSAGES } from '../../src/core/poll.js';
import type { MessageSpec } from '../../src/core/progress.js';
import { GITHUB_MESSAGES } from '../../src/github/messages.js';
import { DEPLOY_MESSAGES } from '../../src/pipeline/deploy/messages.js';
import { DESTROY_MESSAGES } from '../../src/pipeline/destroy/messages.js';
import { MODE_MESSAGES } from '../../src/pipeline/modes/messages.js';
import { PROVISION_MESSAGES } from '../../src/pipeline/provision/messages.js';
import { TRAFFIC_MESSAGES } from '../../src/pipeline/traffic/messages.js';
import { VERIFY_MESSAGES } from '../../src/pipeline/verify/messages.js';
import { WAVES_MESSAGES } from '../../src/pipeline/waves/messages.js';

const REGISTRIES: Record<string, Record<string, MessageSpec>> = {
  poll: POLL_MESSAGES,
  deploy: DEPLOY_MESSAGES,
  provision: PROVISION_MESSAGES,
  verify: VERIFY_MESSAGES,
  traffic: TRAFFIC_MESSAGES,
  mode: MODE_MESSAGES,
  destroy: DESTROY_MESSAGES,
  waves: WAVES_MESSAGES,
  github: GITHUB_MESSAGES,
  cli: CLI_MESSAGES,
};

describe('progress message registries', () => {
  const all = Object.entries(REGISTRIES).flatMap(([area, registry]) =>
    Object.values(registry).map((spec) => ({ area, spec })),
  );

  it('give every code once, across all registries', () => {
    const codes = all.map((e) => e.spec.code);
    const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
    expect(repeated).toEqual([]);
    expect(codes.length).toBeGreaterThan(80);
  });

  it('name each code <area>.<kebab-name> after the registry that holds it', () => {
    for (const { area, spec } of all)
      expect(spec.code).toMatch(new RegExp(`^${area}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
  });

  it('give each entry a level and a sentence saying when it is emitted', () => {
    for (const { spec } of all) {
      expect(['info', 'warn', 'error', 'debug']).toContain(spec.level);
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});
