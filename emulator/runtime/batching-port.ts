// Coalesces messages to one port into few postMessage calls: a batch leaves when it is full
// (so the other thread starts on a long burst while it is still being sent) or at the end of
// the event-loop turn. setImmediate, not a microtask, lets the promise continuations of a
// synchronous burst join the batch; on an idle loop it runs right after the current turn.
const MAX_BATCH = 32;

export class BatchingPort<T> {
  private outbox: T[] = [];
  private scheduled = false;

  constructor(private readonly post: (batch: T[]) => void) {}

  send(msg: T): void {
    this.outbox.push(msg);
    if (this.outbox.length >= MAX_BATCH) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.outbox.length === 0) return;
    const batch = this.outbox;
    this.outbox = [];
    this.post(batch);
  }
}
