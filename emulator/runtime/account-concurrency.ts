// Lambda's account concurrency: in-flight invocations of standard functions, across every
// function of the account. Share one instance between runtimes to make the limit account-wide.
import type { AccountConcurrencyPool } from './contract.js';

export class AccountConcurrency implements AccountConcurrencyPool {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`The account concurrency limit must be a positive integer, got ${limit}`);
    }
  }

  get inUse(): number {
    return this.used;
  }

  tryAcquire(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  release(): void {
    if (this.used > 0) this.used--;
  }
}
