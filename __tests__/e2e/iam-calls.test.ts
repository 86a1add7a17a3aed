// docs/iam-policy.json against a real run: every AWS call the action made during a `full` run
// (deploy, verify, cutover) on the local cloud is allowed by the policy's own statements.
// Calls signed by the functions themselves (their execution role) and the public stage
// requests of the probes are not the action's and are left out.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { directlyAllowed, iamActionOf, loadPolicy } from '../support/iam-policy.js';
import { expectSucceeded, startE2eCloud, type E2eCloud } from './harness.js';

let cloud: E2eCloud;

beforeAll(async () => {
  cloud = await startE2eCloud();
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

it('allows every call a full run makes', async () => {
  const run = await cloud.run({
    mode: 'full',
    stackName: 'iam-check',
    parameters: { PerExecutionEnvironmentMaxConcurrency: '4' },
    inputs: { 'load-requests': '24', 'bake-seconds': '3', 'probe-rate': '20' },
  });
  expectSucceeded(run);

  const actionKey = cloud.emulator.credentials.accessKeyId;
  const made = new Set(
    run.calls
      .filter((c) => c.accessKeyId === actionKey && c.service !== 'execute-api')
      .map((c) => iamActionOf(c.service, c.operation)),
  );
  // The run did exercise deploy, verify and the shift.
  for (const a of [
    'cloudformation:ExecuteChangeSet',
    'lambda:GetFunctionConfiguration',
    'lambda:InvokeFunction',
    'dynamodb:Query',
    'ssm:GetParameter',
    'apigateway:PATCH',
  ]) {
    expect(made).toContain(a);
  }
  const allowed = directlyAllowed(loadPolicy());
  expect([...made].filter((a) => !allowed.has(a))).toEqual([]);
}, 240_000);
