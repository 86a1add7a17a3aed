// Which properties of a resource changed, and whether the change replaces it.
import { containsUnresolved } from './intrinsics.js';
import type { ResourceProvider } from './providers/types.js';
import { stableJson } from './sam/common.js';

export interface PropertyDiff {
  changed: string[];
  /** Changed properties whose new value is only known at execution. */
  dynamic: string[];
  replacement: 'True' | 'False' | 'Conditional';
}

const equal = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

export function diffProperties(
  provider: ResourceProvider,
  oldProps: Record<string, unknown>,
  newProps: Record<string, unknown>,
): PropertyDiff {
  const keys = new Set([...Object.keys(oldProps), ...Object.keys(newProps)]);
  const changed: string[] = [];
  const dynamic: string[] = [];
  for (const k of [...keys].sort()) {
    const nv = newProps[k];
    if (containsUnresolved(nv)) {
      changed.push(k);
      dynamic.push(k);
    } else if (!equal(oldProps[k], nv)) changed.push(k);
  }
  const replaces = (k: string) =>
    provider.replaceOn === '*' || provider.replaceOn.includes(k) || !provider.update;
  const hard = changed.filter((k) => replaces(k) && !dynamic.includes(k));
  const soft = changed.filter((k) => replaces(k) && dynamic.includes(k));
  return { changed, dynamic, replacement: hard.length ? 'True' : soft.length ? 'Conditional' : 'False' };
}
