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
  /** Environments started when the version becomes Active (Lambda's minimum is 3). */
  minEnvironments: number;
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
}

export interface InvokeRequest {
  payload: Buffer;
  requestId: string;
  /** 'Tail' returns the last 4 KB of the invocation's logs. */
  logType?: 'None' | 'Tail';
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
}

export interface VersionCounters {
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  environments: number;
  /** Peak in-flight invocations seen per environment id. */
  peakInFlightByEnvironment: Record<string, number>;
}

/** Faults a test can inject into one running version. */
export interface RuntimeFaults {
  /** Fraction 0..1 of invocations that fail as a handler error. */
  errorRate?: number;
  /** Milliseconds added before the handler runs. */
  addedLatencyMs?: number;
}
