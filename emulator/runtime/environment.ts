// One execution environment: a group of runtime workers sharing the environment's variables
// and log stream. It initializes its workers, hands each invocation to the least-loaded one,
// and enforces the timeout: on LMI the timed-out invocation is failed while the others keep
// running (as Lambda documents), on standard Lambda the environment is torn down.
import { randomBytes } from 'node:crypto';
import type { FunctionVersionSpec, RuntimeLogLine, RuntimeOptions } from './contract.js';
import { lambdaEnvironment, logStreamNameFor } from './lambda-env.js';
import type { LambdaErrorPayload, WorkerConfig } from './protocol.js';
import { WorkerHost, type InvocationOutcome } from './worker-host.js';

export type EnvironmentInit =
  | { ok: true; initDurationMs: number; logs: string[] }
  | { ok: false; initDurationMs: number; logs: string[]; error: LambdaErrorPayload; timedOut: boolean };

export interface EnvironmentHooks {
  log(line: RuntimeLogLine): void;
  /** Every worker is gone. */
  died(env: ExecutionEnvironment): void;
}

export interface Dispatch {
  requestId: string;
  invokedFunctionArn: string;
  payload: string;
  timeoutMs: number;
  traceId: string;
  delayMs: number;
  injectedError?: string;
}

export interface Dispatched {
  outcome: InvocationOutcome;
  /** The worker's log lines for this invocation, in order. */
  logs: string[];
  elapsedMs: number;
}

const KILLED = 'Runtime exited with error: signal: killed';
const SHUT_DOWN = 'Runtime exited with error: signal: terminated';

let nextInvocationId = 1;

export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStreamName: string;
  readonly ready: Promise<EnvironmentInit>;
  inFlight = 0;
  lastUsedAt = Date.now();
  private workers: WorkerHost[];
  private dead = false;
  /** Set as soon as a kill starts, so nothing new is placed on a dying environment. */
  private closing = false;

  constructor(
    spec: FunctionVersionSpec,
    opts: RuntimeOptions,
    workerCount: number,
    private readonly multiConcurrent: boolean,
    initTimeoutMs: number,
    /** Shared record of peak in-flight per environment id, read by the version's counters. */
    private readonly peaks: Record<string, number>,
    private readonly hooks: EnvironmentHooks,
  ) {
    this.logStreamName = logStreamNameFor(spec, this.id);
    const env = lambdaEnvironment(spec, opts, this.logStreamName);
    const config: WorkerConfig = {
      codeDir: spec.codeDir,
      handler: spec.handler,
      runtime: spec.runtime,
      multiConcurrent,
      functionName: spec.functionName,
      functionVersion: spec.version,
      memoryMb: spec.memoryMb,
      logGroupName: spec.logGroupName,
      logStreamName: this.logStreamName,
    };
    const workerHooks = {
      strayLog: (text: string) => this.emit(text),
      exited: (host: WorkerHost) => this.workerExited(host),
    };
    this.workers = Array.from({ length: workerCount }, () => new WorkerHost(config, env, workerHooks));
    this.peaks[this.id] = 0;
    this.ready = this.initialize(initTimeoutMs);
  }

  get isAlive(): boolean {
    return !this.dead && !this.closing;
  }

  /** Counts an invocation placed here, from placement on, so concurrent placements see it. */
  admit(): void {
    this.inFlight++;
    if (this.inFlight > (this.peaks[this.id] ?? 0)) this.peaks[this.id] = this.inFlight;
  }

  leave(): void {
    this.inFlight--;
  }

  /** Runs one admitted invocation on the least-loaded worker. Never rejects. */
  dispatch(d: Dispatch): Promise<Dispatched> {
    const worker = this.leastLoadedWorker();
    if (!worker) {
      return Promise.resolve({ outcome: { kind: 'exit', reason: KILLED }, logs: [], elapsedMs: 0 });
    }
    const id = nextInvocationId++;
    const logs: string[] = [];
    const started = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.abandon(id);
        if (!this.multiConcurrent) void this.kill('Task timed out');
      }, d.timeoutMs);
      worker.send(
        {
          t: 'invoke',
          id,
          requestId: d.requestId,
          invokedFunctionArn: d.invokedFunctionArn,
          payload: d.payload,
          deadline: Date.now() + d.timeoutMs,
          traceId: d.traceId,
          delayMs: d.delayMs,
          injectedError: d.injectedError,
        },
        {
          log: (text) => {
            logs.push(text);
            this.emit(text, d.requestId);
          },
          resolve: (outcome) => {
            clearTimeout(timer);
            this.lastUsedAt = Date.now();
            resolve({ outcome, logs, elapsedMs: performance.now() - started });
          },
        },
      );
    });
  }

  /** A runtime crash: every worker is killed and its in-flight invocations fail. */
  crash(): Promise<void> {
    return this.kill(KILLED);
  }

  /** Shutdown; resolves when every worker thread has exited. */
  terminate(): Promise<void> {
    return this.kill(SHUT_DOWN);
  }

  emit(line: string, requestId?: string): void {
    this.hooks.log({ environmentId: this.id, logStreamName: this.logStreamName, requestId, line });
  }

  private async kill(reason: string): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.kill(reason)));
  }

  private async initialize(limitMs: number): Promise<EnvironmentInit> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)),
    );
    const outcomes = await Promise.race([Promise.all(this.workers.map((w) => w.init)), timedOut]);
    clearTimeout(timer);
    if (outcomes === 'timeout') {
      await this.kill('Runtime exited with error: init timed out');
      const error = { errorType: 'Sandbox.Timedout', errorMessage: `Init timed out after ${limitMs} ms` };
      return { ok: false, initDurationMs: limitMs, logs: [], error, timedOut: true };
    }
    const logs = outcomes.flatMap((o) => o.logs);
    const initDurationMs = Math.max(...outcomes.map((o) => o.initDurationMs));
    for (const line of logs) this.emit(line);
    const failed = outcomes.find((o) => o.t === 'init-error');
    if (failed) {
      await this.kill('Runtime exited with error: init failed');
      return { ok: false, initDurationMs, logs, error: failed.error, timedOut: false };
    }
    return { ok: true, initDurationMs, logs };
  }

  private leastLoadedWorker(): WorkerHost | undefined {
    let best: WorkerHost | undefined;
    for (const w of this.workers) if (w.isAlive && (!best || w.inFlight < best.inFlight)) best = w;
    return best;
  }

  private workerExited(host: WorkerHost): void {
    this.workers = this.workers.filter((w) => w !== host);
    if (this.workers.length === 0 && !this.dead) {
      this.dead = true;
      this.hooks.died(this);
    }
  }
}
