// Computes a change set: what executing the new template would add, modify (with or without
// replacement) and remove, evaluated against the stack's current resources.
import { baseContext, prepare, unsupportedTypes, type BaseContextInput, type Prepared } from './context.js';
import { diffProperties, type PropertyDiff } from './diff.js';
import { Unresolved, evaluate, type EvalContext } from './intrinsics.js';
import type { ResourceChange, StackRecord, StackResource } from './model.js';
import { PROVIDERS } from './providers/index.js';
import type { Props } from './providers/types.js';
import { stableJson } from './sam/common.js';
import type { Template } from './template.js';

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

/** Thrown to fail a change set with this StatusReason. */
export class ChangeSetFailed extends Error {}

/** Fails the change set when the template holds types no service provisions. */
function checkSupported(template: Template, order: string[]): void {
  const unsupported = unsupportedTypes(template, order);
  if (unsupported.length) {
    const types = [...new Set(unsupported.map((id) => template.Resources[id]!.Type))];
    throw new ChangeSetFailed(
      `Template format error: Unrecognized resource types: [${types.join(', ')}] (resources ${unsupported.join(', ')}). ` +
        `The local emulator provisions: ${Object.keys(PROVIDERS).join(', ')}.`,
    );
  }
}

/**
 * Evaluation at planning time: Ref and Fn::GetAtt of a resource that does not exist yet, or
 * that this change set adds or replaces (`pending`), are Unresolved.
 */
function planningContext(
  stack: StackRecord,
  base: ReturnType<typeof baseContext>,
  prepared: Prepared,
  pending: Set<string>,
): EvalContext {
  const existing = (id: string) => {
    const r = stack.resources.get(id);
    return r?.physicalId ? r : undefined;
  };
  return {
    ...base,
    conditions: prepared.conditions,
    ref: (id: string) => {
      const r = existing(id);
      if (pending.has(id) || !r) return new Unresolved(`${id}.Ref`);
      return PROVIDERS[r.type]?.ref?.(r.physicalId!, r.attributes) ?? r.physicalId;
    },
    getAtt: (id: string, attr: string) => {
      const r = existing(id);
      if (pending.has(id) || !r || r.attributes[attr] === undefined) return new Unresolved(`${id}.${attr}`);
      return r.attributes[attr];
    },
  };
}

function modifyChange(id: string, old: StackResource, diff: PropertyDiff): ResourceChange {
  const provider = PROVIDERS[old.type]!;
  return {
    Action: 'Modify',
    LogicalResourceId: id,
    PhysicalResourceId: old.physicalId,
    ResourceType: old.type,
    Replacement: diff.replacement,
    Scope: ['Properties'],
    Details: diff.changed.map((name) => {
      const recreate = provider.replaceOn === '*' || provider.replaceOn.includes(name) || !provider.update;
      const dynamic = diff.dynamic.includes(name);
      return {
        Target: {
          Attribute: 'Properties',
          Name: name,
          RequiresRecreation: recreate ? (dynamic ? 'Conditionally' : 'Always') : 'Never',
        },
        Evaluation: dynamic ? 'Dynamic' : 'Static',
        ChangeSource: dynamic ? 'ResourceAttribute' : 'DirectModification',
      };
    }),
  };
}

/** The stack's resources the new template no longer has, in reverse provisioning order. */
function removals(stack: StackRecord, active: Set<string>): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const id of [...stack.order].reverse()) {
    const r = stack.resources.get(id);
    if (active.has(id) || !r) continue;
    changes.push({
      Action: 'Remove',
      LogicalResourceId: id,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      Scope: [],
      Details: [],
      PolicyAction: r.deletionPolicy === 'Retain' ? 'Retain' : 'Delete',
    });
  }
  return changes;
}

export function planChanges(stack: StackRecord, input: BaseContextInput): ResourceChange[] {
  const { template } = input;
  const base = baseContext(input);
  const prepared = prepare(template, base);
  checkSupported(template, prepared.order);
  const pending = new Set<string>();
  const ctx = planningContext(stack, base, prepared, pending);
  const changes: ResourceChange[] = [];
  const mismatched: string[] = [];
  for (const id of prepared.order) {
    const decl = template.Resources[id]!;
    const r = stack.resources.get(id);
    const old = r?.physicalId ? r : undefined;
    if (old && old.type !== decl.Type) {
      mismatched.push(id);
      continue;
    }
    const props = evaluate(decl.Properties ?? {}, ctx) as Props;
    if (!old) {
      pending.add(id);
      changes.push({ Action: 'Add', LogicalResourceId: id, ResourceType: decl.Type, Scope: [], Details: [] });
      continue;
    }
    const diff = diffProperties(PROVIDERS[decl.Type]!, old.properties, props);
    if (!diff.changed.length) continue;
    if (diff.replacement !== 'False') pending.add(id);
    changes.push(modifyChange(id, old, diff));
  }
  if (mismatched.length) {
    throw new ChangeSetFailed(
      `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${mismatched.join(', ')}]`,
    );
  }
  return [...changes, ...removals(stack, new Set(prepared.order))];
}

/** True when a change set would change nothing at all: same template, parameters and tags. */
export function isEmptyUpdate(
  stack: StackRecord,
  changes: ResourceChange[],
  template: unknown,
  params: { key: string; value: string }[],
  tags: unknown,
): boolean {
  if (changes.length) return false;
  const paramsOf = (ps: { key: string; value: string }[]) => stableJson(ps.map((p) => [p.key, p.value]));
  return (
    stableJson(stack.template) === stableJson(template) &&
    paramsOf(stack.parameters) === paramsOf(params) &&
    stableJson(stack.tags) === stableJson(tags)
  );
}
