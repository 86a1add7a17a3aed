// Bring your own workload, end to end: examples/orders-api (a plain SAM app: implicit API events,
// no webhook contract) converted by `lmi-cutover init`, released by `full --checks` from its
// standard twin to LMI on the local cloud, then a regression caught behind the canary.
//
// The regression breaks a path the checks file does not probe (reading an existing order), so
// the probes through the stage keep answering 201: only what Lambda itself reports per version
// can see it. Users keep reading orders through the stage all along; the candidate's function
// errors land in AWS/Lambda Errors under `function:version`. The metrics gate catches it at the
// end of the bake, and — with `alarm-names` — an alarm on those Errors stops the bake as soon as
// it fires. Both times production is back on LMI v1 and serves the users again.
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { convertTemplate } from '../../src/pipeline/init/convert.js';
import { runPost } from '../../src/github/post.js';
import { CUTOVER_STATE_KEY, parseCutoverState } from '../../src/pipeline/traffic/cutover-state.js';
import { recordingProgress } from '../unit/support.js';
import { canaryByHand } from './stage.js';
import {
  expectSucceeded,
  FAST_METRICS_RELEASE,
  REPO_ROOT,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
} from './harness.js';

const STACK = 'orders-release-e2e';
let cloud: E2eCloud;
let dir: string;
let template: string;
let checks: string;
let original: string;

const CHECKS = `
checks:
  - name: ping
    request: { method: GET, path: /ping }
    expect: { status: 200, json: { ok: true } }
  - name: create order
    request: { method: POST, path: /orders, body: { sku: A-1, qty: 2 } }
    expect: { status: 201, json: { sku: A-1, qty: 2 } }
  - name: unknown order
    request: { method: GET, path: /orders/nope }
    expect: { status: 404 }
load:
  request: { method: POST, path: /orders, body: { sku: L-1, qty: 1 } }
  expect: { status: 201, json: { sku: L-1 } }
`;

// Reading an order that exists now throws: a function error the checks never meet.
const READ_OK = 'return json(200, { id, sku: got.Item.sku.S, qty: Number(got.Item.qty.N) });';
const regression = (tag: string) =>
  `throw new Error('${tag}: cannot read order ' + id); // regression\n    ${READ_OK}`;

beforeAll(async () => {
  cloud = await startE2eCloud();
  dir = await mkdtemp(join(tmpdir(), 'lmi-orders-release-'));
  await cp(join(REPO_ROOT, 'examples/orders-api/src'), join(dir, 'src'), { recursive: true });
  original = await readFile(join(dir, 'src/app.mjs'), 'utf8');
  expect(original).toContain(READ_OK);
  const source = await readFile(join(REPO_ROOT, 'examples/orders-api/template.yaml'), 'utf8');
  template = join(dir, 'lmi-template.yaml');
  await writeFile(template, convertTemplate(source, { source: 'template.yaml' }).text);
  checks = join(dir, 'checks.yaml');
  await writeFile(checks, CHECKS);
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The route states the runs saved for a post step, as core.saveState would hold them. */
const savedStates: string[] = [];

const release = (inputs: Record<string, string> = {}, mode = 'full') =>
  cloud.run({
    mode,
    pipeline: { onRouteState: (state) => void savedStates.push(JSON.stringify(state)) },
    stackName: STACK,
    template,
    signingSecret: false,
    inputs: {
      checks,
      ...FAST_METRICS_RELEASE,
      'max-p95-ms': '5000',
      'keep-versions': '5',
      ...inputs,
    },
  });

/** Users reading one order through the stage, 10 a second, until stopped. */
function users(stageUrl: string, orderId: string) {
  const statuses: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const res = await fetch(`${stageUrl}/orders/${orderId}`).catch(() => undefined);
      statuses.push(res?.status ?? 0);
      await res?.arrayBuffer().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    statuses,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function readOrderTimes(stageUrl: string, id: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await fetch(`${stageUrl}/orders/${id}`)).status);
  return out;
}

describe('examples/orders-api: init → full --checks → a regression caught by metrics and alarms', () => {
  let outputs: Readonly<Record<string, string>>;
  let orderId: string;
  let lmiV1: string;

  it('releases the converted app from its standard twin to LMI v1, every step judged by CloudWatch', async () => {
    const r = await release();
    expectSucceeded(r);
    outputs = stackOutputs(r);
    lmiV1 = outputs.LmiVersion!;
    const steps = r.report.cutover?.steps ?? [];
    expect(steps.map((s) => [s.percent, s.judgedBy, s.passed])).toEqual([
      [50, 'metrics', true],
      [100, 'metrics', true],
    ]);
    // The share comes from Lambda's own invocation counts of each version.
    const first = steps[0]!;
    expect(first.metrics?.candidate.invocations).toBeGreaterThan(0);
    expect(first.metrics?.production.invocations).toBeGreaterThan(0);
    expect(first.metrics?.candidate.errors).toBe(0);
    expect(first.stageAnswers?.failed).toBe(0);
    expect(first.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['split-tolerance', true],
      ['stage-answers', true],
    ]);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi', target: { version: lmiV1 } });
    expect(r.reportProblems).toEqual([]);
    const created = await fetch(`${outputs.ApiUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'U-1', qty: 3 }),
    });
    expect(created.status).toBe(201);
    orderId = ((await created.json()) as { id: string }).id;
  }, 240_000);

  it('rolls back a regression the probes cannot see: the metrics gate sees the candidate’s errors', async () => {
    await writeFile(join(dir, 'src/app.mjs'), original.replace(READ_OK, regression('v2')));
    const traffic = users(outputs.ApiUrl!, orderId);
    let r;
    try {
      r = await release();
    } finally {
      await traffic.stop();
    }
    expect(r.error?.code).toBe('CUTOVER_STEP_FAILED');
    const step = r.report.cutover?.steps[0];
    expect(step).toMatchObject({ percent: 50, judgedBy: 'metrics', passed: false });
    expect(step?.metrics?.candidate.errors).toBeGreaterThan(0);
    // Every probe answered as load.expect requires: only the metrics saw the regression.
    expect(step?.gates.find((g) => g.name === 'stage-answers')?.passed).toBe(true);
    expect(step?.gates.find((g) => g.name === 'max-error-rate')?.passed).toBe(false);
    expect(step?.reason).toMatch(
      /by CloudWatch .*the candidate fails more often than production \(one-sided Fisher/,
    );
    expect(r.report.cutover?.rolledBack).toBe(true);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi', target: { version: lmiV1 } });
    // Users met the regression only at the canary's share, and production serves them again.
    expect(traffic.statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 20)).toEqual(Array(20).fill(200));
    expect(r.reportProblems).toEqual([]);
  }, 240_000);

  it('stops the bake as soon as an alarm on the candidate’s Errors fires, and rolls back', async () => {
    await writeFile(join(dir, 'src/app.mjs'), original.replace(READ_OK, regression('v3')));
    // The next published version: the alarm watches exactly the candidate, never production.
    const next = String(Number(lmiV1) + 2);
    const cw = new CloudWatchClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.region,
      credentials: cloud.emulator.credentials,
    });
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'orders-candidate-errors',
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [
          { Name: 'FunctionName', Value: outputs.LmiFunctionName! },
          { Name: 'Resource', Value: `${outputs.LmiFunctionName}:${next}` },
        ],
        Statistic: 'Sum',
        Period: 10,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      }),
    );
    const traffic = users(outputs.ApiUrl!, orderId);
    let r;
    try {
      r = await release({ 'alarm-names': 'orders-candidate-errors', 'bake-seconds': '60' });
    } finally {
      await traffic.stop();
    }
    expect(r.error?.code).toBe('CUTOVER_STEP_FAILED');
    expect(stackOutputs(r).LmiVersion).toBe(next);
    const step = r.report.cutover?.steps[0];
    expect(step?.reason).toContain('CloudWatch alarm in ALARM: orders-candidate-errors');
    expect(step?.reason).toContain('the bake stopped early');
    // Polled through the bake: it stopped long before its 60 s.
    expect(step?.bakeSeconds).toBeLessThan(45);
    expect(step?.gates.find((g) => g.name === 'alarms')?.passed).toBe(false);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi', target: { version: lmiV1 } });
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 20)).toEqual(Array(20).fill(200));
    expect(r.reportProblems).toEqual([]);
  }, 240_000);

  it('mode cutover --checks verifies a candidate deployed earlier, then releases it', async () => {
    await writeFile(join(dir, 'src/app.mjs'), original);
    const deployed = await cloud.run({ mode: 'deploy', stackName: STACK, template, signingSecret: false });
    expectSucceeded(deployed);
    const candidate = stackOutputs(deployed).LmiVersion!;
    expect(Number(candidate)).toBeGreaterThan(Number(lmiV1));
    // The deploy did not move production.
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 5)).toEqual(Array(5).fill(200));
    const r = await release({}, 'cutover');
    expectSucceeded(r);
    expect(r.report.smoke?.checks.every((c) => c.passed)).toBe(true);
    expect(r.report.timeline.find((t) => t.stage === 'load')?.outcome).toBe('passed');
    expect(r.report.cutover?.steps.map((s) => [s.judgedBy, s.passed])).toEqual([
      ['metrics', true],
      ['metrics', true],
    ]);
    expect(r.report.route).toMatchObject({
      before: { kind: 'lmi', target: { version: lmiV1 } },
      after: { kind: 'lmi', target: { version: candidate } },
    });
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 5)).toEqual(Array(5).fill(200));
  }, 240_000);

  it('mode rollback --checks returns production to the previous version, proven by load requests', async () => {
    const r = await cloud.run({
      mode: 'rollback',
      stackName: STACK,
      template,
      signingSecret: false,
      inputs: { checks, 'probe-rate': '10' },
    });
    expectSucceeded(r);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi', target: { version: lmiV1 } });
    expect(r.report.cutover?.rollback).toMatchObject({ verified: true });
    expect(r.progress.lines.join('\n')).toContain('answered as load.expect requires');
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 5)).toEqual(Array(5).fill(200));
  }, 120_000);

  it('a post step repairs a canary the main step left, proven by the checks file’s load requests', async () => {
    // The state the cutover run saved mid-canary, as the runner would hand it to the post step.
    // The cutover run's: production LMI v1, a canary to the candidate it released.
    const saved = savedStates.find((x) => {
      const state = parseCutoverState(x);
      return (
        state?.checksFile === checks &&
        state.currentRoute.kind === 'canary' &&
        state.production.version === lmiV1 &&
        state.candidate?.version !== lmiV1
      );
    });
    expect(saved).toBeDefined();
    const state = parseCutoverState(saved!)!;
    expect(state.production.version).toBe(lmiV1);
    // As if the main step had died mid-bake: the same canary is on the stage again.
    await canaryByHand(cloud, outputs, 50, `${outputs.LmiFunctionName}:${state.candidate!.version}`);
    const progress = recordingProgress();
    const failures: string[] = [];
    const result = await runPost({
      getState: (key) => (key === CUTOVER_STATE_KEY ? saved! : ''),
      inputs: { 'endpoint-url': cloud.emulator.endpoint, 'probe-rate': '10' },
      env: process.env,
      progress,
      writeSummary: async () => undefined,
      setFailed: (m) => failures.push(m),
    });
    expect(result).toMatchObject({ type: 'repaired', to: { kind: 'lmi' }, verified: true });
    expect(failures).toEqual([]);
    expect(progress.text()).toContain('answered as load.expect requires');
    expect(await readOrderTimes(outputs.ApiUrl!, orderId, 5)).toEqual(Array(5).fill(200));
  }, 120_000);

  it('full --checks without a load: section is refused before the stage or the stack is touched', async () => {
    const noLoad = join(dir, 'no-load.yaml');
    await writeFile(noLoad, CHECKS.slice(0, CHECKS.indexOf('load:')));
    const r = await release({ checks: noLoad });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.message).toContain('has no `load:` section, and a cutover needs it');
    expect(r.calls.map((c) => c.operation)).not.toContain('CreateChangeSet');
    expect(r.calls.map((c) => c.operation)).not.toContain('UpdateStage');
  }, 60_000);
});
