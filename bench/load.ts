// `npm run bench:load`: the load generator's own overhead. The concurrency check's burst
// (fireWebhookBurst through the run's load client: load workers, the direct invoker, signed
// webhooks as proxy events with the log tail, each request timed on its own) fires at an LMI
// version on the local cloud whose handler awaits 200 ms and answers like the workload. Per
// level (64, 256 and 1,000 in flight) it prints the median as a ratio to 200 ms, next to the
// function's own Duration from the REPORT lines (what the local cloud's runtime adds), the
// generator's CPU per request (every thread of this process), its busiest event loop, the
// local cloud's CPU, and autocannon hitting the same Invoke endpoint with the same
// concurrency (one pre-signed request repeated, in a process of its own) for comparison.
// Goals on a 2-core machine shared with the local cloud: ratio ≤ 1.10 at 256 and ≤ 0.30 ms of
// CPU per signed invoke; at 1,000 it says whether the generator or the machine is the limit.
// `--sdk` measures the SDK path in the main thread instead (the generator before load workers);
// `--workers N` sets load-workers (default: one worker per 256 in flight, up to the CPU count).
//
// The local cloud runs in a child process (`npm run local`), as AWS would be elsewhere, so this
// process holds the generator alone and its CPU is the generator's own; on a small machine both
// still share the same cores.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
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
import { createAwsClient } from '../src/aws/clients.js';
import { useEmulatorCredentials } from '../scripts/demo/local-cloud.js';
import { parseConfig } from '../src/config/config.js';
import type { PipelineContext } from '../src/pipeline/context.js';
import type { Progress } from '../src/core/progress.js';
import { isAccepted } from '../src/pipeline/verify/load/sample.js';
import { generatorLimited } from '../src/pipeline/verify/load/generator-load.js';
import { invokeShape, signedInvokeHeaders, basePath } from '../src/aws/lambda-invoke.js';
import { RequestSigner, amzDate } from '../src/aws/sigv4.js';
import { CheckPayloads } from '../src/pipeline/verify/load/check-payload.js';
import { fireWebhookBurst, type WebhookBurstPlan } from '../src/pipeline/verify/load/webhook-burst.js';
import { newSigningSecret, signingSecrets } from '../src/pipeline/webhook/signature.js';
import { createPipelineContext } from '../src/pipeline/run.js';
import { summarizeLatencies } from '../src/core/stats.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const HANDLER_MS = 200;
const LEVELS = [
  { concurrency: 64, goal: undefined },
  { concurrency: 256, goal: 1.1 },
  { concurrency: 1000, goal: undefined },
].filter(
  (l) => !process.env.BENCH_LEVELS || process.env.BENCH_LEVELS.split(',').includes(String(l.concurrency)),
);
const CPU_GOAL_MS = 0.3;
/** The local cloud's event loop busier than this over a burst queues the requests it serves. */
const CLOUD_LOOP_BUSY_LIMIT = 0.7;
const SDK_PATH = process.argv.includes('--sdk');
const WORKERS = process.argv.includes('--workers')
  ? process.argv[process.argv.indexOf('--workers') + 1]
  : undefined;
/** Measured requests per level: 3 waves of its concurrency, at least 2,000 (after a warm-up burst). */
const WAVES = 3;
const MIN_MEASURED = 2000;
/** Warm-up: long enough for the JIT to settle in every worker, as in a check of 10 × concurrency. */
const MIN_WARM_UP = 1000;
const measured = (concurrency: number) => Math.max(WAVES * concurrency, MIN_MEASURED);
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
  readonly pid: number;
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
      pid: child.pid!,
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
  /** This process's CPU (user + system, every thread) per request, in ms. */
  readonly cpuPerRequestMs: number;
  /** The load workers' own share of it. */
  readonly workerCpuPerRequestMs?: number;
  /** The whole machine's busy share over the burst, every process, 0..1. */
  readonly machineBusy: number;
  /** The busiest sending event loop's utilisation over the burst, 0..1. */
  readonly eventLoopBusy: number;
  /** How late the latest sending loop ran (p99, ms). */
  readonly eventLoopDelayMs?: number;
  /** Cores this process kept busy. */
  readonly coresUsed: number;
  /** Cores the local cloud's process kept busy. */
  readonly cloudCores: number;
  /** The share of the burst the local cloud's main thread (its one event loop) was on a CPU, 0..1. */
  readonly cloudLoopBusy: number;
  readonly limited?: string;
  readonly requests: number;
  readonly failed: number;
  /** Threads that sent the burst. */
  readonly senders: number;
  readonly autocannon: AutocannonFigures;
}

interface AutocannonFigures {
  readonly median: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly cpuMs: number;
  readonly eventLoopBusy: number;
}

/**
 * CPU ms (user + system) a process has used, from /proc: the local cloud's share. `thread`: one
 * thread's only (its main thread has the process's id).
 */
function processCpuMs(pid: number, thread?: number): number {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The machine's CPU ticks, busy and idle, from /proc/stat (every process: others' too). */
function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: cpu[3]! + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
}

const execFileAsync = promisify(execFile);

/** autocannon at the same Invoke endpoint and concurrency: one signed request, sent over and over. */
async function runAutocannon(
  cloud: LocalCloud,
  version: string,
  concurrency: number,
): Promise<AutocannonFigures> {
  const url = new URL(cloud.endpoint);
  const shape = invokeShape(basePath(url), FUNCTION_NAME, version);
  const payloads = new CheckPayloads({
    stage: benchStage,
    mark: { run: 'autocannon', kind: 'load', target: 'lmi' },
    secrets: [newSigningSecret()],
  });
  const { payload } = payloads.build(1, Date.now());
  const flat = signedInvokeHeaders(
    { host: url.host, shape, signer: new RequestSigner(cloud.region, 'lambda') },
    { payload, logTail: true },
    cloud.credentials,
    amzDate(Date.now()),
  );
  const headers: Record<string, string> = {};
  // autocannon writes Host and Content-Length itself.
  for (let i = 0; i < flat.length; i += 2)
    if (flat[i] !== 'host' && flat[i] !== 'content-length') headers[flat[i]!] = flat[i + 1]!;
  const job = {
    url: `${url.origin}${shape.path}`,
    connections: concurrency,
    amount: measured(concurrency),
    headers,
    body: payload.toString('utf8'),
  };
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', 'bench/autocannon-child.ts', JSON.stringify(job)],
    { cwd: REPO_ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as AutocannonFigures;
}

const benchStage = {
  restApiId: 'benchapi01',
  stageName: 'prod',
  domainName: 'benchapi01.execute-api.us-east-1.amazonaws.com',
  accountId: '000000000000',
  stageVariables: { liveFunction: `${FUNCTION_NAME}:live` },
};

async function measureLevel(
  ctx: PipelineContext,
  cloud: LocalCloud,
  version: string,
  level: (typeof LEVELS)[number],
): Promise<LevelFigures> {
  const { concurrency } = level;
  // One client per level, sized to it, exactly as the load stage makes it; --sdk: an SDK client
  // that is not the run's load client, so the burst goes through it in the main thread.
  const lambda = SDK_PATH
    ? createAwsClient(LambdaClient, {
        endpointUrl: cloud.endpoint,
        region: cloud.region,
        maxSockets: concurrency,
        maxAttempts: 1,
      })
    : ctx.aws.lambdaForLoad(concurrency);
  const plan = (requests: number): WebhookBurstPlan => ({
    target: { side: 'lmi', functionName: FUNCTION_NAME, qualifier: version },
    stage: benchStage,
    concurrency,
    requests,
    kind: 'load',
    runId: `bench${concurrency}`,
    secrets: signingSecrets(newSigningSecret()),
  });
  // Warm-up: workers started, sockets opened, code paths compiled; not measured.
  await fireWebhookBurst(ctx, { lambda }, plan(Math.max(concurrency, MIN_WARM_UP)));
  const cloudCpu = processCpuMs(cloud.pid);
  const cloudLoopCpu = processCpuMs(cloud.pid, cloud.pid);
  const machine = machineTicks();
  const burst = await fireWebhookBurst(ctx, { lambda }, plan(measured(concurrency)));
  const cloudCores = (processCpuMs(cloud.pid) - cloudCpu) / burst.wallMs;
  const cloudLoopBusy = (processCpuMs(cloud.pid, cloud.pid) - cloudLoopCpu) / burst.wallMs;
  const machineNow = machineTicks();
  const machineBusy = 1 - (machineNow.idle - machine.idle) / Math.max(1, machineNow.total - machine.total);
  if (SDK_PATH) lambda.destroy();
  const answered = burst.samples.filter(isAccepted);
  const latency = summarizeLatencies(answered.map((s) => s.latencyMs));
  const own = summarizeLatencies(answered.flatMap((s) => (s.durationMs === undefined ? [] : [s.durationMs])));
  const g = burst.generator!;
  return {
    concurrency,
    goal: level.goal,
    median: latency.p50,
    p99: latency.p99,
    functionMedian: own.p50,
    cpuPerRequestMs: g.cpuMsPerRequest,
    workerCpuPerRequestMs: g.workerCpuMsPerRequest,
    machineBusy,
    eventLoopBusy: g.eventLoopBusy,
    coresUsed: g.coresUsed,
    cloudCores,
    cloudLoopBusy,
    limited: generatorLimited(g, latency.p50)?.reason,
    eventLoopDelayMs: g.eventLoopDelayMs,
    requests: burst.samples.length,
    failed: burst.samples.length - answered.length,
    senders: g.senders,
    autocannon: await runAutocannon(cloud, version, concurrency),
  };
}

function printTable(rows: readonly LevelFigures[]): void {
  const ratio = (ms: number) => (ms / HANDLER_MS).toFixed(3);
  const table = [
    [
      'in flight',
      'threads',
      'median',
      'ratio',
      'goal',
      'p99',
      'fn ratio',
      'CPU/request',
      'in workers',
      'loop busy',
      'loop late',
      'cores',
      'cloud cores',
      'cloud loop',
      'machine busy',
      'failed',
      'autocannon ratio',
      'autocannon CPU/req',
      'its loop',
    ],
    ...rows.map((r) => [
      String(r.concurrency),
      String(r.senders),
      `${r.median.toFixed(1)} ms`,
      ratio(r.median),
      r.goal === undefined
        ? '-'
        : `≤ ${r.goal.toFixed(2)} ${r.median / HANDLER_MS <= r.goal ? 'met' : 'missed'}`,
      `${r.p99.toFixed(1)} ms`,
      ratio(r.functionMedian),
      `${r.cpuPerRequestMs.toFixed(3)} ms ${r.cpuPerRequestMs <= CPU_GOAL_MS ? '(met)' : '(missed)'}`,
      r.workerCpuPerRequestMs === undefined ? '-' : `${r.workerCpuPerRequestMs.toFixed(3)} ms`,
      `${Math.round(r.eventLoopBusy * 100)} %`,
      r.eventLoopDelayMs === undefined ? '-' : `${r.eventLoopDelayMs.toFixed(1)} ms`,
      r.coresUsed.toFixed(2),
      r.cloudCores.toFixed(2),
      `${Math.round(r.cloudLoopBusy * 100)} %`,
      `${Math.round(r.machineBusy * 100)} %`,
      `${r.failed}/${r.requests}`,
      ratio(r.autocannon.median),
      `${(r.autocannon.cpuMs / Math.max(1, r.autocannon.requests)).toFixed(3)} ms`,
      `${Math.round(r.autocannon.eventLoopBusy * 100)} %${r.autocannon.non2xx > 0 ? ` (${r.autocannon.non2xx} failed)` : ''}`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
}

/** Who set the pace at a level: the generator (its own verdict), or the machine it shares. */
function verdict(r: LevelFigures, cores: number): string {
  const ours = r.median / HANDLER_MS;
  const theirs = r.autocannon.median / HANDLER_MS;
  const figures =
    `ratio ${ours.toFixed(3)} (autocannon ${theirs.toFixed(3)}), generator loop ${Math.round(r.eventLoopBusy * 100)} % busy, ` +
    `generator ${r.coresUsed.toFixed(2)} + local cloud ${r.cloudCores.toFixed(2)} of ${cores} cores (its event loop ${Math.round(r.cloudLoopBusy * 100)} % busy), the machine ${Math.round(r.machineBusy * 100)} % busy`;
  const othersCores = r.machineBusy * cores - r.coresUsed - r.cloudCores;
  // A loop that waits for a CPU taken by other processes counts as busy too: the machine first.
  if (r.machineBusy > 0.85 && othersCores > r.coresUsed + r.cloudCores)
    return `${r.concurrency}: the machine is the limit — other processes took ${othersCores.toFixed(2)} of its ${cores} cores${r.limited ? ` (the generator's own verdict: ${r.limited})` : ''}; ${figures}`;
  if (r.limited) return `${r.concurrency}: the generator is the limit — ${r.limited}; ${figures}`;
  if (r.machineBusy > 0.85)
    return `${r.concurrency}: the machine is the limit — the generator and the local cloud take its cores; ${figures}`;
  // Every request passes through the local cloud's one event loop: busier than this, they queue there.
  if (r.cloudLoopBusy > CLOUD_LOOP_BUSY_LIMIT) {
    const shared =
      theirs < 0.9 * ours
        ? `; autocannon, whose process took less of the cores the local cloud shares, waited less (the generator's took ${r.coresUsed.toFixed(2)})`
        : '';
    return `${r.concurrency}: the local cloud is the limit — its event loop, which every request passes through, was busy ${Math.round(r.cloudLoopBusy * 100)} % of the burst${shared}; ${figures}`;
  }
  if (theirs >= 0.9 * ours)
    return `${r.concurrency}: the local cloud is the limit — autocannon, which does almost no work per request, waits as long; ${figures}`;
  return `${r.concurrency}: unclear — neither the generator nor the machine is saturated; ${figures}`;
}

async function main(): Promise<void> {
  console.log(
    `load generator bench: the concurrency check's burst against an LMI function that awaits ${HANDLER_MS} ms; ` +
      `Node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const cloud = await startLocalCloud();
  let restore: (() => void) | undefined;
  let ctx: PipelineContext | undefined;
  try {
    const version = await deploySleeper(cloud);
    // The load client resolves credentials through the SDK's chain, as in the pipeline.
    restore = useEmulatorCredentials(cloud);
    const config = parseConfig(
      {
        'stack-name': 'bench-load',
        region: cloud.region,
        'endpoint-url': cloud.endpoint,
        ...(WORKERS === undefined ? {} : { 'load-workers': WORKERS }),
      },
      { env: {} },
    );
    ctx = createPipelineContext({ config, progress: quiet, aws: { env: {} } });
    const rows: LevelFigures[] = [];
    for (const level of LEVELS) rows.push(await measureLevel(ctx, cloud, version, level));
    const workers = ctx.aws.loadWorkersFor(ctx.aws.lambdaForLoad(1));
    console.log(
      SDK_PATH || !workers
        ? 'path: the SDK client in the main thread (--sdk)'
        : `path: the direct invoker in load workers, ${
            workers.inFlightPerWorker > 1
              ? `one per ${workers.inFlightPerWorker} in flight, at most ${workers.max}`
              : `${workers.max} (--workers)`
          }`,
    );
    printTable(rows);
    for (const r of rows) console.log(verdict(r, availableParallelism()));
    console.log(
      [
        `ratio: the median the generator measured ÷ ${HANDLER_MS} ms. fn ratio: the handler's own Duration from the`,
        `REPORT lines ÷ ${HANDLER_MS} ms (the local cloud's runtime alone). CPU/request: this process (every thread),`,
        `which holds only the generator; goal ≤ ${CPU_GOAL_MS} ms. loop busy / late: its busiest sending event loop,`,
        'and how late the latest one ran (p99: how long an answer could wait to be read). cores /',
        'cloud cores: cores kept busy by the generator / by the local cloud during the burst. cloud loop: the',
        "local cloud's main thread (the one event loop every request passes through). autocannon: the same",
        'Invoke endpoint and concurrency, one pre-signed request repeated, in its own process (its CPU per request',
        'and event loop).',
      ].join('\n'),
    );
  } finally {
    ctx?.aws.destroy();
    await cloud.stop();
    restore?.();
  }
}

await main();
