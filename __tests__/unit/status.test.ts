// readStatus against a fake stage and a mocked Lambda: each role the release model holds —
// production, the candidate, the rollback target, the fallback — once, with its share of
// traffic, its state and (LMI versions) its scaling. Read-only.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readStatus } from '../../src/pipeline/modes/status.js';
import {
  fakeStage,
  lmi,
  LMI1,
  LMI2,
  LMI_FN,
  STANDARD_FN,
  twin,
  TWIN1,
  type StageSetup,
} from './cutover-fakes.js';
import { testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const cfn = mockClient(CloudFormationClient);
const lambda = mockClient(LambdaClient);

beforeEach(() => {
  apigw.reset();
  cfn.reset();
  lambda.reset();
  lambda
    .on(GetFunctionConfigurationCommand)
    .callsFake((i: { Qualifier?: string }) => ({ State: i.Qualifier === '1' ? 'Inactive' : 'Active' }));
  // The old LMI version was retired (0/0); the others run the template's 3/3.
  lambda.on(GetFunctionScalingConfigCommand).callsFake((i: { Qualifier?: string }) => ({
    RequestedFunctionScalingConfig:
      i.Qualifier === '1'
        ? { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 }
        : { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 },
  }));
  lambda
    .on(ListVersionsByFunctionCommand)
    .resolves({ Versions: ['$LATEST', '1', '2', '3'].map((Version) => ({ Version })) });
});

/** The workload stack after a deploy that published LMI version `lmiVersion`. */
function deployed(setup: StageSetup, lmiVersion: string) {
  const stage = fakeStage(apigw, setup);
  const outputs = {
    RestApiId: stage.ref.restApiId,
    StageName: 'prod',
    LmiFunctionName: LMI_FN,
    StandardFunctionName: STANDARD_FN,
    LmiVersion: lmiVersion,
    StandardVersion: '1',
  };
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'webhook-test',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
  return stage;
}

const rows = (s: Awaited<ReturnType<typeof readStatus>>) =>
  s.versions.map((v) => [
    v.role,
    `${v.target.side}:${v.target.version}`,
    v.trafficPercent,
    v.state,
    v.scaling,
  ]);

describe('readStatus', () => {
  it('a deployed candidate that is not production yet: every role, production with all traffic', async () => {
    const stage = deployed({ live: LMI2, rollback: LMI1, fallback: TWIN1 }, '3');
    const s = await readStatus(testContext(), 'webhook-test');
    expect(s.route).toEqual({ kind: 'lmi', target: lmi(2) });
    expect(rows(s)).toEqual([
      ['production', 'lmi:2', 100, 'Active', { min: 3, max: 3 }],
      ['candidate', 'lmi:3', 0, 'Active', { min: 3, max: 3 }],
      ['rollback target', 'lmi:1', 0, 'Inactive', { min: 0, max: 0 }],
      // The twin has no scaling config to read.
      ['fallback', 'standard:1', 0, 'Inactive', undefined],
    ]);
    expect(lambda).not.toHaveReceivedCommandWith(GetFunctionScalingConfigCommand, {
      FunctionName: STANDARD_FN,
    });
    expect(s.lmiVersions).toEqual(['3', '2', '1']);
    expect(s.fixes).toEqual([]);
    expect(stage.updates()).toEqual([]);
  });

  it('a canary: production and the candidate share the traffic; no other candidate is invented', async () => {
    deployed({ live: LMI2, canary: { percent: 10, override: `${LMI_FN}:3` }, rollback: LMI1 }, '3');
    const s = await readStatus(testContext(), 'webhook-test');
    expect(s.route).toEqual({ kind: 'canary', percent: 10, base: lmi(2), candidate: lmi(3) });
    expect(rows(s).map((r) => r.slice(0, 3))).toEqual([
      ['production', 'lmi:2', 90],
      ['candidate', 'lmi:3', 10],
      ['rollback target', 'lmi:1', 0],
    ]);
  });

  it('no candidate when the deployed LMI version already is production', async () => {
    deployed({ live: LMI2, rollback: TWIN1, fallback: TWIN1 }, '2');
    const s = await readStatus(testContext(), 'webhook-test');
    expect(s.versions.map((v) => v.role)).toEqual(['production', 'rollback target', 'fallback']);
    expect(s.versions[1]!.target).toEqual(twin(1));
  });

  it('an unknown route: no roles guessed, the raw values and the fixes to the remembered versions', async () => {
    deployed({ live: 'someone-else:live', rollback: LMI1, fallback: TWIN1 }, '2');
    const s = await readStatus(testContext(), 'webhook-test');
    expect(s.route).toBeUndefined();
    expect(s.unknownReason).toContain('"someone-else:live"');
    expect(s.versions.map((v) => [v.role, v.trafficPercent])).toEqual([
      ['candidate', undefined],
      ['rollback target', undefined],
      ['fallback', undefined],
    ]);
    expect(s.fixes).toHaveLength(2);
    expect(s.fixes[0]).toMatch(/^All traffic to webhook-lmi-fn:1: aws apigateway update-stage /);
  });
});
