// The environment variables Lambda sets in an execution environment, plus the emulator's
// endpoint and credentials so the function's own SDK calls land back in the emulator.
import type { FunctionVersionSpec, RuntimeOptions } from './contract.js';

export function logStreamNameFor(spec: FunctionVersionSpec, environmentId: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${spec.version}]${environmentId}`;
}

export function lambdaEnvironment(
  spec: FunctionVersionSpec,
  opts: RuntimeOptions,
  logStreamName: string,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...spec.environment,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: spec.lmi ? 'lambda-managed-instances' : 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_REGION: opts.region,
    AWS_DEFAULT_REGION: opts.region,
    AWS_ENDPOINT_URL: opts.endpoint,
    AWS_ACCESS_KEY_ID: opts.accessKeyId,
    AWS_SECRET_ACCESS_KEY: opts.secretAccessKey,
    LAMBDA_TASK_ROOT: spec.codeDir,
    _HANDLER: spec.handler,
    ...(spec.lmi ? { AWS_LAMBDA_MAX_CONCURRENCY: String(spec.lmi.maxConcurrency) } : {}),
  };
}

/** vCPUs of one LMI environment: memory ÷ ExecutionEnvironmentMemoryGiBPerVCpu. */
export function vCpusPerEnvironment(spec: FunctionVersionSpec): number {
  if (!spec.lmi) return 1;
  return Math.max(1, Math.floor(spec.memoryMb / 1024 / spec.lmi.memoryGiBPerVCpu));
}

/** Runtime workers of one LMI environment: one per vCPU unless AWS_LAMBDA_NODEJS_WORKER_COUNT says otherwise. */
export function workerCountFor(spec: FunctionVersionSpec): number {
  const override = spec.environment.AWS_LAMBDA_NODEJS_WORKER_COUNT;
  if (spec.lmi && override !== undefined) {
    const count = Number(override);
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`AWS_LAMBDA_NODEJS_WORKER_COUNT must be a positive integer, got '${override}'`);
    }
    return count;
  }
  return vCpusPerEnvironment(spec);
}
