// Deterministic zips: entries sorted by path, one fixed timestamp, normalised permissions, no
// extended-time field. The same files always give the same bytes, so the same sha256 — which
// is what lets an unchanged function produce an empty change set.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly path: string;
  readonly data: Uint8Array;
  readonly executable?: boolean;
}

// 1980-01-01 00:00 local time: the DOS epoch, encoded identically in every time zone because
// yazl writes DOS dates from local-time fields.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export async function deterministicZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) {
    zip.addBuffer(Buffer.from(entry.data), entry.path, {
      mtime: FIXED_MTIME,
      mode: entry.executable ? 0o100755 : 0o100644,
      compress: true,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Every regular file under dir (symlinked files read through; symlinked directories are not
 * followed, so a link cycle cannot loop), with paths relative to dir.
 */
export async function readDirectoryEntries(dir: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const dirent of await readdir(current, { withFileTypes: true })) {
      const full = join(current, dirent.name);
      if (dirent.isDirectory()) {
        await walk(full);
        continue;
      }
      const info = await stat(full).catch(() => undefined);
      if (!info?.isFile()) continue;
      entries.push({
        path: relative(dir, full).split(sep).join('/'),
        data: await readFile(full),
        executable: (info.mode & 0o111) !== 0,
      });
    }
  };
  await walk(dir);
  return entries;
}

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
