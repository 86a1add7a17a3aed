// What every stage receives: the validated config, AWS clients, a way to talk to the user and
// a clock. The Action and the CLI each supply their own Progress; tests supply a fake clock so
// multi-minute waits run instantly.
import type { Config } from '../config/config.js';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../core/clock.js';
import type { Progress } from '../core/progress.js';

export interface PipelineContext {
  readonly config: Config;
  readonly aws: AwsClients;
  readonly progress: Progress;
  readonly clock: Clock;
  /** Directory that relative paths in the config (template, parameter files) resolve against. */
  readonly cwd: string;
  /** Aborts waits and polling when the job is cancelled. */
  readonly signal?: AbortSignal;
}
