// Step 1 of the deploy stage: read the template, settle the parameter values, mask the secret
// ones and package the functions' code. Every local problem (a missing file, an unknown
// parameter, code that does not build) surfaces here, before any call to the stack.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';
import { DEPLOY_MESSAGES } from './messages.js';
import type { EsbuildLoader } from './package/esbuild.js';
import { packageFunctions, type PackagedTemplate } from './package/package-template.js';
import { parseTemplate, type CfnTemplate } from './template/cfn-yaml.js';
import { checkDeclaredParameters } from './template/parameters.js';
import { assertLmiVersionsRetained } from './template/version-retention.js';

export interface TemplateSource {
  readonly stackName: string;
  /** The template input, relative to cwd. */
  readonly template: string;
  readonly cwd: string;
  readonly artifactBucket: string | undefined;
  /** The parameter-overrides input. */
  readonly parameterOverrides: Readonly<Record<string, string>>;
  /** Values the pipeline itself sets (LiveFunction and the way back); they win over the input. */
  readonly pipelineOverrides: Readonly<Record<string, string>> | undefined;
  readonly loadEsbuild: EsbuildLoader;
  /** False for a plan: artifacts are packaged, not uploaded (see PackageOptions.upload). */
  readonly uploadArtifacts?: boolean;
}

export interface PreparedTemplate {
  readonly packaged: PackagedTemplate;
  /** Every parameter value given to this deployment, the pipeline's winning. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Where this stack's artifacts and large templates go in the bucket. */
  readonly keyPrefix: string;
}

export async function prepareTemplate(
  ctx: PipelineContext,
  source: TemplateSource,
): Promise<PreparedTemplate> {
  const templatePath = resolve(source.cwd, source.template);
  const template = await loadTemplate(templatePath, source.template);
  assertLmiVersionsRetained(template);
  const overrides = mergeOverrides(ctx, source.parameterOverrides, source.pipelineOverrides);
  checkDeclaredParameters(template, overrides);
  maskNoEchoValues(ctx, template, overrides);
  const keyPrefix = `lmi-cutover/${source.stackName}`;
  const packaged = await packageFunctions(ctx, template, {
    templateDir: dirname(templatePath),
    bucket: source.artifactBucket,
    keyPrefix,
    loadEsbuild: source.loadEsbuild,
    upload: source.uploadArtifacts ?? true,
  });
  return { packaged, overrides, keyPrefix };
}

async function loadTemplate(path: string, shown: string): Promise<CfnTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CutoverError(
      'TEMPLATE_NOT_FOUND',
      `The template ${shown} was not found (looked for ${path}). Set the template input to your SAM template's path.`,
    );
  }
  return parseTemplate(text, shown);
}

function mergeOverrides(
  ctx: PipelineContext,
  fromInput: Readonly<Record<string, string>>,
  fromPipeline: Readonly<Record<string, string>> = {},
): Record<string, string> {
  for (const [key, value] of Object.entries(fromPipeline)) {
    // Names only: a value may be a NoEcho secret.
    if (key in fromInput && fromInput[key] !== value) {
      ctx.progress.emit(
        DEPLOY_MESSAGES.overrideIgnored,
        `parameter-overrides sets ${key}, but the pipeline's own value for it wins.`,
      );
    }
  }
  return { ...fromInput, ...fromPipeline };
}

/** NoEcho parameter values are secrets: keep them out of every log line. */
function maskNoEchoValues(ctx: PipelineContext, template: CfnTemplate, values: Record<string, string>): void {
  for (const [key, declaration] of Object.entries(template.Parameters ?? {})) {
    const noEcho = declaration?.NoEcho === true || declaration?.NoEcho === 'true';
    if (noEcho && values[key]) ctx.progress.mask(values[key]);
  }
}
