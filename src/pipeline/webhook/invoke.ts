// Lambda Invoke of one published version or alias with the proxy event the stage would send,
// read back as API Gateway would read it. Throttles, function errors and calls that got no
// answer are outcomes to count, not exceptions; only a denial, which every call would hit and
// which names a permission to grant, is thrown.
import type { InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { invokeFunction } from '../../aws/lambda.js';
import { errorMessage, errorName, isAccessDeniedError, isThrottlingError } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import { parseJsonObject, parseProxyResult, parseReportLine, type WebhookOutcome } from './answer.js';
import { toProxyEvent, type StageContext } from './proxy-event.js';
import type { Side, WebhookRequest } from './request.js';

export interface InvokeTarget {
  readonly side: Side;
  /** The function's name (unqualified). */
  readonly functionName: string;
  /** A version number or an alias; never `$LATEST` (an LMI function's cannot be invoked). */
  readonly qualifier: string;
}

export const targetLabel = (t: InvokeTarget): string => `${t.functionName}:${t.qualifier}`;

export interface InvokeOptions {
  /** The API and stage the event claims to come from. */
  readonly stage: StageContext;
  /** Ask Lambda for the log tail, whose REPORT line tells cold starts and the function's duration. */
  readonly logTail?: boolean;
  /** Monotonic milliseconds for latency; performance.now() by default. */
  readonly now?: () => number;
  /** Epoch milliseconds for the event's request time; Date.now() by default. */
  readonly epochNow?: () => number;
  readonly signal?: AbortSignal;
}

export async function invokeWebhook(
  lambda: LambdaClient,
  target: InvokeTarget,
  request: WebhookRequest,
  options: InvokeOptions,
): Promise<WebhookOutcome> {
  const event = toProxyEvent(request, options.stage, { nowMs: (options.epochNow ?? Date.now)() });
  return invokeProxyEvent(lambda, target, event, options);
}

/** Invokes a target with a proxy event built elsewhere (the user's checks build their own). */
export async function invokeProxyEvent(
  lambda: LambdaClient,
  target: InvokeTarget,
  event: object,
  options: Omit<InvokeOptions, 'stage' | 'epochNow'>,
): Promise<WebhookOutcome> {
  if (!target.qualifier || target.qualifier === '$LATEST') {
    throw new CutoverError(
      'INTERNAL_ERROR',
      `Refusing to invoke ${target.functionName} without a published version or alias: $LATEST of an LMI function cannot be invoked.`,
    );
  }
  const now = options.now ?? (() => performance.now());
  const started = now();
  try {
    const res = await invokeFunction(lambda, {
      functionName: target.functionName,
      qualifier: target.qualifier,
      payload: Buffer.from(JSON.stringify(event)),
      logTail: options.logTail ?? false,
      signal: options.signal,
    });
    return readInvokeOutput(res, now() - started);
  } catch (e) {
    return failedInvoke(e, now() - started);
  }
}

/** The answer as API Gateway would read it, with what Lambda said about the invocation. */
function readInvokeOutput(res: InvokeCommandOutput, latencyMs: number): WebhookOutcome {
  const report = res.LogResult ? parseReportLine(Buffer.from(res.LogResult, 'base64').toString('utf8')) : {};
  const invocation = {
    invocationId: res.$metadata.requestId,
    executedVersion: res.ExecutedVersion,
    ...report,
  };
  const payload = res.Payload ? Buffer.from(res.Payload).toString('utf8') : '';
  if (res.FunctionError) {
    const error = parseJsonObject(payload);
    return {
      kind: 'function-error',
      errorType: typeof error?.errorType === 'string' ? error.errorType : res.FunctionError,
      errorMessage: typeof error?.errorMessage === 'string' ? error.errorMessage : payload.slice(0, 300),
      latencyMs,
      invocation,
    };
  }
  const answer = parseProxyResult(payload);
  if (!answer) {
    return {
      kind: 'failed',
      code: 'MalformedProxyResponse',
      message: `malformed Lambda proxy response (API Gateway would answer 502): ${payload.slice(0, 200)}`,
      latencyMs,
    };
  }
  return { kind: 'answered', answer, latencyMs, invocation };
}

/** A throttle or a call without an answer, as an outcome; a denial is thrown on. */
function failedInvoke(e: unknown, latencyMs: number): WebhookOutcome {
  if (isAccessDeniedError(e)) throw e;
  if (isThrottlingError(e)) {
    const reason = (e as { Reason?: string }).Reason;
    return {
      kind: 'throttled',
      message: `${errorName(e)}${reason ? ` (${reason})` : ''}: ${errorMessage(e)}`,
      latencyMs,
    };
  }
  return { kind: 'failed', code: errorName(e) || undefined, message: errorMessage(e), latencyMs };
}
