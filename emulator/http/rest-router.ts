/**
 * A small route table for everything under `/services/data/vNN.N`. Kept independent of express so that
 * `/composite` subrequests go through exactly the same handlers as top-level requests.
 */
import { SalesforceError } from '../contracts.js';
import type { RestContext, RestRequest, RestResult, Route, RouteParams } from './rest-types.js';
import { guard, notFound } from './wire.js';

interface CompiledRoute extends Route {
  segments: string[];
}

export class RestRouter {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ ...route, segments: splitPath(route.pattern) });
    return this;
  }

  /** Every route, for tools and tests that walk the API surface (which method and path shape each serves). */
  list(): ReadonlyArray<Pick<Route, 'method' | 'pattern' | 'api'>> {
    return this.routes.map(({ method, pattern, api }) => ({ method, pattern, api }));
  }

  /**
   * Dispatches one request. Unknown paths answer 404 NOT_FOUND; a known path with another verb answers
   * 405 METHOD_NOT_ALLOWED like Salesforce (reference §8: 405 method not allowed).
   */
  dispatch(ctx: RestContext, req: RestRequest): RestResult {
    const segments = splitPath(req.path);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.api !== 'both' && (route.api === 'tooling') !== ctx.tooling) continue;
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      return guard(() => route.handler(ctx, params, req));
    }
    if (pathMatched) {
      const allowed = this.routes
        .filter((r) => matchSegments(r.segments, segments) && (r.api === 'both' || (r.api === 'tooling') === ctx.tooling))
        .map((r) => r.method);
      return {
        status: 405,
        headers: { Allow: [...new Set(allowed)].join(', ') },
        body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${req.method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}` }],
      };
    }
    return notFound();
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): RouteParams | null {
  if (pattern.length !== actual.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(':')) {
      params[p.slice(1)] = safeDecode(a);
    } else if (p.toLowerCase() !== a.toLowerCase()) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
  }
}

/** A required parameter, or a typed 400 like Salesforce's. */
export function param(params: RouteParams, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`route declares no :${name}`);
  return value;
}
