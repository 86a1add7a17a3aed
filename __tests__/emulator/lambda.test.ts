// The Lambda control plane through the real SDK: functions, versions, aliases, permissions,
// capacity providers, scaling config and the LMI rules and state machine.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteCapacityProviderCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetCapacityProviderCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListCapacityProvidersCommand,
  ListFunctionsCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionScalingConfigCommand,
  RemovePermissionCommand,
  UpdateAliasCommand,
  UpdateCapacityProviderCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from '../../emulator/index.js';
import type { VersionRecord } from '../../emulator/services/lambda/model.js';
import { buildVersionSpec } from '../../emulator/services/lambda/version-spec.js';
import { ROLE, clientConfig, errorOf, handlerZip, startTestEmulator, waitFor } from './helpers.js';

let emu: Emulator;
let lambda: LambdaClient;
let s3: S3Client;
const activated: VersionRecord[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({
    provisioningMs: 150,
    onVersionActive: (v) => activated.push(v),
    // Stands in for the code runner: its init fails for one function.
    onVersionProvisioning: async (v) => {
      if (v.functionName === 'lmi-initfail') {
        throw Object.assign(new Error("Runtime.ImportModuleError: Cannot find module 'app'"), {
          stateReasonCode: 'FunctionError.RuntimeInitError',
        });
      }
    },
  });
  lambda = new LambdaClient(clientConfig(emu));
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
});

afterAll(async () => {
  lambda.destroy();
  s3.destroy();
  await emu.stop();
});

async function createCapacityProvider(name: string) {
  await lambda.send(
    new CreateCapacityProviderCommand({
      CapacityProviderName: name,
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
      InstanceRequirements: { Architectures: ['arm64'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 24, ScalingMode: 'Auto' },
    }),
  );
  const cp = await waitFor(async () => {
    const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: name }));
    return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider : undefined;
  });
  return cp.CapacityProviderArn!;
}

async function createLmiFunction(name: string, cpArn: string) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs24.x',
      Role: ROLE,
      Handler: 'index.handler',
      MemorySize: 4096,
      Architectures: ['arm64'],
      Code: { ZipFile: await handlerZip(name) },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: cpArn,
          PerExecutionEnvironmentMaxConcurrency: 16,
          ExecutionEnvironmentMemoryGiBPerVCpu: 2,
        },
      },
    }),
  );
}

describe('standard functions', () => {
  it('creates a function from a ZipFile and reports it as Lambda does', async () => {
    const zip = await handlerZip('std');
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'std-fn',
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zip },
        Environment: { Variables: { STAGE: 'test' } },
      }),
    );
    expect(created).toMatchObject({
      FunctionName: 'std-fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:std-fn',
      Version: '$LATEST',
      State: 'Active',
      MemorySize: 128,
      Timeout: 3,
      PackageType: 'Zip',
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      CodeSize: zip.length,
      Environment: { Variables: { STAGE: 'test' } },
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);

    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'std-fn' }));
    expect(got.Configuration?.FunctionName).toBe('std-fn');
    const download = await fetch(got.Code!.Location!);
    expect(Buffer.from(await download.arrayBuffer()).equals(zip)).toBe(true);

    const listed = await lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('std-fn');
  });

  it('answers duplicate names, bad roles, bad zips and missing functions with AWS errors', async () => {
    const dup = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'std-fn',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'i.h',
          Code: { ZipFile: await handlerZip() },
        }),
      ),
    );
    expect(dup.name).toBe('ResourceConflictException');
    expect(dup.message).toBe('Function already exist: std-fn');
    expect(dup.$metadata?.httpStatusCode).toBe(409);

    const badRole = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'x1',
          Runtime: 'nodejs22.x',
          Role: 'not-a-role',
          Handler: 'i.h',
          Code: { ZipFile: await handlerZip() },
        }),
      ),
    );
    expect(badRole.name).toBe('ValidationException');
    expect(badRole.message).toContain("Value 'not-a-role' at 'role' failed to satisfy constraint");

    const badZip = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'x2',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'i.h',
          Code: { ZipFile: Buffer.from('not a zip') },
        }),
      ),
    );
    expect(badZip.name).toBe('InvalidParameterValueException');
    expect(badZip.message).toBe(
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );

    const missing = await errorOf(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
  });

  it('takes code from the emulated S3 and reports S3 errors the way Lambda does', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'code-bucket' }));
    const zip = await handlerZip('from-s3');
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'app/v1.zip', Body: zip }));
    const fn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 's3-fn',
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { S3Bucket: 'code-bucket', S3Key: 'app/v1.zip' },
      }),
    );
    expect(fn.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));

    const err = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 's3-missing',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { S3Bucket: 'code-bucket', S3Key: 'nope.zip' },
        }),
      ),
    );
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.message).toMatch(
      /^Error occurred while GetObject\. S3 Error Code: NoSuchKey\. S3 Error Message: /,
    );
  });

  it('publishes versions only when code or configuration changed', async () => {
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'std-fn' }));
    expect(v1).toMatchObject({
      Version: '1',
      State: 'Active',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:std-fn:1',
    });
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'std-fn' }));
    expect(again.Version).toBe('1');

    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'std-fn', ZipFile: await handlerZip('v2') }),
    );
    const stale = await errorOf(
      lambda.send(new PublishVersionCommand({ FunctionName: 'std-fn', CodeSha256: v1.CodeSha256 })),
    );
    expect(stale.name).toBe('InvalidParameterValueException');
    expect(stale.message).toContain('is different from current CodeSHA256 in $LATEST');
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'std-fn' }));
    expect(v2.Version).toBe('2');

    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'std-fn', MemorySize: 256, Timeout: 10 }),
    );
    const v3 = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'std-fn', Description: 'more memory' }),
    );
    expect(v3).toMatchObject({ Version: '3', MemorySize: 256, Timeout: 10, Description: 'more memory' });

    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'std-fn' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2', '3']);
    const q1 = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'std-fn', Qualifier: '1' }),
    );
    expect(q1).toMatchObject({ Version: '1', MemorySize: 128 });
    const qArn = await lambda.send(
      new GetFunctionConfigurationCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:std-fn:2',
      }),
    );
    expect(qArn.Version).toBe('2');
  });

  it('routes aliases between at most two versions', async () => {
    const alias = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'std-fn', Name: 'live', FunctionVersion: '1' }),
    );
    expect(alias).toMatchObject({
      Name: 'live',
      FunctionVersion: '1',
      AliasArn: 'arn:aws:lambda:us-east-1:000000000000:function:std-fn:live',
    });

    const shifted = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'std-fn',
        Name: 'live',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
      }),
    );
    expect(shifted.RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 });
    const got = await lambda.send(new GetAliasCommand({ FunctionName: 'std-fn', Name: 'live' }));
    expect(got.RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 });
    const viaAlias = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'std-fn', Qualifier: 'live' }),
    );
    expect(viaAlias.Version).toBe('1');

    const twoExtra = await errorOf(
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'std-fn',
          Name: 'live',
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.1, '3': 0.1 } },
        }),
      ),
    );
    expect(twoExtra.name).toBe('ValidationException');
    expect(twoExtra.message).toContain('Member must have length less than or equal to 1');

    const tooHeavy = await errorOf(
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'std-fn',
          Name: 'live',
          RoutingConfig: { AdditionalVersionWeights: { '2': 1.5 } },
        }),
      ),
    );
    expect(tooHeavy.name).toBe('ValidationException');

    const stale = await errorOf(
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'std-fn',
          Name: 'live',
          FunctionVersion: '2',
          RevisionId: 'old',
        }),
      ),
    );
    expect(stale.name).toBe('PreconditionFailedException');

    const dup = await errorOf(
      lambda.send(new CreateAliasCommand({ FunctionName: 'std-fn', Name: 'live', FunctionVersion: '1' })),
    );
    expect(dup.name).toBe('ResourceConflictException');
    expect(dup.message).toBe(
      'Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:std-fn:live',
    );

    const noVersion = await errorOf(
      lambda.send(new CreateAliasCommand({ FunctionName: 'std-fn', Name: 'beta', FunctionVersion: '9' })),
    );
    expect(noVersion.name).toBe('ResourceNotFoundException');

    const missing = await errorOf(lambda.send(new GetAliasCommand({ FunctionName: 'std-fn', Name: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe(
      'Alias not found: arn:aws:lambda:us-east-1:000000000000:function:std-fn:nope',
    );

    await lambda.send(new CreateAliasCommand({ FunctionName: 'std-fn', Name: 'beta', FunctionVersion: '3' }));
    const listed = await lambda.send(new ListAliasesCommand({ FunctionName: 'std-fn' }));
    expect(listed.Aliases?.map((a) => a.Name).sort()).toEqual(['beta', 'live']);
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'std-fn', Name: 'beta' }));
  });

  it('keeps resource policies per qualifier', async () => {
    const none = await errorOf(
      lambda.send(new GetPolicyCommand({ FunctionName: 'std-fn', Qualifier: 'live' })),
    );
    expect(none.name).toBe('ResourceNotFoundException');
    expect(none.message).toBe('The resource you requested does not exist.');

    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'std-fn',
        Qualifier: 'live',
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:abc123/*',
      }),
    );
    expect(JSON.parse(added.Statement!)).toMatchObject({
      Sid: 'apigw',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:std-fn:live',
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:000000000000:abc123/*' } },
    });
    const policy = JSON.parse(
      (await lambda.send(new GetPolicyCommand({ FunctionName: 'std-fn:live' }))).Policy!,
    );
    expect(policy.Statement).toHaveLength(1);

    const dup = await errorOf(
      lambda.send(
        new AddPermissionCommand({
          FunctionName: 'std-fn',
          Qualifier: 'live',
          StatementId: 'apigw',
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
        }),
      ),
    );
    expect(dup.name).toBe('ResourceConflictException');
    expect(dup.message).toContain('The statement id (apigw) provided already exists');

    await lambda.send(
      new RemovePermissionCommand({ FunctionName: 'std-fn', Qualifier: 'live', StatementId: 'apigw' }),
    );
    expect(
      (await errorOf(lambda.send(new GetPolicyCommand({ FunctionName: 'std-fn', Qualifier: 'live' })))).name,
    ).toBe('ResourceNotFoundException');
  });

  it('deletes versions and functions under Lambda rules', async () => {
    const referenced = await errorOf(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'std-fn', Qualifier: '1' })),
    );
    expect(referenced.name).toBe('ResourceConflictException');
    expect(referenced.message).toBe(
      'Unable to delete version because the following aliases reference it: [live]',
    );
    const latest = await errorOf(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'std-fn', Qualifier: '$LATEST' })),
    );
    expect(latest.name).toBe('InvalidParameterValueException');

    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'std-fn', Qualifier: '3' }));
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'std-fn' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);

    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'std-fn' }));
    expect((await errorOf(lambda.send(new GetFunctionCommand({ FunctionName: 'std-fn' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('capacity providers and Lambda Managed Instances', () => {
  let cpArn: string;

  it('creates, lists, updates and validates capacity providers', async () => {
    const created = await lambda.send(
      new CreateCapacityProviderCommand({
        CapacityProviderName: 'cp-main',
        VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        InstanceRequirements: { Architectures: ['arm64'] },
      }),
    );
    expect(created.CapacityProvider).toMatchObject({
      CapacityProviderArn: 'arn:aws:lambda:us-east-1:000000000000:capacity-provider:cp-main',
      State: 'Pending',
    });
    cpArn = await waitFor(async () => {
      const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp-main' }));
      return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
    });
    const updated = await lambda.send(
      new UpdateCapacityProviderCommand({
        CapacityProviderName: 'cp-main',
        CapacityProviderScalingConfig: { MaxVCpuCount: 48, ScalingMode: 'Auto' },
      }),
    );
    expect(updated.CapacityProvider?.CapacityProviderScalingConfig?.MaxVCpuCount).toBe(48);
    const listed = await lambda.send(new ListCapacityProvidersCommand({}));
    expect(listed.CapacityProviders?.map((c) => c.CapacityProviderArn)).toContain(cpArn);

    const dup = await errorOf(
      lambda.send(
        new CreateCapacityProviderCommand({
          CapacityProviderName: 'cp-main',
          VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: [] },
          PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        }),
      ),
    );
    expect(dup.name).toBe('ResourceConflictException');
    const autoWithPolicy = await errorOf(
      lambda.send(
        new CreateCapacityProviderCommand({
          CapacityProviderName: 'cp-bad',
          VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: [] },
          PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
          CapacityProviderScalingConfig: {
            ScalingMode: 'Auto',
            ScalingPolicies: [
              { PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 50 },
            ],
          },
        }),
      ),
    );
    expect(autoWithPolicy.name).toBe('InvalidParameterValueException');
    expect(autoWithPolicy.message).toBe(
      "A scaling policy can't be specified when the scalingMode is set to Auto",
    );
    const missing = await errorOf(
      lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'nope' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('enforces the LMI creation rules', async () => {
    const base = {
      Role: ROLE,
      Handler: 'index.handler',
      Architectures: ['arm64' as const],
      Code: { ZipFile: await handlerZip() },
    };
    const lmi = { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: cpArn } };
    const small = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          ...base,
          FunctionName: 'lmi-small',
          Runtime: 'nodejs24.x',
          MemorySize: 1024,
          CapacityProviderConfig: lmi,
        }),
      ),
    );
    expect(small.name).toBe('ValidationException');
    expect(small.message).toBe(
      'Lambda Managed Instance functions must have memory size greater than or equal to 2048',
    );
    const runtime = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          ...base,
          FunctionName: 'lmi-rt',
          Runtime: 'nodejs20.x',
          MemorySize: 2048,
          CapacityProviderConfig: lmi,
        }),
      ),
    );
    expect(runtime.name).toBe('InvalidParameterValueException');
    expect(runtime.message).toContain('not supported for Lambda Managed Instances');
    const arch = await errorOf(
      lambda.send(
        new CreateFunctionCommand({
          ...base,
          FunctionName: 'lmi-arch',
          Architectures: ['x86_64'],
          Runtime: 'nodejs24.x',
          MemorySize: 2048,
          CapacityProviderConfig: lmi,
        }),
      ),
    );
    expect(arch.name).toBe('InvalidParameterValueException');

    await lambda.send(
      new CreateFunctionCommand({ ...base, FunctionName: 'plain', Runtime: 'nodejs24.x', MemorySize: 2048 }),
    );
    const added = await errorOf(
      lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'plain', CapacityProviderConfig: lmi }),
      ),
    );
    expect(added.name).toBe('InvalidParameterValueException');
    expect(added.message).toBe("CapacityProviderConfig isn't supported for Lambda Default functions.");
    const scalingStd = await errorOf(
      lambda.send(new GetFunctionScalingConfigCommand({ FunctionName: 'plain', Qualifier: '$LATEST' })),
    );
    // The API's Qualifier pattern is (\$LATEST\.PUBLISHED|[0-9]+): $LATEST fails validation.
    expect(scalingStd.name).toBe('ValidationException');
  });

  it('provisions a published LMI version: Pending (Creating), then Active; the SDK waiter agrees', async () => {
    const fn = await createLmiFunction('lmi-fn', cpArn);
    expect(fn).toMatchObject({ State: 'ActiveNonInvocable', MemorySize: 4096 });
    expect(fn.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig).toEqual({
      CapacityProviderArn: cpArn,
      PerExecutionEnvironmentMaxConcurrency: 16,
      ExecutionEnvironmentMemoryGiBPerVCpu: 2,
    });
    const published = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi-fn' }));
    expect(published).toMatchObject({ Version: '1', State: 'Pending', StateReasonCode: 'Creating' });

    const waited = await waitUntilPublishedVersionActive(
      { client: lambda, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { FunctionName: 'lmi-fn', Qualifier: '1' },
    );
    expect(waited.state).toBe('SUCCESS');
    const active = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'lmi-fn', Qualifier: '1' }),
    );
    expect(active.State).toBe('Active');
    expect(active.StateReasonCode).toBeUndefined();

    const onCp = await lambda.send(
      new ListFunctionVersionsByCapacityProviderCommand({ CapacityProviderName: 'cp-main' }),
    );
    expect(onCp.FunctionVersions).toEqual([
      { FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lmi-fn:1', State: 'Active' },
    ]);

    // The code runner's seam: the hook fired, and the record builds a FunctionVersionSpec.
    const hooked = activated.find((v) => v.functionName === 'lmi-fn' && v.version === '1');
    expect(hooked).toBeDefined();
    const spec = buildVersionSpec(emu.state.lambda, hooked!, { codeDir: '/tmp/code', scaleUpDelayMs: 50 });
    expect(spec).toMatchObject({
      functionName: 'lmi-fn',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lmi-fn:1',
      handler: 'index.handler',
      runtime: 'nodejs24.x',
      memoryMb: 4096,
      lmi: {
        memoryGiBPerVCpu: 2,
        maxConcurrency: 16,
        maxVCpuCount: 48,
        minEnvironments: 3,
        scaleUpDelayMs: 50,
      },
    });
    expect(hooked!.config.code.zipPath).toMatch(/\.zip$/);
  });

  it('reads and writes a version’s FunctionScalingConfig', async () => {
    const initial = await lambda.send(
      new GetFunctionScalingConfigCommand({ FunctionName: 'lmi-fn', Qualifier: '1' }),
    );
    expect(initial).toMatchObject({
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lmi-fn:1',
      AppliedFunctionScalingConfig: { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 },
    });
    const put = await lambda.send(
      new PutFunctionScalingConfigCommand({
        FunctionName: 'lmi-fn',
        Qualifier: '1',
        FunctionScalingConfig: { MinExecutionEnvironments: 4, MaxExecutionEnvironments: 10 },
      }),
    );
    expect(put.FunctionState).toBe('Active');
    const after = await lambda.send(
      new GetFunctionScalingConfigCommand({ FunctionName: 'lmi-fn', Qualifier: '1' }),
    );
    expect(after.RequestedFunctionScalingConfig).toEqual({
      MinExecutionEnvironments: 4,
      MaxExecutionEnvironments: 10,
    });
    const bad = await errorOf(
      lambda.send(
        new PutFunctionScalingConfigCommand({
          FunctionName: 'lmi-fn',
          Qualifier: '1',
          FunctionScalingConfig: { MinExecutionEnvironments: 5, MaxExecutionEnvironments: 2 },
        }),
      ),
    );
    expect(bad.name).toBe('InvalidParameterValueException');
  });

  it('fails provisioning with the injected StateReasonCode, and the waiter reports the failure', async () => {
    emu.faults.provisioning({ functionName: 'lmi-fn', failWith: 'VcpuLimitExceeded', durationMs: 30 });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'lmi-fn',
        Environment: { Variables: { V: '2' } },
      }),
    );
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi-fn' }));
    expect(v2).toMatchObject({ Version: '2', State: 'Pending' });
    const waiter = await errorOf(
      waitUntilPublishedVersionActive(
        { client: lambda, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
        { FunctionName: 'lmi-fn', Qualifier: '2' },
      ),
    );
    expect(waiter.message).toContain('FAILURE');
    const failed = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'lmi-fn', Qualifier: '2' }),
    );
    expect(failed).toMatchObject({ State: 'Failed', StateReasonCode: 'VcpuLimitExceeded' });
    expect(failed.StateReason).toContain('vCPU limit');
  });

  it('fails a version whose code runner init fails, with its StateReasonCode', async () => {
    await createLmiFunction('lmi-initfail', cpArn);
    await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi-initfail' }));
    const failed = await waitFor(async () => {
      const c = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: 'lmi-initfail', Qualifier: '1' }),
      );
      return c.State === 'Pending' ? undefined : c;
    });
    expect(failed).toMatchObject({ State: 'Failed', StateReasonCode: 'FunctionError.RuntimeInitError' });
    expect(failed.StateReason).toContain("Cannot find module 'app'");
    expect(activated.some((v) => v.functionName === 'lmi-initfail')).toBe(false);
  });

  it('refuses a 101st version on a capacity provider and deleting a provider in use', async () => {
    const cp2 = await createCapacityProvider('cp-limit');
    await createLmiFunction('lmi-a', cp2);
    await createLmiFunction('lmi-b', cp2);
    for (let i = 0; i < 100; i++) {
      const name = i % 2 ? 'lmi-b' : 'lmi-a';
      await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: name,
          Environment: { Variables: { N: String(i) } },
        }),
      );
      await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    }
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'lmi-a',
        Environment: { Variables: { N: 'last' } },
      }),
    );
    const limit = await errorOf(lambda.send(new PublishVersionCommand({ FunctionName: 'lmi-a' })));
    expect(limit.name).toBe('FunctionVersionsPerCapacityProviderLimitExceededException');
    expect(limit.$metadata?.httpStatusCode).toBe(400);

    const inUse = await errorOf(
      lambda.send(new DeleteCapacityProviderCommand({ CapacityProviderName: 'cp-limit' })),
    );
    expect(inUse.name).toBe('ResourceConflictException');
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'lmi-a' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'lmi-b' }));
    const deleted = await lambda.send(
      new DeleteCapacityProviderCommand({ CapacityProviderName: 'cp-limit' }),
    );
    expect(deleted.CapacityProvider?.State).toBe('Deleting');
    await waitFor(async () => {
      const e = await errorOf(
        lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp-limit' })),
      ).catch(() => undefined);
      return e?.name === 'ResourceNotFoundException' ? true : undefined;
    });
  });
});
