// The traffic stage's progress codes are what scripts and tests match: each one unique, in the
// stage's namespace, kebab-case, with a level and a sentence saying when it is emitted.
import { describe, expect, it } from '@jest/globals';
import { TRAFFIC_MESSAGES } from '../../src/pipeline/traffic/messages.js';

describe('TRAFFIC_MESSAGES', () => {
  const specs = Object.values(TRAFFIC_MESSAGES);

  it('has unique traffic.<kebab-name> codes', () => {
    const codes = specs.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^traffic\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('describes every entry', () => {
    for (const s of specs) {
      expect(['info', 'warn', 'error', 'debug']).toContain(s.level);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });
});
