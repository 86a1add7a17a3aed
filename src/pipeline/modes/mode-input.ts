// What a mode is handed by the run orchestrator: the validated config (each mode picks the
// settings its stages need from it, once), where relative paths resolve, the report to fill,
// the run's id and the caller's hooks. The context carries only what every stage shares.
import type { Config } from '../../config/config.js';
import type { ReportBuilder } from '../../report/builder.js';
import type { DeployOptions } from '../deploy/deploy-stack.js';
import type { VerifyOptions } from '../verify/verify-stack.js';
import type { ShiftOptions } from './cutover.js';

export interface RunOptions extends ShiftOptions {
  readonly deploy?: DeployOptions;
  /** Verify-mode settings (timings, run id, a latency clock for tests); `deploy` above applies too. */
  readonly verify?: Omit<VerifyOptions, 'deploy'>;
}

export interface ModeInput {
  readonly config: Config;
  /** Directory that relative paths in the config (template, parameter files) resolve against. */
  readonly cwd: string;
  readonly report: ReportBuilder;
  /** Marks this run's check and probe traffic. */
  readonly runId: string;
  readonly options: RunOptions;
}
