// Lambda Invoke of one published version or alias through the SDK client, with the proxy event
// the stage would send, read back as API Gateway would read it (invoke-outcome.ts).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { invokeFunction } from '../../aws/lambda.js';
import type { WebhookOutcome } from './answer.js';
import { invokeWith, type Invoke, type InvokeTarget, type InvokeTiming } from './invoke-outcome.js';
import { toProxyEvent, type StageContext } from './proxy-event.js';
import type { WebhookRequest } from './request.js';

export { targetLabel, type InvokeTarget } from './invoke-outcome.js';

export interface InvokeOptions extends InvokeTiming {
  /** The API and stage the event claims to come from. */
  readonly stage: StageContext;
  /** Epoch milliseconds for the event's request time; Date.now() by default. */
  readonly epochNow?: () => number;
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
  options: InvokeTiming,
): Promise<WebhookOutcome> {
  return invokeWith(sdkInvoke(lambda), target, Buffer.from(JSON.stringify(event)), options);
}

/** Invoke through an SDK client: the same call, the output reduced to what the checks read. */
export function sdkInvoke(lambda: LambdaClient): Invoke {
  return async (call) => {
    const res = await invokeFunction(lambda, call);
    return {
      requestId: res.$metadata.requestId,
      executedVersion: res.ExecutedVersion,
      functionError: res.FunctionError,
      logResult: res.LogResult,
      payload: res.Payload ? Buffer.from(res.Payload).toString('utf8') : '',
    };
  };
}
