// What the `waves` commands share: their view of the CLI's environment, and how bad input
// becomes exit code 2 with every problem printed.
import type { Clock } from '../core/clock.js';
import { formatCutoverError, isCutoverError } from '../core/errors.js';
import type { ConsoleWriter } from './console-progress.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** What the waves commands need of the CLI's environment (CliEnvironment fits). */
export interface WavesIo extends ConsoleWriter {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly clock?: Clock;
}

/** A usage problem: exit 2 with the sentence. */
export class WavesUsageError extends Error {}

/** Runs a command body, turning bad input into exit 2 with every problem printed. */
export async function guarded(io: WavesIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof WavesUsageError || (isCutoverError(e) && e.code === 'INVALID_INPUT')) {
      io.stderr(`error: ${isCutoverError(e) ? formatCutoverError(e) : e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
