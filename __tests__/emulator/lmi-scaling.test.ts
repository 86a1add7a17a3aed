// FunctionScalingConfig per LMI version through the real SDK, with code running: a version
// starts its minimum environments before it is Active, scale-up stops at the maximum (further
// calls throttled with Lambda's 429), 0/0 deactivates the version and stops its environments
// (Invoke then refuses it), raising it provisions it again, and the capacity provider's
// MaxVCpuCount bounds the minimum environments of all its versions: a version that does not fit
// ends Failed with CapacityProviderScalingLimitExceeded. AWS::Lambda::Version's
// FunctionScalingConfig applies at publish and updates in place.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionScalingConfigCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { deploy } from './cfn-helpers.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, waitFor, zipOf } from './helpers.js';

const code = (marker: string) =>
  zipOf({ 'index.mjs': `export const handler = async () => ({ marker: '${marker}' });\n` });

let emu: Emulator;
let lambda: LambdaClient;
let cfn: CloudFormationClient;

/** A capacity provider with `maxVCpu`; its functions take 1 vCPU per environment (2048 MB at 2 GiB/vCPU). */
async function capacityProvider(name: string, maxVCpu: number): Promise<string> {
  await lambda.send(
    new CreateCapacityProviderCommand({
      CapacityProviderName: name,
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
      CapacityProviderScalingConfig: { MaxVCpuCount: maxVCpu, ScalingMode: 'Auto' },
    }),
  );
  return waitFor(async () => {
    const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: name }));
    return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
  });
}

async function lmiFunction(name: string, cpArn: string, marker: string): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs24.x',
      Role: ROLE,
      Handler: 'index.handler',
      MemorySize: 2048,
      Code: { ZipFile: await code(marker) },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: cpArn,
          PerExecutionEnvironmentMaxConcurrency: 2,
          ExecutionEnvironmentMemoryGiBPerVCpu: 2,
        },
      },
    }),
  );
}

const config = (FunctionName: string, Qualifier: string) =>
  lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier }));
const settled = (name: string, q: string) =>
  waitFor(async () => {
    const c = await config(name, q);
    return c.State === 'Pending' || c.State === 'Deactivating' ? undefined : c;
  });
const scaling = (FunctionName: string, Qualifier: string) =>
  lambda.send(new GetFunctionScalingConfigCommand({ FunctionName, Qualifier }));
const putScaling = (FunctionName: string, Qualifier: string, min: number, max: number) =>
  lambda.send(
    new PutFunctionScalingConfigCommand({
      FunctionName,
      Qualifier,
      FunctionScalingConfig: { MinExecutionEnvironments: min, MaxExecutionEnvironments: max },
    }),
  );
const invoke = (FunctionName: string, Qualifier: string) =>
  lambda.send(new InvokeCommand({ FunctionName, Qualifier, Payload: Buffer.from('{}') }));

async function publish(name: string, marker: string): Promise<string> {
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: await code(marker) }));
  return (await lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version!;
}

beforeAll(async () => {
  emu = await startTestEmulator({ provisioningMs: 50, runCode: { scaleUpDelayMs: 0 } });
  lambda = new LambdaClient(clientConfig(emu));
  cfn = new CloudFormationClient(clientConfig(emu));
});

afterAll(async () => {
  lambda.destroy();
  cfn.destroy();
  await emu.stop();
  expect(liveWorkerCount()).toBe(0);
});

describe('FunctionScalingConfig of a published version', () => {
  let cpArn: string;

  beforeAll(async () => {
    cpArn = await capacityProvider('cp-four', 4);
    await lmiFunction('scaled', cpArn, 'v1');
  });

  it('starts the minimum environments before the version is Active', async () => {
    const v = (await lambda.send(new PublishVersionCommand({ FunctionName: 'scaled' }))).Version!;
    expect((await settled('scaled', v)).State).toBe('Active');
    expect(emu.runtimeCounters('scaled', v)).toMatchObject({ environments: 3, coldStarts: 0 });
    expect(await scaling('scaled', v)).toMatchObject({
      AppliedFunctionScalingConfig: { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 },
    });
  });

  it('throttles past the maximum without adding environments', async () => {
    emu.faults.invocations({ functionName: 'scaled', version: '1', latencyMs: 1500 });
    const held = Array.from({ length: 6 }, () => invoke('scaled', '1'));
    await waitFor(() => (emu.runtimeCounters('scaled', '1')!.inFlight === 6 ? true : undefined));
    const over = await errorOf(invoke('scaled', '1'));
    expect(over.name).toBe('TooManyRequestsException');
    expect(over.$metadata?.httpStatusCode).toBe(429);
    expect((over as { Reason?: string }).Reason).toBe('ConcurrentInvocationLimitExceeded');
    await Promise.all(held);
    emu.faults.invocations({ functionName: 'scaled', version: '1' });
    expect(emu.runtimeCounters('scaled', '1')).toMatchObject({ environmentsStarted: 3, throttles: 1 });
  });

  it('fails a version whose minimum would exceed the capacity provider’s MaxVCpuCount', async () => {
    const v2 = await publish('scaled', 'v2');
    const failed = await settled('scaled', v2);
    expect(failed.State).toBe('Failed');
    expect(failed.StateReasonCode).toBe('CapacityProviderScalingLimitExceeded');
    expect(failed.StateReason).toContain('MaxVCpuCount');
    expect(emu.runtimeCounters('scaled', v2)).toBeUndefined();
    expect((await errorOf(invoke('scaled', v2))).name).toBe('ResourceConflictException');
  });

  it('deactivates a version at 0/0: its environments stop and Invoke refuses it', async () => {
    const workers = liveWorkerCount();
    const put = await putScaling('scaled', '1', 0, 0);
    expect(put.FunctionState).toBe('Deactivating');
    expect((await settled('scaled', '1')).State).toBe('Deactivated');
    expect(emu.runtimeCounters('scaled', '1')).toBeUndefined();
    await waitFor(() => (liveWorkerCount() === workers - 3 ? true : undefined));
    const refused = await errorOf(invoke('scaled', '1'));
    expect(refused.name).toBe('ResourceConflictException');
    expect(refused.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Deactivated',
    );
  });

  it('gives the freed vCPUs to a new version, and raising a deactivated one provisions it again', async () => {
    const v3 = await publish('scaled', 'v3');
    expect((await settled('scaled', v3)).State).toBe('Active');
    // v3 holds 3 of the 4 vCPUs: version 1 fits with one environment.
    const raised = await putScaling('scaled', '1', 1, 2);
    expect(raised.FunctionState).toBe('Pending');
    expect((await settled('scaled', '1')).State).toBe('Active');
    expect(emu.runtimeCounters('scaled', '1')!.environments).toBe(1);
    expect((await invoke('scaled', '1')).StatusCode).toBe(200);
  });

  it('keeps the applied minimum when a raise does not fit, and shows the request beside it', async () => {
    const put = await putScaling('scaled', '1', 2, 2);
    expect(put.FunctionState).toBe('Active');
    expect(await scaling('scaled', '1')).toMatchObject({
      RequestedFunctionScalingConfig: { MinExecutionEnvironments: 2, MaxExecutionEnvironments: 2 },
      AppliedFunctionScalingConfig: { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 2 },
    });
    expect(emu.runtimeCounters('scaled', '1')!.environments).toBe(1);
  });

  it('takes only a version number or $LATEST.PUBLISHED as the qualifier', async () => {
    const bad = await errorOf(putScaling('scaled', 'live', 1, 1));
    expect(bad.name).toBe('ValidationException');
  });
});

describe('AWS::Lambda::Version FunctionScalingConfig', () => {
  const template = (min: number, max: number) =>
    JSON.stringify({
      Resources: {
        Provider: {
          Type: 'AWS::Lambda::CapacityProvider',
          Properties: {
            VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
            PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
            CapacityProviderScalingConfig: { MaxVCpuCount: 8 },
          },
        },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            FunctionName: 'cfn-scaled',
            Runtime: 'nodejs24.x',
            Handler: 'index.handler',
            MemorySize: 2048,
            Role: ROLE,
            Code: { ZipFile: 'exports.handler = async () => "ok";' },
            CapacityProviderConfig: {
              LambdaManagedInstancesCapacityProviderConfig: {
                CapacityProviderArn: { 'Fn::GetAtt': ['Provider', 'Arn'] },
              },
            },
          },
        },
        Version: {
          Type: 'AWS::Lambda::Version',
          Properties: {
            FunctionName: { Ref: 'Fn' },
            FunctionScalingConfig: { MinExecutionEnvironments: min, MaxExecutionEnvironments: max },
          },
        },
      },
    });

  it('starts the template’s minimum, and an update changes it in place', async () => {
    const created = await deploy(cfn, {
      StackName: 'scaled-version',
      ChangeSetName: 'create',
      ChangeSetType: 'CREATE',
      TemplateBody: template(1, 2),
    });
    expect(created.StackStatus).toBe('CREATE_COMPLETE');
    expect(emu.runtimeCounters('cfn-scaled', '1')!.environments).toBe(1);
    expect((await scaling('cfn-scaled', '1')).AppliedFunctionScalingConfig).toEqual({
      MinExecutionEnvironments: 1,
      MaxExecutionEnvironments: 2,
    });
    const updated = await deploy(cfn, {
      StackName: 'scaled-version',
      ChangeSetName: 'two',
      ChangeSetType: 'UPDATE',
      TemplateBody: template(2, 2),
    });
    expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
    await waitFor(() => (emu.runtimeCounters('cfn-scaled', '1')?.environments === 2 ? true : undefined));
    expect((await errorOf(config('cfn-scaled', '2'))).name).toBe('ResourceNotFoundException');
  });
});
