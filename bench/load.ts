// `npm run bench:load`: the load generator's own overhead. The concurrency check's burst code
// (fireBurst: signed webhooks as proxy events, Lambda Invoke with the log tail through the
// load client sized to the concurrency, each request timed on its own) fires at an LMI
// version on the emulator whose handler awaits 200 ms and answers like the workload. The
// median it measures at 64, 256 and 1,000 in flight is printed as a ratio to 200 ms (goals:
// at most 1.05 at 256 and 1.10 at 1,000), next to the function's own Duration from the REPORT
// lines (what the emulator's runtime adds), the generator's CPU per request and how busy its
// event loop was: a loop near 100 % means the figures include the generator's own queue.
//
// The emulator runs in a child process (`npm run local`), as AWS would be elsewhere, so this
// process holds the generator alone and its CPU is the generator's own; on a small machine both
// still share the same cores.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  LambdaClient,
  PublishVersionCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import yazl from 'yazl';
import { useEmulatorCredentials } from '../scripts/demo/local-cloud.js';
import { parseConfig } from '../src/config/config.js';
import type { PipelineContext } from '../src/pipeline/context.js';
import type { Progress } from '../src/core/progress.js';
import { isAccepted } from '../src/pipeline/verify/load/sample.js';
import { fireWebhookBurst, type WebhookBurstPlan } from '../src/pipeline/verify/load/webhook-burst.js';
import { newSigningSecret, signingSecrets } from '../src/pipeline/webhook/signature.js';
import { createPipelineContext } from '../src/pipeline/run.js';
import { summarizeLatencies } from '../src/core/stats.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const HANDLER_MS = 200;
const LEVELS = [
  { concurrency: 64, goal: undefined },
  { concurrency: 256, goal: 1.05 },
  { concurrency: 1000, goal: 1.1 },
];
/** Measured requests per level, as multiples of its concurrency (after one warm-up burst). */
const WAVES = 3;
/**
 * 3 environments (Lambda's minimum) × 350 admit 1,050 in flight; 2 GB at 2 GiB per vCPU is
 * one worker thread per environment, so 3 threads share this machine's CPUs with the generator.
 */
const PER_ENVIRONMENT = 350;
const FUNCTION_NAME = 'bench-load-sleeper';

// Answers like the workload (README: Responses), so the burst reads it as a stored event.
const HANDLER = `
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
const environmentId = process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? randomUUID();
export const handler = async (event, context) => {
  await sleep(${HANDLER_MS});
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: 'stored',
      request_id: context.awsRequestId,
      environment_id: environmentId,
      event_id: randomUUID(),
      compute_type: 'lambda-managed-instances',
    }),
  };
};
`;

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(files))
    zip.addBuffer(Buffer.from(body), name, { mtime: new Date(0) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface LocalCloud {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/** `npm run local` as a child process: the emulator on its own event loop. */
async function startLocalCloud(): Promise<LocalCloud> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/local.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LMI_LOCAL_PORT: '0', LMI_LOCAL_PROVISIONING_MS: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    // local.ts prints `export AWS_ENDPOINT_URL=…` lines once it listens.
    const vars: Record<string, string> = {};
    for await (const line of createInterface({ input: child.stdout })) {
      const m = /^export (\w+)=(.*)$/.exec(line);
      if (m) vars[m[1]!] = m[2]!;
      if (vars.AWS_ENDPOINT_URL && vars.AWS_REGION && vars.AWS_ACCESS_KEY_ID && vars.AWS_SECRET_ACCESS_KEY)
        break;
    }
    if (!vars.AWS_SECRET_ACCESS_KEY) throw new Error(`the local cloud did not start:\n${stderr}`);
    return {
      endpoint: vars.AWS_ENDPOINT_URL!,
      region: vars.AWS_REGION!,
      credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Creates the LMI function and publishes version 1; resolves once it is Active. */
async function deploySleeper(cloud: LocalCloud): Promise<string> {
  const lambda = new LambdaClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: cloud.credentials,
  });
  try {
    const cp = await lambda.send(
      new CreateCapacityProviderCommand({
        CapacityProviderName: 'bench-load',
        VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0123abcd'] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::000000000000:role/operator' },
        InstanceRequirements: { Architectures: ['arm64'] },
      }),
    );
    await waitForCapacityProvider(lambda, 'bench-load');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION_NAME,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Role: 'arn:aws:iam::000000000000:role/bench',
        Handler: 'index.handler',
        MemorySize: 2048,
        Timeout: 30,
        Code: { ZipFile: await zipOf({ 'index.mjs': HANDLER }) },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: cp.CapacityProvider!.CapacityProviderArn!,
            PerExecutionEnvironmentMaxConcurrency: PER_ENVIRONMENT,
            ExecutionEnvironmentMemoryGiBPerVCpu: 2,
          },
        },
      }),
    );
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION_NAME }));
    await waitUntilPublishedVersionActive(
      { client: lambda, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { FunctionName: FUNCTION_NAME, Qualifier: Version },
    );
    return Version!;
  } finally {
    lambda.destroy();
  }
}

async function waitForCapacityProvider(lambda: LambdaClient, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: name }));
    if (res.CapacityProvider?.State === 'Active') return;
    await sleep(50);
  }
  throw new Error(`capacity provider ${name} did not become Active`);
}

const quiet: Progress = {
  emit: (m, text) => {
    if (m.level === 'warn' || m.level === 'error') console.warn(text);
  },
  group: (_name, fn) => fn(),
  mask: () => undefined,
};

interface LevelFigures {
  readonly concurrency: number;
  readonly goal?: number;
  readonly median: number;
  readonly p99: number;
  /** Median of the function's own Duration (REPORT lines). */
  readonly functionMedian: number;
  /** This process's CPU (user + system) per request, in ms. */
  readonly cpuPerRequestMs: number;
  /** Share of the burst's wall time the event loop was busy, 0..1. */
  readonly eventLoopBusy: number;
  readonly requests: number;
  readonly failed: number;
}

async function measureLevel(
  ctx: PipelineContext,
  version: string,
  level: (typeof LEVELS)[number],
): Promise<LevelFigures> {
  const { concurrency } = level;
  // One client per level, sized to it, exactly as the load stage makes it.
  const lambda = ctx.aws.lambdaForLoad(concurrency);
  const plan = (requests: number): WebhookBurstPlan => ({
    target: { side: 'lmi', functionName: FUNCTION_NAME, qualifier: version },
    stage: {
      restApiId: 'benchapi01',
      stageName: 'prod',
      domainName: 'benchapi01.execute-api.us-east-1.amazonaws.com',
      accountId: '000000000000',
      stageVariables: { liveFunction: `${FUNCTION_NAME}:live` },
    },
    concurrency,
    requests,
    kind: 'load',
    runId: `bench${concurrency}`,
    secrets: signingSecrets(newSigningSecret()),
  });
  // Warm-up: sockets opened, code paths compiled; not measured.
  await fireWebhookBurst(ctx, { lambda }, plan(concurrency));
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const burst = await fireWebhookBurst(ctx, { lambda }, plan(WAVES * concurrency));
  const cpuUsed = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(loop);
  const answered = burst.samples.filter(isAccepted);
  const latency = summarizeLatencies(answered.map((s) => s.latencyMs));
  const own = summarizeLatencies(answered.flatMap((s) => (s.durationMs === undefined ? [] : [s.durationMs])));
  return {
    concurrency,
    goal: level.goal,
    median: latency.p50,
    p99: latency.p99,
    functionMedian: own.p50,
    cpuPerRequestMs: (cpuUsed.user + cpuUsed.system) / 1000 / burst.samples.length,
    eventLoopBusy: busy.utilization,
    requests: burst.samples.length,
    failed: burst.samples.length - answered.length,
  };
}

function printTable(rows: readonly LevelFigures[]): void {
  const ratio = (ms: number) => (ms / HANDLER_MS).toFixed(3);
  const table = [
    [
      'in flight',
      'median',
      'ratio',
      'goal',
      'p99',
      'fn ratio',
      'CPU/request',
      'loop busy',
      'needs',
      'failed',
    ],
    ...rows.map((r) => [
      String(r.concurrency),
      `${r.median.toFixed(1)} ms`,
      ratio(r.median),
      r.goal === undefined
        ? '-'
        : `≤ ${r.goal.toFixed(2)} ${r.median / HANDLER_MS <= r.goal ? 'met' : 'missed'}`,
      `${r.p99.toFixed(1)} ms`,
      ratio(r.functionMedian),
      `${r.cpuPerRequestMs.toFixed(2)} ms`,
      `${Math.round(r.eventLoopBusy * 100)} %`,
      // CPU the generator needs to keep `concurrency` requests of 200 ms in flight.
      `${Math.round(((r.concurrency * 1000) / HANDLER_MS) * r.cpuPerRequestMs) / 10} %`,
      `${r.failed}/${r.requests}`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
}

async function main(): Promise<void> {
  console.log(
    `load generator bench: the concurrency check's burst against an LMI function that awaits ${HANDLER_MS} ms; ` +
      `Node ${process.version}, ${availableParallelism()} CPU(s)`,
  );
  const cloud = await startLocalCloud();
  let restore: (() => void) | undefined;
  let ctx: PipelineContext | undefined;
  try {
    const version = await deploySleeper(cloud);
    // The load client resolves credentials through the SDK's chain, as in the pipeline.
    restore = useEmulatorCredentials(cloud);
    const config = parseConfig(
      { 'stack-name': 'bench-load', region: cloud.region, 'endpoint-url': cloud.endpoint },
      { env: {} },
    );
    ctx = createPipelineContext({ config, progress: quiet, aws: { env: {} } });
    const rows: LevelFigures[] = [];
    for (const level of LEVELS) rows.push(await measureLevel(ctx, version, level));
    printTable(rows);
    console.log(
      [
        `ratio: the median the generator measured ÷ ${HANDLER_MS} ms. fn ratio: the handler's own Duration from the`,
        `REPORT lines ÷ ${HANDLER_MS} ms (the emulator's runtime alone). CPU/request and loop busy: this process, which`,
        `holds only the generator; needs: the share of one core it must spend to keep that many ${HANDLER_MS} ms`,
        `requests in flight. Above 100 % its event loop queues requests, and the ratio measures that queue.`,
      ].join('\n'),
    );
  } finally {
    ctx?.aws.destroy();
    await cloud.stop();
    restore?.();
  }
}

await main();
