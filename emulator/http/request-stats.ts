/**
 * Counting requests for the org's request statistics, and the admin-only resource that reads them:
 *
 *   GET /services/data/vXX.X/emulator/stats   ->  200 RequestStatsSnapshot (users with Modify All Data only)
 *
 * The path sits under the emulator's own name in the REST tree, where a real org's own resources are, so
 * that jsforce (`conn.request('/emulator/stats')`) reads it like any other resource. Requests to it are not
 * counted in the statistics (the instrument does not measure itself) nor slowed by `--latency`; like every
 * REST request, they do count against DailyApiRequests.
 */
import type { Request, RequestHandler } from 'express';
import type { OrgServiceApi, Session } from '../contracts.js';
import { uiSessionOf } from '../ui/ui-session.js';
import { endpointOf, isInstrument, requestKind } from './request-kind.js';
import type { Route } from './rest-types.js';

export const requestStatsRoutes: Route[] = [
  { method: 'GET', pattern: '/emulator/stats', api: 'data', handler: (ctx) => ({ status: 200, body: ctx.service.requestStats(ctx.session) }) },
];

/** Express middleware: reports every answered request (assets and the stats resource aside) to the service. */
export function countRequests(service: OrgServiceApi): RequestHandler {
  return (req, res, next) => {
    const kind = requestKind(req.path);
    const path = req.path.replace(/\/{2,}/g, '/');
    if (kind === 'asset' || isInstrument(path)) return next();
    // The user is read before the route runs: a logout or a revoke ends the very session it came with.
    const userId = (kind === 'ui-page' || kind === 'ui-request' ? uiSessionOf(req, service) : apiSessionOf(req, service))?.userId;
    const endpoint = endpointOf(req.method, path);
    res.once('finish', () => {
      const redirected = kind === 'ui-page' && res.statusCode >= 300 && res.statusCode < 400;
      service.recordRequest({ kind: redirected ? 'ui-redirect' : kind, userId, endpoint });
    });
    next();
  };
}

/** The session an API request carries: `Authorization: Bearer|OAuth <token>`, or `oauth_token` in the query. */
export function apiSessionOf(req: Request, service: OrgServiceApi): Session | undefined {
  const header = /^(?:Bearer|OAuth)\s+(.+)$/i.exec((req.get('authorization') ?? '').trim());
  const query = typeof req.query['oauth_token'] === 'string' ? req.query['oauth_token'] : undefined;
  const token = header?.[1] ?? query;
  if (!token) return undefined;
  try {
    return service.sessionFor(token);
  } catch {
    return undefined;
  }
}
