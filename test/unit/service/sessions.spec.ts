/**
 * Sessions: token shape, login failures, expiry by the org clock and by the test hook, refresh tokens,
 * revocation (a refresh token takes its access tokens with it).
 */
import { expect, failure, test } from './org-fixture.js';

test('tokens look like real session ids and work at once', ({ org }) => {
  const session = org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'soap');
  expect(session.accessToken).toMatch(new RegExp(`^${org.service.orgId.slice(0, 15)}!AQ[A-Za-z0-9._]{94}$`));
  expect(session.orgId).toBe(org.service.orgId);
  expect(session.expiresAt - session.issuedAt).toBe(7200 * 1000);
  expect(org.service.sessionFor(session.accessToken)).toBe(session);
  expect(org.service.user(session.userId)).toMatchObject({ username: 'worker1@service.test', profileName: 'Project_User', isActive: true });
});

test('a wrong password or unknown user is INVALID_LOGIN', ({ org }) => {
  for (const [user, password] of [['worker1@service.test', 'nope'], ['ghost@service.test', 'x']] as const) {
    const error = failure(() => org.service.loginWithPassword(user, password, 'soap'));
    expect([error.errorCode, error.message]).toEqual(['INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.']);
  }
});

test('an access token expires with the org clock; activity in the second half extends it', ({ org }) => {
  const session = org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'soap');
  org.advanceClock(5000 * 1000);
  org.service.sessionFor(session.accessToken); // used after 5000 s of 7200: extended by a full timeout
  org.advanceClock(7000 * 1000);
  expect(org.service.sessionFor(session.accessToken).userId).toBe(session.userId);
  org.advanceClock(7201 * 1000);
  const error = failure(() => org.service.sessionFor(session.accessToken));
  expect([error.errorCode, error.message, error.status]).toEqual(['INVALID_SESSION_ID', 'Session expired or invalid', 401]);
});

test('expireSessions ends access tokens of one user; refresh tokens stay valid and mint new access tokens', ({ org }) => {
  const oauth = org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'password', 'client-key');
  const other = org.service.loginWithPassword('worker2@service.test', 'worker2-pw', 'soap');
  expect(oauth.refreshToken).toBeDefined();
  org.service.expireSessions(oauth.userId);
  expect(failure(() => org.service.sessionFor(oauth.accessToken)).errorCode).toBe('INVALID_SESSION_ID');
  expect(org.service.sessionFor(other.accessToken).userId).toBe(other.userId);

  const refreshed = org.service.refresh(oauth.refreshToken!, 'client-key');
  expect(refreshed).toMatchObject({ userId: oauth.userId, grant: 'refresh_token', refreshToken: oauth.refreshToken });
  expect(org.service.sessionFor(refreshed.accessToken).userId).toBe(oauth.userId);
  expect(failure(() => org.service.refresh(oauth.refreshToken!, 'another-client'))).toMatchObject({ errorCode: 'invalid_grant', message: 'expired access/refresh token' });
});

test('JWT bearer and SOAP sessions carry no refresh token', ({ org }) => {
  expect(org.service.loginAsUser('worker1@service.test', 'jwt-bearer', 'client-key').refreshToken).toBeUndefined();
  expect(org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'soap').refreshToken).toBeUndefined();
});

test('revoking a refresh token revokes its access tokens; revoking an access token leaves the refresh token', ({ org }) => {
  const first = org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'password', 'client-key');
  org.service.revoke(first.accessToken);
  expect(failure(() => org.service.sessionFor(first.accessToken)).errorCode).toBe('INVALID_SESSION_ID');
  const second = org.service.refresh(first.refreshToken!, 'client-key');
  org.service.revoke(first.refreshToken!);
  expect(failure(() => org.service.sessionFor(second.accessToken)).errorCode).toBe('INVALID_SESSION_ID');
  expect(failure(() => org.service.refresh(first.refreshToken!, 'client-key')).errorCode).toBe('invalid_grant');
  org.service.revoke('not-a-token'); // unknown tokens are ignored
});

test('a deactivated user loses their sessions and cannot log in', ({ org, login }) => {
  const worker = login('worker1');
  org.service.update(login('admin'), 'User', worker.userId, { IsActive: false });
  expect(failure(() => org.service.sessionFor(worker.accessToken)).errorCode).toBe('INVALID_SESSION_ID');
  expect(failure(() => login('worker1')).errorCode).toBe('INVALID_LOGIN');
});
