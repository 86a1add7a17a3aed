// SAM's version deletion policy (samtranslator sam_resources.py, _get_default_version_deletion_policy
// and VersionDeletionPolicy) and CloudFormation honouring it: an LMI function's AutoPublishAlias
// versions default to DeletionPolicy Delete (standard functions keep Retain), so a redeploy with
// new code deletes the previous version once the alias has moved; VersionDeletionPolicy: Retain
// keeps it Active. The transform's output is checked too, including SAM's validation rules.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { SAM_TRANSFORM, samTransform } from '../../emulator/services/cloudformation/sam/index.js';
import { parseTemplate, type ResourceDeclaration } from '../../emulator/services/cloudformation/template.js';
import { allEvents, deploy, outputsOf } from './cfn-helpers.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

/** A capacity provider and one LMI function with AutoPublishAlias; `extra` goes into its Properties. */
const lmiTemplate = (marker: string, extra = '') => `
Transform: ${SAM_TRANSFORM}
Resources:
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      ScalingConfig: { MaxVCpuCount: 64 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      MemorySize: 2048
      InlineCode: "exports.handler = async () => '${marker}';"
      AutoPublishAlias: live
      CapacityProviderConfig:
        Arn: !GetAtt Provider.Arn
      ${extra}
Outputs:
  FunctionName: { Value: !Ref Fn }
  Version: { Value: !Select [7, !Split [':', !Ref Fn.Version]] }
`;

const versionOf = (body: string): [string, ResourceDeclaration] =>
  Object.entries(samTransform(parseTemplate(body), {}).Resources).find(
    ([, r]) => r.Type === 'AWS::Lambda::Version',
  )!;

describe('the SAM transform’s version DeletionPolicy', () => {
  it('defaults an LMI function’s versions to Delete, with no UpdateReplacePolicy', () => {
    const [, version] = versionOf(lmiTemplate('a'));
    expect(version.DeletionPolicy).toBe('Delete');
    expect(version.UpdateReplacePolicy).toBeUndefined();
  });

  it('keeps Retain for a standard function, and lets VersionDeletionPolicy override either default', () => {
    const standard = lmiTemplate('a').replace(
      / {6}CapacityProviderConfig:\n {8}Arn: !GetAtt Provider.Arn\n/,
      '',
    );
    expect(versionOf(standard)[1].DeletionPolicy).toBe('Retain');
    expect(versionOf(lmiTemplate('a', 'VersionDeletionPolicy: Retain'))[1].DeletionPolicy).toBe('Retain');
    expect(
      versionOf(
        standard.replace(
          'AutoPublishAlias: live',
          'AutoPublishAlias: live\n      VersionDeletionPolicy: Delete',
        ),
      )[1].DeletionPolicy,
    ).toBe('Delete');
  });

  it('gives the function’s own DeletionPolicy precedence, as SAM’s pass-through attributes do', () => {
    const body = lmiTemplate('a', 'VersionDeletionPolicy: Delete').replace(
      '    Type: AWS::Serverless::Function\n',
      '    Type: AWS::Serverless::Function\n    DeletionPolicy: Retain\n',
    );
    const out = samTransform(parseTemplate(body), {}).Resources;
    const version = Object.values(out).find((r) => r.Type === 'AWS::Lambda::Version')!;
    expect(version.DeletionPolicy).toBe('Retain');
    expect(out.FnAliaslive!.DeletionPolicy).toBe('Retain');
    expect(out.FnRole!.DeletionPolicy).toBe('Retain');
  });

  it('puts FunctionScalingConfig on the function and on an LMI function’s version', () => {
    const body = lmiTemplate(
      'a',
      'FunctionScalingConfig: { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 4 }\n      PublishToLatestPublished: true',
    );
    const out = samTransform(parseTemplate(body), {}).Resources;
    const version = Object.values(out).find((r) => r.Type === 'AWS::Lambda::Version')!;
    const scaling = { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 4 };
    expect(version.Properties?.FunctionScalingConfig).toEqual(scaling);
    expect(out.Fn!.Properties).toMatchObject({
      FunctionScalingConfig: scaling,
      PublishToLatestPublished: true,
    });
  });

  it('enforces SAM’s rules: VersionDeletionPolicy needs AutoPublishAlias, FunctionScalingConfig needs CapacityProviderConfig', () => {
    const noAlias = lmiTemplate('a', 'VersionDeletionPolicy: Retain').replace(
      '      AutoPublishAlias: live\n',
      '',
    );
    expect(() => samTransform(parseTemplate(noAlias), {})).toThrow(
      "Resource with id [Fn] is invalid. 'VersionDeletionPolicy' requires 'AutoPublishAlias'.",
    );
    const bad = lmiTemplate('a', 'VersionDeletionPolicy: Snapshot');
    expect(() => samTransform(parseTemplate(bad), {})).toThrow(
      "Property 'VersionDeletionPolicy' should be a one of the strings: 'Delete' or 'Retain'.",
    );
    const scalingOnStandard = lmiTemplate(
      'a',
      'FunctionScalingConfig: { MinExecutionEnvironments: 1 }',
    ).replace(/ {6}CapacityProviderConfig:\n {8}Arn: !GetAtt Provider.Arn\n/, '');
    expect(() => samTransform(parseTemplate(scalingOnStandard), {})).toThrow(
      "'FunctionScalingConfig' requires 'CapacityProviderConfig'.",
    );
  });
});

describe('CloudFormation and a removed LMI version', () => {
  let emu: Emulator;
  let cfn: CloudFormationClient;
  let lambda: LambdaClient;

  beforeAll(async () => {
    emu = await startTestEmulator({ provisioningMs: 50 });
    cfn = new CloudFormationClient(clientConfig(emu));
    lambda = new LambdaClient(clientConfig(emu));
  });

  afterAll(async () => {
    cfn.destroy();
    lambda.destroy();
    await emu.stop();
  });

  const deployAs = (stack: string, body: string, name: string) =>
    deploy(cfn, {
      StackName: stack,
      ChangeSetName: name,
      ChangeSetType: name === 'create' ? 'CREATE' : 'UPDATE',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
    });

  const configOf = (FunctionName: string, Qualifier: string) =>
    lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier }));

  it('deletes the previous version under SAM’s default, after the alias moved to the new one', async () => {
    const first = await deployAs('lmi-default', lmiTemplate('v1'), 'create');
    const name = outputsOf(first).FunctionName!;
    expect(outputsOf(first).Version).toBe('1');
    const second = await deployAs('lmi-default', lmiTemplate('v2'), 'code-v2');
    expect(second.StackStatus).toBe('UPDATE_COMPLETE');
    expect(outputsOf(second).Version).toBe('2');
    expect(
      (await lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).FunctionVersion,
    ).toBe('2');

    const gone = await errorOf(configOf(name, '1'));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe(`Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}:1`);
    expect((await configOf(name, '2')).State).toBe('Active');

    const order = (await allEvents(cfn, 'lmi-default'))
      .filter((e) => /^Fn(Version|Alias)/.test(e.LogicalResourceId!))
      .map((e) => `${e.LogicalResourceId!.replace(/[0-9a-f]{10}$/, '#')} ${e.ResourceStatus}`);
    expect(order.indexOf('FnAliaslive UPDATE_COMPLETE')).toBeLessThan(
      order.indexOf('FnVersion# DELETE_COMPLETE'),
    );
    expect(order).not.toContain('FnVersion# DELETE_FAILED');
  });

  it('keeps the previous version Active with VersionDeletionPolicy: Retain', async () => {
    const retain = 'VersionDeletionPolicy: Retain';
    const first = await deployAs('lmi-retain', lmiTemplate('v1', retain), 'create');
    const name = outputsOf(first).FunctionName!;
    const second = await deployAs('lmi-retain', lmiTemplate('v2', retain), 'code-v2');
    expect(second.StackStatus).toBe('UPDATE_COMPLETE');
    expect(outputsOf(second).Version).toBe('2');
    expect((await configOf(name, '1')).State).toBe('Active');
    const skipped = (await allEvents(cfn, 'lmi-retain')).filter((e) => e.ResourceStatus === 'DELETE_SKIPPED');
    expect(skipped.map((e) => e.ResourceType)).toEqual(['AWS::Lambda::Version']);
  });
});
