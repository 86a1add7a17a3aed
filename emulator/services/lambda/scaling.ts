// FunctionScalingConfig of LMI versions: how many execution environments a version keeps.
import { invalidParameter } from './errors.js';
import type { FunctionRecord, VersionRecord } from './model.js';
import type { LambdaStore } from './store.js';

export const DEFAULT_SCALING = { MinExecutionEnvironments: 3, MaxExecutionEnvironments: 3 };

function lmiVersion(store: LambdaStore, fn: FunctionRecord, qualifier: string | undefined): VersionRecord {
  if (!qualifier)
    throw invalidParameter('Qualifier is required: scaling configuration applies to a published version.');
  const v = store.resolveVersion(fn, qualifier);
  if (!v.config.lmi) {
    throw invalidParameter('FunctionScalingConfig is only supported for Lambda Managed Instances functions.');
  }
  if (v.version === '$LATEST') {
    throw invalidParameter('FunctionScalingConfig applies to published versions; $LATEST cannot be invoked.');
  }
  return v;
}

export function getScaling(store: LambdaStore, fn: FunctionRecord, qualifier: string | undefined) {
  const v = lmiVersion(store, fn, qualifier);
  const requested = { ...DEFAULT_SCALING, ...(v.scaling ?? {}) };
  return { version: v, applied: requested, requested };
}

export function putScaling(
  store: LambdaStore,
  fn: FunctionRecord,
  qualifier: string | undefined,
  cfg: { MinExecutionEnvironments?: number; MaxExecutionEnvironments?: number } | undefined,
): VersionRecord {
  const v = lmiVersion(store, fn, qualifier);
  const next = { ...DEFAULT_SCALING, ...(v.scaling ?? {}), ...(cfg ?? {}) };
  for (const [k, n] of Object.entries(next)) {
    if (!Number.isInteger(n) || n < 0 || n > 15000)
      throw invalidParameter(`${k} must be an integer from 0 to 15000.`);
  }
  if (next.MinExecutionEnvironments > next.MaxExecutionEnvironments) {
    throw invalidParameter(
      'MinExecutionEnvironments must be less than or equal to MaxExecutionEnvironments.',
    );
  }
  v.scaling = next;
  return v;
}
