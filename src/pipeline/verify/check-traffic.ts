// What every check of one run sends with (smoke, load, sweep): the stack it targets, the
// region its events claim, the secrets its webhooks are signed with and the run id that marks
// them as check traffic. One type, so the phases of verify hand it on unchanged.
import type { WorkloadStack } from '../webhook/workload-stack.js';
import type { SigningSecrets } from '../webhook/signature.js';

export interface CheckTraffic {
  readonly stack: WorkloadStack;
  readonly region: string;
  readonly secrets: SigningSecrets;
  /** Marks this run's check traffic (newRunId()). */
  readonly runId: string;
  /** Monotonic milliseconds for latencies and durations; performance.now() by default. */
  readonly now?: () => number;
}
