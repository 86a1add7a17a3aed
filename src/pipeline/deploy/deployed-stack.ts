// The stack as it is deployed now: its outputs (the stage, the aliases, the API URL) and its
// parameters. The cutover, the rollback, the status command and the pre-deploy route read
// all start here.
import type { Stack } from '@aws-sdk/client-cloudformation';
import { classifyStackStatus, describeStack } from '../../aws/cloudformation.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { outputsWithContract } from './contract-outputs.js';

export interface DeployedStack {
  readonly stackName: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
}

function deployedStack(stack: Stack, stackName: string): DeployedStack {
  const pairs = <T>(
    items: T[] | undefined,
    key: (t: T) => string | undefined,
    value: (t: T) => string | undefined,
  ) => Object.fromEntries((items ?? []).filter((i) => key(i)).map((i) => [key(i)!, value(i) ?? '']));
  return {
    stackName,
    status: stack.StackStatus ?? 'UNKNOWN',
    outputs: pairs(
      stack.Outputs,
      (o) => o.OutputKey,
      (o) => o.OutputValue,
    ),
    parameters: pairs(
      stack.Parameters,
      (p) => p.ParameterKey,
      (p) => p.ResolvedValue ?? p.ParameterValue,
    ),
  };
}

/**
 * Undefined when the stack does not exist (a first deploy), or exists only as a change set never
 * executed (REVIEW_IN_PROGRESS: a plan before the first deploy), which has no template, outputs
 * or resources to read yet.
 */
export async function findDeployedStack(
  ctx: PipelineContext,
  stackName: string,
): Promise<DeployedStack | undefined> {
  const stack = await describeStack(ctx.aws.cloudFormation, stackName);
  const kind = classifyStackStatus(stack?.StackStatus);
  if (!stack || kind === 'absent' || kind === 'review') return undefined;
  const found = deployedStack(stack, stackName);
  return { ...found, outputs: await outputsWithContract(ctx, stackName, found.outputs) };
}

/**
 * For modes that act on what is deployed (cutover, rollback, status): the stack must exist and
 * be settled, or its outputs may name resources that are being replaced.
 */
export async function requireDeployedStack(
  ctx: PipelineContext,
  stackName: string,
  why: string,
): Promise<DeployedStack> {
  const found = await findDeployedStack(ctx, stackName);
  if (!found) {
    throw new CutoverError(
      'STACK_OUTPUTS_MISSING',
      `Stack ${stackName} does not exist in ${(await ctx.aws.region()) || 'this region'}, so there is nothing to ${why}. ` +
        'Deploy it first (mode verify or full), or check stack-name and region.',
    );
  }
  const kind = classifyStackStatus(found.status);
  if (kind !== 'stable') {
    throw new CutoverError(
      'STACK_STUCK',
      `Stack ${stackName} is ${found.status}; lmi-cutover acts only on a settled stack (*_COMPLETE). ` +
        (kind === 'in-progress'
          ? 'Wait for the running operation to finish, then run again.'
          : 'Bring it to a *_COMPLETE state (see the stack events), then run again.'),
    );
  }
  return found;
}
