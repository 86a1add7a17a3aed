// Template parameters: values from the request, previous values (UsePreviousValue), defaults,
// and the validation CloudFormation applies (types, AllowedValues, AllowedPattern, lengths,
// ranges), plus AWS::SSM::Parameter::Value<> types resolved from Parameter Store.
import { AwsError } from '../../errors.js';
import type { ParamValue } from './intrinsics.js';
import type { ParameterDeclaration, Template } from './template.js';

export interface ParameterInput {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: string | boolean;
}

export interface ResolvedParameter {
  key: string;
  /** The value as given (for SSM types: the parameter name). */
  value: string;
  /** What Ref returns: a string, or a list for List<> and CommaDelimitedList types. */
  refValue: ParamValue;
  resolvedValue?: string;
  noEcho: boolean;
}

const invalid = (message: string) => new AwsError('ValidationError', message);

const isList = (type: string) => type === 'CommaDelimitedList' || /^List<.*>$/.test(type);
const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

const AWS_ID_PATTERNS: Record<string, RegExp> = {
  'AWS::EC2::Subnet::Id': /^subnet-[0-9a-z]+$/,
  'AWS::EC2::SecurityGroup::Id': /^sg-[0-9a-z]+$/,
  'AWS::EC2::VPC::Id': /^vpc-[0-9a-z]+$/,
  'AWS::EC2::KeyPair::KeyName': /^.+$/,
  'AWS::EC2::Image::Id': /^ami-[0-9a-z]+$/,
};

function checkValue(key: string, decl: ParameterDeclaration, value: string): void {
  const type = decl.Type;
  const items = isList(type) ? (value === '' ? [] : value.split(',').map((s) => s.trim())) : [value];
  const itemType = /^List<(.+)>$/.exec(type)?.[1] ?? type;
  for (const item of items) {
    if (itemType === 'Number' && (item === '' || !Number.isFinite(Number(item)))) {
      throw invalid(`Parameter '${key}' must be a number.`);
    }
    const idPattern = AWS_ID_PATTERNS[itemType];
    if (idPattern && !idPattern.test(item)) {
      throw invalid(
        `Parameter validation failed: parameter value ${item} for parameter name ${key} does not exist. Rollback requested by user.`,
      );
    }
  }
  if (decl.AllowedValues && !decl.AllowedValues.map(String).includes(value)) {
    throw invalid(`Parameter '${key}' must be one of AllowedValues`);
  }
  if (decl.AllowedPattern !== undefined && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(value)) {
    throw invalid(`Parameter '${key}' must match pattern ${decl.AllowedPattern}`);
  }
  if (decl.MinLength !== undefined && value.length < Number(decl.MinLength)) {
    throw invalid(`Parameter '${key}' must contain at least ${decl.MinLength} characters`);
  }
  if (decl.MaxLength !== undefined && value.length > Number(decl.MaxLength)) {
    throw invalid(`Parameter '${key}' must contain at most ${decl.MaxLength} characters`);
  }
  if (type === 'Number') {
    const n = Number(value);
    if (decl.MinValue !== undefined && n < Number(decl.MinValue)) {
      throw invalid(`Parameter '${key}' must be a number not less than ${decl.MinValue}`);
    }
    if (decl.MaxValue !== undefined && n > Number(decl.MaxValue)) {
      throw invalid(`Parameter '${key}' must be a number not greater than ${decl.MaxValue}`);
    }
  }
}

/**
 * Resolves the template's parameters for a change set. `previous` holds the stack's current
 * values (for UsePreviousValue); `readSsm` resolves SSM parameter types.
 */
export function resolveParameters(
  template: Template,
  inputs: ParameterInput[],
  previous: Record<string, string> | undefined,
  readSsm: (name: string) => string,
): ResolvedParameter[] {
  const decls = template.Parameters ?? {};
  const given = new Map<string, ParameterInput>();
  for (const p of inputs) given.set(p.ParameterKey ?? '', p);
  const unknown = [...given.keys()].filter((k) => !(k in decls));
  if (unknown.length) throw invalid(`Parameters: [${unknown.join(', ')}] do not exist in the template`);

  const missing: string[] = [];
  const out: ResolvedParameter[] = [];
  for (const [key, decl] of Object.entries(decls)) {
    if (!decl || typeof decl.Type !== 'string')
      throw invalid(`Template format error: Every Parameters object must contain a Type member.`);
    const input = given.get(key);
    let value: string | undefined;
    const usePrevious = input?.UsePreviousValue === true || input?.UsePreviousValue === 'true';
    if (usePrevious) {
      if (!previous || !(key in previous)) {
        throw invalid(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      }
      value = previous[key];
    } else if (input?.ParameterValue !== undefined) {
      value = input.ParameterValue;
    } else if (decl.Default !== undefined) {
      value = Array.isArray(decl.Default) ? decl.Default.join(',') : String(decl.Default);
    }
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    checkValue(key, decl, value);
    const ssm = SSM_TYPE.exec(decl.Type);
    let refValue: ParamValue = isList(decl.Type)
      ? value === ''
        ? []
        : value.split(',').map((s) => s.trim())
      : value;
    let resolvedValue: string | undefined;
    if (ssm) {
      resolvedValue = readSsm(value);
      refValue = isList(ssm[1]!) ? resolvedValue.split(',') : resolvedValue;
    }
    out.push({
      key,
      value,
      refValue,
      resolvedValue,
      noEcho: decl.NoEcho === true || decl.NoEcho === 'true',
    });
  }
  if (missing.length) throw invalid(`Parameters: [${missing.join(', ')}] must have values`);
  return out;
}

export const paramRefValues = (params: ResolvedParameter[]): Record<string, ParamValue> =>
  Object.fromEntries(params.map((p) => [p.key, p.refValue]));

/** Parameters as DescribeStacks/DescribeChangeSet show them (NoEcho values masked). */
export const parameterView = (params: ResolvedParameter[]) =>
  params.map((p) => ({
    ParameterKey: p.key,
    ParameterValue: p.noEcho ? '****' : p.value,
    ResolvedValue: p.resolvedValue !== undefined && !p.noEcho ? p.resolvedValue : undefined,
  }));
