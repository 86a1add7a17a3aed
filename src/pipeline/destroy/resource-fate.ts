// What deleting a stack does to each of its resources, from its processed template's
// DeletionPolicy. `Retain` keeps a resource — except that a retained function version, alias or
// permission hangs on its function: DeleteFunction without a qualifier deletes every version and
// alias of the function and its resource policy, so when the stack deletes the function they go
// with it. That is why SAM's `VersionDeletionPolicy: Retain` LMI versions (and the ones earlier
// deploys left outside the stack) do not outlive the stack, while a retained function would keep
// all of them.
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { isRecord, type CfnTemplate } from '../deploy/template/cfn-yaml.js';

type ResourceFate =
  | { readonly kind: 'deleted' }
  /** DeletionPolicy: Snapshot: deleted, leaving a snapshot behind. */
  | { readonly kind: 'snapshot' }
  /** Retained by the template, but removed with its function, which the stack deletes. */
  | { readonly kind: 'with-function'; readonly functionName: string }
  /** Outlives the stack (Retain, RetainExceptOnCreate, or a policy that cannot be read). */
  | { readonly kind: 'retained'; readonly policy: string };

export interface StackResourceLine {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  readonly fate: ResourceFate;
}

/** Resource types that live inside a Lambda function and go when it is deleted. */
const PART_OF_A_FUNCTION = new Set([
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventInvokeConfig',
]);

/** `name`, `name:qualifier`, `arn:…:function:name[:qualifier]` → `name`. */
export function functionNameOf(value: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(value);
  if (m) return m[1]!;
  return value.split(':')[0]!;
}

export function resourceFates(
  resources: readonly StackResourceSummary[],
  template: CfnTemplate | undefined,
): StackResourceLine[] {
  const live = resources.filter(
    (r) => r.LogicalResourceId && !(r.ResourceStatus ?? '').startsWith('DELETE_'),
  );
  const physicalOf = new Map(live.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId]));
  const policyOf = (id: string): unknown => template?.Resources[id]?.DeletionPolicy ?? 'Delete';
  const deletedFunctions = new Set(
    live
      .filter(
        (r) => r.ResourceType === 'AWS::Lambda::Function' && policyOf(r.LogicalResourceId!) === 'Delete',
      )
      .map((r) => r.PhysicalResourceId)
      .filter((n): n is string => n !== undefined),
  );
  /** The function a version, alias or permission belongs to, if it can be told. */
  const ownerOf = (r: StackResourceSummary): string | undefined => {
    if (r.ResourceType !== 'AWS::Lambda::Permission' && r.ResourceType !== 'AWS::Lambda::EventInvokeConfig')
      return r.PhysicalResourceId ? functionNameOf(r.PhysicalResourceId) : undefined;
    const target = template?.Resources[r.LogicalResourceId!]?.Properties?.FunctionName;
    if (typeof target === 'string') return functionNameOf(target);
    if (!isRecord(target)) return undefined;
    // {Ref: X} or {Fn::GetAtt: [X, Arn]}: X's physical id names the function (or its version).
    const ref = typeof target.Ref === 'string' ? target.Ref : undefined;
    const att = Array.isArray(target['Fn::GetAtt']) ? String(target['Fn::GetAtt'][0]) : undefined;
    const physical = physicalOf.get(ref ?? att ?? '');
    return physical ? functionNameOf(physical) : undefined;
  };
  return live.map((r) => {
    const line = {
      logicalId: r.LogicalResourceId!,
      type: r.ResourceType ?? '?',
      physicalId: r.PhysicalResourceId,
    };
    const policy = policyOf(line.logicalId);
    if (policy === 'Delete') return { ...line, fate: { kind: 'deleted' } };
    if (policy === 'Snapshot') return { ...line, fate: { kind: 'snapshot' } };
    const owner = PART_OF_A_FUNCTION.has(line.type) ? ownerOf(r) : undefined;
    if (owner && deletedFunctions.has(owner))
      return { ...line, fate: { kind: 'with-function', functionName: owner } };
    return {
      ...line,
      fate: { kind: 'retained', policy: typeof policy === 'string' ? policy : JSON.stringify(policy) },
    };
  });
}
