// Lambda Managed Instances' `$LATEST.PUBLISHED` through the real SDK, with code running:
// PublishTo: LATEST_PUBLISHED on CreateFunction, UpdateFunctionCode and PublishVersion creates or
// republishes it, an unqualified invoke runs it, numbered versions keep working beside it, and
// Lambda (default) functions refuse PublishTo. Also the memory ranges (LMI up to 32,768 MB,
// standard up to 10,240 MB) and DeleteFunction's HTTP 200 from the SDK model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  InvokeCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Emulator } from '../../emulator/index.js';
import { deploy } from './cfn-helpers.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, waitFor, zipOf } from './helpers.js';

const code = (marker: string) =>
  zipOf({
    'index.mjs': `export const handler = async (e, ctx) => ({ marker: '${marker}', version: ctx.functionVersion });\n`,
  });
const payloadOf = (r: InvokeCommandOutput) => JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8'));

let emu: Emulator;
let lambda: LambdaClient;
let cpArn: string;

const lmi = () => ({
  LambdaManagedInstancesCapacityProviderConfig: {
    CapacityProviderArn: cpArn,
    PerExecutionEnvironmentMaxConcurrency: 4,
    ExecutionEnvironmentMemoryGiBPerVCpu: 2,
  },
});
const config = (FunctionName: string, Qualifier?: string) =>
  lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier }));
const active = (name: string, q: string) =>
  waitFor(async () => ((await config(name, q)).State === 'Active' ? true : undefined));
const invoke = (FunctionName: string, Qualifier?: string) =>
  lambda.send(new InvokeCommand({ FunctionName, Qualifier, Payload: Buffer.from('{}') }));

beforeAll(async () => {
  emu = await startTestEmulator({ provisioningMs: 50, runCode: true });
  lambda = new LambdaClient(clientConfig(emu));
  await lambda.send(
    new CreateCapacityProviderCommand({
      CapacityProviderName: 'cp',
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
      CapacityProviderScalingConfig: { MaxVCpuCount: 100 },
    }),
  );
  cpArn = await waitFor(async () => {
    const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp' }));
    return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
  });
});

afterAll(async () => {
  lambda.destroy();
  await emu.stop();
});

describe('$LATEST.PUBLISHED', () => {
  it('is published by CreateFunction with PublishTo, and an unqualified invoke runs it', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'lp',
        Runtime: 'nodejs24.x',
        Role: ROLE,
        Handler: 'index.handler',
        MemorySize: 2048,
        Code: { ZipFile: await code('v1') },
        CapacityProviderConfig: lmi(),
        PublishTo: 'LATEST_PUBLISHED',
      }),
    );
    expect(created).toMatchObject({
      Version: '$LATEST.PUBLISHED',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lp:$LATEST.PUBLISHED',
      State: 'Pending',
      StateReasonCode: 'Creating',
    });
    await active('lp', '$LATEST.PUBLISHED');
    const r = await invoke('lp');
    expect(r.ExecutedVersion).toBe('$LATEST.PUBLISHED');
    expect(payloadOf(r)).toEqual({ marker: 'v1', version: '$LATEST.PUBLISHED' });
    expect((await invoke('lp:$LATEST.PUBLISHED')).ExecutedVersion).toBe('$LATEST.PUBLISHED');
    expect(
      await lambda.send(
        new GetFunctionScalingConfigCommand({ FunctionName: 'lp', Qualifier: '$LATEST.PUBLISHED' }),
      ),
    ).toMatchObject({
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lp:$LATEST.PUBLISHED',
      AppliedFunctionScalingConfig: { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 },
    });
  });

  it('is republished by UpdateFunctionCode with PublishTo, with the new code', async () => {
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'lp',
        ZipFile: await code('v2'),
        PublishTo: 'LATEST_PUBLISHED',
      }),
    );
    expect(updated).toMatchObject({ Version: '$LATEST.PUBLISHED', State: 'Pending' });
    await active('lp', '$LATEST.PUBLISHED');
    expect(payloadOf(await invoke('lp'))).toEqual({ marker: 'v2', version: '$LATEST.PUBLISHED' });
    // The previous one's environments were replaced: three run, not six.
    expect(emu.runtimeCounters('lp', '$LATEST.PUBLISHED')!.environments).toBe(3);
  });

  it('keeps numbered versions working beside it, and PublishVersion republishes it too', async () => {
    const one = await lambda.send(new PublishVersionCommand({ FunctionName: 'lp' }));
    expect(one.Version).toBe('1');
    await active('lp', '1');
    expect(payloadOf(await invoke('lp', '1'))).toEqual({ marker: 'v2', version: '1' });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'lp', ZipFile: await code('v3') }));
    const republished = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'lp', PublishTo: 'LATEST_PUBLISHED' }),
    );
    expect(republished.Version).toBe('$LATEST.PUBLISHED');
    await active('lp', '$LATEST.PUBLISHED');
    expect(payloadOf(await invoke('lp'))).toMatchObject({ marker: 'v3' });
    expect(payloadOf(await invoke('lp', '1'))).toMatchObject({ marker: 'v2' });
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'lp' }));
    expect(versions.Versions?.map((v) => v.Version).sort()).toEqual(['$LATEST', '$LATEST.PUBLISHED', '1']);
    // $LATEST itself stays unpublished and not invocable.
    expect((await errorOf(invoke('lp', '$LATEST'))).name).toBe('ResourceConflictException');
  });

  it('is refused for a Lambda (default) function', async () => {
    const refused = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'std-lp',
          Runtime: 'nodejs24.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: await code('s') },
          PublishTo: 'LATEST_PUBLISHED',
        }),
      ),
    );
    expect(refused.name).toBe('InvalidParameterValueException');
    expect((await errorOf(config('std-lp'))).name).toBe('ResourceNotFoundException');
  });
});

describe('AWS::Lambda::Function PublishToLatestPublished', () => {
  const template = (marker: string) =>
    JSON.stringify({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            FunctionName: 'cfn-lp',
            Runtime: 'nodejs24.x',
            Handler: 'index.handler',
            MemorySize: 2048,
            Role: ROLE,
            Code: { ZipFile: `exports.handler = async () => '${marker}';` },
            CapacityProviderConfig: lmi(),
            PublishToLatestPublished: true,
            FunctionScalingConfig: { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 1 },
          },
        },
      },
    });

  it('publishes $LATEST.PUBLISHED with the function’s scaling, and again when the code changes', async () => {
    const cfn = new CloudFormationClient(clientConfig(emu));
    const stack = (name: string, type: 'CREATE' | 'UPDATE', marker: string) =>
      deploy(cfn, {
        StackName: 'lp-stack',
        ChangeSetName: name,
        ChangeSetType: type,
        TemplateBody: template(marker),
      });
    expect((await stack('create', 'CREATE', 'c1')).StackStatus).toBe('CREATE_COMPLETE');
    expect((await config('cfn-lp', '$LATEST.PUBLISHED')).State).toBe('Active');
    expect(emu.runtimeCounters('cfn-lp', '$LATEST.PUBLISHED')!.environments).toBe(1);
    expect(payloadOf(await invoke('cfn-lp'))).toBe('c1');
    expect((await stack('code', 'UPDATE', 'c2')).StackStatus).toBe('UPDATE_COMPLETE');
    expect(payloadOf(await invoke('cfn-lp'))).toBe('c2');
    cfn.destroy();
  });
});

describe('memory and DeleteFunction', () => {
  const create = async (FunctionName: string, MemorySize: number, withLmi: boolean) =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs24.x',
        Role: ROLE,
        Handler: 'index.handler',
        MemorySize,
        Code: { ZipFile: await code('m') },
        ...(withLmi ? { CapacityProviderConfig: lmi() } : {}),
      }),
    );

  it('takes up to 32,768 MB for an LMI function and 10,240 MB for a standard one', async () => {
    expect((await create('big-lmi', 32768, true)).MemorySize).toBe(32768);
    expect((await create('big-std', 10240, false)).MemorySize).toBe(10240);
    const std = await errorOf(create('too-big-std', 10241, false));
    expect(std.name).toBe('InvalidParameterValueException');
    expect(std.message).toContain('10240 MB');
    const over = await errorOf(create('too-big-lmi', 32769, true));
    expect(over.name).toBe('ValidationException');
    expect(over.message).toBe(
      "1 validation error detected: Value '32769' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 32768",
    );
  });

  it('answers DeleteFunction with HTTP 200, as the SDK model has it', async () => {
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'big-std' }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(deleted.StatusCode).toBe(200);
    const version = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'lp', Qualifier: '1' }));
    expect(version.StatusCode).toBe(200);
    expect((await errorOf(config('lp', '1'))).name).toBe('ResourceNotFoundException');
  });
});
