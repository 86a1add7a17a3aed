// Checks docs/iam-policy.json against what the action really calls: statically (every AWS SDK
// command the source sends) and at run time (the emulator's call log of a run).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, unknown>;
}
export interface Policy {
  Version: string;
  Statement: PolicyStatement[];
}

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

/** Every `XCommand` (or `paginateX`) imported from an AWS SDK client anywhere under `dir`, as IAM actions. */
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
        // An SDK paginator (paginateListAliases) sends its operation's command on every page.
        const command = /^([A-Za-z0-9]+)Command$/.exec(imported) ?? /^paginate([A-Za-z0-9]+)$/.exec(imported);
        if (!command) continue;
        // Only commands the file really sends, not ones it merely names in a type.
        const sent = imported.startsWith('paginate') ? `${imported}\\(` : `new ${imported}\\(`;
        if (!new RegExp(sent).test(text)) continue;
        const action = iamActionOf(service, command[1]!);
        found.set(action, [...(found.get(action) ?? []), file]);
      }
    }
  }
  return found;
}

/** Actions the caller's own statements allow (those without an aws:CalledVia condition). */
export function directlyAllowed(policy: Policy): Set<string> {
  return new Set(
    policy.Statement.filter((s) => s.Effect === 'Allow' && !s.Condition).flatMap((s) => s.Action),
  );
}

export function loadPolicy(path = 'docs/iam-policy.json'): Policy {
  return JSON.parse(readFileSync(path, 'utf8')) as Policy;
}
