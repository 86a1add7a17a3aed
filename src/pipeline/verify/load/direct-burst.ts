// The concurrency check's burst sent the lean way: load workers (worker.ts) sign and send the
// requests (the webhook's check deliveries, or a checks file's load request) through the direct
// invoker, each timing its own, with the endpoint, region and
// credentials the SDK client resolves. Samples, progress and figures are the main-thread
// burst's (burst.ts); latencies also come back as histograms merged exactly, and the burst
// says how hard the generator worked (generator-load.ts).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { LoadWorkers } from '../../../aws/clients.js';
import { LoadCredentials, resolveInvokeEndpoint } from '../../../aws/invoke-endpoint.js';
import { CutoverError } from '../../../core/errors.js';
import { throwIfAccessDenied } from '../../../core/access.js';
import type { PipelineContext } from '../../context.js';
import { targetLabel } from '../../webhook/invoke-outcome.js';
import { progressTally, type Burst, type BurstPlan } from './burst.js';
import { startLoadMeter } from './generator-load.js';
import { mergeLatencies } from '../../../core/latency-histogram.js';
import type { Sample } from './sample.js';
import { LoadWorkerPool } from './worker-pool.js';
import type { BurstRequests } from './worker-protocol.js';

/** Credentials are checked this often during a burst, and refreshed before they expire. */
const CREDENTIALS_CHECK_MS = 30_000;

const pools = new WeakMap<object, LoadWorkerPool>();
const credentialsOf = new WeakMap<LambdaClient, LoadCredentials>();

export async function fireDirectBurst(
  ctx: PipelineContext,
  lambda: LambdaClient,
  plan: BurstPlan,
  send: BurstRequests,
  options: { readonly workers: LoadWorkers; readonly logTail: boolean },
): Promise<Burst> {
  const { target } = plan;
  if (!target.qualifier || target.qualifier === '$LATEST') {
    throw new CutoverError(
      'INTERNAL_ERROR',
      `Refusing to invoke ${target.functionName} without a published version or alias: $LATEST of an LMI function cannot be invoked.`,
    );
  }
  if (ctx.signal?.aborted)
    throw new CutoverError('CANCELLED', 'The run was cancelled during the concurrency check.');
  const pool = poolFor(ctx, options.workers.max);
  let credentials = credentialsOf.get(lambda);
  if (!credentials) credentialsOf.set(lambda, (credentials = new LoadCredentials(lambda)));
  const { endpoint, region } = await resolveInvokeEndpoint(lambda, target.functionName);
  const current = await credentials.current();

  const samples: Sample[] = new Array<Sample>(plan.requests);
  const tally = progressTally(ctx, plan);
  const refresh = setInterval(() => {
    if (credentials.expiresWithin(CREDENTIALS_CHECK_MS))
      void credentials.current().then(
        (c) => pool.updateCredentials(c),
        () => undefined,
      );
  }, CREDENTIALS_CHECK_MS);
  const startedAt = ctx.clock.now();
  const meter = startLoadMeter();
  const t0 = performance.timeOrigin + performance.now();
  try {
    const result = await pool.fire(
      {
        endpoint,
        region,
        target,
        send,
        logTail: options.logTail,
        concurrency: plan.concurrency,
        inFlightPerWorker: options.workers.inFlightPerWorker,
        requests: plan.requests,
        t0,
        clockOffsetMs: ctx.clock.now() - Date.now(),
      },
      current,
      (batch) => {
        for (const s of batch) {
          samples[s.seq - 1] = s;
          tally(s);
        }
      },
      ctx.signal,
    );
    const wallMs = performance.timeOrigin + performance.now() - t0;
    return {
      plan,
      samples,
      wallMs,
      startedAt,
      endedAt: ctx.clock.now(),
      latency: mergeLatencies(result.latencies),
      generator: meter.stop(plan.requests, result.eventLoopBusy, result.workerCpuMs, result.eventLoopDelayMs),
    };
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:InvokeFunction', targetLabel(target));
    throw e;
  } finally {
    clearInterval(refresh);
  }
}

/** The run's workers: one pool per set of clients, ended with them. */
function poolFor(ctx: PipelineContext, workers: number): LoadWorkerPool {
  let pool = pools.get(ctx.aws);
  if (!pool) pools.set(ctx.aws, (pool = ctx.aws.keep(new LoadWorkerPool(workers))));
  return pool;
}
