// Where a change set's template comes from: TemplateBody, TemplateURL (read from the
// emulated S3, in any of the URL forms AWS accepts), or the stack's previous template.
import { AwsError } from '../../errors.js';
import type { S3Reader } from '../s3/index.js';
import { parseS3Url } from '../s3/location.js';

export async function readTemplateBody(
  input: { TemplateBody?: string; TemplateURL?: string; UsePreviousTemplate?: string | boolean },
  s3: S3Reader,
  previous: string | undefined,
): Promise<string> {
  const usePrevious = input.UsePreviousTemplate === true || input.UsePreviousTemplate === 'true';
  const given = [input.TemplateBody !== undefined, input.TemplateURL !== undefined, usePrevious].filter(
    Boolean,
  ).length;
  if (given === 0)
    throw new AwsError('ValidationError', 'Either Template URL or Template Body must be specified.');
  if (given > 1) {
    throw new AwsError(
      'ValidationError',
      'Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.',
    );
  }
  if (input.TemplateBody !== undefined) return input.TemplateBody;
  if (usePrevious) {
    if (previous === undefined)
      throw new AwsError('ValidationError', 'UsePreviousTemplate can only be used with an existing stack.');
    return previous;
  }
  const loc = parseS3Url(input.TemplateURL!);
  if (!loc) {
    throw new AwsError(
      'ValidationError',
      `TemplateURL must be a supported URL (an S3 object URL): ${input.TemplateURL}`,
    );
  }
  try {
    return (await s3.getObject(loc.bucket, loc.key, loc.versionId)).toString('utf8');
  } catch (e) {
    const err = e as AwsError;
    const detail = err.code === 'NoSuchKey' || err.code === 'NoSuchBucket' ? 'Access Denied' : err.message;
    throw new AwsError(
      'ValidationError',
      `S3 error: ${detail} reading ${input.TemplateURL} (${err.code ?? 'Error'})`,
    );
  }
}
