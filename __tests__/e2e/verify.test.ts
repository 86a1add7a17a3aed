// Verify mode end to end: the real pipeline deploys workload/template.yaml into the emulator
// (packaging with esbuild, change sets, the LMI version provisioned), then provisioning,
// smoke, the concurrency check against the twin and the gates — passing on the workload as it
// is, failing the error gate under injected errors, and counting and gating throttles.
//
// Sizes stay small for 2 cores: 4 per environment, so the default concurrency is 3 × 4 = 12.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import {
  expectSucceeded,
  progressText,
  signedPostToStage,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
} from './harness.js';

const PER_ENVIRONMENT = 4;
const STACK = 'verify-e2e';
const parameters = { PerExecutionEnvironmentMaxConcurrency: String(PER_ENVIRONMENT) };

let cloud: E2eCloud;
let passed: E2eRun;

beforeAll(async () => {
  // No LMI environment is added under load while a test runs, so a burst above the three
  // environments' capacity meets throttles for its whole length. The twin's burst cold-starts a
  // dozen environments at once on two shared cores, which can take longer than Lambda's 10 s
  // init limit (it measures AWS's hosts): a slow cold start still answers here.
  cloud = await startE2eCloud({
    emulator: { runCode: { scaleUpDelayMs: 600_000, initTimeoutMs: 60_000 } },
  });
  // A fixed, generous p95 limit: `auto` is checked on its own below, where its outcome is read,
  // not required (the LMI burst against the twin's warm p95 is contention's to decide on 2 cores).
  passed = await cloud.run({
    stackName: STACK,
    parameters,
    inputs: { 'load-requests': '36', 'max-p95-ms': '60000' },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const lmiTarget = (run: E2eRun) => {
  const o = stackOutputs(run);
  return { functionName: o.LmiFunctionName!, version: o.LmiVersion! };
};

describe('verify mode on the workload', () => {
  it('passes: deployed, Active, 10/10 smoke checks, 3 environments, isolation held, gates passed', () => {
    expectSucceeded(passed);
    const { report } = passed;
    expect(report.run.outcome).toBe('success');
    expect(report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['deploy', 'passed'],
      ['provision', 'passed'],
      ['smoke', 'passed'],
      ['load', 'passed'],
      // No earlier candidate to release on a fresh stack.
      ['cleanup', 'no-op'],
    ]);
    // CloudFormation waited for the version while it deployed, so one call confirms it.
    expect(report.provisioning).toMatchObject({ state: 'Active', confirmedOnly: true });
    expect(report.smoke?.checks).toHaveLength(10);
    expect(report.smoke?.passed).toBe(true);

    const lmi = report.load!.lmi!;
    expect(lmi).toMatchObject({
      concurrency: 3 * PER_ENVIRONMENT,
      requests: 36,
      errors: 0,
      throttles: 0,
      environments: 3,
      isolation: { passed: true, stored: 36, expectedStored: 36, duplicates: 0, mismatchedIds: 0 },
    });
    // Counted by the function: 4,096 MB at 2 GiB per vCPU is two worker threads per environment,
    // each counting its own requests, so the figure is the busiest worker's (a lower bound).
    // Several requests still shared one worker at once.
    expect(lmi.peakInFlightSource).toBe('function-per-worker');
    expect(lmi.peakInFlightPerEnvironment).toBeGreaterThan(1);
    expect(lmi.peakInFlightPerEnvironment).toBeLessThanOrEqual(PER_ENVIRONMENT);
    expect(lmi.coldStarts).toBe(0);
    const twin = report.load!.standard!;
    expect(twin).toMatchObject({ requests: 36, errors: 0, isolation: { passed: true } });
    // Standard Lambda: one request per environment, and the function counted exactly that.
    expect(twin).toMatchObject({ peakInFlightPerEnvironment: 1, peakInFlightSource: 'function' });
    // One request per standard environment: the burst needs one environment per request in flight.
    expect(twin.environments).toBeGreaterThan(3);
    expect(twin.coldStarts).toBeGreaterThan(0);
    expect(report.load!.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['max-throttle-rate', true],
    ]);
    expect(passed.reportProblems).toEqual([]);
    const md = renderMarkdown(report, { limit: COMMENT_LIMIT, marker: commentMarker(STACK) });
    expect(md).toContain(
      `| Peak in flight per environment | ≥${lmi.peakInFlightPerEnvironment}, counted by the function per worker thread (the busiest one's count) | 1, counted by the function |`,
    );
  });

  it('counts the same environments the emulator ran, and sets the outputs', () => {
    const { functionName, version } = lmiTarget(passed);
    const counters = cloud.emulator.runtimeCounters(functionName, version)!;
    expect(counters.environments).toBe(3);
    // The function's per-worker count never exceeds what the emulator placed on one environment.
    const placedPeak = Math.max(...Object.values(counters.peakInFlightByEnvironment));
    expect(passed.report.load!.lmi.peakInFlightPerEnvironment).toBeLessThanOrEqual(placedPeak);
    // 5 smoke requests and 36 load requests reached the LMI version.
    expect(counters.invocations).toBe(41);
    expect(passed.outputs).toMatchObject({
      'lmi-version': version,
      'smoke-result': 'passed',
      environments: '3',
      'error-rate': '0',
      'throttle-rate': '0',
      'no-op': 'false',
    });
    expect(Number(passed.outputs['p95-ms'])).toBeGreaterThan(0);
  });

  it('leaves production on the standard twin: the stage still serves signed webhooks from it', async () => {
    const outcome = await signedPostToStage(cloud, stackOutputs(passed).ApiUrl!);
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.answer.statusCode).toBe(201);
    expect(outcome.answer.json).toMatchObject({ status: 'stored', compute_type: 'lambda-standard' });
  });

  it("derives max-p95-ms auto from the warm latency of what production serves, the twin's cold starts left out", async () => {
    const auto = await cloud.run({
      stackName: STACK,
      parameters,
      inputs: { 'load-requests': '36', 'max-p95-ms': 'auto' },
    });
    const { load } = auto.report;
    const baseline = load!.p95Baseline!;
    // The stage serves the twin's version this deploy published, so the twin's burst is reused.
    expect(baseline).toMatchObject({
      side: 'standard',
      qualifier: load!.standard!.qualifier,
      basis: 'production',
      coldStartsKnown: true,
      coldStartsExcluded: load!.standard!.coldStarts,
      factor: 1.5,
    });
    expect(baseline.warm.count).toBe(36 - load!.standard!.coldStarts!);
    expect(baseline.limitMs).toBeCloseTo(baseline.warm.p95 * 1.5, 1);
    // Cold starts can only raise the twin's overall p95 above its warm one.
    expect(baseline.warm.p95).toBeLessThanOrEqual(load!.standard!.latency.p95);
    const gate = load!.gates.find((g) => g.name === 'max-p95-ms')!;
    expect(gate.limit).toBe(baseline.limitMs);
    expect(gate.actual).toBe(load!.lmi.latency.p95);
    expect(gate.passed).toBe(load!.lmi.latency.p95 <= baseline.limitMs);
    // Passed or failed, the run says so by the gate alone.
    expect(auto.error?.code).toBe(gate.passed ? undefined : 'GATE_FAILED');
    expect(auto.progress.codes).toContain('verify.baseline-limit');
    expect(renderMarkdown(auto.report, { limit: COMMENT_LIMIT })).toContain(
      'the warm p95 of production (standard ',
    );
  }, 120_000);

  it('fails the error gate when the LMI version fails 5 % of the requests under load', async () => {
    const { functionName, version } = lmiTarget(passed);
    const run = await cloud.run({
      stackName: STACK,
      parameters,
      inputs: { 'load-requests': '240', 'max-p95-ms': '60000' },
      // Injected once the smoke checks passed: the version breaks only under load.
      onGroup: (name) => {
        if (name.startsWith('Concurrency check'))
          cloud.emulator.faults.invocations({ functionName, version, errorRate: 0.05 });
      },
    });
    cloud.emulator.faults.invocations({ functionName, version });

    // The same template again: no new version. The stack only records the stage's production
    // version (LiveFunction, empty on the first deploy) as a parameter; nothing is added.
    expect(run.report.deploy?.outputs.LmiVersion).toBe(version);
    expect(run.report.deploy!.changes.filter((c) => c.action !== 'Modify')).toEqual([]);
    expect(run.report.deploy!.changes.map((c) => c.type)).not.toContain('AWS::Lambda::Version');
    expect(run.error?.code).toBe('GATE_FAILED');
    expect(run.report.run.outcome).toBe('failure');
    const lmi = run.report.load!.lmi!;
    expect(lmi.errors).toBeGreaterThan(0);
    // 5 % of 240 is 12; a binomial draw stays well inside these bounds.
    expect(lmi.errorRate).toBeLessThan(0.15);
    expect(lmi.errorRate).toBe(lmi.errors / lmi.requests);
    expect(lmi.isolation?.passed).toBe(true);
    expect(run.report.load!.gates.find((g) => g.name === 'max-error-rate')).toMatchObject({
      passed: false,
      limit: 0,
      actual: lmi.errorRate,
    });
    expect(run.error!.details.join('\n')).toContain(`max-error-rate: `);
    expect(run.error!.details.join('\n')).toContain(`of 240 requests failed (${lmi.errors})`);
    expect(progressText(run)).toContain('Injected fault: errorRate 0.05');
    expect(run.report.load!.standard!.errors).toBe(0);
    expect(run.outputs['error-rate']).toBe(String(lmi.errorRate));
  }, 120_000);

  it('counts throttles above 3 × the per-environment concurrency, and fails the throttle gate at 0', async () => {
    const { functionName, version } = lmiTarget(passed);
    const before = cloud.emulator.runtimeCounters(functionName, version)!.throttles;
    const run = await cloud.run({
      stackName: STACK,
      parameters,
      inputs: { concurrency: String(4 * PER_ENVIRONMENT), 'load-requests': '48', 'max-p95-ms': '60000' },
    });
    expect(run.error?.code).toBe('GATE_FAILED');
    const lmi = run.report.load!.lmi!;
    expect(lmi.concurrency).toBe(16);
    expect(lmi.throttles).toBeGreaterThan(0);
    // Every throttle the emulator answered is counted, and none as an error.
    expect(lmi.throttles).toBe(cloud.emulator.runtimeCounters(functionName, version)!.throttles - before);
    expect(lmi.errors).toBe(0);
    expect(lmi.throttleRate).toBe(lmi.throttles / lmi.requests);
    expect(lmi.environments).toBe(3);
    const gates = Object.fromEntries(run.report.load!.gates.map((g) => [g.name, g.passed]));
    expect(gates).toEqual({ 'max-error-rate': true, 'max-p95-ms': true, 'max-throttle-rate': false });
    expect(run.error!.details.join('\n')).toContain(
      `max-throttle-rate: ${Math.round(lmi.throttleRate * 10000) / 100}% of 48 requests were throttled (${lmi.throttles})`,
    );
  }, 120_000);

  it('passes with the throttles counted when max-throttle-rate allows them', async () => {
    const run = await cloud.run({
      stackName: STACK,
      parameters,
      inputs: {
        concurrency: String(4 * PER_ENVIRONMENT),
        'load-requests': '48',
        'max-p95-ms': '60000',
        'max-throttle-rate': '1',
      },
    });
    expectSucceeded(run);
    expect(run.report.run.outcome).toBe('success');
    const lmi = run.report.load!.lmi!;
    expect(lmi.throttles).toBeGreaterThan(0);
    expect(lmi.isolation).toMatchObject({ passed: true, stored: lmi.requests - lmi.throttles });
    expect(run.report.load!.gates.find((g) => g.name === 'max-throttle-rate')).toMatchObject({
      passed: true,
      limit: 1,
      actual: lmi.throttleRate,
    });
    expect(run.outputs['throttle-rate']).toBe(String(lmi.throttleRate));
  }, 120_000);
});
