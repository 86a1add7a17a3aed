// Matches REST-JSON requests (Lambda, API Gateway) to operations by method and path
// template, the same templates the SDK's serializers use. Routes are indexed by method and
// segment count, so a request compares only the templates it could match, in the order added.

export interface RouteMatch {
  operation: string;
  params: Record<string, string>;
}

interface Route {
  segments: ReadonlyArray<{ readonly literal: string } | { readonly param: string }>;
  operation: string;
}

export class RestRouter {
  private readonly routes = new Map<string, Route[]>();

  add(method: string, template: string, operation: string): this {
    const segments = template
      .split('/')
      .filter(Boolean)
      .map((seg) =>
        seg.startsWith('{') && seg.endsWith('}') ? { param: seg.slice(1, -1) } : { literal: seg },
      );
    const key = `${method} ${segments.length}`;
    const list = this.routes.get(key) ?? [];
    list.push({ segments, operation });
    this.routes.set(key, list);
    return this;
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split('/').filter(Boolean);
    for (const r of this.routes.get(`${method} ${parts.length}`) ?? []) {
      if (!r.segments.every((seg, i) => 'param' in seg || seg.literal === parts[i])) continue;
      const params: Record<string, string> = {};
      r.segments.forEach((seg, i) => {
        if ('param' in seg) params[seg.param] = decodeURIComponent(parts[i]!);
      });
      return { operation: r.operation, params };
    }
    return undefined;
  }
}
