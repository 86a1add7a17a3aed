// Version retirement. A capacity provider holds at most 100 function versions (a limit that
// cannot be raised), every deploy publishes one, and SAM's Retain keeps them all: after a
// release is promoted, the LMI versions neither the stage (production, the rollback target, a
// canary) nor an alias uses are retired — the newest `keep-versions` of them are scaled to 0/0
// (a retained LMI version otherwise keeps its execution environments: instances that cost money
// and take the capacity provider's vCPUs from the next release), older ones are deleted. Before
// a deploy the count is checked and a warning is printed from 80 % of the limit. None of this
// ever fails a run on its own: what cannot be done is named in a warning and left in place.
import {
  deleteFunctionVersion,
  listAliases,
  putFunctionScalingConfig,
  listFunctionVersions,
  listVersionsOnCapacityProvider,
} from '../../aws/lambda.js';
import type { FunctionVersionsByCapacityProviderListItem } from '@aws-sdk/client-lambda';
import { errorMessage, errorName, isAccessDeniedError, isNotFoundError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { deniedAction } from '../../core/access.js';
import { capacityProviderName, VERSIONS_PER_CAPACITY_PROVIDER } from '../provision/capacity-provider.js';
import { TRAFFIC_MESSAGES } from './messages.js';

const QUOTA_WARNING_FRACTION = 0.8;

export interface VersionCleanupResult {
  readonly functionName: string;
  /** Newest first: the newest `keep`, plus older ones the stage or an alias uses. */
  readonly kept: string[];
  readonly deleted: string[];
  /** Kept versions nothing uses, whose execution environments were released (0/0). */
  readonly scaledToZero: string[];
  /** Versions the stage names or some alias points at (FunctionVersion or a weighted additional version). */
  readonly referenced: string[];
  readonly failed: { version: string; error: string }[];
}

/** Published version numbers of the function, newest first ($LATEST excluded). */
export async function listPublishedVersions(ctx: PipelineContext, functionName: string): Promise<string[]> {
  const versions = (await listFunctionVersions(ctx.aws.lambda, functionName)).map((v) => v.Version ?? '');
  return versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
}

/** Every version an alias routes to, including the weighted second version of a routing alias. */
async function referencedVersions(ctx: PipelineContext, functionName: string): Promise<Set<string>> {
  const used = new Set<string>();
  for (const a of await listAliases(ctx.aws.lambda, functionName)) {
    if (a.FunctionVersion) used.add(a.FunctionVersion);
    for (const v of Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {})) used.add(v);
  }
  return used;
}

export async function retireVersions(
  ctx: PipelineContext,
  options: {
    functionName: string;
    keep: number;
    /** Versions the stage routes to or keeps as the way back: never scaled down or deleted. */
    inUse: readonly string[];
  },
): Promise<VersionCleanupResult> {
  const { functionName, keep } = options;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new CutoverError(
      'INVALID_INPUT',
      `keep-versions must be a whole number of at least 1, not ${keep}.`,
    );
  }
  let versions: string[];
  let used: Set<string>;
  try {
    versions = await listPublishedVersions(ctx, functionName);
    used = new Set([...(await referencedVersions(ctx, functionName)), ...options.inUse]);
  } catch (e) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionsNotListed,
      `Old LMI versions of ${functionName} were not cleaned up: ${listingProblem(e)}`,
    );
    return { functionName, kept: [], deleted: [], scaledToZero: [], referenced: [], failed: [] };
  }
  const candidates = versions.slice(keep).filter((v) => !used.has(v));
  const result: VersionCleanupResult = {
    functionName,
    kept: versions.filter((v) => !candidates.includes(v)),
    deleted: [],
    scaledToZero: [],
    referenced: versions.filter((v) => used.has(v)),
    failed: [],
  };
  await deleteVersions(ctx, functionName, candidates, result);
  result.kept.sort((a, b) => Number(b) - Number(a));
  await releaseEnvironments(
    ctx,
    functionName,
    result.kept.filter((v) => !used.has(v)),
    result,
  );
  reportCleanup(ctx, result, { listed: versions.length, candidates: candidates.length, keep });
  return result;
}

/** Deletes the candidates one by one into `result`; stops at the first denial (the rest would be too). */
async function deleteVersions(
  ctx: PipelineContext,
  functionName: string,
  candidates: readonly string[],
  result: VersionCleanupResult,
): Promise<void> {
  for (const version of candidates) {
    try {
      await deleteFunctionVersion(ctx.aws.lambda, functionName, version);
      result.deleted.push(version);
    } catch (e) {
      if (isNotFoundError(e)) continue; // already gone
      if (errorName(e) === 'ResourceConflictException') {
        // An alias started using it since the listing: keeping it is right.
        result.kept.push(version);
        ctx.progress.emit(
          TRAFFIC_MESSAGES.versionKept,
          `Kept ${functionName}:${version}: ${errorMessage(e)}`,
        );
        continue;
      }
      result.failed.push({ version, error: errorMessage(e) });
      if (isAccessDeniedError(e)) {
        ctx.progress.emit(
          TRAFFIC_MESSAGES.versionDeleteDenied,
          `Cannot delete old LMI versions of ${functionName}: AWS denied ${deniedAction(e, 'lambda:DeleteFunction')}. ` +
            'Grant it to the deploy role, or delete the versions by hand, to stay clear of the 100-versions-per-capacity-provider limit.',
        );
        break;
      }
    }
  }
}

/** Scales the unused kept versions to 0/0 into `result`; a failure is a warning, never the run's. */
async function releaseEnvironments(
  ctx: PipelineContext,
  functionName: string,
  versions: readonly string[],
  result: VersionCleanupResult,
): Promise<void> {
  for (const version of versions) {
    try {
      await putFunctionScalingConfig(ctx.aws.lambda, functionName, version, { min: 0, max: 0 });
      result.scaledToZero.push(version);
    } catch (e) {
      if (isNotFoundError(e)) continue; // deleted meanwhile
      // Deactivating already, or Failed to provision: either way no environments to release.
      if (errorName(e) === 'ResourceConflictException') continue;
      const why = isAccessDeniedError(e)
        ? `AWS denied ${deniedAction(e, 'lambda:PutFunctionScalingConfig')}; grant it to the deploy role`
        : errorMessage(e);
      ctx.progress.emit(
        TRAFFIC_MESSAGES.versionScaleDownFailed,
        `Could not release the execution environments of ${functionName}:${version} (they keep running and costing): ${why}.`,
      );
      if (isAccessDeniedError(e)) return;
    }
  }
  if (result.scaledToZero.length > 0) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionsScaledToZero,
      `Released the execution environments of ${result.scaledToZero.length} old LMI version(s) of ${functionName} ` +
        `nothing routes to (scaled to 0/0): ${result.scaledToZero.join(', ')}.`,
    );
  }
}

function reportCleanup(
  ctx: PipelineContext,
  result: VersionCleanupResult,
  counts: { listed: number; candidates: number; keep: number },
): void {
  const { functionName } = result;
  if (result.deleted.length > 0) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionsDeleted,
      `Deleted ${result.deleted.length} old LMI version(s) of ${functionName} nothing routes to: ${result.deleted.join(', ')} ` +
        `(kept ${result.kept.join(', ')}).`,
    );
  } else if (counts.candidates === 0) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.noVersionsToDelete,
      `${functionName} has ${counts.listed} published version(s); none to delete (keep-versions: ${counts.keep}).`,
    );
  }
  // A denial was said once already, with the permission to grant.
  for (const f of result.failed.filter((f) => !/denied|not authorized/i.test(f.error))) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionDeleteFailed,
      `Could not delete ${functionName}:${f.version}: ${f.error}`,
    );
  }
}

function listingProblem(e: unknown): string {
  return isAccessDeniedError(e)
    ? `AWS denied ${deniedAction(e, 'lambda:ListVersionsByFunction or lambda:ListAliases')}; grant it to the deploy role.`
    : errorMessage(e);
}

export interface VersionQuota {
  readonly capacityProviderArn: string;
  /** The versions listed, every function's: the capacity check before a deploy reads them too. */
  readonly versions: readonly FunctionVersionsByCapacityProviderListItem[];
  readonly count: number;
  readonly limit: number;
  readonly warned: boolean;
}

/**
 * Counts the versions on the capacity provider (every function's) and warns from 80 of the
 * 100 allowed. Undefined when the provider does not exist yet (first deploy) or cannot be listed.
 */
export async function warnVersionQuota(
  ctx: PipelineContext,
  capacityProviderArn: string,
): Promise<VersionQuota | undefined> {
  const name = capacityProviderName(capacityProviderArn);
  let versions: FunctionVersionsByCapacityProviderListItem[];
  try {
    versions = await listVersionsOnCapacityProvider(ctx.aws.lambda, name);
  } catch (e) {
    if (isNotFoundError(e)) {
      ctx.progress.emit(
        TRAFFIC_MESSAGES.capacityProviderAbsent,
        `Capacity provider ${name} does not exist yet; no version quota to check.`,
      );
      return undefined;
    }
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionQuotaUnknown,
      `Could not count the versions on capacity provider ${name}: ` +
        (isAccessDeniedError(e)
          ? `AWS denied ${deniedAction(e, 'lambda:ListFunctionVersionsByCapacityProvider')}.`
          : errorMessage(e)),
    );
    return undefined;
  }
  const count = versions.length;
  const limit = VERSIONS_PER_CAPACITY_PROVIDER;
  const warned = count >= limit * QUOTA_WARNING_FRACTION;
  if (warned) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionQuotaNearLimit,
      `Capacity provider ${name} holds ${count} of its ${limit} function versions (a limit that cannot be raised); ` +
        `publishing fails at ${limit}. Delete versions nothing routes to (keep-versions does this after a successful release).`,
    );
  } else {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.versionQuota,
      `Capacity provider ${name}: ${count} of ${limit} function versions.`,
    );
  }
  return { capacityProviderArn, versions, count, limit, warned };
}
