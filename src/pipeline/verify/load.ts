// The concurrency check: the same burst of signed webhooks at the LMI version and at the
// standard twin, side by side, then the isolation check against the events table. Sizing:
// `concurrency` requests in flight (default: 3 environments × PerExecutionEnvironmentMaxConcurrency,
// what a freshly published LMI version runs at its minimum), `load-requests` in total (default
// 10 × concurrency).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { LoadResult } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { logFirstErrors, type Burst } from './load/burst.js';
import { checkIsolation, type IsolationResult } from './load/isolation.js';
import { describeFigures, summarizeBurst } from './load/summary.js';
import { fireWebhookBurst, type WebhookBurst, type WebhookBurstPlan } from './load/webhook-burst.js';
import { VERIFY_MESSAGES } from './messages.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { readStoredCheckEvents } from '../webhook/events-table.js';
import { targetLabel, type InvokeTarget } from '../webhook/invoke.js';
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

/** One side's burst and its figures, whatever the requests were. */
export interface BurstRun {
  readonly burst: Burst;
  readonly result: LoadResult;
  readonly meanFunctionDurationMs?: number;
}

export interface LoadRun extends BurstRun {
  readonly isolation: IsolationResult;
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
  options: Omit<LoadCheckOptions, 'lambda' | 'twin'> & {
    kind?: WebhookBurstPlan['kind'];
    level?: number;
    /** The version to send to when it is not the side's candidate (production's, for max-p95-ms auto). */
    target?: InvokeTarget;
  },
  side: 'lmi' | 'standard',
): Promise<LoadRun> {
  const target = options.target ?? (side === 'lmi' ? options.stack.lmi : options.stack.standard);
  const plan: WebhookBurstPlan = {
    target,
    stage: stageContextFor(options.stack, side, options.region, options.target),
    concurrency: options.concurrency,
    requests: options.requests,
    kind: options.kind ?? 'load',
    level: options.level,
    runId: options.runId,
    secrets: options.secrets,
  };
  ctx.progress.emit(
    VERIFY_MESSAGES.burstStarted,
    `${targetLabel(target)}: ${plan.requests} signed webhooks, ${plan.concurrency} in flight (${burstLabel(plan.kind, side)})`,
  );
  const burst = await fireWebhookBurst(ctx, { lambda, now: options.now }, plan);
  const stored = await readBurstEvents(ctx, options.stack.eventsTableName, burst);
  const isolation = checkIsolation(burst.samples, stored);
  const figures = summarizeBurst(burst, { environmentsReported: true, isolation });
  const r = figures.result;
  ctx.progress.emit(
    VERIFY_MESSAGES.burstFigures,
    `${targetLabel(target)}: ${describeFigures(r)}; isolation ${isolation.passed ? 'passed' : 'FAILED'}`,
  );
  logFirstErrors(ctx, burst.samples);
  return { burst, result: r, isolation, meanFunctionDurationMs: figures.meanFunctionDurationMs };
}

function burstLabel(kind: WebhookBurstPlan['kind'], side: 'lmi' | 'standard'): string {
  if (kind === 'baseline') return 'production, for max-p95-ms auto';
  if (kind === 'paired') return 'LMI version at the same light load, for max-p95-ms auto';
  return side === 'lmi' ? 'LMI version' : 'standard twin';
}

async function readBurstEvents(ctx: PipelineContext, tableName: string, burst: WebhookBurst) {
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

/** ISOLATION_FAILED with the figures and the first examples. */
export function assertIsolation(run: Pick<LoadRun, 'isolation'>): void {
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
