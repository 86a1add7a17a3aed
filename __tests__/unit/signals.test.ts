// SIGINT/SIGTERM during a shift become an abort (so the cutover rolls back before exit); a
// second signal does not end anything; the listeners are gone afterwards.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import {
  trapTerminationSignals,
  withTerminationSignals,
  type SignalSource,
} from '../../src/pipeline/traffic/signals.js';
import { recordingProgress } from './support.js';

const source = () => new EventEmitter() as EventEmitter & SignalSource;

describe('trapTerminationSignals', () => {
  it('aborts with CUTOVER_CANCELLED on the first signal and only warns on the next', () => {
    const progress = recordingProgress();
    const emitter = source();
    const trap = trapTerminationSignals(progress, emitter);
    expect(trap.signal.aborted).toBe(false);
    emitter.emit('SIGTERM');
    expect(trap.signal.aborted).toBe(true);
    expect(trap.received).toBe('SIGTERM');
    expect(trap.signal.reason).toMatchObject({
      code: 'CUTOVER_CANCELLED',
      message: expect.stringContaining('SIGTERM'),
    });
    emitter.emit('SIGINT');
    expect(trap.received).toBe('SIGTERM');
    expect(progress.warnings).toEqual([
      'Received SIGTERM: stopping the cutover and rolling back before exit.',
      'Received SIGINT again: still rolling back; the process exits as soon as the stage is safe.',
    ]);
    expect(progress.codes).toEqual(['traffic.signal-received', 'traffic.signal-again']);
    trap.dispose();
  });

  it('removes its listeners on dispose, once', () => {
    const emitter = source();
    const trap = trapTerminationSignals(recordingProgress(), emitter);
    expect(emitter.listenerCount('SIGINT')).toBe(1);
    expect(emitter.listenerCount('SIGTERM')).toBe(1);
    trap.dispose();
    trap.dispose();
    expect(emitter.listenerCount('SIGINT')).toBe(0);
    expect(emitter.listenerCount('SIGTERM')).toBe(0);
    emitter.emit('SIGINT');
    expect(trap.signal.aborted).toBe(false);
  });

  it('on the real process, adds and removes exactly its own listeners', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const trap = trapTerminationSignals(recordingProgress());
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([
      before[0]! + 1,
      before[1]! + 1,
    ]);
    trap.dispose();
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});

describe('withTerminationSignals', () => {
  it('hands the signal to fn and removes the listeners even when fn throws', async () => {
    const emitter = source();
    await expect(
      withTerminationSignals(
        recordingProgress(),
        async (signal) => {
          emitter.emit('SIGINT');
          expect(signal.aborted).toBe(true);
          throw new Error('rolled back');
        },
        emitter,
      ),
    ).rejects.toThrow('rolled back');
    expect(emitter.listenerCount('SIGINT')).toBe(0);
  });
});
