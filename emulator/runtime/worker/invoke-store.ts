// The invoke store the Lambda Node.js runtime publishes on `globalThis.awslambda.InvokeStore`
// and runs every invocation inside. `@aws/lambda-invoke-store` (used by Powertools) picks up
// this instance, so per-request state and request ids work under multi-concurrency as on Lambda.
import { AsyncLocalStorage } from 'node:async_hooks';

const PROTECTED_KEYS = {
  REQUEST_ID: Symbol.for('_AWS_LAMBDA_REQUEST_ID'),
  X_RAY_TRACE_ID: Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID'),
  TENANT_ID: Symbol.for('_AWS_LAMBDA_TENANT_ID'),
  TRACEPARENT: Symbol.for('_AWS_LAMBDA_TRACEPARENT'),
  TRACESTATE: Symbol.for('_AWS_LAMBDA_TRACESTATE'),
  BAGGAGE: Symbol.for('_AWS_LAMBDA_BAGGAGE'),
} as const;

/** The emulator's own key: the invocation's id in the worker protocol, for log attribution. */
const INVOCATION_ID = Symbol('lmi-emulator.invocation-id');

type InvokeContext = Record<string | symbol, unknown>;

class InvokeStore {
  static readonly PROTECTED_KEYS = PROTECTED_KEYS;
  private readonly als = new AsyncLocalStorage<InvokeContext>();

  isProtectedKey(key: string | symbol): boolean {
    return (Object.values(PROTECTED_KEYS) as (string | symbol)[]).includes(key) || key === INVOCATION_ID;
  }
  getContext(): InvokeContext | undefined {
    return this.als.getStore();
  }
  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }
  get(key: string | symbol): unknown {
    return this.als.getStore()?.[key];
  }
  set(key: string | symbol, value: unknown): void {
    if (this.isProtectedKey(key))
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const store = this.als.getStore();
    if (!store) throw new Error('No context available');
    store[key] = value;
  }
  run<T>(context: InvokeContext, fn: () => T): T {
    return this.als.run(context, fn);
  }
  getRequestId(): string {
    return (this.get(PROTECTED_KEYS.REQUEST_ID) as string | undefined) ?? '-';
  }
  getXRayTraceId(): string | undefined {
    return this.get(PROTECTED_KEYS.X_RAY_TRACE_ID) as string | undefined;
  }
  getTenantId(): string | undefined {
    return this.get(PROTECTED_KEYS.TENANT_ID) as string | undefined;
  }
}

export const invokeStore = new InvokeStore();

/** Publishes the store where the Lambda runtime does; call before the handler module loads. */
export function installInvokeStore(): void {
  const g = globalThis as { awslambda?: Record<string, unknown> };
  g.awslambda ??= {};
  g.awslambda.InvokeStore = invokeStore;
}

export function invocationContext(id: number, requestId: string, traceId: string): InvokeContext {
  return {
    [PROTECTED_KEYS.REQUEST_ID]: requestId,
    [PROTECTED_KEYS.X_RAY_TRACE_ID]: traceId,
    [INVOCATION_ID]: id,
  };
}

export function currentInvocationId(): number | undefined {
  return invokeStore.get(INVOCATION_ID) as number | undefined;
}
