// The policies of docs/iam, evaluated by an IAM policy simulator: every AWS call the source can
// make is allowed in both environments (on the resources it makes it on), nothing is allowed
// directly that the action never calls, the two environments differ only in their names, and a
// table of forbidden requests is denied: admin roles, boundary escapes, roles passed where they
// should not go, and each environment reaching into the other's stacks, functions, stages, table,
// secret and artifacts. The run-time side (every call of a real `full` run, and what
// CloudFormation does for the stack) is __tests__/e2e/iam-calls.test.ts.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  ENVIRONMENTS,
  isCloudFormationStatement,
  type Environment,
  type PolicyDocument,
} from '../../scripts/iam-policies.js';
import {
  describeRequest,
  evaluate,
  notAllowed,
  VIA_CLOUDFORMATION,
  type Decision,
  type IamRequest,
} from '../support/iam-evaluate.js';
import { namesOf, OTHER, policiesOf } from '../support/iam-environments.js';
import { actionsCalledBySource, directlyAllowed, iamActionOf } from '../support/iam-policy.js';

const called = actionsCalledBySource('src');

/** Where the source makes each call, as a request in `env`: throws for a call it has no sample of. */
function sampleRequests(action: string, env: Environment): IamRequest[] {
  const n = namesOf(env);
  const [service] = action.split(':');
  switch (action) {
    case 'cloudformation:CreateChangeSet':
      return [
        { action, resource: n.stackArn },
        { action, resource: n.transformArn },
      ];
    case 's3:GetObject':
    case 's3:PutObject':
      return [{ action, resource: n.artifact }];
    case 'lambda:GetCapacityProvider':
    case 'lambda:ListFunctionVersionsByCapacityProvider':
      return [{ action, resource: n.capacityProvider }];
    case 'lambda:ListAliases':
    case 'lambda:ListVersionsByFunction':
      return [{ action, resource: n.function() }];
    case 'lambda:AddPermission':
      return [
        { action, resource: n.function('7'), context: { 'lambda:Principal': 'apigateway.amazonaws.com' } },
      ];
    case 'apigateway:GET':
      // destroy lists the region's REST APIs: CloudWatch names API Gateway's metrics by API name.
      return [
        { action, resource: n.stage, tags: n.stageTags },
        { action, resource: n.restApis },
      ];
    case 'apigateway:PATCH':
      return [{ action, resource: n.stage, tags: n.stageTags }];
    case 'ssm:GetParameter':
      return [{ action, resource: n.secret }];
    case 'cloudwatch:DescribeAlarms':
      return [{ action, resource: `arn:aws:cloudwatch:eu-west-1:000000000000:alarm:webhook-errors` }];
    case 'cloudwatch:GetMetricData':
      return [{ action, resource: '*' }];
  }
  if (service === 'cloudformation') return [{ action, resource: n.stackArn }];
  if (service === 'dynamodb') return [{ action, resource: n.table }];
  // Versions: the action always names one (Qualifier).
  if (service === 'lambda') return [{ action, resource: n.function('7') }];
  throw new Error(`no sample request for ${action}: add where the action calls it`);
}

describe.each(ENVIRONMENTS)('docs/iam/%s-policy.json against the source', (env) => {
  const { policy } = policiesOf(env);

  it('allows every AWS call the action can make, on the resources it makes it on', async () => {
    const requests = [...called.keys()].flatMap((a) => sampleRequests(a, env));
    expect(requests.length).toBeGreaterThan(called.size - 1);
    expect(await notAllowed({ identity: policy }, requests)).toEqual([]);
  });

  it('allows nothing directly that the action never calls (iam:PassRole is CreateChangeSet with role-arn)', () => {
    const unused = [...directlyAllowed(policy)].filter((a) => !called.has(a) && a !== 'iam:PassRole');
    expect(unused).toEqual([]);
  });

  it('conditions what CloudFormation does for the stack on aws:CalledVia, but for passing roles to Lambda and reading the artifacts', () => {
    const unconditioned = policy.Statement.filter(
      (s) => isCloudFormationStatement(s) && !JSON.stringify(s.Condition ?? {}).includes('aws:CalledVia'),
    ).map((s) => [s.Sid, s.Action, s.Condition]);
    expect(unconditioned).toEqual([
      [
        'CloudFormationPassesTheWorkloadRolesToLambda',
        ['iam:PassRole'],
        { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      ],
      ['CloudFormationReadsTheArtifacts', ['s3:GetObject'], undefined],
    ]);
  });

  it('lets the action pass only its CloudFormation service role, and only to CloudFormation', async () => {
    const n = namesOf(env);
    const pass = (resource: string, service: string): IamRequest => ({
      action: 'iam:PassRole',
      resource,
      context: { 'iam:PassedToService': service },
    });
    expect(
      await evaluate({ identity: policy }, pass(n.cloudFormationRole, 'cloudformation.amazonaws.com')),
    ).toBe('Allowed');
    expect(await evaluate({ identity: policy }, pass(n.cloudFormationRole, 'lambda.amazonaws.com'))).not.toBe(
      'Allowed',
    );
    expect(
      await evaluate(
        { identity: policy },
        pass(namesOf(OTHER[env]).cloudFormationRole, 'cloudformation.amazonaws.com'),
      ),
    ).not.toBe('Allowed');
  });
});

describe('the two environments', () => {
  /** Staging's document with production's names: what production's must be, word for word. */
  function asProduction(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(asProduction);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asProduction(x)]));
    if (typeof v !== 'string') return v;
    if (v === 'webhook-pr-*') return 'webhook-prod';
    return v
      .replace('stack/webhook-pr-*/*', 'stack/webhook-prod/*')
      .replace('lmi-cutover/webhook-pr-*', 'lmi-cutover/webhook-prod/*')
      .replaceAll('webhook-pr-*', 'webhook-prod-*')
      .replaceAll('staging', 'production');
  }
  const read = (name: string) => JSON.parse(readFileSync(`docs/iam/${name}.json`, 'utf8')) as PolicyDocument;

  it.each(['policy', 'boundary'])('differ only in their names (%s)', (kind) => {
    expect(read(`production-${kind}`)).toEqual(asProduction(read(`staging-${kind}`)));
  });

  it('use prefixes neither of which matches the other’s names', () => {
    // "webhook-pr-*" needs a hyphen where "webhook-prod" has an o.
    expect('webhook-prod'.startsWith('webhook-pr-')).toBe(false);
    expect('webhook-pr-14'.startsWith('webhook-prod')).toBe(false);
  });
});

interface Forbidden {
  name: string;
  request: IamRequest;
  /** Denied by an explicit Deny rather than by nothing allowing it. */
  explicit?: boolean;
  /** About the deploy role acting itself; CloudFormation's service role may do it for the stack. */
  direct?: boolean;
}

/** Requests neither policy may allow, as `env`'s deploy role would make them. */
function forbidden(env: Environment): Forbidden[] {
  const own = namesOf(env);
  const other = namesOf(OTHER[env]);
  const viaCfn = (context: Record<string, string | string[]> = {}) => ({ ...VIA_CLOUDFORMATION, ...context });
  const bounded = { 'iam:PermissionsBoundary': own.boundaryArn };
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  return [
    {
      name: 'creating an admin role without the boundary (CloudFormation)',
      request: { action: 'iam:CreateRole', resource: own.role('Admin'), context: viaCfn() },
      explicit: true,
    },
    {
      name: 'creating a role under the other environment’s boundary',
      request: {
        action: 'iam:CreateRole',
        resource: own.role('Admin'),
        context: viaCfn({ 'iam:PermissionsBoundary': other.boundaryArn }),
      },
      explicit: true,
    },
    {
      name: 'creating a role outside the stack prefix, even with the boundary',
      request: {
        action: 'iam:CreateRole',
        resource: 'arn:aws:iam::000000000000:role/ci-admin',
        context: viaCfn(bounded),
      },
    },
    {
      name: 'creating a role of the other environment',
      request: { action: 'iam:CreateRole', resource: other.role(), context: viaCfn(bounded) },
    },
    {
      name: 'creating a role directly, not through CloudFormation',
      request: { action: 'iam:CreateRole', resource: own.role(), context: bounded },
      direct: true,
    },
    {
      name: 'attaching AdministratorAccess to a bounded role of the stack',
      request: {
        action: 'iam:AttachRolePolicy',
        resource: own.role(),
        context: viaCfn({ ...bounded, 'iam:PolicyARN': admin }),
      },
    },
    {
      name: 'attaching AdministratorAccess to a role without the boundary',
      request: {
        action: 'iam:AttachRolePolicy',
        resource: own.role(),
        context: viaCfn({ 'iam:PolicyARN': admin }),
      },
      explicit: true,
    },
    {
      name: 'putting an inline policy (say *:*) on a role without the boundary',
      request: { action: 'iam:PutRolePolicy', resource: own.role(), context: viaCfn() },
      explicit: true,
    },
    {
      name: 'deleting a role’s permissions boundary',
      request: {
        action: 'iam:DeleteRolePermissionsBoundary',
        resource: own.role(),
        context: viaCfn(bounded),
      },
      explicit: true,
    },
    {
      name: 'changing a role’s boundary to AdministratorAccess',
      request: {
        action: 'iam:PutRolePermissionsBoundary',
        resource: own.role(),
        context: viaCfn({ 'iam:PermissionsBoundary': admin }),
      },
      explicit: true,
    },
    {
      name: 'editing the boundary policy itself',
      request: { action: 'iam:CreatePolicyVersion', resource: own.boundaryArn },
      explicit: true,
    },
    {
      name: 'passing a workload role to EC2',
      request: {
        action: 'iam:PassRole',
        resource: own.role(),
        context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      },
    },
    {
      name: 'passing a role outside the prefix to Lambda',
      request: {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::000000000000:role/ci-admin',
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      },
    },
    {
      name: 'passing the other environment’s role to Lambda',
      request: {
        action: 'iam:PassRole',
        resource: other.role(),
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      },
    },
    ...(['CreateChangeSet', 'ExecuteChangeSet', 'DeleteStack', 'DescribeStacks'] as const).map((a) => ({
      name: `cloudformation:${a} on the other environment’s stack`,
      request: { action: `cloudformation:${a}`, resource: other.stackArn },
    })),
    {
      name: 'importing existing resources (another environment’s) into a stack',
      request: {
        action: 'cloudformation:CreateChangeSet',
        resource: own.stackArn,
        context: { 'cloudformation:ImportResourceTypes': ['AWS::ApiGateway::Stage'] },
      },
      explicit: true,
    },
    {
      name: 'invoking the other environment’s function',
      request: { action: 'lambda:InvokeFunction', resource: other.function('7') },
    },
    {
      name: 'deleting a version of the other environment’s function',
      request: { action: 'lambda:DeleteFunction', resource: other.function('7') },
    },
    {
      name: 'deleting the other environment’s function through CloudFormation',
      request: { action: 'lambda:DeleteFunction', resource: other.function(), context: viaCfn() },
    },
    {
      name: 'deleting a whole function (an unqualified ARN) directly',
      request: { action: 'lambda:DeleteFunction', resource: own.function() },
      direct: true,
    },
    {
      name: 'letting anyone invoke a version (AddPermission for principal *)',
      request: {
        action: 'lambda:AddPermission',
        resource: own.function('7'),
        context: { 'lambda:Principal': '*' },
      },
    },
    {
      name: 'letting anyone invoke a function through CloudFormation (a Permission for principal *)',
      request: {
        action: 'lambda:AddPermission',
        resource: own.function(),
        context: viaCfn({ 'lambda:Principal': '*' }),
      },
    },
    {
      name: 'reading a REST API itself (its definition), beyond the list of names',
      request: { action: 'apigateway:GET', resource: other.restApi, tags: other.stageTags },
      direct: true,
    },
    {
      name: 'creating a REST API with the permission to list them',
      request: { action: 'apigateway:POST', resource: own.restApis },
      direct: true,
    },
    {
      name: 'patching the other environment’s stage',
      request: { action: 'apigateway:PATCH', resource: other.stage, tags: other.stageTags },
    },
    {
      name: 'patching an untagged stage',
      request: { action: 'apigateway:PATCH', resource: own.stage },
      // CloudFormation's statements must allow untagged API Gateway resources: a REST API it
      // imports from the OpenAPI body has no tags until it tags it (README, IAM permissions).
      direct: true,
    },
    {
      name: 'patching another stack’s stage',
      request: {
        action: 'apigateway:PATCH',
        resource: own.stage,
        tags: { 'lmi-cutover:stack': 'payments-prod' },
      },
    },
    {
      name: 'deploying into the other environment’s REST API through CloudFormation',
      request: {
        action: 'apigateway:POST',
        resource: `${other.restApi}/deployments`,
        tags: other.stageTags,
        context: viaCfn(),
      },
    },
    {
      name: 'reading the other environment’s events table',
      request: { action: 'dynamodb:Query', resource: other.table },
    },
    {
      name: 'deleting the other environment’s table through CloudFormation',
      request: { action: 'dynamodb:DeleteTable', resource: other.table, context: viaCfn() },
    },
    {
      name: 'reading the other environment’s signing secret',
      request: { action: 'ssm:GetParameter', resource: other.secret },
    },
    {
      name: 'overwriting the other environment’s artifacts',
      request: { action: 's3:PutObject', resource: other.artifact },
    },
  ];
}

describe.each(ENVIRONMENTS)('docs/iam/%s-policy.json refuses', (env) => {
  const { policy, cloudFormationRole } = policiesOf(env);

  it.each(forbidden(env).map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const decision: Decision = await evaluate({ identity: policy }, f.request);
    expect(decision).toBe(f.explicit ? 'ExplicitlyDenied' : 'ImplicitlyDenied');
  });

  it('and so does the CloudFormation service role’s policy derived from it (role-arn)', async () => {
    const viaRole = forbidden(env)
      .filter((f) => !f.direct)
      .map((f) => ({ ...f.request, context: withoutCalledVia(f.request.context) }));
    const allowed: string[] = [];
    for (const r of viaRole)
      if ((await evaluate({ identity: cloudFormationRole }, r)) === 'Allowed')
        allowed.push(describeRequest(r));
    expect(allowed).toEqual([]);
  });
});

function withoutCalledVia(context: Record<string, string | string[]> | undefined) {
  if (!context) return undefined;
  const rest = Object.fromEntries(Object.entries(context).filter(([k]) => !(k in VIA_CLOUDFORMATION)));
  return Object.keys(rest).length ? rest : undefined;
}

describe.each(ENVIRONMENTS)(
  'docs/iam/%s-boundary.json caps a role of the stack, even one given AdministratorAccess',
  (env) => {
    const { boundary } = policiesOf(env);
    const admin: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'AdministratorAccess', Effect: 'Allow', Action: ['*'], Resource: '*' }],
    };
    const own = namesOf(env);
    const other = namesOf(OTHER[env]);
    const key = 'arn:aws:kms:eu-west-1:000000000000:key/0c1d2e3f-aaaa-bbbb-cccc-123456789012';
    /** A customer managed key's default policy: it leaves access to IAM policies (and boundaries). */
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::000000000000:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    };

    it('decrypts the signing secret through SSM, also under a key policy that leaves it to IAM', async () => {
      const decrypt = (via: string): IamRequest => ({
        action: 'kms:Decrypt',
        resource: key,
        context: { 'kms:ViaService': `${via}.eu-west-1.amazonaws.com` },
      });
      const policies = { identity: admin, boundary, resource: keyPolicy };
      expect(await evaluate(policies, decrypt('ssm'))).toBe('Allowed');
      expect(await evaluate(policies, decrypt('s3'))).toBe('ImplicitlyDenied');
    });

    it('at what the functions and the capacity provider’s operator need', async () => {
      const needs: IamRequest[] = [
        ...['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'].map((action) => ({
          action,
          resource: own.table,
        })),
        { action: 'ssm:GetParameter', resource: own.secret },
        ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
          action,
          resource: `${own.logGroup.slice(0, -2)}:log-stream:2026/12/05/[7]abc`,
        })),
        { action: 'logs:CreateLogGroup', resource: own.logGroup },
        {
          action: 'ec2:RunInstances',
          resource: 'arn:aws:ec2:eu-west-1:000000000000:instance/*',
          context: { 'ec2:ManagedResourceOperator': 'scaler.lambda.amazonaws.com' },
        },
        {
          action: 'ec2:RunInstances',
          resource: 'arn:aws:ec2:eu-west-1::image/ami-0abc',
          context: { 'ec2:Owner': 'amazon' },
        },
        { action: 'ec2:DescribeSubnets', resource: '*' },
      ];
      expect(await notAllowed({ identity: admin, boundary }, needs)).toEqual([]);
    });

    it.each([
      ['the other environment’s table', { action: 'dynamodb:PutItem', resource: other.table }],
      ['the other environment’s secret', { action: 'ssm:GetParameter', resource: other.secret }],
      ['IAM', { action: 'iam:CreateUser', resource: 'arn:aws:iam::000000000000:user/backdoor' }],
      [
        'passing roles',
        {
          action: 'iam:PassRole',
          resource: own.role(),
          context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        },
      ],
      ['the artifacts', { action: 's3:GetObject', resource: own.artifact }],
      ['invoking functions', { action: 'lambda:InvokeFunction', resource: other.function('7') }],
      [
        'instances Lambda does not manage',
        { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:000000000000:instance/*' },
      ],
    ] as [string, IamRequest][])('and nothing else: not %s', async (_what, request) => {
      expect(await evaluate({ identity: admin, boundary }, request)).toBe('ImplicitlyDenied');
    });
  },
);

describe('iamActionOf', () => {
  it('maps operations to IAM actions as IAM names them', () => {
    expect(iamActionOf('lambda', 'Invoke')).toBe('lambda:InvokeFunction');
    expect(iamActionOf('s3', 'HeadObject')).toBe('s3:GetObject');
    expect(iamActionOf('apigateway', 'UpdateStage')).toBe('apigateway:PATCH');
    expect(iamActionOf('monitoring', 'GetMetricData')).toBe('cloudwatch:GetMetricData');
    expect(() => iamActionOf('apigateway', 'DeleteRestApi')).toThrow(/no IAM action known/);
  });
});
