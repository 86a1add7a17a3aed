// The bridge between the Lambda control plane and the runtime (emulator/runtime): one
// VersionRuntime per published version, or per $LATEST of a standard function. An LMI
// version starts its environments while it is Pending, so no request pays a cold start; a
// standard version gets its runtime on first invoke. Every runtime stops when its version
// or function is deleted and when the emulator stops.
import { AwsError } from '../../errors.js';
import type { CodeRunnerControl, EnvironmentCrash, Faults } from '../../core/faults.js';
import {
  AccountConcurrency,
  FunctionInitError,
  createVersionRuntime,
  type RuntimeOptions,
  type VersionCounters,
  type VersionRuntime,
} from '../../runtime/index.js';
import { CodeUnpacker } from './code-unpack.js';
import type { FunctionRecord, VersionRecord } from './model.js';
import { failureReason } from './provisioning.js';
import type { LambdaStore } from './store.js';
import { buildVersionSpec } from './version-spec.js';

export interface CodeRunnerOptions {
  /** Delay before an LMI environment added under load becomes usable (default 2000 ms). */
  scaleUpDelayMs?: number;
  /** Account concurrency for standard functions (Lambda's default: 1000). */
  accountConcurrencyLimit?: number;
  /** A standard environment idle this long is shut down (default 300000, as Lambda). */
  idleEnvironmentTtlMs?: number;
  /** Init time limit per environment (default: Lambda's, 10 s standard, max(130 s, timeout) LMI). */
  initTimeoutMs?: number;
}

interface CodeRunnerDeps {
  store: LambdaStore;
  faults: Faults;
  /** The emulator's endpoint and credentials, handed to the function's own SDK clients. */
  endpoint: () => string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  log: (line: string) => void;
}

interface Running {
  record: VersionRecord;
  runtime: Promise<VersionRuntime>;
}

const key = (functionName: string, version: string) => `${functionName}:${version}`;

/** Lambda's runtime families by prefix; only Node.js runs here. */
const runsHere = (runtime: string) => /^nodejs\d+\.x$/.test(runtime);

/** The access key every function's own SDK calls are signed with. */
const FUNCTION_ACCESS_KEY_ID = 'ASIALMILOCALFUNCTION';

export class CodeRunner implements CodeRunnerControl {
  private readonly running = new Map<string, Running>();
  /** Runtimes whose creation finished, for synchronous reads (counters, crashes). */
  private readonly settled = new WeakMap<Running, VersionRuntime>();
  private readonly unpacker = new CodeUnpacker();
  private readonly account: AccountConcurrency;
  private stopped = false;

  constructor(
    private readonly deps: CodeRunnerDeps,
    private readonly options: CodeRunnerOptions = {},
  ) {
    this.account = new AccountConcurrency(options.accountConcurrencyLimit ?? 1000);
    const { events } = deps.store;
    events.on('versionDeleted', (v) => void this.stopVersion(v.functionName, v.version));
    events.on('functionDeleted', (fn) => this.stopFunction(fn));
    deps.faults.attachCodeRunner(this);
  }

  /**
   * The Pending phase of an LMI version: starts its minimum environments and resolves when
   * every worker has initialized. A rejection carries the StateReasonCode the version fails with.
   */
  async provision(v: VersionRecord): Promise<void> {
    if (!runsHere(v.config.runtime)) {
      this.deps.log(`[emulator] ${v.functionName}:${v.version}: ${v.config.runtime} code does not run here`);
      return;
    }
    const running = this.start(v);
    try {
      const runtime = await running.runtime;
      await runtime.start();
    } catch (e) {
      await this.stopVersion(v.functionName, v.version);
      if (e instanceof FunctionInitError) throw e;
      const capacity = /need more vCPUs than maxVCpuCount/.test(String(e));
      const stateReasonCode = capacity ? 'CapacityProviderScalingLimitExceeded' : 'InternalError';
      throw Object.assign(new Error(capacity ? failureReason(stateReasonCode) : String(e)), {
        stateReasonCode,
      });
    }
  }

  /**
   * An Active LMI version's applied FunctionScalingConfig changed: 0/0 stops every environment
   * (the runtime goes; raising it again provisions a new one), else the runtime resizes.
   */
  async rescale(v: VersionRecord): Promise<void> {
    const applied = v.appliedScaling;
    if (!applied || applied.MaxExecutionEnvironments === 0) {
      await this.stopVersion(v.functionName, v.version);
      return;
    }
    const running = this.running.get(key(v.functionName, v.version));
    if (!running || running.record !== v) return;
    try {
      const runtime = await running.runtime;
      await runtime.setScaling({
        minEnvironments: applied.MinExecutionEnvironments,
        maxEnvironments: applied.MaxExecutionEnvironments,
      });
    } catch (e) {
      this.deps.log(`[emulator] ${v.functionName}:${v.version}: rescaling failed: ${String(e)}`);
      throw e;
    }
  }

  /** The runtime serving a version, created on first use (standard) or during Pending (LMI). */
  runtimeFor(fn: FunctionRecord, v: VersionRecord): Promise<VersionRuntime> {
    if (!runsHere(v.config.runtime)) {
      throw new AwsError(
        'ServiceException',
        `The local emulator runs Node.js functions only; ${v.config.runtime} code cannot be invoked here.`,
        500,
        { Type: 'Service' },
      );
    }
    const existing = this.running.get(key(v.functionName, v.version));
    if (existing?.record === v) return existing.runtime;
    // $LATEST changed (new code or configuration) since its runtime started: replace it.
    if (existing) void this.stopVersion(v.functionName, v.version);
    if (v.config.lmi && v.version !== '$LATEST') {
      // The LMI runtime is created while Pending; without it the version cannot run.
      throw new AwsError(
        'ServiceException',
        `The execution environments of ${fn.name}:${v.version} are not running.`,
        500,
        { Type: 'Service' },
      );
    }
    return this.start(v).runtime;
  }

  counters(functionName: string, version: string): VersionCounters | undefined {
    return this.runningNow(functionName, version)?.counters();
  }

  refreshFaults(functionName?: string): void {
    for (const r of this.running.values()) {
      if (functionName !== undefined && r.record.functionName !== functionName) continue;
      void r.runtime.then(
        (rt) => rt.setFaults(this.faultsOf(r.record)),
        () => undefined,
      );
    }
  }

  crashEnvironment(crash: EnvironmentCrash): string | undefined {
    return this.runningNow(crash.functionName, crash.version)?.crashEnvironment(crash.environmentId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((r) => this.stopRuntime(r)));
    await this.unpacker.dispose();
  }

  private start(v: VersionRecord): Running {
    if (this.stopped) throw new AwsError('ServiceException', 'The emulator is stopping.', 500);
    const running: Running = { record: v, runtime: this.create(v) };
    running.runtime.then(
      (rt) => this.settled.set(running, rt),
      () => undefined,
    );
    this.running.set(key(v.functionName, v.version), running);
    return running;
  }

  private async create(v: VersionRecord): Promise<VersionRuntime> {
    const codeDir = await this.unpacker.directoryFor(v.config.code);
    const spec = buildVersionSpec(this.deps.store, v, {
      codeDir,
      scaleUpDelayMs: this.options.scaleUpDelayMs ?? 2000,
    });
    const options: RuntimeOptions = {
      region: this.deps.store.region,
      endpoint: this.deps.endpoint(),
      // Functions sign with their own key, as a real function signs with its execution role's
      // temporary credentials: the call log can then tell the function's calls from the caller's.
      accessKeyId: FUNCTION_ACCESS_KEY_ID,
      secretAccessKey: this.deps.credentials.secretAccessKey,
      accountConcurrencyLimit: this.account.limit,
      accountConcurrency: this.account,
      idleEnvironmentTtlMs: this.options.idleEnvironmentTtlMs,
      initTimeoutMs: this.options.initTimeoutMs,
    };
    const runtime = createVersionRuntime(spec, options);
    runtime.setFaults(this.faultsOf(v));
    if (this.stopped) {
      await runtime.stop();
      throw new AwsError('ServiceException', 'The emulator is stopping.', 500);
    }
    return runtime;
  }

  private faultsOf(v: VersionRecord) {
    return this.deps.faults.invocationFaultFor(v.functionName, v.version);
  }

  /** The runtime of a version if it has finished being created (counters, crashes). */
  private runningNow(functionName: string, version: string): VersionRuntime | undefined {
    const r = this.running.get(key(functionName, version));
    return r ? this.settled.get(r) : undefined;
  }

  private async stopVersion(functionName: string, version: string): Promise<void> {
    const r = this.running.get(key(functionName, version));
    if (!r) return;
    this.running.delete(key(functionName, version));
    await this.stopRuntime(r);
  }

  private stopFunction(fn: FunctionRecord): void {
    for (const [k, r] of this.running) {
      if (r.record.functionName !== fn.name) continue;
      this.running.delete(k);
      void this.stopRuntime(r);
    }
  }

  private async stopRuntime(r: Running): Promise<void> {
    const runtime = await r.runtime.catch(() => undefined);
    await runtime?.stop();
  }
}
