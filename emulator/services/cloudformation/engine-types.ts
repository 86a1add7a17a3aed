// What the stack-operation engine shares between its constructive half (executor.ts) and its
// destructive half (teardown.ts), kept apart so neither has to import the other for it.
import type { Faults } from '../../core/faults.js';
import type { Timers } from '../../core/timers.js';
import type { StackResource } from './model.js';
import type { Services } from './providers/types.js';
import type { TriggerDeps } from './rollback-triggers.js';

export interface EngineDeps extends TriggerDeps {
  region: string;
  services: Services;
  timers: Timers;
  faults: Faults;
  exports: Map<string, { stackId: string; value: string }>;
  log: (line: string) => void;
  /** Rewrites an output value as this emulator serves it (execute-api URLs, with runCode). */
  outputValue?: (value: string) => string;
}

export interface Touched {
  logicalId: string;
  kind: 'create' | 'update' | 'replace';
  before?: StackResource;
}
