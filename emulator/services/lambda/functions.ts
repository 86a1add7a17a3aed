// Function lifecycle: create, read, update configuration and code, publish versions, delete.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import { conflict, invalidParameter, lambdaError, notFound, preconditionFailed } from './errors.js';
import type { CodeRef, FunctionConfig, FunctionRecord, VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { cancelProvisioning, startProvisioning } from './provisioning.js';
import type { LambdaStore } from './store.js';
import { type LmiInput, validateLmi, validateRange, validateRole, validateRuntime } from './validate.js';

export interface CodeInput {
  ZipFile?: string | Buffer;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

export interface FunctionInput {
  FunctionName?: string;
  Runtime?: string;
  Role?: string;
  Handler?: string;
  Code?: CodeInput;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Publish?: boolean;
  Environment?: { Variables?: Record<string, string> };
  Architectures?: string[];
  PackageType?: string;
  LoggingConfig?: { LogFormat?: string; LogGroup?: string };
  EphemeralStorage?: { Size?: number };
  TracingConfig?: { Mode?: string };
  Layers?: string[];
  Tags?: Record<string, string>;
  CapacityProviderConfig?: LmiInput;
  RevisionId?: string;
}

/** Takes the snapshot of a deployment package from a ZipFile or an S3 object. */
async function loadCode(store: LambdaStore, code: CodeInput | undefined): Promise<CodeRef> {
  if (code?.ImageUri)
    throw invalidParameter('The local emulator runs .zip deployment packages only (PackageType Zip).');
  if (code?.ZipFile !== undefined) {
    const zip = Buffer.isBuffer(code.ZipFile) ? code.ZipFile : Buffer.from(code.ZipFile, 'base64');
    return store.code.put(zip);
  }
  if (code?.S3Bucket && code.S3Key) {
    let zip: Buffer;
    try {
      zip = await store.s3.getObject(code.S3Bucket, code.S3Key, code.S3ObjectVersion);
    } catch (e) {
      const err = e as AwsError;
      throw invalidParameter(
        `Error occurred while GetObject. S3 Error Code: ${err.code ?? 'InternalError'}. S3 Error Message: ${err.message}`,
      );
    }
    return store.code.put(zip, {
      bucket: code.S3Bucket,
      key: code.S3Key,
      objectVersion: code.S3ObjectVersion,
    });
  }
  throw invalidParameter('Please provide a source for function code.');
}

const revision = (): string => randomUUID();

function buildConfig(
  store: LambdaStore,
  name: string,
  input: FunctionInput,
  code: CodeRef,
  base?: FunctionConfig,
): FunctionConfig {
  if (input.PackageType && input.PackageType !== 'Zip') {
    throw invalidParameter('The local emulator runs .zip deployment packages only (PackageType Zip).');
  }
  const runtime = input.Runtime !== undefined ? validateRuntime(input.Runtime) : base?.runtime;
  if (!runtime) throw invalidParameter('Runtime is required for .zip deployment packages.');
  const handler = input.Handler ?? base?.handler;
  if (!handler) throw invalidParameter('Handler is required for .zip deployment packages.');
  const memorySize =
    input.MemorySize !== undefined
      ? validateRange('memorySize', input.MemorySize, 128, 10240)
      : (base?.memorySize ?? 128);
  const architectures = input.Architectures ?? base?.architectures ?? ['x86_64'];
  for (const a of architectures) {
    if (a !== 'x86_64' && a !== 'arm64') {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '[${architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]`,
      );
    }
  }
  let lmi = base?.lmi;
  if (input.CapacityProviderConfig !== undefined) {
    if (base && !base.lmi)
      throw invalidParameter("CapacityProviderConfig isn't supported for Lambda Default functions.");
    lmi = validateLmi(store, input.CapacityProviderConfig, runtime, memorySize, architectures);
    if (base?.lmi && base.lmi.capacityProviderArn !== lmi.capacityProviderArn) {
      throw invalidParameter(
        "The CapacityProviderArn of a Lambda Managed Instances function can't be changed; create a new function instead.",
      );
    }
  } else if (lmi) {
    lmi = validateLmi(
      store,
      {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: lmi.capacityProviderArn,
          PerExecutionEnvironmentMaxConcurrency: lmi.perExecutionEnvironmentMaxConcurrency,
          ExecutionEnvironmentMemoryGiBPerVCpu: lmi.executionEnvironmentMemoryGiBPerVCpu,
        },
      },
      runtime,
      memorySize,
      architectures,
    );
  }
  return {
    runtime,
    handler,
    role: input.Role !== undefined ? validateRole(input.Role) : base!.role,
    memorySize,
    timeout:
      input.Timeout !== undefined ? validateRange('timeout', input.Timeout, 1, 900) : (base?.timeout ?? 3),
    description: input.Description ?? base?.description ?? '',
    environment:
      input.Environment !== undefined
        ? { ...(input.Environment.Variables ?? {}) }
        : (base?.environment ?? {}),
    architectures,
    code,
    lmi,
    logGroup: input.LoggingConfig?.LogGroup ?? base?.logGroup ?? `/aws/lambda/${name}`,
    logFormat: input.LoggingConfig?.LogFormat ?? base?.logFormat ?? (lmi ? 'JSON' : 'Text'),
    ephemeralStorageMb: input.EphemeralStorage?.Size ?? base?.ephemeralStorageMb ?? 512,
    tracingMode: input.TracingConfig?.Mode ?? base?.tracingMode ?? 'PassThrough',
    layers: input.Layers ?? base?.layers ?? [],
  };
}

/** $LATEST of an LMI function is never invocable; a standard function's is Active at once. */
const latestState = (c: FunctionConfig): VersionRecord['state'] => (c.lmi ? 'ActiveNonInvocable' : 'Active');

export async function createFunction(
  store: LambdaStore,
  input: FunctionInput,
): Promise<{ fn: FunctionRecord; version: VersionRecord }> {
  const name = input.FunctionName;
  if (!name || !/^[a-zA-Z0-9-_]{1,64}$/.test(name)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(name)}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+`,
    );
  }
  if (store.functions.has(name)) throw conflict(`Function already exist: ${name}`);
  validateRole(input.Role);
  const code = await loadCode(store, input.Code);
  if (store.functions.has(name)) throw conflict(`Function already exist: ${name}`);
  const config = buildConfig(store, name, input, code);
  const latest: VersionRecord = {
    functionName: name,
    version: '$LATEST',
    config,
    state: latestState(config),
    lastUpdateStatus: 'Successful',
    lastModified: new Date(),
    revisionId: revision(),
  };
  const fn: FunctionRecord = {
    name,
    arn: functionArn(store.region, name),
    latest,
    versions: new Map(),
    nextVersion: 1,
    aliases: new Map(),
    policies: new Map(),
    policyRevisions: new Map(),
    tags: { ...(input.Tags ?? {}) },
  };
  store.functions.set(name, fn);
  const version = input.Publish ? publishVersion(store, fn, {}) : latest;
  return { fn, version };
}

function checkRevision(v: { revisionId: string }, revisionId?: string): void {
  if (revisionId !== undefined && revisionId !== v.revisionId) throw preconditionFailed();
}

export function updateConfiguration(
  store: LambdaStore,
  fn: FunctionRecord,
  input: FunctionInput,
): VersionRecord {
  checkRevision(fn.latest, input.RevisionId);
  const config = buildConfig(
    store,
    fn.name,
    { ...input, Code: undefined },
    fn.latest.config.code,
    fn.latest.config,
  );
  fn.latest = {
    ...fn.latest,
    config,
    lastModified: new Date(),
    revisionId: revision(),
    lastUpdateStatus: 'Successful',
  };
  return fn.latest;
}

export async function updateCode(
  store: LambdaStore,
  fn: FunctionRecord,
  input: CodeInput & { Publish?: boolean; RevisionId?: string },
): Promise<VersionRecord> {
  checkRevision(fn.latest, input.RevisionId);
  const code = await loadCode(store, input);
  fn.latest = {
    ...fn.latest,
    config: { ...fn.latest.config, code },
    lastModified: new Date(),
    revisionId: revision(),
    lastUpdateStatus: 'Successful',
  };
  return input.Publish ? publishVersion(store, fn, {}) : fn.latest;
}

/** What makes two versions the same for PublishVersion: code and configuration. */
const fingerprint = (c: FunctionConfig): string =>
  JSON.stringify({ ...c, code: c.code.sha256, description: undefined });

const VERSIONS_PER_CAPACITY_PROVIDER = 100;

export function publishVersion(
  store: LambdaStore,
  fn: FunctionRecord,
  input: { CodeSha256?: string; Description?: string; RevisionId?: string },
): VersionRecord {
  checkRevision(fn.latest, input.RevisionId);
  const latest = fn.latest.config;
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.code.sha256) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  // Lambda does not publish a new version when nothing changed since the last one.
  const last = [...fn.versions.values()].at(-1);
  if (last && fingerprint(last.config) === fingerprint(latest)) return last;
  if (latest.lmi) {
    const attached = store.versionsOnCapacityProvider(latest.lmi.capacityProviderArn).length;
    if (attached >= VERSIONS_PER_CAPACITY_PROVIDER) {
      throw lambdaError(
        'FunctionVersionsPerCapacityProviderLimitExceededException',
        `The capacity provider ${latest.lmi.capacityProviderArn} already has the maximum of ${VERSIONS_PER_CAPACITY_PROVIDER} function versions attached. Delete unused versions before publishing.`,
      );
    }
  }
  const number = String(fn.nextVersion++);
  const v: VersionRecord = {
    functionName: fn.name,
    version: number,
    config: { ...latest, description: input.Description ?? latest.description },
    state: 'Active',
    lastUpdateStatus: 'Successful',
    lastModified: new Date(),
    revisionId: revision(),
  };
  fn.versions.set(number, v);
  if (latest.lmi) startProvisioning(store, v);
  return v;
}

export function deleteFunction(store: LambdaStore, fn: FunctionRecord, qualifier?: string): void {
  if (!qualifier) {
    for (const v of fn.versions.values()) {
      cancelProvisioning(store, v);
      store.events.emit('versionDeleted', v);
    }
    store.functions.delete(fn.name);
    store.events.emit('functionDeleted', fn);
    return;
  }
  if (qualifier === '$LATEST')
    throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  if (fn.aliases.has(qualifier))
    throw invalidParameter('Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.');
  const v = fn.versions.get(qualifier);
  if (!v) throw notFound(`Function not found: ${functionArn(store.region, fn.name, qualifier)}`);
  const referencing = [...fn.aliases.values()]
    .filter((a) => a.functionVersion === qualifier || a.additionalVersionWeights?.[qualifier] !== undefined)
    .map((a) => a.name);
  if (referencing.length) {
    throw conflict(
      `Unable to delete version because the following aliases reference it: [${referencing.join(', ')}]`,
    );
  }
  cancelProvisioning(store, v);
  fn.versions.delete(qualifier);
  fn.policies.delete(qualifier);
  store.events.emit('versionDeleted', v);
}
