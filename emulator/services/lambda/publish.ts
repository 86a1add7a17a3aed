// Publishing versions: numbered ones (PublishVersion, Publish: true) and, for Lambda Managed
// Instances, `$LATEST.PUBLISHED` (PublishTo: LATEST_PUBLISHED on PublishVersion, CreateFunction
// and UpdateFunctionCode). `$LATEST.PUBLISHED` is one version that each publish replaces with
// the current code and configuration; an unqualified invoke of an LMI function runs it
// (docs: "$LATEST.PUBLISHED version in Lambda Managed Instances"). An LMI version provisions its
// execution environments (provisioning.ts) before it is Active.
import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, lambdaError, preconditionFailed, validation } from './errors.js';
import type { FunctionConfig, FunctionRecord, ScalingConfig, VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { cancelProvisioning, startProvisioning } from './provisioning.js';
import type { LambdaStore } from './store.js';

export const LATEST_PUBLISHED = '$LATEST.PUBLISHED';

/** The FunctionVersionLatestPublished enum of the SDK model: PublishTo's only value. */
const PUBLISH_TO = ['LATEST_PUBLISHED'];

const VERSIONS_PER_CAPACITY_PROVIDER = 100;

export interface PublishInput {
  CodeSha256?: string;
  Description?: string;
  RevisionId?: string;
  PublishTo?: string;
  /** The version's FunctionScalingConfig, set before it provisions (AWS::Lambda::Version). */
  scaling?: ScalingConfig;
}

export function checkRevision(v: { revisionId: string }, revisionId?: string): void {
  if (revisionId !== undefined && revisionId !== v.revisionId) throw preconditionFailed();
}

/**
 * PublishTo checked before anything changes: the model's enum, and an LMI function. The API
 * reference documents PublishTo without the error for a Lambda (default) function; the
 * emulator refuses it with InvalidParameterValueException in its own words.
 */
export function checkPublishTo(publishTo: string | undefined, config: FunctionConfig): void {
  if (publishTo === undefined) return;
  if (!PUBLISH_TO.includes(publishTo)) {
    throw validation(
      `1 validation error detected: Value '${publishTo}' at 'publishTo' failed to satisfy constraint: Member must satisfy enum value set: [${PUBLISH_TO.join(', ')}]`,
    );
  }
  if (!config.lmi) {
    throw invalidParameter(
      'PublishTo LATEST_PUBLISHED is only supported for Lambda Managed Instances functions (with a CapacityProviderConfig).',
    );
  }
}

/** What makes two versions the same for PublishVersion: code and configuration. */
const fingerprint = (c: FunctionConfig): string =>
  JSON.stringify({ ...c, code: c.code.sha256, description: undefined });

const newVersion = (fn: FunctionRecord, version: string, config: FunctionConfig): VersionRecord => ({
  functionName: fn.name,
  version,
  config,
  state: 'Active',
  lastUpdateStatus: 'Successful',
  lastModified: new Date(),
  revisionId: randomUUID(),
});

function checkVersionsPerProvider(store: LambdaStore, config: FunctionConfig): void {
  if (!config.lmi) return;
  const attached = store.versionsOnCapacityProvider(config.lmi.capacityProviderArn).length;
  if (attached >= VERSIONS_PER_CAPACITY_PROVIDER) {
    throw lambdaError(
      'FunctionVersionsPerCapacityProviderLimitExceededException',
      `The capacity provider ${config.lmi.capacityProviderArn} already has the maximum of ${VERSIONS_PER_CAPACITY_PROVIDER} function versions attached. Delete unused versions before publishing.`,
    );
  }
}

export function publishVersion(store: LambdaStore, fn: FunctionRecord, input: PublishInput): VersionRecord {
  checkRevision(fn.latest, input.RevisionId);
  const latest = fn.latest.config;
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.code.sha256) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  checkPublishTo(input.PublishTo, latest);
  if (input.PublishTo !== undefined) return publishLatestPublished(store, fn, input);
  // Lambda does not publish a new version when nothing changed since the last one.
  const last = [...fn.versions.values()].filter((v) => v.version !== LATEST_PUBLISHED).at(-1);
  if (last && fingerprint(last.config) === fingerprint(latest)) return last;
  checkVersionsPerProvider(store, latest);
  const v = newVersion(fn, String(fn.nextVersion++), {
    ...latest,
    description: input.Description ?? latest.description,
  });
  if (input.scaling) v.scaling = input.scaling;
  fn.versions.set(v.version, v);
  if (latest.lmi) startProvisioning(store, v);
  return v;
}

/**
 * Creates or republishes `$LATEST.PUBLISHED`: the previous one's environments stop and the
 * new one provisions. Whether the previous one keeps serving while the new one is Pending is
 * not documented; here it does not (invoking it answers Pending until the new one is Active).
 */
function publishLatestPublished(store: LambdaStore, fn: FunctionRecord, input: PublishInput): VersionRecord {
  const previous = fn.versions.get(LATEST_PUBLISHED);
  if (previous?.state === 'Pending' || previous?.state === 'Deactivating') {
    throw conflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(store.region, fn.name, LATEST_PUBLISHED)}`,
    );
  }
  if (!previous) checkVersionsPerProvider(store, fn.latest.config);
  const v = newVersion(fn, LATEST_PUBLISHED, {
    ...fn.latest.config,
    description: input.Description ?? fn.latest.config.description,
  });
  v.scaling = input.scaling ?? previous?.scaling ?? fn.latestPublishedScaling;
  if (previous) {
    cancelProvisioning(store, previous);
    fn.versions.delete(LATEST_PUBLISHED);
    store.events.emit('versionDeleted', previous);
  }
  fn.versions.set(LATEST_PUBLISHED, v);
  startProvisioning(store, v);
  return v;
}
