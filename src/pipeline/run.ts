// The pipeline as one call: the Action and the CLI build a context and run the configured
// mode, filling the run's report as the stages go. Every deploy first reads the stage's route
// and passes it back as LiveTarget, so only the cutover and the rollback ever move traffic.
import { AwsClients, type AwsClientOptions } from '../aws/clients.js';
import type { Config } from '../config/config.js';
import type { Mode } from '../core/domain.js';
import type { StageTiming } from '../report/model.js';
import type { Outcome } from '../core/domain.js';
import { type PipelineContext } from './context.js';
import { type Progress } from '../core/progress.js';
import { systemClock, type Clock } from '../core/clock.js';
import {
  cutoverMode,
  shiftVerified,
  skipIfUnrun,
  type CutoverRun,
  type ShiftOptions,
} from './modes/cutover.js';
import { deployStack, type DeployOptions, type DeployResult } from './deploy/deploy-stack.js';
import { isCutoverError } from '../core/errors.js';
import { failedVersionIsLive, moveOffFailedVersion, type VerifiedSoFar } from './modes/full.js';
import { routeBeforeDeploy, type RouteBeforeDeploy } from './traffic/live-route.js';
import { ReportBuilder } from '../report/builder.js';
import { rollbackMode, type RollbackRun } from './modes/rollback.js';
import { routeRefFromOutputs } from './traffic/route.js';
import { emptyCutoverSection } from './traffic/route-record.js';
import { verifyStack, type VerifyOptions, type VerifyResult } from './verify/verify-stack.js';
import { newRunId } from './webhook/index.js';

export type PipelineResult =
  | { readonly mode: 'deploy'; readonly deploy: DeployResult }
  | { readonly mode: 'verify'; readonly deploy: DeployResult; readonly verify: VerifyResult }
  | { readonly mode: 'cutover'; readonly verify: VerifyResult; readonly cutover: CutoverRun }
  | {
      readonly mode: 'full';
      readonly deploy: DeployResult;
      readonly verify: VerifyResult;
      readonly cutover: CutoverRun;
    }
  | { readonly mode: 'rollback'; readonly rollback: RollbackRun };

export interface RunOptions extends ShiftOptions {
  readonly deploy?: DeployOptions;
  /** Verify-mode settings (timings, run id, a latency clock for tests); `deploy` above applies too. */
  readonly verify?: Omit<VerifyOptions, 'deploy'>;
  /** Filled as the stages run; the caller writes it out whatever the outcome. */
  readonly report?: ReportBuilder;
}

export interface CreateContextOptions {
  readonly config: Config;
  readonly progress: Progress;
  readonly clock?: Clock;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** Client settings beyond the config (sockets, attempts, env for endpoint variables). */
  readonly aws?: Omit<AwsClientOptions, 'region' | 'endpointUrl'>;
}

export function createPipelineContext(options: CreateContextOptions): PipelineContext {
  const { config } = options;
  return {
    config,
    progress: options.progress,
    clock: options.clock ?? systemClock,
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
    aws: new AwsClients({ ...options.aws, region: config.region, endpointUrl: config.endpointUrl }),
  };
}

export async function runPipeline(ctx: PipelineContext, options: RunOptions = {}): Promise<PipelineResult> {
  const report =
    options.report ??
    new ReportBuilder({ mode: ctx.config.mode, stackName: ctx.config.stackName, clock: ctx.clock });
  // Fail before any work when no region is configured anywhere.
  report.setRegion(await ctx.aws.region());
  const runId = options.verify?.runId ?? newRunId();
  const verifyOptions = { ...options.verify, runId };
  const mode = ctx.config.mode;
  switch (mode) {
    case 'deploy': {
      const pre = await beforeDeploy(ctx, report, options, runId);
      const deploy = await report.stage(
        'deploy',
        () =>
          ctx.progress.group(`Deploy stack ${ctx.config.stackName}`, () =>
            deployStack(ctx, withLiveTarget(options.deploy, pre)),
          ),
        (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }),
      );
      report.deploy(deploy);
      return { mode, deploy };
    }
    case 'verify': {
      const pre = await beforeDeploy(ctx, report, options, runId);
      const { deploy, verify } = await verifyStack(ctx, report, {
        ...verifyOptions,
        deploy: withLiveTarget(options.deploy, pre),
      });
      return { mode, deploy, verify };
    }
    case 'cutover': {
      const { verify, cutover } = await cutoverMode(ctx, report, { ...options, verify: verifyOptions });
      return { mode, verify, cutover };
    }
    case 'full': {
      const pre = await beforeDeploy(ctx, report, options, runId);
      let deployed: { deploy: DeployResult; verify: VerifyResult };
      const seen: VerifiedSoFar = {};
      try {
        deployed = await verifyStack(ctx, report, {
          ...verifyOptions,
          deploy: withLiveTarget(options.deploy, pre),
          onDeployed: (d) => (seen.deploy = d),
          onSmokeChecked: (s) => (seen.smoke = s),
        });
      } catch (e) {
        skipIfUnrun(report, 'cutover', e);
        if (failedVersionIsLive(pre, seen)) {
          await moveOffFailedVersion(ctx, report, e, {
            runId,
            onRouteState: options.onRouteState,
            outputs: seen.deploy.outputs,
          });
        }
        throw e;
      }
      const ref = routeRefFromOutputs(deployed.deploy.outputs, ctx.config.stackName);
      const cutover = await shiftVerified(ctx, report, deployed.verify, ref, { ...options, runId });
      return { mode, ...deployed, cutover };
    }
    case 'rollback': {
      const rollback = await rollbackMode(ctx, report, { onRouteState: options.onRouteState, runId });
      return { mode, rollback };
    }
  }
}

/** The stages a mode runs, for marking them skipped when the run stops before them. */
function stagesOf(mode: Mode, ctx: PipelineContext): StageTiming['stage'][] {
  const verify: StageTiming['stage'][] = [
    'provision',
    'smoke',
    'load',
    ...(ctx.config.concurrencySweep.length > 0 ? (['sweep'] as const) : []),
  ];
  if (mode === 'deploy') return ['deploy'];
  if (mode === 'verify') return ['deploy', ...verify];
  return ['deploy', ...verify, 'cutover'];
}

/** The route read and LiveTarget chosen before a deploy; a refusal marks the mode's stages skipped. */
async function beforeDeploy(
  ctx: PipelineContext,
  report: ReportBuilder,
  options: RunOptions,
  runId: string,
): Promise<RouteBeforeDeploy> {
  const mode = ctx.config.mode;
  let pre: RouteBeforeDeploy;
  try {
    pre = await routeBeforeDeploy(ctx, {
      rollBackLeftoverCanary: mode === 'full' && ctx.config.resume === 'rollback',
      refusal:
        mode === 'full'
          ? 'resume: continue applies to mode cutover only: mode full deploys first, which would put that canary on a new, unverified LMI version.'
          : `Mode ${mode} never moves traffic, and a deploy now would drop the canary.`,
      runId,
      onRouteState: options.onRouteState,
    });
  } catch (e) {
    const why = isCutoverError(e) ? `not run: ${e.code}` : 'not run: reading the route failed';
    for (const stage of stagesOf(mode, ctx)) report.skipped(stage, why);
    throw e;
  }
  if (pre.changes.length > 0) report.cutover({ ...emptyCutoverSection(), routeChanges: [...pre.changes] });
  const after = pre.changes.length > 0 ? { kind: 'standard' as const } : pre.route;
  report.route({ before: pre.route, after });
  return pre;
}

function withLiveTarget(deploy: DeployOptions | undefined, pre: RouteBeforeDeploy): DeployOptions {
  return {
    ...deploy,
    parameterOverrides: { ...deploy?.parameterOverrides, ...pre.parameterOverrides },
  };
}

/** The report's outcome for a pipeline that finished. */
export function pipelineOutcome(result: PipelineResult): Outcome {
  switch (result.mode) {
    case 'deploy':
      return result.deploy.type === 'no-op' ? 'no-op' : 'success';
    case 'verify':
      return 'success';
    case 'cutover':
      return result.cutover.outcome.type === 'no-op' ? 'no-op' : 'success';
    case 'full':
      return result.deploy.type === 'no-op' && result.cutover.outcome.type === 'no-op' ? 'no-op' : 'success';
    case 'rollback':
      return result.rollback.type === 'no-op' ? 'no-op' : 'success';
  }
}
