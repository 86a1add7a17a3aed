// Step 1 of the deploy stage: make every SAM function with a local CodeUri deployable, the
// way `sam build` + `sam package` would: build (esbuild) or zip as is, upload under a content
// hash, and point CodeUri at the S3 object.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import pLimit from 'p-limit';
import { uploadIfMissing, type UploadOutcome } from '../../../aws/s3.js';
import { errorMessage, errorName, isAccessDeniedError } from '../../../core/aws-errors.js';
import type { PipelineContext } from '../../context.js';
import { CutoverError } from '../../../core/errors.js';
import { formatBytes } from '../../../core/format.js';
import { DEPLOY_MESSAGES } from '../messages.js';
import { isRecord, type CfnTemplate } from '../template/cfn-yaml.js';
import { planEsbuild, runEsbuild, type EsbuildLoader } from './esbuild.js';
import { deterministicZip, readDirectoryEntries, sha256Hex } from './zip.js';

export interface PackageOptions {
  /** CodeUri paths are relative to the template's directory, as in SAM. */
  readonly templateDir: string;
  readonly bucket: string | undefined;
  /** Key prefix under the bucket, e.g. `lmi-cutover/my-stack`. */
  readonly keyPrefix: string;
  readonly loadEsbuild: EsbuildLoader;
  /**
   * False for a plan: the keys are computed but nothing is uploaded, so planning needs no write
   * access to the bucket a production deploy reads its code from. The deploy that executes the
   * plan packages the same content-addressed keys and uploads them first.
   */
  readonly upload?: boolean;
}

export interface PackagedArtifact {
  readonly logicalId: string;
  /** CodeUri as the template wrote it. */
  readonly codeUri: string;
  readonly build: 'esbuild' | 'zip' | 'file';
  readonly bucket: string;
  readonly key: string;
  readonly s3Uri: string;
  readonly sha256: string;
  readonly bytes: number;
  /** `not-uploaded`: a plan, which uploads nothing. */
  readonly upload: UploadOutcome | 'not-uploaded';
}

export interface PackagedTemplate {
  readonly template: CfnTemplate;
  readonly artifacts: readonly PackagedArtifact[];
}

interface LocalFunction {
  readonly logicalId: string;
  readonly codeUri: string;
  readonly codePath: string;
  readonly handler: string | undefined;
  readonly metadata: Record<string, unknown>;
  readonly nodeOptions: string | undefined;
}

interface BuiltCode {
  readonly build: PackagedArtifact['build'];
  readonly zip: Uint8Array;
  readonly sha256: string;
  readonly sourcemap: boolean;
}

/** Builds, uploads and rewrites; the input template is not modified. */
export async function packageFunctions(
  ctx: PipelineContext,
  source: CfnTemplate,
  options: PackageOptions,
): Promise<PackagedTemplate> {
  const template = structuredClone(source);
  const functions = findLocalFunctions(template, options.templateDir);
  if (functions.length === 0) return { template, artifacts: [] };
  const bucket = options.bucket;
  if (!bucket) {
    throw new CutoverError(
      'ARTIFACT_BUCKET_REQUIRED',
      `${functions.map((f) => `${f.logicalId} (CodeUri ${f.codeUri})`).join(', ')} ${functions.length === 1 ? 'has' : 'have'} local code, ` +
        "which CloudFormation cannot read: set artifact-bucket to an S3 bucket in the stack's region that the deploy role can write to.",
    );
  }

  const builds = new Map<string, Promise<BuiltCode>>();
  const uploads = new Map<string, Promise<UploadOutcome | 'not-uploaded'>>();
  const uploading = options.upload ?? true;
  const limit = pLimit(4);
  const artifacts = await Promise.all(
    functions.map((fn) =>
      limit(async (): Promise<PackagedArtifact> => {
        // Functions sharing code and build settings are built once.
        const buildKey = JSON.stringify([fn.codePath, fn.handler, fn.metadata, fn.nodeOptions]);
        if (!builds.has(buildKey)) builds.set(buildKey, buildCode(ctx, fn, options.loadEsbuild));
        const built = await builds.get(buildKey)!;
        const key = `${options.keyPrefix}/${built.sha256}.zip`;
        if (!uploads.has(key))
          uploads.set(
            key,
            uploading
              ? upload(ctx, bucket, key, built.zip, 'application/zip')
              : Promise.resolve('not-uploaded'),
          );
        const outcome = await uploads.get(key)!;
        const s3Uri = `s3://${bucket}/${key}`;
        rewriteFunction(template, fn, s3Uri, built.sourcemap);
        ctx.progress.emit(
          DEPLOY_MESSAGES.functionPackaged,
          `${fn.logicalId}: ${built.build === 'esbuild' ? 'bundled with esbuild' : 'zipped'} ${fn.codeUri} → ${s3Uri} ` +
            `(${formatBytes(built.zip.byteLength)}, ${UPLOAD_WORDS[outcome]})`,
        );
        return {
          logicalId: fn.logicalId,
          codeUri: fn.codeUri,
          build: built.build,
          bucket,
          key,
          s3Uri,
          sha256: built.sha256,
          bytes: built.zip.byteLength,
          upload: outcome,
        };
      }),
    ),
  );

  // Every function that inherited a local Globals CodeUri now has its own S3 CodeUri.
  const globals = template.Globals?.Function;
  if (globals && isLocalCodeUri(globals.CodeUri)) delete globals.CodeUri;
  return { template, artifacts };
}

const UPLOAD_WORDS: Record<PackagedArtifact['upload'], string> = {
  uploaded: 'uploaded',
  exists: 'already uploaded',
  'not-uploaded': 'not uploaded: a plan uploads nothing, the deploy that executes it does',
};

/** A CodeUri CloudFormation cannot read itself: a plain path, not s3:// nor {Bucket, Key}. */
const isLocalCodeUri = (codeUri: unknown): codeUri is string =>
  typeof codeUri === 'string' && codeUri.trim() !== '' && !/^[a-z0-9]+:\/\//i.test(codeUri);

function findLocalFunctions(template: CfnTemplate, templateDir: string): LocalFunction[] {
  const globals = template.Globals?.Function ?? {};
  const found: LocalFunction[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const props = resource.Properties ?? {};
    const packageType = props.PackageType ?? globals.PackageType;
    if (props.InlineCode !== undefined || props.ImageUri !== undefined || packageType === 'Image') continue;
    const codeUri = props.CodeUri ?? globals.CodeUri;
    if (!isLocalCodeUri(codeUri)) continue;
    const env = (props.Environment ?? globals.Environment) as
      { Variables?: Record<string, unknown> } | undefined;
    const nodeOptions = env?.Variables?.NODE_OPTIONS;
    found.push({
      logicalId,
      codeUri,
      codePath: resolve(templateDir, codeUri),
      handler:
        typeof (props.Handler ?? globals.Handler) === 'string'
          ? String(props.Handler ?? globals.Handler)
          : undefined,
      metadata: isRecord(resource.Metadata) ? resource.Metadata : {},
      nodeOptions: typeof nodeOptions === 'string' ? nodeOptions : undefined,
    });
  }
  return found;
}

async function buildCode(
  ctx: PipelineContext,
  fn: LocalFunction,
  loadEsbuild: EsbuildLoader,
): Promise<BuiltCode> {
  if (!existsSync(fn.codePath)) {
    throw new CutoverError(
      'CODE_URI_NOT_FOUND',
      `${fn.logicalId}: CodeUri ${fn.codeUri} does not exist (looked for ${fn.codePath}). CodeUri is relative to the template's folder.`,
    );
  }
  const isDirectory = statSync(fn.codePath).isDirectory();
  const buildMethod = fn.metadata.BuildMethod;
  if (buildMethod === 'esbuild') {
    if (!isDirectory) {
      throw new CutoverError(
        'CODE_URI_NOT_FOUND',
        `${fn.logicalId}: an esbuild CodeUri must be a folder, not ${fn.codeUri}.`,
      );
    }
    const buildProperties = isRecord(fn.metadata.BuildProperties) ? fn.metadata.BuildProperties : {};
    const plan = planEsbuild({ ...fn, codeDir: fn.codePath, buildProperties });
    if (plan.ignoredProperties.length > 0) {
      ctx.progress.emit(
        DEPLOY_MESSAGES.buildPropertiesIgnored,
        `${fn.logicalId}: BuildProperties not supported and ignored: ${plan.ignoredProperties.join(', ')}`,
      );
    }
    const esbuild = await loadEsbuild(fn.codePath);
    const files = await runEsbuild(esbuild, { ...fn, codeDir: fn.codePath, buildProperties }, plan);
    const zip = await deterministicZip(files);
    return { build: 'esbuild', zip, sha256: sha256Hex(zip), sourcemap: plan.sourcemap };
  }
  if (buildMethod !== undefined) {
    ctx.progress.emit(
      DEPLOY_MESSAGES.buildMethodUnsupported,
      `${fn.logicalId}: Metadata.BuildMethod ${JSON.stringify(buildMethod)} is not built by lmi-cutover (only esbuild is); zipping ${fn.codeUri} as is.`,
    );
  }
  if (!isDirectory) {
    const data = await readFile(fn.codePath);
    // A ready-made archive is uploaded untouched, as `aws cloudformation package` does.
    if (/\.(zip|jar)$/i.test(fn.codePath))
      return { build: 'file', zip: data, sha256: sha256Hex(data), sourcemap: false };
    const zip = await deterministicZip([{ path: basename(fn.codePath), data }]);
    return { build: 'zip', zip, sha256: sha256Hex(zip), sourcemap: false };
  }
  const entries = await readDirectoryEntries(fn.codePath);
  if (entries.length === 0) {
    throw new CutoverError(
      'CODE_URI_NOT_FOUND',
      `${fn.logicalId}: CodeUri ${fn.codeUri} is an empty folder.`,
    );
  }
  const zip = await deterministicZip(entries);
  return { build: 'zip', zip, sha256: sha256Hex(zip), sourcemap: false };
}

function rewriteFunction(template: CfnTemplate, fn: LocalFunction, s3Uri: string, sourcemap: boolean): void {
  const resource = template.Resources[fn.logicalId]!;
  const props = (resource.Properties ??= {});
  props.CodeUri = s3Uri;
  // As `sam build` does: bundled source maps only help when Node is told to use them.
  if (sourcemap && !fn.nodeOptions) {
    const env = (props.Environment ??= {}) as { Variables?: Record<string, unknown> };
    (env.Variables ??= {}).NODE_OPTIONS = '--enable-source-maps';
  }
}

/** Uploads unless the content-addressed key exists; bucket problems become actionable errors. */
export async function upload(
  ctx: PipelineContext,
  bucket: string,
  key: string,
  body: Uint8Array,
  contentType: string,
): Promise<UploadOutcome> {
  try {
    return await uploadIfMissing(ctx.aws.s3, { bucket, key, body, contentType });
  } catch (e) {
    if (isAccessDeniedError(e) || errorName(e) === 'NoSuchBucket' || errorName(e) === 'PermanentRedirect') {
      throw new CutoverError(
        'ARTIFACT_UPLOAD_FAILED',
        `Cannot upload s3://${bucket}/${key}: ${errorMessage(e)}. The artifact bucket must exist in the stack's region ` +
          `and the deploy role needs s3:GetObject and s3:PutObject on arn:aws:s3:::${bucket}/*.`,
        [],
        { cause: e },
      );
    }
    throw e;
  }
}
