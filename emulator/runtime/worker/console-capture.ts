// Routes the worker's console and stdout/stderr to the invocation that wrote them. console.*
// lines get the Lambda text format `timestamp\trequestId\tLEVEL\tmessage` (newlines folded
// to \r so one entry stays one line, as the Node.js runtime does); raw stdout/stderr writes
// (Powertools Logger writes JSON lines there) are kept as written.
import { format } from 'node:util';
import { invokeStore } from './invoke-store.js';

export type LogSink = (text: string) => void;

const LEVELS = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  log: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
} as const;

function formatLogLine(level: string, message: unknown, ...params: unknown[]): string {
  const text = format(message, ...params).replace(/\n/g, '\r');
  return `${new Date().toISOString()}\t${invokeStore.getRequestId()}\t${level}\t${text}`;
}

export function captureConsole(sink: LogSink): void {
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const [method, level] of Object.entries(LEVELS)) {
    target[method] = (message?: unknown, ...params: unknown[]) =>
      sink(formatLogLine(level, message, ...params));
  }
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      sink(text.endsWith('\n') ? text.slice(0, -1) : text);
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
