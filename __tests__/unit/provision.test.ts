// Every path of the provisioning wait against a mocked Lambda API: states in sequence, the fake
// clock making twenty minutes of polling instant.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionVersionsByCapacityProviderCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { CutoverError } from '../../src/core/errors.js';
import { provisioningAdvice } from '../../src/pipeline/provision/advice.js';
import type { ProvisionObservation } from '../../src/core/domain.js';
import { waitForVersionActive } from '../../src/pipeline/provision/wait-for-version.js';
import { awsError, testContext, type TestContext } from './support.js';

const lambda = mockClient(LambdaClient);
const CP_ARN = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:webhook-cp';
const ref = { functionName: 'webhook-lmi', version: '7', capacityProviderArn: CP_ARN };

const config = (state: string, code?: string, reason?: string): FunctionConfiguration => ({
  FunctionName: 'webhook-lmi',
  Version: '7',
  State: state as FunctionConfiguration['State'],
  StateReasonCode: code as FunctionConfiguration['StateReasonCode'],
  StateReason: reason,
  MemorySize: 4096,
  Architectures: ['arm64'],
  Environment: { Variables: { SIGNING_SECRET_PARAMETER: '/lmi-cutover/webhook-signing-secret' } },
  CapacityProviderConfig: {
    LambdaManagedInstancesCapacityProviderConfig: {
      CapacityProviderArn: CP_ARN,
      PerExecutionEnvironmentMaxConcurrency: 32,
      ExecutionEnvironmentMemoryGiBPerVCpu: 2,
    },
  },
});

/** Answers each poll with the next configuration, then keeps answering the last. */
function states(...sequence: Array<FunctionConfiguration | Error>) {
  let i = 0;
  lambda.on(GetFunctionConfigurationCommand).callsFake(async () => {
    const next = sequence[Math.min(i++, sequence.length - 1)]!;
    if (next instanceof Error) throw next;
    return next;
  });
}

function capacityProvider(state = 'Active', versions = 3) {
  lambda
    .on(GetCapacityProviderCommand)
    .resolves({ CapacityProvider: { CapacityProviderArn: CP_ARN, State: state } } as never);
  lambda.on(ListFunctionVersionsByCapacityProviderCommand).resolves({
    CapacityProviderArn: CP_ARN,
    FunctionVersions: Array.from({ length: versions }, (_, i) => ({
      FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:webhook-lmi:${i + 5}`,
      State: i + 5 === 7 ? 'Pending' : 'Active',
    })),
  });
}

let ctx: TestContext;
beforeEach(() => {
  lambda.reset();
  ctx = testContext({ mode: 'verify', provisioningTimeoutMinutes: 20 });
  capacityProvider();
});

async function failure(promise: Promise<unknown>): Promise<CutoverError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(CutoverError);
    return e as CutoverError;
  }
  throw new Error('expected the wait to fail');
}

describe('waitForVersionActive', () => {
  it('confirms in one call when CloudFormation already waited, and says so', async () => {
    states(config('Active'));
    const result = await waitForVersionActive(ctx, ref, {
      timeoutMinutes: ctx.config.provisioningTimeoutMinutes,
    });
    expect(result).toMatchObject({
      type: 'active',
      version: '7',
      confirmedOnly: true,
      seconds: 0,
      capacityProviderState: 'Active',
      versionsOnCapacityProvider: 3,
      function: {
        memoryMb: 4096,
        architecture: 'arm64',
        maxConcurrency: 32,
        memoryGiBPerVCpu: 2,
        capacityProviderArn: CP_ARN,
      },
    });
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(1);
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)[0]!.args[0].input).toEqual({
      FunctionName: 'webhook-lmi',
      Qualifier: '7',
    });
    expect(lambda.commandCalls(GetCapacityProviderCommand)[0]!.args[0].input).toEqual({
      CapacityProviderName: 'webhook-cp',
    });
    // The versions on the capacity provider are listed once: the line and the result share it.
    expect(lambda.commandCalls(ListFunctionVersionsByCapacityProviderCommand)).toHaveLength(1);
    expect(ctx.progress.lines).toContain(
      'LMI version 7 of webhook-lmi is Active: CloudFormation already waited for it during the deployment; confirmed in one call.',
    );
    expect(ctx.clock.sleeps).toEqual([]);
    expect(ctx.progress.codes).toEqual([
      'provision.capacity-provider-versions',
      'provision.confirmed-active',
    ]);
  });

  it('waits through Pending, printing each state change and a line at least every 30 s', async () => {
    const pending = config('Pending', 'Creating', 'The function is being created.');
    // 10 s polls: 15 Pending answers is 2m30s, then Active.
    states(...Array.from({ length: 15 }, () => pending), config('Active'));
    const observed: ProvisionObservation[] = [];
    const result = await waitForVersionActive(ctx, ref, {
      timeoutMinutes: ctx.config.provisioningTimeoutMinutes,
      observe: (o) => observed.push(o),
    });
    expect(result.confirmedOnly).toBe(false);
    expect(result.seconds).toBe(150);
    expect(ctx.progress.lines).toEqual(
      expect.arrayContaining([
        'capacity provider webhook-cp: 3 function versions of 100 allowed; version 7 listed as Pending',
        'LMI version 7: Pending (Creating) 0s elapsed, capacity provider Active',
        'LMI version 7 of webhook-lmi is Active after 2m30s.',
      ]),
    );
    // The state change at once, then never more than 30 s of fake time without a line.
    expect(ctx.progress.lines.filter((l) => l.startsWith('LMI version 7: Pending'))).toEqual(
      ['0s', '30s', '1m00s', '1m30s', '2m00s'].map(
        (t) => `LMI version 7: Pending (Creating) ${t} elapsed, capacity provider Active`,
      ),
    );
    expect(observed.map((o) => o.state)).toEqual([...Array.from({ length: 15 }, () => 'Pending'), 'Active']);
    // One state change, then heartbeats, then Active.
    expect(ctx.progress.codes).toEqual([
      'provision.capacity-provider-versions',
      'provision.state-changed',
      ...Array.from({ length: 4 }, () => 'provision.waiting'),
      'provision.active',
    ]);
    expect(ctx.clock.sleeps.every((ms) => ms === 10_000)).toBe(true);
  });

  it('prints a line when the capacity provider changes state', async () => {
    let cp = 0;
    lambda.on(GetCapacityProviderCommand).callsFake(async () => ({
      CapacityProvider: { CapacityProviderArn: CP_ARN, State: cp++ < 2 ? 'Pending' : 'Active' },
    }));
    states(
      config('Pending', 'Creating'),
      config('Pending', 'Creating'),
      config('Pending', 'Creating'),
      config('Active'),
    );
    await waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes });
    expect(ctx.progress.lines.filter((l) => l.startsWith('LMI version 7: Pending'))).toEqual([
      'LMI version 7: Pending (Creating) 0s elapsed, capacity provider Pending',
      'LMI version 7: Pending (Creating) 20s elapsed, capacity provider Active',
    ]);
    expect(ctx.progress.codes.filter((c) => c === 'provision.state-changed')).toHaveLength(2);
  });

  it.each([
    ['InsufficientCapacity', /allow more instance types .*other Availability Zones/],
    ['VcpuLimitExceeded', /vCPU quota.*Service Quotas/],
    ['SubnetOutOfIPAddresses', /no free IP addresses/],
    ['CapacityProviderScalingLimitExceeded', /raise MaxVCpuCount/],
    ['FunctionError.InitTimeout', /init code did not finish/],
    ['FunctionError.SomethingNew', /fix the code outside the handler/],
  ])('ends at once on Failed with %s and what to do about it', async (code, advice) => {
    states(config('Pending', 'Creating'), config('Failed', code, `Lambda says ${code}.`));
    const e = await failure(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    );
    expect(e.code).toBe('PROVISIONING_FAILED');
    expect(e.message).toMatch(
      new RegExp(`^LMI version 7 of webhook-lmi failed to provision: ${code.replace('.', '\\.')}\\. `),
    );
    expect(e.message).toMatch(advice);
    expect(e.details).toEqual([`StateReason: Lambda says ${code}.`, `Capacity provider: ${CP_ARN} (Active)`]);
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(2);
  });

  it('fails red at the deadline with the last state, never green', async () => {
    ctx = testContext({ provisioningTimeoutMinutes: 2 });
    capacityProvider();
    states(config('Pending', 'Creating', 'The function is being created.'));
    const e = await failure(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    );
    expect(e.code).toBe('PROVISIONING_TIMEOUT');
    expect(e.message).toMatch(
      /^LMI version 7 of webhook-lmi is still Pending \(Creating\) after 2m00s \(provisioning-timeout-minutes: 2\)\. .*raise provisioning-timeout-minutes/,
    );
    expect(e.details).toEqual(['StateReason: The function is being created.']);
    expect(ctx.clock.now() - Date.UTC(2025, 0, 2, 3, 4, 5)).toBe(120_000);
  });

  it('names the permission an AccessDenied is about: from the message, or from the operation', async () => {
    states(
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: lambda:GetFunctionConfiguration on resource: arn:aws:lambda:us-east-1:123456789012:function:webhook-lmi:7',
        403,
      ),
    );
    const denied = await failure(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    );
    expect(denied.code).toBe('ACCESS_DENIED');
    expect(denied.message).toMatch(/^AWS denied lambda:GetFunctionConfiguration on webhook-lmi:7\. Grant/);
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(1);

    lambda.reset();
    states(config('Pending', 'Creating'));
    lambda.on(GetCapacityProviderCommand).rejects(awsError('AccessDeniedException', 'Access denied', 403));
    const cp = await failure(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    );
    expect(cp.message).toMatch(
      /^AWS denied lambda:GetCapacityProvider on arn:aws:lambda:.*capacity-provider:webhook-cp\./,
    );
  });

  it('backs off while throttled and retries transient errors, then carries on', async () => {
    states(
      awsError('TooManyRequestsException', 'Rate exceeded', 429),
      awsError('TooManyRequestsException', 'Rate exceeded', 429),
      awsError('ServiceException', 'Internal error', 500),
      config('Pending', 'Creating'),
      config('Active'),
    );
    const result = await waitForVersionActive(ctx, ref, {
      timeoutMinutes: ctx.config.provisioningTimeoutMinutes,
    });
    expect(result.state).toBe('Active');
    expect(ctx.clock.sleeps).toEqual([20_000, 40_000, 10_000, 10_000]);
    expect(ctx.progress.warnings).toEqual([
      'AWS is throttling the state of LMI version 7; polling every 20s until it eases.',
      'Reading the state of LMI version 7 failed (ServiceException: Internal error); trying again (1 of 4 retries).',
    ]);
    expect(ctx.progress.codes.filter((c) => c.startsWith('poll.') || c === 'provision.read-retry')).toEqual([
      'poll.throttled',
      'provision.read-retry',
    ]);
  });

  it('gives up after repeated transient errors, and at once on other errors', async () => {
    states(awsError('ServiceException', 'Internal error', 500));
    await expect(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    ).rejects.toMatchObject({ name: 'ServiceException' });
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(5);

    lambda.reset();
    capacityProvider();
    states(awsError('ResourceNotFoundException', 'Function not found: webhook-lmi:7', 404));
    const missing = await failure(
      waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
    );
    expect(missing.message).toMatch(/^Version 7 of webhook-lmi does not exist/);
  });

  it('refuses a function that is not on a capacity provider, and versions that cannot serve', async () => {
    states({ ...config('Active'), CapacityProviderConfig: undefined });
    expect(
      (
        await failure(
          waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
        )
      ).message,
    ).toMatch(/^webhook-lmi is not a Lambda Managed Instances function/);
    lambda.reset();
    capacityProvider();
    states(config('ActiveNonInvocable'));
    expect(
      (
        await failure(
          waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
        )
      ).message,
    ).toMatch(/is ActiveNonInvocable, not Active: .*PutFunctionScalingConfig/);
    lambda.reset();
    capacityProvider('Failed');
    states(config('Pending', 'Creating'));
    expect(
      (
        await failure(
          waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes }),
        )
      ).message,
    ).toMatch(/capacity provider .* is Failed/);
  });

  it('warns at 80 of the 100 versions a capacity provider may hold', async () => {
    capacityProvider('Active', 82);
    states(config('Active'));
    await waitForVersionActive(ctx, ref, { timeoutMinutes: ctx.config.provisioningTimeoutMinutes });
    expect(ctx.progress.warnings).toEqual([
      'capacity provider webhook-cp holds 82 of its 100 function versions (a limit that cannot be raised): delete versions no alias uses before publishing more.',
    ]);
    expect(ctx.progress.codes).toContain('provision.capacity-provider-near-limit');
  });
});

describe('provisioningAdvice', () => {
  it('has a sentence for every failure code the brief names', () => {
    for (const code of [
      'InsufficientCapacity',
      'VcpuLimitExceeded',
      'InvalidSubnet',
      'SubnetOutOfIPAddresses',
      'CapacityProviderScalingLimitExceeded',
      'InvalidSecurityGroup',
      'EniLimitExceeded',
      'InsufficientRolePermissions',
      'FunctionError',
    ]) {
      expect(provisioningAdvice(code)).not.toMatch(/Look up/);
    }
    expect(provisioningAdvice('Brand.New')).toBe(
      'Look up Brand.New in the Lambda documentation for StateReasonCode.',
    );
    expect(provisioningAdvice(undefined)).toMatch(/gave no reason code/);
  });
});
