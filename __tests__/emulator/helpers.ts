// Shared pieces of the emulator tests: starting an emulator, SDK client settings, zips.
import yazl from 'yazl';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ provisioningMs: 100, changeSetDelayMs: 5, ...options });
}

/** SDK client settings pointing at the emulator; one attempt so errors surface at once. */
export function clientConfig(emu: Emulator, maxAttempts = 1) {
  return { endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials, maxAttempts };
}

export function zipOf(files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, content] of Object.entries(files))
      zip.addBuffer(Buffer.from(content), name, { mtime: new Date(0) });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export const handlerZip = (marker = 'v1') =>
  zipOf({ 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: '${marker}' });\n` });

/** Polls until check returns a value; bounded by timeoutMs. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function errorOf(
  p: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-exec';
