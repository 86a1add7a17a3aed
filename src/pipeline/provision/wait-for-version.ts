// The provisioning stage: wait until the published LMI version is Active. Publishing an LMI
// version launches instances and starts execution environments, so it stays Pending for
// minutes. The SDK waiter would retry every unknown state and every error until its own
// timeout, so this loop reads the states itself: Failed ends the wait at once with the reason
// and what to do, AccessDenied names the missing permission, throttles and transient errors
// back off, and the deadline (provisioning-timeout-minutes) ends the run red, never green.
import type { ProvisionObservation } from '../../core/domain.js';
import {
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {
  errorMessage,
  errorName,
  httpStatus,
  isNetworkError,
  isThrottlingError,
} from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { poll } from '../../core/poll.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { provisioningAdvice } from './advice.js';

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
export const MAX_TRANSIENT_FAILURES = 5;
/** Lambda's hard limit of versions per capacity provider; a warning from 80 %. */
export const VERSIONS_PER_CAPACITY_PROVIDER = 100;

export interface LmiVersionRef {
  readonly functionName: string;
  /** A published version number, never $LATEST. */
  readonly version: string;
  /** From the stack outputs; the function's own configuration wins when they differ. */
  readonly capacityProviderArn?: string;
}

/** The LMI function's settings the later stages size themselves by. */
export interface LmiFunctionFacts {
  readonly memoryMb: number;
  readonly architecture: 'x86_64' | 'arm64';
  readonly maxConcurrency: number;
  readonly memoryGiBPerVCpu: number;
  readonly capacityProviderArn: string;
  readonly environment: Readonly<Record<string, string>>;
}

/** What one poll saw; handed to `observe` so a report can show the last state even on failure. */

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
  readonly observe?: (observation: ProvisionObservation) => void;
}

export async function waitForVersionActive(
  ctx: PipelineContext,
  ref: LmiVersionRef,
  options: ProvisionOptions,
): Promise<ProvisionResult> {
  const { progress, clock } = ctx;
  const timing = { ...DEFAULT_PROVISION_TIMING, ...options.timing };
  const started = clock.now();
  const deadline = started + options.timeoutMinutes * 60_000;
  const label = `LMI version ${ref.version}`;
  let attempts = 0;
  let transientFailures = 0;
  let last: ProvisionObservation | undefined;
  let lastLine = '';

  const describe = (o: ProvisionObservation) =>
    `${label}: ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} ${formatDuration(o.elapsedMs)} elapsed` +
    (o.capacityProviderState ? `, capacity provider ${o.capacityProviderState}` : '');

  const result = await poll<{ configuration: FunctionConfiguration; observation: ProvisionObservation }>(
    ctx,
    {
      timing: { intervalMs: timing.pollMs, maxIntervalMs: timing.maxPollMs, heartbeatMs: timing.heartbeatMs },
      deadline,
      what: `the state of ${label}`,
      heartbeat: () => describe({ ...(last ?? pendingObservation(ref)), elapsedMs: clock.now() - started }),
      onTimeout: () => {
        const o = last ?? pendingObservation(ref);
        throw new CutoverError(
          'PROVISIONING_TIMEOUT',
          `${label} of ${ref.functionName} is still ${o.state}${o.stateReasonCode ? ` (${o.stateReasonCode})` : ''} after ` +
            `${formatDuration(clock.now() - started)} (provisioning-timeout-minutes: ${options.timeoutMinutes}). ` +
            'A version that is not Active cannot take traffic, so the run fails. Check the capacity provider and its instances in the ' +
            'Lambda and EC2 consoles; if instances are only slow to launch, raise provisioning-timeout-minutes.',
          o.stateReason ? [`StateReason: ${o.stateReason}`] : [],
        );
      },
    },
    async () => {
      attempts++;
      let configuration: FunctionConfiguration;
      let capacityProviderState: string | undefined;
      let capacityProviderArn: string | undefined;
      try {
        configuration = await getVersionConfiguration(ctx, ref);
        capacityProviderArn = capacityProviderOf(configuration, ref);
        capacityProviderState = await getCapacityProviderState(ctx, capacityProviderArn);
        transientFailures = 0;
      } catch (e) {
        if (isThrottlingError(e) || !isTransient(e)) throw e;
        transientFailures++;
        if (transientFailures >= MAX_TRANSIENT_FAILURES) throw e;
        progress.warn(
          `Reading the state of ${label} failed (${errorName(e) || 'error'}: ${errorMessage(e)}); trying again ` +
            `(${transientFailures} of ${MAX_TRANSIENT_FAILURES - 1} retries).`,
        );
        return { done: false, activity: true };
      }
      const observation: ProvisionObservation = {
        functionName: ref.functionName,
        version: ref.version,
        state: configuration.State ?? 'Unknown',
        stateReasonCode: configuration.StateReasonCode,
        stateReason: configuration.StateReason,
        capacityProviderArn,
        capacityProviderState,
        elapsedMs: clock.now() - started,
      };
      last = observation;
      options.observe?.(observation);
      if (attempts === 1) await reportCapacityProviderVersions(ctx, capacityProviderArn, ref);

      if (capacityProviderState === 'Failed') {
        throw new CutoverError(
          'PROVISIONING_FAILED',
          `The capacity provider ${capacityProviderArn} of ${ref.functionName} is Failed, so ${label} cannot run. ` +
            'Check its VPC configuration (subnets, security groups) and operator role, then deploy again.',
        );
      }
      const state = observation.state;
      if (state === 'Active') return { done: true, value: { configuration, observation } };
      if (state === 'Failed') throw failed(label, ref, observation);
      if (state !== 'Pending') throw unusable(label, ref, observation);

      const line = `${observation.state}|${observation.stateReasonCode}|${observation.capacityProviderState}`;
      if (line === lastLine) return { done: false };
      lastLine = line;
      progress.info(describe(observation));
      return { done: false, activity: true };
    },
  );

  const confirmedOnly = attempts === 1;
  const seconds = Math.round((clock.now() - started) / 100) / 10;
  const facts = lmiFacts(result.configuration, ref);
  if (confirmedOnly) {
    progress.info(
      `${label} of ${ref.functionName} is Active: CloudFormation already waited for it during the deployment; confirmed in one call.`,
    );
  } else {
    progress.info(
      `${label} of ${ref.functionName} is Active after ${formatDuration(clock.now() - started)}.`,
    );
  }
  const versions = await countVersionsOnCapacityProvider(ctx, facts.capacityProviderArn, ref).catch(
    () => undefined,
  );
  return {
    type: 'active',
    functionName: ref.functionName,
    version: ref.version,
    state: 'Active',
    seconds: confirmedOnly ? 0 : seconds,
    confirmedOnly,
    capacityProviderArn: facts.capacityProviderArn,
    capacityProviderState: result.observation.capacityProviderState,
    versionsOnCapacityProvider: versions?.count,
    function: facts,
  };
}

const pendingObservation = (ref: LmiVersionRef): ProvisionObservation => ({
  functionName: ref.functionName,
  version: ref.version,
  state: 'Unknown',
  elapsedMs: 0,
});

/** 5xx answers and lost connections may pass; client errors will not. */
const isTransient = (e: unknown): boolean => isNetworkError(e) || (httpStatus(e) ?? 0) >= 500;

async function getVersionConfiguration(
  ctx: PipelineContext,
  ref: LmiVersionRef,
): Promise<FunctionConfiguration> {
  try {
    return await ctx.aws.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: ref.functionName, Qualifier: ref.version }),
    );
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:GetFunctionConfiguration', `${ref.functionName}:${ref.version}`);
    if (errorName(e) === 'ResourceNotFoundException') {
      throw new CutoverError(
        'PROVISIONING_FAILED',
        `Version ${ref.version} of ${ref.functionName} does not exist (${errorMessage(e)}). The stack output LmiVersion must name the version its live alias points at.`,
        [],
        { cause: e },
      );
    }
    throw e;
  }
}

function capacityProviderOf(configuration: FunctionConfiguration, ref: LmiVersionRef): string {
  const arn =
    configuration.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn;
  if (!arn) {
    throw new CutoverError(
      'PROVISIONING_FAILED',
      `${ref.functionName} is not a Lambda Managed Instances function: its configuration has no CapacityProviderConfig. ` +
        'LmiFunctionName must name the function on the capacity provider (a function cannot become LMI after creation).',
    );
  }
  return arn;
}

/** `arn:aws:lambda:us-east-1:123456789012:capacity-provider:NAME` → NAME. */
export const capacityProviderName = (arn: string): string => arn.split(':capacity-provider:')[1] ?? arn;

async function getCapacityProviderState(ctx: PipelineContext, arn: string): Promise<string | undefined> {
  try {
    const res = await ctx.aws.lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: capacityProviderName(arn) }),
    );
    return res.CapacityProvider?.State;
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:GetCapacityProvider', arn);
    throw e;
  }
}

async function countVersionsOnCapacityProvider(
  ctx: PipelineContext,
  arn: string,
  ref: LmiVersionRef,
): Promise<{ count: number; ours?: string }> {
  let count = 0;
  let ours: string | undefined;
  let Marker: string | undefined;
  try {
    for (let page = 0; page < 100; page++) {
      const res = await ctx.aws.lambda.send(
        new ListFunctionVersionsByCapacityProviderCommand({
          CapacityProviderName: capacityProviderName(arn),
          Marker,
          MaxItems: 50,
        }),
      );
      for (const v of res.FunctionVersions ?? []) {
        count++;
        if (v.FunctionArn?.endsWith(`:function:${ref.functionName}:${ref.version}`)) ours = v.State;
      }
      Marker = res.NextMarker;
      if (!Marker) break;
    }
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:ListFunctionVersionsByCapacityProvider', arn);
    throw e;
  }
  return { count, ours };
}

/** Once, at the start: the quota of 100 versions per capacity provider cannot be raised. */
async function reportCapacityProviderVersions(ctx: PipelineContext, arn: string, ref: LmiVersionRef) {
  const { count, ours } = await countVersionsOnCapacityProvider(ctx, arn, ref);
  const where = `capacity provider ${capacityProviderName(arn)}`;
  ctx.progress.info(
    `${where}: ${count} function version${count === 1 ? '' : 's'} of ${VERSIONS_PER_CAPACITY_PROVIDER} allowed` +
      (ours ? `; version ${ref.version} listed as ${ours}` : `; version ${ref.version} not listed yet`),
  );
  if (count >= VERSIONS_PER_CAPACITY_PROVIDER * 0.8) {
    ctx.progress.warn(
      `${where} holds ${count} of its ${VERSIONS_PER_CAPACITY_PROVIDER} function versions (a limit that cannot be raised): ` +
        'delete versions no alias uses before publishing more.',
    );
  }
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

function lmiFacts(c: FunctionConfiguration, ref: LmiVersionRef): LmiFunctionFacts {
  const lmi = c.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  return {
    memoryMb: c.MemorySize ?? 2048,
    // Lambda's default architecture when none is set.
    architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    // Lambda's defaults when a field is absent: 64 per environment (Node.js), 2 GiB per vCPU.
    maxConcurrency: lmi?.PerExecutionEnvironmentMaxConcurrency ?? 64,
    memoryGiBPerVCpu: lmi?.ExecutionEnvironmentMemoryGiBPerVCpu ?? 2,
    capacityProviderArn: lmi?.CapacityProviderArn ?? ref.capacityProviderArn ?? '',
    environment: c.Environment?.Variables ?? {},
  };
}
