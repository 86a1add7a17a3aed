// Matches a request against a deployment's OpenAPI paths the way a REST API's resource tree
// does: at each level a literal segment beats a `{param}`, which beats a greedy `{proxy+}`
// (last segment only, one or more segments). The resource is chosen first, then its method,
// falling back to `x-amazon-apigateway-any-method`.

export interface Integration {
  type?: string;
  uri?: string;
  httpMethod?: string;
  timeoutInMillis?: number;
}

export interface MatchedRoute {
  /** The resource path template, e.g. `/items/{id}` or `/{proxy+}`. */
  resource: string;
  /** The method key that matched, upper-cased; `ANY` for x-amazon-apigateway-any-method. */
  method: string;
  integration?: Integration;
  /** Decoded values by parameter name (`proxy` for `{proxy+}`), or null when none. */
  pathParameters: Record<string, string> | null;
}

const ANY_METHOD = 'x-amazon-apigateway-any-method';

type SegmentKind = 0 | 1 | 2; // literal, parameter, greedy

interface Candidate {
  resource: string;
  kinds: SegmentKind[];
  params: Record<string, string>;
}

function matchTemplate(resource: string, segments: string[]): Candidate | undefined {
  const template = resource.split('/').filter(Boolean);
  const kinds: SegmentKind[] = [];
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!;
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      if (i !== template.length - 1 || segments.length <= i) return undefined;
      params[greedy[1]!] = segments.slice(i).join('/');
      kinds.push(2);
      return { resource, kinds, params };
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const param = /^\{(.+)\}$/.exec(part);
    if (param) {
      params[param[1]!] = segment;
      kinds.push(1);
    } else if (part === segment) {
      kinds.push(0);
    } else {
      return undefined;
    }
  }
  return template.length === segments.length ? { resource, kinds, params } : undefined;
}

/** Lower is more specific: compared segment by segment, as the resource tree is walked. */
function compareSpecificity(a: Candidate, b: Candidate): number {
  for (let i = 0; i < Math.min(a.kinds.length, b.kinds.length); i++) {
    if (a.kinds[i] !== b.kinds[i]) return a.kinds[i]! - b.kinds[i]!;
  }
  return b.kinds.length - a.kinds.length;
}

/** The route for a request, or undefined when no resource and method match (API Gateway's 403). */
export function matchRoute(definition: unknown, method: string, path: string): MatchedRoute | undefined {
  const paths = (definition as { paths?: Record<string, Record<string, unknown>> } | undefined)?.paths;
  if (!paths || typeof paths !== 'object') return undefined;
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const candidates = Object.keys(paths)
    .map((resource) => matchTemplate(resource, segments))
    .filter((c): c is Candidate => c !== undefined)
    .sort(compareSpecificity);
  const best = candidates[0];
  if (!best) return undefined;
  const item = paths[best.resource] ?? {};
  const own = item[method.toLowerCase()];
  const operation = (own ?? item[ANY_METHOD]) as Record<string, unknown> | undefined;
  if (!operation || typeof operation !== 'object') return undefined;
  return {
    resource: best.resource,
    method: own ? method.toUpperCase() : 'ANY',
    integration: operation['x-amazon-apigateway-integration'] as Integration | undefined,
    pathParameters: Object.keys(best.params).length ? best.params : null,
  };
}
