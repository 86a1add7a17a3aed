// Snapshots of deployment packages. Lambda copies the code when a function is created or
// its code updated, so later changes to the S3 object do not change a deployed version.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AwsError } from '../../errors.js';
import type { CodeRef } from './model.js';

export class CodeStore {
  private dir: string | undefined;

  async init(): Promise<void> {
    this.dir = await mkdtemp(path.join(os.tmpdir(), 'lmi-emulator-code-'));
  }

  get directory(): string {
    if (!this.dir) throw new Error('CodeStore used before init()');
    return this.dir;
  }

  async put(zip: Buffer, s3?: CodeRef['s3']): Promise<CodeRef> {
    // A zip archive starts with a local file header (PK\x03\x04) or is an empty archive (PK\x05\x06).
    if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b || (zip[2] !== 3 && zip[2] !== 5)) {
      throw new AwsError(
        'InvalidParameterValueException',
        'Could not unzip uploaded file. Please check your file, then try to upload again.',
        400,
        { Type: 'User' },
      );
    }
    const digest = createHash('sha256').update(zip).digest();
    const zipPath = path.join(this.directory, `${digest.toString('hex')}.zip`);
    // Snapshots are named by content, so two functions may store the same one at once while a
    // version unpacks it: write aside and rename, so a reader never sees a truncated file.
    const partial = `${zipPath}.${randomUUID()}.partial`;
    await writeFile(partial, zip);
    await rename(partial, zipPath);
    return { sha256: digest.toString('base64'), size: zip.length, zipPath, s3 };
  }

  async dispose(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
