// The pipeline as one call: the Action and the CLI build a context and run the configured
// mode. Later issues add verify, cutover, full and rollback as further cases.
import { AwsClients, type AwsClientOptions } from '../aws/clients.js';
import type { Config } from '../config.js';
import { systemClock, type Clock, type PipelineContext, type Progress } from './context.js';
import { deployStack, type DeployOptions, type DeployResult } from './deploy.js';

export type PipelineResult = { readonly mode: 'deploy'; readonly deploy: DeployResult };

export interface RunOptions {
  readonly deploy?: DeployOptions;
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
  // Fail before any work when no region is configured anywhere.
  await ctx.aws.region();
  switch (ctx.config.mode) {
    case 'deploy': {
      const deploy = await ctx.progress.group(`Deploy stack ${ctx.config.stackName}`, () =>
        deployStack(ctx, options.deploy),
      );
      return { mode: 'deploy', deploy };
    }
  }
}
