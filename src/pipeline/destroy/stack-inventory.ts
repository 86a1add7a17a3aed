// Everything `destroy` needs to know before it decides: the stack (status, termination
// protection), each resource and what deleting the stack does to it, each function with every
// published version it holds (the ones earlier deploys retained outside the stack included), the
// capacity providers, and the REST API stage whose requests say whether it serves traffic.
import type { Stack } from '@aws-sdk/client-cloudformation';
import { describeStack, getProcessedTemplate, listStackResources } from '../../aws/cloudformation.js';
import { listFunctionVersions } from '../../aws/lambda.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { isNotFoundError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { outputsWithContract } from '../deploy/contract-outputs.js';
import { parseTemplate, type CfnTemplate } from '../deploy/template/cfn-yaml.js';
import { resourceFates, type StackResourceLine } from './resource-fate.js';

interface FunctionVersion {
  readonly version: string;
  readonly state?: string;
}

export interface StackFunction {
  readonly logicalId: string;
  readonly name: string;
  /** Runs on a capacity provider: its versions hold instances until deleted or scaled to 0/0. */
  readonly lmi: boolean;
  /** DeletionPolicy: Retain on the function itself: it and all its versions outlive the stack. */
  readonly retained: boolean;
  /** Published versions, newest first; false when the function no longer exists. */
  readonly exists: boolean;
  readonly versions: readonly FunctionVersion[];
}

/** Where CloudWatch counts the stack's requests: a REST API, and its stage when the stack names one. */
export interface TrafficSource {
  readonly restApiId: string;
  readonly stage?: string;
}

export interface StackInventory {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: string;
  readonly terminationProtection: boolean;
  readonly resources: readonly StackResourceLine[];
  readonly functions: readonly StackFunction[];
  /** Capacity provider names. */
  readonly capacityProviders: readonly { readonly name: string; readonly retained: boolean }[];
  /** Every REST API (and stage) of the stack; empty when it has none. */
  readonly apis: readonly TrafficSource[];
}

/** Undefined when the stack does not exist (never created, or DELETE_COMPLETE). */
export async function readStackInventory(
  ctx: PipelineContext,
  stackName: string,
): Promise<StackInventory | undefined> {
  const cfn = ctx.aws.cloudFormation;
  let stack: Stack | undefined;
  try {
    stack = await describeStack(cfn, stackName);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:DescribeStacks', stackName);
    throw e;
  }
  if (!stack || !stack.StackId || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
  const summaries = await listStackResources(cfn, stack.StackId).catch((e: unknown) => {
    throwIfAccessDenied(e, 'cloudformation:ListStackResources', stackName);
    throw e;
  });
  // A stack with no resources (REVIEW_IN_PROGRESS, a first creation rolled back) has no policies to read.
  const template = summaries.length > 0 ? await processedTemplate(ctx, stack.StackId, stackName) : undefined;
  const resources = resourceFates(summaries, template);
  const retained = (r: StackResourceLine) => r.fate.kind === 'retained';
  const functions = await Promise.all(
    resources
      .filter((r) => r.type === 'AWS::Lambda::Function' && r.physicalId)
      .map((r) => readFunction(ctx, r.logicalId, r.physicalId!, retained(r))),
  );
  return {
    stackName,
    stackId: stack.StackId,
    status: stack.StackStatus ?? 'UNKNOWN',
    terminationProtection: stack.EnableTerminationProtection === true,
    resources,
    functions,
    capacityProviders: resources
      .filter((r) => r.type === 'AWS::Lambda::CapacityProvider' && r.physicalId)
      .map((r) => ({ name: r.physicalId!.split(':').pop()!, retained: retained(r) })),
    apis: await trafficSources(ctx, stack, resources),
  };
}

async function processedTemplate(
  ctx: PipelineContext,
  stackId: string,
  stackName: string,
): Promise<CfnTemplate> {
  let body: string | undefined;
  try {
    body = await getProcessedTemplate(ctx.aws.cloudFormation, stackId);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:GetTemplate', stackName);
    throw e;
  }
  // Without it every DeletionPolicy reads as Delete; a stack always has a template, so say so.
  if (!body) throw new Error(`CloudFormation returned no template for stack ${stackName}`);
  return parseTemplate(body, `the processed template of stack ${stackName}`);
}

async function readFunction(
  ctx: PipelineContext,
  logicalId: string,
  name: string,
  retained: boolean,
): Promise<StackFunction> {
  try {
    const all = await listFunctionVersions(ctx.aws.lambda, name);
    const latest = all.find((v) => v.Version === '$LATEST');
    const versions = all
      .filter((v) => /^\d+$/.test(v.Version ?? ''))
      .sort((a, b) => Number(b.Version) - Number(a.Version))
      .map((v) => ({ version: v.Version!, ...(v.State ? { state: v.State } : {}) }));
    return {
      logicalId,
      name,
      lmi: latest?.CapacityProviderConfig !== undefined,
      retained,
      exists: true,
      versions,
    };
  } catch (e) {
    // A DELETE_FAILED stack may have lost some of its functions already.
    if (isNotFoundError(e)) return { logicalId, name, lmi: false, retained, exists: false, versions: [] };
    throwIfAccessDenied(e, 'lambda:ListVersionsByFunction', name);
    throw e;
  }
}

/**
 * The stage the stack's outputs (or routing contract) name; without one, each REST API of the
 * stack as a whole, since its metrics cover every stage.
 */
async function trafficSources(
  ctx: PipelineContext,
  stack: Stack,
  resources: readonly StackResourceLine[],
): Promise<TrafficSource[]> {
  const declared = Object.fromEntries(
    (stack.Outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
  );
  const outputs = await outputsWithContract(ctx, stack.StackName ?? stack.StackId!, declared);
  if (outputs.RestApiId && outputs.StageName)
    return [{ restApiId: outputs.RestApiId, stage: outputs.StageName }];
  return resources
    .filter((r) => r.type === 'AWS::ApiGateway::RestApi' && r.physicalId)
    .map((r) => ({ restApiId: r.physicalId! }));
}
