// Builds the runtime's FunctionVersionSpec (emulator/runtime/contract.ts) from a version
// record; the runner unpacks `config.code.zipPath` into codeDir before calling this.
import type { FunctionVersionSpec } from '../../runtime/contract.js';
import type { VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { DEFAULT_SCALING } from './scaling.js';
import type { LambdaStore } from './store.js';

/** Lambda's default ceiling when a capacity provider sets no MaxVCpuCount. */
const DEFAULT_MAX_VCPU = 400;

export interface SpecOptions {
  codeDir: string;
  /** Delay before an environment added under load is usable. */
  scaleUpDelayMs: number;
}

export function buildVersionSpec(
  store: LambdaStore,
  v: VersionRecord,
  opts: SpecOptions,
): FunctionVersionSpec {
  const c = v.config;
  const spec: FunctionVersionSpec = {
    functionName: v.functionName,
    functionArn: functionArn(store.region, v.functionName, v.version),
    version: v.version,
    codeDir: opts.codeDir,
    handler: c.handler,
    runtime: c.runtime,
    memoryMb: c.memorySize,
    timeoutSeconds: c.timeout,
    environment: { ...c.environment },
    logGroupName: c.logGroup,
  };
  if (c.lmi) {
    const cp = [...store.capacityProviders.values()].find((p) => p.arn === c.lmi!.capacityProviderArn);
    spec.lmi = {
      memoryGiBPerVCpu: c.lmi.executionEnvironmentMemoryGiBPerVCpu,
      maxConcurrency: c.lmi.perExecutionEnvironmentMaxConcurrency,
      maxVCpuCount: cp?.scalingConfig?.MaxVCpuCount ?? DEFAULT_MAX_VCPU,
      minEnvironments: v.scaling?.MinExecutionEnvironments ?? DEFAULT_SCALING.MinExecutionEnvironments,
      scaleUpDelayMs: opts.scaleUpDelayMs,
    };
  }
  return spec;
}
