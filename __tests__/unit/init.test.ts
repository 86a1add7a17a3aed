// `lmi-cutover init` on templates shaped the way teams write SAM apps: what it converts, what it
// refuses (every reason at once, nothing written), and that the result is a template the deploy
// stage accepts. The bundled example's conversion is pinned byte for byte (golden file).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { convertTemplate } from '../../src/pipeline/init/convert.js';
import { parseTemplate, type CfnTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';
import { CutoverError } from '../../src/core/errors.js';
import { runInit } from '../../src/cli/init.js';

const EXAMPLE = new URL('../../examples/orders-api/', import.meta.url);

const convert = (text: string, functionId?: string) =>
  convertTemplate(text, { source: 'template.yaml', ...(functionId ? { functionId } : {}) });

function refusal(text: string, functionId?: string): CutoverError {
  try {
    convert(text, functionId);
  } catch (e) {
    if (e instanceof CutoverError) return e;
    throw e;
  }
  throw new Error('the template was converted, not refused');
}

/** The parts of a converted API the assertions read. */
interface ApiProps {
  StageName: unknown;
  Variables: Record<string, unknown>;
  DefinitionBody: {
    paths: Record<
      string,
      Record<string, { 'x-amazon-apigateway-integration': { uri: { 'Fn::Sub': string } } }>
    >;
  };
}

const parsed = (text: string): CfnTemplate => parseTemplate(text, 'converted.yaml');

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

describe('init on the bundled example (examples/orders-api)', () => {
  it('writes exactly the committed lmi-template.yaml (golden)', async () => {
    const source = await readFile(new URL('template.yaml', EXAMPLE), 'utf8');
    const golden = await readFile(new URL('lmi-template.yaml', EXAMPLE), 'utf8');
    expect(convertTemplate(source, { source: 'examples/orders-api/template.yaml' }).text).toBe(golden);
  });

  it('keeps comments, the table and the original function, and moves the events to a routed REST API', async () => {
    const source = await readFile(new URL('template.yaml', EXAMPLE), 'utf8');
    const result = convertTemplate(source, { source: 'template.yaml' });
    expect(result.text).toContain(
      '# One function serves the whole API; SAM builds the REST API from its events.',
    );
    const t = parsed(result.text);
    expect(t.Resources.OrdersTable).toEqual(parseTemplate(source, 's').Resources.OrdersTable);
    expect(t.Resources.OrdersFunction!.Properties!.Events).toBeUndefined();
    expect(t.Resources.OrdersFunction!.Properties!.AutoPublishAlias).toBe('live');
    const lmi = t.Resources.OrdersFunctionLmi!.Properties!;
    expect(lmi).toMatchObject({
      MemorySize: 2048,
      VersionDeletionPolicy: 'Retain',
      CapacityProviderConfig: { Arn: { 'Fn::GetAtt': ['OrdersFunctionCapacityProvider', 'Arn'] } },
      FunctionScalingConfig: {
        MinExecutionEnvironments: { Ref: 'MinExecutionEnvironments' },
        MaxExecutionEnvironments: { Ref: 'MaxExecutionEnvironments' },
      },
      Policies: t.Resources.OrdersFunction!.Properties!.Policies,
    });
    const api = t.Resources.OrdersFunctionApi!.Properties as unknown as ApiProps;
    expect(Object.keys(api.DefinitionBody.paths)).toEqual(['/ping', '/orders', '/orders/{id}']);
    expect(
      api.DefinitionBody.paths['/orders']!.post!['x-amazon-apigateway-integration'].uri['Fn::Sub'],
    ).toContain('function:${!stageVariables.liveFunction}/invocations');
    expect(Object.keys(api.Variables)).toEqual(['liveFunction', 'rollbackFunction', 'fallbackFunction']);
    // The output that named SAM's implicit API now names the new one.
    expect(JSON.stringify((t.Outputs as Record<string, unknown>).OrdersApiUrl)).toContain(
      '${OrdersFunctionApi}',
    );
    expect(JSON.stringify(t)).not.toContain('ServerlessRestApi');
    expect(t.Metadata).toEqual({
      'lmi-cutover': {
        contract: 1,
        lmiFunction: 'OrdersFunctionLmi',
        standardFunction: 'OrdersFunction',
        restApi: 'OrdersFunctionApi',
        stageVariable: 'liveFunction',
      },
    });
  });

  it('says what it changed and why, one line each, including the memory it raised', async () => {
    const source = await readFile(new URL('template.yaml', EXAMPLE), 'utf8');
    const { changes } = convertTemplate(source, { source: 'template.yaml' });
    expect(changes).toContainEqual(
      expect.stringMatching(/MemorySize raised from 512 to 2048 MB, LMI's minimum/),
    );
    expect(changes).toContainEqual(expect.stringMatching(/VersionDeletionPolicy: Retain/));
    expect(changes).toContainEqual(expect.stringMatching(/new API has a new URL/));
    expect(changes.every((c) => !c.includes('\n'))).toBe(true);
  });

  it('puts every role of the stack under the PermissionsBoundaryArn parameter and tags the API with the stack name', async () => {
    const source = await readFile(new URL('template.yaml', EXAMPLE), 'utf8');
    const t = parsed(convertTemplate(source, { source: 'template.yaml' }).text);
    const boundary = {
      'Fn::If': ['HasPermissionsBoundary', { Ref: 'PermissionsBoundaryArn' }, { Ref: 'AWS::NoValue' }],
    };
    expect(t.Parameters!.PermissionsBoundaryArn).toMatchObject({ Type: 'String', Default: '' });
    expect((t.Globals as { Function: Record<string, unknown> }).Function.PermissionsBoundary).toEqual(
      boundary,
    );
    // SAM's generated operator role takes no boundary: the conversion declares it under SAM's own id.
    expect(t.Resources.OrdersFunctionCapacityProviderOperatorRole).toMatchObject({
      Type: 'AWS::IAM::Role',
      Properties: {
        ManagedPolicyArns: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator' },
        ],
        PermissionsBoundary: boundary,
      },
    });
    expect(t.Resources.OrdersFunctionCapacityProvider!.Properties!.OperatorRole).toEqual({
      'Fn::GetAtt': ['OrdersFunctionCapacityProviderOperatorRole', 'Arn'],
    });
    expect(t.Resources.OrdersFunctionApi!.Properties).toMatchObject({
      Tags: { 'lmi-cutover:stack': { Ref: 'AWS::StackName' } },
      PropagateTags: true,
    });
  });

  it('refuses its own output: a converted template is not converted twice', async () => {
    const converted = await readFile(new URL('lmi-template.yaml', EXAMPLE), 'utf8');
    expect(refusal(converted).details).toContainEqual(
      expect.stringContaining('already has lmi-cutover Metadata'),
    );
  });
});

describe('init on other shapes', () => {
  it('reads Runtime and MemorySize from Globals, and keeps a memory already at 2 GB', () => {
    const t = parsed(
      convert(`${SAM}Globals:
  Function:
    Runtime: python3.13
    MemorySize: 3008
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Events:
        Any:
          Type: Api
          Properties: { Path: '/{proxy+}', Method: any }
`).text,
    );
    expect(t.Resources.FnLmi!.Properties!.MemorySize).toBeUndefined(); // Globals' 3008 applies
    const paths = (t.Resources.FnApi!.Properties as unknown as ApiProps).DefinitionBody.paths;
    expect(Object.keys(paths['/{proxy+}'] ?? {})).toEqual(['x-amazon-apigateway-any-method']);
  });

  it('converts the function named with --function when several have API events; without it, names them', () => {
    const two = `${SAM}Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: a.handler
      CodeUri: a/
      Events: { A: { Type: Api, Properties: { Path: /a, Method: get } } }
  Users:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: b.handler
      CodeUri: b/
      Events: { B: { Type: Api, Properties: { Path: /b, Method: get } } }
`;
    expect(refusal(two).details).toEqual([
      '2 functions have API events (Orders, Users): name the one to release with --function',
    ]);
    const t = parsed(convert(two, 'Users').text);
    expect(t.Resources.UsersLmi).toBeDefined();
    expect(t.Resources.OrdersLmi).toBeUndefined();
    // The other function keeps its events (and SAM's implicit API).
    expect(t.Resources.Orders!.Properties!.Events).toBeDefined();
    expect(refusal(two, 'Nope').details[0]).toBe(
      '--function Nope: the template has no resource Nope (functions: Orders, Users)',
    );
  });

  it('converts an explicit REST API SAM builds from events, keeping its stage and variables', () => {
    const t = parsed(
      convert(`${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      Variables: { region: eu }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java21
      Handler: app.Handler
      CodeUri: build/
      Events:
        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /items, Method: GET } }
`).text,
    );
    const api = t.Resources.Api!.Properties as unknown as ApiProps;
    expect(api.StageName).toBe('live');
    expect(Object.keys(api.Variables)).toEqual([
      'region',
      'liveFunction',
      'rollbackFunction',
      'fallbackFunction',
    ]);
    expect(Object.keys(api.DefinitionBody.paths['/items'] ?? {})).toEqual(['get']);
    expect(t.Resources.FnApi).toBeUndefined();
    expect((t.Outputs as Record<string, unknown>).StageName).toEqual({ Value: { 'Fn::Sub': 'live' } });
    expect(t.Parameters!.StageName).toBeUndefined();
    expect(t.Resources.Api!.Properties).toMatchObject({
      Tags: { 'lmi-cutover:stack': { Ref: 'AWS::StackName' } },
      PropagateTags: true,
    });
  });

  it('gives roles declared by hand the boundary too, and keeps a Globals boundary as written', () => {
    const result = convert(`${SAM}Globals:
  Function:
    PermissionsBoundary: arn:aws:iam::123456789012:policy/ours
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      CodeUri: a/
      Events: { A: { Type: Api, Properties: { Path: /a, Method: get } } }
`);
    const t = parsed(result.text);
    expect(t.Resources.Worker!.Properties!.PermissionsBoundary).toEqual({
      'Fn::If': ['HasPermissionsBoundary', { Ref: 'PermissionsBoundaryArn' }, { Ref: 'AWS::NoValue' }],
    });
    expect((t.Globals as { Function: Record<string, unknown> }).Function.PermissionsBoundary).toBe(
      'arn:aws:iam::123456789012:policy/ours',
    );
    expect(result.changes).toContainEqual(
      expect.stringMatching(/^Globals.Function.PermissionsBoundary: kept as written/),
    );
    expect(result.changes).toContainEqual(
      expect.stringMatching(/^Worker: PermissionsBoundary PermissionsBoundaryArn/),
    );
  });

  it('refuses what it cannot convert, naming every reason at once', () => {
    const e = refusal(`${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 }
      Events:
        Http: { Type: HttpApi, Properties: { Path: /x, Method: get } }
        Rest: { Type: Api, Properties: { Path: /y, Method: get } }
        Queue: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:1:q } }
`);
    expect(e.code).toBe('TEMPLATE_UNSUPPORTED');
    expect(e.message).toBe(
      'template.yaml cannot be converted for lmi-cutover; nothing was written. Fix these first:',
    );
    expect(e.details).toEqual([
      expect.stringMatching(/^Fn: runtime python3\.12 does not run on Lambda Managed Instances/),
      expect.stringMatching(/^Fn: ProvisionedConcurrencyConfig cannot apply to LMI versions/),
      expect.stringMatching(/^Fn: event Http is an HTTP API/),
      expect.stringMatching(/^Fn: event Queue \(Type: SQS\) is not an API event/),
    ]);
  });

  it('refuses container images, functions without API events, and APIs with their own definition', () => {
    expect(
      refusal(`${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 1.dkr.ecr.eu-west-1.amazonaws.com/x:1
      Events: { A: { Type: Api, Properties: { Path: /a, Method: get } } }
`).details,
    ).toContainEqual(expect.stringContaining('container images (PackageType: Image) are not supported'));
    expect(
      refusal(`${SAM}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      CodeUri: a/
      Events: { Q: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:1:q } } }
`).details,
    ).toEqual([expect.stringContaining('no function has an API event (Type: Api)')]);
    expect(
      refusal(`${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody: { openapi: 3.0.1, paths: {} }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      CodeUri: a/
      Events: { A: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /a, Method: get } } }
`).details,
    ).toEqual([expect.stringContaining('Api: has its own OpenAPI definition')]);
  });

  it('refuses names the conversion needs that the template already uses', () => {
    expect(
      refusal(`${SAM}Parameters:
  LiveFunction: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      CodeUri: a/
      Events: { A: { Type: Api, Properties: { Path: /a, Method: get } } }
  FnLmi:
    Type: AWS::SNS::Topic
  FnCapacityProviderOperatorRole:
    Type: AWS::SNS::Topic
`).details,
    ).toEqual([
      'resource FnLmi already exists; the conversion adds one by that name',
      'resource FnCapacityProviderOperatorRole already exists; the conversion adds one by that name',
      'parameter LiveFunction already exists; the conversion adds one by that name',
    ]);
  });
});

describe('lmi-cutover init (the command)', () => {
  async function workspace() {
    const dir = await mkdtemp(join(tmpdir(), 'lmi-init-'));
    await writeFile(join(dir, 'template.yaml'), await readFile(new URL('template.yaml', EXAMPLE), 'utf8'));
    const out: string[] = [];
    const err: string[] = [];
    return {
      dir,
      out,
      err,
      io: { cwd: dir, stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
    };
  }

  it('writes the output and prints every change; refuses to overwrite without --force or over its input', async () => {
    const w = await workspace();
    expect(await runInit({ template: 'template.yaml', output: 'lmi.yaml' }, w.io)).toBe(0);
    expect(w.out.join('')).toContain('  - OrdersFunctionLmi: MemorySize raised from 512 to 2048 MB');
    expect(await readFile(join(w.dir, 'lmi.yaml'), 'utf8')).toContain('OrdersFunctionLmi:');
    expect(await runInit({ template: 'template.yaml', output: 'lmi.yaml' }, w.io)).toBe(2);
    expect(w.err.join('')).toContain('lmi.yaml exists; pass --force to overwrite it.');
    expect(await runInit({ template: 'template.yaml', output: 'lmi.yaml', force: true }, w.io)).toBe(0);
    expect(await runInit({ template: 'template.yaml', output: './template.yaml', force: true }, w.io)).toBe(
      2,
    );
  });

  it('writes nothing when the template is refused', async () => {
    const w = await workspace();
    await writeFile(
      join(w.dir, 'http.yaml'),
      `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      CodeUri: a/
      Events: { A: { Type: HttpApi, Properties: { Path: /a, Method: get } } }
`,
    );
    expect(await runInit({ template: 'http.yaml', output: 'out.yaml' }, w.io)).toBe(1);
    expect(w.err.join('')).toContain('[TEMPLATE_UNSUPPORTED]');
    await expect(readFile(join(w.dir, 'out.yaml'))).rejects.toThrow();
  });
});
