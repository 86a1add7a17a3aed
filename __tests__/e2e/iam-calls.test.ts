// The policies of docs/iam against real runs, evaluated by an IAM policy simulator: a `full` run
// (deploy, verify, cutover) of a staging stack and of the production stack, each on a local cloud
// that, like an account with these policies, refuses any role without the environment's
// permissions boundary. For each environment:
// - every call the action made is allowed by that environment's policy, on the resource it was
//   made on (qualified function ARNs, the stage with its tags, the stack, the secret …);
// - every request CloudFormation makes for the deployed stack is allowed, both on the deploy
//   role's behalf (aws:CalledVia) and as the CloudFormation service role of `role-arn`;
// - the other environment's policy refuses every one of those calls that names a resource;
// - every call the functions made is allowed by their execution role under the boundary;
// - then `lmi-cutover destroy` tears the stack down (with the override: the cutover's probes went
//   through the stage) and every call it made is allowed too.
// The public stage requests of the probes are nobody's IAM business and are left out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallRecord } from '../../emulator/index.js';
import { ENVIRONMENTS, type PolicyDocument } from '../../scripts/iam-policies.js';
import { destroyStack } from '../../src/pipeline/modes/destroy.js';
import { cloudFormationRequests } from '../support/cloudformation-calls.js';
import {
  ACCOUNT_ID,
  describeRequest,
  evaluate,
  notAllowed,
  VIA_CLOUDFORMATION,
  type IamRequest,
} from '../support/iam-evaluate.js';
import { namesOf, OTHER, policiesOf, STACK_OF } from '../support/iam-environments.js';
import { iamActionOf, requestsOfCall } from '../support/iam-policy.js';
import { expectSucceeded, startE2eCloud, type E2eCloud, type E2eRun } from './harness.js';

describe.each(ENVIRONMENTS)('a full run of the %s stack', (env) => {
  const stackName = STACK_OF[env];
  const { boundaryArn } = namesOf(env);
  let cloud: E2eCloud;
  let run: E2eRun;

  beforeAll(async () => {
    cloud = await startE2eCloud({
      secretParameterName: `/lmi-cutover/${env}/webhook-signing-secret`,
      emulator: { requiredPermissionsBoundary: boundaryArn },
    });
    run = await cloud.run({
      mode: 'full',
      stackName,
      parameters: { PerExecutionEnvironmentMaxConcurrency: '4', PermissionsBoundaryArn: boundaryArn },
      // Light: the run is here for the calls it makes, and each in-flight request to the standard
      // twin cold-starts an environment of its own.
      inputs: {
        concurrency: '4',
        'load-requests': '8',
        'cutover-steps': '50,100',
        'bake-seconds': '4',
        'probe-rate': '5',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  const policies = () => policiesOf(env, cloud.emulator.region, cloud.artifactBucket);
  const byAction = (calls: readonly CallRecord[]) => calls.filter((c) => c.service !== 'execute-api');

  it('succeeds with every role of the stack under the boundary', () => {
    expectSucceeded(run);
    const roles = [...cloud.emulator.state.iam.roles.values()];
    expect(roles.length).toBe(3);
    expect(roles.map((r) => r.permissionsBoundary)).toEqual([boundaryArn, boundaryArn, boundaryArn]);
  });

  it('makes only calls its policy allows, on the resources it makes them on', async () => {
    const actionKey = cloud.emulator.credentials.accessKeyId;
    const calls = byAction(run.calls).filter((c) => c.accessKeyId === actionKey);
    const made = new Set(calls.map((c) => iamActionOf(c.service, c.operation)));
    // The run did exercise deploy, verify and the shift.
    for (const a of [
      'cloudformation:CreateChangeSet',
      'cloudformation:ExecuteChangeSet',
      's3:PutObject',
      'lambda:GetFunctionConfiguration',
      'lambda:InvokeFunction',
      'lambda:AddPermission',
      'dynamodb:Query',
      'ssm:GetParameter',
      'apigateway:GET',
      'apigateway:PATCH',
    ]) {
      expect(made).toContain(a);
    }
    const requests = calls.flatMap(requestsOfCall);
    expect(await notAllowed({ identity: policies().policy }, requests)).toEqual([]);
  }, 60_000);

  it('is refused every one of those calls by the other environment’s policy, bar the account-wide ones', async () => {
    const actionKey = cloud.emulator.credentials.accessKeyId;
    const requests = byAction(run.calls)
      .filter((c) => c.accessKeyId === actionKey)
      .flatMap(requestsOfCall)
      // Reading metrics, and using the SAM transform, are not any stack's.
      .filter((r) => r.resource !== '*' && !r.resource.includes(':aws:transform/'));
    const other = policiesOf(OTHER[env], cloud.emulator.region, cloud.artifactBucket).policy;
    const allowed: string[] = [];
    for (const r of requests)
      if ((await evaluate({ identity: other }, r)) === 'Allowed') allowed.push(describeRequest(r));
    // What matters is which calls were checked, not how many polls the run happened to make.
    const checked = new Set(requests.map((r) => r.action));
    for (const a of [
      'cloudformation:CreateChangeSet',
      'cloudformation:ExecuteChangeSet',
      'lambda:InvokeFunction',
      'lambda:GetFunctionConfiguration',
      'ssm:GetParameter',
      'apigateway:PATCH',
    ]) {
      expect(checked).toContain(a);
    }
    expect(allowed).toEqual([]);
  }, 60_000);

  it('lets CloudFormation build and delete the stack, for the deploy role or as the service role', async () => {
    const requests = cloudFormationRequests(cloud.emulator.state, stackName, cloud.emulator.region);
    const { policy, cloudFormationRole } = policies();
    const onBehalf = requests.map((r) => ({ ...r, context: { ...r.context, ...VIA_CLOUDFORMATION } }));
    expect(await notAllowed({ identity: policy }, onBehalf)).toEqual([]);
    expect(await notAllowed({ identity: cloudFormationRole }, requests)).toEqual([]);
    // Every kind of resource the template creates was modelled.
    expect(new Set(requests.map((r) => r.action.split(':')[0]))).toEqual(
      new Set(['iam', 'lambda', 's3', 'dynamodb', 'apigateway']),
    );
  }, 60_000);

  it('lets the functions do what they did, under their execution roles and the boundary', async () => {
    const actionKey = cloud.emulator.credentials.accessKeyId;
    const calls = byAction(run.calls).filter((c) => c.accessKeyId !== actionKey);
    expect(new Set(calls.map((c) => iamActionOf(c.service, c.operation)))).toEqual(
      new Set(['dynamodb:PutItem', 'dynamodb:GetItem', 'ssm:GetParameter']),
    );
    const requests: IamRequest[] = calls.flatMap(requestsOfCall);
    const functionRoles = [...cloud.emulator.state.iam.roles.values()].filter((r) => r.policies.length > 0);
    expect(functionRoles).toHaveLength(2);
    for (const role of functionRoles) {
      const identity = {
        Version: '2012-10-17',
        Statement: role.policies.flatMap((p) => (p.PolicyDocument as PolicyDocument).Statement),
      } as PolicyDocument;
      expect(role.arn.startsWith(`arn:aws:iam::${ACCOUNT_ID}:role/${stackName}-`)).toBe(true);
      expect(await notAllowed({ identity, boundary: policies().boundary }, requests)).toEqual([]);
    }
  }, 60_000);

  // Last: it deletes the stack the tests above read.
  it('lets the role destroy the stack, and the other environment’s refuses what names its resources', async () => {
    const destroyed = await cloud.runStages({ stackName }, (ctx) =>
      destroyStack(ctx, {
        stackName,
        dryRun: false,
        iKnowItServesProduction: true,
        trafficWindowHours: 1,
        timeoutMinutes: 5,
        timing: { intervalMs: 50 },
      }),
    );
    expectSucceeded(destroyed);
    const actionKey = cloud.emulator.credentials.accessKeyId;
    const calls = byAction(destroyed.calls).filter((c) => c.accessKeyId === actionKey);
    const made = new Set(calls.map((c) => iamActionOf(c.service, c.operation)));
    for (const a of [
      'cloudformation:DeleteStack',
      'cloudformation:GetTemplate',
      'cloudformation:ListStackResources',
      'apigateway:GET',
      'cloudwatch:GetMetricData',
      'lambda:PutFunctionScalingConfig',
      'lambda:ListVersionsByFunction',
      'lambda:GetCapacityProvider',
    ]) {
      expect(made).toContain(a);
    }
    const requests = calls.flatMap(requestsOfCall);
    expect(await notAllowed({ identity: policies().policy }, requests)).toEqual([]);
    // Listing the region's REST API names, like reading metrics, is no stack's.
    const named = requests.filter((r) => r.resource !== '*' && !r.resource.endsWith('::/restapis'));
    const other = policiesOf(OTHER[env], cloud.emulator.region, cloud.artifactBucket).policy;
    const allowed: string[] = [];
    for (const r of named)
      if ((await evaluate({ identity: other }, r)) === 'Allowed') allowed.push(describeRequest(r));
    expect(allowed).toEqual([]);
  }, 120_000);
});
