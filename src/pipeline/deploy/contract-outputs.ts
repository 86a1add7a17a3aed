// A stack's outputs, completed from its routing contract. A template that declares
// `Metadata: lmi-cutover` (routing-contract.ts) need not name its outputs as the pipeline reads
// them: the contract's logical ids lead to the stack's resources — the functions, the versions
// and aliases SAM's AutoPublishAlias made for them, the REST API and its stage — and those give
// every value. Outputs the template does declare are kept as they are.
import {
  GetTemplateSummaryCommand,
  paginateListStackResources,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { throwIfAccessDenied } from '../../core/access.js';
import type { PipelineContext } from '../context.js';
import { routingContractOf, type RoutingContract } from './template/routing-contract.js';

type Outputs = Readonly<Record<string, string>>;

/** What the contract derives; a stack that declares all of them needs no lookup. */
const DERIVED = [
  'LmiFunctionName',
  'LmiVersion',
  'LmiAliasArn',
  'StandardFunctionName',
  'StandardVersion',
  'StandardAliasArn',
  'RestApiId',
  'StageName',
  'ApiUrl',
] as const;

/** The outputs, with what the contract can derive for the keys they lack. */
export async function outputsWithContract(
  ctx: PipelineContext,
  stackName: string,
  outputs: Outputs,
): Promise<Outputs> {
  // Declared outputs win, so a stack declaring every one (the bundled workload) costs no calls.
  if (DERIVED.every((k) => outputs[k])) return outputs;
  const contract = await deployedContract(ctx, stackName);
  if (!contract) return outputs;
  const resources = await stackResources(ctx, stackName);
  const derived = await contractOutputs(ctx, contract, resources);
  return { ...derived, ...outputs };
}

async function deployedContract(
  ctx: PipelineContext,
  stackName: string,
): Promise<RoutingContract | undefined> {
  let summary;
  try {
    summary = await ctx.aws.cloudFormation.send(new GetTemplateSummaryCommand({ StackName: stackName }));
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:GetTemplateSummary', stackName);
    throw e;
  }
  return routingContractOf(summary?.Metadata, `The template of stack ${stackName}`);
}

async function stackResources(ctx: PipelineContext, stackName: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  try {
    for await (const page of paginateListStackResources(
      { client: ctx.aws.cloudFormation },
      { StackName: stackName },
    ))
      all.push(...(page.StackResourceSummaries ?? []));
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:ListStackResources', stackName);
    throw e;
  }
  return all;
}

/** The values the pipeline reads, from the resources the contract names. */
async function contractOutputs(
  ctx: Pick<PipelineContext, 'aws'>,
  contract: RoutingContract,
  resources: readonly StackResourceSummary[],
): Promise<Record<string, string>> {
  const live = (r: StackResourceSummary) => !(r.ResourceStatus ?? '').startsWith('DELETE');
  const byId = (id: string | undefined) =>
    id === undefined
      ? undefined
      : resources.find((r) => r.LogicalResourceId === id && live(r))?.PhysicalResourceId;
  // SAM names AutoPublishAlias's resources `<Function>Version<hash>` and `<Function>Alias<alias>`.
  const owned = (fn: string, kind: 'Version' | 'Alias', type: string) =>
    resources.filter(
      (r) => r.ResourceType === type && live(r) && (r.LogicalResourceId ?? '').startsWith(`${fn}${kind}`),
    );
  const version = (fn: string) => {
    const numbers = owned(fn, 'Version', 'AWS::Lambda::Version')
      .map((r) => /:(\d+)$/.exec(r.PhysicalResourceId ?? '')?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    return numbers.length > 0 ? String(Math.max(...numbers)) : undefined;
  };
  const alias = (fn: string) => owned(fn, 'Alias', 'AWS::Lambda::Alias')[0]?.PhysicalResourceId;
  const restApiId = byId(contract.restApi);
  const stage = resources.find(
    (r) =>
      r.ResourceType === 'AWS::ApiGateway::Stage' &&
      live(r) &&
      (r.LogicalResourceId ?? '').startsWith(contract.restApi),
  )?.PhysicalResourceId;
  const capacityProvider = resources.find(
    (r) => r.ResourceType === 'AWS::Lambda::CapacityProvider' && live(r),
  );
  const values: Record<string, string | undefined> = {
    LmiFunctionName: byId(contract.lmiFunction),
    LmiVersion: version(contract.lmiFunction),
    LmiAliasArn: alias(contract.lmiFunction),
    StandardFunctionName: byId(contract.standardFunction),
    StandardVersion: version(contract.standardFunction),
    StandardAliasArn: alias(contract.standardFunction),
    RestApiId: restApiId,
    StageName: stage,
    ApiUrl: restApiId && stage ? await stageUrl(ctx, restApiId, stage) : undefined,
    CapacityProviderArn: capacityProviderArn(
      capacityProvider?.PhysicalResourceId,
      alias(contract.lmiFunction),
    ),
    EventsTableName: contract.eventsTable ? byId(contract.eventsTable) : undefined,
  };
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
}

/** Ref of a capacity provider is its name; its ARN shares the partition, region and account of the LMI alias. */
function capacityProviderArn(
  physicalId: string | undefined,
  aliasArn: string | undefined,
): string | undefined {
  if (!physicalId || physicalId.startsWith('arn:')) return physicalId;
  const m = /^arn:([^:]+):lambda:([^:]+):(\d{12}):/.exec(aliasArn ?? '');
  return m ? `arn:${m[1]}:lambda:${m[2]}:${m[3]}:capacity-provider:${physicalId}` : undefined;
}

/**
 * The stage's public URL. Behind an endpoint override (a local cloud) it is that cloud's
 * execute-api path, the form LocalStack and this project's emulator serve.
 */
async function stageUrl(
  ctx: Pick<PipelineContext, 'aws'>,
  restApiId: string,
  stage: string,
): Promise<string> {
  const endpoint = ctx.aws.options.endpointUrl ?? (ctx.aws.options.env ?? process.env).AWS_ENDPOINT_URL;
  if (endpoint) return `${endpoint.replace(/\/+$/, '')}/restapis/${restApiId}/${stage}/_user_request_`;
  const region = await ctx.aws.region();
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${restApiId}.execute-api.${region}.${suffix}/${stage}`;
}
