// API Gateway management through the real SDK, on a REST API that CloudFormation created:
// REST APIs, stages (variables and canary patches), deployments with canary settings.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Emulator } from '../../emulator/index.js';
import { deploy, outputsOf } from './cfn-helpers.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

let emu: Emulator;
let apigw: APIGatewayClient;
let cfn: CloudFormationClient;
let apiId: string;
let firstDeployment: string;

const TEMPLATE = JSON.stringify({
  Resources: {
    Api: {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: {
        Body: {
          openapi: '3.0.1',
          info: { title: 'routing-test', version: '1' },
          paths: {
            '/health': {
              get: {
                'x-amazon-apigateway-integration': {
                  type: 'aws_proxy',
                  httpMethod: 'POST',
                  uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.liveFunction}/invocations',
                },
              },
            },
          },
        },
        EndpointConfiguration: { Types: ['REGIONAL'] },
      },
    },
    Deployment: {
      Type: 'AWS::ApiGateway::Deployment',
      Properties: { RestApiId: { Ref: 'Api' }, Description: 'first' },
    },
    Prod: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: { Ref: 'Api' },
        DeploymentId: { Ref: 'Deployment' },
        StageName: 'prod',
        Variables: { liveFunction: 'standard-fn:live' },
      },
    },
  },
  Outputs: {
    ApiId: { Value: { Ref: 'Api' } },
    DeploymentId: { Value: { 'Fn::GetAtt': ['Deployment', 'DeploymentId'] } },
  },
});

beforeAll(async () => {
  emu = await startTestEmulator();
  apigw = new APIGatewayClient(clientConfig(emu));
  cfn = new CloudFormationClient(clientConfig(emu));
  const stack = await deploy(cfn, {
    StackName: 'api',
    ChangeSetName: 'c',
    ChangeSetType: 'CREATE',
    TemplateBody: TEMPLATE,
  });
  apiId = outputsOf(stack).ApiId!;
  firstDeployment = outputsOf(stack).DeploymentId!;
});

afterAll(async () => {
  apigw.destroy();
  cfn.destroy();
  await emu.stop();
});

describe('REST APIs and stages', () => {
  it('lists and reads the REST API', async () => {
    const apis = await apigw.send(new GetRestApisCommand({}));
    expect(apis.items?.map((a) => [a.id, a.name])).toEqual([[apiId, 'routing-test']]);
    const api = await apigw.send(new GetRestApiCommand({ restApiId: apiId }));
    expect(api).toMatchObject({
      id: apiId,
      name: 'routing-test',
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    expect(api.createdDate).toBeInstanceOf(Date);
    const missing = await errorOf(apigw.send(new GetRestApiCommand({ restApiId: 'nope123456' })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe('Invalid API identifier specified 000000000000:nope123456');
  });

  it('reads stages', async () => {
    const stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    expect(stage).toMatchObject({
      stageName: 'prod',
      deploymentId: firstDeployment,
      variables: { liveFunction: 'standard-fn:live' },
    });
    expect(stage.canarySettings).toBeUndefined();
    const stages = await apigw.send(new GetStagesCommand({ restApiId: apiId }));
    expect(stages.item?.map((s) => s.stageName)).toEqual(['prod']);
    const missing = await errorOf(apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'nope' })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe('Invalid Stage identifier specified');
  });
});

describe('canary deployments and stage patches', () => {
  let canaryDeployment: string;

  it('deploys a canary to an existing stage without moving its main deployment', async () => {
    const d = await apigw.send(
      new CreateDeploymentCommand({
        restApiId: apiId,
        stageName: 'prod',
        description: 'canary',
        canarySettings: { percentTraffic: 10, stageVariableOverrides: { liveFunction: 'lmi-fn:live' } },
      }),
    );
    canaryDeployment = d.id!;
    expect(d.description).toBe('canary');
    const stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    expect(stage.deploymentId).toBe(firstDeployment);
    expect(stage.canarySettings).toEqual({
      percentTraffic: 10,
      deploymentId: canaryDeployment,
      stageVariableOverrides: { liveFunction: 'lmi-fn:live' },
      useStageCache: false,
    });
    const deployments = await apigw.send(new GetDeploymentsCommand({ restApiId: apiId }));
    expect(deployments.items?.map((x) => x.id).sort()).toEqual([firstDeployment, canaryDeployment].sort());
    const paged = await apigw.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 1 }));
    expect(paged.items).toHaveLength(1);
    expect(paged.position).toBeDefined();
  });

  it('shifts, overrides, promotes and removes the canary through UpdateStage', async () => {
    const shifted = await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' },
          {
            op: 'replace',
            path: '/canarySettings/stageVariableOverrides/liveFunction',
            value: 'lmi-fn:live',
          },
          { op: 'replace', path: '/variables/region', value: 'us-east-1' },
        ],
      }),
    );
    expect(shifted.canarySettings?.percentTraffic).toBe(50);
    expect(shifted.variables).toEqual({ liveFunction: 'standard-fn:live', region: 'us-east-1' });

    const promoted = await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'remove', path: '/canarySettings' },
          { op: 'remove', path: '/variables/region' },
        ],
      }),
    );
    expect(promoted.deploymentId).toBe(canaryDeployment);
    expect(promoted.variables).toEqual({ liveFunction: 'lmi-fn:live' });
    expect(promoted.canarySettings).toBeUndefined();

    const rolledBack = await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/deploymentId', value: firstDeployment },
          { op: 'replace', path: '/variables/liveFunction', value: 'standard-fn:live' },
          { op: 'replace', path: '/canarySettings/deploymentId', value: canaryDeployment },
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '5' },
        ],
      }),
    );
    expect(rolledBack).toMatchObject({
      deploymentId: firstDeployment,
      canarySettings: { deploymentId: canaryDeployment, percentTraffic: 5 },
    });
  });

  it('rejects bad patches atomically with BadRequestException / NotFoundException', async () => {
    const badPath = await errorOf(
      apigw.send(
        new UpdateStageCommand({
          restApiId: apiId,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '20' },
            { op: 'replace', path: '/nonsense', value: 'x' },
          ],
        }),
      ),
    );
    expect(badPath.name).toBe('BadRequestException');
    expect(badPath.message).toContain("Invalid patch path '/nonsense' specified for op 'replace'");
    const badPercent = await errorOf(
      apigw.send(
        new UpdateStageCommand({
          restApiId: apiId,
          stageName: 'prod',
          patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '150' }],
        }),
      ),
    );
    expect(badPercent.name).toBe('BadRequestException');
    const badDeployment = await errorOf(
      apigw.send(
        new UpdateStageCommand({
          restApiId: apiId,
          stageName: 'prod',
          patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'zzzzzz' }],
        }),
      ),
    );
    expect(badDeployment.name).toBe('NotFoundException');
    expect(badDeployment.message).toBe('Invalid Deployment identifier specified');
    const stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    expect(stage.canarySettings?.percentTraffic).toBe(5);
  });

  it('creates a stage with a plain deployment', async () => {
    await apigw.send(
      new CreateDeploymentCommand({
        restApiId: apiId,
        stageName: 'beta',
        variables: { liveFunction: 'beta-fn:live' },
      }),
    );
    const beta = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'beta' }));
    expect(beta.variables).toEqual({ liveFunction: 'beta-fn:live' });
    const canaryOnMissing = await errorOf(
      apigw.send(
        new CreateDeploymentCommand({
          restApiId: apiId,
          stageName: 'ghost',
          canarySettings: { percentTraffic: 10 },
        }),
      ),
    );
    expect(canaryOnMissing.name).toBe('NotFoundException');
  });
});
