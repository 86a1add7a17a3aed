// `npm run local`: the emulator as its own process. It prints the exports a client needs,
// honours LMI_LOCAL_PORT, starts quickly, and stops cleanly on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  // Any process a failed test left behind: its whole group, by its own id.
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null && c.pid) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  exports: Record<string, string>;
  ms: number;
  stderr: () => string;
}

/** Starts a command in its own process group and waits for the four export lines. */
function start(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no exports within 15 s; stderr: ${err}`)), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing exports; stderr: ${err}`));
    });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const lines = out.split('\n').filter((l) => l.startsWith('export '));
      if (lines.length < 4) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const exports = Object.fromEntries(
        lines.map((l) => l.slice('export '.length).split(/=(.*)/s).slice(0, 2) as [string, string]),
      );
      resolve({ child, exports, ms: performance.now() - t0, stderr: () => err });
    });
  });
}

/** Runs a client in another process with only the printed exports as configuration. */
async function runClient(exports: Record<string, string>): Promise<string> {
  const script = `
    const { SSMClient, PutParameterCommand, GetParameterCommand } = require('@aws-sdk/client-ssm');
    const { CloudFormationClient, DescribeStacksCommand } = require('@aws-sdk/client-cloudformation');
    const { S3Client, CreateBucketCommand, ListBucketsCommand } = require('@aws-sdk/client-s3');
    (async () => {
      const ssm = new SSMClient({});
      await ssm.send(new PutParameterCommand({ Name: '/local/check', Value: 'ok-from-child', Type: 'SecureString' }));
      const p = await ssm.send(new GetParameterCommand({ Name: '/local/check', WithDecryption: true }));
      const stacks = await new CloudFormationClient({}).send(new DescribeStacksCommand({}));
      const s3 = new S3Client({ forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'local-check' }));
      const buckets = await s3.send(new ListBucketsCommand({}));
      console.log(JSON.stringify({ value: p.Parameter.Value, stacks: stacks.Stacks.length, buckets: buckets.Buckets.map((b) => b.Name) }));
    })().catch((e) => { console.error(e.name + ': ' + e.message); process.exit(1); });
  `;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    ...exports,
  };
  const child = spawn(process.execPath, ['-e', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`client failed (${code}): ${err}`);
  return out.trim().split('\n').pop()!;
}

describe('npm run local', () => {
  it('starts on LMI_LOCAL_PORT, and its exports work for a client in another process', async () => {
    const port = await freePort();
    const { child, exports, ms } = await start('npm', ['run', '--silent', 'local'], {
      LMI_LOCAL_PORT: String(port),
    });
    expect(exports).toEqual({
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^AKIA[A-Z0-9]{16}$/),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
    });
    // The start-up time is printed, not gated: on a shared runner it is noise (a bench measures it).
    process.stdout.write(`npm run local printed its exports after ${Math.round(ms)} ms\n`);

    expect(JSON.parse(await runClient(exports))).toEqual({
      value: 'ok-from-child',
      stacks: 0,
      buckets: ['local-check'],
    });

    process.kill(-child.pid!, 'SIGTERM');
    await once(child, 'exit');
  }, 30_000);

  it('stops cleanly on SIGINT and SIGTERM, releasing the port', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const port = await freePort();
      const { child, stderr } = await start(process.execPath, ['--import', 'tsx', 'emulator/local.ts'], {
        LMI_LOCAL_PORT: String(port),
      });
      process.kill(child.pid!, signal);
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).toBe(0);
      expect(stderr()).toContain(`${signal}: stopping the local cloud`);
      const reused = net.createServer();
      await new Promise<void>((resolve, reject) => {
        reused.once('error', reject);
        reused.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise((r) => reused.close(r));
    }
  }, 30_000);

  it('explains a bad LMI_LOCAL_PORT and a port in use', async () => {
    const run = async (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/local.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        detached: true,
      });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      return { code, err };
    };
    const bad = await run({ LMI_LOCAL_PORT: 'eighty' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("LMI_LOCAL_PORT must be a non-negative integer, got 'eighty'.");

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const busy = await run({ LMI_LOCAL_PORT: String((blocker.address() as net.AddressInfo).port) });
    await new Promise((r) => blocker.close(r));
    expect(busy.code).toBe(1);
    expect(busy.err).toContain('is in use. Set LMI_LOCAL_PORT to a free port');
  }, 30_000);
});
