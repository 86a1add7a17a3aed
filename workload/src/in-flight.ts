// Requests this handler is serving right now, counted by the function itself, so the cutover's
// concurrency check can report what the function saw instead of estimating it from the client's
// clock.
//
// The unit is one loaded copy of this code. app.ts builds one handler per load, and Lambda loads
// the code once per standard execution environment (which serves one request at a time, so the
// count is always 1) and once per worker thread on Lambda Managed Instances, where the Node.js
// runtime runs one worker per vCPU. Runtime-created workers share no memory, so a worker's count
// is blind to its siblings': it is the worker's in-flight count, not the environment's. Answers
// carry worker_id beside it so a reader can tell the two apart.
//
// This is state shared by concurrent requests on purpose, and it is safe: it is only incremented
// and decremented, each one synchronous step on this thread's event loop that no other request
// can interleave with; the value a request reports is taken in the same step as its increment and
// then kept per request (AsyncLocalStorage), never read back from the shared count.
import { AsyncLocalStorage } from 'node:async_hooks';

const countAtStart = new AsyncLocalStorage<number>();

export class InFlightCounter {
  #current = 0;

  /** Requests in flight now. */
  get current(): number {
    return this.#current;
  }

  /** Runs `request` counted: in flight from this call until it settles, answered or thrown. */
  async track<T>(request: () => Promise<T>): Promise<T> {
    const atStart = ++this.#current;
    try {
      return await countAtStart.run(atStart, request);
    } finally {
      this.#current--;
    }
  }
}

/**
 * Requests in flight in this handler when the current request started, itself included;
 * undefined outside a tracked request.
 */
export const inFlightAtStart = (): number | undefined => countAtStart.getStore();
