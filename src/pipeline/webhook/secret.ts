// The webhook signing secret, read from the SSM SecureString the functions read, and masked
// before anything can print it. The parameter's name comes from the LMI function's own
// environment (SIGNING_SECRET_PARAMETER), so the checks sign with what the function verifies.
import { getSecureParameter } from '../../aws/ssm.js';
import { errorMessage, errorName, isAccessDeniedError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { shellQuote } from '../../core/format.js';

export const SECRET_PARAMETER_VARIABLE = 'SIGNING_SECRET_PARAMETER';

export async function readSigningSecret(ctx: PipelineContext, parameterName: string): Promise<string> {
  let value: string | undefined;
  try {
    value = await getSecureParameter(ctx.aws.ssm, parameterName);
  } catch (e) {
    if (errorName(e) === 'ParameterNotFound') {
      throw new CutoverError(
        'SIGNING_SECRET_UNAVAILABLE',
        `The webhook signing secret ${parameterName} does not exist in SSM Parameter Store. Create it once per account and region: ` +
          `aws ssm put-parameter --type SecureString --name ${shellQuote(parameterName)} --value "$(openssl rand -hex 32)"`,
        [],
        { cause: e },
      );
    }
    if (isAccessDeniedError(e)) {
      throw new CutoverError(
        'ACCESS_DENIED',
        `AWS denied reading the signing secret ${parameterName}: ${errorMessage(e)}. Grant the deploy role ssm:GetParameter on it ` +
          '(and kms:Decrypt when it is encrypted with a customer-managed key).',
        [],
        { cause: e },
      );
    }
    throw e;
  }
  if (!value) {
    throw new CutoverError(
      'SIGNING_SECRET_UNAVAILABLE',
      `The SSM parameter ${parameterName} has no value; put the webhook signing secret in it.`,
    );
  }
  ctx.progress.mask(value);
  return value;
}
