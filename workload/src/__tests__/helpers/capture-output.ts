// Captures what Powertools writes (INFO to stdout, WARN and ERROR to stderr) and parses the
// JSON log lines, keeping them in the order they were written.
import { jest } from '@jest/globals';

export interface CapturedOutput {
  /** Powertools log lines (those with a level), parsed. */
  logLines(): Record<string, unknown>[];
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const written: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  return {
    logLines: () =>
      written
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.level !== undefined),
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}
