// Unpacks deployment packages for the code runner, once per distinct zip: versions are
// immutable snapshots (CodeStore), so two versions with the same CodeSha256 share one
// directory. yauzl rejects entries that would escape the directory (absolute paths, `..`).
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
    this.root ??= mkdtemp(path.join(os.tmpdir(), 'lmi-emulator-functions-'));
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
