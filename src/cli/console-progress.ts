// Progress for a terminal: every line stamped with the time since the command started, groups
// as headed sections with their duration, masked values replaced by ***.
import type { Progress } from '../core/progress.js';
import type { Clock } from '../core/clock.js';
import { formatDuration } from '../core/format.js';

export interface ConsoleWriter {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function consoleProgress(out: ConsoleWriter, clock: Clock, { verbose = false } = {}): Progress {
  const started = clock.now();
  const secrets: string[] = [];
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const stamp = () => `[${formatDuration(clock.now() - started).padStart(6)}]`;
  const line = (write: (t: string) => void, prefix: string, message: string) => {
    for (const part of mask(message).split('\n')) write(`${stamp()} ${prefix}${part}\n`);
  };
  const print = {
    info: (m: string) => line(out.stdout, '', m),
    warn: (m: string) => line(out.stderr, 'warning: ', m),
    error: (m: string) => line(out.stderr, 'error: ', m),
    debug: (m: string) => {
      if (verbose) line(out.stdout, 'debug: ', m);
    },
  };
  return {
    emit: (message, text) => print[message.level](text),
    mask: (secret) => {
      if (secret) secrets.push(secret);
    },
    group: async (name, fn) => {
      const groupStart = clock.now();
      line(out.stdout, '', `▶ ${name}`);
      try {
        const result = await fn();
        line(out.stdout, '', `✔ ${name} (${formatDuration(clock.now() - groupStart)})`);
        return result;
      } catch (e) {
        line(out.stderr, '', `✖ ${name} failed after ${formatDuration(clock.now() - groupStart)}`);
        throw e;
      }
    },
  };
}
