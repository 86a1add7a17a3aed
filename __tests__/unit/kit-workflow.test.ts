// The kit's deploy workflow resists its own contributors: where an OIDC token can be minted no
// dependency install script runs, production jobs run only for main whatever the environment's
// settings say, the adoption notes cover the branch policy, the OIDC subject and the session
// length the jobs ask for, and each job's stack, boundary and secret are those its environment's
// policy in docs/iam was written for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { Environment } from '../../scripts/iam-policies.js';
import { evaluate } from '../support/iam-evaluate.js';
import { namesOf, policiesOf } from '../support/iam-environments.js';

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps?: Step[];
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

  /** A GitHub expression replaced by a sample value, as the runner would fill it in. */
  const filled = (s: string) =>
    s
      .replace('${{ github.event.number }}', '14')
      .replace('${{ steps.aws.outputs.aws-account-id }}', '000000000000');

  const deploying = jobs.flatMap(([name, job]) =>
    (job.steps ?? [])
      .filter((s) => s.uses === './')
      // The plan job plans production's stack with production's parameters.
      .map(
        (s) =>
          [
            name,
            (job.environment === 'production-plan' ? 'production' : job.environment) as Environment,
            s,
          ] as const,
      ),
  );

  it.each(deploying)(
    'job %s deploys a stack its environment (%s) may deploy, with its boundary and secret',
    async (_name, env, step) => {
      const stack = filled(String(step.with!['stack-name']));
      const stackArn = namesOf(env, stack).stackArn;
      const { policy } = policiesOf(env);
      expect(
        await evaluate(
          { identity: policy },
          { action: 'cloudformation:CreateChangeSet', resource: stackArn },
        ),
      ).toBe('Allowed');
      const overrides = filled(String(step.with!['parameter-overrides']));
      expect(overrides).toContain(`PermissionsBoundaryArn=${namesOf(env).boundaryArn}`);
      expect(overrides).toContain(`SigningSecretParameterName=/lmi-cutover/${env}/webhook-signing-secret`);
    },
  );

  it('destroys a closed pull request’s stack with lmi-cutover destroy, from the base branch, never forced', () => {
    const [, cleanup] = jobs.find(([name]) => name === 'cleanup')!;
    const step = cleanup.steps!.find((s) => s.env?.STACK_NAME)!;
    expect(step.run).toContain('node dist/cli/index.js destroy --stack-name "$STACK_NAME"');
    // A staging stack whose stage still serves traffic, or is protected, fails the job instead.
    expect(step.run).not.toContain('--i-know-it-serves-production');
    const checkout = cleanup.steps!.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({
      'persist-credentials': false,
      ref: '${{ github.event.pull_request.base.ref }}',
    });
  });

  it('deletes only a staging stack when a pull request closes', async () => {
    const [, cleanup] = jobs.find(([name]) => name === 'cleanup')!;
    expect(cleanup.environment).toBe('staging');
    const stack = filled(cleanup.steps!.find((s) => s.env?.STACK_NAME)!.env!.STACK_NAME!);
    const arn = (env: Environment) => namesOf(env, stack).stackArn;
    expect(
      await evaluate(
        { identity: policiesOf('staging').policy },
        { action: 'cloudformation:DeleteStack', resource: arn('staging') },
      ),
    ).toBe('Allowed');
    expect(
      await evaluate(
        { identity: policiesOf('production').policy },
        { action: 'cloudformation:DeleteStack', resource: arn('production') },
      ),
    ).not.toBe('Allowed');
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
