// template.yaml parses as CloudFormation YAML and declares what the cutover relies on.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { parseCloudFormation, type CfnTemplate } from './helpers/cfn-yaml.js';

const workloadDir = fileURLToPath(new URL('../../', import.meta.url));
const template: CfnTemplate = parseCloudFormation(readFileSync(`${workloadDir}template.yaml`, 'utf8'));
const resources = template.Resources;
const props = (logicalId: string) => resources[logicalId]!.Properties!;

type Params = Record<string, string>;

/** Just enough of CloudFormation's intrinsics to resolve the values under test. */
function evaluate(value: unknown, params: Params): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, params));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return params[node.Ref as string] ?? `<${String(node.Ref)}>`;
  if ('Condition' in node) return evaluate(template.Conditions[node.Condition as string], params);
  if ('Fn::Not' in node) {
    const [inner] = node['Fn::Not'] as unknown[];
    return !evaluate(inner, params);
  }
  if ('Fn::Sub' in node && Array.isArray(node['Fn::Sub'])) {
    const [text, vars] = node['Fn::Sub'] as [string, Record<string, unknown>];
    const resolved = Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [k, String(evaluate(v, params))]),
    );
    return evaluate({ 'Fn::Sub': text }, { ...params, ...resolved });
  }
  if ('Fn::Select' in node) {
    const [index, list] = node['Fn::Select'] as [number, unknown];
    const values = evaluate(list, params);
    return Array.isArray(values) ? values[index] : `<select ${index}>`;
  }
  if ('Fn::Split' in node) {
    const [sep, text] = node['Fn::Split'] as [string, unknown];
    return String(evaluate(text, params)).split(sep);
  }
  if ('Fn::Equals' in node) {
    const [a, b] = evaluate(node['Fn::Equals'], params) as unknown[];
    return a === b;
  }
  if ('Fn::If' in node) {
    const [condition, whenTrue, whenFalse] = node['Fn::If'] as [string, unknown, unknown];
    return evaluate(template.Conditions[condition], params)
      ? evaluate(whenTrue, params)
      : evaluate(whenFalse, params);
  }
  if ('Fn::Sub' in node && typeof node['Fn::Sub'] === 'string') {
    return (node['Fn::Sub'] as string)
      .replace(/\$\{(?!!)([^}]+)\}/g, (_m, name: string) => params[name] ?? `<${name}>`)
      .replace(/\$\{!/g, '${');
  }
  // AWS::NoValue removes the key it is the value of, as CloudFormation does.
  return Object.fromEntries(
    Object.entries(node)
      .map(([k, v]) => [k, evaluate(v, params)] as const)
      .filter(([, v]) => v !== '<AWS::NoValue>'),
  );
}

describe('template.yaml', () => {
  test('is a SAM template with the parameters and defaults the action passes', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    const p = template.Parameters;
    expect(p.Architecture).toMatchObject({ Default: 'arm64', AllowedValues: ['arm64', 'x86_64'] });
    expect(p.MaxVCpuCount).toMatchObject({ Type: 'Number', Default: 30 });
    expect(p.PerExecutionEnvironmentMaxConcurrency).toMatchObject({ Type: 'Number', Default: 64 });
    expect(p.StandardMemorySize).toMatchObject({ Type: 'Number', Default: 512 });
    for (const name of ['LiveFunction', 'RollbackFunction', 'FallbackFunction']) {
      const pattern = new RegExp(String(p[name]?.AllowedPattern));
      expect({ name, default: p[name]?.Default }).toEqual({ name, default: '' });
      expect(['', 'fn-Abc_1:12'].every((v) => pattern.test(v))).toBe(true);
      expect(['fn:live', 'fn:$LATEST', 'fn'].some((v) => pattern.test(v))).toBe(false);
    }
    expect(p.MinExecutionEnvironments).toMatchObject({ Type: 'Number', Default: 3 });
    expect(p.MaxExecutionEnvironments).toMatchObject({ Type: 'Number', Default: 3 });
    expect(p.StageName).toMatchObject({ Default: 'prod' });
    expect(p.SubnetIds?.Type).toBe('List<AWS::EC2::Subnet::Id>');
    expect(p.SecurityGroupIds?.Type).toBe('List<AWS::EC2::SecurityGroup::Id>');
    const namePattern = new RegExp(String(p.SigningSecretParameterName?.AllowedPattern));
    expect(namePattern.test(String(p.SigningSecretParameterName?.Default))).toBe(true);
    expect(namePattern.test('no-leading-slash')).toBe(false); // the IAM ARN below needs the slash
    expect(template.Globals).toMatchObject({
      Function: { Runtime: 'nodejs24.x', Architectures: [{ Ref: 'Architecture' }] },
    });
  });

  test('declares the resources of the routing model', () => {
    const types = Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, r.Type]));
    expect(types).toEqual({
      WebhookCapacityProviderOperatorRole: 'AWS::IAM::Role',
      WebhookCapacityProvider: 'AWS::Serverless::CapacityProvider',
      WebhookLmiFunction: 'AWS::Serverless::Function',
      WebhookStandardFunction: 'AWS::Serverless::Function',
      WebhookEventsTable: 'AWS::DynamoDB::Table',
      WebhookApi: 'AWS::Serverless::Api',
      WebhookStandardVersionApiPermission: 'AWS::Lambda::Permission',
    });
  });

  test('the capacity provider takes VPC, scaling and architecture from parameters, and its operator role the boundary', () => {
    expect(props('WebhookCapacityProvider')).toEqual({
      OperatorRole: { 'Fn::GetAtt': ['WebhookCapacityProviderOperatorRole', 'Arn'] },
      VpcConfig: { SubnetIds: { Ref: 'SubnetIds' }, SecurityGroupIds: { Ref: 'SecurityGroupIds' } },
      InstanceRequirements: { Architectures: [{ Ref: 'Architecture' }] },
      ScalingConfig: { MaxVCpuCount: { Ref: 'MaxVCpuCount' } },
    });
    // What SAM would generate (its generator takes no boundary), with the boundary.
    const boundary = {
      'Fn::If': ['HasPermissionsBoundary', { Ref: 'PermissionsBoundaryArn' }, { Ref: 'AWS::NoValue' }],
    };
    expect(props('WebhookCapacityProviderOperatorRole')).toMatchObject({
      ManagedPolicyArns: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator' },
      ],
      PermissionsBoundary: boundary,
    });
    expect((template.Globals as { Function: Record<string, unknown> }).Function.PermissionsBoundary).toEqual(
      boundary,
    );
    expect(template.Parameters.PermissionsBoundaryArn).toMatchObject({ Type: 'String', Default: '' });
  });

  test('the API and its stage carry the stack name, which the deploy policies scope stage access by', () => {
    expect(props('WebhookApi')).toMatchObject({
      Tags: { 'lmi-cutover:stack': { Ref: 'AWS::StackName' } },
      PropagateTags: true,
    });
  });

  test('the LMI function runs on the capacity provider with a published live alias', () => {
    const lmi = props('WebhookLmiFunction');
    expect(lmi.CapacityProviderConfig).toEqual({
      Arn: { 'Fn::GetAtt': ['WebhookCapacityProvider', 'Arn'] },
      ExecutionEnvironmentMemoryGiBPerVCpu: 2,
      PerExecutionEnvironmentMaxConcurrency: { Ref: 'PerExecutionEnvironmentMaxConcurrency' },
    });
    expect(lmi.MemorySize).toBeGreaterThanOrEqual(2048);
    expect(lmi.MemorySize).toBe(4096);
    expect(lmi.AutoPublishAlias).toBe('live');
    expect(lmi.VersionDeletionPolicy).toBe('Retain');
    expect(lmi.FunctionScalingConfig).toEqual({
      MinExecutionEnvironments: { Ref: 'MinExecutionEnvironments' },
      MaxExecutionEnvironments: { Ref: 'MaxExecutionEnvironments' },
    });
  });

  test('the standard twin runs the same code and handler, without a capacity provider', () => {
    const lmi = resources.WebhookLmiFunction!;
    const std = resources.WebhookStandardFunction!;
    expect(std.Properties!.CapacityProviderConfig).toBeUndefined();
    expect(std.Properties!.MemorySize).toEqual({ Ref: 'StandardMemorySize' });
    expect(std.Properties!.AutoPublishAlias).toBe('live');
    for (const key of ['CodeUri', 'Handler', 'Policies'] as const)
      expect(std.Properties![key]).toEqual(lmi.Properties![key]);
    expect(std.Metadata).toEqual(lmi.Metadata);
  });

  test('both functions build from app.ts with esbuild into the file their handler names', () => {
    for (const id of ['WebhookLmiFunction', 'WebhookStandardFunction']) {
      const { Properties, Metadata } = resources[id]!;
      expect(Properties).toMatchObject({ CodeUri: 'src/', Handler: 'app.handler' });
      expect(Metadata).toMatchObject({
        BuildMethod: 'esbuild',
        BuildProperties: {
          EntryPoints: ['app.ts'],
          Format: 'esm',
          OutExtension: ['.js=.mjs'],
          Sourcemap: true,
        },
      });
      expect(existsSync(`${workloadDir}src/app.ts`)).toBe(true);
    }
  });

  test('environment: the compute type differs, the rest is identical and satisfies the config schema', () => {
    const envOf = (id: string) =>
      evaluate((props(id).Environment as { Variables: unknown }).Variables, {}) as Record<string, string>;
    const lmi = envOf('WebhookLmiFunction');
    const std = envOf('WebhookStandardFunction');
    expect(lmi.COMPUTE_TYPE).toBe('lambda-managed-instances');
    expect(std.COMPUTE_TYPE).toBe('lambda-standard');
    expect({ ...lmi, COMPUTE_TYPE: '' }).toEqual({ ...std, COMPUTE_TYPE: '' });
    expect(lmi.SIGNING_SECRET_PARAMETER).toBe('<SigningSecretParameterName>');
    // Resolve the references the way a deployment would and load them as the handler does.
    const deployed = evaluate((props('WebhookLmiFunction').Environment as { Variables: unknown }).Variables, {
      WebhookEventsTable: 'stack-WebhookEventsTable-1',
      SigningSecretParameterName: '/lmi-cutover/webhook-signing-secret',
      GeocodingUrl: '',
      FraudScoringUrl: '',
      LoyaltyLookupUrl: '',
    }) as Record<string, string>;
    expect(loadConfig(deployed).enrichment.map((s) => s.url)).toEqual([undefined, undefined, undefined]);
  });

  test('the secret never travels as a value: only its parameter name, readable by GetParameter', () => {
    const policies = JSON.stringify(evaluate(props('WebhookLmiFunction').Policies, {}));
    expect(policies).toContain('"Action":"ssm:GetParameter"');
    expect(policies).toContain('parameter<SigningSecretParameterName>');
    const noEcho = Object.values(template.Parameters).filter((p) => p.NoEcho);
    expect(noEcho).toEqual([]);
  });

  test('the events table has PK/SK string keys, on-demand billing and TTL for delivery markers', () => {
    expect(props('WebhookEventsTable')).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
  });

  test('the API integrates both routes with the stage variable liveFunction', () => {
    const api = props('WebhookApi');
    expect(api.StageName).toEqual({ Ref: 'StageName' });
    type Operation = Record<string, Record<string, string>>;
    const paths = (evaluate(api.DefinitionBody, {}) as { paths: Record<string, Record<string, Operation>> })
      .paths;
    expect(Object.keys(paths).sort()).toEqual(['/health', '/webhooks']);
    for (const [path, method] of [
      ['/webhooks', 'post'],
      ['/health', 'get'],
    ] as const) {
      const integration = paths[path]![method]!['x-amazon-apigateway-integration']!;
      expect(integration.type).toBe('aws_proxy');
      expect(integration.httpMethod).toBe('POST');
      expect(integration.uri).toMatch(/:function:\$\{stageVariables\.liveFunction\}\/invocations$/);
    }
  });

  test('the stage variables follow the parameters the pipeline passes back; empty ones are left out', () => {
    const variables = (params: Params) => evaluate(props('WebhookApi').Variables, params);
    const empty = { LiveFunction: '', RollbackFunction: '', FallbackFunction: '' };
    // A first deploy pins production to the twin's version it publishes, never to an alias.
    expect(
      variables({ ...empty, 'WebhookStandardFunction.Version': 'arn:aws:lambda:r:1:function:twin:1' }),
    ).toEqual({
      liveFunction: '<WebhookStandardFunction>:1',
    });
    expect(
      variables({ LiveFunction: 'lmi-fn:4', RollbackFunction: 'lmi-fn:2', FallbackFunction: 'twin-fn:4' }),
    ).toEqual({ liveFunction: 'lmi-fn:4', rollbackFunction: 'lmi-fn:2', fallbackFunction: 'twin-fn:4' });
  });

  test("API Gateway may invoke the twin's current version, and the permission outlives its replacement", () => {
    const permission = resources.WebhookStandardVersionApiPermission!;
    expect(permission).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(permission.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { Ref: 'WebhookStandardFunction.Version' },
    });
    expect(evaluate(permission.Properties!.SourceArn, {})).toMatch(/:<WebhookApi>\/\*$/);
  });

  test('outputs everything the pipeline reads', () => {
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'StageName',
        'RestApiId',
        'LmiFunctionName',
        'LmiAliasArn',
        'LmiVersion',
        'StandardFunctionName',
        'StandardAliasArn',
        'CapacityProviderArn',
        'EventsTableName',
      ]),
    );
    expect(template.Outputs.LmiAliasArn!.Value).toEqual({ Ref: 'WebhookLmiFunction.Alias' });
    expect(template.Outputs.LmiVersion!.Value).toEqual({
      'Fn::Select': [7, { 'Fn::Split': [':', { Ref: 'WebhookLmiFunction.Version' }] }],
    });
    expect(template.Outputs.CapacityProviderArn!.Value).toEqual({
      'Fn::GetAtt': ['WebhookCapacityProvider', 'Arn'],
    });
  });
});
