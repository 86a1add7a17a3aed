// What evaluating a template needs: parameters, pseudo parameters, conditions, and how Ref
// and Fn::GetAtt read resources. prepare() validates a processed template and orders it.
import { AwsError } from '../../errors.js';
import { ACCOUNT_ID } from '../../core/ids.js';
import type { SsmStore } from '../ssm/store.js';
import { buildGraph, collectReferences, topologicalOrder, type Graph } from './graph.js';
import { evaluateConditions, pseudoParameters, type EvalContext, type ParamValue } from './intrinsics.js';
import { PROVIDERS } from './providers/index.js';
import type { Template } from './template.js';

export interface Prepared {
  conditions: Record<string, boolean>;
  /** Resources whose Condition holds, in provisioning order. */
  order: string[];
  graph: Graph;
}

export interface BaseContextInput {
  region: string;
  stackName: string;
  stackId: string;
  params: Record<string, ParamValue>;
  template: Template;
  ssm: SsmStore;
  exports: Map<string, { stackId: string; value: string }>;
}

type Base = Omit<EvalContext, 'conditions' | 'ref' | 'getAtt'>;

export function baseContext(input: BaseContextInput): Base {
  return {
    params: input.params,
    pseudo: pseudoParameters(input.region, ACCOUNT_ID, input.stackName, input.stackId),
    mappings: input.template.Mappings ?? {},
    importValue: (name) => {
      const exp = input.exports.get(name);
      if (!exp) throw new AwsError('ValidationError', `No export named ${name} found.`);
      return exp.value;
    },
    resolveSsm: (name, version, secure) => {
      try {
        const p = input.ssm.get(name, secure);
        if (version !== undefined && String(p.version) !== version) {
          throw new AwsError(
            'ValidationError',
            `Unable to fetch parameters [${name}:${version}] from parameter store for this account.`,
          );
        }
        if (p.type === 'SecureString' && !secure) {
          throw new AwsError(
            'ValidationError',
            `Parameters [${name}] referenced by template have types not supported by CloudFormation.`,
          );
        }
        return p.outValue;
      } catch (e) {
        if (e instanceof AwsError && e.code === 'ParameterNotFound') {
          throw new AwsError(
            'ValidationError',
            `Unable to fetch parameters [${name}] from parameter store for this account.`,
          );
        }
        throw e;
      }
    },
  };
}

const noResources = () => {
  throw new AwsError('ValidationError', 'Template error: resources cannot be referenced in Conditions');
};

/** Evaluates conditions, checks types, references and attributes, and orders resources. */
export function prepare(template: Template, base: Base): Prepared {
  const conditions = evaluateConditions(template.Conditions, {
    ...base,
    ref: noResources,
    getAtt: noResources,
  });
  const active = Object.entries(template.Resources)
    .filter(([, r]) => {
      if (r.Condition === undefined) return true;
      if (!(r.Condition in conditions)) {
        throw new AwsError(
          'ValidationError',
          `Template format error: Unresolved dependencies [${r.Condition}]. Cannot reference resources in the Conditions block of the template`,
        );
      }
      return conditions[r.Condition];
    })
    .map(([id]) => id);
  const known = new Set([...Object.keys(base.params), ...Object.keys(base.pseudo)]);
  const graph = buildGraph(template, active, conditions, known);
  const activeSet = new Set(active);
  const unknownAttr: string[] = [];
  for (const id of active) {
    for (const r of collectReferences(template.Resources[id]!.Properties ?? {}, conditions)) {
      if (!r.attribute || !activeSet.has(r.logicalId)) continue;
      const provider = PROVIDERS[template.Resources[r.logicalId]!.Type];
      if (provider && !provider.attributes.includes(r.attribute))
        unknownAttr.push(`${r.logicalId}.${r.attribute}`);
    }
  }
  for (const out of Object.values(template.Outputs ?? {})) {
    if (out.Condition !== undefined && !conditions[out.Condition]) continue;
    for (const r of collectReferences(out.Value, conditions)) {
      if (!activeSet.has(r.logicalId) && !known.has(r.logicalId)) {
        throw new AwsError(
          'ValidationError',
          `Template format error: Unresolved resource dependencies [${r.logicalId}] in the Outputs block of the template`,
        );
      }
    }
  }
  if (unknownAttr.length) {
    const [res, attr] = unknownAttr[0]!.split('.');
    throw new AwsError(
      'ValidationError',
      `Template error: resource ${res} does not support attribute type ${attr} in Fn::GetAtt`,
    );
  }
  return { conditions, order: topologicalOrder(graph), graph };
}

/** Resource types in the template the emulator cannot provision. */
export function unsupportedTypes(template: Template, order: string[]): string[] {
  return order.filter((id) => !PROVIDERS[template.Resources[id]!.Type]);
}

/** The IAM capabilities a template's resources require. */
export function requiredCapabilities(
  template: Template,
  order: string[],
  evalProps: (id: string) => Record<string, unknown>,
): string[] {
  const needed = new Set<string>();
  for (const id of order) {
    const provider = PROVIDERS[template.Resources[id]!.Type];
    const cap = provider?.capability?.(evalProps(id));
    if (cap) needed.add(cap);
  }
  if (needed.has('CAPABILITY_NAMED_IAM')) return ['CAPABILITY_NAMED_IAM'];
  return [...needed];
}
