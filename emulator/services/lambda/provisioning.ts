// The LMI version state machine. Publishing an LMI version launches instances and starts
// execution environments: the version is Pending (StateReasonCode Creating) for the
// provisioning time, then Active, or Failed with a StateReasonCode such as
// InsufficientCapacity when a fault says so.
import { CAPACITY_EXCEEDED, minimumFits, requestedScaling } from './capacity.js';
import type { VersionRecord } from './model.js';
import type { LambdaStore } from './store.js';

const PENDING_REASON = 'The function is being created.';

const FAILURE_REASONS: Record<string, string> = {
  InsufficientCapacity:
    'Lambda could not launch instances for the capacity provider because there is not enough capacity for the requested instance types in the selected Availability Zones.',
  VcpuLimitExceeded:
    "Lambda could not launch instances for the capacity provider because the account's vCPU limit for On-Demand instances was exceeded.",
  InvalidSubnet:
    "Lambda could not launch instances for the capacity provider because one or more subnets in the capacity provider's VpcConfig are invalid.",
  SubnetOutOfIPAddresses:
    "Lambda could not launch instances for the capacity provider because the subnets in the capacity provider's VpcConfig have no free IP addresses.",
  // The SDK model's StateReasonCode enum has this code and VcpuLimitExceeded; the docs do not say
  // which a capacity provider's own MaxVCpuCount gives, so the emulator uses this one for it
  // and keeps VcpuLimitExceeded for the account's EC2 vCPU quota.
  [CAPACITY_EXCEEDED]:
    "Lambda could not start the minimum execution environments for this version because they would exceed the capacity provider's MaxVCpuCount.",
  InvalidSecurityGroup:
    "Lambda could not launch instances for the capacity provider because one or more security groups in the capacity provider's VpcConfig are invalid.",
  EC2RequestLimitExceeded:
    'Lambda could not launch instances for the capacity provider because EC2 API requests were throttled.',
  InternalError: 'Lambda encountered an internal error while provisioning this version.',
};

export const failureReason = (code: string): string =>
  FAILURE_REASONS[code] ?? `Lambda could not provision this version (${code}).`;

const key = (v: VersionRecord) => `${v.functionName}:${v.version}`;

/** A version that failed holds no environments (and no vCPUs of its capacity provider). */
const NO_ENVIRONMENTS = { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 };

/**
 * A failure the provisioning will end with: an injected one, or the capacity provider's
 * MaxVCpuCount that cannot hold the version's minimum environments next to the others'.
 */
function plannedFailure(store: LambdaStore, v: VersionRecord) {
  const plan = store.faults.takeProvisioning(v.functionName);
  const min = requestedScaling(v).MinExecutionEnvironments;
  if (!plan?.failWith && !minimumFits(store, v, min)) return { ...plan, failWith: CAPACITY_EXCEEDED };
  return plan;
}

/**
 * Starts provisioning an LMI version: freshly published, or a Deactivated one raised again.
 * The version holds its minimum environments from here on (capacity.ts), until it fails.
 */
export function startProvisioning(store: LambdaStore, v: VersionRecord): void {
  const plan = plannedFailure(store, v);
  const duration = plan?.durationMs ?? store.options.provisioningMs;
  v.appliedScaling = plan?.failWith ? NO_ENVIRONMENTS : requestedScaling(v);
  store.setVersionState(v, 'Pending', 'Creating', PENDING_REASON);
  let cancelled = false;
  // Instances that never launch start no environments: an injected failure skips the hook.
  let initError: { stateReasonCode?: string; message?: string } | undefined;
  const hook = plan?.failWith ? undefined : store.options.onVersionProvisioning?.(v);
  const initialized = (hook ?? Promise.resolve()).then(
    () => undefined,
    (e: unknown) => {
      initError = (e ?? {}) as typeof initError;
    },
  );
  const cancelTimer = store.timers.after(duration, () => {
    void initialized.then(() => {
      if (cancelled || store.timers.isStopped) return;
      store.provisioning.delete(key(v));
      if (plan?.failWith || initError) v.appliedScaling = NO_ENVIRONMENTS;
      if (plan?.failWith) {
        store.setVersionState(v, 'Failed', plan.failWith, plan.reason ?? failureReason(plan.failWith));
      } else if (initError) {
        store.setVersionState(
          v,
          'Failed',
          initError.stateReasonCode ?? 'FunctionError',
          `Lambda could not initialize the function: ${initError.message ?? String(initError)}`,
        );
      } else {
        store.setVersionState(v, 'Active');
      }
    });
  });
  store.provisioning.set(key(v), () => {
    cancelled = true;
    cancelTimer();
  });
}

/** Stops a version's provisioning (the version is being deleted). */
export function cancelProvisioning(store: LambdaStore, v: VersionRecord): void {
  store.provisioning.get(key(v))?.();
  store.provisioning.delete(key(v));
}
