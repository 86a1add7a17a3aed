// One published version's execution: places each invocation through the LMI or standard
// scheduler, runs it in an environment, and turns the outcome into what Lambda's Invoke API
// returns: the payload or Lambda's error payload, the function-error flag, the log tail with
// START/END/REPORT, and the counters a test reads.
import { randomUUID } from 'node:crypto';
import { isAwsError } from '../errors.js';
import { AccountConcurrency } from './account-concurrency.js';
import type {
  FunctionVersionSpec,
  InvokeRequest,
  InvokeResult,
  RuntimeFaults,
  RuntimeOptions,
  VersionCounters,
  VersionRuntime,
} from './contract.js';
import { ExecutionEnvironment, type Dispatched, type EnvironmentInit } from './environment.js';
import { vCpusPerEnvironment, workerCountFor } from './lambda-env.js';
import {
  MAX_RESPONSE_BYTES,
  exitPayload,
  invalidJson,
  responseTooLargePayload,
  stoppedRuntime,
  timedOutPayload,
} from './lambda-errors.js';
import { endLine, reportLine, startLine, tailBase64, timeoutLine } from './lambda-logs.js';
import { LmiScheduler } from './lmi-scheduler.js';
import type { LambdaErrorPayload } from './protocol.js';
import type { Lease, Scheduler } from './scheduler.js';
import { validateRuntimeInput } from './spec-schema.js';
import { StandardScheduler } from './standard-scheduler.js';

const DEFAULT_IDLE_TTL_MS = 300_000;
const STANDARD_INIT_LIMIT_MS = 10_000;
const LMI_MIN_INIT_LIMIT_MS = 130_000;

/** Creates the runtime of one version; call `start()` before invoking an LMI version. */
export function createVersionRuntime(spec: FunctionVersionSpec, opts: RuntimeOptions): VersionRuntime {
  validateRuntimeInput(spec, opts);
  return new LambdaVersionRuntime(spec, opts);
}

/** How one invocation ended, before it is rendered as an InvokeResult. */
interface Completion {
  body: string;
  functionError: boolean;
  durationMs: number;
  maxMemoryUsedMb: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

class LambdaVersionRuntime implements VersionRuntime {
  private readonly scheduler: Scheduler;
  private readonly peaks: Record<string, number> = {};
  private readonly stats = { invocations: 0, errors: 0, throttles: 0 };
  private faults: RuntimeFaults = {};
  private inFlight = 0;
  private stopped = false;

  constructor(
    private readonly spec: FunctionVersionSpec,
    private readonly opts: RuntimeOptions,
  ) {
    const multiConcurrent = spec.lmi !== undefined;
    // LMI: max(130 s, the function timeout), as Lambda documents; standard: Lambda's 10 s.
    const initLimitMs =
      opts.initTimeoutMs ??
      (multiConcurrent
        ? Math.max(LMI_MIN_INIT_LIMIT_MS, spec.timeoutSeconds * 1000)
        : STANDARD_INIT_LIMIT_MS);
    const workers = multiConcurrent ? workerCountFor(spec) : 1;
    const launch = (onDied: (env: ExecutionEnvironment) => void) =>
      new ExecutionEnvironment(spec, opts, workers, multiConcurrent, initLimitMs, this.peaks, {
        log: (line) => opts.onLog?.(line),
        died: onDied,
      });
    this.scheduler = spec.lmi
      ? new LmiScheduler(spec.lmi, vCpusPerEnvironment(spec), launch)
      : new StandardScheduler(
          opts.accountConcurrency ?? new AccountConcurrency(opts.accountConcurrencyLimit),
          opts.idleEnvironmentTtlMs ?? DEFAULT_IDLE_TTL_MS,
          launch,
        );
  }

  start(): Promise<void> {
    if (this.stopped) return Promise.reject(stoppedRuntime(this.spec.functionArn));
    return this.scheduler.start();
  }

  async invoke(req: InvokeRequest): Promise<InvokeResult> {
    if (this.stopped) throw stoppedRuntime(this.spec.functionArn);
    let lease: Lease;
    this.inFlight++; // counted from placement on, cold start included
    try {
      // LMI placement is synchronous: no await before dispatch, so a burst streams to workers.
      const acquired = this.scheduler.acquire();
      lease = acquired instanceof Promise ? await acquired : acquired;
    } catch (err) {
      this.inFlight--;
      if (isAwsError(err) && err.statusCode === 429) this.stats.throttles++;
      throw err;
    }
    try {
      return await this.run(req, lease);
    } finally {
      this.inFlight--;
      lease.release();
    }
  }

  counters(): VersionCounters {
    return {
      ...this.stats,
      coldStarts: this.scheduler.coldStarts,
      environments: this.scheduler.environments().length,
      peakInFlightByEnvironment: { ...this.peaks },
      environmentsStarted: this.scheduler.environmentsStarted,
      inFlight: this.inFlight,
    };
  }

  setFaults(f: RuntimeFaults): void {
    if (f.errorRate !== undefined && !(f.errorRate >= 0 && f.errorRate <= 1)) {
      throw new Error(`errorRate must be between 0 and 1, got ${f.errorRate}`);
    }
    if (f.addedLatencyMs !== undefined && !(f.addedLatencyMs >= 0)) {
      throw new Error(`addedLatencyMs must be 0 or more, got ${f.addedLatencyMs}`);
    }
    this.faults = { ...f };
  }

  setScaling(s: { minEnvironments: number; maxEnvironments: number }): Promise<void> {
    if (this.stopped) return Promise.reject(stoppedRuntime(this.spec.functionArn));
    return this.scheduler.resize?.(s.minEnvironments, s.maxEnvironments) ?? Promise.resolve();
  }

  crashEnvironment(id?: string): string | undefined {
    const envs = this.scheduler.environments();
    const target = id
      ? envs.find((env) => env.id === id)
      : envs.reduce<ExecutionEnvironment | undefined>(
          (a, b) => (!a || b.inFlight > a.inFlight ? b : a),
          undefined,
        );
    if (!target) return undefined;
    void target.crash();
    return target.id;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.scheduler.stop();
  }

  private async run(req: InvokeRequest, lease: Lease): Promise<InvokeResult> {
    const { env, coldStart } = lease;
    const { requestId } = req;
    const logs = coldStart ? [...coldStart.logs] : [];
    const platformLine = (line: string) => {
      logs.push(line);
      env.emit(line, requestId);
    };
    platformLine(startLine(requestId, this.spec.version));
    const done =
      coldStart && !coldStart.ok
        ? this.initFailure(requestId, coldStart)
        : await this.execute(req, env, logs, platformLine);
    if (done.status === 'timeout') platformLine(timeoutLine(requestId, done.durationMs));
    platformLine(endLine(requestId));
    const initDurationMs = coldStart?.initDurationMs;
    platformLine(
      reportLine({
        requestId,
        durationMs: done.durationMs,
        // Standard Lambda bills the init of an on-demand cold start too; LMI bills no duration.
        billedDurationMs: Math.ceil(done.durationMs + (this.spec.lmi ? 0 : (initDurationMs ?? 0))),
        memorySizeMb: this.spec.memoryMb,
        maxMemoryUsedMb: done.maxMemoryUsedMb,
        initDurationMs,
        status: done.status,
        errorType: done.errorType,
      }),
    );
    this.stats.invocations++;
    if (done.functionError) this.stats.errors++;
    return {
      payload: Buffer.from(done.body, 'utf8'),
      functionError: done.functionError ? 'Unhandled' : undefined,
      logResult: req.logType === 'Tail' ? tailBase64(logs) : undefined,
      executedVersion: this.spec.version,
      durationMs: done.durationMs,
      initDurationMs,
      environmentId: env.id,
      logs: `${logs.join('\n')}\n`,
    };
  }

  private async execute(
    req: InvokeRequest,
    env: ExecutionEnvironment,
    logs: string[],
    platformLine: (line: string) => void,
  ): Promise<Completion> {
    const { errorRate = 0, addedLatencyMs = 0 } = this.faults;
    const dispatched = await env.dispatch({
      requestId: req.requestId,
      invokedFunctionArn: req.invokedFunctionArn ?? this.spec.functionArn,
      payload: req.payload.toString('utf8'),
      timeoutMs: this.spec.timeoutSeconds * 1000,
      traceId: newTraceId(),
      delayMs: addedLatencyMs,
      injectedError:
        errorRate > 0 && Math.random() < errorRate ? `Injected fault: errorRate ${errorRate}` : undefined,
    });
    logs.push(...dispatched.logs);
    const { outcome } = dispatched;
    if (outcome.kind === 'exit' && outcome.uncaught) {
      // What the runtime logs before it exits on an uncaught exception.
      const { errorType, errorMessage, trace } = outcome.uncaught;
      const error = JSON.stringify({ errorType, errorMessage, stack: trace });
      platformLine(`${new Date().toISOString()}\t${req.requestId}\tERROR\tUncaught Exception \t${error}`);
    }
    return this.complete(req.requestId, dispatched);
  }

  private complete(requestId: string, { outcome, elapsedMs }: Dispatched): Completion {
    switch (outcome.kind) {
      case 'result': {
        const tooLarge = !outcome.error && Buffer.byteLength(outcome.body, 'utf8') > MAX_RESPONSE_BYTES;
        return {
          body: tooLarge ? JSON.stringify(responseTooLargePayload()) : outcome.body,
          functionError: outcome.error || tooLarge,
          durationMs: outcome.durationMs,
          maxMemoryUsedMb: outcome.maxMemoryUsedMb,
        };
      }
      case 'timeout':
        return this.failure(timedOutPayload(requestId, this.spec.timeoutSeconds), elapsedMs, 'timeout');
      case 'exit':
        return this.failure(exitPayload(requestId, outcome.reason), elapsedMs, 'error', 'Runtime.ExitError');
      case 'bad-request':
        throw invalidJson(outcome.message);
    }
  }

  /** A standard cold start whose init failed: Lambda answers with the init error. */
  private initFailure(requestId: string, init: Extract<EnvironmentInit, { ok: false }>): Completion {
    const payload = init.timedOut
      ? timedOutPayload(requestId, this.spec.timeoutSeconds)
      : init.error.errorType === 'Runtime.ExitError'
        ? { ...init.error, errorMessage: `RequestId: ${requestId} ${init.error.errorMessage}` }
        : init.error;
    return this.failure(payload, 0, init.timedOut ? 'timeout' : 'error', payload.errorType);
  }

  private failure(
    payload: LambdaErrorPayload,
    durationMs: number,
    status: 'timeout' | 'error',
    errorType?: string,
  ): Completion {
    return {
      body: JSON.stringify(payload),
      functionError: true,
      durationMs,
      maxMemoryUsedMb: 0,
      status,
      errorType,
    };
  }
}

/** An X-Ray trace header like Lambda's `_X_AMZN_TRACE_ID`, unsampled (randomUUID is pooled, so cheap). */
function newTraceId(): string {
  const root = randomUUID().replace(/-/g, '');
  const parent = randomUUID().replace(/-/g, '');
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epoch}-${root.slice(0, 24)};Parent=${parent.slice(0, 16)};Sampled=0`;
}
