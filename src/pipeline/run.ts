// One run, for the Action and the CLI alike: config → report → context → mode → finished
// report, whatever happens. The adapters only read their inputs before and publish the report
// after; everything between lives here, once.
import { AwsClients, type AwsClientOptions } from '../aws/clients.js';
import type { Config } from '../config/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { GateResult, Outcome } from '../core/domain.js';
import { asCutoverError } from '../core/failure.js';
import type { CutoverError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { ReportBuilder, type ReportListener } from '../report/builder.js';
import type { Report } from '../report/model.js';
import type { PipelineContext } from './context.js';
import { cutoverMode, type CutoverRun } from './modes/cutover.js';
import { deployMode } from './modes/deploy.js';
import { fullMode } from './modes/full.js';
import { planMode } from './modes/plan.js';
import type { ModeInput, RunOptions } from './modes/mode-input.js';
import { rollbackMode, type RollbackRun } from './modes/rollback.js';
import { verifyMode } from './modes/verify.js';
import { loadShardMode } from './modes/load-shard.js';
import { mergeMode } from './modes/merge.js';
import type { LoadShardRun } from './verify/shards/run-shard.js';
import type { MergedCheck } from './verify/shards/merge.js';
import { shardReport, type ShardReport } from '../report/shard-report.js';
import type { DeployResult } from './deploy/deploy-stack.js';
import type { PlanResult } from './deploy/plan-stack.js';
import { CutoverFailedError } from './traffic/cutover.js';
import type { VerifyResult } from './verify/verify-stack.js';
import type { ChecksVerifyResult } from './verify/checks/verify-checks.js';
import { newRunId } from './webhook/request.js';

export type { RunOptions } from './modes/mode-input.js';

export type PipelineResult =
  | { readonly mode: 'plan'; readonly plan: PlanResult }
  | { readonly mode: 'deploy'; readonly deploy: DeployResult }
  | {
      readonly mode: 'verify';
      readonly deploy: DeployResult;
      readonly verify: VerifyResult | ChecksVerifyResult;
    }
  | {
      readonly mode: 'cutover';
      readonly verify: VerifyResult | ChecksVerifyResult;
      readonly cutover: CutoverRun;
    }
  | {
      readonly mode: 'full';
      readonly deploy: DeployResult;
      readonly verify: VerifyResult | ChecksVerifyResult;
      readonly cutover: CutoverRun;
    }
  | { readonly mode: 'rollback'; readonly rollback: RollbackRun }
  /** Mode verify with load-shard: this run's share of a sharded check; nothing deployed. */
  | { readonly mode: 'load-shard'; readonly shard: LoadShardRun }
  | { readonly mode: 'merge'; readonly merge: MergedCheck; readonly gates: readonly GateResult[] };

export interface CreateContextOptions {
  readonly config: Pick<Config, 'region' | 'endpointUrl'> & Partial<Pick<Config, 'loadWorkers'>>;
  readonly progress: Progress;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Client settings beyond the config (sockets, attempts, env for endpoint variables). */
  readonly aws?: Omit<AwsClientOptions, 'region' | 'endpointUrl'>;
}

export function createPipelineContext(options: CreateContextOptions): PipelineContext {
  const { config } = options;
  return {
    progress: options.progress,
    clock: options.clock ?? systemClock,
    signal: options.signal,
    aws: new AwsClients({
      ...options.aws,
      region: config.region,
      endpointUrl: config.endpointUrl,
      loadWorkers: config.loadWorkers,
    }),
  };
}

/** The configured mode, run against a context the caller owns (tests and the e2e harness). */
export async function runPipeline(
  ctx: PipelineContext,
  config: Config,
  options: RunOptions & { readonly report?: ReportBuilder; readonly cwd?: string } = {},
): Promise<PipelineResult> {
  const report =
    options.report ?? new ReportBuilder({ mode: config.mode, stackName: config.stackName, clock: ctx.clock });
  // Fail before any work when no region is configured anywhere; a merge calls no AWS API and
  // takes its region from the shards.
  if (config.mode !== 'merge') report.setRegion(await ctx.aws.region());
  const input: ModeInput = {
    config,
    cwd: options.cwd ?? process.cwd(),
    report,
    runId: options.verify?.runId ?? newRunId(),
    options,
  };
  switch (config.mode) {
    case 'plan':
      return { mode: 'plan', ...(await planMode(ctx, input)) };
    case 'deploy':
      return { mode: 'deploy', ...(await deployMode(ctx, input)) };
    case 'verify':
      if (config.loadShard)
        return { mode: 'load-shard', ...(await loadShardMode(ctx, input, config.loadShard)) };
      return { mode: 'verify', ...(await verifyMode(ctx, input)) };
    case 'cutover':
      return {
        mode: 'cutover',
        ...(await cutoverMode(ctx, report, config, {
          ...options,
          cwd: input.cwd,
          verify: { ...options.verify, runId: input.runId },
        })),
      };
    case 'full':
      return { mode: 'full', ...(await fullMode(ctx, input)) };
    case 'rollback':
      return {
        mode: 'rollback',
        rollback: await rollbackMode(ctx, report, config, {
          cwd: input.cwd,
          onRouteState: options.onRouteState,
          runId: input.runId,
        }),
      };
    case 'merge':
      return { mode: 'merge', ...(await mergeMode(ctx, input, config.shardsPath!)) };
  }
}

export interface RunOnceOptions extends RunOptions {
  readonly config: Config;
  readonly progress: Progress;
  readonly cwd: string;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly trigger?: Report['run']['trigger'];
  readonly aws?: CreateContextOptions['aws'];
  /** Runs before any AWS call; what it throws fails the run like any stage (the fork refusal). */
  readonly guard?: () => void;
  /**
   * The report so far: once when the run starts (after the guard let it), then whenever a stage
   * starts or ends and each time a canary step is baked. The Action's live PR comment.
   */
  readonly onReportUpdate?: ReportListener;
}

/**
 * How a run ended: its report (always), and the result or the failure. A load shard's run also
 * ends with its shard report, measured or failed, for the merge.
 */
export type RunEnd = { readonly report: ReportBuilder; readonly shardReport?: ShardReport } & (
  | { readonly result: PipelineResult; readonly failure?: undefined }
  | { readonly failure: CutoverError; readonly result?: undefined; readonly error: unknown }
);

/** Runs the configured mode and finishes its report; never throws for a failed run. */
export async function runOnce(options: RunOnceOptions): Promise<RunEnd> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const report = new ReportBuilder({
    mode: config.mode,
    stackName: config.stackName,
    clock,
    region: config.region,
    trigger: options.trigger,
    onUpdate: options.onReportUpdate,
  });
  let ctx: PipelineContext | undefined;
  const shard = shardReporter(config, clock);
  try {
    options.guard?.();
    report.announce();
    ctx = createPipelineContext({ ...options, clock });
    const result = await runPipeline(ctx, config, { ...options, report });
    report.finish({ outcome: pipelineOutcome(result) });
    const measurement = result.mode === 'load-shard' ? result.shard.measurement : undefined;
    return { report, result, ...shard(report, measurement ? { measurement } : undefined) };
  } catch (e) {
    const failed = failedRun(report, e);
    const { code, message } = failed.failure;
    return { report, ...failed, ...shard(report, { error: { code, message } }) };
  } finally {
    ctx?.aws.destroy();
  }
}

/** The shard report of a load shard's run, however it ended; nothing for any other run. */
function shardReporter(config: Config, clock: Clock) {
  const startedAt = new Date(clock.now()).toISOString();
  return (
    report: ReportBuilder,
    end: Parameters<typeof shardReport>[0]['end'] | undefined,
  ): { shardReport?: ShardReport } => {
    const s = config.loadShard;
    if (!s || !end) return {};
    return {
      shardReport: shardReport({
        check: { id: s.id, shard: s.index, shards: s.count },
        stackName: config.stackName,
        region: report.report.run.region,
        startedAt,
        finishedAt: new Date(clock.now()).toISOString(),
        end,
      }),
    };
  };
}

/**
 * Finishes the report of a run that failed. A cutover that failed but put production back on
 * the twin says `rolled-back`, so the headline tells the reader that traffic is safe first.
 */
function failedRun(report: ReportBuilder, error: unknown): { failure: CutoverError; error: unknown } {
  const failure = asCutoverError(error);
  report.finish({
    error: { code: failure.code, message: failure.message },
    rolledBack: error instanceof CutoverFailedError && error.section.rolledBack,
  });
  return { failure, error };
}

/** The report's outcome for a pipeline that finished. */
export function pipelineOutcome(result: PipelineResult): Outcome {
  switch (result.mode) {
    case 'plan':
      return result.plan.type === 'no-changes' ? 'no-op' : 'success';
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
    case 'load-shard':
    case 'merge':
      return 'success';
  }
}
