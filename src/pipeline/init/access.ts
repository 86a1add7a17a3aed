// What the deploy policies in docs/iam need of a converted template: every role the stack creates
// carries the permissions boundary passed as PermissionsBoundaryArn (CloudFormation may create
// roles only under the environment's boundary), and the REST API and its stage carry the tag
// `lmi-cutover:stack` naming the stack (a role may read and patch only its environment's stages).
import { isMap, isScalar, YAMLMap, type Document } from 'yaml';
import { ensureMap, fn, map, ref } from './yaml-edit.js';

export const BOUNDARY_PARAMETER = 'PermissionsBoundaryArn';
export const BOUNDARY_CONDITION = 'HasPermissionsBoundary';
/** The tag the deploy policies scope stage access by; its value is the stack's name. */
export const STACK_TAG = 'lmi-cutover:stack';

/** `!If [HasPermissionsBoundary, !Ref PermissionsBoundaryArn, !Ref AWS::NoValue]` */
export const boundaryValue = () =>
  fn('!If', [BOUNDARY_CONDITION, ref(BOUNDARY_PARAMETER), ref('AWS::NoValue')]);

/** The parameter and its condition; the functions' roles through Globals; roles declared by hand. */
export function addPermissionsBoundary(doc: Document, changes: string[]): void {
  ensureMap(doc, 'Parameters').set(
    BOUNDARY_PARAMETER,
    map({
      Type: 'String',
      Default: '',
      AllowedPattern: '^$|^arn:aws[a-z-]*:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]+$',
      Description:
        "Managed policy set as the permissions boundary of every role this stack creates; lmi-cutover's deploy policies (docs/iam) require their environment's. Empty: no boundary.",
    }),
  );
  ensureMap(doc, 'Conditions').set(
    BOUNDARY_CONDITION,
    fn('!Not', [fn('!Equals', [ref(BOUNDARY_PARAMETER), ''])]),
  );
  changes.push(
    `Parameter ${BOUNDARY_PARAMETER} and condition ${BOUNDARY_CONDITION}: the permissions boundary of every role the stack creates (the deploy policies in docs/iam let CloudFormation create roles only under their environment's boundary)`,
  );

  const fnGlobals = mapAt(ensureMap(doc, 'Globals'), 'Function');
  if (fnGlobals.has('PermissionsBoundary')) {
    changes.push(
      `Globals.Function.PermissionsBoundary: kept as written; the deploy policies in docs/iam accept only the boundary they name, so make it ${BOUNDARY_PARAMETER} or that policy`,
    );
  } else {
    fnGlobals.set('PermissionsBoundary', boundaryValue());
    changes.push(
      `Globals.Function.PermissionsBoundary: ${BOUNDARY_PARAMETER}, which SAM sets on the execution role it generates for each function`,
    );
  }

  const resources = doc.get('Resources', true);
  if (!isMap(resources)) return;
  for (const pair of resources.items) {
    const body = pair.value;
    if (!isScalar(pair.key) || !isMap(body) || body.get('Type') !== 'AWS::IAM::Role') continue;
    const props = body.get('Properties', true);
    if (!isMap(props) || props.has('PermissionsBoundary')) continue;
    props.set('PermissionsBoundary', boundaryValue());
    changes.push(
      `${String(pair.key.value)}: PermissionsBoundary ${BOUNDARY_PARAMETER}, like every other role of the stack`,
    );
  }
}

/** The stack tag on an AWS::Serverless::Api, propagated to the REST API it generates. */
export function tagApi(props: YAMLMap): void {
  mapAt(props, 'Tags').set(STACK_TAG, ref('AWS::StackName'));
  props.set('PropagateTags', true);
}

/** The mapping under `key`, created empty when absent. */
function mapAt(parent: YAMLMap, key: string): YAMLMap {
  const node: unknown = parent.get(key, true);
  if (isMap(node)) return node;
  const m = new YAMLMap();
  parent.set(key, m);
  return m;
}
