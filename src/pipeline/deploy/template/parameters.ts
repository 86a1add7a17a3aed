// Stack parameters for a change set, the way `aws cloudformation deploy` chooses them: given
// values win, an existing stack keeps its previous values, and declared defaults apply.
import type { Parameter, Stack } from '@aws-sdk/client-cloudformation';
import { CutoverError } from '../../../core/errors.js';
import type { CfnTemplate } from './cfn-yaml.js';

/** Fails with UNKNOWN_PARAMETER when overrides name parameters the template does not declare. */
export function checkDeclaredParameters(
  template: CfnTemplate,
  overrides: Readonly<Record<string, string>>,
): void {
  const declared = Object.keys(template.Parameters ?? {});
  const unknown = Object.keys(overrides).filter((k) => !declared.includes(k));
  if (unknown.length > 0) {
    throw new CutoverError(
      'UNKNOWN_PARAMETER',
      `parameter-overrides names ${unknown.length === 1 ? 'a parameter' : 'parameters'} the template does not declare: ${unknown.join(', ')}. ` +
        `Remove ${unknown.length === 1 ? 'it' : 'them'} or declare ${unknown.length === 1 ? 'it' : 'them'} under Parameters ` +
        `(declared: ${declared.length > 0 ? declared.join(', ') : 'none'}).`,
    );
  }
}

export function resolveStackParameters(
  template: CfnTemplate,
  overrides: Readonly<Record<string, string>>,
  existing: Stack | undefined,
): Parameter[] {
  checkDeclaredParameters(template, overrides);
  const previous = new Set((existing?.Parameters ?? []).map((p) => p.ParameterKey));
  const parameters: Parameter[] = [];
  const missing: string[] = [];
  for (const [key, declaration] of Object.entries(template.Parameters ?? {})) {
    const value = overrides[key];
    if (value !== undefined) parameters.push({ ParameterKey: key, ParameterValue: value });
    else if (previous.has(key)) parameters.push({ ParameterKey: key, UsePreviousValue: true });
    else if (declaration?.Default === undefined) missing.push(key);
  }
  if (missing.length > 0) {
    throw new CutoverError(
      'MISSING_PARAMETER',
      `The template's parameter${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no Default and no value: ` +
        `give ${missing.length === 1 ? 'it' : 'them'} in parameter-overrides (${missing.map((k) => `${k}=…`).join(' ')}).`,
    );
  }
  return parameters;
}
