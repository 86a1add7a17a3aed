// Bring your own workload, first step: `lmi-cutover init` converts examples/orders-api (a plain
// SAM app with implicit API events, not in this tool's shape), and the pipeline's deploy puts
// the converted template on the local cloud. Production starts on the twin's first version,
// pinned on the stage, and the app answers through the stage exactly as before the conversion;
// a redeploy leaves the pinned production where it was.
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { convertTemplate } from '../../src/pipeline/init/convert.js';
import { expectSucceeded, REPO_ROOT, stackOutputs, startE2eCloud, type E2eCloud } from './harness.js';
import { getStage } from './stage.js';

const STACK = 'orders-e2e';
let cloud: E2eCloud;
let dir: string;
let template: string;

beforeAll(async () => {
  cloud = await startE2eCloud();
  // The converted template next to the example's code, as a team would commit it.
  dir = await mkdtemp(join(tmpdir(), 'lmi-orders-'));
  await cp(join(REPO_ROOT, 'examples/orders-api/src'), join(dir, 'src'), { recursive: true });
  const source = await readFile(join(REPO_ROOT, 'examples/orders-api/template.yaml'), 'utf8');
  template = join(dir, 'lmi-template.yaml');
  await writeFile(template, convertTemplate(source, { source: 'template.yaml' }).text);
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const deploy = () =>
  cloud.run({
    mode: 'deploy',
    stackName: STACK,
    template,
    signingSecret: false,
    inputs: { 'keep-versions': '5' },
  });

async function call(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('init → deploy of examples/orders-api on the local cloud', () => {
  let outputs: Readonly<Record<string, string>>;

  it('deploys the converted app; production is the twin’s first version, pinned on the stage', async () => {
    const r = await deploy();
    expectSucceeded(r);
    outputs = stackOutputs(r);
    expect(outputs).toMatchObject({ LmiVersion: '1', StandardVersion: '1', StageName: 'Prod' });
    const stage = await getStage(cloud, outputs);
    expect(stage.variables).toEqual({ liveFunction: `${outputs.StandardFunctionName}:1` });
    // The output that named SAM's implicit API follows the new one.
    expect(outputs.OrdersApiUrl).toContain(outputs.RestApiId);
  }, 120_000);

  it('answers through the stage as the app did: ping, create an order, read it back', async () => {
    expect(await call(`${outputs.ApiUrl}/ping`)).toEqual({ status: 200, body: { ok: true } });
    const created = await call(`${outputs.ApiUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'A-1', qty: 2 }),
    });
    expect(created).toMatchObject({ status: 201, body: { sku: 'A-1', qty: 2 } });
    const read = await call(`${outputs.ApiUrl}/orders/${String(created.body.id)}`);
    expect(read).toEqual({ status: 200, body: { id: created.body.id, sku: 'A-1', qty: 2 } });
    expect((await call(`${outputs.ApiUrl}/orders`, { method: 'POST', body: 'no' })).status).toBe(400);
  }, 60_000);

  it('a redeploy passes the pinned production back: the stage does not move', async () => {
    const r = await deploy();
    expectSucceeded(r);
    expect(r.progress.lines).toContainEqual(
      expect.stringContaining(`deploying with LiveFunction=${outputs.StandardFunctionName}:1`),
    );
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: `${outputs.StandardFunctionName}:1`,
    });
  }, 120_000);
});

describe('the routing contract alone: a converted template without the pipeline’s outputs', () => {
  it('deploys, and the pipeline finds functions, versions, API and stage from Metadata lmi-cutover', async () => {
    // Only the app's own output is left: every value the pipeline reads comes from the contract.
    const converted = await readFile(template, 'utf8');
    const bare = converted.replace(/\n {2}ApiUrl:\n[\s\S]*$/, '\n');
    expect(bare).not.toContain('LmiFunctionName');
    expect(bare).toContain('OrdersApiUrl');
    const path = join(dir, 'contract-only.yaml');
    await writeFile(path, bare);
    const r = await cloud.run({
      mode: 'deploy',
      stackName: 'orders-contract-e2e',
      template: path,
      signingSecret: false,
      inputs: { 'keep-versions': '5' },
    });
    expectSucceeded(r);
    const outputs = stackOutputs(r);
    expect(outputs).toMatchObject({
      LmiVersion: '1',
      StandardVersion: '1',
      StageName: 'Prod',
      LmiFunctionName: expect.stringContaining('OrdersFunctionLmi'),
      StandardFunctionName: expect.stringMatching(/OrdersFunction-/),
      LmiAliasArn: expect.stringMatching(/:function:.*OrdersFunctionLmi.*:live$/),
      CapacityProviderArn: expect.stringMatching(/^arn:/),
    });
    expect(outputs.OrdersApiUrl).toContain(outputs.RestApiId);
    // The derived stage URL is the local cloud's execute-api form, and it serves the app.
    expect(await call(`${outputs.ApiUrl}/ping`)).toEqual({ status: 200, body: { ok: true } });
    expect((await getStage(cloud, outputs)).variables).toEqual({
      liveFunction: `${outputs.StandardFunctionName}:1`,
    });
  }, 120_000);
});
