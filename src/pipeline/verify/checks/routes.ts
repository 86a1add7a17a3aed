// The API route a request path falls on, so the proxy event carries the `resource` and
// `pathParameters` API Gateway would set (`/orders/{id}` for `/orders/42`): apps route on them.
// The routes come from the REST API's OpenAPI body in the deployed template; without one, the
// literal path is the resource, as it is for every route without parameters.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isRecord, parseTemplate } from '../../deploy/template/cfn-yaml.js';

export interface RouteMatch {
  readonly resource: string;
  readonly pathParameters: Readonly<Record<string, string>> | null;
}

const API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi']);

/** The `paths` of every REST API's DefinitionBody (or Body) in the template; empty when it has none. */
export async function readTemplateRoutes(cwd: string, template: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, template), 'utf8');
  } catch {
    // The deploy reports a missing template with its own code (TEMPLATE_NOT_FOUND).
    return [];
  }
  const parsed = parseTemplate(text, template);
  const routes: string[] = [];
  for (const resource of Object.values(parsed.Resources)) {
    if (!API_TYPES.has(resource.Type ?? '') || !isRecord(resource.Properties)) continue;
    const body = resource.Properties.DefinitionBody ?? resource.Properties.Body;
    if (isRecord(body) && isRecord(body.paths)) routes.push(...Object.keys(body.paths));
  }
  return routes;
}

/**
 * The route API Gateway would pick: a literal route first, then the one with the most literal
 * segments; `{name}` takes one segment, `{name+}` the rest.
 */
export function matchRoute(routes: readonly string[], path: string): RouteMatch {
  const candidates = routes
    .map((route) => ({ route, params: matchOne(route, path) }))
    .filter((c): c is { route: string; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => literalSegments(b.route) - literalSegments(a.route));
  const best = candidates[0];
  if (!best) return { resource: path, pathParameters: null };
  return {
    resource: best.route,
    pathParameters: Object.keys(best.params).length > 0 ? best.params : null,
  };
}

function matchOne(route: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = route
    .split('/')
    .map((segment) => {
      const param = /^\{([^}+]+)(\+?)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const m = new RegExp(`^${source}$`).exec(path);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

const literalSegments = (route: string): number =>
  route.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;
