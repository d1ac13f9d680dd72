/**
 * OAuth 2.0 as jsforce drives it (reference §2.2-§2.4): password, JWT bearer (RS256 against the
 * connected app's certificate), client credentials (the app's run-as user), revoke, userinfo, identity,
 * and single-access frontdoor URLs. Token errors surface as `err.name = error`, `err.message = description`.
 */
import { readFileSync } from 'node:fs';
import { SignJWT, importPKCS8 } from 'jose';
import type { Connection } from '@jsforce/jsforce-node';
import { APP_WITHOUT_RUN_AS, CONNECTED_APP, JWT_KEY, UNTRUSTED_JWT_KEY, USERS, expect, test } from './fixtures/emulator.fixture.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function assertion(claims: { iss?: string; sub?: string; aud?: string; expSeconds?: number }, keyFile = JWT_KEY): Promise<string> {
  const key = await importPKCS8(readFileSync(keyFile, 'utf8'), 'RS256');
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'RS256' });
  if (claims.iss !== undefined) jwt.setIssuer(claims.iss);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  if (claims.aud !== undefined) jwt.setAudience(claims.aud);
  jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expSeconds ?? 180));
  return jwt.sign(key);
}

test.describe('OAuth password flow (conn.login with client id and secret)', () => {
  const rows = [
    { name: 'valid -> token, no refresh token', clientId: CONNECTED_APP.clientId, secret: CONNECTED_APP.clientSecret, password: USERS.admin.password, error: undefined },
    { name: 'wrong secret -> invalid_client', clientId: CONNECTED_APP.clientId, secret: 'wrong', password: USERS.admin.password, error: ['invalid_client', 'invalid client credentials'] },
    { name: 'unknown client id -> invalid_client_id', clientId: 'nope', secret: 'x', password: USERS.admin.password, error: ['invalid_client_id', 'client identifier invalid'] },
    { name: 'wrong password -> invalid_grant', clientId: CONNECTED_APP.clientId, secret: CONNECTED_APP.clientSecret, password: 'wrong', error: ['invalid_grant', 'authentication failure'] },
  ] as const;
  for (const row of rows) {
    test(row.name, async ({ connect, emulator, outcome }) => {
      const conn = connect({ oauth2: { clientId: row.clientId, clientSecret: row.secret, loginUrl: emulator.url } });
      const result = await outcome(() => conn.login(USERS.admin.username, row.password));
      if (row.error) {
        expect(result).toMatchObject({ status: 400, errorName: row.error[0], message: row.error[1] });
        return;
      }
      expect(result.status).toBe(200);
      expect(conn.instanceUrl).toBe(emulator.url);
      expect(conn.refreshToken).toBeUndefined();
      expect(conn.userInfo?.organizationId).toMatch(/^00D/);
      expect((await conn.identity()).username).toBe(USERS.admin.username);
    });
  }
});

test.describe('OAuth JWT bearer flow', () => {
  type Claims = Parameters<typeof assertion>[0];
  const rows: { name: string; claims: (url: string) => Claims; key?: string; error?: [string, string | RegExp]; user?: string }[] = [
    { name: 'aud = emulator origin -> token for sub', claims: (url) => ({ iss: CONNECTED_APP.clientId, sub: USERS.reader.username, aud: url }), user: USERS.reader.username },
    { name: 'aud = login.salesforce.com (as sfdx-core sends) -> token', claims: () => ({ iss: CONNECTED_APP.clientId, sub: USERS.admin.username, aud: 'https://login.salesforce.com' }), user: USERS.admin.username },
    { name: 'signed with a key the app does not trust -> invalid_grant', claims: (url) => ({ iss: CONNECTED_APP.clientId, sub: USERS.admin.username, aud: url }), key: UNTRUSTED_JWT_KEY, error: ['invalid_grant', 'invalid assertion'] },
    { name: 'foreign audience -> invalid_grant audience is invalid', claims: () => ({ iss: CONNECTED_APP.clientId, sub: USERS.admin.username, aud: 'https://example.com' }), error: ['invalid_grant', 'audience is invalid'] },
    { name: 'expired -> invalid_grant', claims: (url) => ({ iss: CONNECTED_APP.clientId, sub: USERS.admin.username, aud: url, expSeconds: -600 }), error: ['invalid_grant', /./] },
    { name: 'unknown issuer -> invalid_client_id', claims: (url) => ({ iss: 'not-a-consumer-key', sub: USERS.admin.username, aud: url }), error: ['invalid_client_id', 'client identifier invalid'] },
    { name: 'unknown user -> invalid_grant', claims: (url) => ({ iss: CONNECTED_APP.clientId, sub: 'ghost@contract.test', aud: url }), error: ['invalid_grant', /./] },
  ];
  for (const row of rows) {
    test(row.name, async ({ connect, emulator, outcome }) => {
      const conn: Connection = connect({ oauth2: { loginUrl: emulator.url } });
      const jwt = await assertion(row.claims(emulator.url), row.key);
      const result = await outcome(() => conn.authorize({ grant_type: JWT_GRANT, assertion: jwt }));
      if (row.error) {
        expect(result.status).toBe(400);
        expect(result.errorName).toBe(row.error[0]);
        if (typeof row.error[1] === 'string') expect(result.message).toBe(row.error[1]);
        else expect(result.message).toMatch(row.error[1]);
        return;
      }
      expect(result.status).toBe(200);
      expect(conn.refreshToken).toBeUndefined();
      expect((await conn.identity()).username).toBe(row.user);
    });
  }
});

test.describe('OAuth client credentials flow', () => {
  const rows = [
    { name: "runs as the connected app's run-as user", app: CONNECTED_APP, error: undefined },
    { name: 'wrong secret -> invalid_client', app: { ...CONNECTED_APP, clientSecret: 'wrong' }, error: ['invalid_client', 'invalid client credentials'] },
    { name: 'app without a run-as user -> invalid_grant', app: APP_WITHOUT_RUN_AS, error: ['invalid_grant', 'no client credentials user enabled'] },
  ] as const;
  for (const row of rows) {
    test(row.name, async ({ connect, emulator, outcome }) => {
      const conn = connect({ oauth2: { clientId: row.app.clientId, clientSecret: row.app.clientSecret, loginUrl: emulator.url } });
      const result = await outcome(() => conn.authorize({ grant_type: 'client_credentials' }));
      if (row.error) {
        expect(result).toMatchObject({ status: 400, errorName: row.error[0], message: row.error[1] });
        return;
      }
      expect(result.status).toBe(200);
      expect((await conn.identity()).username).toBe(USERS.integration.username);
    });
  }
});

test('a grant the emulator does not serve -> unsupported_grant_type', async ({ connect, emulator, outcome }) => {
  const conn = connect({ oauth2: { clientId: CONNECTED_APP.clientId, clientSecret: CONNECTED_APP.clientSecret, loginUrl: emulator.url, redirectUri: 'http://localhost:1717/OauthRedirect' } });
  const result = await outcome(() => conn.authorize('an-authorization-code'));
  expect(result).toMatchObject({ status: 400, errorName: 'unsupported_grant_type', message: 'grant type not supported' });
});

test('logout of an OAuth session revokes the token', async ({ connect, emulator, outcome }) => {
  const conn = connect({ oauth2: { clientId: CONNECTED_APP.clientId, clientSecret: CONNECTED_APP.clientSecret, loginUrl: emulator.url } });
  await conn.login(USERS.admin.username, USERS.admin.password);
  const token = conn.accessToken as string;
  const revoked = await outcome(() => conn.logout());
  expect(revoked.status).toBe(200);
  const stale = connect({ accessToken: token });
  expect(await outcome(() => stale.query('SELECT Id FROM Account LIMIT 1'))).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID' });
});

test('userinfo (OpenID) names the user as sfdx-core reads it', async ({ admin }) => {
  const info = await admin.request<Record<string, unknown>>('/services/oauth2/userinfo');
  expect(info).toMatchObject({
    preferred_username: USERS.admin.username,
    user_id: admin.userInfo?.id,
    organization_id: admin.userInfo?.organizationId,
  });
});

test('identity: resources by version name the identity URL; /id answers JSON for the session user', async ({ admin, emulator }) => {
  const resources = await admin.request<Record<string, string>>('/');
  expect(resources['identity']).toBe(`${emulator.url}/id/${admin.userInfo?.organizationId}/${admin.userInfo?.id}`);
  const identity = await admin.identity();
  expect(identity).toMatchObject({ user_id: admin.userInfo?.id, organization_id: admin.userInfo?.organizationId, username: USERS.admin.username, display_name: 'Ada Admin' });
});

test('identity() without userInfo reads the identity URL from GET /services/data/vNN.N', async ({ admin, connect }) => {
  const bare = connect({ accessToken: admin.accessToken as string });
  const identity = await bare.identity();
  expect(identity.username).toBe(USERS.admin.username);
});

test('requests without a valid session -> 401 INVALID_SESSION_ID', async ({ connect, outcome }) => {
  const conn = connect({ accessToken: '00D000000000000!not-a-token' });
  const rows = [() => conn.query('SELECT Id FROM Account'), () => conn.describeGlobal(), () => conn.sobject('Account').create({ Name: 'x' }), () => conn.request('/services/oauth2/userinfo')];
  for (const call of rows) {
    expect(await outcome(call)).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
  }
});

test('singleaccess -> frontdoor URL usable once (hand-made HTTP for the browser hop; jsforce has no API)', async ({ admin, emulator }) => {
  const answer = await admin.request<{ frontdoor_uri: string }>({
    method: 'POST',
    url: '/services/oauth2/singleaccess',
    body: 'redirect_uri=%2Flightning%2Fo%2FAccount%2Flist',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(answer.frontdoor_uri.startsWith(`${emulator.url}/secur/frontdoor.jsp?`)).toBe(true);
  const first = await fetch(answer.frontdoor_uri, { redirect: 'manual' });
  expect(first.status).toBe(302);
  expect(first.headers.get('location')).toBe('/lightning/o/Account/list');
  expect(first.headers.get('set-cookie')).toContain('sid=');
  const second = await fetch(answer.frontdoor_uri, { redirect: 'manual' });
  expect(second.status).toBe(302);
  expect(second.headers.get('location')).not.toBe('/lightning/o/Account/list');
});
