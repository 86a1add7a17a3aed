// Where CloudFormation reads the packaged template from: inline when it fits under the
// TemplateBody limit (readable JSON first, compact JSON next), else from the artifact bucket
// under its content hash, so an unchanged template is never uploaded twice.
import { s3EndpointOverride } from '../../aws/clients.js';
import { s3ObjectUrl } from '../../aws/s3.js';
import { CutoverError } from '../../core/errors.js';
import { formatBytes } from '../../core/format.js';
import type { PipelineContext } from '../context.js';
import { DEPLOY_MESSAGES } from './messages.js';
import { upload } from './package/package-template.js';
import { sha256Hex } from './package/zip.js';
import { dumpTemplate, type CfnTemplate } from './template/cfn-yaml.js';

/** CloudFormation's limit for TemplateBody; larger templates must come from S3. */
const TEMPLATE_BODY_LIMIT = 51_200;

/** Where the template went, for the report. */
export type TemplateLocation =
  | { readonly kind: 'body'; readonly bytes: number }
  | { readonly kind: 'url'; readonly bytes: number; readonly url: string };

export interface PlacedTemplate {
  readonly location: TemplateLocation;
  /** What the change set is created from. */
  readonly templateArg: { readonly body: string } | { readonly url: string };
}

export async function placeTemplate(
  ctx: PipelineContext,
  template: CfnTemplate,
  keyPrefix: string,
  bucket: string | undefined,
): Promise<PlacedTemplate> {
  const pretty = dumpTemplate(template, 'json');
  const compact = dumpTemplate(template, 'json', { compact: true });
  for (const body of [pretty, compact]) {
    const bytes = Buffer.byteLength(body);
    if (bytes <= TEMPLATE_BODY_LIMIT) return { location: { kind: 'body', bytes }, templateArg: { body } };
  }
  const body = Buffer.from(pretty);
  if (!bucket) {
    throw new CutoverError(
      'TEMPLATE_TOO_LARGE',
      `The packaged template is ${body.byteLength} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for inline templates: ` +
        'set artifact-bucket so it can be uploaded to S3.',
    );
  }
  const key = `${keyPrefix}/${sha256Hex(body)}.template.json`;
  const outcome = await upload(ctx, bucket, key, body, 'application/json');
  const url = s3ObjectUrl(bucket, key, await ctx.aws.region(), s3EndpointOverride(ctx.aws.options));
  ctx.progress.emit(
    DEPLOY_MESSAGES.templateUploaded,
    `Template is ${formatBytes(body.byteLength)} (over ${TEMPLATE_BODY_LIMIT} bytes): ${outcome === 'exists' ? 'already in' : 'uploaded to'} ${url}`,
  );
  return { location: { kind: 'url', bytes: body.byteLength, url }, templateArg: { url } };
}
