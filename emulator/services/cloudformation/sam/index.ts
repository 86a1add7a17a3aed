// The AWS::Serverless-2016-10-31 transform, run before CloudFormation processes a template:
// Globals, Functions (roles, versions, aliases, API permissions), CapacityProviders and Apis
// become plain resources, and `Function.Alias` / `Function.Version` references resolve.
import type { Json, ResourceDeclaration, Template } from '../template.js';
import { transformApi } from './api.js';
import { transformCapacityProvider } from './capacity-provider.js';
import { SamError, type SamContext } from './common.js';
import { transformFunction, type ApiEvent } from './function.js';
import { applyGlobals } from './globals.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A failed transform; its message is the change set's StatusReason. */
export class TransformFailed extends Error {}

const HANDLED = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::CapacityProvider',
]);

/** Rewrites `Ref: Fn.Alias` and `${Fn.Alias}` (and `.Version`) to the generated logical ids. */
function resolveReferable(value: Json, referable: Record<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => resolveReferable(v, referable));
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string' && Object.keys(value).length === 1 && referable[value.Ref]) {
      return { Ref: referable[value.Ref]! };
    }
    const sub = value['Fn::Sub'];
    if (sub !== undefined && Object.keys(value).length === 1) {
      const rewrite = (s: string) =>
        s.replace(/\$\{([^}!][^}]*)\}/g, (m, name: string) =>
          referable[name.trim()] ? `\${${referable[name.trim()]}}` : m,
        );
      if (typeof sub === 'string') return { 'Fn::Sub': rewrite(sub) };
      if (Array.isArray(sub))
        return { 'Fn::Sub': [rewrite(String(sub[0])), resolveReferable(sub[1] ?? {}, referable)] };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferable(v, referable)]));
  }
  return value;
}

/** What transforming the resources yields: plain resources, referable ids and Api events. */
interface Transformed {
  out: Record<string, ResourceDeclaration>;
  referable: Record<string, string>;
  events: ApiEvent[];
}

/** Functions and capacity providers transformed, plain resources kept, other SAM types refused. */
function transformResources(template: Template, ctx: SamContext, fail: (e: unknown) => void): Transformed {
  const result: Transformed = { out: {}, referable: {}, events: [] };
  for (const [id, decl] of Object.entries(template.Resources)) {
    try {
      if (decl.Type === 'AWS::Serverless::Function') {
        const r = transformFunction(id, decl, ctx);
        Object.assign(result.out, r.resources);
        Object.assign(result.referable, r.referable);
        result.events.push(...r.apiEvents);
      } else if (decl.Type === 'AWS::Serverless::CapacityProvider') {
        Object.assign(result.out, transformCapacityProvider(id, decl, ctx));
      } else if (decl.Type.startsWith('AWS::Serverless::') && !HANDLED.has(decl.Type)) {
        throw new SamError(
          id,
          `Resource type ${decl.Type} is not supported by the local emulator's SAM transform.`,
        );
      } else if (!decl.Type.startsWith('AWS::Serverless::')) {
        result.out[id] = decl;
      }
    } catch (e) {
      fail(e);
    }
  }
  return result;
}

/** The implicit ServerlessRestApi (for events naming no RestApiId) and each declared Api. */
function transformApis(
  template: Template,
  ctx: SamContext,
  { out, events }: Transformed,
  fail: (e: unknown) => void,
): void {
  const implicit = events.filter((e) => !e.restApiId);
  if (implicit.length && !template.Resources.ServerlessRestApi) {
    try {
      Object.assign(
        out,
        transformApi(
          'ServerlessRestApi',
          { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod' } },
          implicit,
          ctx,
        ),
      );
    } catch (e) {
      fail(e);
    }
  }
  for (const [id, decl] of Object.entries(template.Resources)) {
    if (decl.Type !== 'AWS::Serverless::Api') continue;
    try {
      Object.assign(
        out,
        transformApi(
          id,
          decl,
          events.filter((e) => e.restApiId === id),
          ctx,
        ),
      );
    } catch (e) {
      fail(e);
    }
  }
}

export function samTransform(input: Template, parameters: Record<string, string | string[]>): Template {
  const template = structuredClone(input);
  const errors: string[] = [];
  const structural = applyGlobals(template);
  if (structural.length) {
    throw new TransformFailed(
      `Transform ${SAM_TRANSFORM} failed with: Invalid Serverless Application Specification document. Number of errors found: ${structural.length}. Structure of the SAM template is invalid. ${structural.join(' ')}`,
    );
  }
  const ctx: SamContext = { parameters, resources: template.Resources };
  const fail = (e: unknown) => {
    if (e instanceof SamError) errors.push(`Resource with id [${e.logicalId}] is invalid. ${e.message}`);
    else throw e;
  };
  const transformed = transformResources(template, ctx, fail);
  transformApis(template, ctx, transformed, fail);
  if (errors.length) {
    throw new TransformFailed(
      `Transform ${SAM_TRANSFORM} failed with: Invalid Serverless Application Specification document. Number of errors found: ${errors.length}. ${errors.join(' ')}`,
    );
  }
  const { out, referable } = transformed;
  template.Resources = resolveReferable(out as unknown as Json, referable) as unknown as Record<
    string,
    ResourceDeclaration
  >;
  if (template.Outputs)
    template.Outputs = resolveReferable(template.Outputs as unknown as Json, referable) as never;
  delete template.Transform;
  return template;
}
