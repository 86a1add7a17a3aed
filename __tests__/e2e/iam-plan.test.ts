// The planning role's policy (docs/iam/production-plan-policy.json) against real runs on the local
// cloud, evaluated by an IAM policy simulator. The kit's `plan` job runs a pull request's code with
// that role against the production stack, so the policy must let every plan through and nothing
// else. On one local cloud, the production stack's life as the kit lives it:
// - a plan before production exists (a CREATE change set), then a `full` release;
// - plans of a changed commit (new code, a changed parameter, rollback-alarms, a pull request's
//   second plan replacing its first);
// - a second `full` release of a template that declares the routing contract instead of outputs,
//   and a plan of it (the stack's outputs are then read through its resources);
// - a staging stack and a plan of it, which the planning policy must refuse;
// - last, `lmi-cutover destroy` of the production stack.
// Every call the plans made is allowed, on the resource it was made on; the policy grants no
// action no plan called; and it refuses every write the releases and the destroy made (listed),
// every read a plan never needs, everything CloudFormation did for the stack, and every call of
// the staging plan that names a resource.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { readFile, writeFile } from 'node:fs/promises';
import type { CallRecord } from '../../emulator/index.js';
import type { PolicyDocument } from '../../scripts/iam-policies.js';
import { releaseCopy, type ReleaseCopy } from '../../scripts/demo/releases.js';
import type { PipelineResult } from '../../src/pipeline/run.js';
import { destroyStack } from '../../src/pipeline/modes/destroy.js';
import { cloudFormationRequests } from '../support/cloudformation-calls.js';
import {
  describeRequest,
  evaluate,
  notAllowed,
  VIA_CLOUDFORMATION,
  type Decision,
  type IamRequest,
} from '../support/iam-evaluate.js';
import { namesOf, planningPolicy, STACK_OF } from '../support/iam-environments.js';
import { directlyAllowed, requestsOfCall } from '../support/iam-policy.js';
import { expectSucceeded, REPO_ROOT, startE2eCloud, type E2eCloud, type E2eRun } from './harness.js';

const PRODUCTION = STACK_OF.production;
const STAGING = STACK_OF.staging;
const ALARM = 'webhook-prod-errors';
const { boundaryArn } = namesOf('production');
/** The production job's light release: here for the calls it makes. */
const RELEASE_INPUTS = {
  concurrency: '4',
  'load-requests': '8',
  'cutover-steps': '50,100',
  'bake-seconds': '4',
  'probe-rate': '5',
};
const PARAMETERS = { PerExecutionEnvironmentMaxConcurrency: '4', PermissionsBoundaryArn: boundaryArn };

let cloud: E2eCloud;
let copy: ReleaseCopy;
/** The same release, its template declaring the routing contract and no outputs. */
let contractOnly: string;
const plans: E2eRun[] = [];
const releases: E2eRun[] = [];
let stagingPlan: E2eRun;

const plan = async (stackName: string, o: { template?: string; parameters?: Record<string, string> } = {}) =>
  cloud.run({
    mode: 'plan',
    stackName,
    template: o.template,
    parameters: { ...PARAMETERS, ...o.parameters },
    // The kit's plan job comments on its pull request; here the change set is named after it.
    inputs: { 'pr-number': '14', 'rollback-alarms': ALARM },
  });

beforeAll(async () => {
  cloud = await startE2eCloud({
    secretParameterName: '/lmi-cutover/production/webhook-signing-secret',
    emulator: { requiredPermissionsBoundary: boundaryArn },
  });
  const cw = new CloudWatchClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  try {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: ALARM,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  } finally {
    cw.destroy();
  }
  copy = await releaseCopy(REPO_ROOT, 'change', 'planned release');
  contractOnly = copy.template.replace(/template\.yaml$/, 'contract-only.yaml');
  const text = await readFile(copy.template, 'utf8');
  await writeFile(contractOnly, text.slice(0, text.indexOf('\nOutputs:') + 1));

  // Before production's first deploy: a CREATE change set holds the stack in REVIEW_IN_PROGRESS.
  plans.push(await plan(PRODUCTION));
  releases.push(
    await cloud.run({ mode: 'full', stackName: PRODUCTION, parameters: PARAMETERS, inputs: RELEASE_INPUTS }),
  );
  expectSucceeded(releases[0]!);
  // A pull request changes the code and a parameter, and pushes again: its second plan replaces the first.
  for (let i = 0; i < 2; i++)
    plans.push(
      await plan(PRODUCTION, { template: copy.template, parameters: { StandardMemorySize: '1024' } }),
    );
  releases.push(
    await cloud.run({
      mode: 'full',
      stackName: PRODUCTION,
      template: contractOnly,
      parameters: PARAMETERS,
      inputs: RELEASE_INPUTS,
    }),
  );
  expectSucceeded(releases[1]!);
  plans.push(await plan(PRODUCTION, { template: contractOnly, parameters: { StandardMemorySize: '1024' } }));

  expectSucceeded(await cloud.run({ mode: 'deploy', stackName: STAGING, parameters: PARAMETERS }));
  stagingPlan = await plan(STAGING, { parameters: { StandardMemorySize: '1024' } });
}, 300_000);

afterAll(async () => {
  await copy?.remove();
  await cloud?.stop();
});

const policy = (): PolicyDocument => planningPolicy(cloud.emulator.region, cloud.artifactBucket);
/** The action's own calls: not the functions', nor the probes' through the public stage. */
const actionCalls = (runs: readonly E2eRun<unknown>[]): CallRecord[] =>
  runs.flatMap((r) =>
    r.calls.filter(
      (c) => c.service !== 'execute-api' && c.accessKeyId === cloud.emulator.credentials.accessKeyId,
    ),
  );
const isRead = (c: CallRecord) => /^(Describe|Get|List|Head|Query|Scan)/.test(c.operation);
const actionsOf = (requests: readonly IamRequest[]) => [...new Set(requests.map((r) => r.action))].sort();

async function decisions(requests: readonly IamRequest[]): Promise<Map<string, Decision>> {
  const out = new Map<string, Decision>();
  for (const r of requests) out.set(describeRequest(r), await evaluate({ identity: policy() }, r));
  return out;
}
const allowedOf = (d: Map<string, Decision>) => [...d].filter(([, v]) => v === 'Allowed').map(([k]) => k);

describe('the planning role (docs/iam/production-plan-policy.json)', () => {
  it('plans every time, creating and deleting change sets and writing nothing else', () => {
    for (const run of [...plans, stagingPlan]) {
      expectSucceeded(run);
      expect((run.result as Extract<PipelineResult, { mode: 'plan' }>).plan.type).toBe('planned');
      const writes = new Set(run.calls.filter((c) => !isRead(c)).map((c) => `${c.service}:${c.operation}`));
      expect([...writes].filter((w) => !/^cloudformation:(Create|Delete)ChangeSet$/.test(w))).toEqual([]);
      expect(run.calls.filter((c) => c.service === 's3')).toEqual([]);
    }
    expect(plans[0]!.report.plan?.changeSetType).toBe('CREATE');
    expect(plans[2]!.calls.some((c) => c.operation === 'DeleteChangeSet')).toBe(true);
  });

  it('allows every call the plans made, on the resource each was made on, and grants no action they did not call', async () => {
    const requests = actionCalls(plans).flatMap(requestsOfCall);
    expect(await notAllowed({ identity: policy() }, requests)).toEqual([]);
    expect(actionsOf(requests)).toEqual([...directlyAllowed(policy())].sort());
    // The contract-only stack's outputs were read through its resources.
    expect(actionsOf(actionCalls([plans[3]!]).flatMap(requestsOfCall))).toEqual(
      expect.arrayContaining(['cloudformation:GetTemplateSummary', 'cloudformation:ListStackResources']),
    );
  }, 60_000);

  it('refuses every write the releases made, their own change sets included', async () => {
    const writes = actionCalls(releases)
      .filter((c) => !isRead(c))
      .flatMap(requestsOfCall);
    expect(actionsOf(writes)).toEqual([
      'apigateway:PATCH',
      'cloudformation:CreateChangeSet',
      'cloudformation:DeleteChangeSet',
      'cloudformation:ExecuteChangeSet',
      'lambda:AddPermission',
      'lambda:InvokeFunction',
      's3:PutObject',
    ]);
    const decided = await decisions(writes);
    expect(allowedOf(decided)).toEqual([]);
    // The deploy's change sets are not named as plans: a pull request cannot delete one a
    // production deploy is about to execute, nor create one under its name.
    const changeSets = writes.filter(
      (r) => /ChangeSet$/.test(r.action) && !r.resource.includes(':aws:transform/'),
    );
    expect(
      changeSets.every(
        (r) => !String(r.context?.['cloudformation:ChangeSetName']).startsWith('lmi-cutover-plan-'),
      ),
    ).toBe(true);
    const execute = writes.find((r) => r.action === 'cloudformation:ExecuteChangeSet')!;
    expect(decided.get(describeRequest(execute))).toBe('ExplicitlyDenied');
  }, 60_000);

  it('refuses every read of the releases that a plan never makes: the secret, the table, the artifacts, permissions, events', async () => {
    const granted = directlyAllowed(policy());
    const reads = actionCalls(releases)
      .filter(isRead)
      .flatMap(requestsOfCall)
      .filter((r) => !granted.has(r.action));
    expect(actionsOf(reads)).toEqual([
      'cloudformation:DescribeStackEvents',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'lambda:GetPolicy',
      'lambda:ListAliases',
      'lambda:ListVersionsByFunction',
      's3:GetObject',
      'ssm:GetParameter',
    ]);
    expect(allowedOf(await decisions(reads))).toEqual([]);
  }, 60_000);

  it('refuses everything CloudFormation did for the stack on its behalf, but the reads a plan makes itself', async () => {
    const requests = cloudFormationRequests(cloud.emulator.state, PRODUCTION, cloud.emulator.region).map(
      (r) => ({ ...r, context: { ...r.context, ...VIA_CLOUDFORMATION } }),
    );
    expect(new Set(requests.map((r) => r.action.split(':')[0]))).toEqual(
      new Set(['iam', 'lambda', 's3', 'dynamodb', 'apigateway']),
    );
    const decided = await decisions(requests);
    // CloudFormation reading the versions and the capacity provider asks what the plan itself may.
    const allowed = actionsOf(requests.filter((r) => decided.get(describeRequest(r)) === 'Allowed'));
    expect(allowed).toEqual(['lambda:GetCapacityProvider', 'lambda:GetFunctionConfiguration']);
  }, 60_000);

  it('refuses every call of a plan of the staging stack that names a stack’s resource', async () => {
    const requests = actionCalls([stagingPlan])
      .flatMap(requestsOfCall)
      // The SAM transform and the account's alarms (rollback-alarms) are no stack's.
      .filter((r) => !r.resource.includes(':aws:transform/') && !r.action.startsWith('cloudwatch:'));
    expect(actionsOf(requests)).toEqual([
      'apigateway:GET',
      'cloudformation:CreateChangeSet',
      'cloudformation:DescribeChangeSet',
      'cloudformation:DescribeStacks',
      'cloudformation:ListChangeSets',
      'lambda:GetCapacityProvider',
      'lambda:GetFunctionConfiguration',
      'lambda:GetFunctionScalingConfig',
      'lambda:ListFunctionVersionsByCapacityProvider',
    ]);
    expect(allowedOf(await decisions(requests))).toEqual([]);
  }, 60_000);

  // Last: it deletes the production stack the tests above read.
  it('refuses every write of lmi-cutover destroy of the production stack', async () => {
    const destroyed = await cloud.runStages({ stackName: PRODUCTION }, (ctx) =>
      destroyStack(ctx, {
        stackName: PRODUCTION,
        dryRun: false,
        iKnowItServesProduction: true,
        trafficWindowHours: 1,
        timeoutMinutes: 5,
        timing: { intervalMs: 50 },
      }),
    );
    expectSucceeded(destroyed);
    const writes = actionCalls([destroyed])
      .filter((c) => !isRead(c))
      .flatMap(requestsOfCall);
    expect(actionsOf(writes)).toEqual(['cloudformation:DeleteStack', 'lambda:PutFunctionScalingConfig']);
    const decided = await decisions(writes);
    expect(allowedOf(decided)).toEqual([]);
    const deleteStack = writes.find((r) => r.action === 'cloudformation:DeleteStack')!;
    expect(decided.get(describeRequest(deleteStack))).toBe('ExplicitlyDenied');
  }, 120_000);
});
