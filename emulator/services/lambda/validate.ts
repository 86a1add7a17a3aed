// Validation of function settings as Lambda performs it, including the rules for Lambda
// Managed Instances: fixed compute type, 2 GB minimum, LMI runtimes, memory/vCPU ratios.
import type { LambdaStore } from './store.js';
import { invalidParameter, notFound, validation } from './errors.js';
import type { LmiConfig } from './model.js';

const RUNTIMES = [
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.3',
  'ruby3.4',
  'provided.al2',
  'provided.al2023',
];

/** Runtimes Lambda Managed Instances accepts. */
const LMI_RUNTIMES = [
  'nodejs22.x',
  'nodejs24.x',
  'python3.13',
  'python3.14',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
];

/** PerExecutionEnvironmentMaxConcurrency defaults per vCPU, by runtime family. */
const CONCURRENCY_PER_VCPU: [RegExp, number][] = [
  [/^nodejs/, 64],
  [/^(java|dotnet)/, 32],
  [/^python/, 16],
];

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

export function validateRole(role: unknown): string {
  if (typeof role !== 'string' || !ROLE.test(role)) {
    throw validation(
      `1 validation error detected: Value '${String(role)}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
  return role;
}

export function validateRuntime(runtime: unknown): string {
  if (typeof runtime !== 'string' || !RUNTIMES.includes(runtime)) {
    throw validation(
      `1 validation error detected: Value '${String(runtime)}' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${RUNTIMES.join(', ')}] or be a valid ARN`,
    );
  }
  return runtime;
}

export function validateRange(field: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    const bound =
      typeof n === 'number' && n > max ? `less than or equal to ${max}` : `greater than or equal to ${min}`;
    throw validation(
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  return n;
}

export interface LmiInput {
  LambdaManagedInstancesCapacityProviderConfig?: {
    CapacityProviderArn?: string;
    PerExecutionEnvironmentMaxConcurrency?: number;
    ExecutionEnvironmentMemoryGiBPerVCpu?: number;
  };
}

/** Validates an LMI function's settings against its capacity provider; returns the LMI config. */
export function validateLmi(
  store: LambdaStore,
  input: LmiInput,
  runtime: string,
  memorySize: number,
  architectures: string[],
): LmiConfig {
  const cfg = input.LambdaManagedInstancesCapacityProviderConfig;
  if (!cfg) {
    throw validation(
      "1 validation error detected: Value null at 'capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig' failed to satisfy constraint: Member must not be null",
    );
  }
  const cpArn = cfg.CapacityProviderArn ?? '';
  const cp = [...store.capacityProviders.values()].find((c) => c.arn === cpArn);
  if (!cp) throw notFound(`Capacity provider not found: ${cpArn}`);
  if (cp.state !== 'Active') {
    throw invalidParameter(
      `The capacity provider ${cp.name} is ${cp.state}; it must be Active to attach functions.`,
    );
  }
  if (!LMI_RUNTIMES.includes(runtime)) {
    throw invalidParameter(
      `The runtime ${runtime} is not supported for Lambda Managed Instances. Supported runtimes: ${LMI_RUNTIMES.join(', ')}.`,
    );
  }
  if (memorySize < 2048) {
    throw validation('Lambda Managed Instance functions must have memory size greater than or equal to 2048');
  }
  const ratio = Number(cfg.ExecutionEnvironmentMemoryGiBPerVCpu ?? 2);
  if (![2, 4, 8].includes(ratio)) {
    throw invalidParameter(
      `ExecutionEnvironmentMemoryGiBPerVCpu must be 2, 4 or 8 (GiB per vCPU), not ${ratio}.`,
    );
  }
  if (memorySize < ratio * 1024) {
    throw invalidParameter(
      `MemorySize ${memorySize} MB is less than one vCPU at ${ratio} GiB per vCPU; use at least ${ratio * 1024} MB.`,
    );
  }
  const allowedArch = cp.instanceRequirements?.Architectures;
  if (allowedArch?.length && !architectures.every((a) => allowedArch.includes(a))) {
    throw invalidParameter(
      `The function architecture ${architectures.join(', ')} doesn't match the capacity provider's architectures [${allowedArch.join(', ')}].`,
    );
  }
  const vcpus = Math.max(1, Math.floor(memorySize / 1024 / ratio));
  const perVcpu = CONCURRENCY_PER_VCPU.find(([re]) => re.test(runtime))?.[1] ?? 16;
  const maxConcurrency = Number(cfg.PerExecutionEnvironmentMaxConcurrency ?? perVcpu * vcpus);
  validateRange(
    'capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig.perExecutionEnvironmentMaxConcurrency',
    maxConcurrency,
    1,
    1600,
  );
  return {
    capacityProviderArn: cp.arn,
    perExecutionEnvironmentMaxConcurrency: maxConcurrency,
    executionEnvironmentMemoryGiBPerVCpu: ratio,
  };
}
