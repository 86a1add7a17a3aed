// Aliases with weighted routing: a primary version plus at most one additional version.
import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, notFound, preconditionFailed, validation } from './errors.js';
import type { AliasRecord, FunctionRecord } from './model.js';
import { functionArn } from './names.js';
import type { LambdaStore } from './store.js';

export interface AliasInput {
  Name?: string;
  FunctionVersion?: string;
  Description?: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
  RevisionId?: string;
}

function checkVersion(store: LambdaStore, fn: FunctionRecord, version: string): void {
  if (version !== '$LATEST' && !fn.versions.has(version)) {
    throw notFound(`Function not found: ${functionArn(store.region, fn.name, version)}`);
  }
}

function validateRouting(
  store: LambdaStore,
  fn: FunctionRecord,
  primary: string,
  weights: Record<string, number> | undefined,
): Record<string, number> | undefined {
  if (!weights || Object.keys(weights).length === 0) return undefined;
  const entries = Object.entries(weights);
  if (entries.length > 1) {
    throw validation(
      `1 validation error detected: Value '${JSON.stringify(weights)}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  }
  const [version, weight] = entries[0]!;
  if (typeof weight !== 'number' || weight < 0 || weight > 1) {
    throw validation(
      `1 validation error detected: Value '${String(weight)}' at 'routingConfig.additionalVersionWeights.${version}.member' failed to satisfy constraint: Member must have value less than or equal to 1.0`,
    );
  }
  if (primary === '$LATEST' || version === '$LATEST') {
    throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
  }
  if (version === primary) {
    throw invalidParameter(
      `Invalid function version ${version}. Function version ${version} is already included in routing configuration.`,
    );
  }
  checkVersion(store, fn, version);
  return { [version]: weight };
}

export function createAlias(store: LambdaStore, fn: FunctionRecord, input: AliasInput): AliasRecord {
  const name = input.Name ?? '';
  if (!/^(?!^[0-9]+$)([a-zA-Z0-9-_]{1,128})$/.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
    );
  }
  if (fn.aliases.has(name))
    throw conflict(`Alias already exists: ${functionArn(store.region, fn.name, name)}`);
  const version = input.FunctionVersion ?? '';
  checkVersion(store, fn, version);
  const alias: AliasRecord = {
    name,
    functionVersion: version,
    description: input.Description ?? '',
    additionalVersionWeights: validateRouting(
      store,
      fn,
      version,
      input.RoutingConfig?.AdditionalVersionWeights,
    ),
    revisionId: randomUUID(),
  };
  fn.aliases.set(name, alias);
  return alias;
}

export function updateAlias(
  store: LambdaStore,
  fn: FunctionRecord,
  name: string,
  input: AliasInput,
): AliasRecord {
  const alias = store.getAlias(fn, name);
  if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId) throw preconditionFailed();
  const version = input.FunctionVersion ?? alias.functionVersion;
  checkVersion(store, fn, version);
  const weights =
    input.RoutingConfig !== undefined
      ? input.RoutingConfig.AdditionalVersionWeights
      : alias.additionalVersionWeights;
  const updated: AliasRecord = {
    ...alias,
    functionVersion: version,
    description: input.Description ?? alias.description,
    additionalVersionWeights: validateRouting(store, fn, version, weights),
    revisionId: randomUUID(),
  };
  fn.aliases.set(name, updated);
  return updated;
}

export function deleteAlias(store: LambdaStore, fn: FunctionRecord, name: string): void {
  store.getAlias(fn, name);
  fn.aliases.delete(name);
  fn.policies.delete(name);
}
