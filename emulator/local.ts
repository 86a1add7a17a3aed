// `npm run local`: the emulator as a standalone process, running function code and serving
// deployed API stages. Prints the environment a client needs (eval-able export lines on
// stdout), honours LMI_LOCAL_PORT, and stops cleanly on SIGINT/SIGTERM.
import { startEmulator, type Emulator } from './index.js';

const DEFAULT_PORT = 4577;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer, got '${raw}'.`);
    process.exit(2);
  }
  return n;
}

const port = intFromEnv('LMI_LOCAL_PORT', DEFAULT_PORT);
const provisioningMs = intFromEnv('LMI_LOCAL_PROVISIONING_MS', 10_000);

// Signal handlers come first, so a signal during startup still stops the emulator cleanly.
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`${signal}: stopping the local cloud...`);
  started
    .then((emu: Emulator) => emu.stop())
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`stop failed: ${String(e)}`);
        process.exit(1);
      },
    );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

const started = startEmulator({
  port,
  region: process.env.LMI_LOCAL_REGION || 'us-east-1',
  provisioningMs,
  runCode: true,
  lazyBackends: true,
  log: (line) => console.error(line),
});

try {
  const emu = await started;
  process.stdout.write(
    [
      `export AWS_ENDPOINT_URL=${emu.endpoint}`,
      `export AWS_REGION=${emu.region}`,
      `export AWS_ACCESS_KEY_ID=${emu.credentials.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${emu.credentials.secretAccessKey}`,
      '',
    ].join('\n'),
  );
  console.error(
    `lmi-cutover local cloud listening on ${emu.endpoint} (LMI versions provision in ${provisioningMs} ms; ` +
      `API stages at ${emu.endpoint}/restapis/{id}/{stage}/_user_request_/). Ctrl-C stops it.`,
  );
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use. Set LMI_LOCAL_PORT to a free port (0 picks one).`);
  } else {
    console.error(`The local cloud failed to start: ${err.stack ?? String(e)}`);
  }
  process.exit(1);
}
