// What a new change set would deploy: its template read and parsed, its parameters resolved
// (previous values and Parameter Store included), transforms run, and the IAM capabilities
// the result requires checked against the ones the request acknowledges.
import { AwsError } from '../../errors.js';
import { queryList } from '../../http/query.js';
import { baseContext, prepare, requiredCapabilities } from './context.js';
import type { StackRecord } from './model.js';
import {
  paramRefValues,
  resolveParameters,
  type ParameterInput,
  type ResolvedParameter,
} from './parameters.js';
import { SAM_TRANSFORM, TransformFailed, samTransform } from './sam/index.js';
import { validation, type CloudFormationState } from './state.js';
import type { StackOptionsInput } from './stack-options.js';
import { readTemplateBody } from './template-source.js';
import { parseTemplate, transformsOf, type Template } from './template.js';

export interface CreateChangeSetInput extends StackOptionsInput {
  StackName?: string;
  ChangeSetName?: string;
  ChangeSetType?: string;
  TemplateBody?: string;
  TemplateURL?: string;
  UsePreviousTemplate?: string;
  Parameters?: unknown;
  Capabilities?: unknown;
  Tags?: unknown;
  Description?: string;
}

export interface ResolvedTemplate {
  body: string;
  template: Template;
  params: ResolvedParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
}

/** The request's template and parameters; an UPDATE's omitted parameters keep their values. */
export async function resolveTemplate(
  state: CloudFormationState,
  input: CreateChangeSetInput,
  stack: StackRecord | undefined,
  type: 'CREATE' | 'UPDATE',
): Promise<ResolvedTemplate> {
  const { services } = state.options;
  const body = await readTemplateBody(input, services.s3, stack?.templateBody);
  const template = parseTemplate(body);
  const previous =
    stack && type === 'UPDATE'
      ? Object.fromEntries(stack.parameters.map((p) => [p.key, p.value]))
      : undefined;
  const params = resolveParameters(
    template,
    queryList<ParameterInput>(input.Parameters),
    previous,
    (name) => {
      try {
        return services.ssm.get(name, false).outValue;
      } catch {
        throw validation(
          `Parameters: [${name}] referenced by template could not be found in Parameter Store.`,
        );
      }
    },
  );
  const capabilities = queryList<string>(input.Capabilities);
  const tags = queryList<{ Key: string; Value: string }>(input.Tags);
  return { body, template, params, capabilities, tags };
}

/** Runs transforms; a failure fails the change set later rather than the request. */
export function processTemplate(
  state: CloudFormationState,
  template: Template,
  params: ResolvedParameter[],
  stackName: string,
  stackId: string,
): { template?: Template; failure?: string } {
  const transforms = transformsOf(template);
  const unsupported = transforms.filter((t) => t !== SAM_TRANSFORM);
  if (unsupported.length) {
    return {
      failure: `The local emulator does not support the transform(s) [${unsupported.join(', ')}]; it implements ${SAM_TRANSFORM}.`,
    };
  }
  let processed = template;
  if (transforms.length) {
    try {
      processed = samTransform(template, paramRefValues(params));
    } catch (e) {
      if (e instanceof TransformFailed) return { failure: e.message };
      throw e;
    }
  }
  const base = baseContext({
    region: state.options.region,
    stackName,
    stackId,
    params: paramRefValues(params),
    template: processed,
    ssm: state.options.services.ssm,
    exports: state.exports,
  });
  try {
    prepare(processed, base);
  } catch (e) {
    // A plain template's errors are the request's; a transformed one's fail the change set.
    if (!transforms.length) throw e;
    return { failure: (e as Error).message };
  }
  return { template: processed };
}

/**
 * A template with a transform (the SAM transform) expands into another template, which
 * CloudFormation runs only with CAPABILITY_AUTO_EXPAND acknowledged: the request fails as the
 * IAM capabilities' do.
 */
export function checkTransformCapability(template: Template, capabilities: string[]): void {
  if (transformsOf(template).length > 0 && !capabilities.includes('CAPABILITY_AUTO_EXPAND')) {
    throw new AwsError(
      'InsufficientCapabilitiesException',
      'Requires capabilities : [CAPABILITY_AUTO_EXPAND]',
    );
  }
}

/** Fails the request when the template needs an IAM capability it does not acknowledge. */
export function checkCapabilities(template: Template, capabilities: string[]): void {
  const order = Object.keys(template.Resources);
  const needed = requiredCapabilities(template, order, (id) => template.Resources[id]!.Properties ?? {});
  const has = new Set(capabilities);
  if (has.has('CAPABILITY_NAMED_IAM')) has.add('CAPABILITY_IAM');
  const missing = needed.filter((c) => !has.has(c));
  if (missing.length) {
    throw new AwsError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${missing.join(', ')}]`,
    );
  }
}
