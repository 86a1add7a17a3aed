// The kit's deploy workflow resists its own contributors: where an OIDC token can be minted no
// dependency install script runs, production jobs run only for main whatever the environment's
// settings say, the adoption notes cover the branch policy, the OIDC subject and the session
// length the jobs ask for, and each job's stack, boundary and secret are those its environment's
// policy in docs/iam was written for.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/program.js';
import { parseWavesFile } from '../../src/config/waves-file.js';
import { wavesMatrix, type WaveMatrixEntry } from '../../src/config/waves-matrix.js';
import type { Environment } from '../../scripts/iam-policies.js';
import { evaluate } from '../support/iam-evaluate.js';
import { namesOf, planningPolicy, policiesOf } from '../support/iam-environments.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  strategy?: { matrix?: unknown; 'max-parallel'?: number; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
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

  // The wave job deploys the waves file's targets, and the load shards and their merge deploy
  // nothing: checked on their own below.
  const deploying = jobs
    .filter(([name]) => !['wave', 'load-shard', 'load-merge'].includes(name))
    .flatMap(([name, job]) =>
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
    'job %s deploys (or plans) a stack its environment (%s) may deploy, with its boundary and secret',
    async (name, env, step) => {
      const stack = filled(String(step.with!['stack-name']));
      const stackArn = namesOf(env, stack).stackArn;
      // The plan job's role is the planning role: its change sets are named as plans.
      const planning = name === 'plan';
      const policy = planning ? planningPolicy() : policiesOf(env).policy;
      const context = planning
        ? { 'cloudformation:ChangeSetName': 'lmi-cutover-plan-pr14-20261205-101500-a1b2c3' }
        : undefined;
      expect(
        await evaluate(
          { identity: policy },
          { action: 'cloudformation:CreateChangeSet', resource: stackArn, ...(context ? { context } : {}) },
        ),
      ).toBe('Allowed');
      if (planning)
        expect(
          await evaluate(
            { identity: policy },
            { action: 'cloudformation:ExecuteChangeSet', resource: stackArn, context: context! },
          ),
        ).toBe('ExplicitlyDenied');
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
    // The header points to the planning role's policy and says what it must never do.
    expect(text).toContain('docs/iam/production-plan-policy.json');
    expect(text).toContain('Never cloudformation:ExecuteChangeSet, UpdateStack or DeleteStack');
    expect(text).toContain('environment:production-plan:ref:refs/pull/*');
    expect(text).toContain('lmi-cutover:plan:webhook-prod');
  });

  describe('the sharded load check', () => {
    const plan = workflow.jobs['load-shards-plan']!;
    const shard = workflow.jobs['load-shard']!;
    const merge = workflow.jobs['load-merge']!;
    const staging = workflow.jobs.staging!;
    const action = (job: Job) => job.steps!.find((s) => s.uses === './')!;
    const planScript = plan.steps!.find((s) => s.id === 'plan')!.run!;

    /** The plan step run as the runner runs it, with LOAD_SHARDS set: its exit code and outputs. */
    function runPlan(loadShards: string) {
      const dir = mkdtempSync(join(tmpdir(), 'lmi-kit-'));
      try {
        const output = join(dir, 'out');
        writeFileSync(output, '');
        const r = spawnSync('bash', ['-e', '-c', planScript], {
          env: { PATH: process.env.PATH, LOAD_SHARDS: loadShards, GITHUB_OUTPUT: output },
          encoding: 'utf8',
        });
        const outputs = Object.fromEntries(
          readFileSync(output, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        );
        return { code: r.status, stdout: r.stdout, outputs };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('is off until LOAD_SHARDS is 2 or more, and turns N into the matrix 1..N', () => {
      expect(text).toMatch(/^ {2}LOAD_SHARDS: 0$/m);
      expect(runPlan('0')).toMatchObject({ code: 0, outputs: { enabled: 'false' } });
      expect(runPlan('1').outputs).toEqual({ enabled: 'false' });
      const before = Math.floor(Date.now() / 1000);
      const four = runPlan('4');
      expect(four).toMatchObject({
        code: 0,
        outputs: { enabled: 'true', count: '4', shards: '[1,2,3,4]' },
      });
      // One start for every shard, three minutes on, as Unix seconds (what load-shard-start-at reads).
      const startAt = Number(four.outputs['start-at']);
      expect(startAt - before).toBeGreaterThanOrEqual(180);
      expect(startAt - before).toBeLessThan(190);
      for (const bad of ['x', '3.5', '257']) {
        const r = runPlan(bad);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('::error::LOAD_SHARDS is');
      }
      expect(plan.outputs).toEqual({
        enabled: '${{ steps.plan.outputs.enabled }}',
        count: '${{ steps.plan.outputs.count }}',
        shards: '${{ steps.plan.outputs.shards }}',
        'start-at': '${{ steps.plan.outputs.start-at }}',
      });
    });

    it('runs after the staging verify, for the same pull requests, against its stack, all shards starting at once', () => {
      expect(plan.if).toBe(staging.if);
      expect(plan.needs).toBe('staging');
      expect(shard.needs).toEqual(['load-shards-plan', 'staging']);
      expect(shard.if).toBe("needs.load-shards-plan.outputs.enabled == 'true'");
      expect(shard.strategy).toEqual({
        matrix: { shard: '${{ fromJSON(needs.load-shards-plan.outputs.shards) }}' },
        'fail-fast': false,
      });
      expect(action(shard).with).toMatchObject({
        mode: 'verify',
        'stack-name': action(staging).with!['stack-name'],
        'load-shard': '${{ matrix.shard }}/${{ needs.load-shards-plan.outputs.count }}',
        'load-shard-start-at': '${{ needs.load-shards-plan.outputs.start-at }}',
        concurrency: '${{ env.LOAD_CONCURRENCY }}',
        'load-requests': '${{ env.LOAD_REQUESTS }}',
        'shard-report-path': '${{ env.SHARD_DIR }}/shard.json',
        comment: false,
      });
      // A shard deploys nothing: no template, no bucket, no parameters, no install.
      for (const key of ['template', 'artifact-bucket', 'parameter-overrides'])
        expect(action(shard).with).not.toHaveProperty(key);
      expect(shard.steps!.some((s) => /\bnpm\b/.test(s.run ?? ''))).toBe(false);
      expect(merge.needs).toEqual(['load-shards-plan', 'load-shard']);
      expect(merge.if).toBe(
        "always() && needs.load-shards-plan.outputs.enabled == 'true' && needs.load-shard.result != 'skipped'",
      );
      expect(action(merge).with).toMatchObject({
        mode: 'merge',
        'stack-name': action(staging).with!['stack-name'],
        'shards-path': 'load-shards',
        comment: true,
      });
    });

    it('uploads every shard’s report, failed or not, and merges what was downloaded', () => {
      const upload = shard.steps!.at(-1)!;
      expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
      expect(upload.if).toBe("always() && env.SET_UP == 'true'");
      expect(upload.with).toMatchObject({
        name: 'load-shard-${{ matrix.shard }}',
        path: '${{ env.SHARD_DIR }}/shard.json',
        'if-no-files-found': 'error',
      });
      const download = merge.steps!.findIndex((s) => (s.uses ?? '').startsWith('actions/download-artifact@'));
      expect(merge.steps![download]!.with).toEqual({ pattern: 'load-shard-*', path: 'load-shards' });
      expect(download).toBeLessThan(merge.steps!.indexOf(action(merge)));
      // The pinned artifact actions are the waves jobs' own.
      const pins = (job: Job) => job.steps!.map((s) => s.uses).filter((u) => u && /artifact@/.test(u));
      const waves = new Set([...pins(workflow.jobs.wave!), ...pins(workflow.jobs['waves-report']!)]);
      for (const use of [...pins(shard), ...pins(merge)]) expect(waves).toContain(use);
    });

    it('asks for the least it needs: OIDC for the shards in staging, a comment for the merge, nothing for the plan', () => {
      expect(plan.permissions).toEqual({});
      expect(shard.environment).toBe('staging');
      expect(shard.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(merge.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
      expect(merge.environment).toBeUndefined();
      expect(merge.steps!.some((s) => (s.uses ?? '').startsWith('aws-actions/'))).toBe(false);
    });

    it('the staging role may make every call a shard makes on the staging stack', async () => {
      const stack = filled(String(action(shard).with!['stack-name']));
      const names = namesOf('staging', stack);
      const { policy } = policiesOf('staging');
      for (const [action, resource] of [
        ['cloudformation:DescribeStacks', names.stackArn],
        ['lambda:GetFunctionConfiguration', names.function('4')],
        ['lambda:InvokeFunction', names.function('4')],
        ['ssm:GetParameter', names.secret],
        ['dynamodb:Query', names.table],
      ] as const)
        expect([action, await evaluate({ identity: policy }, { action, resource })]).toEqual([
          action,
          'Allowed',
        ]);
    });
  });

  describe('the waves layout', () => {
    const plan = workflow.jobs['waves-plan']!;
    const wave = workflow.jobs.wave!;
    const report = workflow.jobs['waves-report']!;
    const stepIndex = (job: Job, match: (s: Step) => boolean) => job.steps!.findIndex(match);
    const actionStep = wave.steps!.find((s) => s.uses === './')!;
    const gateStep = wave.steps!.find((s) => /\bwaves gate\b/.test(s.run ?? ''))!;
    const reportStep = report.steps!.find((s) => /\bwaves report\b/.test(s.run ?? ''))!;
    /** The example waves file, as the matrix its plan step prints. */
    const example = wavesMatrix(
      parseWavesFile(readFileSync('examples/waves/lmi-cutover.waves.yml', 'utf8'), 'example'),
    ).include;
    /** A workflow string with the matrix entry's values filled in. */
    const withMatrix = (text: string, entry: WaveMatrixEntry) =>
      filled(text).replace(/\$\{\{ matrix\.([\w-]+) \}\}/g, (_, k: string) =>
        String(entry[k as keyof WaveMatrixEntry] ?? ''),
      );

    it('runs after the existing jobs, in order: plan → wave → report, on main only, off without a waves file', () => {
      const names = jobs.map(([n]) => n);
      expect(names.slice(-3)).toEqual(['waves-plan', 'wave', 'waves-report']);
      expect(names.slice(0, -3)).toEqual([
        'staging',
        'load-shards-plan',
        'load-shard',
        'load-merge',
        'plan',
        'production',
        'manual',
        'cleanup',
      ]);
      expect(plan.if).toContain("github.ref == 'refs/heads/main'");
      expect(wave.if).toContain("github.ref == 'refs/heads/main'");
      expect(wave.needs).toBe('waves-plan');
      expect(wave.if).toContain("needs.waves-plan.outputs.enabled == 'true'");
      expect(report.needs).toEqual(['waves-plan', 'wave']);
      // After a failed wave too: the report says which waves did not run.
      expect(report.if).toMatch(/^always\(\) && needs\.waves-plan\.outputs\.enabled == 'true'$/);
      const planRun = plan.steps!.find((s) => s.id === 'plan')!.run!;
      expect(planRun).toContain('if [ ! -f "$WAVES_FILE" ]');
      expect(planRun).toContain('echo "enabled=false"');
      expect(planRun).toMatch(/waves plan --file "\$WAVES_FILE"/);
      expect(plan.outputs).toEqual({
        enabled: '${{ steps.plan.outputs.enabled }}',
        matrix: '${{ steps.plan.outputs.matrix }}',
      });
    });

    it('releases one target at a time, and a failed wave cancels the queued ones', () => {
      expect(wave.strategy).toEqual({
        matrix: '${{ fromJSON(needs.waves-plan.outputs.matrix) }}',
        'max-parallel': 1,
        'fail-fast': true,
      });
      expect(wave.environment).toBe('${{ matrix.environment }}');
      expect(wave.concurrency).toEqual({
        group: 'cutover-${{ matrix.stack-name }}',
        'cancel-in-progress': false,
      });
      // The docs' words on fail-fast and the order of matrix jobs are quoted where they matter.
      expect(text).toContain('will cancel all in-progress and queued jobs in the matrix if any job');
    });

    it('gates each wave after the first on the wave before, before the action runs, with this run’s reports', () => {
      const download = stepIndex(wave, (s) => (s.uses ?? '').startsWith('actions/download-artifact@'));
      const gate = wave.steps!.indexOf(gateStep);
      const action = wave.steps!.indexOf(actionStep);
      expect(download).toBeGreaterThan(-1);
      expect(download).toBeLessThan(gate);
      expect(gate).toBeLessThan(action);
      expect(gateStep.if).toBe("env.SET_UP == 'true' && matrix.gate");
      expect(wave.steps![download]!.if).toBe("env.SET_UP == 'true' && matrix.gate");
      expect(wave.steps![download]!.with).toEqual({ pattern: 'lmi-cutover-wave-*', path: 'waves-before' });
      expect(gateStep.env).toEqual({
        PREVIOUS: '${{ matrix.previous }}',
        BAKE_SECONDS: '${{ matrix.bake-seconds }}',
        TARGET: '${{ matrix.region }}/${{ matrix.stack-name }}',
      });
      expect(gateStep.run).toContain('--reports waves-before');
      // The action writes its report where the upload, which runs whatever happened, finds it.
      expect(actionStep.with).toMatchObject({
        mode: 'full',
        'report-path': '${{ env.WAVE_DIR }}/report.json',
      });
      expect(gateStep.run).toContain('--result-path "$WAVE_DIR/gate.json"');
      const upload = wave.steps!.at(-1)!;
      expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
      expect(upload.if).toBe("always() && env.SET_UP == 'true'");
      expect(upload.with).toMatchObject({
        name: 'lmi-cutover-wave-${{ matrix.id }}',
        path: '${{ env.WAVE_DIR }}',
        'if-no-files-found': 'error',
      });
      expect(
        report.steps!.find((s) => (s.uses ?? '').startsWith('actions/download-artifact@'))!.with,
      ).toEqual({
        pattern: 'lmi-cutover-wave-*',
        path: 'waves-reports',
      });
    });

    it('calls the CLI with options it has', async () => {
      for (const [command, run] of [
        ['gate', gateStep.run!],
        ['report', reportStep.run!],
      ] as const) {
        let help = '';
        await runCli(['waves', command, '--help'], {
          stdout: (t) => (help += t),
          stderr: () => undefined,
          env: {},
          cwd: process.cwd(),
        });
        const flags = [...run.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
        expect(flags.length).toBeGreaterThan(1);
        for (const flag of flags) expect(help).toContain(flag);
      }
    });

    it('asks for the least it needs: no write but the comment, OIDC only where it deploys', () => {
      expect(plan.permissions).toEqual({ contents: 'read' });
      expect(wave.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(report.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
      // Only the wave job can mint AWS credentials, and it installs without scripts.
      expect(wave.steps!.find((s) => /\bnpm ci\b/.test(s.run ?? ''))!.run).toContain('--ignore-scripts');
      expect(report.steps!.some((s) => /\bnpm (ci|install)\b/.test(s.run ?? ''))).toBe(false);
      expect(reportStep.env).toMatchObject({ GITHUB_TOKEN: '${{ github.token }}' });
    });

    it('assumes the role in the wave’s region with the production job’s pinned steps', () => {
      const pins = (job: Job) => job.steps!.map((s) => s.uses).filter((u) => u && u !== './');
      const production = new Set(pins(workflow.jobs.production!));
      for (const use of pins(wave).filter((u) => !/artifact@/.test(u!))) expect(production).toContain(use);
      const aws = wave.steps!.find((s) =>
        (s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'),
      )!;
      expect(aws.with).toMatchObject({
        'aws-region': '${{ matrix.region }}',
        'role-to-assume': '${{ matrix.role-to-assume || secrets.AWS_ROLE_ARN }}',
      });
    });

    it.each(example.map((e) => [e.id, e] as const))(
      'the example’s %s deploys a stack the production policy of its region allows, with the boundary, the secret and its own parameters',
      async (_id, entry) => {
        const stack = withMatrix(String(actionStep.with!['stack-name']), entry);
        const { policy } = policiesOf('production', entry.region);
        expect(
          await evaluate(
            { identity: policy },
            {
              action: 'cloudformation:CreateChangeSet',
              resource: namesOf('production', stack, entry.region).stackArn,
            },
          ),
        ).toBe('Allowed');
        const overrides = withMatrix(String(actionStep.with!['parameter-overrides']), entry);
        expect(overrides).toContain(`PermissionsBoundaryArn=${namesOf('production').boundaryArn}`);
        expect(overrides).toContain(
          'SigningSecretParameterName=/lmi-cutover/production/webhook-signing-secret',
        );
        expect(overrides).toContain(entry['parameter-overrides']);
        expect(withMatrix(String(actionStep.with!.region), entry)).toBe(entry.region);
      },
    );
  });
});
