// LMI placement: a fixed set of multi-concurrent environments started during the Pending
// phase. Each invocation goes to the least-loaded environment below its max concurrency; when
// all are full the invocation is throttled (Lambda never cold-starts for it) and, within the
// version's MaxExecutionEnvironments and the capacity provider's MaxVCpuCount, one more
// environment is added after the scale-up delay. A new FunctionScalingConfig (resize) starts
// environments up to the minimum and retires those beyond the maximum, a busy one once idle.
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from '../errors.js';
import type { LmiRuntimeConfig } from './contract.js';
import type { ExecutionEnvironment } from './environment.js';
import { FunctionInitError, throttled } from './lambda-errors.js';
import type { EnvironmentFactory, Lease, Scheduler } from './scheduler.js';

export class LmiScheduler implements Scheduler {
  readonly coldStarts = 0;
  environmentsStarted = 0;
  private active: ExecutionEnvironment[] = [];
  private readonly starting = new Set<ExecutionEnvironment>();
  /** Retired by a lower maximum: no new invocations, stopped once idle, never replaced. */
  private readonly retiring = new Set<ExecutionEnvironment>();
  private scaleUpPending = false;
  private minEnvironments: number;
  private maxEnvironments: number;
  private started?: Promise<void>;
  private isReady = false;
  private stopping = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly config: LmiRuntimeConfig,
    private readonly vCpusPerEnvironment: number,
    private readonly launchEnvironment: EnvironmentFactory,
  ) {
    this.minEnvironments = config.minEnvironments;
    this.maxEnvironments = config.maxEnvironments ?? Number.POSITIVE_INFINITY;
  }

  start(): Promise<void> {
    this.started ??= this.startMinimum();
    return this.started;
  }

  acquire(): Lease {
    if (!this.isReady) {
      throw new AwsError(
        'ResourceConflictException',
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
        409,
        { Type: 'User' },
      );
    }
    let best: ExecutionEnvironment | undefined;
    for (const env of this.active) {
      if (!env.isAlive || env.inFlight >= this.config.maxConcurrency) continue;
      if (!best || env.inFlight < best.inFlight) best = env;
    }
    if (!best) {
      this.scaleUp();
      throw throttled('ConcurrentInvocationLimitExceeded');
    }
    const env = best;
    env.admit();
    return {
      env,
      release: () => {
        env.leave();
        if (this.retiring.has(env) && env.inFlight === 0) void env.terminate();
      },
    };
  }

  async resize(minEnvironments: number, maxEnvironments: number): Promise<void> {
    this.minEnvironments = minEnvironments;
    this.maxEnvironments = maxEnvironments;
    await this.start();
    this.retireBeyondMaximum();
    const missing = minEnvironments - (this.active.length + this.starting.size);
    const added = Array.from({ length: Math.max(0, missing) }, () => this.addWhenReady(this.launch(), 0));
    await Promise.all(added);
  }

  environments(): ExecutionEnvironment[] {
    return this.active.filter((env) => env.isAlive);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    const all = [...this.active, ...this.starting, ...this.retiring];
    this.active = [];
    this.starting.clear();
    this.retiring.clear();
    await Promise.all(all.map((env) => env.terminate()));
  }

  private async startMinimum(): Promise<void> {
    const envs = Array.from({ length: this.minEnvironments }, () => this.launch());
    const inits = await Promise.all(envs.map((env) => env.ready));
    if (this.stopping) return;
    const failed = inits.find((init) => !init.ok);
    if (failed && !failed.ok) {
      await Promise.all(envs.map((env) => env.terminate()));
      throw new FunctionInitError(
        failed.timedOut ? 'FunctionError.InitTimeout' : 'FunctionError.RuntimeInitError',
        failed.error,
      );
    }
    for (const env of envs) this.activate(env);
    this.isReady = true;
  }

  private launch(): ExecutionEnvironment {
    const env = this.launchEnvironment((dead) => this.environmentDied(dead));
    this.environmentsStarted++;
    this.starting.add(env);
    return env;
  }

  private activate(env: ExecutionEnvironment): void {
    this.starting.delete(env);
    if (env.isAlive) this.active.push(env);
  }

  /** Environments beyond the maximum stop: starting and idle ones first, busy ones once idle. */
  private retireBeyondMaximum(): void {
    for (const env of [...this.starting]) {
      if (this.active.length + this.starting.size <= this.maxEnvironments) return;
      this.starting.delete(env);
      this.retiring.add(env);
      void env.terminate();
    }
    const byLoad = [...this.active].sort((a, b) => a.inFlight - b.inFlight);
    for (const env of byLoad) {
      if (this.active.length <= this.maxEnvironments) return;
      this.active = this.active.filter((e) => e !== env);
      this.retiring.add(env);
      if (env.inFlight === 0) void env.terminate();
    }
  }

  /** Adds one environment within the maximum and the vCPU ceiling; one scale-up at a time. */
  private scaleUp(): void {
    if (this.stopping || this.scaleUpPending) return;
    const environments = this.active.length + this.starting.size;
    if (environments + 1 > this.maxEnvironments) return;
    if ((environments + 1) * this.vCpusPerEnvironment > this.config.maxVCpuCount) return;
    this.scaleUpPending = true;
    void this.addWhenReady(this.launch(), this.config.scaleUpDelayMs).finally(
      () => (this.scaleUpPending = false),
    );
  }

  /** A crashed environment is replaced at once: the version keeps its capacity. */
  private environmentDied(env: ExecutionEnvironment): void {
    this.active = this.active.filter((e) => e !== env);
    const wasStarting = this.starting.delete(env);
    if (this.retiring.delete(env)) return;
    if (this.stopping || wasStarting || !this.isReady) return;
    if (this.active.length + this.starting.size >= this.maxEnvironments) return;
    void this.addWhenReady(this.launch(), 0);
  }

  private async addWhenReady(env: ExecutionEnvironment, delayMs: number): Promise<void> {
    try {
      const [init] = await Promise.all([env.ready, sleep(delayMs, undefined, { signal: this.abort.signal })]);
      if (!init.ok || this.stopping) throw new Error('not added');
      this.activate(env);
    } catch {
      this.starting.delete(env);
      await env.terminate();
    }
  }
}
