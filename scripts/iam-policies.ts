// The IAM policies of docs/iam filled in for one account, and the policy of the CloudFormation
// service role for `role-arn`:
//
//   node --import tsx scripts/iam-policies.ts --account 123456789012 --region eu-west-1 \
//     --bucket my-artifacts [--out iam-policies]
//
// writes <environment>-policy.json (the deploy role's), <environment>-boundary.json (the
// permissions boundary of the workload's roles) and <environment>-cloudformation-role.json for
// staging and production. The files in docs/iam keep ACCOUNT_ID, REGION and ARTIFACT_BUCKET as
// placeholders; the tests evaluate them through the same functions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const ENVIRONMENTS = ['staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

export interface Placeholders {
  accountId: string;
  region: string;
  artifactBucket: string;
}

/** The placeholders replaced, as whole words so `REGION` inside other words is left alone. */
export function fillPlaceholders(text: string, p: Placeholders): string {
  return text
    .replace(/\bACCOUNT_ID\b/g, p.accountId)
    .replace(/\bREGION\b/g, p.region)
    .replace(/\bARTIFACT_BUCKET\b/g, p.artifactBucket);
}

/** One of docs/iam's documents, placeholders filled. */
export function loadPolicy(env: Environment, kind: 'policy' | 'boundary', p: Placeholders): PolicyDocument {
  const path = new URL(`../docs/iam/${env}-${kind}.json`, import.meta.url);
  return JSON.parse(fillPlaceholders(readFileSync(path, 'utf8'), p)) as PolicyDocument;
}

/** Statements of what CloudFormation does on the stack's behalf: their Sid says so. */
export const isCloudFormationStatement = (s: PolicyStatement): boolean => s.Sid.startsWith('CloudFormation');

/**
 * The service role's policy when the deploy passes `role-arn`: CloudFormation then calls with
 * that role's own credentials (aws:CalledVia is not set), so it gets the CloudFormation
 * statements without that condition, and the same guard rails.
 */
export function cloudFormationRolePolicy(policy: PolicyDocument): PolicyDocument {
  const statements = policy.Statement.filter((s) => isCloudFormationStatement(s) || s.Effect === 'Deny').map(
    (s) => {
      if (!s.Condition) return s;
      const condition = Object.fromEntries(
        Object.entries(s.Condition)
          .map(([op, keys]) => [
            op,
            Object.fromEntries(Object.entries(keys).filter(([k]) => k !== 'aws:CalledVia')),
          ])
          .filter(([, keys]) => Object.keys(keys as object).length > 0),
      ) as PolicyStatement['Condition'];
      const { Condition: _dropped, ...rest } = s;
      return Object.keys(condition!).length > 0 ? { ...rest, Condition: condition } : rest;
    },
  );
  return { Version: policy.Version, Statement: statements };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      region: { type: 'string' },
      bucket: { type: 'string' },
      out: { type: 'string', default: 'iam-policies' },
    },
  });
  if (!values.account || !/^\d{12}$/.test(values.account) || !values.region || !values.bucket) {
    console.error(
      'usage: node --import tsx scripts/iam-policies.ts --account <12 digits> --region <region> --bucket <artifact bucket> [--out <dir>]',
    );
    process.exit(2);
  }
  const p = { accountId: values.account, region: values.region, artifactBucket: values.bucket };
  mkdirSync(values.out, { recursive: true });
  const write = (name: string, doc: PolicyDocument) => {
    writeFileSync(join(values.out!, name), `${JSON.stringify(doc, null, 2)}\n`);
    console.log(join(values.out!, name));
  };
  for (const env of ENVIRONMENTS) {
    const policy = loadPolicy(env, 'policy', p);
    write(`${env}-policy.json`, policy);
    write(`${env}-boundary.json`, loadPolicy(env, 'boundary', p));
    write(`${env}-cloudformation-role.json`, cloudFormationRolePolicy(policy));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
