// Lambda's metrics reach CloudWatch late, and the metrics gate must wait for them. The local
// cloud here publishes every AWS/Lambda sample 8 s after the invocation, longer than a bake: a canary read at once
// (metrics-delay-seconds 0) sees no invocation of the candidate and rolls back — never a pass on
// missing data — while one held 9 s after its bake reads the whole window and promotes.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { convertTemplate } from '../../src/pipeline/init/convert.js';
import { expectSucceeded, FAST_METRICS_RELEASE, REPO_ROOT, startE2eCloud, type E2eCloud } from './harness.js';

const STACK = 'orders-late-metrics-e2e';
let cloud: E2eCloud;
let dir: string;
let template: string;
let checks: string;

beforeAll(async () => {
  cloud = await startE2eCloud({ emulator: { metricsDelayMs: 8_000 } });
  dir = await mkdtemp(join(tmpdir(), 'lmi-late-metrics-'));
  await cp(join(REPO_ROOT, 'examples/orders-api/src'), join(dir, 'src'), { recursive: true });
  const source = await readFile(join(REPO_ROOT, 'examples/orders-api/template.yaml'), 'utf8');
  template = join(dir, 'lmi-template.yaml');
  await writeFile(template, convertTemplate(source, { source: 'template.yaml' }).text);
  checks = join(dir, 'checks.yaml');
  await writeFile(
    checks,
    `checks:
  - name: ping
    request: { method: GET, path: /ping }
    expect: { status: 200 }
load:
  request: { method: POST, path: /orders, body: { sku: L-1, qty: 1 } }
  expect: { status: 201 }
`,
  );
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const release = (delaySeconds: string) =>
  cloud.run({
    mode: 'full',
    stackName: STACK,
    template,
    signingSecret: false,
    inputs: { checks, ...FAST_METRICS_RELEASE, 'metrics-delay-seconds': delaySeconds, 'max-p95-ms': '5000' },
  });

describe('the metrics gate waits for metrics that arrive late', () => {
  it('read at once, the window looks empty: the step fails and rolls back', async () => {
    const r = await release('0');
    expect(r.error?.code).toBe('CUTOVER_STEP_FAILED');
    const step = r.report.cutover?.steps[0];
    expect(step?.metrics?.candidate.invocations).toBe(0);
    expect(step?.reason).toContain('CloudWatch shows no invocation of the candidate in the window');
    expect(r.report.route?.after).toMatchObject({ kind: 'standard' });
  }, 180_000);

  it('held past the delay, the same release reads every invocation and is promoted', async () => {
    const r = await release('9');
    expectSucceeded(r);
    const first = r.report.cutover!.steps[0]!;
    expect(first.metrics?.candidate.invocations).toBeGreaterThan(0);
    expect(first.metrics?.production.invocations).toBeGreaterThan(0);
    expect(r.report.route?.after).toMatchObject({ kind: 'lmi' });
  }, 180_000);
});
