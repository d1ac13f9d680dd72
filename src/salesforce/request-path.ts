/**
 * The one path every HTTP request the suite makes to the org takes: jsforce sends REST, SOAP, Bulk and OAuth
 * requests through its connection's (or OAuth2 client's) transport, and `throughRequestPath` puts this
 * module in front of that transport. Counting happens here, so a run knows what it spent of the org's daily
 * API allocation; retries, session refresh policy and an API budget belong here too, in front of `send`.
 *
 * Browser traffic (Lightning pages, frontdoor) is the browser's and does not pass here.
 *
 * @example
 * const conn = throughRequestPath(new Connection({ instanceUrl, accessToken }));
 * const before = requestTally.api;
 * await conn.query('SELECT Id FROM Account LIMIT 1');
 * requestTally.api - before; // 1
 */
import type { Connection, OAuth2 } from '@jsforce/jsforce-node';

type Transport = Connection['_transport'];
type HttpRequest = Parameters<Transport['httpRequest']>[0];

/** `api` counts against the org's DailyApiRequests; `auth` (token, revoke, identity) does not. */
export type OrgRequestKind = 'api' | 'auth';

/** Requests this process sent to the org, by kind (read it before and after something to count it). */
export const requestTally: Record<OrgRequestKind, number> = { api: 0, auth: 0 };

const routed = new WeakSet<Transport>();

/** Routes every request of a jsforce connection or OAuth2 client through this module; idempotent. */
export function throughRequestPath<T extends Connection | OAuth2>(client: T): T {
  const transport = client._transport;
  if (routed.has(transport)) return client;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (request, options) => {
    requestTally[kindOf(request)] += 1;
    return send(request, options);
  };
  routed.add(transport);
  return client;
}

export function kindOf(request: HttpRequest): OrgRequestKind {
  const path = new URL(request.url, 'http://localhost').pathname.replace(/\/{2,}/g, '/');
  return path.startsWith('/services/oauth2/') || path.startsWith('/id/') ? 'auth' : 'api';
}
