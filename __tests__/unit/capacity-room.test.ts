// The capacity check before a deploy publishes a candidate: the vCPUs the capacity provider's
// versions hold (applied minimum × memory ÷ GiB per vCPU, as Lambda sizes an environment) plus
// the candidate's minimum must fit under MaxVCpuCount, or the deploy stops with the numbers.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  LambdaClient,
  ListFunctionVersionsByCapacityProviderCommand,
  type State,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { checkCapacityRoom } from '../../src/pipeline/provision/capacity-room.js';
import { CutoverError } from '../../src/core/errors.js';
import { awsError, testContext } from './support.js';

const lambda = mockClient(LambdaClient);
const FN = 'webhook-lmi-fn';
const CP_NAME = 'webhook-cp';
const CP = `arn:aws:lambda:us-east-1:123456789012:capacity-provider:${CP_NAME}`;
const arnOf = (v: string) => `arn:aws:lambda:us-east-1:123456789012:function:${FN}:${v}`;

/** Versions with their state and applied minimum; every one 4096 MB at 2 GiB per vCPU (2 vCPUs). */
/** Mocks the provider and its versions; returns the listing the version-quota check would pass on. */
function provider(max: number, versions: { v: string; state: string; min: number }[]) {
  lambda.on(GetCapacityProviderCommand).resolves({
    CapacityProvider: {
      CapacityProviderArn: CP,
      State: 'Active',
      CapacityProviderScalingConfig: { MaxVCpuCount: max },
    },
  } as never);
  const sizing = {
    MemorySize: 4096,
    CapacityProviderConfig: {
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn: CP,
        ExecutionEnvironmentMemoryGiBPerVCpu: 2,
      },
    },
  };
  lambda.on(GetFunctionConfigurationCommand).callsFake((input: { Qualifier?: string }) => ({
    ...sizing,
    State: input.Qualifier ? versions.find((x) => x.v === input.Qualifier)?.state : 'ActiveNonInvocable',
  }));
  lambda.on(GetFunctionScalingConfigCommand).callsFake((input: { Qualifier?: string }) => {
    const min = versions.find((x) => x.v === input.Qualifier)!.min;
    return { AppliedFunctionScalingConfig: { MinExecutionEnvironments: min, MaxExecutionEnvironments: min } };
  });
  return versions.map((x) => ({ FunctionArn: arnOf(x.v), State: x.state as State }));
}

beforeEach(() => {
  lambda.reset();
});

describe('checkCapacityRoom', () => {
  it('adds what the versions hold and the candidate needs, skipping versions that hold nothing', async () => {
    const versions = provider(30, [
      { v: '1', state: 'Active', min: 3 },
      { v: '2', state: 'Active', min: 0 },
      { v: '3', state: 'Failed', min: 3 },
      { v: '4', state: 'Active', min: 3 },
    ]);
    const ctx = testContext();
    const room = await checkCapacityRoom(ctx, {
      capacityProviderArn: CP,
      versions,
      lmiFunctionName: FN,
      candidateMinEnvironments: 3,
    });
    expect(room).toMatchObject({ maxVCpuCount: 30, heldVCpus: 12, candidateVCpus: 6 });
    // The version listed Failed is not read at all; the listing is the caller's, not fetched again.
    expect(
      lambda.commandCalls(GetFunctionScalingConfigCommand).map((c) => c.args[0].input.Qualifier),
    ).toEqual(['1', '2', '4']);
    expect(
      lambda.commandCalls(GetFunctionConfigurationCommand).map((c) => c.args[0].input.Qualifier),
    ).toEqual(['1', '2', '4', undefined]);
    expect(lambda.commandCalls(ListFunctionVersionsByCapacityProviderCommand)).toEqual([]);
    expect(ctx.progress.codes).toContain('provision.capacity-room');
  });

  it('refuses a candidate that would not fit, with the numbers, before anything is deployed', async () => {
    const versions = provider(15, [
      { v: '1', state: 'Active', min: 3 },
      { v: '2', state: 'Pending', min: 2 },
    ]);
    const error = await checkCapacityRoom(testContext(), {
      capacityProviderArn: CP,
      versions,
      lmiFunctionName: FN,
      candidateMinEnvironments: 3,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CutoverError);
    expect((error as CutoverError).code).toBe('CAPACITY_TOO_SMALL');
    expect((error as CutoverError).message).toContain('allows 15 vCPUs');
    expect((error as CutoverError).message).toContain('hold 10 and the candidate needs 6 more');
    expect((error as CutoverError).details).toEqual([`Held now: ${FN}:1: 3 × 2, ${FN}:2: 2 × 2`]);
  });

  it('exactly full still fits', async () => {
    const versions = provider(12, [{ v: '1', state: 'Active', min: 3 }]);
    await expect(
      checkCapacityRoom(testContext(), {
        capacityProviderArn: CP,
        versions,
        lmiFunctionName: FN,
        candidateMinEnvironments: 3,
      }),
    ).resolves.toMatchObject({ heldVCpus: 6, candidateVCpus: 6 });
  });

  it('goes on with a warning when the provider cannot be measured', async () => {
    lambda.on(GetCapacityProviderCommand).rejects(awsError('ResourceNotFoundException', 'not found', 404));
    const ctx = testContext();
    await expect(
      checkCapacityRoom(ctx, {
        capacityProviderArn: CP,
        versions: [{ FunctionArn: arnOf('1'), State: 'Active' as State }],
        lmiFunctionName: FN,
        candidateMinEnvironments: 3,
      }),
    ).resolves.toBeUndefined();
    expect(ctx.progress.codes).toContain('provision.capacity-room-unknown');
  });
});
