// The SAM transform on its own: generated logical ids and properties as SAM produces them.
import { describe, expect, it } from '@jest/globals';
import {
  SAM_TRANSFORM,
  TransformFailed,
  samTransform,
} from '../../emulator/services/cloudformation/sam/index.js';
import { parseTemplate, type Template } from '../../emulator/services/cloudformation/template.js';

const BASE = `
Transform: ${SAM_TRANSFORM}
Parameters:
  Stage: { Type: String, Default: prod }
Globals:
  Function:
    Runtime: nodejs24.x
    Timeout: 30
    Environment:
      Variables: { SHARED: 'yes' }
Resources:
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      InstanceRequirements: { Architectures: [arm64], AllowedTypes: [c7g.xlarge] }
      ScalingConfig: { MaxVCpuCount: 30 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/code.zip
      Handler: app.handler
      MemorySize: 4096
      AutoPublishAlias: live
      VersionDeletionPolicy: Delete
      CapacityProviderConfig:
        Arn: !GetAtt Provider.Arn
        PerExecutionEnvironmentMaxConcurrency: 64
        ExecutionEnvironmentMemoryGiBPerVCpu: 2.0
      Environment:
        Variables: { OWN: 'x' }
      Policies:
        - AWSXRayDaemonWriteAccess
        - DynamoDBCrudPolicy: { TableName: events }
      Events:
        Hook:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /hook, Method: post }
        Implicit:
          Type: Api
          Properties: { Path: /ping, Method: get }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      Variables: { liveFunction: !Sub '\${Fn}:live' }
      CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { liveFunction: other } }
      DefinitionBody:
        openapi: 3.0.1
        info: { title: t, version: '1' }
        paths: {}
Outputs:
  Alias: { Value: !Ref Fn.Alias }
  Version: { Value: !Sub '\${Fn.Version}' }
`;

const transform = (body: string, params: Record<string, string> = { Stage: 'prod' }): Template =>
  samTransform(parseTemplate(body), params);

describe('AWS::Serverless::Function', () => {
  const out = transform(BASE);
  const ids = Object.keys(out.Resources);

  it('generates the function, role, version, alias and permissions with SAM’s logical ids', () => {
    const version = ids.find((id) => /^FnVersion[0-9a-f]{10}$/.test(id));
    expect(version).toBeDefined();
    expect(ids).toEqual(
      expect.arrayContaining([
        'Fn',
        'FnRole',
        'FnAliaslive',
        'FnHookPermissionStage',
        'FnImplicitPermissionProd',
        'ServerlessRestApi',
      ]),
    );
    expect(out.Resources[version!]).toMatchObject({
      Type: 'AWS::Lambda::Version',
      DeletionPolicy: 'Delete',
      Properties: { FunctionName: { Ref: 'Fn' } },
    });
    expect(out.Resources.FnAliaslive!.Properties).toEqual({
      Name: 'live',
      FunctionName: { Ref: 'Fn' },
      FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] },
    });
    expect(out.Resources.FnHookPermissionStage!.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'FnAliaslive' },
      Principal: 'apigateway.amazonaws.com',
    });
    expect(out.Outputs?.Alias?.Value).toEqual({ Ref: 'FnAliaslive' });
    expect(out.Outputs?.Version?.Value).toEqual({ 'Fn::Sub': `\${${version}}` });
    expect(out.Transform).toBeUndefined();
    expect(out.Globals).toBeUndefined();
  });

  it('maps CapacityProviderConfig, Globals and Policies onto plain properties', () => {
    const fn = out.Resources.Fn!.Properties!;
    expect(fn).toMatchObject({
      Code: { S3Bucket: 'bucket', S3Key: 'code.zip' },
      Runtime: 'nodejs24.x',
      Timeout: 30,
      Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
      Environment: { Variables: { SHARED: 'yes', OWN: 'x' } },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: { 'Fn::GetAtt': ['Provider', 'Arn'] },
          PerExecutionEnvironmentMaxConcurrency: 64,
          ExecutionEnvironmentMemoryGiBPerVCpu: 2,
        },
      },
    });
    const role = out.Resources.FnRole!.Properties!;
    expect(role.ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess' },
    ]);
    expect(JSON.stringify(role.Policies)).toContain('dynamodb:PutItem');
  });

  it('publishes a new version id only when the code (or environment, memory) changes', () => {
    const versionOf = (t: Template) => Object.keys(t.Resources).find((id) => id.startsWith('FnVersion'));
    expect(versionOf(transform(BASE))).toBe(versionOf(out));
    expect(versionOf(transform(BASE.replace('code.zip', 'code-v2.zip')))).not.toBe(versionOf(out));
    expect(versionOf(transform(BASE.replace("OWN: 'x'", "OWN: 'y'")))).not.toBe(versionOf(out));
    expect(versionOf(transform(BASE.replace('Handler: app.handler', 'Handler: other.handler')))).toBe(
      versionOf(out),
    );
  });
});

describe('AWS::Serverless::CapacityProvider and AWS::Serverless::Api', () => {
  const out = transform(BASE);

  it('generates the capacity provider with its operator role', () => {
    expect(out.Resources.ProviderOperatorRole).toMatchObject({
      Type: 'AWS::IAM::Role',
      Properties: {
        ManagedPolicyArns: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator' },
        ],
      },
    });
    expect(out.Resources.Provider).toMatchObject({
      Type: 'AWS::Lambda::CapacityProvider',
      Properties: {
        VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
        PermissionsConfig: {
          CapacityProviderOperatorRoleArn: { 'Fn::GetAtt': ['ProviderOperatorRole', 'Arn'] },
        },
        InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: ['c7g.xlarge'] },
        CapacityProviderScalingConfig: { MaxVCpuCount: 30, ScalingMode: 'Auto' },
      },
    });
  });

  it('generates RestApi, a hashed Deployment and the Stage with variables and canary', () => {
    expect(out.Resources.Api).toMatchObject({
      Type: 'AWS::ApiGateway::RestApi',
      Properties: { Body: { openapi: '3.0.1' } },
    });
    const deployment = Object.keys(out.Resources).find((id) => /^ApiDeployment[0-9a-f]{10}$/.test(id))!;
    expect(out.Resources[deployment]!.Properties).toMatchObject({
      RestApiId: { Ref: 'Api' },
      StageName: 'Stage',
      Description: expect.stringMatching(/^RestApi deployment id: [0-9a-f]{40}$/),
    });
    // StageName is an intrinsic here, so the stage id carries no stage name.
    expect(out.Resources.ApiStage!.Properties).toEqual({
      RestApiId: { Ref: 'Api' },
      DeploymentId: { Ref: deployment },
      StageName: { Ref: 'Stage' },
      Variables: { liveFunction: { 'Fn::Sub': '${Fn}:live' } },
      CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { liveFunction: 'other' } },
    });
    const literal = transform(BASE.replace('StageName: !Ref Stage', 'StageName: prod'));
    expect(literal.Resources.ApiprodStage).toBeDefined();
    const changed = transform(BASE.replace('paths: {}', 'paths: { /x: { get: {} } }'));
    expect(Object.keys(changed.Resources).find((id) => id.startsWith('ApiDeployment'))).not.toBe(deployment);
  });

  it('tags the REST API too when PropagateTags asks for it; SAM tags only the stage otherwise', () => {
    const tagged = (propagate: string) =>
      transform(
        BASE.replace(
          '      Variables: { liveFunction:',
          `      Tags: { 'lmi-cutover:stack': !Ref AWS::StackName }\n${propagate}      Variables: { liveFunction:`,
        ),
      );
    const tag = [{ Key: 'lmi-cutover:stack', Value: { Ref: 'AWS::StackName' } }];
    const both = tagged('      PropagateTags: true\n');
    expect(both.Resources.Api!.Properties!.Tags).toEqual(tag);
    expect(both.Resources.ApiStage!.Properties!.Tags).toEqual(tag);
    const stageOnly = tagged('');
    expect(stageOnly.Resources.Api!.Properties!.Tags).toBeUndefined();
    expect(stageOnly.Resources.ApiStage!.Properties!.Tags).toEqual(tag);
  });

  it('gives the generated execution role the PermissionsBoundary of Globals, and no operator role for an OperatorRole given', () => {
    const bounded = transform(
      BASE.replace(
        '    Timeout: 30\n',
        '    Timeout: 30\n    PermissionsBoundary: arn:aws:iam::000000000000:policy/cap\n',
      ).replace(
        '      ScalingConfig: { MaxVCpuCount: 30 }\n',
        '      ScalingConfig: { MaxVCpuCount: 30 }\n      OperatorRole: arn:aws:iam::000000000000:role/operator\n',
      ),
    );
    expect(bounded.Resources.FnRole!.Properties!.PermissionsBoundary).toBe(
      'arn:aws:iam::000000000000:policy/cap',
    );
    expect(bounded.Resources.ProviderOperatorRole).toBeUndefined();
    expect(bounded.Resources.Provider!.Properties!.PermissionsConfig).toEqual({
      CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator',
    });
  });

  it('writes the implicit API’s definition from the Api events', () => {
    const body = out.Resources.ServerlessRestApi!.Properties!.Body as { paths: Record<string, unknown> };
    expect(Object.keys(body.paths)).toEqual(['/ping']);
    expect(out.Resources.ServerlessRestApiProdStage).toBeDefined();
  });
});

describe('transform errors', () => {
  it('reports invalid resources in SAM’s format', () => {
    const bad = BASE.replace('CodeUri: s3://bucket/code.zip', 'CodeUri: src/');
    expect(() => transform(bad)).toThrow(TransformFailed);
    expect(() => transform(bad)).toThrow(
      "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [Fn] is invalid. 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.",
    );
    const unknown = BASE.replace(
      '  Api:\n    Type: AWS::Serverless::Api',
      '  Api:\n    Type: AWS::Serverless::StateMachine',
    );
    expect(() => transform(unknown)).toThrow(/Resource type AWS::Serverless::StateMachine is not supported/);
  });
});
