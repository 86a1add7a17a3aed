// Invoke permissions per qualifier, as Lambda's resource-based policies work: API Gateway may
// invoke `function:NAME:QUALIFIER` only through a statement for exactly that alias or version
// (the unqualified function's statements cover unqualified calls only). A stage variable naming
// `perm-fn:2` while the policy allows `perm-fn:1` gets API Gateway's 500, with the reason in the
// calls log; AddPermission for qualifier 2 opens it. AddPermission, RemovePermission and GetPolicy
// take Qualifier, and a permission made by an AWS::Lambda::Permission resource goes with it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  PublishVersionCommand,
  RemovePermissionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { deploy, outputsOf } from './cfn-helpers.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, zipOf } from './helpers.js';

const code = (marker: string) =>
  zipOf({ 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: '${marker}' });\n` });

const api = {
  openapi: '3.0.1',
  info: { title: 'perm', version: '1' },
  paths: {
    '/hello': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations',
        },
      },
    },
  },
};

/** The stage routes to `perm-fn:2`; the template's permission (if any) allows `permitted`. */
const template = (permitted?: string) =>
  JSON.stringify({
    Resources: {
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: api } },
      Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
      Stage: {
        Type: 'AWS::ApiGateway::Stage',
        Properties: {
          RestApiId: { Ref: 'Api' },
          DeploymentId: { Ref: 'Deployment' },
          StageName: 'prod',
          Variables: { fn: 'perm-fn:2' },
        },
      },
      ...(permitted
        ? {
            VersionOnePermission: {
              Type: 'AWS::Lambda::Permission',
              Properties: {
                FunctionName: permitted,
                Action: 'lambda:InvokeFunction',
                Principal: 'apigateway.amazonaws.com',
                SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' },
              },
            },
          }
        : {}),
    },
    Outputs: { ApiId: { Value: { Ref: 'Api' } } },
  });

let emu: Emulator;
let cfn: CloudFormationClient;
let lambda: LambdaClient;
let apiId: string;

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: true });
  cfn = new CloudFormationClient(clientConfig(emu));
  lambda = new LambdaClient(clientConfig(emu));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'perm-fn',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await code('v1') },
      Publish: true,
    }),
  );
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'perm-fn', ZipFile: await code('v2') }));
  expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'perm-fn' }))).Version).toBe('2');
  const stack = await deploy(cfn, {
    StackName: 'perm',
    ChangeSetName: 'create',
    ChangeSetType: 'CREATE',
    TemplateBody: template('perm-fn:1'),
  });
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  apiId = outputsOf(stack).ApiId!;
});

afterAll(async () => {
  cfn.destroy();
  lambda.destroy();
  await emu.stop();
});

const hello = () => fetch(`${emu.stageUrl(apiId, 'prod')}/hello`);
const lastCall = () => emu.calls.filter((c) => c.service === 'execute-api').at(-1)!;
const statementsOf = async (Qualifier?: string) =>
  JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'perm-fn', Qualifier }))).Policy!)
    .Statement as { Sid: string; Resource: string }[];
const allowApi = (StatementId: string, Qualifier?: string) =>
  lambda.send(
    new AddPermissionCommand({
      FunctionName: 'perm-fn',
      Qualifier,
      StatementId,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*`,
    }),
  );

describe('invoke permissions per qualifier', () => {
  it('answers 500 when only another version may be invoked, and records why', async () => {
    const [statement] = await statementsOf('1');
    expect(statement!.Sid).toMatch(/^perm-VersionOnePermission-[A-Z0-9]{12}$/);
    expect(statement!.Resource).toBe('arn:aws:lambda:us-east-1:000000000000:function:perm-fn:1');
    expect((await errorOf(statementsOf('2'))).name).toBe('ResourceNotFoundException');

    const res = await hello();
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"message": "Internal server error"}');
    expect(res.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    expect(lastCall()).toMatchObject({ statusCode: 500, errorCode: 'INTEGRATION_FAILURE' });
    expect(lastCall().reason).toContain(
      'Invalid permissions on Lambda function (perm-fn:2 allows no invocation',
    );
  });

  it('does not let a permission on the unqualified function cover a qualified call', async () => {
    await allowApi('unqualified');
    expect((await hello()).status).toBe(500);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'perm-fn', StatementId: 'unqualified' }));
  });

  it('serves the call once qualifier 2 may be invoked', async () => {
    const added = await allowApi('apigw-v2', '2');
    expect(JSON.parse(added.Statement!)).toMatchObject({
      Sid: 'apigw-v2',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:perm-fn:2',
    });
    const res = await hello();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('v2');
    expect(lastCall().reason).toBeUndefined();
  });

  it('keeps AddPermission and RemovePermission idempotent as Lambda does', async () => {
    const dup = await errorOf(allowApi('apigw-v2', '2'));
    expect(dup.name).toBe('ResourceConflictException');
    expect(dup.message).toBe(
      'The statement id (apigw-v2) provided already exists. Please provide a new statement id, or remove the existing statement.',
    );
    // The same statement id under another qualifier is another policy's.
    await allowApi('apigw-v2', '1');
    await lambda.send(
      new RemovePermissionCommand({ FunctionName: 'perm-fn', Qualifier: '1', StatementId: 'apigw-v2' }),
    );
    const missing = await errorOf(
      lambda.send(
        new RemovePermissionCommand({ FunctionName: 'perm-fn', Qualifier: '2', StatementId: 'nope' }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe('Statement nope is not found in resource policy.');
    await lambda.send(
      new RemovePermissionCommand({ FunctionName: 'perm-fn', Qualifier: '2', StatementId: 'apigw-v2' }),
    );
    expect((await hello()).status).toBe(500);
  });

  it('moves the statement of a replaced AWS::Lambda::Permission, and removes a deleted one’s', async () => {
    const update = (name: string, permitted?: string) =>
      deploy(cfn, {
        StackName: 'perm',
        ChangeSetName: name,
        ChangeSetType: 'UPDATE',
        TemplateBody: template(permitted),
      });
    expect((await update('to-v2', 'perm-fn:2')).StackStatus).toBe('UPDATE_COMPLETE');
    expect((await errorOf(statementsOf('1'))).name).toBe('ResourceNotFoundException');
    expect((await statementsOf('2'))[0]!.Sid).toMatch(/^perm-VersionOnePermission-/);
    expect((await hello()).status).toBe(200);

    expect((await update('no-permission')).StackStatus).toBe('UPDATE_COMPLETE');
    const gone = await errorOf(statementsOf('2'));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe('The resource you requested does not exist.');
    expect((await hello()).status).toBe(500);
  });
});
