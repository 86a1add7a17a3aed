// The vCPUs LMI versions hold on their capacity provider. A version holds its minimum execution
// environments from the moment it starts provisioning until it fails, is deactivated (0/0
// FunctionScalingConfig) or deleted; each environment takes memory ÷
// ExecutionEnvironmentMemoryGiBPerVCpu vCPUs. A version whose minimum would take the provider
// past its MaxVCpuCount gets no environments.
import type { FunctionConfig, ScalingConfig, VersionRecord } from './model.js';
import type { LambdaStore } from './store.js';

/** SAM's and Lambda's default FunctionScalingConfig: three environments, for AZ resiliency. */
export const DEFAULT_SCALING = { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 };

/** Lambda's default ceiling when a capacity provider sets no MaxVCpuCount. */
const DEFAULT_MAX_VCPU = 400;

/** The StateReasonCode of a version its capacity provider's MaxVCpuCount cannot hold. */
export const CAPACITY_EXCEEDED = 'CapacityProviderScalingLimitExceeded';

export const requestedScaling = (v: VersionRecord): Required<ScalingConfig> => ({
  ...DEFAULT_SCALING,
  ...(v.scaling ?? {}),
});

/** What GetFunctionScalingConfig reports as applied: the record's, else what was requested. */
export const appliedScaling = (v: VersionRecord): Required<ScalingConfig> =>
  v.appliedScaling ?? requestedScaling(v);

function vCpusPerEnvironment(c: FunctionConfig): number {
  if (!c.lmi) return 1;
  return Math.max(1, Math.floor(c.memorySize / 1024 / c.lmi.executionEnvironmentMemoryGiBPerVCpu));
}

export function maxVCpuCount(store: LambdaStore, capacityProviderArn: string): number {
  const cp = [...store.capacityProviders.values()].find((p) => p.arn === capacityProviderArn);
  return cp?.scalingConfig?.MaxVCpuCount ?? DEFAULT_MAX_VCPU;
}

const holdsEnvironments = (v: VersionRecord) => v.state === 'Pending' || v.state === 'Active';

/** vCPUs the minimum environments of every other version on the provider hold. */
function heldByOthers(store: LambdaStore, v: VersionRecord): number {
  const cpArn = v.config.lmi!.capacityProviderArn;
  let held = 0;
  for (const other of store.versionsOnCapacityProvider(cpArn)) {
    if (other === v || !holdsEnvironments(other)) continue;
    held += appliedScaling(other).MinExecutionEnvironments * vCpusPerEnvironment(other.config);
  }
  return held;
}

/** Whether `minEnvironments` of this version fit next to what the provider's other versions hold. */
export function minimumFits(store: LambdaStore, v: VersionRecord, minEnvironments: number): boolean {
  const cpArn = v.config.lmi!.capacityProviderArn;
  const wanted = minEnvironments * vCpusPerEnvironment(v.config);
  return heldByOthers(store, v) + wanted <= maxVCpuCount(store, cpArn);
}
