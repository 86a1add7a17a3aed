// Intrinsic functions and pseudo parameters. Evaluation runs twice: when a change set is
// computed (values of resources not created yet are Unresolved, which marks a change as
// Dynamic) and when it is executed (every value is real).
import { AwsError } from '../../errors.js';
import type { Json } from './template.js';

/** A value that is not known until execution (an attribute of a resource being created). */
export class Unresolved {
  constructor(readonly what: string) {}
}

/** AWS::NoValue: the property is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

export type ParamValue = string | string[];

export interface EvalContext {
  params: Record<string, ParamValue>;
  pseudo: Record<string, unknown>;
  conditions: Record<string, boolean>;
  mappings: Record<string, Record<string, Record<string, Json>>>;
  /** Ref of a resource's logical id. */
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(name: string): unknown;
  /** {{resolve:ssm:...}} dynamic references. */
  resolveSsm(name: string, version: string | undefined, secure: boolean): string;
}

const templateError = (message: string) => new AwsError('ValidationError', `Template error: ${message}`);

const isUnresolved = (v: unknown): v is Unresolved => v instanceof Unresolved;

function asString(v: unknown, where: string): string | Unresolved {
  if (isUnresolved(v)) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw templateError(`${where} requires a string value, got ${JSON.stringify(v)}`);
}

function asList(v: unknown, where: string): unknown[] | Unresolved {
  if (isUnresolved(v)) return v;
  if (Array.isArray(v)) return v;
  throw templateError(`${where} requires a list, got ${JSON.stringify(v)}`);
}

function refValue(name: string, ctx: EvalContext): unknown {
  if (name in ctx.pseudo) return ctx.pseudo[name];
  if (name in ctx.params) return ctx.params[name];
  return ctx.ref(name);
}

/** Fn::Sub: ${Param}, ${Resource}, ${Resource.Attribute}, ${!Literal}. */
function substitute(text: string, vars: Record<string, unknown>, ctx: EvalContext): string | Unresolved {
  let unresolved: Unresolved | undefined;
  const out = text.replace(/\$\{([^}]*)\}/g, (_m, expr: string) => {
    if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
    const name = expr.trim();
    let v: unknown;
    if (name in vars) v = vars[name];
    else if (name in ctx.pseudo || name in ctx.params) v = refValue(name, ctx);
    else if (name.includes('.')) {
      const dot = name.indexOf('.');
      v = ctx.getAtt(name.slice(0, dot), name.slice(dot + 1));
    } else v = ctx.ref(name);
    if (isUnresolved(v)) {
      unresolved = v;
      return '';
    }
    if (Array.isArray(v)) return v.join(',');
    return String(v);
  });
  return unresolved ?? out;
}

type Evaluator = (arg: unknown, ctx: EvalContext) => unknown;

/** Condition functions: Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition. */
const CONDITION_FUNCTIONS: Record<string, Evaluator> = {
  Condition: (arg, ctx) => {
    if (typeof arg !== 'string' || !(arg in ctx.conditions)) {
      throw templateError(`unresolved condition dependency ${String(arg)} in Condition`);
    }
    return ctx.conditions[arg];
  },
  'Fn::If': (arg, ctx) => {
    const [cond, whenTrue, whenFalse] = arg as [string, unknown, unknown];
    if (!(cond in ctx.conditions)) throw templateError(`unresolved condition dependency ${cond} in Fn::If`);
    return evaluate(ctx.conditions[cond] ? whenTrue : whenFalse, ctx);
  },
  'Fn::Equals': (arg, ctx) => {
    const [a, b] = (arg as unknown[]).map((x) => evaluate(x, ctx));
    return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
  },
  'Fn::Not': (arg, ctx) => !evaluate((arg as unknown[])[0], ctx),
  'Fn::And': (arg, ctx) => (arg as unknown[]).every((x) => evaluate(x, ctx) === true),
  'Fn::Or': (arg, ctx) => (arg as unknown[]).some((x) => evaluate(x, ctx) === true),
};

/** Ref, Fn::GetAtt, Fn::Sub, Fn::ImportValue, Fn::FindInMap, Fn::GetAZs: values from outside the expression. */
const REFERENCE_FUNCTIONS: Record<string, Evaluator> = {
  Ref: (arg, ctx) => {
    if (typeof arg !== 'string') throw templateError('Ref requires a string logical id or parameter name');
    return refValue(arg, ctx);
  },
  'Fn::GetAtt': (arg, ctx) => {
    const [res, attr] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : (arg as [string, unknown]);
    const attribute = evaluate(attr, ctx);
    if (isUnresolved(attribute)) return attribute;
    return ctx.getAtt(String(res), String(attribute));
  },
  'Fn::Sub': (arg, ctx) => {
    if (typeof arg === 'string') return substitute(arg, {}, ctx);
    const [text, rawVars] = arg as [string, Record<string, unknown>];
    const vars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rawVars ?? {})) vars[k] = evaluate(v, ctx);
    return substitute(String(text), vars, ctx);
  },
  'Fn::ImportValue': (arg, ctx) => {
    const name = asString(evaluate(arg, ctx), 'Fn::ImportValue');
    return isUnresolved(name) ? name : ctx.importValue(name);
  },
  'Fn::FindInMap': (arg, ctx) => {
    const [map, top, second] = (arg as unknown[]).map((x) => evaluate(x, ctx));
    const v = ctx.mappings[String(map)]?.[String(top)]?.[String(second)];
    if (v === undefined) {
      throw templateError(`Unable to get mapping for ${String(map)}::${String(top)}::${String(second)}`);
    }
    return v;
  },
  'Fn::GetAZs': (arg, ctx) => {
    const region = evaluate(arg, ctx) || ctx.pseudo['AWS::Region'];
    return ['a', 'b', 'c'].map((z) => `${String(region)}${z}`);
  },
};

/** Fn::Join, Fn::Select, Fn::Split, Fn::Base64, Fn::ToJsonString, Fn::Length: values built from values. */
const VALUE_FUNCTIONS: Record<string, Evaluator> = {
  'Fn::Join': (arg, ctx) => {
    const [delimiter, list] = arg as [string, unknown];
    const items = asList(evaluate(list, ctx), 'Fn::Join');
    if (isUnresolved(items)) return items;
    const parts = items.map((i) => asString(i, 'Fn::Join'));
    const u = parts.find(isUnresolved);
    return u ?? parts.join(delimiter);
  },
  'Fn::Select': (arg, ctx) => {
    const [index, list] = arg as [unknown, unknown];
    const i = evaluate(index, ctx);
    const items = asList(evaluate(list, ctx), 'Fn::Select');
    if (isUnresolved(items)) return items;
    if (isUnresolved(i)) return i;
    const n = Number(i);
    if (!Number.isInteger(n) || n < 0 || n >= items.length) {
      throw templateError(`Fn::Select cannot select nonexistent value at index ${String(i)}`);
    }
    return items[n];
  },
  'Fn::Split': (arg, ctx) => {
    const [delimiter, source] = arg as [string, unknown];
    const s = asString(evaluate(source, ctx), 'Fn::Split');
    return isUnresolved(s) ? s : s.split(delimiter);
  },
  'Fn::Base64': (arg, ctx) => {
    const s = asString(evaluate(arg, ctx), 'Fn::Base64');
    return isUnresolved(s) ? s : Buffer.from(s).toString('base64');
  },
  'Fn::ToJsonString': (arg, ctx) => {
    const v = evaluate(arg, ctx);
    return containsUnresolved(v) ? new Unresolved('Fn::ToJsonString') : JSON.stringify(v);
  },
  'Fn::Length': (arg, ctx) => {
    const items = asList(evaluate(arg, ctx), 'Fn::Length');
    return isUnresolved(items) ? items : items.length;
  },
};

/** The intrinsic functions the emulator evaluates (Fn::Cidr and Fn::Transform it recognises only). */
const EVALUATORS: Record<string, Evaluator> = {
  ...REFERENCE_FUNCTIONS,
  ...CONDITION_FUNCTIONS,
  ...VALUE_FUNCTIONS,
};

function evaluateFunction(key: string, arg: unknown, ctx: EvalContext): unknown {
  const evaluator = Object.hasOwn(EVALUATORS, key) ? EVALUATORS[key] : undefined;
  if (!evaluator) throw templateError(`the local emulator does not support the intrinsic function ${key}`);
  return evaluator(arg, ctx);
}

const INTRINSICS = new Set([
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::ImportValue',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::Cidr',
  'Fn::Transform',
]);

export const intrinsicKey = (v: unknown): string | undefined => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && INTRINSICS.has(keys[0]!) ? keys[0] : undefined;
};

const DYNAMIC_REF = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]+)\}\}/g;

function resolveDynamic(s: string, ctx: EvalContext): string {
  return s.replace(DYNAMIC_REF, (_m, kind: string, ref: string) => {
    if (kind === 'secretsmanager') {
      throw new AwsError(
        'ValidationError',
        'The local emulator does not support {{resolve:secretsmanager:...}} references.',
      );
    }
    const [name, version] = ref.split(':');
    return ctx.resolveSsm(name!, version, kind === 'ssm-secure');
  });
}

/** Evaluates a template value; NO_VALUE members are removed from objects and lists. */
export function evaluate(value: unknown, ctx: EvalContext): unknown {
  if (typeof value === 'string') return value.includes('{{resolve:') ? resolveDynamic(value, ctx) : value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, ctx)).filter((v) => v !== NO_VALUE);
  if (value && typeof value === 'object') {
    const key = intrinsicKey(value);
    if (key) {
      const out = evaluateFunction(key, (value as Record<string, unknown>)[key], ctx);
      return typeof out === 'string' && out.includes('{{resolve:') ? resolveDynamic(out, ctx) : out;
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = evaluate(v, ctx);
      if (r !== NO_VALUE) result[k] = r;
    }
    return result;
  }
  return value;
}

export function containsUnresolved(v: unknown): boolean {
  if (isUnresolved(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnresolved);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnresolved);
  return false;
}

/** Evaluates the Conditions section (conditions may refer to one another). */
export function evaluateConditions(
  conditions: Record<string, Json> | undefined,
  base: Omit<EvalContext, 'conditions'>,
): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  const visiting = new Set<string>();
  const decls = conditions ?? {};
  const ctx: EvalContext = {
    ...base,
    conditions: new Proxy(result, {
      has: (_t, name: string) => name in decls,
      get: (_t, name: string) => resolve(name),
    }),
  };
  const resolve = (name: string): boolean => {
    if (name in result) return result[name]!;
    if (!(name in decls)) throw templateError(`unresolved condition dependency ${name}`);
    if (visiting.has(name)) throw templateError(`circular condition dependency involving ${name}`);
    visiting.add(name);
    const v = evaluate(decls[name], ctx);
    if (typeof v !== 'boolean') throw templateError(`condition ${name} does not evaluate to a boolean`);
    result[name] = v;
    return v;
  };
  for (const name of Object.keys(decls)) resolve(name);
  return result;
}

export function pseudoParameters(region: string, accountId: string, stackName: string, stackId: string) {
  return {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::StackName': stackName,
    'AWS::StackId': stackId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NotificationARNs': [],
    'AWS::NoValue': NO_VALUE,
  } as Record<string, unknown>;
}
