// Unpacks deployment packages for the code runner, once per distinct zip: versions are
// immutable snapshots (CodeStore), so two versions with the same CodeSha256 share one
// directory. yauzl rejects entries that would escape the directory (absolute paths, `..`).
// Lambda's Node.js runtimes ship the AWS SDK for JavaScript v3 (`@aws-sdk/*`), importable by a
// package that does not bundle it; the unpack root gets the same: a node_modules/@aws-sdk link to
// the SDK the local cloud itself runs on, found by Node's resolution from every package below.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { CodeRef } from './model.js';

/** Unix permission bits of an entry made on Unix (upper half of the external attributes). */
const modeOf = (entry: yauzl.Entry): number | undefined => {
  const mode = (entry.externalFileAttributes >>> 16) & 0o777;
  return mode > 0 ? mode : undefined;
};

async function extract(zipPath: string, dir: string): Promise<void> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const target = path.join(dir, entry.fileName);
        const done = (e?: unknown) => (e ? reject(e) : zip.readEntry());
        if (entry.fileName.endsWith('/')) {
          mkdir(target, { recursive: true }).then(() => done(), done);
          return;
        }
        mkdir(path.dirname(target), { recursive: true })
          .then(() => zip.openReadStreamPromise(entry))
          .then((stream) => pipeline(stream, createWriteStream(target, { mode: modeOf(entry) ?? 0o644 })))
          .then(() => done(), done);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

export class CodeUnpacker {
  private root?: Promise<string>;
  private readonly unpacked = new Map<string, Promise<string>>();

  /** The directory holding this code's files; unpacked on first use. */
  directoryFor(code: CodeRef): Promise<string> {
    let dir = this.unpacked.get(code.zipPath);
    if (!dir) {
      dir = this.unpack(code);
      this.unpacked.set(code.zipPath, dir);
      // A failed unpack is not cached: the next invocation tries again and reports again.
      dir.catch(() => this.unpacked.delete(code.zipPath));
    }
    return dir;
  }

  async dispose(): Promise<void> {
    const root = await this.root?.catch(() => undefined);
    this.unpacked.clear();
    if (root) await rm(root, { recursive: true, force: true });
  }

  private async unpack(code: CodeRef): Promise<string> {
    this.root ??= mkdtemp(path.join(os.tmpdir(), 'lmi-emulator-functions-')).then(async (root) => {
      await provideRuntimeSdk(root);
      return root;
    });
    const dir = path.join(await this.root, Buffer.from(code.sha256, 'base64').toString('hex'));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    try {
      await extract(code.zipPath, dir);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Could not unzip the deployment package ${path.basename(code.zipPath)}: ${String(e)}`, {
        cause: e,
      });
    }
    return dir;
  }
}

/**
 * `<root>/node_modules/@aws-sdk` → the directory of the SDK packages this process resolves
 * (Node follows the link to the real path, so each package finds its own dependencies there).
 * Without an SDK installed nothing is linked, and an import of it fails as it would in a
 * runtime without one.
 */
async function provideRuntimeSdk(root: string): Promise<void> {
  let sdkScope: string;
  try {
    const entry = createRequire(import.meta.url).resolve('@aws-sdk/client-lambda');
    sdkScope = entry.slice(
      0,
      entry.lastIndexOf(`${path.sep}@aws-sdk${path.sep}`) + `${path.sep}@aws-sdk`.length,
    );
  } catch {
    return;
  }
  await mkdir(path.join(root, 'node_modules'), { recursive: true });
  await symlink(sdkScope, path.join(root, 'node_modules', '@aws-sdk'), 'dir');
}
