/**
 * SOAP partner login/logout as jsforce drives them (reference §2.1): `conn.login()` without client
 * credentials, the regex-parsed response, faults as plain Errors, logout invalidating the session.
 */
import { API_VERSION, USERS, expect, test } from './fixtures/emulator.fixture.js';

const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

const loginRows = [
  { name: 'right password -> session', username: USERS.admin.username, password: USERS.admin.password, error: undefined },
  { name: 'wrong password -> INVALID_LOGIN fault', username: USERS.admin.username, password: 'nope', error: INVALID_LOGIN },
  { name: 'unknown user -> INVALID_LOGIN fault', username: 'ghost@contract.test', password: 'x', error: INVALID_LOGIN },
  // Entities must be unescaped server-side: this wrong password contains every escaped character.
  { name: 'XML entities in the password are unescaped, not matched raw', username: USERS.admin.username, password: `&<>"'`, error: INVALID_LOGIN },
];

test.describe('SOAP login', () => {
  for (const row of loginRows) {
    test(row.name, async ({ connect, emulator, outcome }) => {
      const conn = connect();
      const result = await outcome(() => conn.login(row.username, row.password));
      if (row.error) {
        expect(result.message).toBe(row.error);
        expect(result.status).toBeGreaterThanOrEqual(400);
        expect(conn.accessToken).toBeFalsy();
        return;
      }
      expect(result.status).toBe(200);
      expect(conn.instanceUrl).toBe(emulator.url);
      expect(conn.accessToken).toMatch(/^00D[A-Za-z0-9]{12}!/);
      expect(conn.userInfo?.id).toMatch(/^005[A-Za-z0-9]{15}$/);
      expect(conn.userInfo?.organizationId).toMatch(/^00D[A-Za-z0-9]{15}$/);
      expect(conn.userInfo?.url).toBe(`${emulator.url}/id/${conn.userInfo?.organizationId}/${conn.userInfo?.id}`);
      // The token works at once (§1.6: a fresh token answered with 401 would loop jsforce's refresh).
      const identity = await conn.identity();
      expect(identity.username).toBe(USERS.admin.username);
    });
  }

  test('the login response is the partner WSDL LoginResult with userInfo/organizationId', async ({ emulator }) => {
    // jsforce parses only four elements; this row checks the rest of the shape other SOAP clients read.
    const body =
      '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body>' +
      `<login xmlns="urn:partner.soap.sforce.com"><username>${USERS.admin.username}</username><password>${USERS.admin.password}</password></login>` +
      '</se:Body></se:Envelope>';
    const res = await fetch(`${emulator.url}/services/Soap/u/${API_VERSION}`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    const xml = await res.text();
    for (const element of ['metadataServerUrl', 'passwordExpired', 'sandbox', 'serverUrl', 'sessionId', 'userId', 'organizationId', 'organizationName', 'profileId', 'sessionSecondsValid', 'userEmail', 'userFullName', 'userName', 'userTimeZone']) {
      expect(xml, element).toMatch(new RegExp(`<${element}>[^<]+</${element}>`));
    }
    expect(xml).toContain(`<serverUrl>${emulator.url}/services/Soap/u/${API_VERSION}/00D`);
    expect(xml).toContain('<passwordExpired>false</passwordExpired>');
  });

  test('logout invalidates the session: the next call is INVALID_SESSION_ID', async ({ connect, outcome }) => {
    const conn = connect();
    await conn.login(USERS.admin.username, USERS.admin.password);
    const token = conn.accessToken as string;
    await conn.logout();
    const stale = connect({ accessToken: token });
    const result = await outcome(() => stale.query('SELECT Id FROM Account LIMIT 1'));
    expect(result).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
  });
});
