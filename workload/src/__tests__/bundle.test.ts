// Builds app.ts the way `sam build` does from the template's esbuild Metadata and runs the
// bundle in a fresh Node.js process against loopback DynamoDB and SSM, as a deployed
// function (or the emulator) would: only environment variables and AWS_ENDPOINT_URL_*.
import './helpers/lmi-env.js';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { parseCloudFormation } from './helpers/cfn-yaml.js';
import { startDynalite, type LocalDynamo } from './helpers/dynalite.js';
import { startFakeSsm, type FakeSsm } from './helpers/fake-ssm.js';
import { TEST_SECRET, lambdaContext, proxyEvent, signedWebhook } from './helpers/requests.js';

const workloadDir = fileURLToPath(new URL('../../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'workload-bundle-'));
let dynamo: LocalDynamo;
let ssm: FakeSsm;

interface SamEsbuildProperties {
  EntryPoints: string[];
  Format: 'esm';
  Target: string;
  Minify: boolean;
  Sourcemap: boolean;
  OutExtension: string[];
  Banner: string[];
}

beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createEventsTable('bundle-events');
  // The fake SSM also plays the geocoding service, so the bundle's HTTP client runs too.
  ssm = await startFakeSsm(
    { name: '/bundle/secret', value: TEST_SECRET },
    {
      '/geocode': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"latitude":52.37,"longitude":4.9}'),
    },
  );
});
afterAll(async () => {
  await dynamo.close();
  await ssm.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('the esbuild bundle loads as app.mjs and serves webhooks through AWS_ENDPOINT_URL', async () => {
  const template = parseCloudFormation(readFileSync(join(workloadDir, 'template.yaml'), 'utf8'));
  const fn = template.Resources.WebhookLmiFunction!;
  const props = (fn.Metadata as { BuildProperties: SamEsbuildProperties }).BuildProperties;
  // The flags sam build passes for these BuildProperties (aws-lambda-builders nodejs_npm_esbuild).
  await build({
    absWorkingDir: join(workloadDir, 'src'),
    entryPoints: props.EntryPoints,
    bundle: true,
    platform: 'node',
    outdir: outDir,
    format: props.Format,
    target: props.Target,
    minify: props.Minify,
    sourcemap: props.Sourcemap,
    outExtension: Object.fromEntries(props.OutExtension.map((e) => e.split('='))),
    banner: Object.fromEntries(
      props.Banner.map((b) => [b.slice(0, b.indexOf('=')), b.slice(b.indexOf('=') + 1)]),
    ),
    logLevel: 'silent',
  });
  const handlerFile = `${String(fn.Properties!.Handler).split('.')[0]}.mjs`;

  const events = [
    { event: proxyEvent({ method: 'GET', path: '/health' }), context: lambdaContext('req-health') },
    { event: signedWebhook({ deliveryId: 'bundle-1' }), context: lambdaContext('req-webhook') },
  ];
  const runner = join(outDir, 'run.mjs');
  writeFileSync(
    runner,
    `import { handler } from './${handlerFile}';
     const calls = ${JSON.stringify(events)};
     const results = await Promise.all(calls.map(({ event, context }) => handler(event, context)));
     process.stdout.write('RESULTS ' + JSON.stringify(results) + '\\n');`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, ['--enable-source-maps', runner], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      AWS_LAMBDA_MAX_CONCURRENCY: '64',
      COMPUTE_TYPE: 'lambda-managed-instances',
      EVENTS_TABLE_NAME: 'bundle-events',
      SIGNING_SECRET_PARAMETER: '/bundle/secret',
      GEOCODING_URL: `${ssm.endpoint}/geocode`,
      FRAUD_SCORING_DELAY_MS: '5',
      LOYALTY_LOOKUP_DELAY_MS: '5',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    timeout: 20_000,
  });

  const resultLine = stdout.split('\n').find((l) => l.startsWith('RESULTS '));
  const [healthRes, webhookRes] = JSON.parse(resultLine!.slice('RESULTS '.length)) as {
    statusCode: number;
    body: string;
  }[];
  expect(healthRes!.statusCode).toBe(200);
  expect(JSON.parse(healthRes!.body)).toMatchObject({ status: 'ok', request_id: 'req-health' });
  expect(webhookRes!.statusCode).toBe(201);
  expect(JSON.parse(webhookRes!.body)).toMatchObject({
    status: 'stored',
    request_id: 'req-webhook',
    enrichment: { geocoding: { status: 'ok', http_status: 200, data: { latitude: 52.37 } } },
  });

  const logs = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(logs.filter((l) => l.message === 'webhook stored')).toEqual([
    expect.objectContaining({ function_request_id: 'req-webhook', delivery_id: 'bundle-1' }),
  ]);
  expect(logs.filter((l) => l.level === 'ERROR')).toEqual([]);
  expect(ssm.getParameterCalls).toBe(1); // read once at init, then served from the cache
});
