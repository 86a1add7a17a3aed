// Before a deploy publishes a candidate LMI version: during the release both the production and
// the candidate version hold their minimum execution environments on the same capacity
// provider, and a version whose minimum does not fit under the provider's MaxVCpuCount never
// becomes Active (CapacityProviderScalingLimitExceeded) — found only after minutes of waiting.
// So the vCPUs the provider's versions hold now are added up (each version's applied minimum ×
// memory ÷ ExecutionEnvironmentMemoryGiBPerVCpu, as Lambda sizes an environment), the
// candidate's minimum is added, and the deploy stops before it starts when the sum exceeds the
// ceiling, with the numbers. Versions in a state that holds nothing (Failed, Deactivated, 0/0)
// count zero.
import type { FunctionVersionsByCapacityProviderListItem } from '@aws-sdk/client-lambda';
import { getCapacityProvider, getFunctionConfiguration, getFunctionScalingConfig } from '../../aws/lambda.js';
import { errorMessage, isNotFoundError } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';
import { capacityProviderName } from './capacity-provider.js';
import { PROVISION_MESSAGES } from './messages.js';

/** SAM's documented FunctionScalingConfig default, when the template sets none. */
export const DEFAULT_MIN_ENVIRONMENTS = 3;
/** Lambda's ceiling when a capacity provider sets no MaxVCpuCount. */
const DEFAULT_MAX_VCPU = 400;

interface HeldVersion {
  readonly name: string;
  readonly minEnvironments: number;
  readonly vCpusPerEnvironment: number;
}

export interface CapacityRoom {
  readonly capacityProvider: string;
  readonly maxVCpuCount: number;
  readonly held: readonly HeldVersion[];
  readonly heldVCpus: number;
  readonly candidateVCpus: number;
}

const vCpusOf = (memoryMb: number | undefined, gibPerVCpu: number | undefined): number =>
  Math.max(1, Math.floor((memoryMb ?? 2048) / 1024 / (gibPerVCpu ?? 2)));

const HOLDS = new Set(['Pending', 'Active']);

async function heldVersion(ctx: PipelineContext, functionArn: string): Promise<HeldVersion | undefined> {
  const name = functionArn.split(':function:')[1] ?? functionArn;
  const i = name.lastIndexOf(':');
  const [functionName, version] = [name.slice(0, i), name.slice(i + 1)];
  const c = await getFunctionConfiguration(ctx.aws.lambda, functionName, version);
  if (!HOLDS.has(c.State ?? '')) return undefined;
  const scaling = await getFunctionScalingConfig(ctx.aws.lambda, functionName, version);
  const min = scaling.applied?.min ?? scaling.requested?.min ?? DEFAULT_MIN_ENVIRONMENTS;
  const lmi = c.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  return {
    name,
    minEnvironments: min,
    vCpusPerEnvironment: vCpusOf(c.MemorySize, lmi?.ExecutionEnvironmentMemoryGiBPerVCpu),
  };
}

/**
 * CAPACITY_TOO_SMALL when the candidate's minimum does not fit; undefined (with a line saying
 * why) when the room cannot be measured — the provider or a version cannot be read: the deploy
 * goes on and the provisioning wait reports a shortfall as before.
 */
export async function checkCapacityRoom(
  ctx: PipelineContext,
  options: {
    readonly capacityProviderArn: string;
    /** The versions on the provider, as the version-quota check just listed them. */
    readonly versions: readonly FunctionVersionsByCapacityProviderListItem[];
    /** The candidate's MinExecutionEnvironments (the deploy's parameter, else the stack's). */
    readonly candidateMinEnvironments: number;
    /** The candidate's vCPUs per environment: the current LMI function's sizing. */
    readonly lmiFunctionName: string;
  },
): Promise<CapacityRoom | undefined> {
  const name = capacityProviderName(options.capacityProviderArn);
  let room: CapacityRoom;
  try {
    const cp = await getCapacityProvider(ctx.aws.lambda, name);
    const maxVCpuCount = cp?.CapacityProviderScalingConfig?.MaxVCpuCount ?? DEFAULT_MAX_VCPU;
    // A version the listing already shows Failed or Deactivated holds nothing: not read again.
    const listed = options.versions.filter(
      (v) => v.FunctionArn && (v.State === undefined || HOLDS.has(v.State)),
    );
    const held = (await Promise.all(listed.map((v) => heldVersion(ctx, v.FunctionArn!)))).filter(
      (v): v is HeldVersion => v !== undefined,
    );
    const lmi = await getFunctionConfiguration(ctx.aws.lambda, options.lmiFunctionName);
    const perEnvironment = vCpusOf(
      lmi.MemorySize,
      lmi.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig
        ?.ExecutionEnvironmentMemoryGiBPerVCpu,
    );
    room = {
      capacityProvider: name,
      maxVCpuCount,
      held,
      heldVCpus: held.reduce((n, v) => n + v.minEnvironments * v.vCpusPerEnvironment, 0),
      candidateVCpus: options.candidateMinEnvironments * perEnvironment,
    };
  } catch (e) {
    ctx.progress.emit(
      PROVISION_MESSAGES.capacityRoomUnknown,
      `Could not measure the room on capacity provider ${name} before publishing (${isNotFoundError(e) ? 'it does not exist yet' : errorMessage(e)}); ` +
        'the provisioning wait will report a shortfall instead.',
    );
    return undefined;
  }
  const total = room.heldVCpus + room.candidateVCpus;
  const detail = room.held
    .map((v) => `${v.name}: ${v.minEnvironments} × ${v.vCpusPerEnvironment}`)
    .join(', ');
  if (total > room.maxVCpuCount) {
    throw new CutoverError(
      'CAPACITY_TOO_SMALL',
      `Capacity provider ${name} allows ${room.maxVCpuCount} vCPUs; its versions' minimum execution environments hold ${room.heldVCpus} ` +
        `and the candidate needs ${room.candidateVCpus} more (${options.candidateMinEnvironments} × ${room.candidateVCpus / Math.max(1, options.candidateMinEnvironments)}), ` +
        `${total} in all. Nothing was deployed: the new version would never become Active. Retire versions nothing routes to ` +
        '(scale them to 0/0 or delete them; keep-versions does this after a promotion), raise MaxVCpuCount, or lower MinExecutionEnvironments.',
      detail ? [`Held now: ${detail}`] : [],
    );
  }
  ctx.progress.emit(
    PROVISION_MESSAGES.capacityRoom,
    `Capacity provider ${name}: ${room.heldVCpus} of ${room.maxVCpuCount} vCPUs held by minimum environments, ` +
      `the candidate adds ${room.candidateVCpus} → ${total}.`,
  );
  return room;
}
