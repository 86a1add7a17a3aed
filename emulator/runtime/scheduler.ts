// What a version runtime needs from its placement policy: LMI (few long-lived multi-concurrent
// environments, throttle when full) or standard (one invocation per environment, cold starts).
import type { EnvironmentInit, ExecutionEnvironment } from './environment.js';

export interface Lease {
  env: ExecutionEnvironment;
  /** Set when this invocation cold-started the environment (standard Lambda only). */
  coldStart?: EnvironmentInit;
  /** Gives the slot back; call exactly once when the invocation is over. */
  release(): void;
}

export interface Scheduler {
  start(): Promise<void>;
  /** A slot for one invocation; throws AwsError (429) when there is none. */
  acquire(): Lease | Promise<Lease>;
  /** Environments that serve invocations now. */
  environments(): ExecutionEnvironment[];
  readonly coldStarts: number;
  readonly environmentsStarted: number;
  /** LMI: new minimum and maximum environments (see VersionRuntime.setScaling). */
  resize?(minEnvironments: number, maxEnvironments: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a new environment; `onDied` fires when all its workers are gone. */
export type EnvironmentFactory = (onDied: (env: ExecutionEnvironment) => void) => ExecutionEnvironment;
