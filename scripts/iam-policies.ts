// The IAM policies of docs/iam filled in for one account, and the policy of the CloudFormation
// service role for `role-arn`:
//
//   node --import tsx scripts/iam-policies.ts --account 123456789012 --region eu-west-1 \
//     --bucket my-artifacts [--out iam-policies]
//
// writes <environment>-policy.json (the deploy role's), <environment>-boundary.json (the
// permissions boundary of the workload's roles) and <environment>-cloudformation-role.json for
// staging and production, and production-plan-policy.json (the planning role's). The files in
// docs/iam keep ACCOUNT_ID, REGION and ARTIFACT_BUCKET as placeholders; the tests evaluate them
// through the same functions.
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

/**
 * The planning role's policy: the kit's `plan` job runs `mode: plan` against the production stack
 * on every pull request, with that pull request's code, so the role may read what a plan reads and
 * create, describe and delete the stack's change sets named as plans (cloudformation:ChangeSetName
 * `lmi-cutover-plan-*`: never the change set a production deploy is about to execute), and nothing
 * else; a Deny statement names the stack operations, so a broader policy attached to the role by
 * mistake still cannot execute one. __tests__/e2e/iam-plan.test.ts derives it from the calls of
 * real plan runs. What it cannot grant narrowly, and what it leaves out on purpose:
 * - cloudwatch:DescribeAlarms (the rollback-alarms lookup) is on `*`. The Service Authorization
 *   Reference lists the `alarm` resource type for it (service-authorization/latest/reference/
 *   list_amazoncloudwatch.html), but rollback-alarms may name any alarm of the account, and the
 *   CloudWatch API Reference (AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html) says
 *   information about composite alarms, which rollback triggers may be, is returned only with the
 *   permission scoped to `*`. It reads alarm configurations, nothing else.
 * - No S3 at all, not even s3:PutObject on `*.template.json`: a plan uploads no code, and a
 *   template is uploaded only once it outgrows CloudFormation's 51,200-byte TemplateBody, which
 *   the kit's does not. Writing to the production prefix would let a pull request plant an object
 *   under the content hash of a template the production deploy later makes: that deploy keeps an
 *   object already there (uploadIfMissing) and CloudFormation would read the planted one. A plan
 *   of a template that size fails with ARTIFACT_UPLOAD_FAILED instead.
 * - No iam:PassRole: a plan never passes role-arn.
 * - cloudformation:GetTemplateSummary and ListStackResources are read only when the deployed
 *   template declares the routing contract without every output (contract-outputs.ts); the
 *   kit's workload declares them all.
 */
export const PLANNING_POLICY = 'production-plan-policy.json';

/** The planning role's policy of docs/iam, placeholders filled. */
export function loadPlanningPolicy(p: Placeholders): PolicyDocument {
  const path = new URL(`../docs/iam/${PLANNING_POLICY}`, import.meta.url);
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

/** Every document of docs/iam filled in for one account, and the service roles' policies, into `out`. */
export function writePolicies(p: Placeholders, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, doc: PolicyDocument) => {
    writeFileSync(join(out, name), `${JSON.stringify(doc, null, 2)}\n`);
    written.push(join(out, name));
  };
  for (const env of ENVIRONMENTS) {
    const policy = loadPolicy(env, 'policy', p);
    write(`${env}-policy.json`, policy);
    write(`${env}-boundary.json`, loadPolicy(env, 'boundary', p));
    write(`${env}-cloudformation-role.json`, cloudFormationRolePolicy(policy));
  }
  write(PLANNING_POLICY, loadPlanningPolicy(p));
  return written;
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
  for (const path of writePolicies(p, values.out)) console.log(path);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
