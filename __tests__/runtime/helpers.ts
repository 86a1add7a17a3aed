// Shared builders for the runtime tests: specs over the fixture handlers, invocation helpers,
// and a registry that stops every runtime a test created.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createVersionRuntime,
  type FunctionVersionSpec,
  type InvokeResult,
  type LmiRuntimeConfig,
  type RuntimeOptions,
  type VersionRuntime,
} from '../../emulator/runtime/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/runtime');

export const OPTIONS: RuntimeOptions = {
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:45660',
  accessKeyId: 'AKIDEMULATOR',
  secretAccessKey: 'emulator-secret',
  accountConcurrencyLimit: 1000,
};

const LMI: LmiRuntimeConfig = {
  memoryGiBPerVCpu: 2,
  maxConcurrency: 16,
  maxVCpuCount: 64,
  minEnvironments: 3,
  scaleUpDelayMs: 300,
};

export function spec(
  fixture: string,
  overrides: Omit<Partial<FunctionVersionSpec>, 'lmi'> & { lmi?: Partial<LmiRuntimeConfig> | false } = {},
): FunctionVersionSpec {
  const { lmi, ...rest } = overrides;
  return {
    functionName: `fixture-${fixture}`,
    functionArn: `arn:aws:lambda:eu-west-1:000000000000:function:fixture-${fixture}:1`,
    version: '1',
    codeDir: path.join(FIXTURES, fixture),
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    memoryMb: 2048,
    timeoutSeconds: 10,
    environment: {},
    logGroupName: `/aws/lambda/fixture-${fixture}`,
    ...rest,
    lmi: lmi === false ? undefined : { ...LMI, ...lmi },
  };
}

/** Tracks runtimes so afterEach can stop them all, even when an assertion failed. */
export class Runtimes {
  private readonly all: VersionRuntime[] = [];

  create(s: FunctionVersionSpec, opts: Partial<RuntimeOptions> = {}): VersionRuntime {
    const runtime = createVersionRuntime(s, { ...OPTIONS, ...opts });
    this.all.push(runtime);
    return runtime;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.splice(0).map((r) => r.stop()));
  }
}

export function invoke(runtime: VersionRuntime, event: unknown = {}, logType: 'None' | 'Tail' = 'None') {
  return runtime.invoke({ payload: Buffer.from(JSON.stringify(event)), requestId: randomUUID(), logType });
}

export const body = <T = Record<string, unknown>>(result: InvokeResult): T =>
  JSON.parse(result.payload.toString('utf8')) as T;

export const tail = (result: InvokeResult): string =>
  Buffer.from(result.logResult ?? '', 'base64').toString('utf8');

/** Polls until `check` is true; fails after `limitMs` so a broken expectation cannot hang. */
export async function eventually(check: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Settles every promise and splits fulfilled values from rejection reasons. */
export async function settle<T>(promises: Promise<T>[]): Promise<{ ok: T[]; failed: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<T>).value),
    failed: results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
  };
}
