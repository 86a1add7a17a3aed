// The resources each CloudFormation request is authorized against, for the call log: the stack
// (by its id once it exists, `stack/<name>/*` before), and for a change set whose template names
// a transform, the transform too (CreateChangeSet needs permission on both); and the change set's
// name, which a policy may condition on.
import type { CallResource } from '../../core/calls.js';
import { arn, PARTITION } from '../../core/ids.js';
import type { CloudFormationState } from './state.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const TRANSFORM = /AWS::Serverless-2016-10-31/;

export function cloudFormationResources(
  state: CloudFormationState,
  operation: string,
  p: Record<string, unknown>,
): CallResource[] {
  const region = state.options.region;
  const stackName = str(p.StackName);
  const changeSetName = str(p.ChangeSetName);
  const byArn = changeSetName?.startsWith('arn:') ? state.changeSets.get(changeSetName) : undefined;
  const stack = stackName ? state.findStack(stackName) : byArn && state.stacks.get(byArn.stackId);
  const name = stack?.stackName ?? stackName;
  if (!name) return [{ arn: '*' }];
  const out: CallResource[] = [{ arn: stack?.stackId ?? arn('cloudformation', region, `stack/${name}/*`) }];
  if (operation === 'CreateChangeSet' && stack) {
    const cs = [...state.changeSets.values()].find(
      (c) => c.stackId === stack.stackId && c.name === changeSetName,
    );
    if (cs && TRANSFORM.test(cs.templateBody)) {
      out.push({ arn: `arn:${PARTITION}:cloudformation:${region}:aws:transform/Serverless-2016-10-31` });
    }
  }
  return out;
}

/** The operations a policy may condition on the change set's name (Service Authorization Reference). */
const NAMES_A_CHANGE_SET = new Set([
  'CreateChangeSet',
  'DescribeChangeSet',
  'DeleteChangeSet',
  'ExecuteChangeSet',
]);

/**
 * The condition keys of a request, for the call log: cloudformation:ChangeSetName, with which a
 * policy can confine a role to change sets of one naming scheme. A change set given by its ARN
 * (`…:changeSet/<name>/<id>`) is taken by the name inside it: AWS's documentation does not say
 * which value IAM sees then.
 */
export function cloudFormationConditionKeys(
  operation: string,
  p: Record<string, unknown>,
): Record<string, string> | undefined {
  const given = str(p.ChangeSetName);
  if (!NAMES_A_CHANGE_SET.has(operation) || !given) return undefined;
  const name = given.startsWith('arn:') ? /:changeSet\/([^/]+)\//.exec(given)?.[1] : given;
  return name ? { 'cloudformation:ChangeSetName': name } : undefined;
}
