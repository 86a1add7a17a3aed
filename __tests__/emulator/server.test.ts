// The shared listener: SigV4-scope routing, authentication errors, unknown operations in
// each protocol, the call record, and injected faults (throttles, errors, latency).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetRestApisCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListExportsCommand,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetAccountSettingsCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { GetBucketAclCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { Emulator } from '../../emulator/index.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

let emu: Emulator;
let cfn: CloudFormationClient;
let lambda: LambdaClient;
let apigw: APIGatewayClient;
let ssm: SSMClient;
let ddb: DynamoDBClient;
let s3: S3Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  cfn = new CloudFormationClient(clientConfig(emu));
  lambda = new LambdaClient(clientConfig(emu));
  apigw = new APIGatewayClient(clientConfig(emu));
  ssm = new SSMClient(clientConfig(emu));
  ddb = new DynamoDBClient(clientConfig(emu));
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
});

afterAll(async () => {
  for (const c of [cfn, lambda, apigw, ssm, ddb, s3]) c.destroy();
  await emu.stop();
});

describe('authentication and routing', () => {
  it('answers a request without a signature with MissingAuthenticationToken', async () => {
    const res = await fetch(`${emu.endpoint}/2015-03-31/functions`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationToken');
    expect(await res.json()).toEqual({ message: 'Request is missing Authentication Token' });
  });

  it('answers a malformed credential scope with IncompleteSignature in the request’s protocol', async () => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cloudformation, SignedHeaders=host, Signature=abc',
        'x-amz-date': '20240101T000000Z',
      },
      body: 'Action=DescribeStacks&Version=2010-05-15',
    });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<Code>IncompleteSignature</Code>');
    expect(xml).toContain('Credential must have exactly 5 slash-delimited elements');
  });

  it('refuses a scope for another region and routes a known service', async () => {
    const other = new SSMClient({ ...clientConfig(emu), region: 'eu-west-1' });
    const err = await errorOf(other.send(new GetParameterCommand({ Name: '/x' })));
    other.destroy();
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toContain("not 'eu-west-1'");
  });

  it('reserves the execute-api path for part 2 with a clear error', async () => {
    const res = await fetch(`${emu.endpoint}/restapis/abc123/prod/_user_request_/health`);
    expect(res.status).toBe(501);
    expect(((await res.json()) as { message: string }).message).toContain('execute-api');
  });
});

describe('unimplemented operations fail loudly, naming the operation', () => {
  it('CloudFormation: InvalidAction', async () => {
    const err = await errorOf(cfn.send(new ListExportsCommand({})));
    expect(err.name).toBe('InvalidAction');
    expect(err.message).toContain('Could not find operation ListExports');
  });

  it('Lambda and API Gateway: UnknownOperationException', async () => {
    const l = await errorOf(lambda.send(new GetAccountSettingsCommand({})));
    expect(l.name).toBe('UnknownOperationException');
    expect(l.message).toContain('GetAccountSettings');
    const res = await fetch(`${emu.endpoint}/restapis/abc/resources`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=abc',
        'x-amz-date': '20240101T000000Z',
      },
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await res.json()) as { message: string }).message).toContain('GetResources');
  });

  it('SSM, DynamoDB and S3 in their own error shapes', async () => {
    const s = await errorOf(ssm.send(new DescribeParametersCommand({})));
    expect(s.name).toBe('UnknownOperationException');
    expect(s.message).toContain('DescribeParameters');
    const d = await errorOf(ddb.send(new DescribeContinuousBackupsCommand({ TableName: 't' })));
    expect(d.name).toBe('UnknownOperationException');
    expect(d.message).toContain('DescribeContinuousBackups');
    const b = await errorOf(s3.send(new GetBucketAclCommand({ Bucket: 'b' })));
    expect(b.name).toBe('NotImplemented');
    expect(b.message).toContain('GetBucketAcl');
  });

  it('a service the emulator does not know', async () => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=abc',
        'x-amz-date': '20240101T000000Z',
      },
      body: '{}',
    });
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain("'sqs' service (operation ListQueues)");
  });
});

describe('faults', () => {
  it('throttles with each service’s own error', async () => {
    const cases: [string, string, () => Promise<unknown>, string, number][] = [
      ['cloudformation', 'DescribeStacks', () => cfn.send(new DescribeStacksCommand({})), 'Throttling', 400],
      [
        'lambda',
        'ListFunctions',
        () => lambda.send(new ListFunctionsCommand({})),
        'TooManyRequestsException',
        429,
      ],
      [
        'apigateway',
        'GetRestApis',
        () => apigw.send(new GetRestApisCommand({})),
        'TooManyRequestsException',
        429,
      ],
      [
        'ssm',
        'GetParameter',
        () => ssm.send(new GetParameterCommand({ Name: '/x' })),
        'ThrottlingException',
        400,
      ],
      ['dynamodb', 'ListTables', () => ddb.send(new ListTablesCommand({})), 'ThrottlingException', 400],
      ['s3', 'ListBuckets', () => s3.send(new ListBucketsCommand({})), 'SlowDown', 503],
    ];
    for (const [service, operation, call, name, status] of cases) {
      emu.faults.throttle({ service, operation, count: 1 });
      const err = await errorOf(call());
      expect([service, err.name, err.$metadata?.httpStatusCode]).toEqual([service, name, status]);
      await call().catch(() => undefined);
      // Only the next call was throttled.
      expect(emu.calls.at(-1)).toMatchObject({ service, operation });
      expect(emu.calls.at(-1)?.errorCode).not.toBe(name);
    }
    const lambdaThrottle = emu.calls.find((c) => c.service === 'lambda' && c.statusCode === 429);
    expect(lambdaThrottle).toMatchObject({
      operation: 'ListFunctions',
      errorCode: 'TooManyRequestsException',
    });
  });

  it('lets the SDK’s retries absorb a throttle of N calls when it has attempts left', async () => {
    const retrying = new SSMClient(clientConfig(emu, 3));
    await ssm.send(new PutParameterCommand({ Name: '/retry', Value: 'v', Type: 'String' }));
    emu.faults.throttle({ service: 'ssm', operation: 'GetParameter', count: 2 });
    const before = emu.calls.length;
    const got = await retrying.send(new GetParameterCommand({ Name: '/retry' }));
    retrying.destroy();
    expect(got.Parameter?.Value).toBe('v');
    expect(emu.calls.slice(before).map((c) => c.errorCode ?? c.statusCode)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      200,
    ]);
  });

  it('injects a chosen AWS error and added latency', async () => {
    emu.faults.error({
      service: 'apigateway',
      operation: 'GetStage',
      code: 'UnauthorizedException',
      message: 'The security token included in the request is invalid',
      statusCode: 403,
    });
    const err = await errorOf(apigw.send(new GetStageCommand({ restApiId: 'abc', stageName: 'prod' })));
    expect(err.name).toBe('UnauthorizedException');
    expect(err.message).toBe('The security token included in the request is invalid');

    emu.faults.latency({ service: 'ssm', operation: 'PutParameter', ms: 150, count: 1 });
    const t0 = Date.now();
    await ssm.send(new PutParameterCommand({ Name: '/latency', Value: 'v', Type: 'String' }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('the call record', () => {
  it('records service, operation, status and error code of every request', async () => {
    const before = emu.calls.length;
    await errorOf(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'missing' })));
    await cfn.send(new DescribeStacksCommand({}));
    expect(emu.calls.slice(before).map(({ at: _at, ...c }) => c)).toEqual([
      {
        service: 'lambda',
        operation: 'GetFunctionConfiguration',
        statusCode: 404,
        errorCode: 'ResourceNotFoundException',
        accessKeyId: emu.credentials.accessKeyId,
        resources: [{ arn: `arn:aws:lambda:${emu.region}:000000000000:function:missing` }],
      },
      {
        service: 'cloudformation',
        operation: 'DescribeStacks',
        statusCode: 200,
        errorCode: undefined,
        accessKeyId: emu.credentials.accessKeyId,
        resources: [{ arn: '*' }],
      },
    ]);
  });

  it('names the resources IAM authorizes each request against, with the tags a stage inherits', async () => {
    const store = emu.state.apigateway;
    const api = store.createRestApi({
      name: 'tagged',
      tags: { team: 'a', 'lmi-cutover:stack': 'webhook-pr-7' },
    });
    const deployment = store.createDeployment(api);
    store.createStage(api, { stageName: 'prod', deploymentId: deployment.id, tags: { team: 'b' } });
    await ssm.send(new PutParameterCommand({ Name: '/lmi-cutover/x', Value: 'v', Type: 'String' }));
    const before = emu.calls.length;
    await apigw.send(new GetStageCommand({ restApiId: api.id, stageName: 'prod' }));
    await errorOf(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: '3' })));
    await errorOf(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn:live' })));
    await ssm.send(new GetParameterCommand({ Name: '/lmi-cutover/x' }));
    await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'absent' })));
    const arn = (service: string, resource: string) =>
      `arn:aws:${service}:${emu.region}:000000000000:${resource}`;
    expect(emu.calls.slice(before).map((c) => c.resources)).toEqual([
      [
        {
          arn: `arn:aws:apigateway:${emu.region}::/restapis/${api.id}/stages/prod`,
          tags: { team: 'b', 'lmi-cutover:stack': 'webhook-pr-7' },
        },
      ],
      [{ arn: arn('lambda', 'function:fn:3') }],
      [{ arn: arn('lambda', 'function:fn:live') }],
      [{ arn: arn('ssm', 'parameter/lmi-cutover/x') }],
      [{ arn: arn('cloudformation', 'stack/absent/*') }],
    ]);
  });
});
