// `lmi-cutover destroy` end to end: the CLI against the local cloud, on stacks the real pipeline
// deployed. An idle stack goes with every version its functions held (the LMI version a second
// deploy left outside the stack included), each scaled to 0/0 first; a stage that served a
// request is refused until --i-know-it-serves-production; termination protection is refused
// whatever the flags, with the command that lifts it; DELETE_FAILED fails with the resource's
// reason, and a second destroy finishes the job.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import { LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { releaseCopy, type ReleaseCopy } from '../../scripts/demo/releases.js';
import { runCli } from '../../src/cli/program.js';
import { errorOf } from '../emulator/helpers.js';
import {
  REPO_ROOT,
  expectSucceeded,
  signedPostToStage,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
} from './harness.js';

let cloud: E2eCloud;
let cfn: CloudFormationClient;
let lambda: LambdaClient;
const copies: ReleaseCopy[] = [];

beforeAll(async () => {
  cloud = await startE2eCloud();
  const settings = {
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  };
  cfn = new CloudFormationClient(settings);
  lambda = new LambdaClient(settings);
}, 60_000);

afterAll(async () => {
  cfn?.destroy();
  lambda?.destroy();
  for (const c of copies) await c.remove();
  await cloud?.stop();
});

/** `lmi-cutover destroy --stack-name <name> …` against the local cloud, polling it fast. */
async function destroy(stackName: string, ...flags: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [
      'destroy',
      '--stack-name',
      stackName,
      '--region',
      cloud.emulator.region,
      '--endpoint-url',
      cloud.emulator.endpoint,
      ...flags,
    ],
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: {},
      cwd: REPO_ROOT,
      destroyTiming: { timing: { intervalMs: 50, maxIntervalMs: 500, heartbeatMs: 30_000 } },
    },
  );
  return { code, stdout, stderr };
}

async function deploy(stackName: string, inputs: Record<string, string> = {}, template?: string) {
  const run = await cloud.run({ mode: 'deploy', stackName, inputs, ...(template ? { template } : {}) });
  expectSucceeded(run);
  return stackOutputs(run);
}

const stackStatus = async (name: string): Promise<string | undefined> => {
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
  } catch (e) {
    if (/does not exist/.test((e as Error).message)) return undefined;
    throw e;
  }
};

const versionsOf = async (fn: string) =>
  (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn }))).Versions?.map(
    (v) => v.Version,
  );

/** Operations of the calls since `from`, in order. */
const operationsSince = (from: number) => cloud.emulator.calls.slice(from).map((c) => c.operation);

describe('lmi-cutover destroy', () => {
  it('lists, then deletes an idle stack and every version its functions held, scaled to 0/0 first', async () => {
    const out = await deploy('destroy-idle-e2e');
    const copy = await releaseCopy(REPO_ROOT, 'change', 'destroy e2e');
    copies.push(copy);
    await deploy('destroy-idle-e2e', {}, copy.template);
    const lmi = out.LmiFunctionName!;
    const twin = out.StandardFunctionName!;
    // The second deploy left LMI v1 outside the stack (VersionDeletionPolicy: Retain), still Active.
    expect(await versionsOf(lmi)).toEqual(['$LATEST', '1', '2']);

    const before = cloud.emulator.calls.length;
    const dry = await destroy('destroy-idle-e2e', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(`Would delete AWS::Lambda::Function ${lmi} \\(WebhookLmiFunction\\)`),
    );
    expect(dry.stdout).toContain(`Would delete LMI version ${lmi}:1 (Active) with its function`);
    expect(dry.stdout).toContain(`Would delete LMI version ${lmi}:2 (Active) with its function`);
    expect(dry.stdout).toMatch(
      /Would delete AWS::Lambda::Version \S+ \(WebhookLmiFunctionVersion\w+\): retained by the template, but it goes with function/,
    );
    expect(dry.stdout).toContain('(API name "destroy-idle-e2e"): 0 request(s) in the last 168 h');
    expect(dry.stdout).toContain('Dry run: destroy would delete stack destroy-idle-e2e');
    // A dry run changes nothing.
    expect(operationsSince(before)).not.toContain('DeleteStack');
    expect(operationsSince(before)).not.toContain('PutFunctionScalingConfig');
    expect(await stackStatus('destroy-idle-e2e')).toBe('UPDATE_COMPLETE');

    const from = cloud.emulator.calls.length;
    const real = await destroy('destroy-idle-e2e');
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(`Scaled ${lmi}:2 to 0/0 (was Active)`);
    expect(real.stdout).toContain(`Scaled ${lmi}:1 to 0/0 (was Active)`);
    expect(real.stdout).toContain('Released the execution environments of 2 LMI version(s)');
    expect(real.stdout).toContain('Stack destroy-idle-e2e is DELETE_COMPLETE');
    expect(real.stdout).toContain(`Gone: LMI function ${lmi} and its 2 published version(s) (2, 1).`);
    expect(real.stdout).toContain(`Gone: function ${twin} and its 2 published version(s) (2, 1).`);
    expect(real.stdout).toMatch(/Gone: capacity provider destroy-idle-e2e-WebhookCapacityProvider/);
    expect(real.stdout).toContain(`aws logs delete-log-group --log-group-name /aws/lambda/${lmi}`);
    // The environments were released before CloudFormation was asked to delete anything.
    const ops = operationsSince(from);
    expect(ops.lastIndexOf('PutFunctionScalingConfig')).toBeLessThan(ops.indexOf('DeleteStack'));

    // Proven from AWS's side: no stack, no function, no version, no capacity provider left.
    expect(await stackStatus('destroy-idle-e2e')).toBeUndefined();
    for (const fn of [lmi, twin])
      expect((await errorOf(versionsOf(fn))).name).toBe('ResourceNotFoundException');
    const state = cloud.emulator.state.lambda;
    expect([...state.functions.keys()].filter((n) => n.startsWith('destroy-idle-e2e-'))).toEqual([]);
    expect([...state.capacityProviders.keys()].filter((n) => n.startsWith('destroy-idle-e2e-'))).toEqual([]);

    // Again: nothing to delete is a success.
    const again = await destroy('destroy-idle-e2e');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Stack destroy-idle-e2e does not exist');
  }, 240_000);

  it('refuses a stack whose stage served a request, and deletes it only with --i-know-it-serves-production', async () => {
    const out = await deploy('destroy-busy-e2e');
    const answer = await signedPostToStage(cloud, out.ApiUrl!);
    expect(answer.kind === 'answered' && answer.answer.statusCode).toBe(201);

    const from = cloud.emulator.calls.length;
    const refused = await destroy('destroy-busy-e2e');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '[DESTROY_REFUSED] Stack destroy-busy-e2e is not deleted. It serves production traffic:',
    );
    expect(refused.stderr).toContain(
      `stage prod of REST API ${out.RestApiId} served 1 request(s) in the last 168 h`,
    );
    expect(refused.stderr).toContain('add --i-know-it-serves-production');
    expect(operationsSince(from)).not.toContain('DeleteStack');
    expect(operationsSince(from)).not.toContain('PutFunctionScalingConfig');
    expect(await stackStatus('destroy-busy-e2e')).toBe('CREATE_COMPLETE');

    const dry = await destroy('destroy-busy-e2e', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Dry run: destroy would REFUSE to delete stack destroy-busy-e2e.');

    const forced = await destroy('destroy-busy-e2e', '--i-know-it-serves-production');
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('It serves production traffic');
    expect(forced.stderr).toContain('Deleting it anyway: --i-know-it-serves-production given');
    expect(await stackStatus('destroy-busy-e2e')).toBeUndefined();
  }, 240_000);

  it('refuses a stack with termination protection whatever the flags, printing the command that lifts it', async () => {
    await deploy('destroy-guarded-e2e', { 'termination-protection': 'true' });
    const refused = await destroy('destroy-guarded-e2e', '--i-know-it-serves-production');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '[DESTROY_REFUSED] Stack destroy-guarded-e2e has termination protection on',
    );
    expect(refused.stderr).toContain(
      'aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name destroy-guarded-e2e',
    );
    expect(await stackStatus('destroy-guarded-e2e')).toBe('CREATE_COMPLETE');

    await cfn.send(
      new UpdateTerminationProtectionCommand({
        StackName: 'destroy-guarded-e2e',
        EnableTerminationProtection: false,
      }),
    );
    expect((await destroy('destroy-guarded-e2e')).code).toBe(0);
    expect(await stackStatus('destroy-guarded-e2e')).toBeUndefined();
  }, 240_000);

  it('fails loudly on DELETE_FAILED with the resource and its reason; a second destroy finishes', async () => {
    await deploy('destroy-stuck-e2e');
    cloud.emulator.faults.failResource({
      logicalResourceId: 'WebhookEventsTable',
      action: 'Delete',
      message: 'Table is being backed up',
    });
    const failed = await destroy('destroy-stuck-e2e');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      '[STACK_DELETE_FAILED] Deleting stack destroy-stuck-e2e failed: it is DELETE_FAILED',
    );
    expect(failed.stderr).toMatch(
      /WebhookEventsTable \(AWS::DynamoDB::Table\) DELETE_FAILED: .*Table is being backed up/,
    );
    expect(failed.stdout).not.toContain('is DELETE_COMPLETE');
    expect(failed.stdout).not.toContain('Gone:');
    expect(await stackStatus('destroy-stuck-e2e')).toBe('DELETE_FAILED');

    const retried = await destroy('destroy-stuck-e2e');
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
    expect(await stackStatus('destroy-stuck-e2e')).toBeUndefined();
  }, 240_000);
});
