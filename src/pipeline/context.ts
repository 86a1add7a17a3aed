// What every stage receives, and nothing more: AWS clients, a way to talk to the user, a clock
// and the run's cancellation. Settings travel as explicit options that each mode builds once
// from the config. The Action and the CLI each supply their own Progress; tests supply a fake
// clock so multi-minute waits run instantly.
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../core/clock.js';
import type { Progress } from '../core/progress.js';

export interface PipelineContext {
  readonly aws: AwsClients;
  readonly progress: Progress;
  readonly clock: Clock;
  /** Aborts waits and polling when the job is cancelled. */
  readonly signal?: AbortSignal;
}
