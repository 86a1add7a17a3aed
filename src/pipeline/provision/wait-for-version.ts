// The provisioning stage: wait until the published LMI version is Active. Publishing an LMI
// version launches instances and starts execution environments, so it stays Pending for
// minutes. The SDK waiter would retry every unknown state and every error until its own
// timeout, so this loop reads the states itself: Failed ends the wait at once with the reason
// and what to do, AccessDenied names the missing permission, throttles and transient errors
// back off, and the deadline (provisioning-timeout-minutes) ends the run red, never green.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { ProvisionObservation } from '../../core/domain.js';
import {
  errorMessage,
  errorName,
  httpStatus,
  isNetworkError,
  isThrottlingError,
} from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { poll, type PollStep } from '../../core/poll.js';
import { formatDuration } from '../../core/format.js';
import { getFunctionScalingConfig } from '../../aws/lambda.js';
import { readCapacityProviderState, reportCapacityProviderVersions } from './capacity-provider.js';
import {
  capacityProviderOf,
  getVersionConfiguration,
  lmiFacts,
  type LmiFunctionFacts,
  type LmiVersionRef,
} from './lmi-version.js';
import { PROVISION_MESSAGES } from './messages.js';
import { judgeState, provisioningTimeout } from './provision-errors.js';

// Earlier homes of these names; the traffic stage and the cost model import them from here.

export interface ProvisionTiming {
  /** Between polls. */
  readonly pollMs: number;
  /** Ceiling while throttled. */
  readonly maxPollMs: number;
  /** At least one progress line this often. */
  readonly heartbeatMs: number;
}

export const DEFAULT_PROVISION_TIMING: ProvisionTiming = {
  pollMs: 10_000,
  maxPollMs: 60_000,
  heartbeatMs: 30_000,
};

/** Consecutive transient failures (5xx, network) tolerated before the stage gives up. */
const MAX_TRANSIENT_FAILURES = 5;

export interface ProvisionResult {
  readonly type: 'active';
  readonly functionName: string;
  readonly version: string;
  readonly state: 'Active';
  /** Time this stage waited for Active (0 when one call confirmed it). */
  readonly seconds: number;
  /** CloudFormation had already waited: the first call found the version Active. */
  readonly confirmedOnly: boolean;
  readonly capacityProviderArn: string;
  readonly capacityProviderState?: string;
  /** Versions on the capacity provider (Lambda allows 100), when it could be listed. */
  readonly versionsOnCapacityProvider?: number;
  readonly function: LmiFunctionFacts;
}

export interface ProvisionOptions {
  /** `provisioning-timeout-minutes`: fail with PROVISIONING_TIMEOUT after this long. */
  readonly timeoutMinutes: number;
  readonly timing?: Partial<ProvisionTiming>;
  /** Told what each poll saw, so a report can show the last state even on failure. */
  readonly observe?: (observation: ProvisionObservation) => void;
}

/** What one wait carries from poll to poll. */
interface Watch {
  readonly ref: LmiVersionRef;
  readonly label: string;
  readonly started: number;
  attempts: number;
  transientFailures: number;
  /** The last state seen, for the heartbeat and the timeout. */
  last?: ProvisionObservation;
  /** The last state printed: a state is printed when it changes. */
  lastLine: string;
  /** Versions on the capacity provider, counted once at the first read (Lambda allows 100). */
  versionsOnCapacityProvider?: number;
}

interface ActiveVersion {
  readonly configuration: FunctionConfiguration;
  readonly observation: ProvisionObservation;
}

export async function waitForVersionActive(
  ctx: PipelineContext,
  ref: LmiVersionRef,
  options: ProvisionOptions,
): Promise<ProvisionResult> {
  const timing = { ...DEFAULT_PROVISION_TIMING, ...options.timing };
  const watch: Watch = {
    ref,
    label: `LMI version ${ref.version}`,
    started: ctx.clock.now(),
    attempts: 0,
    transientFailures: 0,
    lastLine: '',
  };
  const lastSeen = (): ProvisionObservation => ({
    ...(watch.last ?? pendingObservation(ref)),
    elapsedMs: ctx.clock.now() - watch.started,
  });
  const active = await poll<ActiveVersion>(
    ctx,
    {
      timing: { intervalMs: timing.pollMs, maxIntervalMs: timing.maxPollMs, heartbeatMs: timing.heartbeatMs },
      deadline: watch.started + options.timeoutMinutes * 60_000,
      what: `the state of ${watch.label}`,
      heartbeatMessage: PROVISION_MESSAGES.waiting,
      heartbeat: () => describeObservation(watch.label, lastSeen()),
      onTimeout: () => {
        throw provisioningTimeout(watch.label, ref, lastSeen(), options.timeoutMinutes);
      },
    },
    () => pollVersion(ctx, watch, options.observe),
  );
  return activeResult(ctx, watch, active);
}

/** One poll: read the state, judge it, and print it when it changed. */
async function pollVersion(
  ctx: PipelineContext,
  watch: Watch,
  observe: ProvisionOptions['observe'],
): Promise<PollStep<ActiveVersion>> {
  watch.attempts++;
  const read = await readVersionState(ctx, watch);
  if (!read) return { done: false, activity: true };
  const { configuration } = read;
  const observation: ProvisionObservation = {
    functionName: watch.ref.functionName,
    version: watch.ref.version,
    state: configuration.State ?? 'Unknown',
    stateReasonCode: configuration.StateReasonCode,
    stateReason: configuration.StateReason,
    capacityProviderArn: read.capacityProviderArn,
    capacityProviderState: read.capacityProviderState,
    elapsedMs: ctx.clock.now() - watch.started,
  };
  watch.last = observation;
  observe?.(observation);
  if (watch.attempts === 1)
    watch.versionsOnCapacityProvider = await reportCapacityProviderVersions(
      ctx,
      read.capacityProviderArn,
      watch.ref,
    );
  if (judgeState(watch.label, watch.ref, observation) === 'active')
    return { done: true, value: { configuration, observation } };

  const line = `${observation.state}|${observation.stateReasonCode}|${observation.capacityProviderState}`;
  if (line === watch.lastLine) return { done: false };
  watch.lastLine = line;
  ctx.progress.emit(PROVISION_MESSAGES.stateChanged, describeObservation(watch.label, observation));
  return { done: false, activity: true };
}

/** What one poll reads: the version's configuration and its capacity provider's state. */
interface VersionState {
  readonly configuration: FunctionConfiguration;
  readonly capacityProviderArn: string;
  readonly capacityProviderState?: string;
}

/** The version's state; undefined when a transient error means reading it again. */
async function readVersionState(ctx: PipelineContext, watch: Watch): Promise<VersionState | undefined> {
  try {
    const configuration = await getVersionConfiguration(ctx, watch.ref);
    const capacityProviderArn = capacityProviderOf(configuration, watch.ref);
    const capacityProviderState = await readCapacityProviderState(ctx, capacityProviderArn);
    watch.transientFailures = 0;
    return { configuration, capacityProviderArn, capacityProviderState };
  } catch (e) {
    // Throttles are the poll helper's to back off from; client errors will not pass.
    if (isThrottlingError(e) || !isTransient(e)) throw e;
    watch.transientFailures++;
    if (watch.transientFailures >= MAX_TRANSIENT_FAILURES) throw e;
    ctx.progress.emit(
      PROVISION_MESSAGES.readRetry,
      `Reading the state of ${watch.label} failed (${errorName(e) || 'error'}: ${errorMessage(e)}); trying again ` +
        `(${watch.transientFailures} of ${MAX_TRANSIENT_FAILURES - 1} retries).`,
    );
    return undefined;
  }
}

/** 5xx answers and lost connections may pass; client errors will not. */
const isTransient = (e: unknown): boolean => isNetworkError(e) || (httpStatus(e) ?? 0) >= 500;

async function activeResult(
  ctx: PipelineContext,
  watch: Watch,
  active: ActiveVersion,
): Promise<ProvisionResult> {
  const { ref, label } = watch;
  const waitedMs = ctx.clock.now() - watch.started;
  const confirmedOnly = watch.attempts === 1;
  if (confirmedOnly) {
    ctx.progress.emit(
      PROVISION_MESSAGES.confirmedActive,
      `${label} of ${ref.functionName} is Active: CloudFormation already waited for it during the deployment; confirmed in one call.`,
    );
  } else {
    ctx.progress.emit(
      PROVISION_MESSAGES.active,
      `${label} of ${ref.functionName} is Active after ${formatDuration(waitedMs)}.`,
    );
  }
  const facts = { ...lmiFacts(active.configuration, ref), ...(await readScaling(ctx, ref)) };
  return {
    type: 'active',
    functionName: ref.functionName,
    version: ref.version,
    state: 'Active',
    seconds: confirmedOnly ? 0 : Math.round(waitedMs / 100) / 10,
    confirmedOnly,
    capacityProviderArn: facts.capacityProviderArn,
    capacityProviderState: active.observation.capacityProviderState,
    versionsOnCapacityProvider: watch.versionsOnCapacityProvider,
    function: facts,
  };
}

/** `LMI version 7: Pending (Creating) 1m30s elapsed, capacity provider Active` */
function describeObservation(label: string, o: ProvisionObservation): string {
  return (
    `${label}: ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} ${formatDuration(o.elapsedMs)} elapsed` +
    (o.capacityProviderState ? `, capacity provider ${o.capacityProviderState}` : '')
  );
}

const pendingObservation = (ref: LmiVersionRef): ProvisionObservation => ({
  functionName: ref.functionName,
  version: ref.version,
  state: 'Unknown',
  elapsedMs: 0,
});

/** The version's FunctionScalingConfig for the cost model; nothing (never a failure) when unreadable. */
async function readScaling(
  ctx: PipelineContext,
  ref: LmiVersionRef,
): Promise<{ scaling?: { min: number; max: number } }> {
  try {
    const { requested } = await getFunctionScalingConfig(ctx.aws.lambda, ref.functionName, ref.version);
    if (requested?.min === undefined || requested.max === undefined) return {};
    return { scaling: { min: requested.min, max: requested.max } };
  } catch {
    return {};
  }
}
