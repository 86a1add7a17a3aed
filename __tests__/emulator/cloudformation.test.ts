// CloudFormation through change sets with plain templates: parameters, intrinsics, change
// computation, execution, events, rollback, pagination, templates from S3, deletes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Emulator } from '../../emulator/index.js';
import { allEvents, changeSetSettled, deploy, outputsOf, stackSettled } from './cfn-helpers.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

const INTRINSICS = readFileSync(new URL('../fixtures/emulator/intrinsics.yaml', import.meta.url), 'utf8');

let emu: Emulator;
let cfn: CloudFormationClient;
let ssm: SSMClient;
let s3: S3Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  cfn = new CloudFormationClient(clientConfig(emu));
  ssm = new SSMClient(clientConfig(emu));
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
  await ssm.send(new PutParameterCommand({ Name: '/config/colour', Value: 'teal', Type: 'String' }));
});

afterAll(async () => {
  for (const c of [cfn, ssm, s3]) c.destroy();
  await emu.stop();
});

const param = (stack: string, logicalId: string) =>
  emu.state.cloudformation.findStack(stack)?.resources.get(logicalId)?.physicalId;

const ssmParams = (count: number, prefix = 'P') =>
  JSON.stringify({
    Resources: Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `${prefix}${i}`,
        { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: `v${i}` } },
      ]),
    ),
  });

describe('creating a stack through a change set', () => {
  it('goes REVIEW_IN_PROGRESS → CREATE_COMPLETE and evaluates every intrinsic; the SDK waiters agree', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'intrinsics',
        ChangeSetName: 'create',
        ChangeSetType: 'CREATE',
        TemplateBody: INTRINSICS,
        Parameters: [{ ParameterKey: 'Secret', ParameterValue: 'pssst' }],
      }),
    );
    expect(cs.Id).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/create\/[0-9a-f-]{36}$/);
    expect(cs.StackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:000000000000:stack\/intrinsics\/[0-9a-f-]{36}$/,
    );
    const review = (await cfn.send(new DescribeStacksCommand({ StackName: 'intrinsics' }))).Stacks![0]!;
    expect(review.StackStatus).toBe('REVIEW_IN_PROGRESS');

    const waited = await waitUntilChangeSetCreateComplete(
      { client: cfn, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { ChangeSetName: cs.Id },
    );
    expect(waited.state).toBe('SUCCESS');
    const described = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: 'create', StackName: 'intrinsics' }),
    );
    expect(described).toMatchObject({
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      ChangeSetName: 'create',
    });
    expect(
      described.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId]),
    ).toEqual([
      ['Add', 'Base'],
      ['Add', 'Choice'],
      ['Add', 'Derived'],
      ['Add', 'SubForms'],
    ]);
    expect(described.Parameters?.find((p) => p.ParameterKey === 'Secret')?.ParameterValue).toBe('****');

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    const done = await waitUntilStackCreateComplete(
      { client: cfn, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { StackName: 'intrinsics' },
    );
    expect(done.state).toBe('SUCCESS');

    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'intrinsics' }))).Stacks![0]!;
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Description).toContain('Every intrinsic function');
    expect(stack.Parameters?.find((p) => p.ParameterKey === 'FromStore')).toMatchObject({
      ParameterValue: '/config/colour',
      ResolvedValue: 'teal',
    });
    expect(stack.Parameters?.find((p) => p.ParameterKey === 'Secret')?.ParameterValue).toBe('****');
    const out = outputsOf(stack);
    expect(out.Base).toBe('app-dev-us-east-1-000000000000-intrinsics-aws-amazonaws.com');
    expect(out.Derived).toBe('zb|app|128|us-east-1a|2|teal|teal');
    expect(out.SubForms).toBe(`String:${param('intrinsics', 'Base')}:\${Literal}`);
    expect(out.Choice).toBe('small');
    expect(out.SecretEcho).toBe('pssst');
    expect(out.ProdOnly).toBeUndefined();
    expect(stack.Outputs?.find((o) => o.OutputKey === 'Base')?.ExportName).toBe('intrinsics-base');
  });

  it('validates parameters as CloudFormation does', async () => {
    const attempt = (
      Parameters: { ParameterKey: string; ParameterValue?: string; UsePreviousValue?: boolean }[],
      TemplateBody = INTRINSICS,
    ) =>
      errorOf(
        cfn.send(
          new CreateChangeSetCommand({
            StackName: 'bad-params',
            ChangeSetName: 'c',
            ChangeSetType: 'CREATE',
            TemplateBody,
            Parameters,
          }),
        ),
      );
    const cases: [Promise<Error>, string][] = [
      [
        attempt([{ ParameterKey: 'Env', ParameterValue: 'qa' }]),
        "Parameter 'Env' must be one of AllowedValues",
      ],
      [
        attempt([{ ParameterKey: 'AppName', ParameterValue: 'App1' }]),
        "Parameter 'AppName' must match pattern ^[a-z]+$",
      ],
      [
        attempt([{ ParameterKey: 'Count', ParameterValue: '9' }]),
        "Parameter 'Count' must be a number not greater than 5",
      ],
      [attempt([{ ParameterKey: 'Count', ParameterValue: 'many' }]), "Parameter 'Count' must be a number."],
      [
        attempt([{ ParameterKey: 'Nope', ParameterValue: 'x' }]),
        'Parameters: [Nope] do not exist in the template',
      ],
      [attempt([{ ParameterKey: 'Env', UsePreviousValue: true }]), 'Cannot specify usePreviousValue'],
      [
        attempt(
          [],
          INTRINSICS.replace(
            '    AllowedValues: [dev, prod]\n    Default: dev',
            '    AllowedValues: [dev, prod]',
          ),
        ),
        'Parameters: [Env] must have values',
      ],
    ];
    for (const [p, message] of cases) {
      const err = await p;
      expect(err.name).toBe('ValidationError');
      expect(err.message).toContain(message);
    }
  });

  it('rejects malformed templates in the request', async () => {
    const attempt = (TemplateBody: string) =>
      errorOf(
        cfn.send(
          new CreateChangeSetCommand({
            StackName: 'bad-template',
            ChangeSetName: 'c',
            ChangeSetType: 'CREATE',
            TemplateBody,
          }),
        ),
      );
    const ref = JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'Ghost' } } },
      },
    });
    const cycle = JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'B' } } },
        B: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'A' } } },
      },
    });
    const attr = JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x' } },
        B: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Type: 'String', Value: { 'Fn::GetAtt': ['A', 'Colour'] } },
        },
      },
    });
    const expectations: [string, string][] = [
      ['Resources: [unclosed', 'Template format error: YAML not well-formed.'],
      ['{"Resources": {}}', 'Template format error: At least one Resources member must be defined.'],
      [
        ref,
        'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template',
      ],
      [cycle, 'Circular dependency between resources: [A, B]'],
      [attr, 'Template error: resource A does not support attribute type Colour in Fn::GetAtt'],
    ];
    for (const [body, message] of expectations) {
      const err = await attempt(body);
      expect(err.name).toBe('ValidationError');
      expect(err.message).toContain(message);
    }
    const none = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'bad-template',
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
        }),
      ),
    );
    expect(none.message).toBe('Either Template URL or Template Body must be specified.');
  });

  it('requires the IAM capabilities a template needs', async () => {
    const role = (props: object) =>
      JSON.stringify({
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }, ...props },
          },
        },
      });
    const iam = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'caps',
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
          TemplateBody: role({}),
        }),
      ),
    );
    expect(iam.name).toBe('InsufficientCapabilitiesException');
    expect(iam.message).toBe('Requires capabilities : [CAPABILITY_IAM]');
    const named = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'caps',
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
          TemplateBody: role({ RoleName: 'fixed' }),
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect(named.message).toBe('Requires capabilities : [CAPABILITY_NAMED_IAM]');
    const stack = await deploy(cfn, {
      StackName: 'caps',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: role({}),
      Capabilities: ['CAPABILITY_IAM'],
    });
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Capabilities).toEqual(['CAPABILITY_IAM']);
  });

  it('fails a change set whose template uses a resource type the emulator cannot provision', async () => {
    const body = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } } });
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'unsupported',
        ChangeSetName: 'c',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
      }),
    );
    const described = await changeSetSettled(cfn, cs.Id!);
    expect(described).toMatchObject({ Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE' });
    expect(described.StatusReason).toContain('Unrecognized resource types: [AWS::SQS::Queue]');
    const exec = await errorOf(cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id })));
    expect(exec.name).toBe('InvalidChangeSetStatusException');
    expect(exec.message).toContain('cannot be executed in its current status of [FAILED]');
  });

  it('reads TemplateURL from the emulated S3 in every URL form', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'small/stack.json', Body: ssmParams(1) }));
    const urls = [
      'https://s3.amazonaws.com/templates/small/stack.json',
      'https://templates.s3.us-east-1.amazonaws.com/small/stack.json',
      `${emu.endpoint}/templates/small/stack.json`,
    ];
    for (const [i, TemplateURL] of urls.entries()) {
      const cs = await cfn.send(
        new CreateChangeSetCommand({
          StackName: `from-url-${i}`,
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
          TemplateURL,
        }),
      );
      expect((await changeSetSettled(cfn, cs.Id!)).Status).toBe('CREATE_COMPLETE');
    }
    const missing = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'from-url-x',
          ChangeSetName: 'c',
          ChangeSetType: 'CREATE',
          TemplateURL: 'https://s3.amazonaws.com/templates/nope.json',
        }),
      ),
    );
    expect(missing.name).toBe('ValidationError');
    expect(missing.message).toContain('S3 error');
  });
});

describe('updating a stack', () => {
  const v1 = JSON.stringify({
    Parameters: { Suffix: { Type: 'String' } },
    Resources: {
      Keep: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'same' } },
      Edit: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'before' } },
      Rename: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Type: 'String', Name: { 'Fn::Sub': '/renamed/${Suffix}' }, Value: 'x' },
      },
      Follow: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'Rename' } } },
      Drop: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'bye' } },
    },
  });
  const v2 = (body: string) => {
    const t = JSON.parse(body);
    t.Resources.Edit.Properties.Value = 'after';
    delete t.Resources.Drop;
    return JSON.stringify(t);
  };

  it('computes Add/Modify/Remove with Replacement and evaluation, then executes them', async () => {
    await deploy(cfn, {
      StackName: 'upd',
      ChangeSetName: 'v1',
      ChangeSetType: 'CREATE',
      TemplateBody: v1,
      Parameters: [{ ParameterKey: 'Suffix', ParameterValue: 'a' }],
    });
    const oldRename = param('upd', 'Rename');
    const dropped = param('upd', 'Drop')!;
    expect(oldRename).toBe('/renamed/a');

    const dup = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'upd',
          ChangeSetName: 'again',
          ChangeSetType: 'CREATE',
          TemplateBody: v1,
        }),
      ),
    );
    expect(dup.message).toBe(
      'Stack [upd] already exists and cannot be created again with the changeSet [again].',
    );

    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'upd',
        ChangeSetName: 'v2',
        TemplateBody: v2(v1),
        Parameters: [{ ParameterKey: 'Suffix', ParameterValue: 'b' }],
      }),
    );
    const described = await changeSetSettled(cfn, cs.Id!);
    const changes = Object.fromEntries(
      described.Changes!.map((c) => [c.ResourceChange!.LogicalResourceId!, c.ResourceChange!]),
    );
    expect(Object.keys(changes).sort()).toEqual(['Drop', 'Edit', 'Follow', 'Rename']);
    expect(changes.Edit).toMatchObject({ Action: 'Modify', Replacement: 'False', Scope: ['Properties'] });
    expect(changes.Edit!.Details![0]).toMatchObject({
      Target: { Attribute: 'Properties', Name: 'Value', RequiresRecreation: 'Never' },
      Evaluation: 'Static',
    });
    expect(changes.Rename).toMatchObject({
      Action: 'Modify',
      Replacement: 'True',
      PhysicalResourceId: '/renamed/a',
    });
    expect(changes.Rename!.Details![0]!.Target).toMatchObject({ Name: 'Name', RequiresRecreation: 'Always' });
    expect(changes.Follow).toMatchObject({ Action: 'Modify', Replacement: 'False' });
    expect(changes.Follow!.Details![0]).toMatchObject({ Evaluation: 'Dynamic' });
    expect(changes.Drop).toMatchObject({
      Action: 'Remove',
      PolicyAction: 'Delete',
      PhysicalResourceId: dropped,
    });

    const dupName = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'upd',
          ChangeSetName: 'v2',
          TemplateBody: v1,
          Parameters: [{ ParameterKey: 'Suffix', UsePreviousValue: true }],
        }),
      ),
    );
    expect(dupName.name).toBe('AlreadyExistsException');
    const listed = await cfn.send(new ListChangeSetsCommand({ StackName: 'upd' }));
    expect(listed.Summaries?.map((s) => [s.ChangeSetName, s.Status])).toEqual([
      ['v1', 'CREATE_COMPLETE'],
      ['v2', 'CREATE_COMPLETE'],
    ]);

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: 'v2', StackName: 'upd' }));
    const stack = await stackSettled(cfn, 'upd');
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stack.LastUpdatedTime).toBeInstanceOf(Date);
    expect(param('upd', 'Rename')).toBe('/renamed/b');
    expect((await errorOf(ssm.send(new GetParameterCommand({ Name: '/renamed/a' })))).name).toBe(
      'ParameterNotFound',
    );
    expect((await errorOf(ssm.send(new GetParameterCommand({ Name: dropped })))).name).toBe(
      'ParameterNotFound',
    );
    expect(
      (await ssm.send(new GetParameterCommand({ Name: param('upd', 'Follow')! }))).Parameter?.Value,
    ).toBe('/renamed/b');

    const events = (await allEvents(cfn, 'upd')).map((e) =>
      `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`.trim(),
    );
    expect(events).toContain(
      'Rename UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.',
    );
    // Cleanup deletes the removed resource and the replaced one's old physical resource.
    expect(events.slice(-6)).toEqual([
      'upd UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'Drop DELETE_IN_PROGRESS',
      'Drop DELETE_COMPLETE',
      'Rename DELETE_IN_PROGRESS',
      'Rename DELETE_COMPLETE',
      'upd UPDATE_COMPLETE',
    ]);
  });

  it('answers a repeat with AWS’s empty-change-set reason, reuses previous values and templates', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'upd',
        ChangeSetName: 'repeat',
        UsePreviousTemplate: true,
        Parameters: [{ ParameterKey: 'Suffix', UsePreviousValue: true }],
      }),
    );
    const described = await changeSetSettled(cfn, cs.Id!);
    expect(described.Status).toBe('FAILED');
    expect(described.StatusReason).toBe(
      "The submitted information didn't contain changes. Submit different information to create a change set.",
    );
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: 'repeat', StackName: 'upd' }));
    const gone = await errorOf(
      cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'repeat', StackName: 'upd' })),
    );
    expect(gone.name).toBe('ChangeSetNotFoundException');
    expect(gone.message).toBe('ChangeSet [repeat] does not exist');
    expect(gone.$metadata?.httpStatusCode).toBe(404);

    const original = await cfn.send(new GetTemplateCommand({ StackName: 'upd' }));
    expect(JSON.parse(original.TemplateBody!).Resources.Edit.Properties.Value).toBe('after');
    expect(original.StagesAvailable).toEqual(['Original', 'Processed']);
    const missing = await errorOf(
      cfn.send(new CreateChangeSetCommand({ StackName: 'ghost', ChangeSetName: 'c', TemplateBody: v1 })),
    );
    expect(missing.message).toBe('Stack [ghost] does not exist');
  });

  it('rolls an update back when a resource fails, with the cause in the events', async () => {
    emu.faults.failResource({
      logicalResourceId: 'Edit',
      action: 'Update',
      message: 'Simulated handler failure',
    });
    const body = JSON.parse(v2(v1));
    body.Resources.Edit.Properties.Value = 'doomed';
    body.Resources.Keep.Properties.Value = 'changed-then-reverted';
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'upd',
        ChangeSetName: 'doomed',
        TemplateBody: JSON.stringify(body),
        Parameters: [{ ParameterKey: 'Suffix', UsePreviousValue: true }],
      }),
    );
    await changeSetSettled(cfn, cs.Id!);
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    const stack = await stackSettled(cfn, 'upd');
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'upd');
    const failed = events.find((e) => e.LogicalResourceId === 'Edit' && e.ResourceStatus === 'UPDATE_FAILED');
    expect(failed?.ResourceStatusReason).toContain('Simulated handler failure');
    expect(events.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe(
      'The following resource(s) failed to update: [Edit].',
    );
    expect((await ssm.send(new GetParameterCommand({ Name: param('upd', 'Keep')! }))).Parameter?.Value).toBe(
      'same',
    );
    expect((await ssm.send(new GetParameterCommand({ Name: param('upd', 'Edit')! }))).Parameter?.Value).toBe(
      'after',
    );
  });
});

describe('failures, pagination, resources and deletes', () => {
  it('rolls a failed create back to ROLLBACK_COMPLETE and deletes what it created', async () => {
    emu.faults.failResource({
      logicalResourceId: 'P2',
      action: 'Create',
      message: 'Injected create failure',
    });
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'doomed',
        ChangeSetName: 'c',
        ChangeSetType: 'CREATE',
        TemplateBody: ssmParams(3),
      }),
    );
    await changeSetSettled(cfn, cs.Id!);
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    const stack = await stackSettled(cfn, 'doomed');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'doomed');
    const p2 = events.find((e) => e.LogicalResourceId === 'P2' && e.ResourceStatus === 'CREATE_FAILED');
    expect(p2?.ResourceStatusReason).toMatch(/^Resource handler returned message: "Injected create failure"/);
    expect(events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe(
      'The following resource(s) failed to create: [P2]. Rollback requested by user.',
    );
    const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'doomed' }));
    expect(resources.StackResources).toEqual([]);
    const update = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({ StackName: 'doomed', ChangeSetName: 'u', TemplateBody: ssmParams(1) }),
      ),
    );
    expect(update.message).toMatch(/is in ROLLBACK_COMPLETE state and can not be updated\.$/);
  });

  it('fails a resource missing a required property with CloudFormation’s validation message', async () => {
    const body = JSON.stringify({
      Resources: { NoValue: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String' } } },
    });
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'missing-prop',
        ChangeSetName: 'c',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
      }),
    );
    await changeSetSettled(cfn, cs.Id!);
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect((await stackSettled(cfn, 'missing-prop')).StackStatus).toBe('ROLLBACK_COMPLETE');
    const failed = (await allEvents(cfn, 'missing-prop')).find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toBe(
      'Properties validation failed for resource NoValue with message: #: required key [Value] not found',
    );
  });

  it('leaves a failed create in CREATE_FAILED when rollback is disabled', async () => {
    emu.faults.failResource({
      resourceType: 'AWS::SSM::Parameter',
      logicalResourceId: 'P1',
      message: 'Kept for debugging',
    });
    const body = JSON.stringify({
      Resources: {
        P0: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v0' } },
        P1: { Type: 'AWS::SSM::Parameter', DependsOn: 'P0', Properties: { Type: 'String', Value: 'v1' } },
      },
    });
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'no-rollback',
        ChangeSetName: 'c',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
      }),
    );
    await changeSetSettled(cfn, cs.Id!);
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, DisableRollback: true }));
    const stack = await stackSettled(cfn, 'no-rollback');
    expect(stack).toMatchObject({ StackStatus: 'CREATE_FAILED', DisableRollback: true });
    const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'no-rollback' }));
    expect(resources.StackResources?.map((r) => [r.LogicalResourceId, r.ResourceStatus])).toEqual([
      ['P0', 'CREATE_COMPLETE'],
      ['P1', 'CREATE_FAILED'],
    ]);
  });

  it('pages change set changes, stack events and stack resources', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'big',
        ChangeSetName: 'c',
        ChangeSetType: 'CREATE',
        TemplateBody: ssmParams(120),
      }),
    );
    await changeSetSettled(cfn, cs.Id!);
    const first = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    expect(first.Changes).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const second = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: cs.Id, NextToken: first.NextToken }),
    );
    expect(second.Changes).toHaveLength(20);
    expect(second.NextToken).toBeUndefined();

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect((await stackSettled(cfn, 'big')).StackStatus).toBe('CREATE_COMPLETE');
    const events = await allEvents(cfn, 'big');
    expect(events).toHaveLength(1 + 1 + 120 * 3 + 1);
    expect(events[0]!.ResourceStatus).toBe('REVIEW_IN_PROGRESS');
    expect(events.at(-1)!.ResourceStatus).toBe('CREATE_COMPLETE');

    const page1 = await cfn.send(new ListStackResourcesCommand({ StackName: 'big' }));
    const page2 = await cfn.send(
      new ListStackResourcesCommand({ StackName: 'big', NextToken: page1.NextToken }),
    );
    expect(page1.StackResourceSummaries!.length + page2.StackResourceSummaries!.length).toBe(120);
    expect(page2.StackResourceSummaries![0]).toMatchObject({
      ResourceType: 'AWS::SSM::Parameter',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    const one = await cfn.send(
      new DescribeStackResourceCommand({ StackName: 'big', LogicalResourceId: 'P7' }),
    );
    expect(one.StackResourceDetail).toMatchObject({
      LogicalResourceId: 'P7',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    const described = await cfn.send(
      new DescribeStackResourcesCommand({ StackName: 'big', LogicalResourceId: 'P7' }),
    );
    expect(described.StackResources).toHaveLength(1);
  });

  it('imports values exported by another stack', async () => {
    const body = JSON.stringify({
      Resources: {
        Use: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Type: 'String', Value: { 'Fn::ImportValue': 'intrinsics-base' } },
        },
      },
    });
    await deploy(cfn, {
      StackName: 'importer',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
    });
    expect(
      (await ssm.send(new GetParameterCommand({ Name: param('importer', 'Use')! }))).Parameter?.Value,
    ).toBe('app-dev-us-east-1-000000000000-intrinsics-aws-amazonaws.com');
  });

  it('deletes stacks, keeping Retain resources, and still describes them by id', async () => {
    const body = JSON.stringify({
      Resources: {
        Gone: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'g' } },
        Kept: {
          Type: 'AWS::SSM::Parameter',
          DependsOn: 'Gone',
          DeletionPolicy: 'Retain',
          Properties: { Type: 'String', Value: 'k' },
        },
      },
    });
    const created = await deploy(cfn, {
      StackName: 'del',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
    });
    const gone = param('del', 'Gone')!;
    const kept = param('del', 'Kept')!;
    await cfn.send(new DeleteStackCommand({ StackName: 'del' }));
    const byId = await stackSettled(cfn, created.StackId!);
    expect(byId).toMatchObject({ StackStatus: 'DELETE_COMPLETE' });
    expect(byId.DeletionTime).toBeInstanceOf(Date);
    const byName = await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'del' })));
    expect(byName.name).toBe('ValidationError');
    expect(byName.message).toBe('Stack with id del does not exist');
    expect((await errorOf(ssm.send(new GetParameterCommand({ Name: gone })))).name).toBe('ParameterNotFound');
    expect((await ssm.send(new GetParameterCommand({ Name: kept }))).Parameter?.Value).toBe('k');
    const events = await allEvents(cfn, created.StackId!);
    const order = events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
    // DependsOn orders creation (Gone first) and deletion (Kept first, here skipped).
    expect(order.indexOf('Gone CREATE_COMPLETE')).toBeLessThan(order.indexOf('Kept CREATE_IN_PROGRESS'));
    expect(order.indexOf('Kept DELETE_SKIPPED')).toBeGreaterThan(0);
    expect(order.indexOf('Kept DELETE_SKIPPED')).toBeLessThan(order.indexOf('Gone DELETE_IN_PROGRESS'));
    await cfn.send(new DeleteStackCommand({ StackName: 'never-existed' }));
  });
});
