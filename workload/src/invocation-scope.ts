// Per-invocation context for Powertools under concurrency.
//
// When AWS_LAMBDA_MAX_CONCURRENCY is set (Lambda Managed Instances), Powertools Logger and
// Metrics keep per-invocation state (request id, temporary keys, metrics) in the Lambda
// InvokeStore, an AsyncLocalStorage the Node.js runtime publishes on globalThis.awslambda and
// enters around every invocation. Hosts that are not the real runtime (tests, benchmarks, a
// local emulator) may not, and Powertools then throws "InvokeStore is not available" or
// falls back to state shared by all in-flight requests. So: make sure a store exists before
// any logger is built, and open an invocation context when the host did not.
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

/** The runtime's store when it published one; otherwise ours, published the same way. */
const invokeStore: InvokeStoreBase = await InvokeStore.getInstanceAsync();

export const runsConcurrently = (): boolean => 'AWS_LAMBDA_MAX_CONCURRENCY' in process.env;

export function runInInvocationScope<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  if (!runsConcurrently() || invokeStore.hasContext()) return fn();
  return invokeStore.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, fn);
}
