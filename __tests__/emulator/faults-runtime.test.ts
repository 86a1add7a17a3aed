// Faults that make running code fail, driven through `emu.faults` as the pipeline's failure
// paths need them: invocations failing at a rate or slowed down (per function or version),
// an LMI environment crashing mid-flight and being replaced, and errors only for the
// requests an API Gateway stage routes to its canary.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { Faults } from '../../emulator/core/faults.js';
import type { Emulator } from '../../emulator/index.js';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { deploy, outputsOf } from './cfn-helpers.js';
import { ROLE, clientConfig, startTestEmulator, waitFor, zipOf } from './helpers.js';

const HANDLER = `export const handler = async (event, context) => ({ statusCode: 200, body: process.env.MARK ?? context.functionVersion });\n`;

let emu: Emulator;
let lambda: LambdaClient;

const invoke = (FunctionName: string, Qualifier?: string, LogType?: 'Tail') =>
  lambda.send(new InvokeCommand({ FunctionName, Qualifier, LogType, Payload: Buffer.from('{}') }));
const errorPayload = (r: InvokeCommandOutput) =>
  JSON.parse(Buffer.from(r.Payload!).toString('utf8')) as { errorType?: string; errorMessage?: string };

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: { scaleUpDelayMs: 60_000 } });
  lambda = new LambdaClient(clientConfig(emu));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'plain',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'plain' }));
});

afterAll(async () => {
  lambda.destroy();
  await emu.stop();
  expect(liveWorkerCount()).toBe(0);
});

describe('invocation faults', () => {
  it('fails that fraction of invocations as handler errors, until cleared', async () => {
    emu.faults.invocations({ functionName: 'plain', errorRate: 0.5 });
    const results: InvokeCommandOutput[] = [];
    for (let i = 0; i < 120; i++) results.push(await invoke('plain', '1'));
    const failed = results.filter((r) => r.FunctionError === 'Unhandled');
    // Binomial(120, 0.5): far inside 25..95 unless the rate is ignored.
    expect(failed.length).toBeGreaterThan(25);
    expect(failed.length).toBeLessThan(95);
    expect(errorPayload(failed[0]!).errorMessage).toBe('Injected fault: errorRate 0.5');
    expect(emu.runtimeCounters('plain', '1')!.errors).toBe(failed.length);

    emu.faults.invocations({ functionName: 'plain' });
    for (let i = 0; i < 20; i++) expect((await invoke('plain', '1')).FunctionError).toBeUndefined();
  });

  it('adds latency to one version only, counted in its Duration', async () => {
    emu.faults.invocations({ functionName: 'plain', version: '1', latencyMs: 300 });
    const slow = await invoke('plain', '1', 'Tail');
    const fast = await invoke('plain', '$LATEST', 'Tail');
    const duration = (r: InvokeCommandOutput) =>
      Number(/Duration: ([\d.]+) ms/.exec(Buffer.from(r.LogResult!, 'base64').toString('utf8'))![1]);
    expect(duration(slow)).toBeGreaterThanOrEqual(300);
    expect(duration(fast)).toBeLessThan(300);
    emu.faults.clear(); // clears invocation faults too
    expect(duration(await invoke('plain', '1', 'Tail'))).toBeLessThan(300);
  });

  it('validates its input and needs an emulator that runs code to crash environments', () => {
    expect(() => emu.faults.invocations({ functionName: 'plain', errorRate: 2 })).toThrow(
      'errorRate must be between 0 and 1, got 2',
    );
    expect(() => new Faults().crashEnvironment({ functionName: 'plain', version: '1' })).toThrow(
      'crashEnvironment needs an emulator started with runCode',
    );
  });
});

describe('an LMI environment crashing', () => {
  beforeAll(async () => {
    await lambda.send(
      new CreateCapacityProviderCommand({
        CapacityProviderName: 'cp',
        VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        InstanceRequirements: { Architectures: ['arm64'] },
      }),
    );
    const cpArn = await waitFor(async () => {
      const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp' }));
      return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'lmi',
        Runtime: 'nodejs24.x',
        Role: ROLE,
        Handler: 'index.handler',
        MemorySize: 2048,
        Architectures: ['arm64'],
        Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: cpArn,
            PerExecutionEnvironmentMaxConcurrency: 8,
          },
        },
      }),
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi' }));
    await waitFor(async () => {
      const c = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: 'lmi', Qualifier: '1' }),
      );
      return c.State === 'Active' ? true : undefined;
    });
  });

  it('fails its in-flight invocations with Runtime.ExitError and replaces it', async () => {
    emu.faults.invocations({ functionName: 'lmi', latencyMs: 1000 });
    const held = Array.from({ length: 12 }, () => invoke('lmi', '1'));
    await waitFor(() => (emu.runtimeCounters('lmi', '1')!.inFlight === 12 ? true : undefined));
    const crashed = emu.faults.crashEnvironment({ functionName: 'lmi', version: '1' });
    expect(crashed).toMatch(/^[0-9a-f]{32}$/);
    const results = await Promise.all(held);
    emu.faults.invocations({ functionName: 'lmi' });

    const failed = results.filter((r) => r.FunctionError === 'Unhandled');
    expect(failed).toHaveLength(4); // the busiest of 3 environments held 4 of the 12
    expect(errorPayload(failed[0]!)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(errorPayload(failed[0]!).errorMessage).toContain('Runtime exited with error: signal: killed');

    await waitFor(() => (emu.runtimeCounters('lmi', '1')!.environments === 3 ? true : undefined));
    const counters = emu.runtimeCounters('lmi', '1')!;
    expect(counters.environmentsStarted).toBe(4);
    expect(counters.peakInFlightByEnvironment[crashed!]).toBe(4);
    const again = await Promise.all(Array.from({ length: 6 }, () => invoke('lmi', '1')));
    expect(again.filter((r) => r.FunctionError)).toHaveLength(0);
  });
});

describe('errors behind an API Gateway canary', () => {
  const target = (name: string) =>
    `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${name}/invocations`;
  const fn = (name: string, mark: string) => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: 'exports.handler = async () => ({ statusCode: 200, body: process.env.MARK });' },
      Environment: { Variables: { MARK: mark } },
    },
  });
  const permission = (ref: string) => ({
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: { Ref: ref },
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' },
    },
  });
  let url: string;
  let apiId: string;

  beforeAll(async () => {
    const cfn = new CloudFormationClient(clientConfig(emu));
    const stack = await deploy(cfn, {
      StackName: 'canary-faults',
      ChangeSetName: 'create',
      ChangeSetType: 'CREATE',
      TemplateBody: JSON.stringify({
        Resources: {
          Primary: fn('side-primary', 'primary'),
          Canary: fn('side-canary', 'canary'),
          PrimaryPermission: permission('Primary'),
          CanaryPermission: permission('Canary'),
          Api: {
            Type: 'AWS::ApiGateway::RestApi',
            Properties: {
              Body: {
                openapi: '3.0.1',
                info: { title: 'sides', version: '1' },
                paths: {
                  '/hit': {
                    get: {
                      'x-amazon-apigateway-integration': {
                        type: 'aws_proxy',
                        httpMethod: 'POST',
                        uri: target('${stageVariables.fn}'),
                      },
                    },
                  },
                },
              },
            },
          },
          Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
          Stage: {
            Type: 'AWS::ApiGateway::Stage',
            Properties: {
              RestApiId: { Ref: 'Api' },
              DeploymentId: { Ref: 'Deployment' },
              StageName: 'live',
              Variables: { fn: 'side-primary' },
              CanarySetting: { PercentTraffic: 50, StageVariableOverrides: { fn: 'side-canary' } },
            },
          },
        },
        Outputs: {
          ApiId: { Value: { Ref: 'Api' } },
          Url: { Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/live' } },
        },
      }),
    });
    cfn.destroy();
    const out = outputsOf(stack);
    url = out.Url!;
    apiId = out.ApiId!;
  });

  const answers = async (n: number) => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${url}/hit`);
      const key = `${res.status} ${await res.text()}`;
      seen[key] = (seen[key] ?? 0) + 1;
    }
    return seen;
  };

  it('answers 502 for the canary-routed requests only, at the fault’s rate', async () => {
    expect(Object.keys(await answers(40)).sort()).toEqual(['200 canary', '200 primary']);
    emu.faults.canaryErrors({ restApiId: apiId, stage: 'live', rate: 1 });
    const seen = await answers(200);
    expect(Object.keys(seen).sort()).toEqual(['200 primary', '502 {"message": "Internal server error"}']);
    // Binomial(200, 0.5) for the canary share.
    expect(seen['200 primary']).toBeGreaterThan(60);
    expect(seen['200 primary']).toBeLessThan(140);
    const calls = emu.calls.filter((c) => c.service === 'execute-api' && c.statusCode === 502);
    expect(calls[0]).toMatchObject({ operation: 'GET /hit', errorCode: 'INTEGRATION_FAILURE' });

    emu.faults.canaryErrors({ restApiId: apiId, stage: 'live', rate: 0 });
    expect(Object.keys(await answers(40)).sort()).toEqual(['200 canary', '200 primary']);
  });
});
