// FunctionScalingConfig of LMI versions: how many execution environments a version keeps.
// Get/PutFunctionScalingConfig take a published version (`[0-9]+` or `$LATEST.PUBLISHED`, the
// API's Qualifier pattern). A put applies at once to an Active version: a higher minimum starts
// environments (when the capacity provider's MaxVCpuCount allows; else Applied keeps the old
// minimum and Requested shows the new one), a lower maximum retires environments, and 0/0
// deactivates the version (Deactivating, then Deactivated, every environment stopped). Raising
// a Deactivated version provisions it again: Pending, then Active or Failed.
// The API reference gives the shapes (Applied and Requested configurations, FunctionState, the
// State enum's Deactivating/Deactivated) but not these transitions, nor what a put on a Pending
// or Failed version answers; the emulator refuses those with ResourceConflictException.
import { DEFAULT_SCALING, appliedScaling, minimumFits, requestedScaling } from './capacity.js';
import { conflict, invalidParameter, validation } from './errors.js';
import type { FunctionRecord, ScalingConfig, VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { startProvisioning } from './provisioning.js';
import type { LambdaStore } from './store.js';

const SCALING_QUALIFIER = /^(\$LATEST\.PUBLISHED|[0-9]+)$/;

function lmiVersion(store: LambdaStore, fn: FunctionRecord, qualifier: string | undefined): VersionRecord {
  if (!qualifier)
    throw invalidParameter('Qualifier is required: scaling configuration applies to a published version.');
  if (!SCALING_QUALIFIER.test(qualifier)) {
    throw validation(
      `1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST\\.PUBLISHED|[0-9]+)`,
    );
  }
  const v = store.resolveVersion(fn, qualifier);
  if (!v.config.lmi) {
    throw invalidParameter('FunctionScalingConfig is only supported for Lambda Managed Instances functions.');
  }
  return v;
}

export function getScaling(store: LambdaStore, fn: FunctionRecord, qualifier: string | undefined) {
  const v = lmiVersion(store, fn, qualifier);
  return { version: v, applied: appliedScaling(v), requested: requestedScaling(v) };
}

/** The merged configuration a put asks for, checked against the API's ranges. */
export function validateScaling(base: ScalingConfig | undefined, cfg: ScalingConfig | undefined) {
  const next = { ...DEFAULT_SCALING, ...(base ?? {}), ...(cfg ?? {}) };
  for (const [k, n] of Object.entries(next)) {
    if (!Number.isInteger(n) || n < 0 || n > 15000)
      throw invalidParameter(`${k} must be an integer from 0 to 15000.`);
  }
  if (next.MinExecutionEnvironments > next.MaxExecutionEnvironments) {
    throw invalidParameter(
      'MinExecutionEnvironments must be less than or equal to MaxExecutionEnvironments.',
    );
  }
  return next;
}

export function putScaling(
  store: LambdaStore,
  fn: FunctionRecord,
  qualifier: string | undefined,
  cfg: ScalingConfig | undefined,
): VersionRecord {
  const v = lmiVersion(store, fn, qualifier);
  const next = validateScaling(v.scaling, cfg);
  if (v.state === 'Pending' || v.state === 'Deactivating') {
    throw conflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(store.region, fn.name, v.version)}`,
    );
  }
  if (v.state === 'Failed') {
    throw conflict(
      'The operation cannot be performed at this time. The function is currently in the following state: Failed',
    );
  }
  v.scaling = next;
  applyScaling(store, v);
  return v;
}

/** Brings an Active or Deactivated version to its requested scaling (see the file comment). */
function applyScaling(store: LambdaStore, v: VersionRecord): void {
  const next = requestedScaling(v);
  if (next.MaxExecutionEnvironments === 0) {
    if (v.state !== 'Active') return;
    v.appliedScaling = { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 };
    store.setVersionState(v, 'Deactivating');
    void notifyScaling(store, v).then(() => {
      if (v.state === 'Deactivating') store.setVersionState(v, 'Deactivated');
    });
    return;
  }
  if (v.state === 'Deactivated') {
    startProvisioning(store, v);
    return;
  }
  const current = appliedScaling(v);
  v.appliedScaling = minimumFits(store, v, next.MinExecutionEnvironments)
    ? next
    : {
        MinExecutionEnvironments: current.MinExecutionEnvironments,
        MaxExecutionEnvironments: next.MaxExecutionEnvironments,
      };
  if (v.appliedScaling.MinExecutionEnvironments > v.appliedScaling.MaxExecutionEnvironments)
    v.appliedScaling.MinExecutionEnvironments = v.appliedScaling.MaxExecutionEnvironments;
  void notifyScaling(store, v);
}

/** Tells the code runner; its failure is the runner's to report, the record stays as applied. */
async function notifyScaling(store: LambdaStore, v: VersionRecord): Promise<void> {
  try {
    await store.options.onVersionScaling?.(v);
  } catch {
    // The runner logs why; the control plane keeps what it applied, as Lambda reports it.
  }
}
