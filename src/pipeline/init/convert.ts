// `lmi-cutover init`: an existing SAM app becomes one the pipeline can release. The chosen
// function is kept as the standard twin; an LMI copy of it runs on a new capacity provider; its
// API events move to a REST API whose integrations follow the `liveFunction` stage variable; the
// template gains the parameters the release model passes back, the outputs the pipeline reads,
// and the routing contract in its Metadata. Every change is listed with its reason. Everything
// else — comments, other resources, key order — stays as it was. A template that cannot be
// converted is refused with every reason, and nothing is returned to write.
import { isMap, isScalar, Scalar, visit, YAMLMap, type Document } from 'yaml';
import { CutoverError } from '../../core/errors.js';
import { parseTemplate } from '../deploy/template/cfn-yaml.js';
import type { RoutingContract } from '../deploy/template/routing-contract.js';
import { assertLmiVersionsRetained } from '../deploy/template/version-retention.js';
import {
  addPermissionsBoundary,
  BOUNDARY_CONDITION,
  BOUNDARY_PARAMETER,
  boundaryValue,
  STACK_TAG,
  tagApi,
} from './access.js';
import { definitionBody, stageVariables } from './routing.js';
import { readShape, type TemplateShape } from './shape.js';
import { dumpDocument, ensureMap, fn, getAtt, loadTemplateDocument, map, ref, sub } from './yaml-edit.js';

/** LMI's smallest execution environment: 2 GB. */
const LMI_MIN_MEMORY_MB = 2048;
/** Lambda's default MemorySize when a template sets none. */
const LAMBDA_DEFAULT_MEMORY_MB = 128;

export interface InitResult {
  /** The converted template, ready to write. */
  readonly text: string;
  /** One line per change: what and why. */
  readonly changes: readonly string[];
  readonly contract: RoutingContract;
}

interface Names {
  readonly twin: string;
  readonly lmi: string;
  readonly capacityProvider: string;
  readonly operatorRole: string;
  readonly api: string;
  readonly permission: string;
}

const namesOf = (shape: TemplateShape): Names => ({
  twin: shape.functionId,
  lmi: `${shape.functionId}Lmi`,
  capacityProvider: `${shape.functionId}CapacityProvider`,
  // SAM's own logical id for the role it would generate.
  operatorRole: `${shape.functionId}CapacityProviderOperatorRole`,
  api: shape.explicitApiId ?? `${shape.functionId}Api`,
  permission: `${shape.functionId}TwinVersionApiPermission`,
});

const NEW_PARAMETERS = [
  'SubnetIds',
  'SecurityGroupIds',
  'MaxVCpuCount',
  'MinExecutionEnvironments',
  'MaxExecutionEnvironments',
  'LiveFunction',
  'RollbackFunction',
  'FallbackFunction',
  BOUNDARY_PARAMETER,
];
const NEW_CONDITIONS = ['HasLiveFunction', 'HasRollbackFunction', 'HasFallbackFunction', BOUNDARY_CONDITION];
const NEW_OUTPUTS = [
  'ApiUrl',
  'RestApiId',
  'StageName',
  'LmiFunctionName',
  'LmiAliasArn',
  'LmiVersion',
  'StandardFunctionName',
  'StandardAliasArn',
  'StandardVersion',
  'CapacityProviderArn',
];

/** Names the conversion adds that the template already uses: each one a reason to refuse. */
function clashes(doc: Document, names: Names, shape: TemplateShape): string[] {
  const has = (section: string, key: string) => (doc.getIn([section, key], true) ?? undefined) !== undefined;
  const out: string[] = [];
  const resources = [
    names.lmi,
    names.capacityProvider,
    names.operatorRole,
    names.permission,
    ...(shape.explicitApiId ? [] : [names.api]),
  ];
  for (const r of resources)
    if (has('Resources', r)) out.push(`resource ${r} already exists; the conversion adds one by that name`);
  for (const p of NEW_PARAMETERS)
    if (has('Parameters', p)) out.push(`parameter ${p} already exists; the conversion adds one by that name`);
  for (const c of NEW_CONDITIONS)
    if (has('Conditions', c)) out.push(`condition ${c} already exists; the conversion adds one by that name`);
  for (const o of NEW_OUTPUTS)
    if (has('Outputs', o)) out.push(`output ${o} already exists; the pipeline reads an output by that name`);
  return out;
}

export function convertTemplate(text: string, options: { source: string; functionId?: string }): InitResult {
  const data = parseTemplate(text, options.source);
  const reading = readShape(data, options.functionId);
  const doc = loadTemplateDocument(text, options.source);
  const problems = reading.ok ? clashes(doc, namesOf(reading.shape), reading.shape) : reading.problems;
  if (!reading.ok || problems.length > 0) {
    throw new CutoverError(
      'TEMPLATE_UNSUPPORTED',
      `${options.source} cannot be converted for lmi-cutover; nothing was written. Fix these first:`,
      problems,
    );
  }
  const shape = reading.shape;
  const names = namesOf(shape);
  const changes: string[] = [];
  addParameters(doc, shape, changes);
  addPermissionsBoundary(doc, changes);
  addCapacityProvider(doc, shape, names, changes);
  addLmiCopy(doc, shape, names, changes);
  keepTwin(doc, shape, names, changes);
  routeThroughStage(doc, shape, names, changes);
  addOutputs(doc, shape, names, changes);
  const contract: RoutingContract = {
    contract: 1,
    lmiFunction: names.lmi,
    standardFunction: names.twin,
    restApi: names.api,
    stageVariable: 'liveFunction',
  };
  ensureMap(doc, 'Metadata').set('lmi-cutover', map({ ...contract }));
  changes.push(
    `Metadata lmi-cutover: the routing contract (${names.lmi}, ${names.twin}, ${names.api}, stage variable liveFunction), so the pipeline finds them`,
  );

  const out = dumpDocument(doc);
  // Never hand back a half-converted template: the result must parse and pass the deploy's own check.
  assertLmiVersionsRetained(parseTemplate(out, `${options.source} (converted)`));
  return { text: out, changes, contract };
}

function addParameters(doc: Document, shape: TemplateShape, changes: string[]): void {
  const params = ensureMap(doc, 'Parameters');
  const add = (name: string, body: Record<string, unknown>) => params.set(name, map(body));
  add('SubnetIds', {
    Type: 'List<AWS::EC2::Subnet::Id>',
    Description: 'Subnets the capacity provider launches instances in (use several AZs).',
  });
  add('SecurityGroupIds', {
    Type: 'List<AWS::EC2::SecurityGroup::Id>',
    Description: "Security groups of the capacity provider's instances; they need outbound HTTPS.",
  });
  add('MaxVCpuCount', {
    Type: 'Number',
    Default: 30,
    Description: "Ceiling on vCPUs the capacity provider may run; a release holds two versions' minimums.",
  });
  add('MinExecutionEnvironments', {
    Type: 'Number',
    Default: 3,
    MinValue: 0,
    Description: "Execution environments each LMI version keeps running (SAM's default is 3).",
  });
  add('MaxExecutionEnvironments', {
    Type: 'Number',
    Default: 3,
    MinValue: 0,
    Description: 'Ceiling on the execution environments one LMI version scales up to.',
  });
  const pinned = "AllowedPattern: '^$|^[A-Za-z0-9_-]+:[0-9]+$'";
  for (const [name, what] of [
    [
      'LiveFunction',
      "The version production serves (<function>:<version>); lmi-cutover passes the stage's value back on every deploy. Empty on the first deploy: the twin's first version.",
    ],
    ['RollbackFunction', 'The previous production version (kept by lmi-cutover; passed back as read).'],
    ['FallbackFunction', "The twin's last verified version (kept by lmi-cutover; passed back as read)."],
  ] as const) {
    add(name, {
      Type: 'String',
      Default: '',
      AllowedPattern: pinned.slice(pinned.indexOf("'") + 1, -1),
      Description: what,
    });
  }
  const conditions = ensureMap(doc, 'Conditions');
  for (const name of ['LiveFunction', 'RollbackFunction', 'FallbackFunction']) {
    conditions.set(`Has${name}`, fn('!Not', [fn('!Equals', [ref(name), ''])]));
  }
  changes.push(
    `Parameters SubnetIds, SecurityGroupIds, MaxVCpuCount: the capacity provider's network and ceiling (${shape.functionId}'s LMI copy runs on EC2 in your VPC)`,
    "Parameters MinExecutionEnvironments, MaxExecutionEnvironments: the LMI versions' FunctionScalingConfig (3/3, SAM's default)",
    'Parameters LiveFunction, RollbackFunction, FallbackFunction and their conditions: the stage variables lmi-cutover owns, passed back on every deploy so a deploy never moves production',
  );
}

function architectureOf(shape: TemplateShape): string {
  const a = shape.effective.Architectures;
  return Array.isArray(a) && typeof a[0] === 'string' ? a[0] : 'x86_64';
}

function addCapacityProvider(doc: Document, shape: TemplateShape, names: Names, changes: string[]): void {
  doc.setIn(
    ['Resources', names.operatorRole],
    map({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          // Quoted: a YAML 1.1 reader would take it for a date.
          Version: Object.assign(new Scalar('2012-10-17'), { type: Scalar.QUOTE_SINGLE }),
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator')],
        PermissionsBoundary: boundaryValue(),
      },
    }),
  );
  changes.push(
    `${names.operatorRole}: the capacity provider's operator role with AWSLambdaManagedEC2ResourceOperator, as SAM would generate it, declared so it can take ${BOUNDARY_PARAMETER} (SAM's generated one takes no boundary)`,
  );
  doc.setIn(
    ['Resources', names.capacityProvider],
    map({
      Type: 'AWS::Serverless::CapacityProvider',
      Properties: {
        OperatorRole: getAtt(`${names.operatorRole}.Arn`),
        VpcConfig: { SubnetIds: ref('SubnetIds'), SecurityGroupIds: ref('SecurityGroupIds') },
        InstanceRequirements: { Architectures: [architectureOf(shape)] },
        ScalingConfig: { MaxVCpuCount: ref('MaxVCpuCount') },
      },
    }),
  );
  changes.push(
    `${names.capacityProvider}: a capacity provider (${architectureOf(shape)}, the function's architecture) for the LMI copy, operated by ${names.operatorRole}`,
  );
}

function addLmiCopy(doc: Document, shape: TemplateShape, names: Names, changes: string[]): void {
  const original = doc.getIn(['Resources', names.twin], true) as YAMLMap;
  const copy = original.clone() as YAMLMap;
  const props = copy.get('Properties', true) as unknown as YAMLMap;
  props.delete('Events');
  const memory = shape.effective.MemorySize;
  if (typeof memory === 'number' && memory >= LMI_MIN_MEMORY_MB) {
    // Kept: already at least LMI's minimum.
  } else if (memory === undefined || typeof memory === 'number') {
    props.set('MemorySize', LMI_MIN_MEMORY_MB);
    changes.push(
      `${names.lmi}: MemorySize raised from ${memory ?? `${LAMBDA_DEFAULT_MEMORY_MB} (Lambda's default)`} to ${LMI_MIN_MEMORY_MB} MB, LMI's minimum per execution environment`,
    );
  } else {
    changes.push(
      `${names.lmi}: MemorySize is not a plain number; make sure it resolves to at least ${LMI_MIN_MEMORY_MB} MB (LMI's minimum)`,
    );
  }
  if (typeof shape.effective.FunctionName === 'string') {
    props.set('FunctionName', `${shape.effective.FunctionName}-lmi`);
    changes.push(
      `${names.lmi}: FunctionName ${shape.effective.FunctionName}-lmi, since two functions cannot share a name`,
    );
  }
  if (shape.effective.AutoPublishAlias === undefined) props.set('AutoPublishAlias', 'live');
  props.set('VersionDeletionPolicy', 'Retain');
  props.set(
    'FunctionScalingConfig',
    map({
      MinExecutionEnvironments: ref('MinExecutionEnvironments'),
      MaxExecutionEnvironments: ref('MaxExecutionEnvironments'),
    }),
  );
  props.set(
    'CapacityProviderConfig',
    map({ Arn: getAtt(`${names.capacityProvider}.Arn`), ExecutionEnvironmentMemoryGiBPerVCpu: 2.0 }),
  );
  doc.setIn(['Resources', names.lmi], copy);
  changes.push(
    `${names.lmi}: an LMI copy of ${names.twin} with its properties kept, on ${names.capacityProvider} (2 GiB per vCPU), ` +
      'FunctionScalingConfig from the parameters, and VersionDeletionPolicy: Retain (SAM deletes old LMI versions otherwise, and with them the rollback target)',
  );
  if (shape.effective.AutoPublishAlias === undefined) {
    changes.push(`${names.lmi}: AutoPublishAlias live, so every deploy publishes a version (the candidate)`);
  }
}

function keepTwin(doc: Document, shape: TemplateShape, names: Names, changes: string[]): void {
  const props = doc.getIn(['Resources', names.twin, 'Properties'], true) as YAMLMap;
  props.delete('Events');
  changes.push(
    `${names.twin}: kept as the standard twin (the fallback and the first production); its API events (${shape.events.map((e) => e.name).join(', ')}) move to ${names.api}`,
  );
  if (shape.effective.AutoPublishAlias === undefined) {
    props.set('AutoPublishAlias', 'live');
    changes.push(
      `${names.twin}: AutoPublishAlias live, so the twin publishes versions production can be pinned to`,
    );
  }
  doc.setIn(
    ['Resources', names.permission],
    map({
      Type: 'AWS::Lambda::Permission',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: ref(`${names.twin}.Version`),
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(
          `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${names.api}}/*`,
        ),
      },
    }),
  );
  changes.push(
    `${names.permission}: lets the stage invoke the twin's current version, which the first deploy routes production to (Retain: a replaced permission must not revoke a version production may still run); lmi-cutover adds the permission of every other version it routes to`,
  );
}

function routeThroughStage(doc: Document, shape: TemplateShape, names: Names, changes: string[]): void {
  const body = definitionBody(`${names.twin} (lmi-cutover)`, shape.events);
  if (shape.explicitApiId) {
    const props = doc.getIn(['Resources', names.api, 'Properties'], true) as YAMLMap;
    props.set('DefinitionBody', body);
    const vars = props.get('Variables', true);
    const own = stageVariables(names.twin);
    if (vars instanceof YAMLMap) for (const pair of own.items) vars.items.push(pair);
    else props.set('Variables', own);
    tagApi(props);
    changes.push(
      `${names.api}: its routes written out as an OpenAPI body whose integrations invoke function:\${stageVariables.liveFunction}, and the stage variables lmi-cutover owns added`,
      `${names.api}: tag ${STACK_TAG} (the stack's name) on the stage and, with PropagateTags, the REST API: the deploy policies let a role read and patch only its environment's stages`,
    );
    return;
  }
  const params = ensureMap(doc, 'Parameters');
  if (!params.has('StageName')) {
    params.set(
      'StageName',
      map({
        Type: 'String',
        Default: 'Prod',
        AllowedPattern: '^[A-Za-z0-9_-]+$',
        Description: 'The API Gateway stage that serves production.',
      }),
    );
  }
  const api = map({
    StageName: ref('StageName'),
    Variables: stageVariables(names.twin),
    DefinitionBody: body,
  });
  tagApi(api);
  doc.setIn(['Resources', names.api], map({ Type: 'AWS::Serverless::Api', Properties: api }));
  retargetImplicitApi(doc, names.api, changes);
  changes.push(
    `${names.api}: an explicit REST API with the routes of SAM's implicit one (${shape.events.map((e) => `${e.method.toUpperCase()} ${e.path}`).join(', ')}), ` +
      'whose integrations invoke function:${stageVariables.liveFunction}, so only the stage decides which version serves, ' +
      `tagged ${STACK_TAG} (the stack's name) with PropagateTags: the deploy policies let a role read and patch only its environment's stages`,
    `${names.api}: NOTE a new API has a new URL (the ApiUrl output); move clients or a custom domain's base path mapping to it`,
  );
}

function stageNameSub(doc: Document, shape: TemplateShape, names: Names): string {
  if (!shape.explicitApiId) return '${StageName}';
  const stage = doc.getIn(['Resources', names.api, 'Properties', 'StageName'], true) as
    { value?: unknown; tag?: string } | undefined;
  if (stage?.tag === '!Ref' && typeof stage.value === 'string') return `\${${stage.value}}`;
  if (typeof stage?.value === 'string' && !stage.tag) return stage.value;
  return `\${${names.api}.Stage}`;
}

function addOutputs(doc: Document, shape: TemplateShape, names: Names, changes: string[]): void {
  const outputs = ensureMap(doc, 'Outputs');
  const stage = stageNameSub(doc, shape, names);
  const version = (id: string) => fn('!Select', [7, fn('!Split', [':', ref(`${id}.Version`)])]);
  const values: Record<string, unknown> = {
    ApiUrl: sub(`https://\${${names.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${stage}`),
    RestApiId: ref(names.api),
    StageName: sub(stage),
    LmiFunctionName: ref(names.lmi),
    LmiAliasArn: ref(`${names.lmi}.Alias`),
    LmiVersion: version(names.lmi),
    StandardFunctionName: ref(names.twin),
    StandardAliasArn: ref(`${names.twin}.Alias`),
    StandardVersion: version(names.twin),
    CapacityProviderArn: getAtt(`${names.capacityProvider}.Arn`),
  };
  for (const [k, v] of Object.entries(values)) outputs.set(k, map({ Value: v }));
  changes.push(
    `Outputs ${Object.keys(values).join(', ')}: what the pipeline reads to find the stage, both functions and the published versions`,
  );
}

/** SAM's logical ID for the API it builds from events; gone once the events move. */
const IMPLICIT_API = 'ServerlessRestApi';

/**
 * References to SAM's implicit API (an output with its URL, a base path mapping) would dangle
 * once its events move: they name the new API instead, and each is listed.
 */
function retargetImplicitApi(doc: Document, api: string, changes: string[]): void {
  const where: string[] = [];
  visit(doc, {
    Scalar(_, node, path) {
      if (typeof node.value !== 'string' || !node.value.includes(IMPLICIT_API)) return;
      const parent = path[path.length - 1];
      const longFormRef =
        isMap(parent) &&
        parent.items.some((p) => isScalar(p.key) && p.key.value === 'Ref' && p.value === node);
      const isRef = node.tag === '!Ref' || longFormRef;
      if (isRef && node.value === IMPLICIT_API) node.value = api;
      else if (node.tag === '!GetAtt' && node.value.startsWith(`${IMPLICIT_API}.`))
        node.value = api + node.value.slice(IMPLICIT_API.length);
      else if (node.value.includes(`\${${IMPLICIT_API}`))
        node.value = node.value.replaceAll(`\${${IMPLICIT_API}`, `\${${api}`);
      else return;
      where.push(describePath(path));
    },
  });
  if (where.length > 0) {
    changes.push(`${where.join(', ')}: referred to SAM's implicit API (${IMPLICIT_API}); now to ${api}`);
  }
}

/** `Outputs.OrdersApiUrl` for a node's place in the document. */
function describePath(path: readonly unknown[]): string {
  const keys: string[] = [];
  for (const step of path) {
    if (step && typeof step === 'object' && 'key' in step && isScalar((step as { key: unknown }).key)) {
      keys.push(String((step as { key: { value: unknown } }).key.value));
    }
  }
  return keys.slice(0, 2).join('.') || 'the template';
}
