// The smoke checks against the workload's real handler behind a mocked Lambda, with its table
// in dynalite: the healthy workload passes all ten checks; a broken side fails with the
// request, the expectation and the answer; the secret comes from SSM and is masked.
import {
  WORKLOAD_SECRETS,
  routeInvocations,
  startWorkload,
  workloadOutputs,
  type WorkloadFixture,
} from './workload-lambda.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { CutoverError } from '../../src/core/errors.js';
import { assertSmokePassed, runSmokeChecks } from '../../src/pipeline/verify/smoke.js';
import { readSigningSecret } from '../../src/pipeline/webhook/secret.js';
import { newSigningSecret } from '../../src/pipeline/webhook/signature.js';
import { workloadStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import { awsError, fakeClock, testContext, type TestContext } from './support.js';

const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
let workload: WorkloadFixture;
let ctx: TestContext;

beforeAll(async () => {
  workload = await startWorkload();
});
afterAll(async () => {
  await workload.close();
});
beforeEach(() => {
  lambda.reset();
  ssm.reset();
  ctx = {
    ...testContext({ mode: 'verify', endpointUrl: workload.dynamo.endpoint }),
    clock: fakeClock(Date.now()),
  };
});

const deps = (runId: string) => ({
  stack: workloadStackFromOutputs('webhook-test', workloadOutputs(workload.tableName)),
  secrets: WORKLOAD_SECRETS,
  region: 'us-east-1',
  runId,
});

describe('runSmokeChecks', () => {
  it('passes every check on both sides of a healthy workload', async () => {
    const calls = routeInvocations(lambda, {
      'webhook-lmi:7': { handler: workload.lmi, version: '7' },
      'webhook-standard:3': { handler: workload.standard, version: '3' },
    });
    const result = await runSmokeChecks(ctx, deps('ok'));
    expect(result.checks.map((c) => [c.target, c.name, c.passed])).toEqual(
      ['lmi', 'standard'].flatMap((side) => [
        [side, 'health', true],
        [side, 'signed webhook is stored', true],
        [side, 'replay is a duplicate, stored once', true],
        [side, 'wrong signature is refused', true],
        [side, 'malformed body is refused', true],
      ]),
    );
    expect(result.passed).toBe(true);
    expect(() => assertSmokePassed(result)).not.toThrow();
    const lmiStored = result.checks[1]!;
    expect(lmiStored).toMatchObject({
      request: 'POST /webhooks webhook-id lmi-cutover.ok.smoke.lmi.1 (correctly signed)',
      expected: `201 stored by lambda-managed-instances with its own request id; one event in ${workload.tableName}`,
      actual: '201 stored',
    });
    // Both sides are invoked by the version this deploy published, each event like the stage's.
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set(['webhook-lmi:7', 'webhook-standard:3']));
    expect(calls[0]!.event).toMatchObject({
      httpMethod: 'GET',
      path: '/health',
      stageVariables: { liveFunction: 'webhook-lmi:7' },
      requestContext: { stage: 'prod', apiId: 'abc123', accountId: '123456789012' },
    });
    expect(ctx.progress.lines).toEqual([
      'LMI version webhook-lmi:7: 5/5 smoke checks passed',
      'Standard twin webhook-standard:3: 5/5 smoke checks passed',
    ]);
    expect(ctx.progress.codes).toEqual(['verify.smoke-side', 'verify.smoke-side']);
  });

  it('names the request, the expectation and the answer of each failed check, and stops the pipeline', async () => {
    // The LMI version verifies with another secret (a stale SSM value), the twin answers 500 to webhooks.
    const stale = await startWorkload({ secret: newSigningSecret() });
    try {
      routeInvocations(lambda, {
        'webhook-lmi:7': { handler: stale.lmi, version: '7' },
        'webhook-standard:3': {
          version: '3',
          handler: async (event, requestId) =>
            (event as { path: string }).path === '/health'
              ? workload.standard(event, requestId)
              : {
                  statusCode: 500,
                  body: JSON.stringify({ message: 'unexpected error', request_id: requestId }),
                },
        },
      });
      const result = await runSmokeChecks(ctx, deps('bad'));
      expect(result.passed).toBe(false);
      const failed = result.checks.filter((c) => !c.passed).map((c) => [c.target, c.name, c.actual]);
      expect(failed).toEqual([
        ['lmi', 'signed webhook is stored', '401 signature does not match any webhook-signature entry'],
        [
          'lmi',
          'replay is a duplicate, stored once',
          '401 signature does not match any webhook-signature entry',
        ],
        // A malformed body is refused either way, but by the signature check first: still 401, not 400.
        ['lmi', 'malformed body is refused', '401 signature does not match any webhook-signature entry'],
        ['standard', 'signed webhook is stored', '500 unexpected error'],
        ['standard', 'replay is a duplicate, stored once', '500 unexpected error'],
        ['standard', 'wrong signature is refused', '500 unexpected error'],
        ['standard', 'malformed body is refused', '500 unexpected error'],
      ]);
      let error: CutoverError | undefined;
      try {
        assertSmokePassed(result);
      } catch (e) {
        error = e as CutoverError;
      }
      expect(error?.code).toBe('SMOKE_FAILED');
      expect(error?.message).toBe(
        '7 of 10 smoke checks failed; the concurrency check and everything after it were not run.',
      );
      expect(error?.details[0]).toBe(
        '[LMI] signed webhook is stored: POST /webhooks webhook-id lmi-cutover.bad.smoke.lmi.1 (correctly signed) — ' +
          `expected 201 stored by lambda-managed-instances with its own request id; one event in ${workload.tableName}; got 401 signature does not match any webhook-signature entry`,
      );
    } finally {
      await stale.close();
    }
  });

  it('fails a side that answers with the wrong compute type or from another version', async () => {
    routeInvocations(lambda, {
      // The stack's LmiFunctionName points at the twin's code by mistake.
      'webhook-lmi:7': { handler: workload.standard, version: '7' },
      'webhook-standard:3': { handler: workload.standard, version: '3' },
    });
    const result = await runSmokeChecks(ctx, deps('ct'));
    const lmiFailures = result.checks.filter((c) => c.target === 'lmi' && !c.passed);
    expect(lmiFailures.map((c) => [c.name, c.actual])).toEqual([
      ['health', '200 with compute_type lambda-standard'],
      ['signed webhook is stored', '201 from compute_type lambda-standard'],
      ['replay is a duplicate, stored once', '200 from compute_type lambda-standard'],
    ]);
  });
});

describe('readSigningSecret', () => {
  const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

  it('reads the SecureString with decryption and masks it before anything can print it', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/p', Type: 'SecureString', Value: secret } });
    const secrets = await readSigningSecret(ctx, '/p');
    expect(secrets.keys).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0]!.args[0].input).toEqual({
      Name: '/p',
      WithDecryption: true,
    });
    // The value, and its key without the prefix (which alone is just as secret).
    expect(ctx.progress.masked).toEqual([secret, secret.slice('whsec_'.length)]);
  });

  it('reads every secret of a parameter in rotation, and masks each one alone', async () => {
    const next = newSigningSecret();
    const value = `${secret}\n${next}`;
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: value } });
    expect((await readSigningSecret(ctx, '/p')).keys).toHaveLength(2);
    expect(ctx.progress.masked).toEqual(expect.arrayContaining([value, secret, next]));
  });

  it('refuses a value that is not whsec_ secrets, saying how to make one, never quoting it', async () => {
    const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: hex } });
    const error = (await readSigningSecret(ctx, '/lmi-cutover/webhook-signing-secret').catch(
      (e: unknown) => e,
    )) as CutoverError;
    expect(error).toMatchObject({ code: 'SIGNING_SECRET_UNAVAILABLE' });
    expect(error.message).toContain(
      'does not hold webhook signing secrets in the Standard Webhooks format (one or more whitespace-separated whsec_<base64 of a 24-64 byte key>): secret 1 of 1 does not start with whsec_',
    );
    expect(error.message).toContain(
      'aws ssm put-parameter --type SecureString --overwrite --name /lmi-cutover/webhook-signing-secret --value "whsec_$(openssl rand -base64 32)"',
    );
    expect(error.message).not.toContain(hex);
    // Masked all the same: a value that fails to parse is still a secret.
    expect(ctx.progress.masked).toEqual([hex]);
  });

  it('says how to create a missing secret, and which permission a denial lacks', async () => {
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', 'not found'));
    await expect(readSigningSecret(ctx, '/lmi-cutover/webhook-signing-secret')).rejects.toMatchObject({
      code: 'SIGNING_SECRET_UNAVAILABLE',
      message: expect.stringContaining(
        'aws ssm put-parameter --type SecureString --name /lmi-cutover/webhook-signing-secret --value "whsec_$(openssl rand -base64 32)"',
      ),
    });
    ssm
      .on(GetParameterCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized to perform: ssm:GetParameter', 400));
    await expect(readSigningSecret(ctx, '/p')).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringMatching(
        /^AWS denied reading the signing secret \/p: .*Grant the deploy role ssm:GetParameter/,
      ),
    });
  });
});
