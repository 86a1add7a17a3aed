// The tuning sweep: the concurrency check repeated at several per-environment levels
// (`concurrency-sweep: 8,16,32,64`), so PerExecutionEnvironmentMaxConcurrency can be chosen
// from data. Each level L sends L × 3 requests in flight (the 3 environments a new LMI version
// starts with, so every environment carries about L) and the same number of requests per
// request in flight as the main check. What a level sends is the caller's `measure`: the
// workload's signed webhooks, or a checks file's load request.
//
// The knee. Levels are read in ascending order. A level *bends* when
//   - its p95 is more than 20 % above the p95 of the lowest level, or
//   - its throughput grew by 10 % or less over the previous level's, or
//   - it had errors or throttles.
// The knee is the last level before the first one that bends: the most concurrency per
// environment that still adds throughput without a latency penalty. No level bends: no knee
// (throughput was still growing at the highest level; sweep higher). The lowest level itself
// has errors or throttles: no knee either (it lies below the levels swept).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SweepPoint } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { ENVIRONMENTS_AT_START, measureBurst, type BurstRun, type LoadSizing } from './load.js';
import { VERIFY_MESSAGES } from './messages.js';
import type { CheckTraffic } from './check-traffic.js';

const KNEE_P95_GROWTH = 0.2;
const KNEE_MIN_THROUGHPUT_GROWTH = 0.1;

/** One level's burst at the LMI version, sent through the sweep's client. */
export type MeasureLevel = (
  lambda: LambdaClient,
  sizing: LoadSizing & { readonly level: number },
) => Promise<BurstRun>;

export interface SweepOptions {
  readonly levels: readonly number[];
  /** Requests per request in flight, as in the main check (load-requests / concurrency). */
  readonly requestsPerConcurrency: number;
  /** What one level sends: the workload's webhooks (webhookLevel) or a checks file's load request. */
  readonly measure: MeasureLevel;
  /** A client with sockets for the highest level; defaults to ctx.aws.lambdaForLoad. */
  readonly lambda?: LambdaClient;
}

/** The bundled workload's level: signed webhooks marked `sweep`, read back as the main check's are. */
export function webhookLevel(ctx: PipelineContext, traffic: CheckTraffic): MeasureLevel {
  return (lambda, sizing) => measureBurst(ctx, lambda, { ...traffic, ...sizing, kind: 'sweep' }, 'lmi');
}

export async function runSweep(ctx: PipelineContext, options: SweepOptions): Promise<SweepPoint[]> {
  const levels = [...new Set(options.levels)].sort((a, b) => a - b);
  const highest = (levels[levels.length - 1] ?? 1) * ENVIRONMENTS_AT_START;
  const lambda = options.lambda ?? ctx.aws.lambdaForLoad(highest);
  const points: Omit<SweepPoint, 'knee'>[] = [];
  for (const level of levels) {
    const concurrency = level * ENVIRONMENTS_AT_START;
    const requests = Math.max(concurrency, Math.round(concurrency * options.requestsPerConcurrency));
    ctx.progress.emit(
      VERIFY_MESSAGES.sweepLevel,
      `Sweep level ${level} per environment: ${concurrency} in flight, ${requests} requests`,
    );
    const run = await options.measure(lambda, { concurrency, requests, level });
    points.push({
      concurrencyPerEnvironment: level,
      latency: run.result.latency,
      throughputRps: run.result.throughputRps,
      errorRate: run.result.errorRate,
      throttles: run.result.throttles,
    });
  }
  const marked = markKnee(points);
  const knee = marked.find((p) => p.knee);
  if (knee) {
    ctx.progress.emit(
      VERIFY_MESSAGES.sweepKnee,
      `Sweep knee: ${knee.concurrencyPerEnvironment} per environment (p95 ${knee.latency.p95} ms, ${knee.throughputRps} req/s).`,
    );
  } else {
    ctx.progress.emit(
      VERIFY_MESSAGES.sweepNoKnee,
      'Sweep: no knee in the levels swept (see the report for why).',
    );
  }
  return marked;
}

/** Marks the knee as defined above; points in any order, returned ascending. */
export function markKnee(points: readonly Omit<SweepPoint, 'knee'>[]): SweepPoint[] {
  const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
  const out: SweepPoint[] = sorted.map((p) => ({ ...p, knee: false }));
  const base = sorted[0];
  if (!base || hasFailures(base)) return out;
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i]!;
    const prev = sorted[i - 1]!;
    const slower = p.latency.p95 > base.latency.p95 * (1 + KNEE_P95_GROWTH);
    const flat = p.throughputRps <= prev.throughputRps * (1 + KNEE_MIN_THROUGHPUT_GROWTH);
    if (slower || flat || hasFailures(p)) {
      out[i - 1]!.knee = true;
      return out;
    }
  }
  return out;
}

const hasFailures = (p: Omit<SweepPoint, 'knee'>) => p.errorRate > 0 || p.throttles > 0;
