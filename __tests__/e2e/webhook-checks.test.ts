// The bundled webhook is not special: released with its own checks file (workload/checks.yaml,
// the contract any app brings plus its `signing`), it goes through the generic path — signed
// smoke checks on both candidates, the concurrency check of its `load` request, and a canary of
// signed probes judged by Lambda's CloudWatch metrics per version.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  expectSucceeded,
  FAST_METRICS_RELEASE,
  progressText,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
} from './harness.js';

let cloud: E2eCloud;

beforeAll(async () => {
  cloud = await startE2eCloud();
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('full --checks workload/checks.yaml: the webhook through the generic path', () => {
  it('signs every check, load request and probe with the secret the function reads, and releases to LMI', async () => {
    const r = await cloud.run({
      mode: 'full',
      stackName: 'webhook-checks-e2e',
      inputs: {
        checks: 'workload/checks.yaml',
        ...FAST_METRICS_RELEASE,
        'max-p95-ms': '10000',
      },
    });
    expectSucceeded(r);
    const checks = r.report.smoke?.checks ?? [];
    expect(checks.map((c) => [c.target, c.name, c.passed])).toEqual([
      ['lmi', 'health', true],
      ['lmi', 'signed webhook is stored', true],
      ['lmi', 'unsigned webhook is refused', true],
      ['lmi', 'malformed body is refused', true],
      ['standard', 'health', true],
      ['standard', 'signed webhook is stored', true],
      ['standard', 'unsigned webhook is refused', true],
      ['standard', 'malformed body is refused', true],
    ]);
    expect(r.report.timeline.find((t) => t.stage === 'load')?.outcome).toBe('passed');
    expect(r.report.load?.lmi.errors).toBe(0);
    const steps = r.report.cutover?.steps ?? [];
    expect(steps.map((s) => [s.judgedBy, s.passed, s.stageAnswers?.failed])).toEqual([
      ['metrics', true, 0],
      ['metrics', true, 0],
    ]);
    const outputs = stackOutputs(r);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi', target: { version: outputs.LmiVersion } });
    // The secret was read from SSM and masked, never printed.
    expect(progressText(r)).not.toContain(cloud.secret);
    expect(r.reportProblems).toEqual([]);
  }, 240_000);
});
