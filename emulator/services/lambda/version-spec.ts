// Builds the runtime's FunctionVersionSpec (emulator/runtime/contract.ts) from a version
// record; the runner unpacks `config.code.zipPath` into codeDir before calling this.
import type { FunctionVersionSpec } from '../../runtime/contract.js';
import type { VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { appliedScaling, maxVCpuCount } from './capacity.js';
import type { LambdaStore } from './store.js';

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
    const scaling = appliedScaling(v);
    spec.lmi = {
      memoryGiBPerVCpu: c.lmi.executionEnvironmentMemoryGiBPerVCpu,
      maxConcurrency: c.lmi.perExecutionEnvironmentMaxConcurrency,
      maxVCpuCount: maxVCpuCount(store, c.lmi.capacityProviderArn),
      minEnvironments: scaling.MinExecutionEnvironments,
      maxEnvironments: scaling.MaxExecutionEnvironments,
      scaleUpDelayMs: opts.scaleUpDelayMs,
    };
  }
  return spec;
}
