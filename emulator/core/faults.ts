// Faults a test (or the demo) injects so every failure path of the pipeline can be driven on
// one machine: API throttles and errors, added latency, LMI provisioning time and failures,
// and CloudFormation resource-handler failures.
import { AwsError } from '../errors.js';

export interface ApiFaultTarget {
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

export class Faults {
  private throttles: Counted<ThrottleFault>[] = [];
  private errors: Counted<ErrorFault>[] = [];
  private latencies: Counted<LatencyFault>[] = [];
  private provisionings: Counted<ProvisioningFault>[] = [];
  private resourceFailures: Counted<ResourceFailureFault>[] = [];

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

  clear(): void {
    this.throttles = [];
    this.errors = [];
    this.latencies = [];
    this.provisionings = [];
    this.resourceFailures = [];
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
