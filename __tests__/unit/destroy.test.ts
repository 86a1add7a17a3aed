// destroyStack against mocked AWS clients and a fake clock: a dry run writes nothing; a refusal
// writes nothing; the LMI versions (the ones outside the stack too) are scaled to 0/0 before
// DeleteStack; a deletion still running at the deadline fails, never passes; termination
// protection turned on meanwhile is a refusal with the fix; a function the template retains
// loses its LMI versions and is named, and one that should be gone but is not fails the run.
// And what the stage's traffic reads as: idle, serving, shared with a same-named API, unreadable.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DeleteFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PutFunctionScalingConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { CutoverError } from '../../src/core/errors.js';
import { destroyStack, type DestroyOptions } from '../../src/pipeline/modes/destroy.js';
import { readStageTraffic } from '../../src/pipeline/destroy/stage-traffic.js';
import { awsError, testContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
const apigw = mockClient(APIGatewayClient);
const cw = mockClient(CloudWatchClient);
const lambda = mockClient(LambdaClient);

const STACK = 'webhook-pr-14';
const STACK_ID = `arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK}/abc`;
const LMI = `${STACK}-WebhookLmiFunction-K3J2`;
const TWIN = `${STACK}-WebhookStandardFunction-Q7W6`;
const CP = `${STACK}-WebhookCapacityProvider-A1S2`;
const API = 'a1b2c3d4e5';

const resource = (id: string, type: string, physical: string): StackResourceSummary => ({
  LogicalResourceId: id,
  ResourceType: type,
  PhysicalResourceId: physical,
  ResourceStatus: 'CREATE_COMPLETE',
  LastUpdatedTimestamp: new Date(),
});

/** The AWS side: a deployed workload stack whose deletion the mocks play out. */
function account(
  options: {
    requests?: number[];
    retainLmi?: boolean;
    terminationProtection?: boolean;
    /** DescribeStacks polls that still read DELETE_IN_PROGRESS; Infinity never ends. */
    deletePolls?: number;
    survivor?: boolean;
  } = {},
) {
  let status = 'UPDATE_COMPLETE';
  let polls = 0;
  const state = { deleted: false };
  cfn.on(DescribeStacksCommand).callsFake(() => {
    if (status === 'DELETE_IN_PROGRESS' && ++polls > (options.deletePolls ?? 1)) {
      status = 'DELETE_COMPLETE';
      state.deleted = true;
    }
    return {
      Stacks: [
        {
          StackName: STACK,
          StackId: STACK_ID,
          StackStatus: status,
          CreationTime: new Date(),
          EnableTerminationProtection: options.terminationProtection ?? false,
          Outputs: Object.entries({
            RestApiId: API,
            StageName: 'prod',
            ApiUrl: `https://${API}.execute-api.us-east-1.amazonaws.com/prod`,
            LmiFunctionName: LMI,
            LmiVersion: '3',
            LmiAliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${LMI}:live`,
            StandardFunctionName: TWIN,
            StandardVersion: '1',
            StandardAliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${TWIN}:live`,
          }).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    };
  });
  cfn.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: [
      resource('WebhookLmiFunction', 'AWS::Lambda::Function', LMI),
      resource(
        'WebhookLmiFunctionVersionabc',
        'AWS::Lambda::Version',
        `arn:aws:lambda:us-east-1:123456789012:function:${LMI}:3`,
      ),
      resource('WebhookStandardFunction', 'AWS::Lambda::Function', TWIN),
      resource('WebhookCapacityProvider', 'AWS::Lambda::CapacityProvider', CP),
      resource('WebhookApi', 'AWS::ApiGateway::RestApi', API),
    ],
  });
  cfn.on(GetTemplateCommand).resolves({
    TemplateBody: JSON.stringify({
      Resources: {
        WebhookLmiFunction: {
          Type: 'AWS::Lambda::Function',
          ...(options.retainLmi ? { DeletionPolicy: 'Retain' } : {}),
        },
        WebhookLmiFunctionVersionabc: { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain' },
        WebhookStandardFunction: { Type: 'AWS::Lambda::Function' },
        WebhookCapacityProvider: { Type: 'AWS::Lambda::CapacityProvider' },
        WebhookApi: { Type: 'AWS::ApiGateway::RestApi' },
      },
    }),
  });
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  cfn.on(DeleteStackCommand).callsFake(() => {
    if (options.terminationProtection)
      throw awsError(
        'ValidationError',
        `Stack [${STACK}] cannot be deleted while TerminationProtection is enabled`,
      );
    status = 'DELETE_IN_PROGRESS';
    return {};
  });
  apigw.on(GetRestApisCommand).resolves({ items: [{ id: API, name: STACK }] });
  const requests = options.requests ?? [];
  cw.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      {
        Id: 'requests',
        Values: requests,
        Timestamps: requests.map((_, i) => new Date(Date.UTC(2025, 0, 2, i))),
        StatusCode: 'Complete',
      },
    ],
  });
  // LMI v1 and v2 were left outside the stack by earlier deploys; v3 is the stack's.
  const lmiVersions = ['$LATEST', '1', '2', '3'];
  const notFound = () => awsError('ResourceNotFoundException', 'Function not found', 404);
  lambda.on(ListVersionsByFunctionCommand).callsFake((i: { FunctionName: string }) => {
    const lmi = i.FunctionName === LMI;
    const survives = (lmi && options.retainLmi) || (!lmi && options.survivor);
    if (state.deleted && !survives) throw notFound();
    return {
      Versions: (lmi ? lmiVersions : ['$LATEST', '1']).map((Version) => ({
        Version,
        State: Version === '$LATEST' && lmi ? 'ActiveNonInvocable' : 'Active',
        ...(lmi
          ? {
              CapacityProviderConfig: {
                LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: CP },
              },
            }
          : {}),
      })),
    };
  });
  lambda.on(PutFunctionScalingConfigCommand).resolves({});
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Deactivated' });
  lambda.on(DeleteFunctionCommand).resolves({});
  lambda.on(GetCapacityProviderCommand).callsFake(() => {
    if (state.deleted) throw awsError('ResourceNotFoundException', 'Capacity provider not found', 404);
    return {};
  });
  return state;
}

const options = (o: Partial<DestroyOptions> = {}): DestroyOptions => ({
  stackName: STACK,
  dryRun: false,
  iKnowItServesProduction: false,
  trafficWindowHours: 168,
  timeoutMinutes: 30,
  ...o,
});

const writes = () => [
  ...cfn.commandCalls(DeleteStackCommand),
  ...lambda.commandCalls(PutFunctionScalingConfigCommand),
  ...lambda.commandCalls(DeleteFunctionCommand),
];

beforeEach(() => {
  cfn.reset();
  apigw.reset();
  cw.reset();
  lambda.reset();
});

describe('destroyStack', () => {
  it('with --dry-run lists every resource and version (those outside the stack too) and changes nothing', async () => {
    account();
    const ctx = testContext();
    const run = await destroyStack(ctx, options({ dryRun: true }));
    expect(run.type).toBe('dry-run');
    expect(run.type === 'dry-run' && run.decision.type).toBe('proceed');
    expect(writes()).toEqual([]);
    const text = ctx.progress.text();
    expect(text).toContain(`Would delete AWS::Lambda::Function ${LMI} (WebhookLmiFunction)`);
    for (const v of ['1', '2', '3'])
      expect(text).toContain(`Would delete LMI version ${LMI}:${v} (Active) with its function`);
    expect(text).toContain(`Would delete standard version ${TWIN}:1 (Active) with its function`);
    expect(text).toContain(`goes with function ${LMI}`);
    expect(text).toContain(
      `Stage prod of REST API ${API} (API name "${STACK}"): 0 request(s) in the last 168 h`,
    );
    expect(text).toContain('Dry run: destroy would delete stack webhook-pr-14 (UPDATE_COMPLETE)');
    // The window asked for is the window read.
    const input = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.EndTime!.getTime() - input.StartTime!.getTime()).toBe(168 * 3_600_000);
    expect(input.MetricDataQueries![0]!.MetricStat).toMatchObject({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Count',
        Dimensions: [
          { Name: 'ApiName', Value: STACK },
          { Name: 'Stage', Value: 'prod' },
        ],
      },
      Stat: 'SampleCount',
    });
  });

  it('refuses a stage that served requests, writing nothing; a dry run says it would refuse', async () => {
    account({ requests: [0, 3, 0, 1] });
    const error = (await destroyStack(testContext(), options()).catch((e: unknown) => e)) as CutoverError;
    expect(error.code).toBe('DESTROY_REFUSED');
    expect(error.message).toContain(`stage prod of REST API ${API} served 4 request(s) in the last 168 h`);
    expect(error.details.join('\n')).toContain('--i-know-it-serves-production');
    expect(writes()).toEqual([]);
    const dry = await destroyStack(testContext(), options({ dryRun: true }));
    expect(dry.type === 'dry-run' && dry.decision.type).toBe('refused');
    expect(writes()).toEqual([]);
  });

  it('scales every LMI version to 0/0 and waits for Deactivated before DeleteStack, then proves everything gone', async () => {
    account({ requests: [2], deletePolls: 3 });
    const ctx = testContext();
    const run = await destroyStack(ctx, options({ iKnowItServesProduction: true }));
    expect(run.type).toBe('destroyed');
    const scaled = lambda.commandCalls(PutFunctionScalingConfigCommand).map((c) => c.args[0].input);
    expect(scaled.map((i) => `${i.FunctionName}:${i.Qualifier}`)).toEqual([
      `${LMI}:3`,
      `${LMI}:2`,
      `${LMI}:1`,
    ]);
    expect(scaled.every((i) => i.FunctionScalingConfig?.MinExecutionEnvironments === 0)).toBe(true);
    expect(scaled.every((i) => i.FunctionScalingConfig?.MaxExecutionEnvironments === 0)).toBe(true);
    // Never the twin: standard versions hold no instances.
    expect(scaled.some((i) => i.FunctionName === TWIN)).toBe(false);
    expect(ctx.progress.codes.indexOf('destroy.environments-released')).toBeLessThan(
      ctx.progress.codes.indexOf('destroy.deleting'),
    );
    expect(cfn.commandCalls(DeleteStackCommand)[0]!.args[0].input).toEqual({ StackName: STACK_ID });
    expect(ctx.progress.warnings.join('\n')).toContain(
      'Deleting it anyway: --i-know-it-serves-production given',
    );
    expect(run.type === 'destroyed' && run.leftovers.gone).toEqual([
      `function ${LMI}`,
      `function ${TWIN}`,
      `capacity provider ${CP}`,
    ]);
    expect(ctx.progress.text()).toContain(
      `Gone: LMI function ${LMI} and its 3 published version(s) (3, 2, 1).`,
    );
  });

  it('fails DESTROY_TIMEOUT when the stack is still deleting at the deadline: never a deleted stack', async () => {
    account({ deletePolls: Number.POSITIVE_INFINITY });
    const ctx = testContext();
    const error = (await destroyStack(ctx, options({ timeoutMinutes: 5 })).catch(
      (e: unknown) => e,
    )) as CutoverError;
    expect(error.code).toBe('DESTROY_TIMEOUT');
    expect(error.message).toContain(
      'is still DELETE_IN_PROGRESS after 5 minutes (--timeout-minutes); it is not known to be deleted',
    );
    expect(ctx.progress.codes).not.toContain('destroy.deleted');
    expect(ctx.progress.codes).not.toContain('destroy.gone');
    expect(ctx.clock.now() - Date.UTC(2025, 0, 2, 3, 4, 5)).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('turns a DeleteStack refused for termination protection into DESTROY_REFUSED with the fix', async () => {
    // Read as off, then refused: someone turned it on in between.
    account({ terminationProtection: false });
    cfn
      .on(DeleteStackCommand)
      .rejects(
        awsError(
          'ValidationError',
          `Stack [${STACK}] cannot be deleted while TerminationProtection is enabled`,
        ),
      );
    const error = (await destroyStack(testContext(), options()).catch((e: unknown) => e)) as CutoverError;
    expect(error.code).toBe('DESTROY_REFUSED');
    expect(error.details).toEqual([
      `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${STACK}`,
    ]);
  });

  it('deletes the LMI versions of a function the template retains, and names the function it leaves', async () => {
    account({ retainLmi: true });
    const ctx = testContext();
    const run = await destroyStack(ctx, options());
    expect(run.type === 'destroyed' && run.leftovers.deletedVersions).toEqual([
      `${LMI}:1`,
      `${LMI}:2`,
      `${LMI}:3`,
    ]);
    expect(ctx.progress.text()).toContain(`Keeps LMI version ${LMI}:3 (Active) with its retained function`);
    expect(run.type === 'destroyed' && run.leftovers.leftInPlace).toContainEqual({
      what: `function ${LMI}`,
      why: 'DeletionPolicy: Retain on the function',
      command: `aws lambda delete-function --function-name ${LMI}`,
    });
  });

  it('fails DESTROY_INCOMPLETE when a function the stack deleted is still there', async () => {
    account({ survivor: true });
    const error = (await destroyStack(testContext(), options()).catch((e: unknown) => e)) as CutoverError;
    expect(error.code).toBe('DESTROY_INCOMPLETE');
    expect(error.message).toContain(`function ${TWIN} still exists with 1 published version(s)`);
  });

  it('has nothing to do for a stack that does not exist', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', `Stack with id ${STACK} does not exist`));
    const run = await destroyStack(testContext(), options());
    expect(run).toEqual({ type: 'no-stack', stackName: STACK });
    expect(writes()).toEqual([]);
  });
});

describe('readStageTraffic', () => {
  const source = { restApiId: API, stage: 'prod' };

  it('is unknown when another REST API shares the name and the count is not zero', async () => {
    apigw.on(GetRestApisCommand).resolves({
      items: [
        { id: API, name: 'lmi-cutover webhook' },
        { id: 'other1', name: 'lmi-cutover webhook' },
      ],
    });
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'requests', Values: [5], Timestamps: [new Date()], StatusCode: 'Complete' }],
    });
    const t = await readStageTraffic(testContext(), source, 24);
    expect(t.kind).toBe('unknown');
    expect(t.kind === 'unknown' && t.reason).toContain('1 other REST API(s) share that name (other1)');
    // Zero requests for the name proves zero for ours, shared or not.
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'requests', Values: [], StatusCode: 'Complete' }],
    });
    expect((await readStageTraffic(testContext(), source, 24)).kind).toBe('idle');
  });

  it('is unknown when CloudWatch is denied or returns partial data with no request in it', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: API, name: STACK }] });
    cw.on(GetMetricDataCommand).rejects(
      awsError('AccessDenied', 'User: x is not authorized to perform: cloudwatch:GetMetricData', 403),
    );
    const denied = await readStageTraffic(testContext(), source, 24);
    expect(denied).toEqual({
      kind: 'unknown',
      reason: 'CloudWatch could not be read: AWS denied cloudwatch:GetMetricData',
    });
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'requests', Values: [], StatusCode: 'PartialData' }],
    });
    expect((await readStageTraffic(testContext(), source, 24)).kind).toBe('unknown');
  });

  it('is gone when the REST API is no longer among the region’s', async () => {
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'someone-else', name: STACK }] });
    expect(await readStageTraffic(testContext(), source, 24)).toEqual({ kind: 'gone' });
    expect(cw.commandCalls(GetMetricDataCommand)).toEqual([]);
  });
});
