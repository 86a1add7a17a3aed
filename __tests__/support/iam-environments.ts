// The two environments the policies of docs/iam are written for, and the names a deploy in each
// produces (CloudFormation names a stack's resources `<stack>-<logical id>-<suffix>`), as ARNs the
// tests ask IAM about.
import {
  cloudFormationRolePolicy,
  loadPlanningPolicy,
  loadPolicy,
  type Environment,
  type PolicyDocument,
} from '../../scripts/iam-policies.js';
import { ACCOUNT_ID } from './iam-evaluate.js';

const TEST_REGION = 'eu-west-1';
const TEST_BUCKET = 'lmi-cutover-artifacts';

/** A stack of each environment, as the kit names them (deploy.yml). */
export const STACK_OF: Record<Environment, string> = { staging: 'webhook-pr-14', production: 'webhook-prod' };
export const OTHER: Record<Environment, Environment> = { staging: 'production', production: 'staging' };

export interface EnvironmentPolicies {
  policy: PolicyDocument;
  boundary: PolicyDocument;
  /** The CloudFormation service role's, for role-arn. */
  cloudFormationRole: PolicyDocument;
}

export function policiesOf(
  env: Environment,
  region = TEST_REGION,
  artifactBucket = TEST_BUCKET,
): EnvironmentPolicies {
  const p = { accountId: ACCOUNT_ID, region, artifactBucket };
  const policy = loadPolicy(env, 'policy', p);
  return {
    policy,
    boundary: loadPolicy(env, 'boundary', p),
    cloudFormationRole: cloudFormationRolePolicy(policy),
  };
}

/** The planning role's policy (the kit's `plan` job, environment production-plan), filled in. */
export function planningPolicy(region = TEST_REGION, artifactBucket = TEST_BUCKET): PolicyDocument {
  return loadPlanningPolicy({ accountId: ACCOUNT_ID, region, artifactBucket });
}

/** ARNs of what a deploy of `stack` in `env` creates and uses. */
export function namesOf(env: Environment, stack = STACK_OF[env], region = TEST_REGION) {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;
  return {
    stack,
    stackArn: arn('cloudformation', `stack/${stack}/6c1f0a60-d1f2-11f0-8de9-0a1b2c3d4e5f`),
    transformArn: `arn:aws:cloudformation:${region}:aws:transform/Serverless-2016-10-31`,
    artifact: `arn:aws:s3:::${TEST_BUCKET}/lmi-cutover/${stack}/0f3a9c.zip`,
    function: (qualifier?: string) =>
      arn('lambda', `function:${stack}-WebhookLmiFunction-K3J2L1M0N9B8${qualifier ? `:${qualifier}` : ''}`),
    capacityProvider: arn('lambda', `capacity-provider:${stack}-WebhookCapacityProvider-Q7W6E5R4T3Y2`),
    table: arn('dynamodb', `table/${stack}-WebhookEventsTable-A1S2D3F4G5H6`),
    secret: arn('ssm', `parameter/lmi-cutover/${env}/webhook-signing-secret`),
    logGroup: arn('logs', `log-group:/aws/lambda/${stack}-WebhookLmiFunction-K3J2L1M0N9B8:*`),
    role: (logicalId = 'WebhookLmiFunctionRole') =>
      `arn:aws:iam::${ACCOUNT_ID}:role/${stack}-${logicalId}-Z9X8C7V6B5N4`,
    boundaryArn: `arn:aws:iam::${ACCOUNT_ID}:policy/lmi-cutover-${env}-boundary`,
    cloudFormationRole: `arn:aws:iam::${ACCOUNT_ID}:role/lmi-cutover-${env}-cloudformation`,
    stage: `arn:aws:apigateway:${region}::/restapis/a1b2c3d4e5/stages/prod`,
    restApi: `arn:aws:apigateway:${region}::/restapis/a1b2c3d4e5`,
    /** The collection GetRestApis reads (every REST API of the region, names and ids). */
    restApis: `arn:aws:apigateway:${region}::/restapis`,
    /** The tags the template puts on the REST API and its stage. */
    stageTags: { 'lmi-cutover:stack': stack },
  };
}
