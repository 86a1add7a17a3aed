// Typings for the two in-process backends, which ship none.

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: unknown[] }[];
  }
  /** s3rver's FilesystemStore (lib/stores/filesystem.js), the methods the emulator confines. */
  interface FilesystemStore {
    getBucketPath(bucket: string): string;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    initiateUpload(bucket: string, key: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
    putPart(bucket: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
    putObjectMultipart(bucket: string, uploadId: string, ...rest: unknown[]): Promise<unknown>;
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    store: FilesystemStore;
    run(): Promise<AddressInfo>;
    /** The listening server, set by run(). */
    httpServer: import('node:http').Server;
    close(): Promise<void>;
  }
}

declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
