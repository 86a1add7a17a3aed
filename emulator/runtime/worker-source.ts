// The worker's code is TypeScript like the rest of the emulator, but worker threads load plain
// JavaScript and do not inherit jest's or tsx's transforms. esbuild bundles worker/main.ts once
// per process into a content-addressed .mjs file in the temp directory (a file, not a data:
// URL, so stack traces in handler errors stay short and readable).
import esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let cached: URL | undefined;

export function workerScriptUrl(): URL {
  cached ??= pathToFileURL(writeBundle(bundleWorker()));
  return cached;
}

function bundleWorker(): Uint8Array {
  const entry = fileURLToPath(new URL('./worker/main.ts', import.meta.url));
  const built = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  return code;
}

function writeBundle(code: Uint8Array): string {
  const dir = path.join(tmpdir(), 'lmi-emulator-runtime');
  const file = path.join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  // Write then rename: another process may be loading the same file at this moment.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  return file;
}
