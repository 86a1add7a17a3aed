// Every Lambda call lmi-cutover makes, one typed function each: published versions and their
// state, the capacity provider and the versions it holds, aliases, version deletion, scaling,
// the per-version resource policy, and Invoke. Listings follow every page with the SDK's own paginators.
import {
  AddPermissionCommand,
  DeleteFunctionCommand,
  GetFunctionScalingConfigCommand,
  GetPolicyCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  PutFunctionScalingConfigCommand,
  paginateListAliases,
  paginateListFunctionVersionsByCapacityProvider,
  paginateListVersionsByFunction,
  type AliasConfiguration,
  type CapacityProvider,
  type FunctionConfiguration,
  type FunctionVersionsByCapacityProviderListItem,
  type InvokeCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

/** Page size of every listing: 50 pages cover the 100-version quota twice over. */
const PAGE_SIZE = 50;

/** The configuration of one version or alias (`qualifier`), or of $LATEST without one. */
export async function getFunctionConfiguration(
  lambda: LambdaClient,
  functionName: string,
  qualifier?: string,
): Promise<FunctionConfiguration> {
  return lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: qualifier }),
  );
}

export async function getCapacityProvider(
  lambda: LambdaClient,
  capacityProviderName: string,
): Promise<CapacityProvider | undefined> {
  const res = await lambda.send(
    new GetCapacityProviderCommand({ CapacityProviderName: capacityProviderName }),
  );
  return res.CapacityProvider;
}

/** Every function version on a capacity provider, any function's (the quota counts them all). */
export async function listVersionsOnCapacityProvider(
  lambda: LambdaClient,
  capacityProviderName: string,
): Promise<FunctionVersionsByCapacityProviderListItem[]> {
  const all: FunctionVersionsByCapacityProviderListItem[] = [];
  const pages = paginateListFunctionVersionsByCapacityProvider(
    { client: lambda, pageSize: PAGE_SIZE },
    { CapacityProviderName: capacityProviderName },
  );
  for await (const page of pages) all.push(...(page.FunctionVersions ?? []));
  return all;
}

/** Every version of a function, $LATEST included, as Lambda lists them. */
export async function listFunctionVersions(
  lambda: LambdaClient,
  functionName: string,
): Promise<FunctionConfiguration[]> {
  const all: FunctionConfiguration[] = [];
  const pages = paginateListVersionsByFunction(
    { client: lambda, pageSize: PAGE_SIZE },
    { FunctionName: functionName },
  );
  for await (const page of pages) all.push(...(page.Versions ?? []));
  return all;
}

export async function listAliases(lambda: LambdaClient, functionName: string): Promise<AliasConfiguration[]> {
  const all: AliasConfiguration[] = [];
  const pages = paginateListAliases({ client: lambda, pageSize: PAGE_SIZE }, { FunctionName: functionName });
  for await (const page of pages) all.push(...(page.Aliases ?? []));
  return all;
}

/** Deletes one published version; never the function (a qualifier is required). */
export async function deleteFunctionVersion(
  lambda: LambdaClient,
  functionName: string,
  version: string,
): Promise<void> {
  await lambda.send(new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version }));
}

/** Sets how many execution environments a published LMI version keeps (0/0 releases them all). */
export async function putFunctionScalingConfig(
  lambda: LambdaClient,
  functionName: string,
  version: string,
  environments: { readonly min: number; readonly max: number },
): Promise<void> {
  await lambda.send(
    new PutFunctionScalingConfigCommand({
      FunctionName: functionName,
      Qualifier: version,
      FunctionScalingConfig: {
        MinExecutionEnvironments: environments.min,
        MaxExecutionEnvironments: environments.max,
      },
    }),
  );
}

export interface InvokeRequest {
  readonly functionName: string;
  /** A published version or alias: $LATEST of an LMI function cannot be invoked. */
  readonly qualifier: string;
  readonly payload: Uint8Array;
  /** Ask for the last 4 KB of the log (the REPORT line carries Duration and Init Duration). */
  readonly logTail: boolean;
  readonly signal?: AbortSignal;
}

/** A synchronous invoke; a function error is in the output (FunctionError), not thrown. */
export async function invokeFunction(
  lambda: LambdaClient,
  request: InvokeRequest,
): Promise<InvokeCommandOutput> {
  return lambda.send(
    new InvokeCommand({
      FunctionName: request.functionName,
      Qualifier: request.qualifier,
      InvocationType: 'RequestResponse',
      LogType: request.logTail ? 'Tail' : 'None',
      Payload: request.payload,
    }),
    { abortSignal: request.signal },
  );
}

/** The scaling a published LMI version asked for (Requested) and has (Applied). */
export async function getFunctionScalingConfig(
  lambda: LambdaClient,
  functionName: string,
  version: string,
): Promise<{ requested?: { min?: number; max?: number }; applied?: { min?: number; max?: number } }> {
  const out = await lambda.send(
    new GetFunctionScalingConfigCommand({ FunctionName: functionName, Qualifier: version }),
  );
  const pick = (c: { MinExecutionEnvironments?: number; MaxExecutionEnvironments?: number } | undefined) =>
    c ? { min: c.MinExecutionEnvironments, max: c.MaxExecutionEnvironments } : undefined;
  return {
    requested: pick(out.RequestedFunctionScalingConfig),
    applied: pick(out.AppliedFunctionScalingConfig),
  };
}

/** The resource policy of one version (a JSON document), or undefined when it has none. */
export async function getVersionPolicy(
  lambda: LambdaClient,
  functionName: string,
  version: string,
): Promise<string | undefined> {
  try {
    return (await lambda.send(new GetPolicyCommand({ FunctionName: functionName, Qualifier: version })))
      .Policy;
  } catch (e) {
    // No policy at all is ResourceNotFoundException, like a missing version: the caller tells them apart.
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

export interface InvokePermission {
  readonly functionName: string;
  readonly version: string;
  readonly statementId: string;
  readonly principal: string;
  readonly sourceArn: string;
}

/** Lets `principal` invoke exactly this version from `sourceArn` (AddPermission with Qualifier). */
export async function addInvokePermission(lambda: LambdaClient, p: InvokePermission): Promise<void> {
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: p.functionName,
      Qualifier: p.version,
      StatementId: p.statementId,
      Action: 'lambda:InvokeFunction',
      Principal: p.principal,
      SourceArn: p.sourceArn,
    }),
  );
}
