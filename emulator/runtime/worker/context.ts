// The context object Lambda's Node.js runtime passes as the handler's second argument.
import type { InvokeMessage, WorkerConfig } from '../protocol.js';

export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: undefined;
  clientContext?: undefined;
  getRemainingTimeInMillis(): number;
}

export function buildContext(config: WorkerConfig, msg: InvokeMessage): LambdaContext {
  const deadline = msg.deadline;
  return {
    // Kept for compatibility; a shared worker cannot wait for "its" empty event loop.
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: config.functionVersion,
    invokedFunctionArn: msg.invokedFunctionArn,
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: msg.requestId,
    logGroupName: config.logGroupName,
    logStreamName: config.logStreamName,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}
