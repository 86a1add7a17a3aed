import { describe, expect, it } from '@jest/globals';
import { consoleProgress } from '../../src/cli/console-progress.js';
import { message } from '../../src/core/progress.js';
import { fakeClock } from './support.js';

describe('consoleProgress', () => {
  it('stamps lines with the elapsed time, times groups and masks secrets', async () => {
    let out = '';
    let err = '';
    const clock = fakeClock();
    const progress = consoleProgress({ stdout: (t) => (out += t), stderr: (t) => (err += t) }, clock);
    progress.mask('s3cr3t');
    await progress.group('Deploy', async () => {
      await clock.sleep(65_000);
      progress.emit(message('test.info', 'info', 'an info line'), 'token is s3cr3t');
      progress.emit(message('test.warn', 'warn', 'a warning'), 'careful\nsecond line');
      progress.emit(message('test.debug', 'debug', 'a debug line'), 'hidden');
    });
    expect(out).toBe('[    0s] ▶ Deploy\n[ 1m05s] token is ***\n[ 1m05s] ✔ Deploy (1m05s)\n');
    expect(err).toBe('[ 1m05s] warning: careful\n[ 1m05s] warning: second line\n');
  });

  it('marks a failed group and rethrows', async () => {
    let err = '';
    const progress = consoleProgress({ stdout: () => undefined, stderr: (t) => (err += t) }, fakeClock());
    await expect(progress.group('Deploy', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(err).toContain('✖ Deploy failed after 0s');
  });
});
