// The kit's deploy workflow resists its own contributors: where an OIDC token can be minted no
// dependency install script runs, production jobs run only for main whatever the environment's
// settings say, and the adoption notes cover the branch policy, the OIDC subject and the
// session length the jobs ask for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps?: Array<{ run?: string; with?: Record<string, unknown> }>;
}

const text = readFileSync('.github/workflows/deploy.yml', 'utf8');
const workflow = parse(text) as { jobs: Record<string, Job> };
const jobs = Object.entries(workflow.jobs);

describe('kit: .github/workflows/deploy.yml', () => {
  it.each(jobs.filter(([, j]) => j.permissions?.['id-token'] === 'write').map(([n, j]) => [n, j] as const))(
    'job %s can mint an OIDC token, so npm ci runs no install scripts',
    (_name, job) => {
      const installs = (job.steps ?? []).filter((s) => /\bnpm (ci|install|i)\b/.test(s.run ?? ''));
      for (const step of installs) expect(step.run).toMatch(/--ignore-scripts/);
    },
  );

  it.each(jobs.filter(([, j]) => j.environment === 'production').map(([n, j]) => [n, j] as const))(
    'production job %s runs only for main',
    (_name, job) => {
      expect(job.if).toContain("github.ref == 'refs/heads/main'");
    },
  );

  it('tells adopters how to bind the roles: branch policy, OIDC subject with the ref, session length', () => {
    expect(text).toContain('Deployment branches and tags');
    expect(text).toContain('environment:production:ref:refs/heads/main');
    expect(text).toContain('MaxSessionDuration');
    const durations = jobs.flatMap(([, j]) =>
      (j.steps ?? []).map((s) => s.with?.['role-duration-seconds']).filter((d) => d !== undefined),
    );
    expect(durations.every((d) => Number(d) <= 7200)).toBe(true);
  });
});
