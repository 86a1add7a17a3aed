// Standard Lambda placement: one invocation per environment. An idle environment is reused;
// otherwise a new one cold-starts for this invocation, within the account concurrency limit.
// Environments idle for longer than the TTL are shut down, as Lambda reclaims them.
import type { AccountConcurrencyPool } from './contract.js';
import type { ExecutionEnvironment } from './environment.js';
import { throttled } from './lambda-errors.js';
import type { EnvironmentFactory, Lease, Scheduler } from './scheduler.js';

export class StandardScheduler implements Scheduler {
  coldStarts = 0;
  environmentsStarted = 0;
  private idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly reaper: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly pool: AccountConcurrencyPool,
    private readonly idleTtlMs: number,
    private readonly launchEnvironment: EnvironmentFactory,
  ) {
    this.reaper = setInterval(() => this.reapIdle(), Math.min(idleTtlMs, 30_000));
    this.reaper.unref();
  }

  async start(): Promise<void> {}

  async acquire(): Promise<Lease> {
    if (this.stopping) throw new Error('the runtime is stopping');
    if (!this.pool.tryAcquire()) throw throttled('ConcurrentInvocationLimitExceeded');
    let env = this.takeIdle();
    const cold = !env;
    if (!env) {
      env = this.launchEnvironment((dead) => this.environmentDied(dead));
      this.all.add(env);
      this.coldStarts++;
      this.environmentsStarted++;
    }
    const leased = env;
    leased.admit();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      leased.leave();
      this.pool.release();
      if (leased.isAlive && !this.stopping) {
        leased.lastUsedAt = Date.now();
        this.idle.push(leased);
      }
    };
    // The invocation that cold-starts an environment waits for (and pays) its init.
    return { env: leased, coldStart: cold ? await leased.ready : undefined, release };
  }

  environments(): ExecutionEnvironment[] {
    return [...this.all].filter((env) => env.isAlive);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.reaper);
    const all = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(all.map((env) => env.terminate()));
  }

  /** Most recently used first, as Lambda keeps its warmest environments busy. */
  private takeIdle(): ExecutionEnvironment | undefined {
    let env = this.idle.pop();
    while (env && !env.isAlive) env = this.idle.pop();
    return env;
  }

  private environmentDied(env: ExecutionEnvironment): void {
    this.all.delete(env);
    this.idle = this.idle.filter((e) => e !== env);
  }

  private reapIdle(): void {
    const cutoff = Date.now() - this.idleTtlMs;
    const [stale, fresh] = partition(this.idle, (env) => env.lastUsedAt < cutoff);
    this.idle = fresh;
    for (const env of stale) void env.terminate();
  }
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
