// Deploys the project's own SAM template (workload/template.yaml) through change sets, as the
// pipeline will: create, update with new code, an empty repeat, a route change, and
// rollbacks caused by an injected LMI provisioning failure.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetRestApiCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackResourcesCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetAliasCommand,
  GetFunctionScalingConfigCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Emulator } from '../../emulator/index.js';
import { parseTemplate } from '../../emulator/services/cloudformation/template.js';
import { allEvents, changeSetSettled, outputsOf, stackSettled } from './cfn-helpers.js';
import { clientConfig, startTestEmulator, waitFor, zipOf } from './helpers.js';

const TEMPLATE_PATH = new URL('../../workload/template.yaml', import.meta.url);
const PROVISIONING_MS = 300;

/**
 * What a redeploy does with the LMI function's previous version: the template's
 * VersionDeletionPolicy, else SAM's default for a function with CapacityProviderConfig (Delete).
 * The standard function's versions default to Retain.
 */
const LMI_VERSION_POLICY =
  (parseTemplate(readFileSync(TEMPLATE_PATH, 'utf8')).Resources.WebhookLmiFunction?.Properties
    ?.VersionDeletionPolicy as string | undefined) ?? 'Delete';

let emu: Emulator;
let cfn: CloudFormationClient;
let lambda: LambdaClient;
let apigw: APIGatewayClient;
let ddb: DynamoDBClient;
let s3: S3Client;
let ssm: SSMClient;

/** The template as `sam package` would leave it: CodeUri pointing at the uploaded zip. */
const packaged = (key: string) =>
  readFileSync(TEMPLATE_PATH, 'utf8').replace(
    /^(\s+CodeUri:)\s*\S+\s*$/gm,
    `$1 s3://workload-artifacts/${key}`,
  );

const PARAMS: Parameter[] = [
  { ParameterKey: 'SubnetIds', ParameterValue: 'subnet-0a1b2c3d,subnet-0e4f5a6b' },
  { ParameterKey: 'SecurityGroupIds', ParameterValue: 'sg-0123abcd' },
];
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const WAIT = { maxWaitTime: 20, minDelay: 0.05, maxDelay: 0.2 };

async function changeSet(
  stack: string,
  name: string,
  key: string,
  params: Parameter[] = PARAMS,
  type: 'CREATE' | 'UPDATE' = 'UPDATE',
) {
  const cs = await cfn.send(
    new CreateChangeSetCommand({
      StackName: stack,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: packaged(key),
      Parameters: params,
      Capabilities: [...CAPABILITIES],
    }),
  );
  return changeSetSettled(cfn, cs.Id!);
}

async function execute(stack: string, changeSetId: string) {
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }));
  return stackSettled(cfn, stack, 30_000);
}

beforeAll(async () => {
  emu = await startTestEmulator({ provisioningMs: PROVISIONING_MS });
  cfn = new CloudFormationClient(clientConfig(emu));
  lambda = new LambdaClient(clientConfig(emu));
  apigw = new APIGatewayClient(clientConfig(emu));
  ddb = new DynamoDBClient(clientConfig(emu));
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
  ssm = new SSMClient(clientConfig(emu));
  await s3.send(new CreateBucketCommand({ Bucket: 'workload-artifacts' }));
  for (const v of ['v1', 'v2', 'v3']) {
    const zip = await zipOf({
      'app.mjs': `export const handler = async () => ({ statusCode: 200, body: '${v}' });\n`,
    });
    await s3.send(new PutObjectCommand({ Bucket: 'workload-artifacts', Key: `${v}.zip`, Body: zip }));
  }
  await ssm.send(
    new PutParameterCommand({
      Name: '/lmi-cutover/webhook-signing-secret',
      Value: 'topsecret',
      Type: 'SecureString',
    }),
  );
});

afterAll(async () => {
  for (const c of [cfn, lambda, apigw, ddb, s3, ssm]) c.destroy();
  await emu.stop();
});

describe('deploying workload/template.yaml', () => {
  let out: Record<string, string>;

  it('creates the stack: the LMI version stays CREATE_IN_PROGRESS until it is Active', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'webhook',
        ChangeSetName: 'create',
        ChangeSetType: 'CREATE',
        TemplateBody: packaged('v1.zip'),
        Parameters: PARAMS,
        Capabilities: [...CAPABILITIES],
      }),
    );
    expect(
      (await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: cs.Id })).state,
    ).toBe('SUCCESS');
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    const added = described.Changes!.map((c) => c.ResourceChange!.LogicalResourceId!);
    expect(added).toEqual(
      expect.arrayContaining([
        'WebhookCapacityProvider',
        'WebhookCapacityProviderOperatorRole',
        'WebhookLmiFunction',
        'WebhookLmiFunctionRole',
        'WebhookLmiFunctionAliaslive',
        'WebhookStandardFunction',
        'WebhookStandardFunctionAliaslive',
        'WebhookEventsTable',
        'WebhookApi',
        'WebhookApiStage',
        'WebhookStandardVersionApiPermission',
      ]),
    );
    expect(added.filter((id) => /^WebhookLmiFunctionVersion[0-9a-f]{10}$/.test(id))).toHaveLength(1);
    expect(added.filter((id) => /^WebhookApiDeployment[0-9a-f]{10}$/.test(id))).toHaveLength(1);

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    // While Lambda provisions the version, CloudFormation waits on it.
    const pending = await waitFor(async () => {
      const res = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'webhook' }));
      const v = res.StackResources?.find((r) => r.LogicalResourceId!.startsWith('WebhookLmiFunctionVersion'));
      return v?.PhysicalResourceId && v.ResourceStatus === 'CREATE_IN_PROGRESS'
        ? v.PhysicalResourceId
        : undefined;
    });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: pending }))).State).toBe(
      'Pending',
    );

    expect(
      (await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'webhook' })).state,
    ).toBe('SUCCESS');
    const stack = await stackSettled(cfn, 'webhook');
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    out = outputsOf(stack);
    expect(out.LmiVersion).toBe('1');
    expect(out.StandardVersion).toBe('1');
    expect(out.ApiUrl).toBe(`https://${out.RestApiId}.execute-api.us-east-1.amazonaws.com/prod`);
  });

  it('leaves the account as the template says', async () => {
    const lmiVersion = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: out.LmiFunctionName, Qualifier: 'live' }),
    );
    expect(lmiVersion).toMatchObject({
      Version: '1',
      State: 'Active',
      Runtime: 'nodejs24.x',
      MemorySize: 4096,
      Architectures: ['arm64'],
      Handler: 'app.handler',
    });
    expect(lmiVersion.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig).toEqual({
      CapacityProviderArn: out.CapacityProviderArn,
      PerExecutionEnvironmentMaxConcurrency: 64,
      ExecutionEnvironmentMemoryGiBPerVCpu: 2,
    });
    expect(lmiVersion.Environment?.Variables).toMatchObject({
      EVENTS_TABLE_NAME: out.EventsTableName,
      COMPUTE_TYPE: 'lambda-managed-instances',
    });
    const standard = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: out.StandardFunctionName, Qualifier: 'live' }),
    );
    expect(standard).toMatchObject({ MemorySize: 512, State: 'Active' });
    expect(standard.CapacityProviderConfig).toBeUndefined();

    const cpName = out.CapacityProviderArn!.split(':').pop()!;
    const cp = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: cpName }));
    expect(cp.CapacityProvider).toMatchObject({
      State: 'Active',
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'], SecurityGroupIds: ['sg-0123abcd'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 30, ScalingMode: 'Auto' },
    });
    expect(cp.CapacityProvider?.PermissionsConfig?.CapacityProviderOperatorRoleArn).toMatch(
      /:role\/webhook-WebhookCapacityProvid/,
    );

    // The first deploy routes production to the twin's first version, permitted by the template.
    const policy = JSON.parse(
      (await lambda.send(new GetPolicyCommand({ FunctionName: out.StandardFunctionName, Qualifier: '1' })))
        .Policy!,
    );
    expect(policy.Statement[0].Condition.ArnLike['AWS:SourceArn']).toBe(
      `arn:aws:execute-api:us-east-1:000000000000:${out.RestApiId}/*`,
    );
    // Nothing in the template permits an LMI version: lmi-cutover adds that before routing to one.
    await expect(
      lambda.send(new GetPolicyCommand({ FunctionName: out.LmiFunctionName, Qualifier: '1' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const stage = await apigw.send(new GetStageCommand({ restApiId: out.RestApiId, stageName: 'prod' }));
    expect(stage.variables).toEqual({ liveFunction: `${out.StandardFunctionName}:1` });
    // Named after the stack: API Gateway's metrics are keyed by API name, one per stack.
    const api = await apigw.send(new GetRestApiCommand({ restApiId: out.RestApiId }));
    expect(api.name).toBe('webhook');
    const scaling = await lambda.send(
      new GetFunctionScalingConfigCommand({ FunctionName: out.LmiFunctionName, Qualifier: '1' }),
    );
    expect(scaling.RequestedFunctionScalingConfig).toEqual({
      MinExecutionEnvironments: 3,
      MaxExecutionEnvironments: 3,
    });
    const table = await ddb.send(new DescribeTableCommand({ TableName: out.EventsTableName }));
    expect(table.Table).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    });

    const processed = await cfn.send(
      new GetTemplateCommand({ StackName: 'webhook', TemplateStage: 'Processed' }),
    );
    expect(JSON.parse(processed.TemplateBody!).Resources.WebhookLmiFunction.Type).toBe(
      'AWS::Lambda::Function',
    );
  });

  it('updates with new code: new versions, aliases moved, production pinned, old versions kept or deleted by their DeletionPolicy', async () => {
    // The pipeline passes the stage's production version back; the stage then does not change.
    const pinned = { ParameterKey: 'LiveFunction', ParameterValue: `${out.StandardFunctionName}:1` };
    const cs = await changeSet('webhook', 'code-v2', 'v2.zip', [...PARAMS, pinned]);
    expect(cs.Status).toBe('CREATE_COMPLETE');
    const actions = cs.Changes!.map(
      (c) =>
        `${c.ResourceChange!.Action} ${c.ResourceChange!.LogicalResourceId!.replace(/[0-9a-f]{10}$/, '#')}`,
    );
    expect(actions.sort()).toEqual(
      [
        'Add WebhookLmiFunctionVersion#',
        'Add WebhookStandardFunctionVersion#',
        'Modify WebhookLmiFunction',
        'Modify WebhookLmiFunctionAliaslive',
        'Modify WebhookStandardFunction',
        'Modify WebhookStandardFunctionAliaslive',
        'Modify WebhookStandardVersionApiPermission',
        'Remove WebhookLmiFunctionVersion#',
        'Remove WebhookStandardFunctionVersion#',
      ].sort(),
    );
    const permission = cs.Changes!.find(
      (c) => c.ResourceChange!.LogicalResourceId === 'WebhookStandardVersionApiPermission',
    );
    // The new twin version's ARN is unknown until it exists, so CloudFormation can only say Conditional.
    expect(permission?.ResourceChange?.Replacement).toBe('Conditional');
    const removed = Object.fromEntries(
      cs
        .Changes!.filter((c) => c.ResourceChange!.Action === 'Remove')
        .map((c) => [
          c.ResourceChange!.LogicalResourceId!.replace(/[0-9a-f]{10}$/, '#'),
          c.ResourceChange!.PolicyAction,
        ]),
    );
    expect(removed).toEqual({
      'WebhookLmiFunctionVersion#': LMI_VERSION_POLICY,
      'WebhookStandardFunctionVersion#': 'Retain',
    });
    const stack = await execute('webhook', cs.ChangeSetId!);
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(outputsOf(stack).LmiVersion).toBe('2');
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: out.LmiFunctionName, Name: 'live' }));
    expect(alias.FunctionVersion).toBe('2');
    const stage = await apigw.send(new GetStageCommand({ restApiId: out.RestApiId, stageName: 'prod' }));
    expect(stage.variables).toEqual({ liveFunction: `${out.StandardFunctionName}:1` });
    // UpdateReplacePolicy: Retain kept the replaced permission: twin v1 is still invocable.
    for (const q of ['1', '2']) {
      const p = await lambda.send(
        new GetPolicyCommand({ FunctionName: out.StandardFunctionName, Qualifier: q }),
      );
      expect(JSON.parse(p.Policy!).Statement).toHaveLength(1);
    }
    const versions = await lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: out.LmiFunctionName }),
    );
    expect(versions.Versions?.map((v) => `${v.Version}:${v.State}`)).toEqual(
      LMI_VERSION_POLICY === 'Retain'
        ? ['$LATEST:ActiveNonInvocable', '1:Active', '2:Active']
        : ['$LATEST:ActiveNonInvocable', '2:Active'],
    );
    const events = await allEvents(cfn, 'webhook');
    const oldVersions = events.filter(
      (e) =>
        e.ResourceType === 'AWS::Lambda::Version' &&
        /^(DELETE_SKIPPED|DELETE_COMPLETE)$/.test(e.ResourceStatus!),
    );
    expect(
      oldVersions
        .map((e) => `${e.LogicalResourceId!.replace(/[0-9a-f]{10}$/, '#')} ${e.ResourceStatus}`)
        .sort(),
    ).toEqual([
      `WebhookLmiFunctionVersion# ${LMI_VERSION_POLICY === 'Retain' ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE'}`,
      'WebhookStandardFunctionVersion# DELETE_SKIPPED',
    ]);
  });

  it('gets AWS’s empty change set on a repeat', async () => {
    const cs = await changeSet('webhook', 'repeat', 'v2.zip', [
      ...PARAMS,
      { ParameterKey: 'LiveFunction', ParameterValue: `${out.StandardFunctionName}:1` },
    ]);
    expect(cs.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual(
      [],
    );
    expect(cs.Status).toBe('FAILED');
    expect(cs.StatusReason).toBe(
      "The submitted information didn't contain changes. Submit different information to create a change set.",
    );
  });

  it('moves the stage variables only through the LiveFunction, RollbackFunction and FallbackFunction parameters', async () => {
    const cs = await changeSet('webhook', 'route-lmi', 'v2.zip', [
      ...PARAMS,
      { ParameterKey: 'LiveFunction', ParameterValue: `${out.LmiFunctionName}:2` },
      { ParameterKey: 'RollbackFunction', ParameterValue: `${out.StandardFunctionName}:1` },
    ]);
    expect(cs.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId])).toEqual([
      ['Modify', 'WebhookApiStage'],
    ]);
    await execute('webhook', cs.ChangeSetId!);
    const stage = await apigw.send(new GetStageCommand({ restApiId: out.RestApiId, stageName: 'prod' }));
    // An empty FallbackFunction leaves its variable out (AWS::NoValue), not set to ''.
    expect(stage.variables).toEqual({
      liveFunction: `${out.LmiFunctionName}:2`,
      rollbackFunction: `${out.StandardFunctionName}:1`,
    });
  });

  it('rolls an update back when the new LMI version fails to provision', async () => {
    const before = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: out.LmiFunctionName }),
    );
    emu.faults.provisioning({ functionName: out.LmiFunctionName, failWith: 'InsufficientCapacity' });
    const cs = await changeSet('webhook', 'code-v3', 'v3.zip', [
      ...PARAMS,
      { ParameterKey: 'LiveFunction', UsePreviousValue: true },
      { ParameterKey: 'RollbackFunction', UsePreviousValue: true },
    ]);
    const stack = await execute('webhook', cs.ChangeSetId!);
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(outputsOf(stack).LmiVersion).toBe('2');

    const events = await allEvents(cfn, 'webhook');
    const failed = events.find(
      (e) =>
        e.ResourceStatus === 'CREATE_FAILED' && e.LogicalResourceId!.startsWith('WebhookLmiFunctionVersion'),
    );
    expect(failed?.ResourceStatusReason).toContain('(StateReasonCode: InsufficientCapacity)');
    expect(failed?.ResourceStatusReason).toContain('HandlerErrorCode: NotStabilized');
    const rollback = events.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS');
    expect(rollback?.ResourceStatusReason).toBe(
      `The following resource(s) failed to create: [${failed!.LogicalResourceId}].`,
    );

    const alias = await lambda.send(new GetAliasCommand({ FunctionName: out.LmiFunctionName, Name: 'live' }));
    expect(alias.FunctionVersion).toBe('2');
    const after = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: out.LmiFunctionName }),
    );
    expect(after.CodeSha256).toBe(before.CodeSha256);
    const stage = await apigw.send(new GetStageCommand({ restApiId: out.RestApiId, stageName: 'prod' }));
    expect(stage.variables).toEqual({
      liveFunction: `${out.LmiFunctionName}:2`,
      rollbackFunction: `${out.StandardFunctionName}:1`,
    });
  });

  it('rolls a failed first deploy back to ROLLBACK_COMPLETE and removes what it made', async () => {
    emu.faults.provisioning({ failWith: 'SubnetOutOfIPAddresses', durationMs: 50 });
    const cs = await changeSet('webhook-2', 'create', 'v1.zip', PARAMS, 'CREATE');
    const stack = await execute('webhook-2', cs.ChangeSetId!);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const rollback = (await allEvents(cfn, 'webhook-2')).find(
      (e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS',
    );
    expect(rollback?.ResourceStatusReason).toMatch(
      /^The following resource\(s\) failed to create: \[WebhookLmiFunctionVersion[0-9a-f]{10}\]\. Rollback requested by user\.$/,
    );
    const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'webhook-2' }));
    expect(resources.StackResources?.filter((r) => r.ResourceStatus !== 'DELETE_SKIPPED')).toEqual([]);
    const leftover = [...emu.state.lambda.functions.keys()].filter((n) => n.startsWith('webhook-2-'));
    expect(leftover).toEqual([]);
    expect([...emu.state.lambda.capacityProviders.keys()].filter((n) => n.startsWith('webhook-2-'))).toEqual(
      [],
    );
  });
});
