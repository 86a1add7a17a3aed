// The concurrency check: the same burst of signed webhooks at the LMI version and at the
// standard twin, side by side, then the isolation check against the events table. Sizing:
// `concurrency` requests in flight (default: 3 environments × PerExecutionEnvironmentMaxConcurrency,
// what a freshly published LMI version runs at its minimum), `load-requests` in total (default
// 10 × concurrency).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { LoadResult } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { fireBurst, type Burst, type BurstPlan, type Sample } from './load/burst.js';
import { checkIsolation, type IsolationResult } from './load/isolation.js';
import { summarizeBurst } from './load/summary.js';
import { VERIFY_MESSAGES } from './messages.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { readStoredCheckEvents } from '../webhook/events-table.js';
import { targetLabel } from '../webhook/invoke.js';
import { stageContextFor } from '../webhook/workload-stack.js';
import type { CheckTraffic } from './check-traffic.js';

/** Execution environments a newly published LMI version starts with (Lambda's minimum). */
export const ENVIRONMENTS_AT_START = 3;
const DEFAULT_REQUESTS_PER_CONCURRENCY = 10;

export interface LoadSizing {
  readonly concurrency: number;
  readonly requests: number;
}

/** The configured sizes, or the defaults derived from the function's per-environment concurrency. */
export function loadSizing(
  config: { concurrency?: number; loadRequests?: number },
  perEnvironmentMaxConcurrency: number,
): LoadSizing {
  const concurrency = config.concurrency ?? ENVIRONMENTS_AT_START * perEnvironmentMaxConcurrency;
  return { concurrency, requests: config.loadRequests ?? DEFAULT_REQUESTS_PER_CONCURRENCY * concurrency };
}

export interface LoadRun {
  readonly burst: Burst;
  readonly result: LoadResult;
  readonly isolation: IsolationResult;
  readonly meanFunctionDurationMs?: number;
}

export interface LoadCheckOptions extends LoadSizing, CheckTraffic {
  /** Run the same burst at the standard twin (default true). */
  readonly twin?: boolean;
  /** Defaults to ctx.aws.lambdaForLoad(concurrency). */
  readonly lambda?: LambdaClient;
}

export interface LoadCheckResult {
  readonly lmi: LoadRun;
  readonly standard?: LoadRun;
}

export async function runLoadCheck(
  ctx: PipelineContext,
  options: LoadCheckOptions,
): Promise<LoadCheckResult> {
  const lambda = options.lambda ?? ctx.aws.lambdaForLoad(options.concurrency);
  const lmi = await measureBurst(ctx, lambda, options, 'lmi');
  const standard = options.twin === false ? undefined : await measureBurst(ctx, lambda, options, 'standard');
  if (standard && !standard.isolation.passed) {
    ctx.progress.emit(
      VERIFY_MESSAGES.twinIsolationFailed,
      `The standard twin failed the isolation check too (${standard.isolation.problems[0] ?? 'see the report'}): the workload itself mixes up requests.`,
    );
  }
  return { lmi, standard };
}

/** One burst at one side, its stored events read back, and its figures. */
export async function measureBurst(
  ctx: PipelineContext,
  lambda: LambdaClient,
  options: Omit<LoadCheckOptions, 'lambda' | 'twin'> & { kind?: BurstPlan['kind']; level?: number },
  side: 'lmi' | 'standard',
): Promise<LoadRun> {
  const target = side === 'lmi' ? options.stack.lmi : options.stack.standard;
  const plan: BurstPlan = {
    target,
    stage: stageContextFor(options.stack, side, options.region),
    concurrency: options.concurrency,
    requests: options.requests,
    kind: options.kind ?? 'load',
    level: options.level,
    runId: options.runId,
    secret: options.secret,
  };
  ctx.progress.emit(
    VERIFY_MESSAGES.burstStarted,
    `${targetLabel(target)}: ${plan.requests} signed webhooks, ${plan.concurrency} in flight (${side === 'lmi' ? 'LMI version' : 'standard twin'})`,
  );
  const burst = await fireBurst(ctx, { lambda, now: options.now }, plan);
  const stored = await readBurstEvents(ctx, options.stack.eventsTableName, burst);
  const isolation = checkIsolation(burst.samples, stored);
  const figures = summarizeBurst(burst, isolation);
  const r = figures.result;
  ctx.progress.emit(
    VERIFY_MESSAGES.burstFigures,
    `${targetLabel(target)}: p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, p99 ${r.latency.p99} ms, ` +
      `${r.throughputRps} req/s, ${r.errors} errors, ${r.throttles} throttles, ${r.environments} environments ` +
      `in ${(r.wallMs / 1000).toFixed(1)} s; isolation ${isolation.passed ? 'passed' : 'FAILED'}`,
  );
  logFirstErrors(ctx, burst.samples);
  return { burst, result: r, isolation, meanFunctionDurationMs: figures.meanFunctionDurationMs };
}

async function readBurstEvents(ctx: PipelineContext, tableName: string, burst: Burst) {
  try {
    return await readStoredCheckEvents(ctx.aws.dynamoDb, {
      tableName,
      deliveryPrefix: burst.deliveryPrefix,
      fromMs: burst.startedAt,
      toMs: burst.endedAt,
    });
  } catch (e) {
    throwIfAccessDenied(e, 'dynamodb:Query', tableName);
    throw e;
  }
}

/** The first few distinct errors, so a failed gate comes with its cause in the log. */
function logFirstErrors(ctx: PipelineContext, samples: readonly Sample[]) {
  const seen = new Set<string>();
  for (const s of samples) {
    if (!s.error || seen.has(s.error) || seen.size >= 3) continue;
    seen.add(s.error);
    ctx.progress.emit(VERIFY_MESSAGES.burstErrorExample, `  e.g. ${s.deliveryId}: ${s.error}`);
  }
}

/** ISOLATION_FAILED with the figures and the first examples. */
export function assertIsolation(run: LoadRun): void {
  const i = run.isolation;
  if (i.passed) return;
  throw new CutoverError(
    'ISOLATION_FAILED',
    `The LMI version mixed up concurrent requests: ${i.mismatchedIds} answer(s) or event(s) carried another request's ids, ` +
      `${i.stored} of ${i.expectedStored} accepted deliveries were stored, ${i.duplicates} duplicate event(s). ` +
      'On LMI one environment serves many requests at once: keep per-request state in arguments or AsyncLocalStorage, never in module scope.',
    [...i.problems],
  );
}
