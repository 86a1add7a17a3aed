// What the deploy stage returns: a deployed stack or a no-op, as the CDK toolkit's
// deployment results do, so the modes and the report decide on a type, never on text. Built
// last (step 5), from the stack's outputs as CloudFormation now reports them.
import { outputsWithContract } from './contract-outputs.js';
import { describeStack } from '../../aws/cloudformation.js';
import type { ResourceChangeSummary } from '../../aws/change-sets.js';
import { formatDuration } from '../../core/format.js';
import type { PipelineContext } from '../context.js';
import { DEPLOY_MESSAGES } from './messages.js';
import type { PackagedArtifact } from './package/package-template.js';
import type { TemplateLocation } from './place-template.js';

interface DeployOutcomeBase {
  readonly stackName: string;
  readonly stackId: string;
  readonly stackStatus: string;
  readonly changeSetName: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly artifacts: readonly PackagedArtifact[];
  readonly template: TemplateLocation;
  readonly durationMs: number;
}

export interface DidDeployStack extends DeployOutcomeBase {
  readonly type: 'did-deploy-stack';
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly changes: readonly ResourceChangeSummary[];
  readonly changeCount: number;
  /** The stack was ROLLBACK_COMPLETE and was deleted before this creation. */
  readonly recreated: boolean;
}

export interface NoOpDeploy extends DeployOutcomeBase {
  readonly type: 'no-op';
  readonly changes: readonly [];
  readonly changeCount: 0;
}

export type DeployResult = DidDeployStack | NoOpDeploy;

/** The stack's outputs as a plain map (an output without a value reads as ''). */
function stackOutputs(
  outputs: Array<{ OutputKey?: string; OutputValue?: string }> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    (outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
  );
}

/** The parts of a result known before the change set's outcome. */
export type DeployResultBase = Pick<
  DeployOutcomeBase,
  'stackName' | 'changeSetName' | 'artifacts' | 'template'
>;

/** Step 5 when CloudFormation found nothing to change: the stack as it already is. */
export async function noOpDeploy(
  ctx: PipelineContext,
  base: DeployResultBase,
  empty: { readonly stackId: string; readonly reason: string },
  started: number,
): Promise<NoOpDeploy> {
  ctx.progress.emit(DEPLOY_MESSAGES.noChanges, `No changes: ${empty.reason}`);
  const stack = await describeStack(ctx.aws.cloudFormation, empty.stackId);
  return {
    ...base,
    type: 'no-op',
    stackId: stack?.StackId ?? empty.stackId,
    stackStatus: stack?.StackStatus ?? 'UNKNOWN',
    outputs: await outputsWithContract(ctx, base.stackName, stackOutputs(stack?.Outputs)),
    changes: [],
    changeCount: 0,
    durationMs: ctx.clock.now() - started,
  };
}

export interface Deployment {
  readonly stackId: string;
  readonly stackStatus: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly changes: readonly ResourceChangeSummary[];
  readonly recreated: boolean;
  readonly started: number;
}

/** Step 5 after a successful execution: the outputs the deployed stack now has. */
export async function didDeployStack(
  ctx: PipelineContext,
  base: DeployResultBase,
  deployment: Deployment,
): Promise<DidDeployStack> {
  const stack = await describeStack(ctx.aws.cloudFormation, deployment.stackId);
  const durationMs = ctx.clock.now() - deployment.started;
  ctx.progress.emit(DEPLOY_MESSAGES.deployed, `Deployed ${base.stackName} in ${formatDuration(durationMs)}.`);
  return {
    ...base,
    type: 'did-deploy-stack',
    stackId: stack?.StackId ?? deployment.stackId,
    stackStatus: deployment.stackStatus,
    outputs: await outputsWithContract(ctx, base.stackName, stackOutputs(stack?.Outputs)),
    changeSetType: deployment.changeSetType,
    changes: deployment.changes,
    changeCount: deployment.changes.length,
    recreated: deployment.recreated,
    durationMs,
  };
}
