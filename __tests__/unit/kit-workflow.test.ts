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
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps?: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }>;
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

  it('plans every same-repository pull request against the production stack, with a planning role of its own', () => {
    const plan = workflow.jobs.plan!;
    const action = (job: Job) => job.steps!.find((step) => step.uses === './')!.with!;
    expect(action(plan)).toMatchObject({ mode: 'plan', comment: true });
    // The stack production deploys, not a staging copy.
    expect(action(plan)['stack-name']).toBe(action(workflow.jobs.production!)['stack-name']);
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    // Never production's environment (reviewers, main only) nor its role.
    expect(plan.environment).toBe('production-plan');
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(plan.concurrency?.group).not.toBe(workflow.jobs.production!.concurrency?.group);
    // The header says what the planning role may do, and what it must never.
    for (const action of [
      'CreateChangeSet',
      'DescribeChangeSet',
      'DeleteChangeSet',
      'DescribeStacks',
      'GetTemplateSummary',
    ])
      expect(text).toContain(action);
    expect(text).toContain('Never cloudformation:ExecuteChangeSet, UpdateStack or DeleteStack');
    expect(text).toContain('environment:production-plan:ref:refs/pull/*');
    expect(text).toContain('lmi-cutover:plan:webhook-prod');
  });
});
