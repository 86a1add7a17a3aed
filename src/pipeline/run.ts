// The pipeline as one call: the Action and the CLI build a context and run the configured
// mode, filling the run's report as the stages go. Later issues add cutover, full and
// rollback as further cases.
import { AwsClients, type AwsClientOptions } from '../aws/clients.js';
import type { Config } from '../config.js';
import type { Outcome } from '../report/model.js';
import { systemClock, type Clock, type PipelineContext, type Progress } from './context.js';
import { deployStack, type DeployOptions, type DeployResult } from './deploy.js';
import { ReportBuilder } from './report-builder.js';
import { verifyStack, type VerifyOptions, type VerifyResult } from './verify.js';

export type PipelineResult =
  | { readonly mode: 'deploy'; readonly deploy: DeployResult }
  | { readonly mode: 'verify'; readonly deploy: DeployResult; readonly verify: VerifyResult };

export interface RunOptions {
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
  switch (ctx.config.mode) {
    case 'deploy': {
      const deploy = await report.stage(
        'deploy',
        () =>
          ctx.progress.group(`Deploy stack ${ctx.config.stackName}`, () => deployStack(ctx, options.deploy)),
        (d) => ({ outcome: d.type === 'no-op' ? 'no-op' : 'passed', detail: `${d.changeCount} change(s)` }),
      );
      report.deploy(deploy);
      return { mode: 'deploy', deploy };
    }
    case 'verify': {
      const { deploy, verify } = await verifyStack(ctx, report, {
        ...options.verify,
        deploy: options.deploy,
      });
      return { mode: 'verify', deploy, verify };
    }
  }
}

/** The report's outcome for a pipeline that finished: a deploy with nothing to change is a no-op. */
export function pipelineOutcome(result: PipelineResult): Outcome {
  return result.mode === 'deploy' && result.deploy.type === 'no-op' ? 'no-op' : 'success';
}
