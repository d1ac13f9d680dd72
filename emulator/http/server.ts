/**
 * The emulator's HTTP surface: a factory over an org (json-server's style). Routes translate HTTP into
 * calls on `org.service` and never touch storage.
 *
 * ```ts
 * const org = Org.load({ source: 'org' });
 * const server = createOrgServer(org, { latency: { apiMs: 150, uiMs: 1000 } });
 * server.listen(8787, '127.0.0.1');
 * ```
 */
import http from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { SalesforceError } from '../contracts.js';
import type { OrgServiceApi, Session } from '../contracts.js';
import { mountLightning } from '../ui/index.js';
import { handleApexSoap } from './apex-soap.js';
import { apiVersions } from './discovery-routes.js';
import { identityDocument, id18, userInfoClaims } from './identity.js';
import type { FaultInjector } from './faults.js';
import { latencyMiddleware, type Latency } from './latency.js';
import { OAuthError, SingleAccessTokens, tokenGrant } from './oauth.js';
import { countRequests } from './request-stats.js';
import { createRestRouter } from './rest-api.js';
import type { OrgHandle, RestContext } from './rest-types.js';
import { handleSoap, soapFault } from './soap-login.js';
import { JSON_CONTENT_TYPE, XML_CONTENT_TYPE, errorBody, invalidSession, sendResult, statusOf } from './wire.js';

export interface OrgServerOptions {
  /** Delays that make a local run feel like a remote org (see latency.ts); none by default. */
  latency?: Latency;
  /** Execution user for OAuth client credentials when the connected app names none (see oauth.ts). */
  clientCredentialsUser?: string;
  /**
   * Serve the Lightning UI (`/`, `/secur/frontdoor.jsp`, `/lightning/*`, from `emulator/ui/`) on the
   * same origin, as a real org does. Default true; false serves the API alone.
   */
  lightning?: boolean;
  /** Transient errors, session expiries and slow answers to inject (see faults.ts); none by default. */
  faults?: FaultInjector;
  /** Where unhandled requests and server bugs are reported (default: stderr). */
  log?: (line: string) => void;
}

/** Creates the express app (exported for hosts that want to add routes before listening). */
export function createOrgApp(org: OrgHandle, options: OrgServerOptions = {}): express.Express {
  const service = org.service;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const router = createRestRouter();
  const singleAccess = new SingleAccessTokens();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // Runs of slashes in the path are one slash, as on a real org: the Salesforce CLI stores instance URLs
  // with a trailing slash and jsforce appends `/services/...`, so every CLI request starts with
  // `//services/`, and real orgs serve it. [UNVERIFIED] that a real org also merges slashes further in the
  // path (`/services//data`); web servers commonly do. Only the path is touched; `req.originalUrl` keeps
  // what the client sent, for the logs.
  app.use((req, _res, next) => {
    req.url = collapseSlashes(req.url);
    next();
  });

  app.use(countRequests(service));
  if (options.faults) app.use(options.faults.middleware());
  if (options.latency) app.use(latencyMiddleware(options.latency));

  // Body parsers: JSON (REST), XML (SOAP), CSV (Bulk 2.0, up to its 150 MB upload limit), forms (OAuth).
  app.use(express.json({ limit: '50mb', strict: false, type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit: '150mb', type: ['text/xml', 'application/xml', 'text/csv', 'text/plain'] }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));

  // Every answer names API usage like Salesforce (§1.2); jsforce reads it into conn.limitInfo.
  // Requests that are not counted (login, token, versions) repeat the last count: `limits()` walks the
  // store for storage figures, too costly for every request.
  let usage: [number, number] | undefined;
  app.use((_req, res, next) => {
    usage ??= currentUsage(service);
    res.setHeader('Sforce-Limit-Info', `api-usage=${usage[0]}/${usage[1]}`);
    next();
  });

  // --- discovery without a session --------------------------------------------------------------
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    sendResult(res, { status: 200, body: apiVersions() });
  });

  // --- SOAP login / logout ----------------------------------------------------------------------
  app.post(['/services/Soap/u/:version', '/services/Soap/u/:version/:orgId'], (req, res) => {
    handleSoap(req, res, service, originOf(req), String(req.params['version']));
  });
  // --- Apex SOAP API (anonymous Apex, answered as not run) -------------------------------------------
  app.post(['/services/Soap/s/:version', '/services/Soap/s/:version/:orgId'], (req, res) => {
    handleApexSoap(req, res, service);
  });
  app.all(['/services/Soap/{*rest}'], (req, res) => {
    res.status(500).setHeader('Content-Type', XML_CONTENT_TYPE);
    res.end(soapFault('INVALID_OPERATION', `The org emulator serves only the partner SOAP API login and logout, not ${req.method} ${req.path}.`));
  });

  // --- OAuth ------------------------------------------------------------------------------------
  app.post('/services/oauth2/token', (req, res, next) => {
    const params = formParams(req);
    tokenGrant(org, params, { origin: originOf(req), clientCredentialsUser: options.clientCredentialsUser }).then(
      (body) => sendJson(res, 200, body),
      (err: unknown) => {
        if (err instanceof OAuthError) sendJson(res, err.status, { error: err.error, error_description: err.description });
        else next(err);
      },
    );
  });
  app.all('/services/oauth2/revoke', (req, res) => {
    const token = formParams(req).get('token') ?? new URLSearchParams(req.url.split('?')[1] ?? '').get('token');
    if (!token) {
      // jsforce parses revoke errors as a query string (§2.2).
      res.status(400).setHeader('Content-Type', 'application/x-www-form-urlencoded');
      res.end('error=invalid_request&error_description=missing+token');
      return;
    }
    service.revoke(token);
    res.status(200).end();
  });
  app.get('/services/oauth2/userinfo', (req, res) => {
    const session = sessionOf(req, service);
    if (!session) return void sendJson(res, 401, errorBody(invalidSession()));
    sendJson(res, 200, userInfoClaims(service, session, originOf(req)));
  });
  app.post('/services/oauth2/singleaccess', (req, res) => {
    const session = sessionOf(req, service);
    if (!session) return void sendJson(res, 401, errorBody(invalidSession()));
    const redirect = formParams(req).get('redirect_uri') ?? '/lightning/page/home';
    // Only relative targets on this org, like Salesforce (no open redirect).
    if (!redirect.startsWith('/') || redirect.startsWith('//')) {
      return void sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri must be a relative path' });
    }
    const otp = singleAccess.mint(session, redirect);
    sendJson(res, 200, { frontdoor_uri: `${originOf(req)}/secur/frontdoor.jsp?otp=${encodeURIComponent(otp)}&startURL=${encodeURIComponent(redirect)}` });
  });

  // --- identity ---------------------------------------------------------------------------------
  app.get('/id/:orgId/:userId', (req, res) => {
    const session = sessionOf(req, service);
    if (!session) return void sendJson(res, 401, errorBody(invalidSession()));
    // A session may read only its own identity; another id is answered 403 Bad_Id ([UNVERIFIED] body).
    if (id18(String(req.params['userId'])) !== id18(session.userId) || id18(String(req.params['orgId'])) !== id18(session.orgId)) {
      return void sendJson(res, 403, { error: 'Bad_Id', error_description: 'Bad id' });
    }
    sendJson(res, 200, identityDocument(service, session, originOf(req)));
  });

  // --- REST (data + tooling) --------------------------------------------------------------------
  app.all('/services/data/:version{/*rest}', (req, res) => {
    const versionMatch = /^v(\d+\.\d+)$/.exec(String(req.params['version']));
    if (!versionMatch?.[1]) return void unhandled(req, res, log);
    const session = sessionOf(req, service);
    if (!session) return void sendJson(res, 401, errorBody(invalidSession()));
    try {
      usage = service.countApiRequest();
      res.setHeader('Sforce-Limit-Info', `api-usage=${usage[0]}/${usage[1]}`);
    } catch (err) {
      if (err instanceof SalesforceError) return void sendJson(res, statusOf(err), errorBody(err));
      throw err;
    }
    const rest = req.params['rest'] as unknown;
    const segments = Array.isArray(rest) ? rest.map(String) : typeof rest === 'string' ? rest.split('/') : [];
    const tooling = segments[0]?.toLowerCase() === 'tooling';
    const path = '/' + (tooling ? segments.slice(1) : segments).join('/');
    const ctx: RestContext = {
      org,
      service,
      session,
      version: versionMatch[1],
      origin: originOf(req),
      tooling,
      headers: lowerHeaders(req),
    };
    const result = router.dispatch(ctx, { method: req.method, path, query: queryOf(req), body: req.body as unknown });
    if (result.status === 404 && isUnknownRoute(result.body)) log(`Unhandled request: ${req.method} ${loggedUrl(req.originalUrl)}`);
    sendResult(res, result);
  });

  // --- Lightning UI (frontdoor single-use tokens are exchanged here, then the UI takes over) --------
  app.use('/secur/frontdoor.jsp', (req, _res, next) => {
    const otp = queryOf(req).get('otp');
    if (otp === null) return void next();
    const entry = singleAccess.consume(otp);
    // A used or unknown otp reaches frontdoor without a sid, which the UI answers with its login page.
    const query = entry ? `?sid=${encodeURIComponent(entry.sessionToken)}&retURL=${encodeURIComponent(entry.redirect)}` : '';
    req.url = `${req.path === '/' ? '' : req.path}${query}`;
    next();
  });
  if (options.lightning !== false) mountLightning(app, org);

  // --- anything else: loud 404 in Salesforce's words (msw's onUnhandledRequest spirit) ------------
  app.use((req, res) => unhandled(req, res, log));

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      return void sendJson(res, 400, [{ message: `Unexpected character in JSON body: ${(err as Error).message}`, errorCode: 'JSON_PARSER_ERROR' }]);
    }
    if (type === 'entity.too.large') {
      return void sendJson(res, 413, [{ message: 'Request body is too large', errorCode: 'REQUEST_ENTITY_TOO_LARGE' }]);
    }
    if (err instanceof SalesforceError) return void sendJson(res, statusOf(err), errorBody(err));
    // A real bug in the emulator: say so on stderr and answer 500 (jsforce retries GETs on 500, §1.4).
    log(`Org emulator error on ${req.method} ${loggedUrl(req.originalUrl)}: ${(err as Error).stack ?? String(err)}`);
    sendJson(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred in the org emulator: ${(err as Error).message}` }]);
  });
  return app;
}

/**
 * Creates the org's HTTP server (not yet listening). Once it listens, the org learns its instance URL,
 * the one fixed address a real org has (`$Api.Partner_Server_URL_NNN` in formulas is built on it).
 */
export function createOrgServer(org: OrgHandle, options: OrgServerOptions = {}): http.Server {
  const server = http.createServer(createOrgApp(org, options));
  server.on('listening', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') return;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    org.service.setInstanceUrl?.(`http://${host}:${address.port}`);
  });
  return server;
}

function unhandled(req: Request, res: Response, log: (line: string) => void): void {
  log(`Unhandled request: ${req.method} ${loggedUrl(req.originalUrl)}`);
  sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}

/** Query parameters that carry a credential (jsforce's `oauth_token`, frontdoor's `sid` and `otp`, OAuth's own). */
const CREDENTIAL_PARAMS = /^(sid|oauth_token|access_token|refresh_token|otp|code|client_secret|password|pw|assertion|token)$/i;

/**
 * A URL as the log shows it: credential parameters replaced, so that the emulator's stderr (which a suite run
 * prints and `npm run watch` keeps) never holds a session id.
 */
export function loggedUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const parts = url.slice(queryStart + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    return eq !== -1 && CREDENTIAL_PARAMS.test(decodeURIComponentSafe(key)) ? `${key}=[redacted]` : pair;
  });
  return `${url.slice(0, queryStart)}?${parts.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `//services//data/v62.0?q=a//b` -> `/services/data/v62.0?q=a//b` (the query string is left as sent). */
function collapseSlashes(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (!path.includes('//')) return url;
  return path.replace(/\/{2,}/g, '/') + (queryStart === -1 ? '' : url.slice(queryStart));
}

function isUnknownRoute(body: unknown): boolean {
  const first = Array.isArray(body) ? (body[0] as { errorCode?: string; message?: string } | undefined) : undefined;
  return first?.errorCode === 'NOT_FOUND' && first.message === 'The requested resource does not exist';
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.end(JSON.stringify(body));
}

function currentUsage(service: OrgServiceApi): [number, number] {
  const daily = service.limits()['DailyApiRequests'];
  if (!daily) return [0, 15000];
  return [daily.Max - daily.Remaining, daily.Max];
}

/** The origin clients reached us on; every URL handed out (instance_url, serverUrl, id) uses it. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

function queryOf(req: Request): URLSearchParams {
  const index = req.originalUrl.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : req.originalUrl.slice(index + 1));
}

function formParams(req: Request): URLSearchParams {
  const params = new URLSearchParams();
  const body = req.body as unknown;
  if (typeof body === 'string') return new URLSearchParams(body);
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (v !== undefined) params.set(k, String(v));
  }
  return params;
}

function lowerHeaders(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The session of a request: `Authorization: Bearer <token>` (or `OAuth <token>`), or `oauth_token`
 * in the query string as jsforce's identity() sends it (§2.3). Undefined when absent or invalid.
 */
function sessionOf(req: Request, service: OrgServiceApi): Session | undefined {
  const header = req.get('authorization') ?? '';
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  const token = match?.[1] ?? queryOf(req).get('oauth_token') ?? undefined;
  if (!token) return undefined;
  try {
    return service.sessionFor(token);
  } catch (err) {
    if (err instanceof SalesforceError) return undefined;
    throw err;
  }
}
