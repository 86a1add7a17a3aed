// The isolation check end to end: the workload with one deliberate bug — the request id kept in
// module scope across an await — passes every smoke check (one request at a time) and fails
// verify once concurrent requests share an LMI environment. The standard twin, one request
// per environment, does not show the bug.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LEAKY_REQUEST_ID, workloadVariant, type TemplateVariant } from '../fixtures/e2e/workload-variant.js';
import { startE2eCloud, type E2eCloud } from './harness.js';

let cloud: E2eCloud;
let leaky: TemplateVariant;

beforeAll(async () => {
  [cloud, leaky] = await Promise.all([startE2eCloud(), workloadVariant(LEAKY_REQUEST_ID)]);
});

afterAll(async () => {
  await Promise.all([cloud?.stop(), leaky?.remove()]);
});

describe('a handler that keeps per-request state in module scope', () => {
  it('passes the smoke checks and fails the isolation check under concurrency', async () => {
    const run = await cloud.run({
      stackName: 'leaky',
      template: leaky.path,
      parameters: { PerExecutionEnvironmentMaxConcurrency: '4' },
      inputs: { 'load-requests': '36' },
    });

    expect(run.error?.code).toBe('ISOLATION_FAILED');
    expect(run.error!.message).toContain('The LMI version mixed up concurrent requests');
    expect(run.error!.message).toContain('never in module scope');
    expect(run.error!.details.join('\n')).toMatch(
      /answer carries request_id \S+, but its invocation was \S+/,
    );
    expect(run.report.smoke?.passed).toBe(true);
    const lmi = run.report.load!.lmi!;
    expect(lmi.isolation?.passed).toBe(false);
    expect(lmi.isolation?.mismatchedIds).toBeGreaterThan(0);
    // Every delivery was still stored exactly once: the bug is in the answers alone.
    expect(lmi.isolation).toMatchObject({ stored: 36, expectedStored: 36, duplicates: 0 });
    expect(lmi.errors).toBe(0);
    expect(run.report.load!.standard!.isolation?.passed).toBe(true);
    expect(run.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'passed'],
      ['provision', 'passed'],
      ['smoke', 'passed'],
      ['load', 'failed'],
    ]);
    expect(run.report.run.outcome).toBe('failure');
  }, 120_000);
});
