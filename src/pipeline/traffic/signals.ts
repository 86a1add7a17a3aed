// SIGINT and SIGTERM while traffic is mid-shift: turn them into an abort so the cutover rolls
// back before the process exits, instead of leaving production on a canary. GitHub's runner
// sends SIGINT on cancel, SIGTERM 7.5 s later and kills the process 2.5 s after that, so the
// rollback's UpdateStage goes first and its probes are kept short; the post step repairs
// whatever a kill cuts off. While the trap is set, a second signal does not end the process —
// it only says the rollback is still running. The listeners are removed by dispose().
import type { Progress } from '../../core/progress.js';
import { CutoverError } from '../../core/errors.js';
import { TRAFFIC_MESSAGES } from './messages.js';

type TrappedSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly TrappedSignal[] = ['SIGINT', 'SIGTERM'];

/** `process`, or a test's EventEmitter. */
export interface SignalSource {
  on(event: TrappedSignal, listener: () => void): unknown;
  off(event: TrappedSignal, listener: () => void): unknown;
}

export interface TerminationTrap {
  /** Aborts, with a CUTOVER_CANCELLED reason, on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: TrappedSignal | undefined;
  dispose(): void;
}

export function trapTerminationSignals(progress: Progress, source: SignalSource = process): TerminationTrap {
  const controller = new AbortController();
  let received: TrappedSignal | undefined;
  const listeners = SIGNALS.map((name) => {
    const listener = () => {
      if (received) {
        progress.emit(
          TRAFFIC_MESSAGES.signalAgain,
          `Received ${name} again: still rolling back; the process exits as soon as the stage is safe.`,
        );
        return;
      }
      received = name;
      progress.emit(
        TRAFFIC_MESSAGES.signalReceived,
        `Received ${name}: stopping the cutover and rolling back before exit.`,
      );
      controller.abort(
        new CutoverError(
          'CUTOVER_CANCELLED',
          `The cutover was interrupted by ${name} (job cancelled or runner stopping).`,
        ),
      );
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  let disposed = false;
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const [name, listener] of listeners) source.off(name, listener);
    },
  };
}

/**
 * Runs fn with the trap set and removes it afterwards. When a signal arrived, the caller should
 * exit non-zero once fn has settled: the signal's default exit was held back by the trap.
 */
export async function withTerminationSignals<T>(
  progress: Progress,
  fn: (signal: AbortSignal) => Promise<T>,
  source: SignalSource = process,
): Promise<T> {
  const trap = trapTerminationSignals(progress, source);
  try {
    return await fn(trap.signal);
  } finally {
    trap.dispose();
  }
}
