// One burst: `requests` signed check webhooks at one target, `concurrency` in flight at once
// (p-limit), each timed on its own. The Lambda client must have at least `concurrency` sockets
// and no retries (AwsClients.lambdaForLoad), or the burst measures a client-side queue and
// hides throttles.
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import type { PipelineContext } from '../../context.js';
import { CutoverError } from '../../../core/errors.js';
import { throwIfAccessDenied } from '../../../core/access.js';
import { answerIds, type WebhookOutcome } from '../../webhook/answer.js';
import { invokeWebhook, targetLabel, type InvokeTarget } from '../../webhook/invoke.js';
import type { StageContext } from '../../webhook/proxy-event.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { checkWebhook, runDeliveryPrefix, type CheckKind, type CheckMark } from '../../webhook/request.js';

export interface BurstPlan {
  readonly target: InvokeTarget;
  readonly stage: StageContext;
  readonly concurrency: number;
  readonly requests: number;
  readonly kind: Extract<CheckKind, 'load' | 'sweep'>;
  /** The sweep level, for sweep bursts. */
  readonly level?: number;
  readonly runId: string;
  readonly secret: string;
}

export interface BurstDeps {
  readonly lambda: LambdaClient;
  /** Monotonic milliseconds; performance.now() by default. */
  readonly now?: () => number;
  /** Ask for the log tail (cold starts, the function's own duration). Default true. */
  readonly logTail?: boolean;
}

/** One request of a burst, as measured. */
export interface Sample {
  readonly seq: number;
  readonly deliveryId: string;
  /** Monotonic ms, relative to the burst's start. */
  readonly startMs: number;
  readonly endMs: number;
  readonly latencyMs: number;
  readonly outcome: WebhookOutcome['kind'];
  readonly statusCode?: number;
  /** `status` of the workload's answer: `stored` or `duplicate`. */
  readonly status?: string;
  readonly functionError?: string;
  /** A failure without an answer, or the body of an unexpected status. */
  readonly error?: string;
  readonly environmentId?: string;
  readonly computeType?: string;
  /** The request id the handler put in its answer. */
  readonly requestId?: string;
  /** Lambda's id for the invocation (x-amzn-RequestId): the handler's context.awsRequestId. */
  readonly invocationId?: string;
  readonly eventId?: string;
  readonly coldStart: boolean;
  /** The function's own duration from the REPORT line, when the log tail had one. */
  readonly durationMs?: number;
}

export interface Burst {
  readonly plan: BurstPlan;
  readonly samples: readonly Sample[];
  readonly wallMs: number;
  /** Epoch ms (ctx.clock) around the burst: the window its events were stored in. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Prefix of every delivery id this burst sent. */
  readonly deliveryPrefix: string;
}

/** A sample counts as accepted when the workload stored it: 201 `stored`. */
export const isAccepted = (s: Sample): boolean => s.statusCode === 201 && s.status === 'stored';
export const isThrottle = (s: Sample): boolean => s.outcome === 'throttled';
/** Anything but a stored event or a throttle: function errors, no answer, any other status. */
export const isError = (s: Sample): boolean => !isAccepted(s) && !isThrottle(s);

export async function fireBurst(ctx: PipelineContext, deps: BurstDeps, plan: BurstPlan): Promise<Burst> {
  const now = deps.now ?? (() => performance.now());
  const limit = pLimit(Math.max(1, plan.concurrency));
  const level = plan.level === undefined ? '' : `${plan.level}.`;
  const deliveryPrefix = `${runDeliveryPrefix(plan.runId)}${plan.kind}.${level}${plan.target.side}.`;
  // Every request in flight listens on the run's signal; Node warns of a leak past 10.
  if (ctx.signal) setMaxListeners(Math.max(getMaxListeners(ctx.signal), plan.concurrency + 10), ctx.signal);
  const startedAt = ctx.clock.now();
  const t0 = now();
  const tally = progressTally(ctx, plan);
  const one = async (seq: number): Promise<Sample> => {
    const sample = await sendOne(ctx, { ...deps, now }, plan, seq, t0);
    tally(sample);
    return sample;
  };

  let samples: Sample[];
  try {
    samples = await Promise.all(Array.from({ length: plan.requests }, (_, i) => limit(() => one(i + 1))));
  } catch (e) {
    limit.clearQueue();
    throw e;
  }
  return {
    plan,
    samples,
    wallMs: now() - t0,
    startedAt,
    endedAt: ctx.clock.now(),
    deliveryPrefix,
  };
}

/** One signed check webhook of the burst, sent and measured; `t0` is the burst's start. */
async function sendOne(
  ctx: PipelineContext,
  deps: BurstDeps & { readonly now: () => number },
  plan: BurstPlan,
  seq: number,
  t0: number,
): Promise<Sample> {
  if (ctx.signal?.aborted)
    throw new CutoverError('CANCELLED', 'The run was cancelled during the concurrency check.');
  const mark: CheckMark = {
    run: plan.runId,
    kind: plan.kind,
    target: plan.target.side,
    seq,
    level: plan.level,
  };
  // Signed when sent, not when queued: a long burst must not outlive the 300 s tolerance.
  const request = checkWebhook(plan.secret, mark, Math.floor(ctx.clock.now() / 1000));
  const startMs = deps.now() - t0;
  let outcome: WebhookOutcome;
  try {
    outcome = await invokeWebhook(deps.lambda, plan.target, request, {
      stage: plan.stage,
      logTail: deps.logTail ?? true,
      now: deps.now,
      epochNow: () => ctx.clock.now(),
      signal: ctx.signal,
    });
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:InvokeFunction', targetLabel(plan.target));
    throw e;
  }
  return toSample(seq, request.deliveryId!, startMs, startMs + outcome.latencyMs, outcome);
}

/** Counts the answers and says how far the burst got at a quarter, a half and three quarters. */
function progressTally(ctx: PipelineContext, plan: BurstPlan): (sample: Sample) => void {
  const label = targetLabel(plan.target);
  const marks = new Set([0.25, 0.5, 0.75].map((f) => Math.ceil(plan.requests * f)));
  let done = 0;
  let errors = 0;
  let throttles = 0;
  return (sample) => {
    done++;
    if (isThrottle(sample)) throttles++;
    else if (isError(sample)) errors++;
    if (marks.has(done)) {
      ctx.progress.emit(
        VERIFY_MESSAGES.burstProgress,
        `${label}: ${done}/${plan.requests} requests, ${errors} errors, ${throttles} throttles`,
      );
    }
  };
}

function toSample(
  seq: number,
  deliveryId: string,
  startMs: number,
  endMs: number,
  o: WebhookOutcome,
): Sample {
  const base = { seq, deliveryId, startMs, endMs, latencyMs: o.latencyMs, outcome: o.kind };
  switch (o.kind) {
    case 'answered': {
      const ids = answerIds(o.answer);
      return {
        ...base,
        statusCode: o.answer.statusCode,
        status: ids.status,
        error:
          o.answer.statusCode === 201
            ? undefined
            : `${o.answer.statusCode} ${o.answer.rawBody.slice(0, 200)}`,
        environmentId: ids.environmentId,
        computeType: ids.computeType,
        requestId: ids.requestId,
        invocationId: o.invocation?.invocationId,
        eventId: ids.eventId,
        coldStart: o.invocation?.initDurationMs !== undefined,
        durationMs: o.invocation?.durationMs,
      };
    }
    case 'function-error':
      return {
        ...base,
        functionError: o.errorType,
        error: `${o.errorType}: ${o.errorMessage}`,
        invocationId: o.invocation?.invocationId,
        coldStart: o.invocation?.initDurationMs !== undefined,
        durationMs: o.invocation?.durationMs,
      };
    case 'throttled':
      return { ...base, error: o.message, coldStart: false };
    case 'failed':
      return { ...base, error: o.message, coldStart: false };
  }
}
