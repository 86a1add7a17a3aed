// The bundled workload's burst: signed check webhooks, each marked with the run, the burst and
// its sequence number, so the events table can be read back by the burst's delivery prefix.
// Sent from load workers (direct-burst.ts) or, with the SDK client, from the main thread.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { PipelineContext } from '../../context.js';
import { invokeWebhook } from '../../webhook/invoke.js';
import type { StageContext } from '../../webhook/proxy-event.js';
import { checkWebhook, runDeliveryPrefix, type CheckKind, type CheckMark } from '../../webhook/request.js';
import { fireBurst, type Burst, type BurstPlan, type SendRequest } from './burst.js';
import { fireDirectBurst } from './direct-burst.js';
import { webhookSample } from './webhook-sample.js';
import { rawSecrets, type SigningSecrets } from '../../webhook/signature.js';
import type { BurstRequests } from './worker-protocol.js';

export interface WebhookBurstPlan extends BurstPlan {
  readonly stage: StageContext;
  readonly kind: Extract<CheckKind, 'load' | 'sweep' | 'baseline' | 'paired'>;
  /** The sweep level, for sweep bursts. */
  readonly level?: number;
  readonly runId: string;
  readonly secrets: SigningSecrets;
}

export interface BurstDeps {
  readonly lambda: LambdaClient;
  /** Monotonic milliseconds; performance.now() by default. */
  readonly now?: () => number;
  /** Ask for the log tail (cold starts, the function's own duration). Default true. */
  readonly logTail?: boolean;
}

export interface WebhookBurst extends Burst {
  /** Prefix of every delivery id this burst sent. */
  readonly deliveryPrefix: string;
}

/**
 * From load workers through the direct invoker when `deps.lambda` is a load client of the run
 * (AwsClients.loadWorkersFor); in the main thread through the SDK client otherwise, and when the
 * caller brings its own clock (`now`), which only the main thread can read.
 */
export async function fireWebhookBurst(
  ctx: PipelineContext,
  deps: BurstDeps,
  plan: WebhookBurstPlan,
): Promise<WebhookBurst> {
  const level = plan.level === undefined ? '' : `${plan.level}.`;
  const deliveryPrefix = `${runDeliveryPrefix(plan.runId)}${plan.kind}.${level}${plan.target.side}.`;
  const workers = deps.now === undefined ? ctx.aws.loadWorkersFor(deps.lambda) : undefined;
  if (workers !== undefined) {
    const send: BurstRequests = {
      kind: 'webhook',
      stage: plan.stage,
      mark: { run: plan.runId, kind: plan.kind, target: plan.target.side, level: plan.level },
      secrets: rawSecrets(plan.secrets),
    };
    const burst = await fireDirectBurst(ctx, deps.lambda, plan, send, {
      workers,
      logTail: deps.logTail ?? true,
    });
    return { ...burst, deliveryPrefix };
  }
  const now = deps.now ?? (() => performance.now());
  const burst = await fireBurst(ctx, plan, sendWebhook(ctx, { ...deps, now }, plan), now);
  return { ...burst, deliveryPrefix };
}

function sendWebhook(
  ctx: PipelineContext,
  deps: BurstDeps & { readonly now: () => number },
  plan: WebhookBurstPlan,
): SendRequest {
  return async (seq) => {
    const mark: CheckMark = {
      run: plan.runId,
      kind: plan.kind,
      target: plan.target.side,
      seq,
      level: plan.level,
    };
    // Signed when sent, not when queued: a long burst must not outlive the 300 s tolerance.
    const request = checkWebhook(plan.secrets, mark, Math.floor(ctx.clock.now() / 1000));
    const outcome = await invokeWebhook(deps.lambda, plan.target, request, {
      stage: plan.stage,
      logTail: deps.logTail ?? true,
      now: deps.now,
      epochNow: () => ctx.clock.now(),
      signal: ctx.signal,
    });
    return webhookSample(request.deliveryId!, outcome);
  };
}
