// `npm run bench:emulator`: how much the emulator's execution environments add to an
// invocation. A handler that awaits 200 ms is invoked at 1, 64 and 1,000 concurrent requests
// on LMI environments; the median latency is printed as a ratio to 200 ms (goals: ≤ 1.05 at
// 1 and 64, ≤ 1.10 at 1,000). Then the per-invoke overhead of a handler that returns at once,
// and how many environments the same burst of 48 takes on LMI versus standard Lambda.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as hdr from 'hdr-histogram-js';
import yazl from 'yazl';
import { startEmulator } from '../emulator/index.js';
import {
  createVersionRuntime,
  type FunctionVersionSpec,
  type InvokeResult,
  type LmiRuntimeConfig,
  type VersionRuntime,
} from '../emulator/runtime/index.js';

const HANDLER_MS = 200;
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__tests__/fixtures/runtime');
const OPTIONS = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4566',
  accessKeyId: 'bench',
  secretAccessKey: 'bench',
  accountConcurrencyLimit: 1000,
};

function versionSpec(fixture: string, lmi?: Partial<LmiRuntimeConfig>): FunctionVersionSpec {
  return {
    functionName: `bench-${fixture}`,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:bench-${fixture}:1`,
    version: '1',
    codeDir: path.join(FIXTURES, fixture),
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    memoryMb: 2048,
    timeoutSeconds: 30,
    environment: {},
    logGroupName: `/aws/lambda/bench-${fixture}`,
    lmi: lmi && {
      memoryGiBPerVCpu: 2,
      maxConcurrency: 64,
      maxVCpuCount: 400,
      minEnvironments: 3,
      scaleUpDelayMs: 1000,
      ...lmi,
    },
  };
}

const runtimes: VersionRuntime[] = [];
async function startRuntime(spec: FunctionVersionSpec): Promise<VersionRuntime> {
  const runtime = createVersionRuntime(spec, OPTIONS);
  runtimes.push(runtime);
  await runtime.start();
  return runtime;
}

async function timedInvoke(
  runtime: VersionRuntime,
  event: unknown,
): Promise<{ ms: number; result: InvokeResult }> {
  const started = performance.now();
  const result = await runtime.invoke({
    payload: Buffer.from(JSON.stringify(event)),
    requestId: randomUUID(),
  });
  if (result.functionError) throw new Error(`bench invocation failed: ${result.payload.toString()}`);
  return { ms: performance.now() - started, result };
}

/** Runs `waves` bursts of `concurrency` invocations; returns the latency histogram (µs). */
async function measure(runtime: VersionRuntime, concurrency: number, waves: number, event: unknown) {
  const histogram = hdr.build();
  for (let wave = 0; wave < waves; wave++) {
    const timings = await Promise.all(Array.from({ length: concurrency }, () => timedInvoke(runtime, event)));
    for (const { ms } of timings) histogram.recordValue(Math.round(ms * 1000));
  }
  return histogram;
}

const ms = (micros: number) => micros / 1000;

async function latencyAt(concurrency: number, waves: number, lmi: Partial<LmiRuntimeConfig>, goal?: number) {
  const runtime = await startRuntime(versionSpec('sleeper', lmi));
  await measure(runtime, concurrency, 1, { ms: 20 }); // warm the JIT and the message path
  const histogram = await measure(runtime, concurrency, waves, { ms: HANDLER_MS });
  const median = ms(histogram.getValueAtPercentile(50));
  const ratio = median / HANDLER_MS;
  const environments = runtime.counters().environments;
  console.log(
    `concurrency ${String(concurrency).padStart(5)}: median ${median.toFixed(1)} ms, ratio ${ratio.toFixed(3)} ` +
      (goal === undefined
        ? '(no goal)'
        : `(goal ≤ ${goal.toFixed(2)}, ${ratio <= goal ? 'met' : 'MISSED'})`) +
      `; p99 ${ms(histogram.getValueAtPercentile(99)).toFixed(1)} ms; ` +
      `${histogram.totalCount} invokes on ${environments} LMI environment(s) × max concurrency ${lmi.maxConcurrency}`,
  );
  await runtime.stop();
  return median;
}

async function overhead(): Promise<void> {
  const runtime = await startRuntime(versionSpec('esm', { minEnvironments: 1 }));
  await measure(runtime, 1, 200, {});
  const sequential = await measure(runtime, 1, 1000, {});
  console.log(
    `per-invoke overhead (handler returns at once, sequential): median ${ms(sequential.getValueAtPercentile(50)).toFixed(3)} ms, ` +
      `p99 ${ms(sequential.getValueAtPercentile(99)).toFixed(3)} ms over ${sequential.totalCount} invokes`,
  );
  await runtime.stop();
}

/** The same handler through Lambda Invoke on the emulator: what the SDK, HTTP and routing add. */
async function invokeApiOverhead(): Promise<void> {
  const emu = await startEmulator({ runCode: true });
  const lambda = new LambdaClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials,
  });
  try {
    const zip = new yazl.ZipFile();
    zip.addBuffer(readFileSync(path.join(FIXTURES, 'esm', 'index.mjs')), 'index.mjs');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'bench-esm',
        Runtime: 'nodejs22.x',
        Role: 'arn:aws:iam::000000000000:role/bench',
        Handler: 'index.handler',
        Code: { ZipFile: Buffer.concat(chunks) },
      }),
    );
    const histogram = hdr.build();
    for (let i = 0; i < 1200; i++) {
      const started = performance.now();
      await lambda.send(new InvokeCommand({ FunctionName: 'bench-esm', Payload: Buffer.from('{}') }));
      if (i >= 200) histogram.recordValue(Math.round((performance.now() - started) * 1000));
    }
    console.log(
      `per-invoke overhead through the Invoke API (SDK → HTTP → runtime, sequential): median ` +
        `${ms(histogram.getValueAtPercentile(50)).toFixed(3)} ms, p99 ${ms(histogram.getValueAtPercentile(99)).toFixed(3)} ms ` +
        `over ${histogram.totalCount} invokes`,
    );
  } finally {
    lambda.destroy();
    await emu.stop();
  }
}

async function environmentsForBurst(burst: number): Promise<void> {
  const lmi = await startRuntime(versionSpec('sleeper', { maxConcurrency: 16, minEnvironments: 3 }));
  const lmiResults = await Promise.all(
    Array.from({ length: burst }, () => timedInvoke(lmi, { ms: HANDLER_MS })),
  );
  const standard = await startRuntime(versionSpec('sleeper'));
  const standardResults = await Promise.all(
    Array.from({ length: burst }, () => timedInvoke(standard, { ms: HANDLER_MS })),
  );
  const distinct = (results: { result: InvokeResult }[]) =>
    new Set(results.map((r) => r.result.environmentId)).size;
  const initMs = standardResults.map((r) => r.result.initDurationMs ?? 0).sort((a, b) => a - b);
  console.log(
    `environments for a burst of ${burst}: LMI (max concurrency 16) ${distinct(lmiResults)}, ` +
      `standard ${distinct(standardResults)} (${standard.counters().coldStarts} cold starts, ` +
      `median Init Duration ${initMs[Math.floor(initMs.length / 2)]!.toFixed(1)} ms)`,
  );
  await Promise.all([lmi.stop(), standard.stop()]);
}

async function main(): Promise<void> {
  console.log(
    `emulator bench: handler awaits ${HANDLER_MS} ms; Node ${process.version}, ${availableParallelism()} CPU(s)`,
  );
  await latencyAt(1, 20, { maxConcurrency: 64, minEnvironments: 1 }, 1.05);
  const at64 = await latencyAt(64, 5, { maxConcurrency: 64, minEnvironments: 3 }, 1.05);
  // 1,000 in flight on environments sized for a small machine (one worker thread each) …
  await latencyAt(1000, 3, { maxConcurrency: 256, minEnvironments: 4 }, 1.1);
  // … and Lambda's Node.js default of 64 per vCPU: 16 worker threads oversubscribe few CPUs.
  await latencyAt(1000, 3, { maxConcurrency: 64, minEnvironments: 16 });
  console.log(
    `per-invoke overhead at 64 in flight: ${(at64 - HANDLER_MS).toFixed(2)} ms above the handler's ${HANDLER_MS} ms`,
  );
  await overhead();
  await invokeApiOverhead();
  await environmentsForBurst(48);
}

try {
  await main();
} finally {
  await Promise.all(runtimes.map((r) => r.stop()));
}
