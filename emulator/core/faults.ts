// Faults a test (or the demo) injects so every failure path of the pipeline can be driven on
// one machine: API throttles and errors, added latency, LMI provisioning time and failures,
// CloudFormation resource-handler failures, and (with runCode) failing or slow invocations,
// crashing execution environments and errors behind an API Gateway canary.
import { AwsError } from '../errors.js';

interface ApiFaultTarget {
  /** SigV4 service name: cloudformation, lambda, apigateway, ssm, dynamodb, s3, iam. */
  service: string;
  /** Operation name as AWS names it (`GetFunctionConfiguration`); omit or `*` for every one. */
  operation?: string;
}

export interface ThrottleFault extends ApiFaultTarget {
  /** How many of the next matching calls are throttled. */
  count?: number;
}

export interface ErrorFault extends ApiFaultTarget {
  code: string;
  message: string;
  statusCode?: number;
  count?: number;
  extra?: Record<string, unknown>;
}

export interface LatencyFault extends ApiFaultTarget {
  ms: number;
  /** Matching calls affected; unlimited when omitted. */
  count?: number;
}

export interface ProvisioningFault {
  /** Applies to the next version published of this function; any function when omitted. */
  functionName?: string;
  /** Pending time of that version, overriding the emulator's provisioningMs. */
  durationMs?: number;
  /** End in Failed with this StateReasonCode (InsufficientCapacity, VcpuLimitExceeded, ...). */
  failWith?: string;
  /** StateReason sentence; a sentence like AWS's is chosen from the code when omitted. */
  reason?: string;
  /** Number of versions this applies to (default 1). */
  count?: number;
}

export interface ResourceFailureFault {
  logicalResourceId?: string;
  resourceType?: string;
  action?: 'Create' | 'Update' | 'Delete';
  message: string;
  count?: number;
}

export interface InvocationFault {
  functionName: string;
  /** A published version number or $LATEST; every version of the function when omitted. */
  version?: string;
  /** Fraction 0..1 of invocations that fail as a handler error (`Injected fault: errorRate …`). */
  errorRate?: number;
  /** Milliseconds added before the handler runs (counted in Duration). */
  latencyMs?: number;
}

export interface EnvironmentCrash {
  functionName: string;
  version: string;
  /** The environment to kill; the busiest one when omitted. */
  environmentId?: string;
}

export interface CanaryErrorFault {
  restApiId: string;
  stage: string;
  /** Fraction 0..1 of canary-routed requests whose invocation fails as a function error. */
  rate: number;
}

/** What the code runner exposes to faults: it applies invocation faults and crashes environments. */
export interface CodeRunnerControl {
  /** Invocation faults of a function changed: re-apply them to its running versions. */
  refreshFaults(functionName?: string): void;
  crashEnvironment(crash: EnvironmentCrash): string | undefined;
}

/** What the HTTP layer applies to one API call. */
export interface ApiFaultOutcome {
  latencyMs: number;
  throttle: boolean;
  error?: AwsError;
}

export interface ProvisioningPlan {
  durationMs?: number;
  failWith?: string;
  reason?: string;
}

interface Counted<T> {
  spec: T;
  remaining: number;
}

const matches = (t: ApiFaultTarget, service: string, operation: string): boolean =>
  t.service === service && (t.operation === undefined || t.operation === '*' || t.operation === operation);

function take<T>(list: Counted<T>[], pred: (spec: T) => boolean): T | undefined {
  const i = list.findIndex((c) => c.remaining > 0 && pred(c.spec));
  if (i < 0) return undefined;
  const entry = list[i]!;
  entry.remaining -= 1;
  if (entry.remaining <= 0) list.splice(i, 1);
  return entry.spec;
}

const checkFraction = (name: string, v: number | undefined): void => {
  if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`${name} must be between 0 and 1, got ${v}`);
};

export class Faults {
  private throttles: Counted<ThrottleFault>[] = [];
  private errors: Counted<ErrorFault>[] = [];
  private latencies: Counted<LatencyFault>[] = [];
  private provisionings: Counted<ProvisioningFault>[] = [];
  private resourceFailures: Counted<ResourceFailureFault>[] = [];
  private invocationFaults = new Map<string, InvocationFault>();
  private canaryFaults = new Map<string, number>();
  private codeRunner?: CodeRunnerControl;

  throttle(f: ThrottleFault): this {
    this.throttles.push({ spec: f, remaining: f.count ?? 1 });
    return this;
  }

  error(f: ErrorFault): this {
    this.errors.push({ spec: f, remaining: f.count ?? 1 });
    return this;
  }

  latency(f: LatencyFault): this {
    this.latencies.push({ spec: f, remaining: f.count ?? Number.POSITIVE_INFINITY });
    return this;
  }

  provisioning(f: ProvisioningFault): this {
    this.provisionings.push({ spec: f, remaining: f.count ?? 1 });
    return this;
  }

  failResource(f: ResourceFailureFault): this {
    this.resourceFailures.push({ spec: f, remaining: f.count ?? 1 });
    return this;
  }

  /**
   * Makes a function's invocations fail at a rate and/or wait longer, from now on (running
   * versions at once, later ones when they start). Replaces an earlier fault for the same
   * function and version; `{ functionName, version }` alone clears it. Needs runCode.
   */
  invocations(f: InvocationFault): this {
    checkFraction('errorRate', f.errorRate);
    if (f.latencyMs !== undefined && !(f.latencyMs >= 0)) {
      throw new Error(`latencyMs must be 0 or more, got ${f.latencyMs}`);
    }
    const key = `${f.functionName}:${f.version ?? '*'}`;
    if (f.errorRate === undefined && f.latencyMs === undefined) this.invocationFaults.delete(key);
    else this.invocationFaults.set(key, { ...f });
    this.codeRunner?.refreshFaults(f.functionName);
    return this;
  }

  /**
   * Kills one execution environment of a running version as a runtime crash: its in-flight
   * invocations fail with Runtime.ExitError; an LMI environment is replaced. Returns the
   * environment id, or undefined when the version has no running environment. Needs runCode.
   */
  crashEnvironment(crash: EnvironmentCrash): string | undefined {
    if (!this.codeRunner) {
      throw new Error('crashEnvironment needs an emulator started with runCode (no code runs here).');
    }
    return this.codeRunner.crashEnvironment(crash);
  }

  /**
   * Makes that fraction of the requests an API Gateway stage routes to its canary fail as the
   * canary function's error: API Gateway answers them 502. `rate: 0` clears it. Needs runCode.
   */
  canaryErrors(f: CanaryErrorFault): this {
    checkFraction('rate', f.rate);
    this.canaryFaults.set(`${f.restApiId}/${f.stage}`, f.rate);
    return this;
  }

  clear(): void {
    this.throttles = [];
    this.errors = [];
    this.latencies = [];
    this.provisionings = [];
    this.resourceFailures = [];
    this.invocationFaults.clear();
    this.canaryFaults.clear();
    this.codeRunner?.refreshFaults();
  }

  /** The emulator's code runner registers here so invocation faults reach running versions. */
  attachCodeRunner(runner: CodeRunnerControl): void {
    this.codeRunner = runner;
  }

  /** The runtime faults for one version: its own fault over the function-wide one. */
  invocationFaultFor(functionName: string, version: string): { errorRate?: number; addedLatencyMs?: number } {
    const all = this.invocationFaults.get(`${functionName}:*`);
    const own = this.invocationFaults.get(`${functionName}:${version}`);
    const errorRate = own?.errorRate ?? all?.errorRate;
    const addedLatencyMs = own?.latencyMs ?? all?.latencyMs;
    return {
      ...(errorRate ? { errorRate } : {}),
      ...(addedLatencyMs ? { addedLatencyMs } : {}),
    };
  }

  /** Whether this canary-routed request fails (drawn at the fault's rate). */
  takeCanaryError(restApiId: string, stage: string): boolean {
    const rate = this.canaryFaults.get(`${restApiId}/${stage}`) ?? 0;
    return rate > 0 && Math.random() < rate;
  }

  /** Consumes the faults that apply to one API call. */
  takeApiFault(service: string, operation: string): ApiFaultOutcome {
    const latency = take(this.latencies, (f) => matches(f, service, operation));
    const throttle = take(this.throttles, (f) => matches(f, service, operation));
    const err = throttle ? undefined : take(this.errors, (f) => matches(f, service, operation));
    return {
      latencyMs: latency?.ms ?? 0,
      throttle: throttle !== undefined,
      error: err ? new AwsError(err.code, err.message, err.statusCode ?? 400, err.extra ?? {}) : undefined,
    };
  }

  /** Consumes the provisioning plan for the version just published of functionName. */
  takeProvisioning(functionName: string): ProvisioningPlan | undefined {
    return take(this.provisionings, (f) => f.functionName === undefined || f.functionName === functionName);
  }

  /** Consumes an injected CloudFormation resource-handler failure, returning its message. */
  takeResourceFailure(logicalResourceId: string, resourceType: string, action: string): string | undefined {
    return take(
      this.resourceFailures,
      (f) =>
        (f.logicalResourceId === undefined || f.logicalResourceId === logicalResourceId) &&
        (f.resourceType === undefined || f.resourceType === resourceType) &&
        (f.action === undefined || f.action === action),
    )?.message;
  }
}
