// The webhook signing secrets, read from the SSM SecureString the functions read, and masked
// before anything can print them. The parameter's name comes from the LMI function's own
// environment (SIGNING_SECRET_PARAMETER), so the checks sign with what the function verifies.
// The value is one or more whitespace-separated `whsec_` secrets (two while a rotation overlaps).
import { getSecureParameter } from '../../aws/ssm.js';
import { errorMessage, errorName, isAccessDeniedError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { shellQuote } from '../../core/format.js';
import { parseSigningSecrets, type SigningSecrets } from './signature.js';

export const SECRET_PARAMETER_VARIABLE = 'SIGNING_SECRET_PARAMETER';

/** The command that creates (or, with --overwrite, replaces) the parameter with a fresh secret. */
const putParameter = (parameterName: string, overwrite = false) =>
  `aws ssm put-parameter --type SecureString${overwrite ? ' --overwrite' : ''} --name ${shellQuote(parameterName)} ` +
  '--value "whsec_$(openssl rand -base64 32)"';

export async function readSigningSecret(
  ctx: PipelineContext,
  parameterName: string,
): Promise<SigningSecrets> {
  let value: string | undefined;
  try {
    value = await getSecureParameter(ctx.aws.ssm, parameterName);
  } catch (e) {
    if (errorName(e) === 'ParameterNotFound') {
      throw new CutoverError(
        'SIGNING_SECRET_UNAVAILABLE',
        `The webhook signing secret ${parameterName} does not exist in SSM Parameter Store. Create it once per account and region: ` +
          putParameter(parameterName),
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
      `The SSM parameter ${parameterName} has no value; put the webhook signing secret in it: ${putParameter(parameterName, true)}`,
    );
  }
  // Masked before it is even judged: whatever the value is, it must never be printed.
  ctx.progress.mask(value);
  const parsed = parseSigningSecrets(value);
  if (!parsed.ok) {
    throw new CutoverError(
      'SIGNING_SECRET_UNAVAILABLE',
      `The SSM parameter ${parameterName} does not hold webhook signing secrets in the Standard Webhooks format ` +
        `(one or more whitespace-separated whsec_<base64 of a 24-64 byte key>): ${parsed.problem}. ` +
        `The functions refuse every webhook (503) until it does. Put a new secret in it: ${putParameter(parameterName, true)} ` +
        '— and sign with it on the sender side (README: Signing webhooks).',
    );
  }
  // Each secret alone too (the value may hold two), and its base64 without the prefix.
  for (const secret of new Set(parsed.secrets.masked)) if (secret !== value) ctx.progress.mask(secret);
  return parsed.secrets;
}
