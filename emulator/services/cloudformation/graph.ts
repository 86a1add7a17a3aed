// Resource dependencies (Ref, Fn::GetAtt, Fn::Sub references and DependsOn) and the order
// CloudFormation processes resources in. Only the branch an Fn::If takes counts.
import { AwsError } from '../../errors.js';
import { intrinsicKey } from './intrinsics.js';
import type { Template } from './template.js';

export interface Reference {
  logicalId: string;
  attribute?: string;
}

function subReferences(text: string, locals: Set<string>): Reference[] {
  const out: Reference[] = [];
  for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
    const expr = m[1]!.trim();
    if (locals.has(expr)) continue;
    const dot = expr.indexOf('.');
    out.push(
      dot > 0 ? { logicalId: expr.slice(0, dot), attribute: expr.slice(dot + 1) } : { logicalId: expr },
    );
  }
  return out;
}

/** Every Ref/GetAtt/Sub reference in a value (to resources, parameters or pseudo parameters). */
export function collectReferences(
  value: unknown,
  conditions: Record<string, boolean>,
  out: Reference[] = [],
): Reference[] {
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, conditions, out);
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  const key = intrinsicKey(value);
  const arg = key ? (value as Record<string, unknown>)[key] : undefined;
  switch (key) {
    case 'Ref':
      if (typeof arg === 'string') out.push({ logicalId: arg });
      return out;
    case 'Fn::GetAtt': {
      const [res, attr] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : (arg as [string, unknown]);
      out.push({ logicalId: String(res), attribute: typeof attr === 'string' ? attr : undefined });
      if (typeof attr !== 'string') collectReferences(attr, conditions, out);
      return out;
    }
    case 'Fn::Sub': {
      if (typeof arg === 'string') {
        out.push(...subReferences(arg, new Set()));
        return out;
      }
      const [text, vars] = arg as [string, Record<string, unknown>];
      out.push(...subReferences(String(text), new Set(Object.keys(vars ?? {}))));
      collectReferences(vars, conditions, out);
      return out;
    }
    case 'Fn::If': {
      const [cond, a, b] = arg as [string, unknown, unknown];
      collectReferences(conditions[cond] === false ? b : a, conditions, out);
      return out;
    }
    default:
      for (const v of Object.values(value)) collectReferences(v, conditions, out);
      return out;
  }
}

export type Graph = Map<string, Set<string>>;

/** Dependencies among the given resources; references to anything else must be parameters. */
export function buildGraph(
  template: Template,
  active: string[],
  conditions: Record<string, boolean>,
  knownNames: Set<string>,
): Graph {
  const activeSet = new Set(active);
  const graph: Graph = new Map();
  const unresolved = new Set<string>();
  for (const id of active) {
    const decl = template.Resources[id]!;
    const deps = new Set<string>();
    const dependsOn =
      decl.DependsOn === undefined ? [] : Array.isArray(decl.DependsOn) ? decl.DependsOn : [decl.DependsOn];
    for (const d of dependsOn) {
      if (activeSet.has(d)) deps.add(d);
      else unresolved.add(d);
    }
    for (const r of collectReferences(decl.Properties ?? {}, conditions)) {
      if (activeSet.has(r.logicalId)) deps.add(r.logicalId);
      else if (!knownNames.has(r.logicalId)) unresolved.add(r.logicalId);
    }
    deps.delete(id);
    graph.set(id, deps);
  }
  if (unresolved.size) {
    throw new AwsError(
      'ValidationError',
      `Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`,
    );
  }
  return graph;
}

/** Topological order (dependencies first); fails on a cycle as CloudFormation does. */
export function topologicalOrder(graph: Graph): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = path.slice(path.indexOf(id));
      throw new AwsError('ValidationError', `Circular dependency between resources: [${cycle.join(', ')}]`);
    }
    state.set(id, 'visiting');
    for (const dep of graph.get(id) ?? []) visit(dep, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of [...graph.keys()].sort()) visit(id, []);
  return order;
}
