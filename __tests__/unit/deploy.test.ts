// Every path of the deploy stage's steps 2–4 against a mocked CloudFormation: the mock
// answers like the service (statuses, events newest first, change set pages) and the fake
// clock makes minutes of polling instant.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CancelUpdateStackCommand,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  UpdateTerminationProtectionCommand,
  type Change,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import {
  deployStack,
  type DeployOptions,
  type DeployResult,
} from '../../src/pipeline/deploy/deploy-stack.js';
import { CutoverError } from '../../src/core/errors.js';
import type { Config } from '../../src/config/config.js';
import { awsError, stackEvent, testContext, type TestContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const cw = mockClient(CloudWatchClient);

const NAME = 'webhook-test';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/webhook-test/new-1111';
const OLD_STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/webhook-test/old-0000';

const TEMPLATE = `
Parameters:
  Stage:
    Type: String
    Default: test
  LiveFunction:
    Type: String
    Default: ''
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: { S3Bucket: b, S3Key: k }
      Role: !GetAtt Role.Arn
Outputs:
  QueueUrl:
    Value: !Ref Queue
`;

const dirs: string[] = [];
function templateDir(body = TEMPLATE): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-deploy-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'template.yaml'), body);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Returns each value in turn, then keeps returning the last one. */
function sequence<T>(values: readonly T[]): () => T {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

const missing = () => awsError('ValidationError', `Stack with id ${NAME} does not exist`);

const stack = (status: string, extra: Partial<Stack> = {}): Stack => ({
  StackName: NAME,
  StackId: STACK_ID,
  StackStatus: status as Stack['StackStatus'],
  CreationTime: new Date(),
  ...extra,
});

const change = (
  logicalId: string,
  action: string,
  resourceType = 'AWS::SQS::Queue',
  replacement?: string,
): Change => ({
  Type: 'Resource',
  ResourceChange: {
    LogicalResourceId: logicalId,
    ResourceType: resourceType,
    Action: action as 'Add',
    Replacement: replacement as 'True' | undefined,
  },
});

interface Scenario {
  /** DescribeStacks by name, one per poll; undefined = does not exist. */
  byName?: Array<Stack | undefined>;
  /** DescribeStacks by the new stack id, one per poll of the follow loop. */
  statuses?: string[];
  changeSet?: {
    status: 'CREATE_COMPLETE' | 'FAILED';
    reason?: string;
    changes?: Change[];
    pendingPolls?: number;
  };
  baseline?: StackEvent[];
  /** Each DescribeStackEvents call after the baseline reveals one more batch. */
  batches?: StackEvent[][];
  /** DescribeStackEvents calls (0 = the baseline read) that answer Throttling. */
  throttleEventCalls?: number[];
}

function arrange(s: Scenario): void {
  const byName = sequence(s.byName ?? [undefined]);
  cfn.on(DescribeStacksCommand, { StackName: NAME }).callsFake(() => {
    const found = byName();
    if (!found) throw missing();
    return { Stacks: [found] };
  });
  const byId = sequence(s.statuses ?? ['CREATE_COMPLETE']);
  cfn.on(DescribeStacksCommand, { StackName: STACK_ID }).callsFake(() => ({
    Stacks: [stack(byId(), { Outputs: [{ OutputKey: 'QueueUrl', OutputValue: 'https://sqs/queue' }] })],
  }));

  const cs = s.changeSet ?? { status: 'CREATE_COMPLETE', changes: [change('Queue', 'Add')] };
  let heads = 0;
  cfn.on(DescribeChangeSetCommand).callsFake((input: { NextToken?: string }) => {
    if (!input.NextToken) heads += 1;
    const pending = heads <= (cs.pendingPolls ?? 0);
    // Two changes per page, so the summary must follow NextToken.
    const page = Number(input.NextToken ?? 0);
    const changes = cs.changes ?? [];
    return {
      StackId: STACK_ID,
      Status: pending ? 'CREATE_IN_PROGRESS' : cs.status,
      StatusReason: pending ? undefined : cs.reason,
      ExecutionStatus: cs.status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE',
      Changes: changes.slice(page * 2, page * 2 + 2),
      NextToken: page * 2 + 2 < changes.length ? String(page + 1) : undefined,
    };
  });

  const baseline = s.baseline ?? [
    stackEvent(NAME, 'AWS::CloudFormation::Stack', 'REVIEW_IN_PROGRESS', 'User Initiated'),
  ];
  const batches = s.batches ?? [];
  let eventCalls = 0;
  cfn.on(DescribeStackEventsCommand).callsFake(() => {
    const call = eventCalls++;
    if (s.throttleEventCalls?.includes(call)) throw awsError('Throttling', 'Rate exceeded');
    const revealed = Math.min(
      call - (s.throttleEventCalls ?? []).filter((c) => c < call).length,
      batches.length,
    );
    const visible = [...baseline, ...batches.slice(0, revealed).flat()];
    return { StackEvents: visible.reverse() };
  });

  cfn.on(CreateChangeSetCommand).resolves({ Id: 'change-set-arn', StackId: STACK_ID });
  cfn.on(ExecuteChangeSetCommand).resolves({});
  cfn.on(DeleteChangeSetCommand).resolves({});
  cfn.on(DeleteStackCommand).resolves({});
  cfn.on(ListChangeSetsCommand).resolves({ Summaries: [] });
}

function setup(config: Partial<Config> = {}, body?: string): TestContext {
  return testContext({ template: 'template.yaml', ...config }, templateDir(body));
}

const createdChangeSet = () => cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input;

async function failure(promise: Promise<unknown>): Promise<CutoverError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(CutoverError);
    return e as CutoverError;
  }
  throw new Error('expected the deploy to fail');
}

beforeEach(() => {
  cfn.reset();
  s3.reset();
  cw.reset();
});

/** The deploy stage with the settings mode deploy would build from the test config. */
const deployIn = (ctx: TestContext, options?: DeployOptions) =>
  deployStack(ctx, { ...ctx.config, cwd: ctx.cwd }, options);

describe('deployStack', () => {
  it('creates a new stack through a CREATE change set and streams its events once each', async () => {
    const events = [
      [
        stackEvent(NAME, 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', 'User Initiated'),
        stackEvent('Queue', 'AWS::SQS::Queue', 'CREATE_IN_PROGRESS'),
      ],
      [stackEvent('Queue', 'AWS::SQS::Queue', 'CREATE_COMPLETE')],
      [stackEvent(NAME, 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE')],
    ];
    arrange({
      byName: [undefined],
      statuses: ['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE'],
      changeSet: {
        status: 'CREATE_COMPLETE',
        changes: [change('Queue', 'Add'), change('Fn', 'Add', 'AWS::Lambda::Function')],
        pendingPolls: 2,
      },
      batches: events,
    });
    const ctx = setup({ tags: { team: 'payments' } });

    const result = await deployIn(ctx);

    expect(result).toMatchObject({
      type: 'did-deploy-stack',
      changeSetType: 'CREATE',
      stackId: STACK_ID,
      stackStatus: 'CREATE_COMPLETE',
      changeCount: 2,
      recreated: false,
      outputs: { QueueUrl: 'https://sqs/queue' },
      template: { kind: 'body' },
    });
    const input = createdChangeSet();
    expect(input).toMatchObject({
      StackName: NAME,
      ChangeSetType: 'CREATE',
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Tags: [{ Key: 'team', Value: 'payments' }],
      Parameters: [],
    });
    expect(input.ChangeSetName).toMatch(/^lmi-cutover-20250102-030405-[0-9a-f]{6}$/);
    expect(JSON.parse(input.TemplateBody!).Resources.Fn.Properties.Role).toEqual({
      'Fn::GetAtt': ['Role', 'Arn'],
    });
    expect(cfn).toHaveReceivedCommandWith(ExecuteChangeSetCommand, {
      ChangeSetName: input.ChangeSetName,
      StackName: NAME,
    });
    // No stack before: nothing to list, nothing to clean.
    expect(cfn).toHaveReceivedCommandTimes(ListChangeSetsCommand, 0);
    expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 0);
    // Every event of this operation exactly once, the earlier REVIEW_IN_PROGRESS one never.
    for (const e of events.flat()) {
      expect(
        ctx.progress.lines.filter((l) =>
          l.includes(`${e.LogicalResourceId}  ${e.ResourceType}  ${e.ResourceStatus}`),
        ),
      ).toHaveLength(1);
    }
    expect(ctx.progress.text()).not.toContain('REVIEW_IN_PROGRESS');
    expect(ctx.progress.codes).toEqual([
      'deploy.stack-absent',
      'deploy.change-set-created',
      'deploy.change-set-summary',
      'deploy.change',
      'deploy.change',
      'deploy.executing',
      ...events.flat().map(() => 'deploy.stack-event'),
      'deploy.stack-settled',
      'deploy.deployed',
    ]);
  });

  it('creates through a CREATE change set when the stack is REVIEW_IN_PROGRESS, deleting only our stale change sets', async () => {
    arrange({ byName: [stack('REVIEW_IN_PROGRESS')], statuses: ['CREATE_COMPLETE'] });
    cfn.on(ListChangeSetsCommand).resolves({
      Summaries: [
        { ChangeSetName: 'lmi-cutover-20240101-000000-abcdef', ExecutionStatus: 'AVAILABLE' },
        { ChangeSetName: 'someone-elses-change-set', ExecutionStatus: 'AVAILABLE' },
      ],
    });
    const ctx = setup();
    const result = await deployIn(ctx);
    expect(result.type).toBe('did-deploy-stack');
    expect(createdChangeSet().ChangeSetType).toBe('CREATE');
    expect(ctx.progress.codes.slice(0, 2)).toEqual([
      'deploy.stack-in-review',
      'deploy.stale-change-sets-deleted',
    ]);
    expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 1);
    expect(cfn).toHaveReceivedCommandWith(DeleteChangeSetCommand, {
      ChangeSetName: 'lmi-cutover-20240101-000000-abcdef',
    });
  });

  it('updates an existing stack, keeping previous parameter values and letting the pipeline override win', async () => {
    arrange({
      byName: [
        stack('UPDATE_COMPLETE', {
          Parameters: [
            { ParameterKey: 'Stage', ParameterValue: 'prod' },
            { ParameterKey: 'LiveFunction', ParameterValue: 'webhook-lmi-fn:4' },
          ],
        }),
      ],
      statuses: ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE'],
      changeSet: {
        status: 'CREATE_COMPLETE',
        changes: [change('Fn', 'Modify', 'AWS::Lambda::Function', 'False')],
      },
      batches: [
        [stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS')],
        [stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_COMPLETE')],
      ],
    });
    const ctx = setup({ parameterOverrides: { LiveFunction: 'webhook-standard-fn:1' } });
    const result = await deployIn(ctx, { parameterOverrides: { LiveFunction: 'webhook-lmi-fn:4' } });
    expect(result).toMatchObject({
      type: 'did-deploy-stack',
      changeSetType: 'UPDATE',
      stackStatus: 'UPDATE_COMPLETE',
      changeCount: 1,
    });
    expect(createdChangeSet().Parameters).toEqual([
      { ParameterKey: 'Stage', UsePreviousValue: true },
      { ParameterKey: 'LiveFunction', ParameterValue: 'webhook-lmi-fn:4' },
    ]);
    expect(ctx.progress.warnings.join('\n')).toContain(
      "parameter-overrides sets LiveFunction, but the pipeline's own value for it wins.",
    );
    expect(ctx.progress.text()).toContain('Modify  Fn  AWS::Lambda::Function  replacement: False');
    expect(ctx.progress.codes.slice(0, 2)).toEqual(['deploy.override-ignored', 'deploy.stack-update']);
  });

  it.each([
    "The submitted information didn't contain changes. Submit different information to create a change set.",
    'No updates are to be performed.',
  ])('treats an empty change set as a no-op success and deletes it (%s)', async (reason) => {
    arrange({
      byName: [stack('UPDATE_COMPLETE')],
      statuses: ['UPDATE_COMPLETE'],
      changeSet: { status: 'FAILED', reason, changes: [] },
    });
    const ctx = setup();
    const result: DeployResult = await deployIn(ctx);
    expect(ctx.progress.codes).toEqual([
      'deploy.stack-update',
      'deploy.change-set-created',
      'deploy.no-changes',
    ]);
    expect(result).toMatchObject({
      type: 'no-op',
      changeCount: 0,
      stackId: STACK_ID,
      stackStatus: 'UPDATE_COMPLETE',
      outputs: { QueueUrl: 'https://sqs/queue' },
    });
    expect(cfn).toHaveReceivedCommandTimes(ExecuteChangeSetCommand, 0);
    expect(cfn).toHaveReceivedCommandWith(DeleteChangeSetCommand, { ChangeSetName: result.changeSetName });
  });

  it('fails with the StatusReason of any other failed change set, and deletes it', async () => {
    arrange({
      byName: [stack('UPDATE_COMPLETE')],
      changeSet: {
        status: 'FAILED',
        reason:
          'Template format error: Unresolved resource dependencies [Role] in the Resources block of the template',
      },
    });
    const error = await failure(deployIn(setup()));
    expect(error.code).toBe('DEPLOY_CHANGESET_FAILED');
    expect(error.message).toContain('Unresolved resource dependencies [Role]');
    expect(cfn).toHaveReceivedCommandTimes(ExecuteChangeSetCommand, 0);
    expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 1);
  });

  it('waits for an operation already in progress to settle, then goes on', async () => {
    const busy = Array.from({ length: 8 }, () => stack('UPDATE_IN_PROGRESS'));
    arrange({ byName: [...busy, stack('UPDATE_COMPLETE')], statuses: ['UPDATE_COMPLETE'] });
    const ctx = setup();
    const result = await deployIn(ctx);
    expect(result.type).toBe('did-deploy-stack');
    expect(createdChangeSet().ChangeSetType).toBe('UPDATE');
    const text = ctx.progress.text();
    expect(text).toContain(
      `Stack ${NAME} is UPDATE_IN_PROGRESS: waiting for that operation to settle first.`,
    );
    expect(text).toMatch(/still waiting: stack webhook-test is UPDATE_IN_PROGRESS, \d+s elapsed/);
    expect(ctx.progress.codes.filter((c) => c === 'deploy.stack-busy')).toHaveLength(1);
    expect(ctx.progress.codes).toContain('deploy.stack-busy-waiting');
    expect(cfn.commandCalls(DescribeStacksCommand, { StackName: NAME }).length).toBeGreaterThanOrEqual(9);
  });

  it('deletes a ROLLBACK_COMPLETE stack, waits for the deletion, then creates it again', async () => {
    arrange({
      byName: [stack('ROLLBACK_COMPLETE', { StackId: OLD_STACK_ID }), undefined],
      statuses: ['CREATE_COMPLETE'],
    });
    const deletion = sequence(['DELETE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    cfn
      .on(DescribeStacksCommand, { StackName: OLD_STACK_ID })
      .callsFake(() => ({ Stacks: [stack(deletion(), { StackId: OLD_STACK_ID })] }));
    const ctx = setup();
    const result = await deployIn(ctx);
    expect(result).toMatchObject({ type: 'did-deploy-stack', changeSetType: 'CREATE', recreated: true });
    expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: OLD_STACK_ID });
    expect(cfn.commandCalls(DescribeStacksCommand, { StackName: OLD_STACK_ID })).toHaveLength(3);
    expect(ctx.progress.warnings.join('\n')).toContain('ROLLBACK_COMPLETE: its first creation failed');
    expect(ctx.progress.codes.slice(0, 2)).toEqual([
      'deploy.stack-rollback-complete',
      'deploy.failed-stack-deleted',
    ]);
    // Deleted before the change set was created.
    const order = cfn.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('DeleteStackCommand')).toBeLessThan(order.indexOf('CreateChangeSetCommand'));
  });

  it('fails STACK_STUCK on UPDATE_ROLLBACK_FAILED with what a person must do', async () => {
    arrange({ byName: [stack('UPDATE_ROLLBACK_FAILED')] });
    const error = await failure(deployIn(setup()));
    expect(error.code).toBe('STACK_STUCK');
    expect(error.message).toBe(
      `Stack ${NAME} is UPDATE_ROLLBACK_FAILED. CloudFormation could not roll back the last update. Fix or skip the resources that failed (see the stack events), run "aws cloudformation continue-update-rollback --stack-name ${NAME}", then run again.`,
    );
    expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
  });

  it('fails a rolled-back execution with the root cause first, cancellations and the stack summary after', async () => {
    arrange({
      byName: [undefined],
      statuses: ['CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE'],
      batches: [
        [
          stackEvent('Queue', 'AWS::SQS::Queue', 'CREATE_FAILED', 'Resource creation cancelled'),
          stackEvent(
            'Fn',
            'AWS::Lambda::Function',
            'CREATE_FAILED',
            'Resource handler returned message: "The role defined for the function cannot be assumed by Lambda."',
          ),
          stackEvent('Api', 'AWS::ApiGateway::RestApi', 'CREATE_FAILED', 'Resource update cancelled'),
        ],
        [
          stackEvent(
            NAME,
            'AWS::CloudFormation::Stack',
            'ROLLBACK_IN_PROGRESS',
            'The following resource(s) failed to create: [Fn, Queue, Api].',
          ),
          stackEvent('Table', 'AWS::DynamoDB::Table', 'DELETE_FAILED', 'Table is being deleted'),
        ],
        [stackEvent(NAME, 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE')],
      ],
    });
    const error = await failure(deployIn(setup()));
    expect(error.code).toBe('DEPLOY_FAILED');
    expect(error.message).toBe(
      `Deploying stack ${NAME} failed; the stack is ROLLBACK_COMPLETE. Root cause: Fn (AWS::Lambda::Function) CREATE_FAILED: ` +
        'Resource handler returned message: "The role defined for the function cannot be assumed by Lambda.". ' +
        'Fix it and run again; the next run deletes the failed stack and creates it anew.',
    );
    expect(error.details.map((d) => d.split(' ')[0])).toEqual(['Fn', 'Table', 'Queue', 'Api']);
  });

  it('backs off while event polling is throttled and carries on', async () => {
    arrange({
      byName: [stack('UPDATE_COMPLETE')],
      statuses: ['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE'],
      batches: [
        [stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS')],
        [stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_COMPLETE')],
      ],
      throttleEventCalls: [1, 2],
    });
    const ctx = setup();
    const result = await deployIn(ctx);
    expect(result.stackStatus).toBe('UPDATE_COMPLETE');
    expect(ctx.progress.warnings.filter((w) => w.includes('throttling'))).toHaveLength(1);
    expect(ctx.progress.codes.filter((c) => c === 'poll.throttled')).toHaveLength(1);
    // 5 s normally, doubled twice while throttled, back to 5 s afterwards.
    expect(ctx.clock.sleeps.join(',')).toContain('10000,20000,5000');
    expect(ctx.clock.sleeps.slice(-1)).toEqual([5_000]);
    expect(
      ctx.progress.lines.filter((l) => l.includes('Fn  AWS::Lambda::Function  UPDATE_COMPLETE')),
    ).toHaveLength(1);
  });

  it('says something at least every 30 s while nothing changes', async () => {
    arrange({
      byName: [stack('UPDATE_COMPLETE')],
      statuses: [...Array<string>(20).fill('UPDATE_IN_PROGRESS'), 'UPDATE_COMPLETE'],
      batches: [[stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS')]],
    });
    const ctx = setup();
    await deployIn(ctx);
    const heartbeats = ctx.progress.lines.filter((l) =>
      l.startsWith('still waiting: 1 resource in progress (Fn), stack UPDATE_IN_PROGRESS'),
    );
    // 20 polls × 5 s of silence ≈ 100 s → three heartbeats.
    expect(heartbeats).toHaveLength(3);
    expect(ctx.progress.codes.filter((c) => c === 'deploy.stack-waiting')).toHaveLength(3);
    expect(heartbeats[0]).toMatch(/, 3\ds elapsed$/);
  });

  it('fails PROVISIONING_TIMEOUT when a function version is still being created at provisioning-timeout-minutes', async () => {
    arrange({
      byName: [stack('UPDATE_COMPLETE')],
      statuses: ['UPDATE_IN_PROGRESS'],
      batches: [[stackEvent('FnVersion', 'AWS::Lambda::Version', 'CREATE_IN_PROGRESS')]],
    });
    const ctx = setup({ provisioningTimeoutMinutes: 1 });
    const error = await failure(deployIn(ctx));
    expect(error.code).toBe('PROVISIONING_TIMEOUT');
    expect(error.message).toMatch(
      /^Function version FnVersion is still provisioning after 1m0\ds \(provisioning-timeout-minutes: 1\)/,
    );
    expect(error.details).toEqual(['in progress: FnVersion']);
    // CloudFormation is executing the change set: it is left alone.
    expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 0);
  });

  describe('deploy-timeout-minutes', () => {
    /** The stack by id: UPDATE_IN_PROGRESS until CancelUpdateStack, then `afterCancel` in turn. */
    function updateThatCancels(afterCancel: string[] | undefined): { cancelled: () => boolean } {
      arrange({
        byName: [stack('UPDATE_COMPLETE')],
        statuses: ['UPDATE_IN_PROGRESS'],
        batches: [[stackEvent('Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS')]],
      });
      let cancelled = false;
      const next = sequence(afterCancel ?? ['UPDATE_IN_PROGRESS']);
      cfn.on(DescribeStacksCommand, { StackName: STACK_ID }).callsFake(() => ({
        Stacks: [stack(cancelled ? next() : 'UPDATE_IN_PROGRESS')],
      }));
      if (afterCancel)
        cfn.on(CancelUpdateStackCommand).callsFake(() => {
          cancelled = true;
          return {};
        });
      else
        cfn
          .on(CancelUpdateStackCommand)
          .rejects(
            awsError('ValidationError', 'CancelUpdateStack cannot be called from current stack status'),
          );
      return { cancelled: () => cancelled };
    }

    it('cancels an update still running at the deadline and fails red once CloudFormation rolled it back', async () => {
      const update = updateThatCancels(['UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE']);
      const ctx = setup({ deployTimeoutMinutes: 2 });
      const started = ctx.clock.now();
      const error = await failure(deployIn(ctx));

      expect(update.cancelled()).toBe(true);
      expect(cfn).toHaveReceivedCommandWith(CancelUpdateStackCommand, { StackName: STACK_ID });
      // Cancelled at the deadline, not before.
      expect(cfn.commandCalls(CancelUpdateStackCommand)).toHaveLength(1);
      expect(error.code).toBe('DEPLOY_TIMEOUT');
      expect(error.message).toBe(
        `Stack ${NAME} was still UPDATE_IN_PROGRESS after 2 minutes (deploy-timeout-minutes), so this run cancelled the update (CancelUpdateStack) and CloudFormation rolled it back: ` +
          'the stack is UPDATE_ROLLBACK_COMPLETE, on its previous template and parameters, and production was not moved. Still in progress at the deadline: Fn. ' +
          'Find what was slow (the stack events above), then run again or raise deploy-timeout-minutes.',
      );
      expect(error.details[0]).toBe('in progress at the deadline: Fn');
      expect(ctx.clock.now() - started).toBeGreaterThanOrEqual(120_000);
      expect(ctx.progress.codes).toContain('deploy.update-cancelling');
      // CloudFormation owns the change set it executed: not deleted.
      expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 0);
    });

    it('says the rollback is still running when it outlasts the bounded wait', async () => {
      updateThatCancels(['UPDATE_ROLLBACK_IN_PROGRESS']);
      const ctx = setup({ deployTimeoutMinutes: 2 });
      const started = ctx.clock.now();
      const error = await failure(deployIn(ctx));
      expect(error.code).toBe('DEPLOY_TIMEOUT');
      expect(error.message).toContain(
        'this run cancelled the update (CancelUpdateStack), but the rollback is still UPDATE_ROLLBACK_IN_PROGRESS after 15 minutes',
      );
      // Two minutes of deploy, then at most fifteen of rollback.
      expect(ctx.clock.now() - started).toBeLessThan(18 * 60_000);
    });

    it('says so when CloudFormation refuses the cancel, with the command to run', async () => {
      updateThatCancels(undefined);
      const ctx = setup({ deployTimeoutMinutes: 2 });
      const error = await failure(deployIn(ctx));
      expect(error.message).toContain(
        'and cancelling it was refused (CancelUpdateStack cannot be called from current stack status); the stack is still UPDATE_IN_PROGRESS',
      );
      expect(error.message).toContain(`aws cloudformation cancel-update-stack --stack-name ${NAME}`);
      expect(ctx.progress.codes).toContain('deploy.update-not-cancelled');
    });

    it('leaves a first creation running: CancelUpdateStack does not apply to creates', async () => {
      arrange({
        byName: [undefined],
        statuses: ['CREATE_IN_PROGRESS'],
        batches: [[stackEvent('Fn', 'AWS::Lambda::Function', 'CREATE_IN_PROGRESS')]],
      });
      const ctx = setup({ deployTimeoutMinutes: 2 });
      const error = await failure(deployIn(ctx));
      expect(cfn).toHaveReceivedCommandTimes(CancelUpdateStackCommand, 0);
      expect(error.code).toBe('DEPLOY_TIMEOUT');
      expect(error.message).toContain(
        `Stack ${NAME} is still CREATE_IN_PROGRESS after 2 minutes (deploy-timeout-minutes)`,
      );
      expect(error.message).toContain(
        'A first creation cannot be cancelled (CancelUpdateStack applies to updates only)',
      );
      expect(error.details).toEqual(['in progress: Fn']);
    });
  });

  describe('stack-safety inputs', () => {
    const ALARM_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:webhook-errors';
    const COMPOSITE_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:webhook-health';

    it('sends the capabilities, notification ARNs and rollback triggers (alarms found by name) on the change set', async () => {
      arrange({ byName: [stack('UPDATE_COMPLETE')], statuses: ['UPDATE_COMPLETE'] });
      cw.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: [{ AlarmName: 'webhook-errors', AlarmArn: ALARM_ARN, StateValue: 'OK' }],
        CompositeAlarms: [
          { AlarmName: 'webhook-health', AlarmArn: COMPOSITE_ARN, StateValue: 'OK', AlarmRule: 'x' },
        ],
      });
      const ctx = setup({
        capabilities: ['CAPABILITY_IAM'],
        notificationArns: ['arn:aws:sns:us-east-1:123456789012:deploys'],
        rollbackAlarms: ['webhook-errors', COMPOSITE_ARN],
        rollbackMonitoringMinutes: 5,
      });
      await deployIn(ctx);
      expect(createdChangeSet()).toMatchObject({
        Capabilities: ['CAPABILITY_IAM'],
        NotificationARNs: ['arn:aws:sns:us-east-1:123456789012:deploys'],
        RollbackConfiguration: {
          RollbackTriggers: [
            { Arn: ALARM_ARN, Type: 'AWS::CloudWatch::Alarm' },
            { Arn: COMPOSITE_ARN, Type: 'AWS::CloudWatch::CompositeAlarm' },
          ],
          MonitoringTimeInMinutes: 5,
        },
      });
      expect(cw).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
        AlarmNames: ['webhook-errors', 'webhook-health'],
      });
    });

    it('leaves the stack its topics and triggers when the inputs are not given', async () => {
      arrange({ byName: [stack('UPDATE_COMPLETE')], statuses: ['UPDATE_COMPLETE'] });
      await deployIn(setup());
      const input = createdChangeSet();
      expect(input).not.toHaveProperty('NotificationARNs');
      expect(input).not.toHaveProperty('RollbackConfiguration');
      expect(cw.calls()).toHaveLength(0);
    });

    it('fails ALARM_NOT_FOUND before any change set when a rollback alarm does not exist', async () => {
      arrange({ byName: [stack('UPDATE_COMPLETE')] });
      cw.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: [{ AlarmName: 'webhook-errors', AlarmArn: ALARM_ARN }],
      });
      const error = await failure(
        deployIn(
          setup({
            rollbackAlarms: [
              'webhook-errors',
              'webhook-eror',
              'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:webhook-errors',
            ],
          }),
        ),
      );
      expect(error.code).toBe('ALARM_NOT_FOUND');
      expect(error.message).toContain(
        'rollback-alarms lists alarms CloudWatch does not have in this region: webhook-eror, arn:aws:cloudwatch:eu-west-1:123456789012:alarm:webhook-errors.',
      );
      expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
    });

    it('turns termination protection on after a successful deploy, and leaves it when it already matches', async () => {
      arrange({ byName: [undefined], statuses: ['CREATE_COMPLETE'] });
      cfn.on(UpdateTerminationProtectionCommand).resolves({ StackId: STACK_ID });
      const ctx = setup({ terminationProtection: true });
      await deployIn(ctx);
      expect(cfn).toHaveReceivedCommandWith(UpdateTerminationProtectionCommand, {
        StackName: STACK_ID,
        EnableTerminationProtection: true,
      });
      expect(ctx.progress.codes.at(-1)).toBe('deploy.termination-protection');

      cfn.reset();
      arrange({ byName: [stack('UPDATE_COMPLETE')], statuses: ['UPDATE_COMPLETE'] });
      cfn.on(DescribeStacksCommand, { StackName: STACK_ID }).resolves({
        Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true })],
      });
      await deployIn(setup({ terminationProtection: true }));
      expect(cfn).toHaveReceivedCommandTimes(UpdateTerminationProtectionCommand, 0);
    });

    it('never sets termination protection on a failed deploy (a failed first creation must stay deletable)', async () => {
      arrange({
        byName: [undefined],
        statuses: ['ROLLBACK_COMPLETE'],
        batches: [[stackEvent('Fn', 'AWS::Lambda::Function', 'CREATE_FAILED', 'boom')]],
      });
      const error = await failure(deployIn(setup({ terminationProtection: true })));
      expect(error.code).toBe('DEPLOY_FAILED');
      expect(cfn).toHaveReceivedCommandTimes(UpdateTerminationProtectionCommand, 0);
    });
  });

  it('reads every page of the change set into the summary', async () => {
    const changes = ['A', 'B', 'C', 'D', 'E'].map((id) => change(id, 'Add'));
    arrange({ byName: [undefined], changeSet: { status: 'CREATE_COMPLETE', changes } });
    const result = await deployIn(setup());
    expect(result.changes.map((c) => c.logicalId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(result.changeCount).toBe(5);
  });

  it('rejects parameters the template does not declare before calling AWS', async () => {
    arrange({});
    const error = await failure(
      deployIn(setup({ parameterOverrides: { Stage: 'x', Bogus: '1', Other: '2' } })),
    );
    expect(error.code).toBe('UNKNOWN_PARAMETER');
    expect(error.message).toBe(
      'parameter-overrides names parameters the template does not declare: Bogus, Other. Remove them or declare them under Parameters (declared: Stage, LiveFunction).',
    );
    expect(cfn.calls()).toHaveLength(0);
  });

  it('requires values for parameters without a Default on a new stack', async () => {
    arrange({ byName: [undefined] });
    const body = TEMPLATE.replace('    Default: test\n', '');
    const error = await failure(deployIn(setup({}, body)));
    expect(error.code).toBe('MISSING_PARAMETER');
    expect(error.message).toContain(
      'Stage has no Default and no value: give it in parameter-overrides (Stage=…)',
    );
    expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
  });

  describe('templates over 51,200 bytes', () => {
    // 400 more queues under Resources: well over the limit even as compact JSON.
    const queues = Array.from(
      { length: 400 },
      (_, i) =>
        `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: ${'q'.repeat(60)}-${i}\n`,
    ).join('');
    const bigTemplate = TEMPLATE.replace('Outputs:', `${queues}Outputs:`);

    it('uploads the template under its hash and passes TemplateURL', async () => {
      arrange({ byName: [undefined] });
      s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'Not Found', 404));
      s3.on(PutObjectCommand).resolves({});
      const ctx = setup({}, bigTemplate);
      const result = await deployIn(ctx);
      expect(result.template.kind).toBe('url');
      expect(ctx.progress.codes).toContain('deploy.template-uploaded');
      const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
      expect(put.Key).toMatch(/^lmi-cutover\/webhook-test\/[0-9a-f]{64}\.template\.json$/);
      expect(Buffer.from(put.Body as Uint8Array).byteLength).toBeGreaterThan(51_200);
      const input = createdChangeSet();
      expect(input.TemplateBody).toBeUndefined();
      expect(input.TemplateURL).toBe(`https://s3.us-east-1.amazonaws.com/artifacts-bucket/${put.Key}`);
    });

    it('points TemplateURL at the endpoint override (path style) behind an emulator', async () => {
      arrange({ byName: [undefined] });
      s3.on(HeadObjectCommand).resolves({});
      const result = await deployIn(setup({ endpointUrl: 'http://127.0.0.1:4566' }, bigTemplate));
      expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 0);
      expect(result.template).toMatchObject({
        kind: 'url',
        url: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1:4566\/artifacts-bucket\/lmi-cutover\/webhook-test\//,
        ),
      });
    });

    it('fails TEMPLATE_TOO_LARGE without an artifact bucket', async () => {
      arrange({ byName: [undefined] });
      const error = await failure(deployIn(setup({ artifactBucket: undefined }, bigTemplate)));
      expect(error.code).toBe('TEMPLATE_TOO_LARGE');
      expect(error.message).toContain('set artifact-bucket');
    });
  });

  it('masks the values of NoEcho parameters', async () => {
    arrange({ byName: [undefined] });
    const body = TEMPLATE.replace(
      'Parameters:\n',
      'Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\n',
    );
    const ctx = setup({ parameterOverrides: { Secret: 'hunter2', Stage: 'prod' } }, body);
    await deployIn(ctx);
    expect(ctx.progress.masked).toEqual(['hunter2']);
  });

  it('names a missing template file', async () => {
    const error = await failure(deployIn(setup({ template: 'nope/template.yaml' })));
    expect(error.code).toBe('TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('nope/template.yaml');
  });

  it('refuses an LMI function whose versions SAM would delete, before any AWS call', async () => {
    const lmiTemplate = (retention: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/code.zip
      Handler: app.handler
      Runtime: nodejs22.x
      MemorySize: 2048
      AutoPublishAlias: live
      CapacityProviderConfig:
        Arn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp
${retention}`;
    for (const retention of ['', '      VersionDeletionPolicy: Delete']) {
      cfn.reset();
      s3.reset();
      const error = await failure(deployIn(setup({}, lmiTemplate(retention))));
      expect(error.code).toBe('TEMPLATE_INVALID');
      expect(error.message).toContain(
        'Fn runs on a capacity provider without "VersionDeletionPolicy: Retain"',
      );
      expect(error.message).toContain('Add "VersionDeletionPolicy: Retain"');
      // Nothing was packaged, uploaded or deployed.
      expect(cfn.calls()).toHaveLength(0);
      expect(s3.calls()).toHaveLength(0);
    }
  });
});
