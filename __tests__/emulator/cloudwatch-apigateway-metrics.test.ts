// CloudWatch's AWS/ApiGateway metrics of the stages the local cloud serves, through the real SDK:
// Count, 4XXError, 5XXError and Latency per {ApiName} and {ApiName, Stage}, counted for every
// request a stage answers (API Gateway's own 403 and a function's 502 included), none for a
// stage that does not exist; REST APIs that share a name share their metrics, as on AWS, since
// the dimension is the API's name, not its id.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type Dimension,
} from '@aws-sdk/client-cloudwatch';
import type { Emulator } from '../../emulator/index.js';
import { metricApiName } from '../../emulator/services/cloudwatch/metrics.js';
import { deploy, outputsOf } from './cfn-helpers.js';
import { clientConfig, startTestEmulator } from './helpers.js';

const HANDLER = `
exports.handler = async (event) => {
  if (event.path === '/boom') throw new Error('boom');
  return { statusCode: event.path === '/teapot' ? 418 : 200, body: 'ok' };
};
`;

const viaStage = {
  'x-amazon-apigateway-integration': {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations',
  },
};

/** A REST API named `apiName` (its Name over the body's title, as CloudFormation does) on stage prod. */
const template = (fnName: string, apiName: string) =>
  JSON.stringify({
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: fnName,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::000000000000:role/metrics',
          Code: { ZipFile: HANDLER },
        },
      },
      Permission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { Ref: 'Fn' },
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' },
        },
      },
      Api: {
        Type: 'AWS::ApiGateway::RestApi',
        Properties: {
          Name: apiName,
          Body: {
            openapi: '3.0.1',
            info: { title: 'the same title everywhere', version: '1' },
            paths: { '/ok': { get: viaStage }, '/boom': { get: viaStage }, '/teapot': { get: viaStage } },
          },
        },
      },
      Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
      Stage: {
        Type: 'AWS::ApiGateway::Stage',
        Properties: {
          RestApiId: { Ref: 'Api' },
          DeploymentId: { Ref: 'Deployment' },
          StageName: 'prod',
          Variables: { fn: fnName },
        },
      },
    },
    Outputs: { ApiId: { Value: { Ref: 'Api' } } },
  });

let emu: Emulator;
let cfn: CloudFormationClient;
let cw: CloudWatchClient;
let start: Date;

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: true });
  cfn = new CloudFormationClient(clientConfig(emu));
  cw = new CloudWatchClient(clientConfig(emu));
  start = new Date(Date.now() - 60_000);
}, 60_000);

afterAll(async () => {
  cfn.destroy();
  cw.destroy();
  await emu.stop();
});

async function stageOf(stackName: string, apiName: string): Promise<string> {
  const stack = await deploy(cfn, {
    StackName: stackName,
    ChangeSetName: 'create',
    ChangeSetType: 'CREATE',
    TemplateBody: template(`${stackName}-fn`, apiName),
  });
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  return emu.stageUrl(outputsOf(stack).ApiId!, 'prod');
}

/** Each metric's total over the window, as one SampleCount/Sum query per metric. */
async function totals(dimensions: Dimension[]): Promise<Record<string, number>> {
  const metrics = [
    ['count', 'Count', 'SampleCount'],
    ['fours', '4XXError', 'Sum'],
    ['fives', '5XXError', 'Sum'],
    ['latency', 'Latency', 'SampleCount'],
  ] as const;
  const res = await cw.send(
    new GetMetricDataCommand({
      StartTime: start,
      EndTime: new Date(Date.now() + 60_000),
      MetricDataQueries: metrics.map(([Id, MetricName, Stat]) => ({
        Id,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions: dimensions },
          Period: 60,
          Stat,
        },
      })),
    }),
  );
  return Object.fromEntries(
    (res.MetricDataResults ?? []).map((r) => [r.Id!, (r.Values ?? []).reduce((a, b) => a + b, 0)]),
  );
}

const byStage = (apiName: string, stage = 'prod'): Dimension[] => [
  { Name: 'ApiName', Value: apiName },
  { Name: 'Stage', Value: stage },
];

describe('AWS/ApiGateway metrics', () => {
  it('count every request a stage answers, per API name and per stage, with its 4XX and 5XX', async () => {
    const url = await stageOf('metrics-a', 'webhooks-a');
    const statuses: number[] = [];
    for (const path of ['/ok', '/ok', '/ok', '/teapot', '/boom', '/no-such-route'])
      statuses.push((await fetch(`${url}${path}`)).status);
    expect(statuses).toEqual([200, 200, 200, 418, 502, 403]);
    // A stage that does not exist has no metrics (API Gateway answers 403 before any stage).
    expect((await fetch(url.replace('/prod/', '/nostage/') + '/ok')).status).toBe(403);

    expect(await totals(byStage('webhooks-a'))).toEqual({ count: 6, fours: 2, fives: 1, latency: 6 });
    expect(await totals([{ Name: 'ApiName', Value: 'webhooks-a' }])).toEqual({
      count: 6,
      fours: 2,
      fives: 1,
      latency: 6,
    });
    expect(await totals(byStage('webhooks-a', 'nostage'))).toEqual({
      count: 0,
      fours: 0,
      fives: 0,
      latency: 0,
    });
    const listed = await cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' }),
    );
    expect(listed.Metrics?.map((m) => m.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join(','))).toEqual(
      expect.arrayContaining(['ApiName=webhooks-a', 'ApiName=webhooks-a,Stage=prod']),
    );
  });

  it('are shared by REST APIs of the same name, whose ids differ', async () => {
    const one = await stageOf('metrics-b', 'shared-name');
    const two = await stageOf('metrics-c', 'shared-name');
    expect(one).not.toBe(two);
    await fetch(`${one}/ok`);
    await fetch(`${two}/ok`);
    await fetch(`${two}/ok`);
    expect((await totals(byStage('shared-name'))).count).toBe(3);
  });
});

describe('the ApiName dimension', () => {
  it('drops non-ASCII characters, and is the API id when nothing is left', () => {
    expect(metricApiName('webhook-pr-14', 'a1b2c3')).toBe('webhook-pr-14');
    expect(metricApiName('café api', 'a1b2c3')).toBe('caf api');
    expect(metricApiName('☕', 'a1b2c3')).toBe('a1b2c3');
  });
});
