// One Lambda invocation read back as API Gateway would read it, whoever sent it: the SDK client
// (invoke.ts) or the load generator's direct invoker (aws/lambda-invoke.ts). Throttles,
// function errors and calls that got no answer are outcomes to count, not exceptions; only a
// denial, which every call would hit and which names a permission to grant, is thrown. Free
// of the SDK, so load workers can load it on their own.
import type { InvokeCall, InvokeOutput } from '../../aws/lambda-invoke.js';
import { errorMessage, errorName, isAccessDeniedError, isThrottlingError } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import { parseJsonObject, parseProxyResult, parseReportLine, type WebhookOutcome } from './answer.js';
import type { Side } from './request.js';

export interface InvokeTarget {
  readonly side: Side;
  /** The function's name (unqualified). */
  readonly functionName: string;
  /** A version number or an alias; never `$LATEST` (an LMI function's cannot be invoked). */
  readonly qualifier: string;
}

export const targetLabel = (t: InvokeTarget): string => `${t.functionName}:${t.qualifier}`;

/** Sends one Invoke: the SDK client's, or the load generator's direct one (aws/lambda-invoke.ts). */
export type Invoke = (call: InvokeCall) => Promise<InvokeOutput>;

export interface InvokeTiming {
  /** Ask Lambda for the log tail, whose REPORT line tells cold starts and the function's duration. */
  readonly logTail?: boolean;
  /** Monotonic milliseconds for latency; performance.now() by default. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** One invocation of a target with a payload already serialised, read as API Gateway would. */
export async function invokeWith(
  invoke: Invoke,
  target: InvokeTarget,
  payload: Buffer,
  options: InvokeTiming,
): Promise<WebhookOutcome> {
  if (!target.qualifier || target.qualifier === '$LATEST') {
    throw new CutoverError(
      'INTERNAL_ERROR',
      `Refusing to invoke ${target.functionName} without a published version or alias: $LATEST of an LMI function cannot be invoked.`,
    );
  }
  const now = options.now ?? (() => performance.now());
  const started = now();
  let output: InvokeOutput;
  try {
    output = await invoke({
      functionName: target.functionName,
      qualifier: target.qualifier,
      payload,
      logTail: options.logTail ?? false,
      signal: options.signal,
    });
  } catch (e) {
    return failedInvoke(e, now() - started);
  }
  return readInvokeOutput(output, now() - started);
}

/** The answer as API Gateway would read it, with what Lambda said about the invocation. */
function readInvokeOutput(res: InvokeOutput, latencyMs: number): WebhookOutcome {
  const report = res.logResult ? parseReportLine(Buffer.from(res.logResult, 'base64').toString('utf8')) : {};
  const invocation = {
    invocationId: res.requestId,
    executedVersion: res.executedVersion,
    ...report,
  };
  const { payload } = res;
  if (res.functionError) {
    const error = parseJsonObject(payload);
    return {
      kind: 'function-error',
      errorType: typeof error?.errorType === 'string' ? error.errorType : res.functionError,
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
