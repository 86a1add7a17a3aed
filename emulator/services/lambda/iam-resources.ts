// The resource each Lambda request is authorized against, for the call log: the function as
// named, with the qualifier it carries (Lambda authorizes a version or alias by its qualified ARN,
// so a policy can tell `function:name` from `function:name:3`), or the capacity provider; and the
// principal AddPermission grants.
import type { CallResource } from '../../core/calls.js';
import type { ResourceCall } from '../../http/rest-json-service.js';
import { capacityProviderArn, functionArn, parseFunctionRef } from './names.js';

export function lambdaResources(region: string, { req, params }: ResourceCall): CallResource[] {
  if (params.FunctionName !== undefined) {
    const ref = parseFunctionRef(params.FunctionName, req.query.get('Qualifier'));
    return [{ arn: functionArn(region, ref.name, ref.qualifier) }];
  }
  if (params.CapacityProviderName !== undefined) {
    const name = params.CapacityProviderName.split(':').pop()!;
    return [{ arn: capacityProviderArn(region, name) }];
  }
  // CreateFunction and the listings: CreateFunction's name is in its body.
  if (req.method === 'POST' && /\/functions$/.test(req.rawPath)) {
    const name = (JSON.parse(req.body.toString('utf8') || '{}') as { FunctionName?: string }).FunctionName;
    if (name) return [{ arn: functionArn(region, parseFunctionRef(name).name) }];
  }
  return [{ arn: '*' }];
}

/** AddPermission's principal: a deploy policy may allow granting only API Gateway (lambda:Principal). */
export function lambdaConditionKeys({ req, operation }: ResourceCall): Record<string, string> | undefined {
  if (operation !== 'AddPermission') return undefined;
  const principal = (JSON.parse(req.body.toString('utf8') || '{}') as { Principal?: unknown }).Principal;
  return typeof principal === 'string' ? { 'lambda:Principal': principal } : undefined;
}
