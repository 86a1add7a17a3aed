// The capacity provider an LMI version runs on: its state (on a Failed one the version can
// never run) and how many of its function versions are used, against a quota of 100 that
// cannot be raised.
import { getCapacityProvider, listVersionsOnCapacityProvider } from '../../aws/lambda.js';
import { throwIfAccessDenied } from '../../core/access.js';
import type { PipelineContext } from '../context.js';
import type { LmiVersionRef } from './lmi-version.js';
import { PROVISION_MESSAGES } from './messages.js';

/** Lambda's hard limit of versions per capacity provider; a warning from 80 %. */
export const VERSIONS_PER_CAPACITY_PROVIDER = 100;

/** `arn:aws:lambda:us-east-1:123456789012:capacity-provider:NAME` → NAME. */
export const capacityProviderName = (arn: string): string => arn.split(':capacity-provider:')[1] ?? arn;

export async function readCapacityProviderState(
  ctx: PipelineContext,
  arn: string,
): Promise<string | undefined> {
  try {
    return (await getCapacityProvider(ctx.aws.lambda, capacityProviderName(arn)))?.State;
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:GetCapacityProvider', arn);
    throw e;
  }
}

/** Every version on the capacity provider, and the state it lists ours in (if listed yet). */
async function countVersionsOnCapacityProvider(
  ctx: PipelineContext,
  arn: string,
  ref: LmiVersionRef,
): Promise<{ count: number; ours?: string }> {
  let versions: Awaited<ReturnType<typeof listVersionsOnCapacityProvider>>;
  try {
    versions = await listVersionsOnCapacityProvider(ctx.aws.lambda, capacityProviderName(arn));
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:ListFunctionVersionsByCapacityProvider', arn);
    throw e;
  }
  const ours = versions.findLast((v) =>
    v.FunctionArn?.endsWith(`:function:${ref.functionName}:${ref.version}`),
  );
  return { count: versions.length, ours: ours?.State };
}

/**
 * Once, at the start: the quota of 100 versions per capacity provider cannot be raised.
 * Returns the count, which the result reports (one listing per wait).
 */
export async function reportCapacityProviderVersions(
  ctx: PipelineContext,
  arn: string,
  ref: LmiVersionRef,
): Promise<number> {
  const { count, ours } = await countVersionsOnCapacityProvider(ctx, arn, ref);
  const where = `capacity provider ${capacityProviderName(arn)}`;
  ctx.progress.emit(
    PROVISION_MESSAGES.capacityProviderVersions,
    `${where}: ${count} function version${count === 1 ? '' : 's'} of ${VERSIONS_PER_CAPACITY_PROVIDER} allowed` +
      (ours ? `; version ${ref.version} listed as ${ours}` : `; version ${ref.version} not listed yet`),
  );
  if (count >= VERSIONS_PER_CAPACITY_PROVIDER * 0.8) {
    ctx.progress.emit(
      PROVISION_MESSAGES.capacityProviderNearLimit,
      `${where} holds ${count} of its ${VERSIONS_PER_CAPACITY_PROVIDER} function versions (a limit that cannot be raised): ` +
        'delete versions no alias uses before publishing more.',
    );
  }
  return count;
}
