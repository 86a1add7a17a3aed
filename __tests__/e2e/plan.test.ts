// Plan before apply, end to end on the local cloud: a deployed stack, a changed parameter,
// `plan` lists the change with its replacement and why it endangers production, and the stack
// (template, parameters, outputs, stage) is exactly as before; a reviewed change set executes
// by name; a stale one — another deploy in between, other parameters, production's route moved
// since — is refused with nothing executed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { renderMarkdown, COMMENT_LIMIT, commentMarker } from '../../src/report/markdown.js';
import type { PlanResult } from '../../src/pipeline/deploy/plan-stack.js';
import type { PipelineResult } from '../../src/pipeline/run.js';
import { releaseCopy } from '../../scripts/demo/releases.js';
import {
  expectSucceeded,
  progressText,
  REPO_ROOT,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
} from './harness.js';
import { getStage } from './stage.js';

const STACK = 'plan-e2e';
let cloud: E2eCloud;
let cfn: CloudFormationClient;

const settings = () => ({
  endpoint: cloud.emulator.endpoint,
  region: cloud.emulator.region,
  credentials: cloud.emulator.credentials,
});

beforeAll(async () => {
  cloud = await startE2eCloud();
  cfn = new CloudFormationClient(settings());
  expectSucceeded(await cloud.run({ mode: 'deploy', stackName: STACK }));
}, 120_000);

afterAll(async () => {
  cfn?.destroy();
  await cloud?.stop();
});

/** Everything a plan must leave as it was. */
async function snapshot() {
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!;
  const template = await cfn.send(new GetTemplateCommand({ StackName: STACK }));
  const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  return {
    status: stack.StackStatus,
    lastUpdated: stack.LastUpdatedTime?.toISOString() ?? stack.CreationTime?.toISOString(),
    changeSetId: stack.ChangeSetId,
    parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue])),
    outputs,
    template: template.TemplateBody,
    stage: await getStage(cloud, outputs as Record<string, string>),
    resources: [...cloud.emulator.state.cloudformation.findStack(STACK)!.resources.values()].map(
      (r) => `${r.logicalId}=${r.physicalId}`,
    ),
  };
}

const planOf = (run: E2eRun): Extract<PlanResult, { type: 'planned' }> => {
  expectSucceeded(run);
  const result = run.result as Extract<PipelineResult, { mode: 'plan' }>;
  if (result.plan.type !== 'planned') throw new Error(`expected a plan, got ${result.plan.type}`);
  return result.plan;
};

const called = (run: E2eRun, operation: string) =>
  run.calls.filter((c) => c.service === 'cloudformation' && c.operation === operation).length;

const parameterOf = async (key: string) =>
  (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!.Parameters?.find(
    (p) => p.ParameterKey === key,
  )?.ParameterValue;

describe('mode plan', () => {
  it('lists a changed parameter’s changes, marks the replacement and what causes it, flags the danger, and leaves the stack untouched', async () => {
    const before = await snapshot();
    // Another instruction set: the capacity provider's InstanceRequirements change, which replaces it.
    const run = await cloud.run({ mode: 'plan', stackName: STACK, parameters: { Architecture: 'x86_64' } });
    const plan = planOf(run);

    const cp = plan.changes.find((c) => c.logicalId === 'WebhookCapacityProvider');
    expect(cp).toMatchObject({
      action: 'Modify',
      type: 'AWS::Lambda::CapacityProvider',
      replacement: 'True',
      recreatedBy: expect.arrayContaining([{ property: 'InstanceRequirements', when: 'Always' }]),
    });
    expect(cp!.risk).toMatch(/^replaces the capacity provider: .*\(destroys production routing\)$/);
    // The functions change in place: listed, not flagged.
    const lmi = plan.changes.find((c) => c.logicalId === 'WebhookLmiFunction');
    expect(lmi).toMatchObject({ action: 'Modify', replacement: 'False' });
    expect(lmi!.risk).toBeUndefined();

    // Outputs, report, log.
    expect(run.outputs['change-set-name']).toBe(plan.changeSetName);
    expect(plan.changeSetName).toMatch(/^lmi-cutover-plan-\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(run.outputs['no-op']).toBe('false');
    expect(run.outputs['change-count']).toBe(String(plan.changes.length));
    const md = run.outputs['changes-markdown']!;
    expect(md).toContain('[!CAUTION]');
    expect(md).toContain('🛑 | Replace | `WebhookCapacityProvider`');
    expect(md).toContain('True: `InstanceRequirements`');
    expect(md).toContain(`change-set-name: ${plan.changeSetName}`);
    expect(run.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([['plan', 'passed']]);
    expect(run.report.plan).toMatchObject({ changeSetName: plan.changeSetName, changeSetType: 'UPDATE' });
    expect(run.reportProblems).toEqual([]);
    const comment = renderMarkdown(run.report, {
      limit: COMMENT_LIMIT,
      marker: commentMarker(STACK, 'plan'),
    });
    expect(comment.startsWith(`<!-- lmi-cutover:plan:${STACK} -->`)).toBe(true);
    expect(comment).toContain('1 change destroys production data or routing');
    expect(progressText(run)).toContain('!! replaces the capacity provider');

    // Nothing executed, nothing else written (not even the artifact bucket): the stack is exactly as before.
    expect(called(run, 'ExecuteChangeSet')).toBe(0);
    const writes = run.calls
      .filter((c) => !/^(Describe|Get|List)/.test(c.operation))
      .map((c) => `${c.service}:${c.operation}`);
    expect([...new Set(writes)].sort()).toEqual(['cloudformation:CreateChangeSet']);
    expect(run.calls.filter((c) => c.service === 's3')).toEqual([]);
    expect(progressText(run)).toContain(
      'not uploaded: a plan uploads nothing, the deploy that executes it does',
    );
    expect(await snapshot()).toEqual(before);

    // The change set is kept for review.
    const kept = await cfn.send(
      new DescribeChangeSetCommand({ StackName: STACK, ChangeSetName: plan.changeSetName }),
    );
    expect(kept).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE' });
  }, 120_000);

  it('says "no changes" for a commit that changes nothing, keeping no change set', async () => {
    // A deploy with the stage's route passed back settles the parameters first.
    expectSucceeded(await cloud.run({ mode: 'deploy', stackName: STACK }));
    const run = await cloud.run({ mode: 'plan', stackName: STACK });
    expectSucceeded(run);
    const result = run.result as Extract<PipelineResult, { mode: 'plan' }>;
    expect(result.plan.type).toBe('no-changes');
    expect(run.report.run.outcome).toBe('no-op');
    expect(run.outputs['no-op']).toBe('true');
    expect(run.outputs['change-set-name']).toBeUndefined();
    expect(run.outputs['changes-markdown']).toContain('No changes');
    expect(called(run, 'DeleteChangeSet')).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe('change-set-name', () => {
  it('executes the reviewed change set by name, creating none of its own', async () => {
    const plan = planOf(
      await cloud.run({ mode: 'plan', stackName: STACK, parameters: { StandardMemorySize: '1024' } }),
    );
    const run = await cloud.run({
      mode: 'deploy',
      stackName: STACK,
      parameters: { StandardMemorySize: '1024' },
      inputs: { 'change-set-name': plan.changeSetName },
    });
    expectSucceeded(run);
    expect(run.result).toMatchObject({
      deploy: { type: 'did-deploy-stack', changeSetName: plan.changeSetName },
    });
    expect(run.outputs['change-set-name']).toBe(plan.changeSetName);
    expect(called(run, 'CreateChangeSet')).toBe(0);
    expect(called(run, 'ExecuteChangeSet')).toBe(1);
    expect(run.progress.codes).toContain('deploy.reviewed-change-set');
    expect(await parameterOf('StandardMemorySize')).toBe('1024');
    expect((await snapshot()).status).toBe('UPDATE_COMPLETE');
  }, 120_000);

  it('executes a reviewed code change: the plan uploaded nothing, the deploy uploads the new code first', async () => {
    const copy = await releaseCopy(REPO_ROOT, 'change', 'reviewed code change');
    try {
      const before = (await snapshot()).outputs.LmiVersion;
      const planRun = await cloud.run({ mode: 'plan', stackName: STACK, template: copy.template });
      const plan = planOf(planRun);
      expect(planRun.calls.filter((c) => c.service === 's3')).toEqual([]);
      expect(plan.changes.map((c) => `${c.action} ${c.type}`)).toContain('Add AWS::Lambda::Version');

      const run = await cloud.run({
        mode: 'deploy',
        stackName: STACK,
        template: copy.template,
        inputs: { 'change-set-name': plan.changeSetName },
      });
      expectSucceeded(run);
      expect(run.calls.filter((c) => c.operation === 'PutObject').length).toBeGreaterThan(0);
      expect(called(run, 'CreateChangeSet')).toBe(0);
      expect(Number((await snapshot()).outputs.LmiVersion)).toBeGreaterThan(Number(before));
    } finally {
      await copy.remove();
    }
  }, 120_000);

  it('refuses a change set another deploy made stale (CloudFormation deleted it), executing nothing', async () => {
    const plan = planOf(
      await cloud.run({ mode: 'plan', stackName: STACK, parameters: { StandardMemorySize: '2048' } }),
    );
    expectSucceeded(
      await cloud.run({ mode: 'deploy', stackName: STACK, parameters: { StandardMemorySize: '1536' } }),
    );
    const before = await snapshot();

    const run = await cloud.run({
      mode: 'deploy',
      stackName: STACK,
      parameters: { StandardMemorySize: '2048' },
      inputs: { 'change-set-name': plan.changeSetName },
    });
    expect(run.error?.code).toBe('CHANGE_SET_NOT_FOUND');
    expect(run.error!.message).toContain(`Change set ${plan.changeSetName} does not exist on stack ${STACK}`);
    expect(run.error!.message).toContain('Nothing was executed');
    expect(called(run, 'ExecuteChangeSet')).toBe(0);
    expect(called(run, 'CreateChangeSet')).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(await parameterOf('StandardMemorySize')).toBe('1536');
  }, 120_000);

  it('refuses a change set planned with other parameters than the run would deploy, and keeps it', async () => {
    const plan = planOf(
      await cloud.run({ mode: 'plan', stackName: STACK, parameters: { StandardMemorySize: '2048' } }),
    );
    const run = await cloud.run({
      mode: 'deploy',
      stackName: STACK,
      parameters: { StandardMemorySize: '3072' },
      inputs: { 'change-set-name': plan.changeSetName },
    });
    expect(run.error?.code).toBe('CHANGE_SET_STALE');
    expect(run.error!.details).toEqual([
      'parameter StandardMemorySize is "2048" in the change set but "3072" now',
    ]);
    expect(called(run, 'ExecuteChangeSet')).toBe(0);
    // A refused change set stays for its reviewers.
    const kept = await cfn.send(
      new DescribeChangeSetCommand({ StackName: STACK, ChangeSetName: plan.changeSetName }),
    );
    expect(kept.ExecutionStatus).toBe('AVAILABLE');
  }, 120_000);

  it('refuses a change set planned before production’s route moved: executing it would move production back', async () => {
    const plan = planOf(
      await cloud.run({ mode: 'plan', stackName: STACK, parameters: { StandardMemorySize: '2048' } }),
    );
    // Production moves outside the stack, as a cutover's promotion moves it: to the LMI version.
    const outputs = (await snapshot()).outputs as Record<string, string>;
    const moved = `${outputs.LmiFunctionName}:${outputs.LmiVersion}`;
    const stage = await getStage(cloud, outputs);
    expect(stage.variables.liveFunction).not.toBe(moved);
    const apigw = new APIGatewayClient(settings());
    try {
      await apigw.send(
        new UpdateStageCommand({
          restApiId: outputs.RestApiId,
          stageName: outputs.StageName,
          patchOperations: [{ op: 'replace', path: '/variables/liveFunction', value: moved }],
        }),
      );
    } finally {
      apigw.destroy();
    }

    const run = await cloud.run({
      mode: 'deploy',
      stackName: STACK,
      parameters: { StandardMemorySize: '2048' },
      inputs: { 'change-set-name': plan.changeSetName },
    });
    expect(run.error?.code).toBe('CHANGE_SET_STALE');
    expect(run.error!.details).toContainEqual(
      `parameter LiveFunction is "${stage.variables.liveFunction}" in the change set but "${moved}" now (production’s route moved since the plan: executing it would move production traffic)`,
    );
    expect(called(run, 'ExecuteChangeSet')).toBe(0);
    expect((await getStage(cloud, outputs)).variables.liveFunction).toBe(moved);
  }, 120_000);
});
