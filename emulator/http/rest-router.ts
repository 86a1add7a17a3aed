// Matches REST-JSON requests (Lambda, API Gateway) to operations by method and path
// template, the same templates the SDK's serializers use.

export interface RouteMatch {
  operation: string;
  params: Record<string, string>;
}

interface Route {
  method: string;
  segments: string[];
  operation: string;
}

export class RestRouter {
  private readonly routes: Route[] = [];

  add(method: string, template: string, operation: string): this {
    this.routes.push({ method, segments: template.split('/').filter(Boolean), operation });
    return this;
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split('/').filter(Boolean);
    for (const r of this.routes) {
      if (r.method !== method || r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      r.segments.forEach((seg, i) => {
        const part = parts[i]!;
        if (seg.startsWith('{') && seg.endsWith('}')) params[seg.slice(1, -1)] = decodeURIComponent(part);
        else if (seg !== part) ok = false;
      });
      if (ok) return { operation: r.operation, params };
    }
    return undefined;
  }
}
