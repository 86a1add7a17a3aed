// The aws_proxy integration's call: invokes the function through the code runner within API
// Gateway's integration timeout and maps its result — 500 when Lambda refuses the call, 504
// after the timeout, 502 for a function error or a malformed proxy result.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors.js';
import type { Timers } from '../core/timers.js';
import type { LambdaInvoker } from '../services/lambda/invoke.js';
import type { FunctionRef } from '../services/lambda/names.js';
import {
  badGateway,
  integrationTimeout,
  internalError,
  mapProxyResult,
  type GatewayAnswer,
} from './responses.js';

/** A failed integration: why (for the emulator's log), and API Gateway's answer. */
export interface IntegrationFailure {
  failure: string;
  answer: GatewayAnswer;
}

export interface ResponseMapping {
  requestId: string;
  /** The request's Accept header: a binary type there decodes a base64 body. */
  accept: string | undefined;
  binaryMediaTypes: string[];
}

export async function invokeIntegration(
  deps: { invoker: LambdaInvoker; timers: Timers },
  ref: FunctionRef,
  event: Record<string, unknown>,
  timeoutMs: number,
  mapping: ResponseMapping,
): Promise<GatewayAnswer | IntegrationFailure> {
  const { requestId } = mapping;
  const invocation = deps.invoker.invoke({
    functionName: ref.name,
    qualifier: ref.qualifier,
    payload: Buffer.from(JSON.stringify(event)),
    requestId: randomUUID(),
  });
  let cancelTimer = () => {};
  const timeout = new Promise<'timeout'>((resolve) => {
    cancelTimer = deps.timers.after(timeoutMs, () => resolve('timeout'));
  });
  let result;
  try {
    result = await Promise.race([invocation, timeout]);
  } catch (e) {
    // Lambda refused the call (throttled, not Active, no such version): API Gateway's 500.
    const why = e instanceof AwsError ? `${e.code}: ${e.message}` : String(e);
    return { failure: `Lambda invocation failed: ${why}`, answer: internalError(requestId) };
  } finally {
    cancelTimer();
  }
  if (result === 'timeout') {
    invocation.catch(() => undefined); // the function keeps running, as in Lambda
    return {
      failure: `Execution failed due to a timeout error (${timeoutMs} ms)`,
      answer: integrationTimeout(requestId),
    };
  }
  if (result.functionError) {
    return {
      failure: `Lambda execution failed with status 200 due to customer function error: ${result.payload.toString('utf8').slice(0, 300)}`,
      answer: badGateway(requestId),
    };
  }
  const response = mapProxyResult(result.payload, requestId, mapping.accept, mapping.binaryMediaTypes);
  if (!response) {
    return {
      failure: `Execution failed due to configuration error: Malformed Lambda proxy response: ${result.payload.toString('utf8').slice(0, 300)}`,
      answer: badGateway(requestId),
    };
  }
  return { response };
}
