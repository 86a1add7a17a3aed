// The main-thread side of one runtime worker: spawns the thread with its own environment
// variables, routes results and log lines to the invocations waiting for them, and turns the
// thread's death into outcomes those invocations can report.
import { Worker } from 'node:worker_threads';
import { BatchingPort } from './batching-port.js';
import type {
  FromWorker,
  InitMessage,
  InvokeMessage,
  LambdaErrorPayload,
  ToWorker,
  WorkerConfig,
} from './protocol.js';
import { workerScriptUrl } from './worker-source.js';

export type InvocationOutcome =
  | { kind: 'result'; body: string; error: boolean; durationMs: number; maxMemoryUsedMb: number }
  | { kind: 'bad-request'; message: string }
  | { kind: 'timeout' }
  /** The worker died under the invocation; `reason` completes "Runtime exited …". */
  | { kind: 'exit'; reason: string; uncaught?: LambdaErrorPayload };

/** A worker's init as the main thread saw it: Init Duration runs from the thread's spawn. */
export type InitOutcome = InitMessage & { initDurationMs: number };

export interface PendingInvocation {
  resolve(outcome: InvocationOutcome): void;
  log(text: string): void;
}

export interface WorkerHooks {
  /** Output written outside any invocation after init. */
  strayLog(text: string): void;
  /** The thread is gone (killed or crashed); fires once. */
  exited(host: WorkerHost): void;
}

let liveWorkers = 0;

/** Worker threads started by any runtime and not yet exited: 0 once everything is stopped. */
export function liveWorkerCount(): number {
  return liveWorkers;
}

export class WorkerHost {
  readonly init: Promise<InitOutcome>;
  private readonly worker: Worker;
  private readonly outbox: BatchingPort<ToWorker>;
  private readonly pending = new Map<number, PendingInvocation>();
  private readonly exitedPromise: Promise<void>;
  private killReason?: string;
  private crashError?: Error;
  private alive = true;

  constructor(config: WorkerConfig, env: Record<string, string>, hooks: WorkerHooks) {
    const spawnedAt = performance.now();
    // execArgv: [] keeps the parent's loaders (tsx, jest flags) out of the function's runtime.
    this.worker = new Worker(workerScriptUrl(), {
      workerData: config,
      env,
      name: config.logStreamName,
      execArgv: [],
    });
    liveWorkers++;
    this.outbox = new BatchingPort((batch) => this.worker.postMessage(batch));
    let settleInit!: (outcome: InitOutcome) => void;
    this.init = new Promise((resolve) => (settleInit = resolve));
    const handle = (msg: FromWorker) => {
      switch (msg.t) {
        case 'ready':
        case 'init-error':
          // Init Duration covers the runtime's start and the module import, as Lambda's does.
          return settleInit({ ...msg, initDurationMs: performance.now() - spawnedAt });
        case 'log':
          if (msg.id === null) return hooks.strayLog(msg.text);
          return this.pending.get(msg.id)?.log(msg.text);
        case 'result':
          return this.take(msg.id)?.resolve({ kind: 'result', ...msg });
        case 'bad-request':
          return this.take(msg.id)?.resolve({ kind: 'bad-request', message: msg.message });
      }
    };
    this.worker.on('message', (batch: FromWorker[]) => batch.forEach(handle));
    // An uncaught exception or unhandled rejection ends the thread like the runtime process.
    this.worker.on('error', (err) => (this.crashError = err));
    this.exitedPromise = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        liveWorkers--;
        this.alive = false;
        const reason = this.killReason ?? exitReason(code, this.crashError);
        const uncaught = this.crashError && errorPayload(this.crashError);
        settleInit({
          t: 'init-error',
          initDurationMs: 0,
          logs: [],
          error: { errorType: 'Runtime.ExitError', errorMessage: `Error: ${reason}` },
        });
        for (const [id, invocation] of this.pending) {
          this.pending.delete(id);
          invocation.resolve({ kind: 'exit', reason, uncaught });
        }
        hooks.exited(this);
        resolve();
      });
    });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  send(msg: InvokeMessage, invocation: PendingInvocation): void {
    this.pending.set(msg.id, invocation);
    this.outbox.send(msg);
  }

  /** Resolves the invocation as timed out; the worker drops its late result. */
  abandon(id: number): void {
    const invocation = this.take(id);
    if (!invocation) return;
    invocation.resolve({ kind: 'timeout' });
    if (this.alive) this.outbox.send({ t: 'abandon', id });
  }

  /** Ends the thread; in-flight invocations resolve as exits with `reason`. */
  kill(reason: string): Promise<void> {
    this.killReason ??= reason;
    if (this.alive) void this.worker.terminate();
    return this.exitedPromise;
  }

  private take(id: number): PendingInvocation | undefined {
    const invocation = this.pending.get(id);
    this.pending.delete(id);
    return invocation;
  }
}

function exitReason(code: number, crash?: Error): string {
  if (crash) return 'Runtime exited with error: exit status 129';
  return code === 0
    ? 'Runtime exited without providing a reason'
    : `Runtime exited with error: exit status ${code}`;
}

function errorPayload(err: Error): LambdaErrorPayload {
  return { errorType: err.name, errorMessage: err.message, trace: err.stack?.split('\n') ?? [] };
}
