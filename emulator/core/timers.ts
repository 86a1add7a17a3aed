// Every timer the emulator starts goes through here, so stop() can cancel them all and no
// provisioning or latency timer keeps the process (or a jest worker) alive.

export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  /** Runs fn after ms unless the emulator stops first. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, ms);
    this.pending.set(handle, () => undefined);
    return () => {
      clearTimeout(handle);
      this.pending.delete(handle);
    };
  }

  /** A promise that resolves after ms, or early (resolved) when the emulator stops. */
  sleep(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.pending.delete(handle);
        resolve();
      }, ms);
      this.pending.set(handle, resolve);
    });
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  stopAll(): void {
    this.stopped = true;
    for (const [handle, release] of this.pending) {
      clearTimeout(handle);
      release();
    }
    this.pending.clear();
  }
}
