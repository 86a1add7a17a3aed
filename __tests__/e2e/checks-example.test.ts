// Checks are the user's: examples/orders-api (converted by `lmi-cutover init`, no webhook
// contract, no events table) is verified with its own checks file. Each check reaches the
// candidate LMI version and the twin's candidate version by number, as the stage's proxy event.
// The file's `load:` request is the concurrency check's burst at both candidates, judged by its
// `expect` and gated like the webhook's; without `load:` the concurrency check is skipped, said
// so, never passed in silence. Isolation (an events-table read-back) never applies here.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { expectSucceeded, progressText, startE2eCloud, type E2eCloud } from './harness.js';

const STACK = 'orders-checks-e2e';
const TEMPLATE = 'examples/orders-api/lmi-template.yaml';
let cloud: E2eCloud;
let dir: string;

const CHECKS = `
checks:
  - name: ping
    request: { method: GET, path: /ping }
    expect: { status: 200, json: { ok: true }, headers: { Content-Type: application/json } }
  - name: create order
    request: { method: POST, path: /orders, headers: { content-type: application/json }, body: { sku: A-1, qty: 2 } }
    expect: { status: 201, json: { sku: A-1, qty: 2 }, bodyMatches: '"id":"[0-9a-f-]{36}"' }
  # Routed on /orders/{id} with pathParameters.id, as the stage would: a broken route answers "no route".
  - name: unknown order
    request: { method: GET, path: /orders/nope }
    expect: { status: 404, json: { message: no order nope } }
load:
  request: { method: POST, path: /orders, body: { sku: L-1, qty: 1 } }
  expect: { status: 201 }
`;

// The app answers 201 Created; a load request expecting 200 fails every request of the burst.
const LOAD_WRONG = CHECKS.replace('expect: { status: 201 }\n', 'expect: { status: 200 }\n');

const NO_LOAD = CHECKS.slice(0, CHECKS.indexOf('load:'));

const WRONG = `
checks:
  - name: ping
    request: { method: GET, path: /ping }
    expect: { status: 200 }
  - name: order of three
    request: { method: POST, path: /orders, body: { sku: A-1, qty: 2 } }
    expect: { status: 201, json: { qty: 3 } }
`;

async function checksFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const verify = (checks: string, inputs: Record<string, string> = {}) =>
  cloud.run({
    mode: 'verify',
    stackName: STACK,
    template: TEMPLATE,
    signingSecret: false,
    // Small, for 2 cores: 4 in flight, 16 requests per side.
    inputs: { checks, 'keep-versions': '5', concurrency: '4', 'load-requests': '16', ...inputs },
  });

beforeAll(async () => {
  cloud = await startE2eCloud();
  dir = await mkdtemp(join(tmpdir(), 'lmi-checks-'));
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('verify examples/orders-api with its own checks file', () => {
  it('runs every check on LMI v1 and twin v1, then the load request at both, side by side, and the sweep', async () => {
    const r = await verify(await checksFile('checks.yaml', CHECKS), { 'concurrency-sweep': '1,2' });
    expectSucceeded(r);
    expect(r.report.run.outcome).toBe('success');
    const checks = r.report.smoke?.checks ?? [];
    expect(checks.map((c) => [c.target, c.name, c.passed])).toEqual([
      ['lmi', 'ping', true],
      ['lmi', 'create order', true],
      ['lmi', 'unknown order', true],
      ['standard', 'ping', true],
      ['standard', 'create order', true],
      ['standard', 'unknown order', true],
    ]);
    expect(checks[1]).toMatchObject({ request: 'POST /orders', actual: expect.stringMatching(/^201 /) });
    // Exact attribution: the versions this deploy published, by number.
    const lmiFunction = r.report.deploy?.outputs.LmiFunctionName;
    const twinFunction = r.report.deploy?.outputs.StandardFunctionName;
    expect(progressText(r)).toContain(`${lmiFunction}:1: 3/3 smoke checks passed`);
    expect(progressText(r)).toContain(`${twinFunction}:1: 3/3 smoke checks passed`);

    // The load stage: the same burst at both candidate versions, every answer a 201.
    expect(r.report.timeline.find((t) => t.stage === 'load')).toMatchObject({ outcome: 'passed' });
    const { lmi, standard } = r.report.load!;
    for (const [side, result, fn] of [
      ['lmi', lmi, lmiFunction],
      ['standard', standard!, twinFunction],
    ] as const) {
      expect(result).toMatchObject({
        target: side,
        functionName: fn,
        qualifier: '1',
        concurrency: 4,
        requests: 16,
        errors: 0,
        errorRate: 0,
        throttles: 0,
        throttleRate: 0,
      });
      expect(result.latency.count).toBe(16);
      expect(result.latency.p95).toBeGreaterThan(0);
      expect(result.throughputRps).toBeGreaterThan(0);
      // Nothing invented: the app reports no environment, and there is no table to read back.
      expect(result.environments).toBeUndefined();
      expect(result.peakInFlightPerEnvironment).toBeUndefined();
      expect(result.isolation).toBeUndefined();
    }
    expect(r.report.load!.gates.map((g) => [g.name, g.passed])).toEqual([
      ['max-error-rate', true],
      ['max-p95-ms', true],
      ['max-throttle-rate', true],
    ]);
    expect(progressText(r)).toContain(`${lmiFunction}:1: 16 × POST /orders, 4 in flight (LMI version)`);
    expect(progressText(r)).toContain(`${twinFunction}:1: 16 × POST /orders, 4 in flight (standard twin)`);
    expect(r.progress.codes).toContain('verify.isolation-not-applicable');
    expect(r.outputs['p95-ms']).toBe(String(lmi.latency.p95));
    expect(r.outputs.environments).toBeUndefined();
    // The report shows the load section as for the webhook, isolation as not applicable.
    const md = renderMarkdown(r.report, { limit: COMMENT_LIMIT, marker: commentMarker(STACK) });
    expect(md).toContain('### Concurrency check: LMI vs standard twin');
    expect(md).toContain('not applicable: no events table to read back');
    expect(md).toContain('unknown: the app does not report its environment');
    expect(renderText(r.report)).toContain('n/a (no events table)');
    // The sweep sends the load request at the LMI version: level × 3 in flight, 4 requests each.
    expect(r.report.timeline.find((t) => t.stage === 'sweep')).toMatchObject({ outcome: 'passed' });
    expect(
      r.report.load!.sweep?.map((p) => [p.concurrencyPerEnvironment, p.errorRate, p.latency.count]),
    ).toEqual([
      [1, 0, 12],
      [2, 0, 24],
    ]);
    expect(r.reportProblems).toEqual([]);
  }, 180_000);

  it('fails the load gate with GATE_FAILED when the answers do not meet load.expect', async () => {
    const r = await verify(await checksFile('load-wrong.yaml', LOAD_WRONG));
    expect(r.error?.code).toBe('GATE_FAILED');
    expect(r.error?.details).toContainEqual(
      expect.stringContaining('max-error-rate: 100% of 16 requests failed (16)'),
    );
    expect(r.report.smoke?.passed).toBe(true);
    expect(r.report.timeline.find((t) => t.stage === 'load')).toMatchObject({
      outcome: 'failed',
      detail: 'GATE_FAILED',
    });
    // The figures of both sides reach the report before the gate stops the run.
    expect(r.report.load?.lmi).toMatchObject({ requests: 16, errors: 16, errorRate: 1 });
    expect(r.report.load?.standard).toMatchObject({ requests: 16, errors: 16, errorRate: 1 });
    expect(r.report.load?.gates.find((g) => g.name === 'max-error-rate')).toMatchObject({
      passed: false,
      actual: 1,
    });
    // The cause, in the log.
    expect(progressText(r)).toContain('status 201, not 200');
  }, 180_000);

  it('says the concurrency check was skipped when the file declares no load request', async () => {
    const r = await verify(await checksFile('no-load.yaml', NO_LOAD));
    expectSucceeded(r);
    const load = r.report.timeline.find((t) => t.stage === 'load');
    expect(load).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringContaining('declares no `load:` request'),
    });
    expect(r.report.load).toBeUndefined();
    expect(progressText(r)).toContain('NOT load-tested');
    expect(r.reportProblems).toEqual([]);
  }, 180_000);

  it('fails with SMOKE_FAILED naming the check and the difference when the app does not meet it', async () => {
    const r = await verify(await checksFile('wrong.yaml', WRONG));
    expect(r.error?.code).toBe('SMOKE_FAILED');
    expect(r.error?.details).toContainEqual(expect.stringContaining('[LMI] order of three: POST /orders'));
    expect(r.error?.details).toContainEqual(expect.stringContaining('$.qty is 2, not 3'));
    expect(r.report.smoke?.checks.filter((c) => !c.passed).map((c) => c.target)).toEqual(['lmi', 'standard']);
    expect(r.report.timeline.find((t) => t.stage === 'load')?.outcome).toBe('skipped');
  }, 180_000);
});
