// The seam between the Lambda control plane (emulator/services/lambda) and the code runner
// (emulator/runtime). The control plane owns functions, versions, aliases and states; the
// runtime owns execution environments for one published version (or $LATEST of a standard
// function) and runs invocations in them.

export interface LmiRuntimeConfig {
  /** ExecutionEnvironmentMemoryGiBPerVCpu: vCPUs per environment = memory / this. */
  memoryGiBPerVCpu: number;
  /** PerExecutionEnvironmentMaxConcurrency: in-flight invocations one environment admits. */
  maxConcurrency: number;
  /** Capacity provider ScalingConfig.MaxVCpuCount: the ceiling for added environments. */
  maxVCpuCount: number;
  /** Environments started when the version becomes Active (FunctionScalingConfig's minimum; default 3). */
  minEnvironments: number;
  /** FunctionScalingConfig's maximum: scale-up stops here (and at maxVCpuCount); no cap when absent. */
  maxEnvironments?: number;
  /** Delay before an environment added under load becomes usable. */
  scaleUpDelayMs: number;
}

export interface FunctionVersionSpec {
  functionName: string;
  functionArn: string; // qualified ARN of this version
  version: string; // "1", "2", or "$LATEST"
  /** Directory holding the unpacked deployment package. */
  codeDir: string;
  /** Lambda handler string, for example `index.handler` or `src/app.handler`. */
  handler: string;
  runtime: string; // nodejs20.x, nodejs22.x, nodejs24.x
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  logGroupName: string;
  /** Present for a version of an LMI function; absent for standard Lambda. */
  lmi?: LmiRuntimeConfig;
}

export interface RuntimeOptions {
  region: string;
  /** The emulator's own endpoint, given to the code as AWS_ENDPOINT_URL. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Account concurrency limit for standard functions (Lambda's default is 1000). */
  accountConcurrencyLimit: number;
  /**
   * Extension: one pool shared by every standard version of the account, so the limit is
   * account-wide as in Lambda. Without it, each runtime gets its own pool of
   * `accountConcurrencyLimit`. Create with `new AccountConcurrency(limit)`.
   */
  accountConcurrency?: AccountConcurrencyPool;
  /** Extension: receives every log line (Lambda's format) as it is written, e.g. for CloudWatch Logs. */
  onLog?: (line: RuntimeLogLine) => void;
  /** Extension: a standard environment idle this long is shut down (default 300000, as Lambda reclaims idle ones). */
  idleEnvironmentTtlMs?: number;
  /** Extension: the init time limit per environment (default: Lambda's, 10 s standard, max(130 s, timeout) LMI). */
  initTimeoutMs?: number;
}

/** Extension: account-wide concurrency for standard functions, shared between runtimes. */
export interface AccountConcurrencyPool {
  readonly limit: number;
  readonly inUse: number;
  /** Takes one slot; false when the account is at its limit. */
  tryAcquire(): boolean;
  release(): void;
}

/** Extension: one log line of one environment; `requestId` is absent for init and stray output. */
export interface RuntimeLogLine {
  environmentId: string;
  logStreamName: string;
  requestId?: string;
  line: string;
}

export interface InvokeRequest {
  payload: Buffer;
  requestId: string;
  /** 'Tail' returns the last 4 KB of the invocation's logs. */
  logType?: 'None' | 'Tail';
  /**
   * Extension: the ARN the caller invoked (unqualified, or with the alias or version it
   * named), given to the handler as `context.invokedFunctionArn`; the version's ARN by default.
   */
  invokedFunctionArn?: string;
}

export interface InvokeResult {
  payload: Buffer;
  /** 'Unhandled' for handler errors and timeouts, as Lambda's X-Amz-Function-Error. */
  functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of logs with the REPORT line, when logType was 'Tail'. */
  logResult?: string;
  executedVersion: string;
  durationMs: number;
  initDurationMs?: number;
  environmentId: string;
  /** Extension: the invocation's whole log (init lines on a cold start, START … REPORT). */
  logs?: string;
}

export interface VersionCounters {
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  environments: number;
  /** Peak in-flight invocations seen per environment id. */
  peakInFlightByEnvironment: Record<string, number>;
  /** Extension: environments ever started (initial, scaled up, cold started, replacements). */
  environmentsStarted?: number;
  /** Extension: invocations in flight right now. */
  inFlight?: number;
}

/** Faults a test can inject into one running version. */
export interface RuntimeFaults {
  /** Fraction 0..1 of invocations that fail as a handler error. */
  errorRate?: number;
  /** Milliseconds added before the handler runs. */
  addedLatencyMs?: number;
}

/** One running version: its execution environments and the invocations they serve. */
export interface VersionRuntime {
  /**
   * LMI: starts `minEnvironments` environments and resolves when every worker's init is done
   * (the Pending phase); rejects with `FunctionInitError` when the code cannot initialize.
   * Standard: nothing to do (environments cold-start on demand).
   */
  start(): Promise<void>;
  /**
   * Runs one invocation. Resolves with the result, including function errors (`functionError`
   * 'Unhandled': handler errors, timeouts, crashes); throws `AwsError` for throttles
   * (`TooManyRequestsException`, 429) and for payloads that are not JSON.
   */
  invoke(req: InvokeRequest): Promise<InvokeResult>;
  counters(): VersionCounters;
  /** Replaces the injected faults (an empty object clears them). */
  setFaults(f: RuntimeFaults): void;
  /**
   * LMI: applies a new FunctionScalingConfig to the running version. Environments beyond the
   * maximum stop (a busy one once its invocations finish); ones below the minimum start, and
   * the promise resolves when they have initialized. Standard: nothing to do.
   */
  setScaling(s: { minEnvironments: number; maxEnvironments: number }): Promise<void>;
  /**
   * Kills one environment (the given id, else the busiest) as a runtime crash: its in-flight
   * invocations fail with `Runtime.ExitError`; an LMI environment is replaced. Returns the id,
   * or undefined when there was none.
   */
  crashEnvironment(id?: string): string | undefined;
  /** Terminates every worker and timer; resolves when all worker threads have exited. */
  stop(): Promise<void>;
}
