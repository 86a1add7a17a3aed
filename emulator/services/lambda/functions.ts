// Function lifecycle: create, read, update configuration and code, delete (publishing: publish.ts).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import { conflict, invalidParameter, notFound } from './errors.js';
import type { CodeRef, FunctionConfig, FunctionRecord, VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { cancelProvisioning } from './provisioning.js';
import { checkPublishTo, checkRevision, publishVersion } from './publish.js';
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
  PublishTo?: string;
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

/** Lambda (default) functions: 128–10,240 MB. Lambda Managed Instances: up to 32,768 MB. */
const MAX_STANDARD_MEMORY_MB = 10240;
const MAX_LMI_MEMORY_MB = 32768;

/**
 * A Lambda (default) function above 10,240 MB. The message is the emulator's: the API reference
 * gives the shared range (up to 32,768 MB) and the quota page the 10,240 MB limit, not the wording.
 */
function checkStandardMemory(memorySize: number): void {
  if (memorySize > MAX_STANDARD_MEMORY_MB) {
    throw invalidParameter(
      `MemorySize ${memorySize} MB exceeds the ${MAX_STANDARD_MEMORY_MB} MB maximum of Lambda (default) functions; up to ${MAX_LMI_MEMORY_MB} MB needs a capacity provider (Lambda Managed Instances).`,
    );
  }
}

/**
 * The LMI settings of a create or update: validated against the capacity provider, fixed to
 * the provider the function was created with, re-validated when only other settings change.
 */
function resolveLmi(
  store: LambdaStore,
  input: FunctionInput,
  runtime: string,
  memorySize: number,
  architectures: string[],
  base: FunctionConfig | undefined,
): FunctionConfig['lmi'] {
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
  return lmi;
}

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
  // The API's range is Lambda Managed Instances' (up to 32,768 MB); Lambda (default) functions
  // stay within 10,240 MB, checked once the compute type is known (checkStandardMemory).
  const memorySize =
    input.MemorySize !== undefined
      ? validateRange('memorySize', input.MemorySize, 128, MAX_LMI_MEMORY_MB)
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
  const lmi = resolveLmi(store, input, runtime, memorySize, architectures, base);
  if (!lmi) checkStandardMemory(memorySize);
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

/**
 * Whether a create or code update publishes: Publish, or PublishTo naming where. The API
 * reference does not say whether PublishTo needs Publish too; the emulator takes PublishTo as
 * the request to publish there.
 */
const publishes = (input: { Publish?: boolean; PublishTo?: string }): boolean =>
  input.Publish === true || input.PublishTo !== undefined;

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
  checkPublishTo(input.PublishTo, config);
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
  const version = publishes(input) ? publishVersion(store, fn, { PublishTo: input.PublishTo }) : latest;
  return { fn, version };
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
  input: CodeInput & { Publish?: boolean; PublishTo?: string; RevisionId?: string },
): Promise<VersionRecord> {
  checkRevision(fn.latest, input.RevisionId);
  checkPublishTo(input.PublishTo, fn.latest.config);
  const code = await loadCode(store, input);
  fn.latest = {
    ...fn.latest,
    config: { ...fn.latest.config, code },
    lastModified: new Date(),
    revisionId: revision(),
    lastUpdateStatus: 'Successful',
  };
  return publishes(input) ? publishVersion(store, fn, { PublishTo: input.PublishTo }) : fn.latest;
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
