/**
 * The emulator's request statistics (`GET /services/data/vXX.X/emulator/stats`): admins only, and every
 * request counted once, by user, kind and endpoint; a composite call is one API request, as Salesforce counts
 * it; `/limits` DailyApiRequests falls by what was used. The worker's emulator is shared, so rows compare
 * before and after.
 */
import type { Connection } from '@jsforce/jsforce-node';
import type { RequestStatsSnapshot } from '../../emulator/contracts.js';
import { API_VERSION, USERS, expect, test } from './fixtures/emulator.fixture.js';

const STATS = '/emulator/stats';
const stats = (conn: Connection): Promise<RequestStatsSnapshot> => conn.request<RequestStatsSnapshot>(STATS);

test('a user without Modify All Data is refused with 403 INSUFFICIENT_ACCESS', async ({ connect, outcome }) => {
  const reader = connect();
  await reader.login(USERS.reader.username, USERS.reader.password);
  const refused = await outcome(() => stats(reader));
  expect(refused).toMatchObject({ status: 403, errorCode: 'INSUFFICIENT_ACCESS' });
});

test('API requests are counted per user and endpoint, a composite as one, and /limits falls by as many', async ({ admin, connect }) => {
  const reader = connect();
  await reader.login(USERS.reader.username, USERS.reader.password);
  const before = await stats(admin);
  const dailyBefore = (await admin.limits()).DailyApiRequests!;

  await reader.query('SELECT Id FROM Account LIMIT 1');
  await reader.query('SELECT Id FROM Account LIMIT 2');
  await reader.sobject('Account').describe();
  await reader.request({
    method: 'POST',
    url: '/composite',
    body: JSON.stringify({
      compositeRequest: [
        { method: 'GET', url: `/services/data/v${API_VERSION}/sobjects/Account/describe`, referenceId: 'describe' },
        { method: 'GET', url: `/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Account+LIMIT+1`, referenceId: 'query' },
      ],
    }),
    headers: { 'content-type': 'application/json' },
  });

  const after = await stats(admin);
  const dailyAfter = (await admin.limits()).DailyApiRequests!;
  const readerBefore = before.users[USERS.reader.username];
  const readerAfter = after.users[USERS.reader.username];
  expect(readerAfter?.api).toBe((readerBefore?.api ?? 0) + 4);
  const delta = (endpoint: string) => (readerAfter?.endpoints[endpoint] ?? 0) - (readerBefore?.endpoints[endpoint] ?? 0);
  expect(delta('GET /services/data/vXX.X/query')).toBe(2);
  expect(delta('GET /services/data/vXX.X/sobjects/Account/describe')).toBe(1);
  expect(delta('POST /services/data/vXX.X/composite')).toBe(1);
  // The stats resource does not count itself; the admin's /limits call between the two snapshots does.
  expect(after.users[USERS.admin.username]?.api).toBe((before.users[USERS.admin.username]?.api ?? 0) + 1);
  expect(after.totals.api - before.totals.api).toBe(5);
  // DailyApiRequests counts every REST call: the reader's 4, the second stats read and the second /limits.
  expect(dailyBefore.Remaining - dailyAfter.Remaining).toBe(6);
  expect(after.dailyApiRequests).toEqual({ Max: dailyBefore.Max, Remaining: dailyAfter.Remaining + 1 });
});

test('a frontdoor login and the Lightning pages it opens are counted for the user, apart from the API', async ({ admin, connect, emulator }) => {
  const reader = connect();
  await reader.login(USERS.reader.username, USERS.reader.password);
  const before = await stats(admin);

  const frontdoor = await fetch(`${emulator.url}/secur/frontdoor.jsp`, {
    method: 'POST',
    body: new URLSearchParams({ sid: reader.accessToken ?? '', retURL: '/lightning/page/home' }),
    redirect: 'manual',
  });
  expect(frontdoor.status).toBe(302);
  const cookie = (frontdoor.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  for (const path of ['/lightning/page/home', '/lightning/o/Account/list']) {
    const page = await fetch(`${emulator.url}${path}`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status, path).toBe(200);
  }
  await fetch(`${emulator.url}/ui-assets/lightning.js`, { headers: { cookie } });

  const after = await stats(admin);
  const readerBefore = before.users[USERS.reader.username];
  const readerAfter = after.users[USERS.reader.username];
  expect(readerAfter?.logins['frontdoor']).toBe((readerBefore?.logins['frontdoor'] ?? 0) + 1);
  expect(readerAfter?.uiPages).toBe((readerBefore?.uiPages ?? 0) + 2);
  expect(readerAfter?.api).toBe(readerBefore?.api ?? 0);
  expect(readerAfter?.endpoints['GET /lightning/o/Account/list']).toBe((readerBefore?.endpoints['GET /lightning/o/Account/list'] ?? 0) + 1);
  // The frontdoor request itself carries no session yet: it is a redirect under "(no session)"; assets count nowhere.
  expect(after.users['(no session)']?.uiRedirects).toBe((before.users['(no session)']?.uiRedirects ?? 0) + 1);
  expect(after.endpoints['POST /secur/frontdoor.jsp']).toBe((before.endpoints['POST /secur/frontdoor.jsp'] ?? 0) + 1);
  expect(after.endpoints['GET /ui-assets/lightning.js']).toBeUndefined();
});
