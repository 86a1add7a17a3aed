// change-set-name's staleness rules against a mocked CloudFormation: a reviewed change set is
// executed only when it exists, is executable, belongs to the stack, and still does what was
// reviewed — each way it can fail to is refused with its own code and reason.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DescribeChangeSetCommand,
  GetTemplateCommand,
  type DescribeChangeSetCommandOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { checkReviewedChangeSet } from '../../src/pipeline/deploy/reviewed-change-set.js';
import type { ChangeSetRun } from '../../src/pipeline/deploy/deployment.js';
import type { CfnTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';
import { CutoverError } from '../../src/core/errors.js';
import { awsError, testContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
beforeEach(() => {
  cfn.reset();
});

const STACK = 'webhook-prod';
const STACK_ID = `arn:aws:cloudformation:eu-west-1:123456789012:stack/${STACK}/1111`;
const NAME = 'lmi-cutover-plan-pr7-20261201-100000-abc123';
const CREATED = new Date('2026-12-01T10:00:00Z');

const TEMPLATE: CfnTemplate = {
  Parameters: {
    Size: { Type: 'Number', Default: 512 },
    LiveFunction: { Type: 'String', Default: '' },
    Secret: { Type: 'String', NoEcho: true },
  },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: { Ref: 'Size' } } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
  },
};

const existing: Stack = {
  StackName: STACK,
  StackId: STACK_ID,
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date('2026-11-01T00:00:00Z'),
  LastUpdatedTime: new Date('2026-11-30T00:00:00Z'),
  Parameters: [
    { ParameterKey: 'Size', ParameterValue: '1024' },
    { ParameterKey: 'LiveFunction', ParameterValue: 'webhook-prod-lmi:3' },
    { ParameterKey: 'Secret', ParameterValue: '****' },
  ],
};

/** What this run would deploy: the template above, LiveFunction from the stage, Size from the stack. */
function run(over: { stack?: Partial<Stack>; overrides?: Record<string, string>; safety?: object } = {}) {
  return {
    config: { stackName: STACK, tags: { team: 'payments' } },
    prepared: {
      packaged: { template: TEMPLATE, artifacts: [] },
      overrides: { LiveFunction: 'webhook-prod-lmi:4', ...over.overrides },
      keyPrefix: 'lmi-cutover/webhook-prod',
    },
    plan: {
      changeSetType: 'UPDATE',
      recreated: false,
      stackExists: true,
      existing: { ...existing, ...over.stack },
    },
    safety: { capabilities: ['CAPABILITY_IAM'], ...over.safety },
  } as unknown as ChangeSetRun;
}

/** The reviewed change set as DescribeChangeSet answers when it matches the run. */
function reviewed(over: Partial<DescribeChangeSetCommandOutput> = {}, template: object = TEMPLATE): void {
  cfn.on(DescribeChangeSetCommand).resolves({
    ChangeSetName: NAME,
    ChangeSetId: `arn:aws:cloudformation:eu-west-1:123456789012:changeSet/${NAME}/2222`,
    StackName: STACK,
    StackId: STACK_ID,
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    CreationTime: CREATED,
    Parameters: [
      { ParameterKey: 'Size', ParameterValue: '1024' },
      { ParameterKey: 'LiveFunction', ParameterValue: 'webhook-prod-lmi:4' },
      { ParameterKey: 'Secret', ParameterValue: '****' },
    ],
    Tags: [{ Key: 'team', Value: 'payments' }],
    NotificationARNs: [],
    Changes: [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Modify',
          LogicalResourceId: 'Fn',
          ResourceType: 'AWS::Lambda::Function',
          Replacement: 'False',
        },
      },
    ],
    ...over,
  });
  // Pretty JSON as the plan sent it: the comparison is on content, not formatting.
  cfn.on(GetTemplateCommand).resolves({ TemplateBody: JSON.stringify(template, null, 2) });
}

async function refusal(promise: Promise<unknown>): Promise<CutoverError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(CutoverError);
    return e as CutoverError;
  }
  throw new Error('expected the change set to be refused');
}

const check = (r: ChangeSetRun = run(), given = NAME) => {
  const ctx = testContext({ stackName: STACK });
  return { ctx, result: checkReviewedChangeSet(ctx, r, given) };
};

describe('checkReviewedChangeSet', () => {
  it('accepts a change set that still does what was reviewed, and returns its changes', async () => {
    reviewed();
    const { ctx, result } = check();
    expect(await result).toEqual({
      changeSetName: NAME,
      stackId: STACK_ID,
      changes: [{ logicalId: 'Fn', type: 'AWS::Lambda::Function', action: 'Modify', replacement: 'False' }],
    });
    expect(ctx.progress.codes).toEqual(['deploy.reviewed-change-set']);
    expect(cfn).toHaveReceivedCommandWith(GetTemplateCommand, {
      StackName: STACK,
      ChangeSetName: NAME,
      TemplateStage: 'Original',
    });
  });

  it('refuses one that does not exist: CloudFormation deletes the others when a change set is executed', async () => {
    cfn
      .on(DescribeChangeSetCommand)
      .rejects(awsError('ChangeSetNotFoundException', `ChangeSet [${NAME}] does not exist`, 404));
    const error = await refusal(check().result);
    expect(error.code).toBe('CHANGE_SET_NOT_FOUND');
    expect(error.message).toContain('the stack was most likely deployed since it was planned');
  });

  it('refuses one of another stack, named by its ARN', async () => {
    reviewed({ StackName: 'webhook-staging' });
    const arn = `arn:aws:cloudformation:eu-west-1:123456789012:changeSet/${NAME}/2222`;
    const error = await refusal(check(run(), arn).result);
    expect(error.code).toBe('CHANGE_SET_UNUSABLE');
    expect(error.message).toContain('it belongs to stack webhook-staging');
    // By ARN the change set names its own stack.
    expect(cfn.commandCalls(DescribeChangeSetCommand)[0]!.args[0].input).toEqual({ ChangeSetName: arn });
  });

  it.each([
    [{ Status: 'FAILED', StatusReason: 'Template error' }, 'it is FAILED (Template error)'],
    [{ Status: 'CREATE_IN_PROGRESS' }, 'it is CREATE_IN_PROGRESS'],
    [{ ExecutionStatus: 'EXECUTE_COMPLETE' }, 'it was already executed (EXECUTE_COMPLETE)'],
    [{ ExecutionStatus: 'UNAVAILABLE' }, 'its execution status is UNAVAILABLE'],
  ] as const)('refuses one that cannot be executed: %j', async (over, why) => {
    reviewed(over as Partial<DescribeChangeSetCommandOutput>);
    const error = await refusal(check().result);
    expect(error.code).toBe('CHANGE_SET_UNUSABLE');
    expect(error.message).toContain(why);
    expect(cfn).toHaveReceivedCommandTimes(GetTemplateCommand, 0);
  });

  it('refuses one CloudFormation marked OBSOLETE as stale', async () => {
    reviewed({ ExecutionStatus: 'OBSOLETE' });
    const error = await refusal(check().result);
    expect(error.code).toBe('CHANGE_SET_STALE');
    expect(error.details).toEqual([
      'CloudFormation marked it OBSOLETE: the stack was updated after it was created',
    ]);
  });

  it('refuses one made before the stack’s last update', async () => {
    reviewed();
    const error = await refusal(
      check(run({ stack: { LastUpdatedTime: new Date('2026-12-01T10:05:00Z') } })).result,
    );
    expect(error.code).toBe('CHANGE_SET_STALE');
    expect(error.details).toEqual([
      'the stack was updated at 2026-12-01T10:05:00.000Z, after the change set was created at 2026-12-01T10:00:00.000Z',
    ]);
  });

  it('refuses one whose template is not the one this run would deploy, naming what differs', async () => {
    reviewed(
      {},
      {
        ...TEMPLATE,
        Resources: {
          ...TEMPLATE.Resources,
          Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PROVISIONED' } },
        },
        Outputs: { X: { Value: 'x' } },
      },
    );
    const error = await refusal(check().result);
    expect(error.code).toBe('CHANGE_SET_STALE');
    expect(error.details).toEqual([
      "the template this run would deploy differs from the change set's (resource Table; section Outputs): the code or the template changed since the plan",
    ]);
  });

  it('refuses one planned before production’s route moved, and compares no NoEcho value', async () => {
    reviewed({
      Parameters: [
        { ParameterKey: 'Size', ParameterValue: '1024' },
        { ParameterKey: 'LiveFunction', ParameterValue: 'webhook-prod-lmi:3' },
        { ParameterKey: 'Secret', ParameterValue: '****' },
      ],
    });
    const error = await refusal(check().result);
    expect(error.code).toBe('CHANGE_SET_STALE');
    expect(error.message).toContain(
      'is stale: parameter LiveFunction is "webhook-prod-lmi:3" in the change set but "webhook-prod-lmi:4" now (production’s route moved since the plan: executing it would move production traffic)',
    );
    expect(error.message).toContain('nothing was executed');
  });

  it('compares parameter overrides, tags and the stack-safety inputs the run sets, and lists every difference', async () => {
    reviewed({
      NotificationARNs: ['arn:aws:sns:eu-west-1:123456789012:old'],
      RollbackConfiguration: { RollbackTriggers: [], MonitoringTimeInMinutes: 0 },
      Tags: [{ Key: 'team', Value: 'orders' }],
    });
    const error = await refusal(
      check(
        run({
          overrides: { Size: '2048' },
          safety: {
            notificationArns: ['arn:aws:sns:eu-west-1:123456789012:deploys'],
            rollback: {
              alarms: [
                {
                  arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:errors',
                  type: 'AWS::CloudWatch::Alarm',
                },
              ],
              monitoringMinutes: 5,
            },
          },
        }),
      ).result,
    );
    expect(error.details).toEqual([
      'parameter Size is "1024" in the change set but "2048" now',
      "its tags differ from this run's (team)",
      'its notification ARNs (arn:aws:sns:eu-west-1:123456789012:old) are not notification-arns',
      'its rollback triggers are not rollback-alarms',
      'its monitoring time is not rollback-monitoring-minutes (5)',
    ]);
    expect(error.message).toContain('(and 4 more differences)');
  });

  it('does not compare the stack-safety inputs the run leaves unset (the stack keeps its own)', async () => {
    reviewed({ NotificationARNs: ['arn:aws:sns:eu-west-1:123456789012:old'] });
    await expect(check().result).resolves.toMatchObject({ changeSetName: NAME });
  });
});
