// LMI provisioning going wrong, end to end. CloudFormation does not complete an
// AWS::Lambda::Version until it is Active, so in verify mode a failed or slow version first
// meets the deploy stage; a version published outside the stack (what the cutover re-checks)
// meets the provisioning stage itself. Either way the run ends red, never green.
import { GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyDeployed } from '../../src/pipeline/verify/verify-stack.js';
import {
  expectSucceeded,
  fastClock,
  lmiVersionPending,
  progressText,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
  type E2eRunOptions,
  DEFAULT_TIMINGS,
} from './harness.js';

const parameters = { PerExecutionEnvironmentMaxConcurrency: '2' };
/** Pending for far longer than any test waits: only a deadline ends the wait. */
const NEVER_MS = 30 * 60_000;

let cloud: E2eCloud;

beforeAll(async () => {
  cloud = await startE2eCloud();
});

afterAll(async () => {
  await cloud?.stop();
});

describe('provisioning while CloudFormation deploys (verify mode)', () => {
  it('fails with the reason code and what to do when the version cannot get capacity', async () => {
    cloud.emulator.faults.provisioning({ failWith: 'InsufficientCapacity' });
    const run = await cloud.run({ stackName: 'no-capacity', parameters });

    expect(run.error?.code).toBe('PROVISIONING_FAILED');
    expect(run.error!.message).toMatch(
      /^Function version WebhookLmiFunctionVersion\w+ failed to provision while CloudFormation deployed it: InsufficientCapacity\. /,
    );
    // The advice for the code, and Lambda's own reason in the failed event.
    expect(run.error!.message).toContain('allow more instance types (InstanceRequirements)');
    expect(run.error!.details[0]).toContain('not enough capacity for the requested instance types');
    expect(run.error!.details[1]).toContain('the stack is ROLLBACK_COMPLETE');
    expect(run.report.run).toMatchObject({ outcome: 'failure', error: { code: 'PROVISIONING_FAILED' } });
    expect(run.report.timeline.map((t) => [t.stage, t.outcome, t.detail])).toEqual([
      ['deploy', 'failed', 'DEPLOY_FAILED'],
      ['provision', 'failed', 'PROVISIONING_FAILED'],
      ['smoke', 'skipped', 'not run: PROVISIONING_FAILED'],
      ['load', 'skipped', 'not run: PROVISIONING_FAILED'],
    ]);
    expect(run.calls.some((c) => c.service === 'lambda' && c.operation === 'Invoke')).toBe(false);
    expect(run.reportProblems).toEqual([]);
  });

  it('fails red when the version stays Pending past the deadline', async () => {
    cloud.emulator.faults.provisioning({ durationMs: NEVER_MS });
    const run = await cloud.run({
      stackName: 'slow-capacity',
      parameters,
      inputs: { 'deploy-timeout-minutes': '2', 'provisioning-timeout-minutes': '1' },
      // Minutes pass in moments only once the version is Pending, as on AWS they would.
      clock: fastClock({ from: lmiVersionPending(cloud) }),
      pipeline: DEFAULT_TIMINGS,
    });

    // CloudFormation holds the version resource in progress; the provisioning bound ends it
    // before the deploy's own deadline.
    expect(run.error?.code).toBe('PROVISIONING_TIMEOUT');
    expect(run.error!.message).toMatch(
      /^Function version WebhookLmiFunctionVersion\w+ is still provisioning after 1m\d\ds \(provisioning-timeout-minutes: 1\)/,
    );
    expect(run.error!.details).toEqual([
      expect.stringMatching(/^in progress: WebhookLmiFunctionVersion\w+$/),
    ]);
    expect(run.report.run.outcome).toBe('failure');
    expect(run.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'failed'],
      ['provision', 'failed'],
      ['smoke', 'skipped'],
      ['load', 'skipped'],
    ]);
    expect(run.outputs['smoke-result']).toBeUndefined();
    // The heartbeat kept the log alive while nothing happened.
    expect(progressText(run)).toMatch(
      /still waiting: 1 resource in progress \(WebhookLmiFunctionVersion\w+\)/,
    );
  });
});

describe('the provisioning stage on a version published outside the stack', () => {
  let deployed: E2eRun;
  let lambda: LambdaClient;

  beforeAll(async () => {
    deployed = await cloud.run({ stackName: 'republished', parameters, inputs: { 'load-requests': '6' } });
    expectSucceeded(deployed);
    lambda = new LambdaClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.region,
      credentials: cloud.emulator.credentials,
    });
  }, 120_000);

  afterAll(() => lambda?.destroy());

  /** A new version of the LMI function, published as a cutover candidate would be. */
  async function publishNewVersion(revision: string): Promise<string> {
    const functionName = stackOutputs(deployed).LmiFunctionName!;
    const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: functionName,
        Environment: { Variables: { ...current.Environment?.Variables, E2E_REVISION: revision } },
      }),
    );
    const published = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
    return published.Version!;
  }

  const verifyVersion = (version: string, options: Pick<E2eRunOptions, 'clock' | 'pipeline'> = {}) =>
    cloud.runStages(
      {
        stackName: 'republished',
        parameters,
        inputs: { 'provisioning-timeout-minutes': '1', 'load-requests': '6' },
        ...options,
      },
      (ctx, report, pipeline, config) =>
        verifyDeployed(
          ctx,
          report,
          config,
          { ...stackOutputs(deployed), LmiVersion: version },
          pipeline.verify,
        ),
    );

  it('stops at once on Failed, with the reason code, Lambda’s reason and the advice', async () => {
    cloud.emulator.faults.provisioning({ failWith: 'InsufficientCapacity', durationMs: 500 });
    const version = await publishNewVersion('failed');
    const run = await verifyVersion(version);

    expect(run.error?.code).toBe('PROVISIONING_FAILED');
    expect(run.error!.message).toContain(`LMI version ${version} of `);
    expect(run.error!.message).toContain('failed to provision: InsufficientCapacity.');
    expect(run.error!.message).toContain('add subnets in other Availability Zones');
    expect(run.error!.details[0]).toMatch(/^StateReason: Lambda could not launch instances/);
    // It watched the version Pending before it failed, and said so.
    expect(progressText(run)).toContain(`LMI version ${version}: Pending (Creating)`);
    expect(run.report.provisioning).toMatchObject({
      version,
      state: 'Failed',
      stateReasonCode: 'InsufficientCapacity',
    });
    expect(run.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['provision', 'failed'],
      ['smoke', 'skipped'],
      ['load', 'skipped'],
    ]);
    expect(run.outputs['provisioning-seconds']).toBeUndefined();
  });

  it('ends red at provisioning-timeout-minutes while the version is still Pending', async () => {
    cloud.emulator.faults.provisioning({ durationMs: NEVER_MS });
    const version = await publishNewVersion('slow');
    const run = await verifyVersion(version, { clock: fastClock(), pipeline: DEFAULT_TIMINGS });

    expect(run.error?.code).toBe('PROVISIONING_TIMEOUT');
    expect(run.error!.message).toContain(`LMI version ${version} of `);
    expect(run.error!.message).toContain('is still Pending (Creating) after 1m');
    expect(run.error!.message).toContain('(provisioning-timeout-minutes: 1)');
    expect(run.report.run.outcome).toBe('failure');
    expect(run.report.provisioning).toMatchObject({ version, state: 'Pending' });
    // A line at least every 30 s of the wait.
    const heartbeats = run.progress.lines.filter((l) => l.startsWith(`LMI version ${version}: Pending`));
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(run.calls.some((c) => c.operation === 'Invoke')).toBe(false);
  });

  it('confirms in one call a version that is already Active', async () => {
    const run = await verifyVersion(stackOutputs(deployed).LmiVersion!);
    expectSucceeded(run);
    expect(run.report.provisioning).toMatchObject({ state: 'Active', confirmedOnly: true, seconds: 0 });
    expect(run.outputs['provisioning-seconds']).toBe('0');
  });
});
