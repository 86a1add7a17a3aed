// Checks are the user's: examples/orders-api (converted by `lmi-cutover init`, no webhook
// contract, no events table) is verified with its own checks file. Each check reaches the
// candidate LMI version and the twin's candidate version by number, as the stage's proxy event;
// the concurrency check is skipped, said so, never passed in silence.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

const verify = (checks: string) =>
  cloud.run({
    mode: 'verify',
    stackName: STACK,
    template: TEMPLATE,
    signingSecret: false,
    inputs: { checks, 'keep-versions': '5' },
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
  it('runs every check on LMI v1 and twin v1, and says the concurrency check was skipped', async () => {
    const r = await verify(await checksFile('checks.yaml', CHECKS));
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
    expect(progressText(r)).toContain(
      `${r.report.deploy?.outputs.LmiFunctionName}:1: 3/3 smoke checks passed`,
    );
    expect(progressText(r)).toContain(
      `${r.report.deploy?.outputs.StandardFunctionName}:1: 3/3 smoke checks passed`,
    );
    const load = r.report.timeline.find((t) => t.stage === 'load');
    expect(load).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringContaining('no webhook contract'),
    });
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
