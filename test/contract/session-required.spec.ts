/**
 * Every endpoint of the emulator either is one of the documented public ones (versions, SOAP login, OAuth
 * token and revoke, the login page, frontdoor, logout, static assets) or refuses a request without a session,
 * and with a bogus one, in Salesforce's words: 401 INVALID_SESSION_ID for the APIs, a redirect to the login
 * page for Lightning pages. The routes are read from the express app and the REST route table themselves, so
 * a route added later without a session check fails here until it is classified.
 */
import type express from 'express';
import { createOrgApp } from '../../emulator/http/server.js';
import { createRestRouter } from '../../emulator/http/rest-api.js';
import { expect, test } from './fixtures/emulator.fixture.js';

type Guard =
  /** No session needed, by design; must still hand out no session for a missing or bogus credential. */
  | 'public'
  /** 401 `[{"errorCode":"INVALID_SESSION_ID",...}]` (REST, identity, OAuth userinfo and singleaccess). */
  | 'api'
  /** 401 `{"error":"INVALID_SESSION_ID"}` (the Lightning client's JSON endpoints). */
  | 'ui-json'
  /** 302 to the login page, coming back afterwards (Lightning pages, as a real org does). */
  | 'login-page'
  /** SOAP fault naming INVALID_SESSION_ID (the Apex SOAP API reads the session from its SessionHeader). */
  | 'soap-session';

/** Every route the express app serves, `METHODS path | path`, and how it guards itself. */
const EXPRESS_ROUTES: Record<string, Guard> = {
  'GET /services/data | /services/data/': 'public',
  'POST /services/Soap/u/:version | /services/Soap/u/:version/:orgId': 'public',
  'POST /services/Soap/s/:version | /services/Soap/s/:version/:orgId': 'soap-session',
  // Answers every other SOAP endpoint with an INVALID_OPERATION fault; it reads no data.
  'ALL /services/Soap/{*rest}': 'public',
  'POST /services/oauth2/token': 'public',
  // Revoking needs the token itself, nothing more (RFC 7009).
  'ALL /services/oauth2/revoke': 'public',
  'GET /services/oauth2/userinfo': 'api',
  'POST /services/oauth2/singleaccess': 'api',
  'GET /id/:orgId/:userId': 'api',
  'ALL /services/data/:version{/*rest}': 'api',
  'USE /secur/frontdoor.jsp': 'public',
  'USE /ui-assets': 'public',
  'GET /favicon.ico': 'public',
  'GET /': 'public',
  'POST /': 'public',
  'GET /secur/frontdoor.jsp': 'public',
  'POST /secur/frontdoor.jsp': 'public',
  'GET /secur/logout.jsp': 'public',
  // Redirects to the home page, which asks for the session.
  'GET /lightning | /lightning/': 'public',
  // Redirects to the list page, which asks for the session.
  'GET /lightning/o/:object/home': 'public',
  'GET /lightning/page/home': 'login-page',
  'GET /lightning/o/:object/list': 'login-page',
  'GET /lightning/o/:object/new': 'login-page',
  'GET /lightning/r/:object/:id/view': 'login-page',
  'GET /lightning/r/:id/view': 'login-page',
  'GET /lightning/r/:object/:id/edit': 'login-page',
  'GET /lightning/{*rest}': 'login-page',
  'POST /ui-api/records/:object': 'ui-json',
  'PATCH /ui-api/records/:object/:id': 'ui-json',
  'DELETE /ui-api/records/:object/:id': 'ui-json',
  'GET /ui-api/lookup/:object': 'ui-json',
};

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
  slash?: boolean;
}

/** The routes and path-mounted middleware of an express 5 app (router 2.x layers), nested routers included. */
function expressRoutes(app: express.Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods);
        // app.all() registers every verb Node knows.
        const verbs = methods.length > 10 ? 'ALL' : methods.map((m) => m.toUpperCase()).join(',');
        found.push(`${verbs} ${[layer.route.path].flat().join(' | ')}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      } else if (!layer.slash && layer.rawPath !== undefined) {
        found.push(`USE ${[layer.rawPath].flat().join(' | ')}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

const ANY_ID = '001000000000000AAA';

function concrete(path: string): string {
  return path
    .replace('/services/data/:version', '/services/data/v62.0')
    .replace(':version', '62.0')
    .replace(':orgId', '00D000000000000AAA')
    .replace(':userId', '005000000000000AAA')
    .replace(':object', 'Account')
    .replace(':id', ANY_ID)
    .replace('{/*rest}', '/sobjects/Account')
    .replace('{*rest}', 'anything');
}

/** No credential, a bogus bearer token, and a bogus `sid` cookie (the Lightning session). */
const CREDENTIALS: Record<string, Record<string, string>> = {
  'no session': {},
  'a bogus session': { authorization: 'Bearer 00D000000000000!AQ4AQBogusTokenNotIssuedByThisOrg', cookie: 'sid=00D000000000000!AQ4AQBogusCookie' },
};

test('every express route is classified: public by design, or guarded by a session', ({ emulator }) => {
  const routes = expressRoutes(createOrgApp(emulator.org, { log: () => undefined }));
  expect(routes.sort()).toEqual(Object.keys(EXPRESS_ROUTES).sort());
});

for (const [route, guard] of Object.entries(EXPRESS_ROUTES)) {
  test(`${route}: ${guard}`, async ({ emulator }) => {
    const [verbs = '', ...paths] = route.split(' ');
    const path = concrete(paths.join(' ').split(' | ')[0] ?? '');
    const methods = verbs === 'ALL' || verbs === 'USE' ? ['GET', 'POST', 'PATCH', 'DELETE'] : verbs.split(',');
    for (const method of methods) {
      for (const [what, headers] of Object.entries(CREDENTIALS)) {
        const response = await fetch(`${emulator.url}${path}`, {
          method,
          redirect: 'manual',
          headers: { ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        const body = await response.text();
        const where = `${method} ${path} with ${what}: ${response.status} ${body.slice(0, 200)}`;
        // Nothing hands out a session without a valid credential.
        expect(response.headers.get('set-cookie') ?? '', where).not.toMatch(/\bsid=[^;]/);
        expect(response.status, where).toBeLessThan(500 + (guard === 'soap-session' || path.startsWith('/services/Soap/') ? 1 : 0));
        if (guard === 'api') {
          expect(response.status, where).toBe(401);
          expect(JSON.parse(body), where).toEqual([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', fields: [] }]);
        } else if (guard === 'ui-json') {
          expect(response.status, where).toBe(401);
          expect(JSON.parse(body), where).toEqual({ error: 'INVALID_SESSION_ID' });
        } else if (guard === 'login-page') {
          expect(response.status, where).toBe(302);
          expect(response.headers.get('location'), where).toMatch(/^\/\?startURL=/);
        } else if (guard === 'soap-session') {
          expect(response.status, where).toBe(500);
          expect(body, where).toContain('INVALID_SESSION_ID');
        }
      }
    }
  });
}

test('every REST route (data and tooling, composite included) answers 401 INVALID_SESSION_ID without a valid session', async ({ emulator }) => {
  const routes = createRestRouter().list();
  expect(routes.length, 'the route table was read').toBeGreaterThan(40);
  const failures: string[] = [];
  let calls = 0;
  for (const route of routes) {
    const trees = route.api === 'both' ? ['', '/tooling'] : route.api === 'tooling' ? ['/tooling'] : [''];
    const path = route.pattern.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? ANY_ID : name === 'type' || name === 'sobject' ? 'Account' : `x${name}`));
    for (const tree of trees) {
      for (const [what, headers] of Object.entries(CREDENTIALS)) {
        const response = await fetch(`${emulator.url}/services/data/v62.0${tree}${path}`, {
          method: route.method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{"Name":"must not be saved"}' }),
        });
        calls += 1;
        const body = await response.text();
        if (response.status !== 401 || !body.includes('"errorCode":"INVALID_SESSION_ID"')) failures.push(`${route.method} ${tree}${path} with ${what}: ${response.status} ${body.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(calls).toBeGreaterThan(100);
});
