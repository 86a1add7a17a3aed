// What every stage receives: the validated config, AWS clients, a way to talk to the user and
// a clock. The Action and the CLI each supply their own Progress; tests supply a fake clock so
// multi-minute waits run instantly.
import type { Config } from '../config/config.js';
import type { AwsClients } from '../aws/clients.js';
import { CutoverError } from '../core/errors.js';

export interface Progress {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs fn as one foldable section (a `core.group` in the Action, a header in the CLI). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Never print this value again (GitHub's `setSecret`; the CLI replaces it with ***). */
  mask(secret: string): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after ms; rejects with CANCELLED if the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

const cancelled = () => new CutoverError('CANCELLED', 'The run was cancelled before it finished.');

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
