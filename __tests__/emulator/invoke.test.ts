// Lambda Invoke through the real SDK against an emulator that runs code: invocation types,
// qualifiers and alias weights, function errors and log tails, Lambda's errors (unknown
// function or qualifier, Pending, Failed and $LATEST of an LMI function, oversized payloads,
// throttles), the per-version counters, and no worker thread left after deletes and stop.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateAliasCommand,
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import type { Emulator } from '../../emulator/index.js';
import { liveWorkerCount } from '../../emulator/runtime/index.js';
import { ROLE, clientConfig, errorOf, startTestEmulator, waitFor, zipOf } from './helpers.js';

/** Echoes the event and says which version ran; `fail`, `sleepMs` and `exit` steer it. */
const HANDLER = (marker: string) => `
export const handler = async (event, context) => {
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  if (event.fail) throw new TypeError(event.fail);
  console.log('handled', JSON.stringify(event));
  return { marker: '${marker}', event, version: context.functionVersion, arn: context.invokedFunctionArn };
};
`;
const codeZip = (marker: string) => zipOf({ 'index.mjs': HANDLER(marker) });

let emu: Emulator;
let lambda: LambdaClient;

const payloadOf = (r: InvokeCommandOutput) => JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8'));
const invoke = (FunctionName: string, event: unknown = {}, extra: Partial<InvokeCommand['input']> = {}) =>
  lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(event)), ...extra }));

beforeAll(async () => {
  emu = await startTestEmulator({ runCode: { accountConcurrencyLimit: 4 } });
  lambda = new LambdaClient(clientConfig(emu));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'std',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: await codeZip('v1') },
    }),
  );
});

afterAll(async () => {
  lambda.destroy();
  await emu.stop();
  // Every execution environment the suite started is gone with the emulator.
  expect(liveWorkerCount()).toBe(0);
});

describe('Invoke of a standard function', () => {
  it('runs RequestResponse: payload, StatusCode 200, ExecutedVersion, the log tail with REPORT', async () => {
    const r = await invoke('std', { hello: 'world' }, { LogType: 'Tail' });
    expect(r.StatusCode).toBe(200);
    expect(r.ExecutedVersion).toBe('$LATEST');
    expect(r.FunctionError).toBeUndefined();
    expect(payloadOf(r)).toEqual({
      marker: 'v1',
      event: { hello: 'world' },
      version: '$LATEST',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:std',
    });
    const tail = Buffer.from(r.LogResult!, 'base64').toString('utf8');
    expect(tail).toContain('handled {"hello":"world"}');
    expect(tail).toMatch(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB/,
    );
    expect(tail).toContain('Init Duration:'); // the first invocation cold-started
    expect(r.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tail).toContain(`START RequestId: ${r.$metadata.requestId}`);
  });

  it('answers a handler error as Lambda does: 200, X-Amz-Function-Error Unhandled, the error payload', async () => {
    const r = await invoke('std', { fail: 'bad input' });
    expect(r.StatusCode).toBe(200);
    expect(r.FunctionError).toBe('Unhandled');
    expect(payloadOf(r)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('queues Event invocations (202) and validates DryRun (204) without running it', async () => {
    const before = emu.runtimeCounters('std', '$LATEST')!.invocations;
    const dry = await invoke('std', {}, { InvocationType: 'DryRun' });
    expect(dry.StatusCode).toBe(204);
    const queued = await invoke('std', { async: true }, { InvocationType: 'Event' });
    expect(queued.StatusCode).toBe(202);
    expect(queued.Payload?.length ?? 0).toBe(0);
    await waitFor(() =>
      emu.runtimeCounters('std', '$LATEST')!.invocations === before + 1 ? true : undefined,
    );
    const missing = await errorOf(invoke('nope', {}, { InvocationType: 'DryRun' }));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('accepts the function as a name, name:qualifier, a partial ARN and a full ARN', async () => {
    for (const name of [
      'std:$LATEST',
      '000000000000:function:std',
      'arn:aws:lambda:us-east-1:000000000000:function:std',
      'arn:aws:lambda:us-east-1:000000000000:function:std:$LATEST',
    ]) {
      const r = await invoke(name);
      expect([name, r.ExecutedVersion]).toEqual([name, '$LATEST']);
    }
  });

  it('answers unknown functions and qualifiers with ResourceNotFoundException', async () => {
    const fn = await errorOf(invoke('nope'));
    expect(fn.name).toBe('ResourceNotFoundException');
    expect(fn.$metadata?.httpStatusCode).toBe(404);
    expect(fn.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
    const version = await errorOf(invoke('std', {}, { Qualifier: '42' }));
    expect(version.name).toBe('ResourceNotFoundException');
    expect(version.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:std:42');
  });

  it('refuses payloads over Lambda’s quotas (6 MB synchronous, 1 MB Event) with 413', async () => {
    const big = { blob: 'x'.repeat(6 * 1024 * 1024) };
    const sync = await errorOf(invoke('std', big));
    expect(sync.name).toBe('RequestEntityTooLargeException');
    expect(sync.$metadata?.httpStatusCode).toBe(413);
    expect(sync.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
    const event = await errorOf(
      invoke('std', { blob: 'x'.repeat(1024 * 1024) }, { InvocationType: 'Event' }),
    );
    expect(event.name).toBe('RequestEntityTooLargeException');
    expect(event.message).toMatch(
      /^\d+ byte payload is too large for the Event invocation type \(limit 1048576 bytes\)$/,
    );
  });

  it('throttles beyond the account concurrency with TooManyRequestsException and its Reason', async () => {
    const calls = Array.from({ length: 5 }, () => invoke('std', { sleepMs: 600 }).catch((e: unknown) => e));
    const settled = await Promise.all(calls);
    const throttled = settled.filter((r) => r instanceof Error) as (Error & {
      Reason?: string;
      $metadata?: { httpStatusCode?: number };
    })[];
    expect(throttled).toHaveLength(1); // 5 in flight, account limit 4
    expect(throttled[0]!.name).toBe('TooManyRequestsException');
    expect(throttled[0]!.Reason).toBe('ConcurrentInvocationLimitExceeded');
    expect(throttled[0]!.$metadata?.httpStatusCode).toBe(429);
    expect(emu.runtimeCounters('std', '$LATEST')!.throttles).toBe(1);
  });

  it('routes an alias by its weights and reports the version that ran', async () => {
    await lambda.send(new PublishVersionCommand({ FunctionName: 'std' }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'std', ZipFile: await codeZip('v2') }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'std' }));
    await lambda.send(
      new CreateAliasCommand({
        FunctionName: 'std',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
      }),
    );
    const seen: Record<string, number> = {};
    for (let i = 0; i < 120; i++) {
      const r = await invoke('std', {}, { Qualifier: 'live' });
      const body = payloadOf(r);
      expect(body.marker).toBe(r.ExecutedVersion === '1' ? 'v1' : 'v2');
      expect(body.arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:std:live');
      seen[r.ExecutedVersion!] = (seen[r.ExecutedVersion!] ?? 0) + 1;
    }
    // Binomial(120, 0.5): each side far above 25 unless the weights are ignored.
    expect(seen['1']).toBeGreaterThan(25);
    expect(seen['2']).toBeGreaterThan(25);
    expect(emu.runtimeCounters('std', '1')!.invocations + emu.runtimeCounters('std', '2')!.invocations).toBe(
      120,
    );
  });
});

describe('Invoke of a Lambda Managed Instances function', () => {
  let cpArn: string;

  beforeAll(async () => {
    await lambda.send(
      new CreateCapacityProviderCommand({
        CapacityProviderName: 'cp',
        VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        InstanceRequirements: { Architectures: ['arm64'] },
        CapacityProviderScalingConfig: { MaxVCpuCount: 24, ScalingMode: 'Auto' },
      }),
    );
    cpArn = await waitFor(async () => {
      const r = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp' }));
      return r.CapacityProvider?.State === 'Active' ? r.CapacityProvider.CapacityProviderArn : undefined;
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'lmi',
        Runtime: 'nodejs24.x',
        Role: ROLE,
        Handler: 'index.handler',
        MemorySize: 2048,
        Architectures: ['arm64'],
        Code: { ZipFile: await codeZip('lmi') },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: cpArn,
            PerExecutionEnvironmentMaxConcurrency: 4,
            ExecutionEnvironmentMemoryGiBPerVCpu: 2,
          },
        },
      }),
    );
  });

  const state = async (q: string) =>
    (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'lmi', Qualifier: q }))).State;

  it('refuses a Pending version with ResourceConflictException, then runs it once Active', async () => {
    emu.faults.provisioning({ functionName: 'lmi', durationMs: 1500 });
    const v = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi' }));
    expect(v.State).toBe('Pending');
    const pending = await errorOf(invoke('lmi', {}, { Qualifier: v.Version }));
    expect(pending.name).toBe('ResourceConflictException');
    expect(pending.$metadata?.httpStatusCode).toBe(409);
    expect(pending.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
    await waitFor(async () => ((await state(v.Version!)) === 'Active' ? true : undefined));
    // The environments started while Pending: 3 of them, none cold-started by a request.
    expect(emu.runtimeCounters('lmi', v.Version!)).toMatchObject({
      environments: 3,
      coldStarts: 0,
      invocations: 0,
    });
    const r = await invoke('lmi', { n: 1 }, { Qualifier: v.Version, LogType: 'Tail' });
    expect(r.ExecutedVersion).toBe('1');
    expect(payloadOf(r)).toMatchObject({ marker: 'lmi', version: '1' });
    expect(Buffer.from(r.LogResult!, 'base64').toString('utf8')).not.toContain('Init Duration');
  });

  it('throttles when every environment is full, with no cold start for the request', async () => {
    emu.faults.invocations({ functionName: 'lmi', version: '1', latencyMs: 800 });
    const held = Array.from({ length: 12 }, () => invoke('lmi', {}, { Qualifier: '1' }));
    await waitFor(() => (emu.runtimeCounters('lmi', '1')!.inFlight === 12 ? true : undefined));
    const over = await errorOf(invoke('lmi', {}, { Qualifier: '1' }));
    expect(over.name).toBe('TooManyRequestsException');
    expect((over as { Reason?: string }).Reason).toBe('ConcurrentInvocationLimitExceeded');
    await Promise.all(held);
    emu.faults.invocations({ functionName: 'lmi', version: '1' });
    const c = emu.runtimeCounters('lmi', '1')!;
    expect(Object.values(c.peakInFlightByEnvironment).filter((n) => n === 4)).toHaveLength(3);
    expect(c.throttles).toBe(1);
    expect(c.coldStarts).toBe(0);
  });

  it('refuses $LATEST (ActiveNonInvocable) and an unqualified call (no $LATEST.PUBLISHED)', async () => {
    const latest = await errorOf(invoke('lmi', {}, { Qualifier: '$LATEST' }));
    expect(latest.name).toBe('ResourceConflictException');
    expect(latest.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: ActiveNonInvocable',
    );
    const unqualified = await errorOf(invoke('lmi'));
    expect(unqualified.name).toBe('NoPublishedVersionException');
    expect(unqualified.message).toBe('The function has no published versions available.');
  });

  it('refuses a Failed version: capacity failure, and code that cannot initialize', async () => {
    emu.faults.provisioning({ functionName: 'lmi', failWith: 'InsufficientCapacity' });
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'lmi', ZipFile: await codeZip('lmi-2') }),
    );
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi' }));
    await waitFor(async () => ((await state(v2.Version!)) === 'Failed' ? true : undefined));
    const failed = await errorOf(invoke('lmi', {}, { Qualifier: v2.Version }));
    expect(failed.name).toBe('ResourceConflictException');
    expect(failed.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Failed',
    );

    const broken = await zipOf({
      'index.mjs': 'throw new Error("no config");\nexport const handler = async () => 1;\n',
    });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'lmi', ZipFile: broken }));
    const v3 = await lambda.send(new PublishVersionCommand({ FunctionName: 'lmi' }));
    const cfg = await waitFor(async () => {
      const c = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: 'lmi', Qualifier: v3.Version }),
      );
      return c.State === 'Failed' ? c : undefined;
    });
    expect(cfg.StateReasonCode).toBe('FunctionError.RuntimeInitError');
    expect(cfg.StateReason).toContain('no config');
    expect(emu.runtimeCounters('lmi', v3.Version!)).toBeUndefined(); // its workers were stopped
  });

  it('stops a version’s environments when it is deleted, and the function’s with it', async () => {
    const before = liveWorkerCount();
    const started = emu.runtimeCounters('lmi', '1')!.environmentsStarted!; // 3, or 4 after the scale-up
    expect(started).toBeGreaterThanOrEqual(3);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'lmi', Qualifier: '1' }));
    await waitFor(() => (liveWorkerCount() === before - started ? true : undefined));
    expect(emu.runtimeCounters('lmi', '1')).toBeUndefined();
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'std' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'lmi' }));
    await waitFor(() => (liveWorkerCount() === 0 ? true : undefined));
  });
});
