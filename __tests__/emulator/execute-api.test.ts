// API Gateway serving over real HTTP: a REST API deployed through CloudFormation with an
// OpenAPI body, served at the emulator's execute-api URL form. Route matching (literal over
// parameter over greedy, ANY), the v1 proxy event, result mapping (headers, multi-value
// headers, base64), API Gateway's own answers (403 unknown route and stage, 500 for missing
// permission, unresolved stage variable, throttle, 502 for function errors and malformed
// results, 504 after the integration timeout), canary routing with its own deployment and
// stage-variable overrides, and the calls log.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, CreateDeploymentCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Emulator } from '../../emulator/index.js';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { deploy, outputsOf } from './cfn-helpers.js';
import { clientConfig, startTestEmulator, waitFor } from './helpers.js';

const ECHO = `
exports.handler = async (event) => {
  const mark = process.env.MARK;
  switch (event.path) {
    case '/throw': throw new Error('boom');
    case '/malformed': return { statusCode: 200, body: { not: 'a string' } };
    case '/extra-field': return { statusCode: 200, body: 'x', extra: true };
    case '/slow': await new Promise((r) => setTimeout(r, 1500)); return { statusCode: 200, body: 'late' };
    case '/binary':
      return { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true };
    case '/cookies':
      return { statusCode: 201, headers: { 'x-one': 'a', 'x-single': 'b' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'], 'x-one': ['c'] }, body: '' };
    default:
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-mark': mark }, body: JSON.stringify({ mark, event }) };
  }
};
`;

const proxy = (uri: string) => ({
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri },
});
const viaStage = proxy(
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations',
);

function definition(extraPaths: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'echo', version: '1' },
    'x-amazon-apigateway-binary-media-types': ['image/*', 'application/octet-stream'],
    paths: {
      '/': { get: viaStage },
      '/items/{id}': { get: viaStage },
      '/items/special': { get: viaStage },
      '/proxy/{proxy+}': { 'x-amazon-apigateway-any-method': viaStage },
      '/upload': { post: viaStage },
      ...Object.fromEntries(
        ['/throw', '/malformed', '/extra-field', '/slow', '/binary', '/cookies'].map((p) => [
          p,
          { get: viaStage },
        ]),
      ),
      '/locked': {
        get: proxy(
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:locked-fn/invocations',
        ),
      },
      '/unset': {
        get: proxy(
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.nope}/invocations',
        ),
      },
      '/mock': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } },
      ...extraPaths,
    },
  };
}

const fn = (name: string, mark: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: 'arn:aws:iam::000000000000:role/echo',
    Code: { ZipFile: ECHO },
    Environment: { Variables: { MARK: mark } },
  },
});
const permission = (fnRef: string) => ({
  Type: 'AWS::Lambda::Permission',
  Properties: {
    FunctionName: { Ref: fnRef },
    Action: 'lambda:InvokeFunction',
    Principal: 'apigateway.amazonaws.com',
    SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' },
  },
});

const template = (body: unknown) =>
  JSON.stringify({
    Resources: {
      Echo: fn('echo-fn', 'primary'),
      EchoCanary: fn('echo-canary', 'canary'),
      Locked: fn('locked-fn', 'locked'),
      EchoPermission: permission('Echo'),
      EchoCanaryPermission: permission('EchoCanary'),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: body } },
      Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
      Stage: {
        Type: 'AWS::ApiGateway::Stage',
        Properties: {
          RestApiId: { Ref: 'Api' },
          DeploymentId: { Ref: 'Deployment' },
          StageName: 'test',
          Variables: { fn: 'echo-fn' },
        },
      },
    },
    Outputs: {
      ApiId: { Value: { Ref: 'Api' } },
      Url: { Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/test' } },
    },
  });

let emu: Emulator;
let cfn: CloudFormationClient;
let apigw: APIGatewayClient;
let apiId: string;
let url: string;
const logs: string[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({
    runCode: { integrationTimeoutMs: 700, accountConcurrencyLimit: 6 },
    log: (line) => logs.push(line),
  });
  cfn = new CloudFormationClient(clientConfig(emu));
  apigw = new APIGatewayClient(clientConfig(emu));
  const stack = await deploy(cfn, {
    StackName: 'echo',
    ChangeSetName: 'create',
    ChangeSetType: 'CREATE',
    TemplateBody: template(definition()),
  });
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  const out = outputsOf(stack);
  apiId = out.ApiId!;
  url = out.Url!;
});

afterAll(async () => {
  cfn.destroy();
  apigw.destroy();
  await emu.stop();
  expect(liveWorkerCount()).toBe(0);
});

/** The proxy event as the echo function saw it. */
interface EchoedEvent {
  resource: string;
  body: string;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  stageVariables: Record<string, string> | null;
  requestContext: { requestTimeEpoch: number; deploymentId: string };
}
const json = async (res: Response) => (await res.json()) as { mark: string; event: EchoedEvent };

describe('serving a deployed stage', () => {
  it('points the stack’s execute-api URL output at the emulator', () => {
    expect(url).toBe(`${emu.endpoint}/restapis/${apiId}/test/_user_request_`);
    expect(emu.stageUrl(apiId, 'test')).toBe(url);
  });

  it('sends the REST v1 proxy event and maps the function’s answer', async () => {
    const res = await fetch(`${url}/items/42?tag=a&tag=b&single=1`, {
      headers: { 'X-Custom': 'one', 'User-Agent': 'jest-probe' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mark')).toBe('primary');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const { event } = await json(res);
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      queryStringParameters: { tag: 'b', single: '1' },
      multiValueQueryStringParameters: { tag: ['a', 'b'], single: ['1'] },
      stageVariables: { fn: 'echo-fn' },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({
      'X-Custom': 'one',
      'User-Agent': 'jest-probe',
      Host: `${apiId}.execute-api.us-east-1.amazonaws.com`,
      'X-Forwarded-Proto': 'https',
    });
    expect(event.multiValueHeaders['X-Custom']).toEqual(['one']);
    expect(event.requestContext).toMatchObject({
      resourcePath: '/items/{id}',
      httpMethod: 'GET',
      path: '/test/items/42',
      stage: 'test',
      accountId: '000000000000',
      apiId,
      requestId: res.headers.get('x-amzn-requestid'),
      identity: { sourceIp: '127.0.0.1', userAgent: 'jest-probe' },
      domainName: `${apiId}.execute-api.us-east-1.amazonaws.com`,
    });
    expect(Math.abs(event.requestContext.requestTimeEpoch - Date.now())).toBeLessThan(60_000);
  });

  it('matches literal before parameter before greedy paths, ANY, and the root', async () => {
    expect((await json(await fetch(`${url}/items/special`))).event.resource).toBe('/items/special');
    const greedy = await json(await fetch(`${url}/proxy/a/b/c`, { method: 'DELETE' }));
    expect(greedy.event).toMatchObject({
      resource: '/proxy/{proxy+}',
      httpMethod: 'DELETE',
      pathParameters: { proxy: 'a/b/c' },
    });
    expect((await json(await fetch(`${url}/`))).event.resource).toBe('/');
  });

  it('answers routes and stages that do not exist as API Gateway does', async () => {
    for (const [path, method] of [
      ['/nowhere', 'GET'],
      ['/items/42', 'POST'],
      ['/proxy', 'GET'], // {proxy+} needs at least one segment
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      expect([path, res.status]).toEqual([path, 403]);
      expect(await res.text()).toBe('{"message":"Missing Authentication Token"}');
      expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    }
    const stage = await fetch(`${emu.endpoint}/restapis/${apiId}/nostage/_user_request_/items/1`);
    expect(stage.status).toBe(403);
    expect(await stage.text()).toBe('{"message":"Forbidden"}');
    const api = await fetch(`${emu.endpoint}/restapis/abcdefghij/test/_user_request_/items/1`);
    expect(api.status).toBe(404);
  });

  it('passes binary bodies base64-encoded and decodes base64 results for binary media types', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0x10, 0x80]);
    const up = await json(
      await fetch(`${url}/upload`, {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    expect(up.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(up.event.body, 'base64')).toEqual(bytes);
    const text = await json(
      await fetch(`${url}/upload`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(text.event).toMatchObject({ isBase64Encoded: false, body: '{"a":1}' });

    const png = await fetch(`${url}/binary`, { headers: { accept: 'image/png' } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('merges headers with multiValueHeaders (multi-value wins)', async () => {
    const res = await fetch(`${url}/cookies`);
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.headers.get('x-one')).toBe('c');
    expect(res.headers.get('x-single')).toBe('b');
  });

  it('answers 502 for function errors and malformed results, 504 after the integration timeout', async () => {
    for (const path of ['/throw', '/malformed', '/extra-field']) {
      const res = await fetch(`${url}${path}`);
      expect([path, res.status]).toEqual([path, 502]);
      expect(await res.text()).toBe('{"message": "Internal server error"}');
    }
    const slow = await fetch(`${url}/slow`);
    expect(slow.status).toBe(504);
    expect(await slow.text()).toBe('{"message": "Endpoint request timed out"}');
  });

  it('answers 500 when the function may not be invoked, a stage variable is unset or the integration is not Lambda', async () => {
    for (const path of ['/locked', '/unset', '/mock']) {
      const res = await fetch(`${url}${path}`);
      expect([path, res.status]).toEqual([path, 500]);
      expect(await res.text()).toBe('{"message": "Internal server error"}');
    }
    expect(logs.join('\n')).toContain(
      'Invalid permissions on Lambda function (locked-fn allows no invocation',
    );
    expect(logs.join('\n')).toContain('nope is not set on the stage');
    expect(logs.join('\n')).toContain('aws_proxy (Lambda proxy) integrations only, not mock');
  });

  it('answers a Lambda throttle with 500, as API Gateway’s proxy integration does', async () => {
    const idle = () => (emu.runtimeCounters('echo-fn', '$LATEST')!.inFlight === 0 ? true : undefined);
    await waitFor(idle); // the earlier /slow invocation outlives its 504
    // The slow path holds its environment for 1.5 s (past the 0.7 s timeout); 6 is the account limit.
    const answers = await Promise.all(Array.from({ length: 7 }, () => fetch(`${url}/slow`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 500)).toHaveLength(1);
    expect(statuses.filter((s) => s === 504)).toHaveLength(6);
    expect(logs.join('\n')).toContain('TooManyRequestsException');
    await waitFor(idle);
  });

  it('records every request in calls as execute-api', () => {
    const served = emu.calls.filter((c) => c.service === 'execute-api');
    expect(served.find((c) => c.operation === 'GET /items/{id}')).toMatchObject({ statusCode: 200 });
    expect(served.find((c) => c.operation === 'GET /throw')).toMatchObject({
      statusCode: 502,
      errorCode: 'INTEGRATION_FAILURE',
    });
    expect(served.find((c) => c.operation === 'GET /nowhere')).toMatchObject({
      statusCode: 403,
      errorCode: 'MISSING_AUTHENTICATION_TOKEN',
    });
  });
});

describe('canary routing', () => {
  const marks = async (n: number, path = '/items/1') => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${url}${path}`);
      const key = res.status === 200 ? (await json(res)).mark : String(res.status);
      seen[key] = (seen[key] ?? 0) + 1;
    }
    return seen;
  };

  it('sends percentTraffic of the requests to the canary, with its stage-variable overrides', async () => {
    await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'test',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '100' },
          { op: 'replace', path: '/canarySettings/stageVariableOverrides/fn', value: 'echo-canary' },
        ],
      }),
    );
    const all = await json(await fetch(`${url}/items/1`));
    expect(all.mark).toBe('canary');
    expect(all.event.stageVariables).toEqual({ fn: 'echo-canary' });

    await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'test',
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }],
      }),
    );
    const seen = await marks(400);
    // Binomial(400, 0.25): 100 ± 8.7; ± 40 is more than 4.5 standard deviations.
    expect(seen.canary).toBeGreaterThan(60);
    expect(seen.canary).toBeLessThan(140);
    expect(seen.canary! + seen.primary!).toBe(400);
  });

  it('serves the canary side from the canary’s own deployment', async () => {
    // The API gains a path; the stage keeps its deployment, a canary deployment gets the new one.
    const updated = await deploy(cfn, {
      StackName: 'echo',
      ChangeSetName: 'add-path',
      ChangeSetType: 'UPDATE',
      TemplateBody: template(definition({ '/fresh': { get: viaStage } })),
    });
    expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
    const created = await apigw.send(
      new CreateDeploymentCommand({
        restApiId: apiId,
        stageName: 'test',
        canarySettings: { percentTraffic: 50, stageVariableOverrides: { fn: 'echo-canary' } },
      }),
    );
    const seen = await marks(60, '/fresh');
    expect(Object.keys(seen).sort()).toEqual(['403', 'canary']); // the primary deployment has no /fresh
    const sides = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { mark, event } = await json(await fetch(`${url}/items/1`));
      sides.add(mark);
      if (mark === 'canary') expect(event.requestContext.deploymentId).toBe(created.id);
      else expect(event.requestContext.deploymentId).not.toBe(created.id);
    }
    expect([...sides].sort()).toEqual(['canary', 'primary']);
  });
});
