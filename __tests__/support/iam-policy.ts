// What the action calls, as IAM requests: statically (every AWS SDK command the source sends, as
// IAM actions) and at run time (the emulator's call log of a run, with each call's resources,
// tags and condition keys), to be evaluated against the policies of docs/iam.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord } from '../../emulator/index.js';
import { isCloudFormationStatement, type PolicyDocument } from '../../scripts/iam-policies.js';
import type { IamRequest } from './iam-evaluate.js';

const SERVICE_OF_PACKAGE: Record<string, string> = {
  'client-cloudformation': 'cloudformation',
  'client-lambda': 'lambda',
  'client-api-gateway': 'apigateway',
  'client-s3': 's3',
  'client-dynamodb': 'dynamodb',
  'client-ssm': 'ssm',
  'client-cloudwatch': 'cloudwatch',
};

// API Gateway's IAM actions are HTTP verbs on resource paths, not operation names.
const APIGATEWAY_VERB: Record<string, string> = {
  GetStage: 'GET',
  GetStages: 'GET',
  GetRestApi: 'GET',
  GetRestApis: 'GET',
  GetDeployments: 'GET',
  UpdateStage: 'PATCH',
  CreateDeployment: 'POST',
};

/** The IAM action an API operation needs. */
export function iamActionOf(service: string, operation: string): string {
  switch (service) {
    case 'apigateway': {
      const verb = APIGATEWAY_VERB[operation];
      if (!verb) throw new Error(`no IAM action known for apigateway ${operation}`);
      return `apigateway:${verb}`;
    }
    case 'lambda':
      return operation === 'Invoke' ? 'lambda:InvokeFunction' : `lambda:${operation}`;
    // CloudWatch's SigV4 name is `monitoring`; its IAM prefix is `cloudwatch`.
    case 'monitoring':
      return `cloudwatch:${operation}`;
    case 's3':
      if (operation === 'HeadObject') return 's3:GetObject';
      if (operation === 'ListObjectsV2') return 's3:ListBucket';
      return `s3:${operation}`;
    default:
      return `${service}:${operation}`;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every `XCommand` (and every `paginateX` paginator, which sends XCommand page by page)
 * imported from an AWS SDK client anywhere under `dir`, as IAM actions.
 */
export function actionsCalledBySource(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const importRe = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g;
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const service = SERVICE_OF_PACKAGE[m[2]!];
      if (!service) continue;
      for (const name of m[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, ''))) {
        const imported = name.split(/\s+as\s+/)[0]!;
        const operation =
          /^([A-Za-z0-9]+)Command$/.exec(imported)?.[1] ?? /^paginate([A-Za-z0-9]+)$/.exec(imported)?.[1];
        if (!operation) continue;
        // Only operations the file really calls, not ones it merely names in a type.
        const call = imported.startsWith('paginate') ? `${imported}\\(` : `new ${imported}\\(`;
        if (!new RegExp(call).test(text)) continue;
        const action = iamActionOf(service, operation);
        found.set(action, [...(found.get(action) ?? []), file]);
      }
    }
  }
  return found;
}

/**
 * Actions the deploy role's own statements allow: those that are not about what CloudFormation
 * does on the stack's behalf (their Sid starts with CloudFormation).
 */
export function directlyAllowed(policy: PolicyDocument): Set<string> {
  return new Set(
    policy.Statement.filter((s) => s.Effect === 'Allow' && !isCloudFormationStatement(s)).flatMap(
      (s) => s.Action,
    ),
  );
}

/** The IAM requests behind one recorded call: one per resource it is authorized against. */
export function requestsOfCall(call: CallRecord): IamRequest[] {
  if (!call.resources?.length) {
    throw new Error(`the call log names no resource for ${call.service} ${call.operation}`);
  }
  const action = iamActionOf(call.service, call.operation);
  return call.resources.map((r) => ({
    action,
    resource: r.arn,
    ...(call.conditionKeys ? { context: call.conditionKeys } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
  }));
}
