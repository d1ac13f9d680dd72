/**
 * jsforce's transparent session refresh (reference §1.6): a token revoked or expired mid-run is
 * refreshed and the request replayed, for OAuth sessions with a refresh token and for `conn.login`;
 * without a refresh path the call fails with INVALID_SESSION_ID. Expiry is forced with the service's
 * test hooks, the way a real org's session timeout would strike.
 */
import { CONNECTED_APP, USERS, expect, test } from './fixtures/emulator.fixture.js';

test.describe('session refresh', () => {
  for (const strike of ['expired', 'revoked'] as const) {
    test(`OAuth session with a refresh token: ${strike} access token is refreshed transparently`, async ({ connect, emulator }) => {
      const service = emulator.org.service;
      // A refresh token as a web-server (authorization code) flow would have issued it; the emulator
      // serves no interactive authorize page, so the grant is made through the service directly.
      const seeded = service.loginWithPassword(USERS.admin.username, USERS.admin.password, 'password', CONNECTED_APP.clientId);
      expect(seeded.refreshToken).toBeTruthy();
      const conn = connect({
        oauth2: { clientId: CONNECTED_APP.clientId, clientSecret: CONNECTED_APP.clientSecret, loginUrl: emulator.url },
        accessToken: seeded.accessToken,
        refreshToken: seeded.refreshToken,
      });
      const refreshed: string[] = [];
      conn.on('refresh', (token: string) => refreshed.push(token));
      await conn.query('SELECT Id FROM Account LIMIT 1');

      if (strike === 'expired') service.expireSessions(seeded.userId);
      else service.revoke(seeded.accessToken);

      const result = await conn.query('SELECT COUNT() FROM Account');
      expect(result.totalSize).toBeGreaterThanOrEqual(0);
      expect(refreshed).toHaveLength(1);
      expect(conn.accessToken).toBe(refreshed[0]);
      expect(conn.accessToken).not.toBe(seeded.accessToken);
    });
  }

  test('conn.login session: an expired token is replaced by logging in again', async ({ connect, emulator }) => {
    const conn = connect();
    await conn.login(USERS.reader.username, USERS.reader.password);
    const first = conn.accessToken;
    emulator.org.service.expireSessions(conn.userInfo?.id);
    const result = await conn.query('SELECT COUNT() FROM Account');
    expect(result.done).toBe(true);
    expect(conn.accessToken).not.toBe(first);
  });

  test('no refresh path: the call fails with INVALID_SESSION_ID 401', async ({ connect, emulator, outcome }) => {
    const session = emulator.org.service.loginWithPassword(USERS.reader.username, USERS.reader.password, 'soap');
    const conn = connect({ accessToken: session.accessToken });
    await conn.query('SELECT Id FROM Account LIMIT 1');
    emulator.org.service.expireSessions(session.userId);
    expect(await outcome(() => conn.query('SELECT Id FROM Account LIMIT 1'))).toMatchObject({
      status: 401,
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid',
    });
  });

  test('a revoked refresh token: the refresh itself fails, without a retry loop', async ({ connect, emulator, outcome }) => {
    const service = emulator.org.service;
    const seeded = service.loginWithPassword(USERS.admin.username, USERS.admin.password, 'password', CONNECTED_APP.clientId);
    const conn = connect({
      oauth2: { clientId: CONNECTED_APP.clientId, clientSecret: CONNECTED_APP.clientSecret, loginUrl: emulator.url },
      accessToken: seeded.accessToken,
      refreshToken: seeded.refreshToken,
    });
    service.revoke(seeded.refreshToken as string);
    const before = emulator.responses.length;
    const result = await outcome(() => conn.query('SELECT Id FROM Account LIMIT 1'));
    expect(result.message).toMatch(/expired access\/refresh token/);
    // One failed query, one failed refresh: no loop.
    expect(emulator.responses.length - before).toBe(2);
  });
});
