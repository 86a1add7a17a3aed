// The resources each CloudFormation request is authorized against, for the call log: the stack
// (by its id once it exists, `stack/<name>/*` before), and for a change set whose template names
// a transform, the transform too (CreateChangeSet needs permission on both).
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
