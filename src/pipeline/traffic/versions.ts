// Version hygiene. A capacity provider holds at most 100 function versions (a limit that cannot
// be raised), and every deploy publishes one: after a successful cutover the old LMI versions
// no alias uses are deleted, keeping the newest `keep-versions`; before a deploy the count is
// checked and a warning is printed from 80 % of the limit. Neither ever fails a run on its own:
// a version that cannot be deleted is named in a warning and left in place.
import {
  DeleteFunctionCommand,
  ListAliasesCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { errorMessage, errorName, isAccessDeniedError, isNotFoundError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { deniedAction } from '../../core/access.js';
import { capacityProviderName, VERSIONS_PER_CAPACITY_PROVIDER } from '../provision/wait-for-version.js';

export const DEFAULT_KEEP_VERSIONS = 5;
export const QUOTA_WARNING_FRACTION = 0.8;
/** Pages per listing: a guard against a marker that never ends (50 per page covers the quota). */
const MAX_PAGES = 200;

export interface VersionCleanupResult {
  readonly functionName: string;
  /** Newest first: the newest `keep`, plus older ones an alias references. */
  readonly kept: string[];
  readonly deleted: string[];
  /** Versions some alias points at (FunctionVersion or a weighted additional version). */
  readonly referenced: string[];
  readonly failed: { version: string; error: string }[];
}

async function listAll<T>(
  fetch: (marker: string | undefined) => Promise<{ items: T[]; next?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await fetch(marker);
    all.push(...res.items);
    marker = res.next;
    if (!marker) break;
  }
  return all;
}

/** Published version numbers of the function, newest first ($LATEST excluded). */
export async function listPublishedVersions(ctx: PipelineContext, functionName: string): Promise<string[]> {
  const versions = await listAll(async (Marker) => {
    const res = await ctx.aws.lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker, MaxItems: 50 }),
    );
    return { items: (res.Versions ?? []).map((v) => v.Version ?? ''), next: res.NextMarker };
  });
  return versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
}

/** Every version an alias routes to, including the weighted second version of a routing alias. */
export async function referencedVersions(ctx: PipelineContext, functionName: string): Promise<Set<string>> {
  const aliases = await listAll(async (Marker) => {
    const res = await ctx.aws.lambda.send(
      new ListAliasesCommand({ FunctionName: functionName, Marker, MaxItems: 50 }),
    );
    return { items: res.Aliases ?? [], next: res.NextMarker };
  });
  const used = new Set<string>();
  for (const a of aliases) {
    if (a.FunctionVersion) used.add(a.FunctionVersion);
    for (const v of Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {})) used.add(v);
  }
  return used;
}

export async function deleteUnusedVersions(
  ctx: PipelineContext,
  options: { functionName: string; keep?: number },
): Promise<VersionCleanupResult> {
  const { functionName } = options;
  const keep = options.keep ?? DEFAULT_KEEP_VERSIONS;
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
    used = await referencedVersions(ctx, functionName);
  } catch (e) {
    ctx.progress.warn(`Old LMI versions of ${functionName} were not cleaned up: ${listingProblem(e)}`);
    return { functionName, kept: [], deleted: [], referenced: [], failed: [] };
  }
  const candidates = versions.slice(keep).filter((v) => !used.has(v));
  const result: VersionCleanupResult = {
    functionName,
    kept: versions.filter((v) => !candidates.includes(v)),
    deleted: [],
    referenced: versions.filter((v) => used.has(v)),
    failed: [],
  };
  for (const version of candidates) {
    try {
      await ctx.aws.lambda.send(
        new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version }),
      );
      result.deleted.push(version);
    } catch (e) {
      if (isNotFoundError(e)) continue; // already gone
      if (errorName(e) === 'ResourceConflictException') {
        // An alias started using it since the listing: keeping it is right.
        result.kept.push(version);
        ctx.progress.info(`Kept ${functionName}:${version}: ${errorMessage(e)}`);
        continue;
      }
      result.failed.push({ version, error: errorMessage(e) });
      if (isAccessDeniedError(e)) {
        ctx.progress.warn(
          `Cannot delete old LMI versions of ${functionName}: AWS denied ${deniedAction(e, 'lambda:DeleteFunction')}. ` +
            'Grant it to the deploy role, or delete the versions by hand, to stay clear of the 100-versions-per-capacity-provider limit.',
        );
        break;
      }
    }
  }
  result.kept.sort((a, b) => Number(b) - Number(a));
  if (result.deleted.length > 0) {
    ctx.progress.info(
      `Deleted ${result.deleted.length} old LMI version(s) of ${functionName} no alias references: ${result.deleted.join(', ')} ` +
        `(kept ${result.kept.join(', ')}).`,
    );
  } else if (candidates.length === 0) {
    ctx.progress.info(
      `${functionName} has ${versions.length} published version(s); none to delete (keep-versions: ${keep}).`,
    );
  }
  for (const f of result.failed.filter((f) => !/denied|not authorized/i.test(f.error))) {
    ctx.progress.warn(`Could not delete ${functionName}:${f.version}: ${f.error}`);
  }
  return result;
}

function listingProblem(e: unknown): string {
  return isAccessDeniedError(e)
    ? `AWS denied ${deniedAction(e, 'lambda:ListVersionsByFunction or lambda:ListAliases')}; grant it to the deploy role.`
    : errorMessage(e);
}

export interface VersionQuota {
  readonly capacityProviderArn: string;
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
  let count: number;
  try {
    const versions = await listAll(async (Marker) => {
      const res = await ctx.aws.lambda.send(
        new ListFunctionVersionsByCapacityProviderCommand({
          CapacityProviderName: name,
          Marker,
          MaxItems: 50,
        }),
      );
      return { items: res.FunctionVersions ?? [], next: res.NextMarker };
    });
    count = versions.length;
  } catch (e) {
    if (isNotFoundError(e)) {
      ctx.progress.info(`Capacity provider ${name} does not exist yet; no version quota to check.`);
      return undefined;
    }
    ctx.progress.warn(
      `Could not count the versions on capacity provider ${name}: ` +
        (isAccessDeniedError(e)
          ? `AWS denied ${deniedAction(e, 'lambda:ListFunctionVersionsByCapacityProvider')}.`
          : errorMessage(e)),
    );
    return undefined;
  }
  const limit = VERSIONS_PER_CAPACITY_PROVIDER;
  const warned = count >= limit * QUOTA_WARNING_FRACTION;
  if (warned) {
    ctx.progress.warn(
      `Capacity provider ${name} holds ${count} of its ${limit} function versions (a limit that cannot be raised); ` +
        `publishing fails at ${limit}. Delete versions no alias uses (keep-versions does this after a successful cutover).`,
    );
  } else {
    ctx.progress.info(`Capacity provider ${name}: ${count} of ${limit} function versions.`);
  }
  return { capacityProviderArn, count, limit, warned };
}
