// The aws_proxy integration's target: the Lambda function named by the integration URI after
// `${stageVariables.*}` substitution, and whether its resource policy lets this API invoke
// it. API Gateway answers 500 when either fails; `reason` says why, for the emulator's log.
import { ACCOUNT_ID } from '../core/ids.js';
import type { FunctionRecord, PolicyStatement } from '../services/lambda/model.js';
import { parseFunctionRef, type FunctionRef } from '../services/lambda/names.js';

export type LambdaTarget = { ok: true; ref: FunctionRef } | { ok: false; reason: string };

const LAMBDA_URI =
  /^arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** Resolves the integration URI to a function and qualifier. */
export function lambdaTarget(uri: string | undefined, variables: Record<string, string>): LambdaTarget {
  if (!uri) return { ok: false, reason: 'the integration has no uri' };
  const missing: string[] = [];
  const resolved = uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
    const value = variables[name];
    if (value === undefined) missing.push(name);
    return value ?? '';
  });
  if (missing.length) {
    return {
      ok: false,
      reason: `Invalid stage variable value: ${missing.join(', ')} is not set on the stage`,
    };
  }
  const m = LAMBDA_URI.exec(resolved);
  if (!m) return { ok: false, reason: `the integration uri ${resolved} does not name a Lambda function` };
  try {
    return { ok: true, ref: parseFunctionRef(m[1]!) };
  } catch (e) {
    return { ok: false, reason: `Invalid function ARN or invalid uri: ${m[1]} (${(e as Error).message})` };
  }
}

/** IAM's ArnLike: `*` any run of characters, `?` one character, case-sensitive. */
function arnLike(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function allows(s: PolicyStatement, sourceArn: string): boolean {
  const principal = s.Principal;
  const service = 'Service' in principal ? principal.Service : principal.AWS;
  if (service !== 'apigateway.amazonaws.com' && service !== '*') return false;
  if (!['lambda:InvokeFunction', 'lambda:*', '*'].includes(s.Action)) return false;
  const like = s.Condition?.ArnLike?.['AWS:SourceArn'];
  if (like !== undefined && !arnLike(like, sourceArn)) return false;
  const account = s.Condition?.StringEquals?.['AWS:SourceAccount'];
  return account === undefined || account === ACCOUNT_ID;
}

/**
 * Whether the function's policy for exactly this qualifier (an alias, a version, or the
 * unqualified function) lets API Gateway invoke it from `sourceArn`
 * (`arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<resource>`).
 */
export function apiMayInvoke(fn: FunctionRecord, qualifier: string | undefined, sourceArn: string): boolean {
  return (fn.policies.get(qualifier ?? '') ?? []).some((s) => allows(s, sourceArn));
}

export const executeApiSourceArn = (
  region: string,
  apiId: string,
  stage: string,
  method: string,
  resource: string,
): string =>
  `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${apiId}/${stage}/${method === 'ANY' ? '*' : method}/${resource.replace(/^\//, '')}`;
