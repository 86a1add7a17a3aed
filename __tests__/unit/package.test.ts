import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import {
  planEsbuild,
  projectEsbuildLoader,
  runEsbuild,
  loadProjectEsbuild,
} from '../../src/pipeline/deploy/package/esbuild.js';
import { packageFunctions } from '../../src/pipeline/deploy/package/package-template.js';
import { deterministicZip, sha256Hex } from '../../src/pipeline/deploy/package/zip.js';
import { parseTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';
import { awsError, testContext } from './support.js';

const fixtures = join(process.cwd(), '__tests__/fixtures/deploy');
const s3 = mockClient(S3Client);

beforeEach(() => {
  s3.reset();
  s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'Not Found', 404));
  s3.on(PutObjectCommand).resolves({});
});
afterEach(() => {
  s3.reset();
});

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of a fixture app, so tests can touch files; node_modules as a project has it. */
function copyFixture(name: string): string {
  const dir = tempDir(`lmi-${name}-`);
  cpSync(join(fixtures, name), dir, { recursive: true });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const loadTemplate = (dir: string) =>
  parseTemplate(readFileSync(join(dir, 'template.yaml'), 'utf8'), 'template.yaml');

async function packageDir(dir: string, loadEsbuild = loadProjectEsbuild) {
  const ctx = testContext({}, dir);
  const result = await packageFunctions(ctx, loadTemplate(dir), {
    templateDir: dir,
    bucket: 'artifacts-bucket',
    keyPrefix: 'lmi-cutover/webhook-test',
    loadEsbuild,
  });
  return { ...result, ctx };
}

describe('deterministic zips', () => {
  it('gives the same bytes for the same files whatever their order and timestamps', async () => {
    const a = await deterministicZip([
      { path: 'b.txt', data: Buffer.from('bee') },
      { path: 'a/x.js', data: Buffer.from('x'), executable: true },
    ]);
    const b = await deterministicZip([
      { path: 'a/x.js', data: Buffer.from('x'), executable: true },
      { path: 'b.txt', data: Buffer.from('bee') },
    ]);
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    const changed = await deterministicZip([
      { path: 'a/x.js', data: Buffer.from('y'), executable: true },
      { path: 'b.txt', data: Buffer.from('bee') },
    ]);
    expect(sha256Hex(changed)).not.toBe(sha256Hex(a));
  });

  it('packages a CodeUri folder to the same hash and key across two builds, even after touching the files', async () => {
    const dir = copyFixture('plain-app');
    const first = await packageDir(dir);
    const later = new Date('2031-05-06T07:08:09Z');
    utimesSync(join(dir, 'src/index.js'), later, later);
    utimesSync(join(dir, 'src/util/helper.js'), later, later);
    const second = await packageDir(dir);
    expect(first.artifacts).toHaveLength(1);
    expect(second.artifacts[0]?.sha256).toBe(first.artifacts[0]?.sha256);
    expect(second.artifacts[0]?.key).toBe(`lmi-cutover/webhook-test/${first.artifacts[0]?.sha256}.zip`);

    writeFileSync(join(dir, 'src/util/helper.js'), 'export const shout = (t) => t;\n');
    const third = await packageDir(dir);
    expect(third.artifacts[0]?.sha256).not.toBe(first.artifacts[0]?.sha256);
  });
});

describe('packageFunctions', () => {
  it('zips a local Globals CodeUri as is, uploads it under its hash and rewrites only local functions', async () => {
    const { template, artifacts } = await packageDir(copyFixture('plain-app'));
    const artifact = artifacts[0]!;
    expect(artifact).toMatchObject({
      logicalId: 'PlainFunction',
      codeUri: 'src/',
      build: 'zip',
      upload: 'uploaded',
    });
    expect(artifact.s3Uri).toBe(`s3://artifacts-bucket/${artifact.key}`);
    expect(template.Resources.PlainFunction?.Properties?.CodeUri).toBe(artifact.s3Uri);
    // Inline and S3 code stay as they were; the local Globals CodeUri is gone.
    expect(template.Resources.InlineFunction?.Properties?.CodeUri).toBeUndefined();
    expect(template.Resources.RemoteFunction?.Properties?.CodeUri).toBe('s3://already-there/code.zip');
    expect(template.Globals?.Function?.CodeUri).toBeUndefined();

    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      Bucket: 'artifacts-bucket',
      Key: artifact.key,
      ContentType: 'application/zip',
    });
    const body = Buffer.from(put.Body as Uint8Array);
    expect(sha256Hex(body)).toBe(artifact.sha256);
    // Central-directory names are stored uncompressed: both files are in the archive.
    expect(body.includes('index.js')).toBe(true);
    expect(body.includes('util/helper.js')).toBe(true);
  });

  it('skips the upload when the content-hash key already exists', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    const { artifacts, ctx } = await packageDir(copyFixture('plain-app'));
    expect(artifacts[0]?.upload).toBe('exists');
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 0);
    expect(ctx.progress.text()).toContain('already uploaded');
    expect(ctx.progress.codes).toEqual(['deploy.function-packaged']);
  });

  it('uploads anyway when HeadObject answers 403 (no s3:ListBucket)', async () => {
    s3.on(HeadObjectCommand).rejects(awsError('Forbidden', 'Forbidden', 403));
    const { artifacts } = await packageDir(copyFixture('plain-app'));
    expect(artifacts[0]?.upload).toBe('uploaded');
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });

  it('builds esbuild functions with the project esbuild, once for functions sharing code, into a working bundle', async () => {
    const dir = copyFixture('esbuild-app');
    const { template, artifacts } = await packageDir(dir);
    expect(artifacts.map((a) => [a.logicalId, a.build])).toEqual([
      ['GreetFunction', 'esbuild'],
      ['GreetTwin', 'esbuild'],
    ]);
    expect(artifacts[0]?.sha256).toBe(artifacts[1]?.sha256);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    // Sourcemap: true → Node must be told to use them, as sam build does.
    expect(template.Resources.GreetFunction?.Properties?.Environment).toEqual({
      Variables: { STAGE: { Ref: 'Stage' }, NODE_OPTIONS: '--enable-source-maps' },
    });
    const again = await packageDir(dir);
    expect(again.artifacts[0]?.sha256).toBe(artifacts[0]?.sha256);
  });

  it('bundles imports into one ESM file honouring Format, OutExtension and Sourcemap', async () => {
    const dir = copyFixture('esbuild-app');
    const fn = {
      logicalId: 'GreetFunction',
      codeDir: join(dir, 'src'),
      handler: 'app.handler',
      nodeOptions: undefined,
      buildProperties: loadTemplate(dir).Resources.GreetFunction!.Metadata!.BuildProperties as Record<
        string,
        unknown
      >,
    };
    const plan = planEsbuild(fn);
    expect(plan.options).toMatchObject({
      format: 'esm',
      target: ['es2022'],
      minify: false,
      sourcemap: true,
      bundle: true,
    });
    const files = await runEsbuild(await loadProjectEsbuild(fn.codeDir), fn, plan);
    expect(files.map((f) => f.path).sort()).toEqual(['app.mjs', 'app.mjs.map']);
    const out = join(dir, 'built.mjs');
    writeFileSync(out, files.find((f) => f.path === 'app.mjs')!.data);
    const mod = (await import(pathToFileURL(out).href)) as { handler: (e: object) => Promise<unknown> };
    await expect(mod.handler({ name: 'lmi' })).resolves.toEqual({ statusCode: 200, body: 'hello, lmi' });
  });

  it('derives the entry point from the Handler and applies SAM defaults (cjs, es2020, minified)', () => {
    const plan = planEsbuild({
      logicalId: 'Fn',
      codeDir: join(fixtures, 'esbuild-app/src'),
      handler: 'app.handler',
      nodeOptions: undefined,
      buildProperties: {},
    });
    expect(plan.options).toMatchObject({
      entryPoints: ['app.ts'],
      format: 'cjs',
      target: ['es2020'],
      minify: true,
      sourcemap: false,
    });
  });

  it('finds no esbuild from a folder outside any project', async () => {
    const bare = tempDir('lmi-bare-');
    await expect(loadProjectEsbuild(bare)).rejects.toMatchObject({ code: 'ESBUILD_MISSING' });
  });

  it('fails with ESBUILD_MISSING when the project has no esbuild', async () => {
    const notInstalled = projectEsbuildLoader(() => {
      throw new Error("Cannot find module 'esbuild'");
    });
    await expect(packageDir(copyFixture('esbuild-app'), notInstalled)).rejects.toMatchObject({
      code: 'ESBUILD_MISSING',
      message: expect.stringContaining('npm install --save-dev esbuild'),
    });
  });

  it('reports esbuild errors with file and line', async () => {
    const dir = copyFixture('esbuild-app');
    writeFileSync(join(dir, 'src/app.ts'), 'export const handler = async () => { return ; ;; )\n');
    await expect(packageDir(dir)).rejects.toMatchObject({
      code: 'ESBUILD_FAILED',
      details: [expect.stringMatching(/app\.ts:1:\d+: /)],
    });
  });

  it('needs an artifact bucket for local code, and a CodeUri that exists', async () => {
    const dir = copyFixture('plain-app');
    const ctx = testContext({ artifactBucket: undefined }, dir);
    const options = { templateDir: dir, bucket: undefined, keyPrefix: 'p', loadEsbuild: loadProjectEsbuild };
    await expect(packageFunctions(ctx, loadTemplate(dir), options)).rejects.toMatchObject({
      code: 'ARTIFACT_BUCKET_REQUIRED',
      message: expect.stringContaining('PlainFunction (CodeUri src/)'),
    });
    const template = loadTemplate(dir);
    template.Globals!.Function!.CodeUri = 'missing/';
    await expect(packageFunctions(ctx, template, { ...options, bucket: 'b' })).rejects.toMatchObject({
      code: 'CODE_URI_NOT_FOUND',
    });
  });

  it('turns a denied upload into an actionable ARTIFACT_UPLOAD_FAILED', async () => {
    s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(packageDir(copyFixture('plain-app'))).rejects.toMatchObject({
      code: 'ARTIFACT_UPLOAD_FAILED',
      message: expect.stringContaining('s3:PutObject'),
    });
  });
});
