// One shard of a sharded concurrency check (`load-shard: i/N`): its share of the check against
// the candidate the deployed stack names — nothing is deployed, no traffic moves, no earlier
// version is released. The version must be Active (the provision stage, as verify waits for
// it); then the same burst as verify's at the LMI version and the twin, sized to this shard's
// share, and the events-table read-back of this shard's own deliveries. No gate is applied: a
// share says nothing alone. What the merge needs is returned as the shard's measurement.
import type { Config } from '../../../config/config.js';
import { shardLabel, type LoadShardConfig } from '../../../config/load-shard.js';
import { CutoverError } from '../../../core/errors.js';
import type { ReportBuilder } from '../../../report/builder.js';
import type { ShardBaseline, ShardMeasurement } from '../../../report/shard-report.js';
import type { PipelineContext } from '../../context.js';
import { requireDeployedStack } from '../../deploy/deployed-stack.js';
import type { ProvisionOptions, ProvisionResult } from '../../provision/wait-for-version.js';
import { newRunId } from '../../webhook/request.js';
import { readSigningSecret } from '../../webhook/secret.js';
import { workloadStackFromOutputs, type WorkloadStack } from '../../webhook/workload-stack.js';
import { announceBaselineBurst, planBaseline, productionTarget, type BaselineTarget } from '../baseline.js';
import type { CheckTraffic } from '../check-traffic.js';
import { loadSizing, measureBurst, runLoadCheck, type LoadCheckResult, type LoadSizing } from '../load.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { provisionPhase } from '../phases.js';
import { secretParameterName } from '../verify-stack.js';
import { shardSide, shardWarm } from './shard-side.js';
import { shardShare } from './split.js';

export type ShardSettings = Pick<
  Config,
  'stackName' | 'provisioningTimeoutMinutes' | 'concurrency' | 'loadRequests' | 'maxP95Ms'
> & { readonly loadShard: LoadShardConfig };

export interface ShardOptions {
  readonly provision?: Omit<ProvisionOptions, 'observe' | 'timeoutMinutes'>;
  /** Marks this shard's check traffic (the shard is added to it); random by default. */
  readonly runId?: string;
  /** Monotonic milliseconds for latencies; performance.now() by default. */
  readonly now?: () => number;
}

export interface LoadShardRun {
  readonly shard: LoadShardConfig;
  readonly stack: WorkloadStack;
  readonly provision: ProvisionResult;
  /** The whole check's size. */
  readonly sizing: LoadSizing;
  readonly share: LoadSizing;
  readonly load: LoadCheckResult;
  /** What the shard report carries for the merge. */
  readonly measurement: ShardMeasurement;
}

const SHARD_STAGES = ['provision', 'load'] as const;

export async function runLoadShard(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: ShardSettings,
  options: ShardOptions = {},
): Promise<LoadShardRun> {
  const shard = settings.loadShard;
  // Delivery ids name the shard: lmi-cutover.<run>-s2of4.load.lmi.17, never another shard's.
  const runId = `${options.runId ?? newRunId()}-s${shard.index}of${shard.count}`;
  report.skipped('smoke', 'a load shard sends only its share of the concurrency check');
  try {
    refuseFarStart(ctx, shard);
    const deployed = await requireDeployedStack(ctx, settings.stackName, 'send a load shard to');
    const stack = workloadStackFromOutputs(settings.stackName, deployed.outputs);
    const region = await ctx.aws.region();
    const provision = await provisionPhase(ctx, report, settings, stack, options.provision);
    const secrets = await readSigningSecret(ctx, secretParameterName(provision, stack));
    const traffic: CheckTraffic = { stack, region, secrets, runId, now: options.now };
    const sizing = loadSizing(settings, provision.function.maxConcurrency);
    const share = shardShare(sizing, shard);
    const production =
      settings.maxP95Ms === 'auto'
        ? await productionTarget(ctx, settings.stackName, deployed.outputs)
        : undefined;
    const { load, baseline } = await report.stage(
      'load',
      () =>
        ctx.progress.group(
          `Concurrency check, ${shardLabel(shard)}: ${share.requests} of ${sizing.requests} requests, ${share.concurrency} of ${sizing.concurrency} in flight`,
          async () => {
            ctx.progress.emit(
              VERIFY_MESSAGES.shardShare,
              `${shardLabel(shard)} of check ${shard.id}: ${share.concurrency} of ${sizing.concurrency} in flight, ${share.requests} of ${sizing.requests} requests per side.`,
            );
            const lambda = ctx.aws.lambdaForLoad(share.concurrency);
            await waitForStart(ctx, shard);
            const load = await runLoadCheck(ctx, { ...share, ...traffic, lambda });
            report.load(load.lmi.result, load.standard?.result);
            report.shards({ id: shard.id, count: shard.count, shard: shard.index });
            const measured = production
              ? await shardBaseline(ctx, { shard, sizing, share, load, traffic, production })
              : undefined;
            ctx.progress.emit(
              VERIFY_MESSAGES.shardNotGated,
              `${shardLabel(shard)} sent its share: no gate applied; mode merge judges the ${shard.count} shards together.`,
            );
            return { load, baseline: measured };
          },
        ),
      ({ load }) => ({
        detail: `${shardLabel(shard)}: p95 ${load.lmi.result.latency.p95} ms on its share, no gates`,
      }),
    );
    const measurement: ShardMeasurement = {
      runId,
      candidate: {
        lmi: { functionName: stack.lmi.functionName, qualifier: stack.lmi.qualifier },
        standard: { functionName: stack.standard.functionName, qualifier: stack.standard.qualifier },
      },
      sizing: { ...sizing },
      share: { ...share },
      lmi: shardSide(load.lmi),
      standard: shardSide(load.standard!),
      ...(baseline ? { baseline } : {}),
    };
    return { shard, stack, provision, sizing, share, load, measurement };
  } catch (e) {
    report.skippedUnlessRecorded(SHARD_STAGES, e);
    throw e;
  }
}

/** A start this far ahead would hold a runner idle for longer than any matrix needs to start. */
const MAX_START_WAIT_MS = 60 * 60_000;

function refuseFarStart(ctx: PipelineContext, shard: LoadShardConfig): void {
  if (shard.startAt === undefined || shard.startAt - ctx.clock.now() <= MAX_START_WAIT_MS) return;
  throw new CutoverError(
    'INVALID_INPUT',
    `load-shard-start-at ${new Date(shard.startAt).toISOString()} is more than an hour ahead: a shard would hold its runner idle until then. ` +
      'Give a start a few minutes after the shards are planned.',
  );
}

/**
 * A shard ready before the check's start waits for it, so every shard's requests are in flight
 * together; one ready after it sends at once, and the merge says how long they overlapped.
 */
async function waitForStart(ctx: PipelineContext, shard: LoadShardConfig): Promise<void> {
  if (shard.startAt === undefined) return;
  const at = new Date(shard.startAt).toISOString();
  const waitMs = shard.startAt - ctx.clock.now();
  if (waitMs <= 0) {
    ctx.progress.emit(
      VERIFY_MESSAGES.shardStartLate,
      `${shardLabel(shard)} is ready ${(-waitMs / 1000).toFixed(1)} s after the check's start (${at}): it sends now.`,
    );
    return;
  }
  ctx.progress.emit(
    VERIFY_MESSAGES.shardStartWait,
    `${shardLabel(shard)} waits ${(waitMs / 1000).toFixed(1)} s for the check's start (${at}), so every shard sends at once.`,
  );
  await ctx.clock.sleep(waitMs, ctx.signal);
}

/**
 * What max-p95-ms auto compares with, as verify finds it (baseline.ts), each shard sending its
 * share of any burst at production. An LMI production gets the light sample from shard 1 only:
 * N shards' light samples together would be N times the load the sample is meant to be.
 */
async function shardBaseline(
  ctx: PipelineContext,
  check: {
    readonly shard: LoadShardConfig;
    readonly sizing: LoadSizing;
    readonly share: LoadSizing;
    readonly load: LoadCheckResult;
    readonly traffic: CheckTraffic;
    readonly production: BaselineTarget;
  },
): Promise<ShardBaseline | undefined> {
  const { shard, load, traffic } = check;
  const candidate = load.lmi.burst.plan.target;
  const twin = load.standard?.burst.plan.target;
  const plan = planBaseline(check.production, { candidate, twin, concurrency: check.sizing.concurrency });
  if (!plan) return undefined;
  const about = { basis: plan.basis, ...(plan.note ? { note: plan.note } : {}) };
  if (plan.from === 'lmi' || plan.from === 'standard') {
    const target = plan.from === 'lmi' ? candidate : twin!;
    return { ...about, target: targetOf(target), from: plan.from };
  }
  const lambda = ctx.aws.lambdaForLoad(check.share.concurrency);
  const measure = (target: typeof candidate, size: LoadSizing, kind: 'baseline' | 'paired') =>
    measureBurst(ctx, lambda, { ...traffic, ...size, kind, target }, target.side);
  if (plan.from === 'burst') {
    announceBaselineBurst(ctx, plan);
    const run = await measure(plan.target, check.share, 'baseline');
    return {
      ...about,
      target: targetOf(plan.target),
      from: 'burst',
      burst: { ...check.share, warm: shardWarm(run.burst.samples) },
    };
  }
  if (shard.index !== 1) {
    ctx.progress.emit(
      VERIFY_MESSAGES.shardBaselineElsewhere,
      `max-p95-ms auto: production serves an LMI version; shard 1 measures it and the candidate at a light load, ${shardLabel(shard)} sends it nothing.`,
    );
    return { ...about, target: targetOf(plan.target), from: 'light' };
  }
  announceBaselineBurst(ctx, plan);
  const run = await measure(plan.target, plan.light, 'baseline');
  const paired = await measure(candidate, plan.light, 'paired');
  return {
    ...about,
    target: targetOf(plan.target),
    from: 'light',
    burst: {
      ...plan.light,
      warm: shardWarm(run.burst.samples),
      candidateWarm: shardWarm(paired.burst.samples).latency,
    },
  };
}

const targetOf = (t: { side: 'lmi' | 'standard'; functionName: string; qualifier: string }) => ({
  side: t.side,
  functionName: t.functionName,
  qualifier: t.qualifier,
});
