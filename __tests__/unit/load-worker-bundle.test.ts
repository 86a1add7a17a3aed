// The load worker is a file of its own in dist/ (scripts/build.mjs bundles it to
// dist/load-worker/), found beside the bundle that starts it; bundled, it must load under plain
// node (no tsx) and answer the pool's protocol.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { WORKER_BUNDLE_DIR, WORKER_SOURCE, workerEntry } from '../../src/pipeline/verify/load/worker-pool.js';
import type { FromWorker, ToWorker } from '../../src/pipeline/verify/load/worker-protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'load-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the load worker bundle', () => {
  it('is an entry of the build, bundled to the folder the pool looks in', () => {
    const script = readFileSync('scripts/build.mjs', 'utf8');
    expect(script).toContain(`['${WORKER_SOURCE}', 'dist/${WORKER_BUNDLE_DIR}']`);
    expect(existsSync(WORKER_SOURCE)).toBe(true);
  });

  it('is found beside the main, CLI and chunk bundles; missing, it is an error that says to rebuild', () => {
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, WORKER_BUNDLE_DIR), { recursive: true });
    const worker = join(dist, WORKER_BUNDLE_DIR, 'index.js');
    writeFileSync(worker, '');
    for (const from of ['index.js', '546.index.js', 'cli/index.js']) {
      expect(workerEntry(pathToFileURL(join(dist, from)).href)).toEqual({ url: pathToFileURL(worker) });
    }
    expect(workerEntry('file:///repo/src/pipeline/verify/load/worker-pool.ts')).toEqual({
      url: new URL('file:///repo/src/pipeline/verify/load/worker.ts'),
      execArgv: ['--import', 'tsx'],
    });
    expect(() => workerEntry(pathToFileURL(join(dir, 'elsewhere', 'index.js')).href)).toThrow(
      /load worker bundle is missing .*rebuild dist/,
    );
  });

  it('bundled, loads under plain node and runs an empty burst', async () => {
    const outfile = join(dir, 'bundle', 'index.mjs');
    await build({
      entryPoints: [WORKER_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
      // CommonJS dependencies (hdr-histogram-js) require() node's modules, as in ncc's output.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const worker = new Worker(outfile, { execArgv: [] });
    try {
      const answer = new Promise<FromWorker>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({
        type: 'burst',
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
        burst: {
          id: 1,
          endpoint: 'http://127.0.0.1:9/',
          region: 'us-east-1',
          target: { side: 'lmi', functionName: 'fn', qualifier: '1' },
          send: {
            kind: 'webhook',
            stage: {
              restApiId: 'a',
              stageName: 'prod',
              domainName: 'a.example',
              accountId: '1',
              stageVariables: {},
            },
            mark: { run: 'r', kind: 'load', target: 'lmi' },
            secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
          },
          logTail: true,
          inFlight: 2,
          requests: 0,
          counter: new SharedArrayBuffer(4),
          t0: performance.timeOrigin + performance.now(),
          clockOffsetMs: 0,
        },
      } satisfies ToWorker);
      expect(await answer).toMatchObject({ type: 'done', id: 1, latencies: { count: 0 } });
    } finally {
      await worker.terminate();
    }
  });
});
