// How a provisioning wait ends red, each as an error a person can act on: the version Failed
// (with what its StateReasonCode means), a state that will never become Active, a Failed
// capacity provider, or the deadline passed while the version was still not Active.
import type { ProvisionObservation } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { provisioningAdvice } from './advice.js';
import type { LmiVersionRef } from './lmi-version.js';

/**
 * 'active' or 'pending' for a version that is, or may still become, Active; throws the
 * stage's PROVISIONING_FAILED for every state that will not.
 */
export function judgeState(label: string, ref: LmiVersionRef, o: ProvisionObservation): 'active' | 'pending' {
  if (o.capacityProviderState === 'Failed') {
    throw new CutoverError(
      'PROVISIONING_FAILED',
      `The capacity provider ${o.capacityProviderArn} of ${ref.functionName} is Failed, so ${label} cannot run. ` +
        'Check its VPC configuration (subnets, security groups) and operator role, then deploy again.',
    );
  }
  if (o.state === 'Active') return 'active';
  if (o.state === 'Failed') throw failed(label, ref, o);
  if (o.state !== 'Pending') throw unusable(label, ref, o);
  return 'pending';
}

function failed(label: string, ref: LmiVersionRef, o: ProvisionObservation): CutoverError {
  const code = o.stateReasonCode ?? 'no reason code';
  return new CutoverError(
    'PROVISIONING_FAILED',
    `${label} of ${ref.functionName} failed to provision: ${code}. ${provisioningAdvice(o.stateReasonCode)}`,
    [
      ...(o.stateReason ? [`StateReason: ${o.stateReason}`] : []),
      ...(o.capacityProviderArn
        ? [`Capacity provider: ${o.capacityProviderArn} (${o.capacityProviderState ?? 'state unknown'})`]
        : []),
    ],
  );
}

const UNUSABLE: Record<string, string> = {
  ActiveNonInvocable:
    'it exists but has no execution environments to run invocations (for example MinExecutionEnvironments 0 in its scaling config): set a minimum with PutFunctionScalingConfig',
  Inactive: 'Lambda reclaimed its resources: publish a new version by deploying again',
  Deactivating: 'Lambda is stopping its execution environments: publish a new version by deploying again',
  Deactivated: 'its execution environments were stopped: publish a new version by deploying again',
  Deleting: 'it is being deleted: deploy again to publish a new one',
};

function unusable(label: string, ref: LmiVersionRef, o: ProvisionObservation): CutoverError {
  const why =
    UNUSABLE[o.state] ?? `Lambda reported the state ${o.state}, which lmi-cutover does not know as ready`;
  return new CutoverError(
    'PROVISIONING_FAILED',
    `${label} of ${ref.functionName} is ${o.state}, not Active: ${why}.`,
    o.stateReason ? [`StateReason: ${o.stateReason}`] : [],
  );
}

/** The deadline passed: `o` is the last state seen, its elapsedMs the time waited. */
export function provisioningTimeout(
  label: string,
  ref: LmiVersionRef,
  o: ProvisionObservation,
  timeoutMinutes: number,
): CutoverError {
  return new CutoverError(
    'PROVISIONING_TIMEOUT',
    `${label} of ${ref.functionName} is still ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} after ` +
      `${formatDuration(o.elapsedMs)} (provisioning-timeout-minutes: ${timeoutMinutes}). ` +
      'A version that is not Active cannot take traffic, so the run fails. Check the capacity provider and its instances in the ' +
      'Lambda and EC2 consoles; if instances are only slow to launch, raise provisioning-timeout-minutes.',
    o.stateReason ? [`StateReason: ${o.stateReason}`] : [],
  );
}
