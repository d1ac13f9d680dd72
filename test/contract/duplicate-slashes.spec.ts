/**
 * Runs of slashes in a path are one slash, as on a real org: the Salesforce CLI stores the instance URL
 * with a trailing slash, so every request it sends starts with `//services/`. Unknown routes still fail
 * loudly, and the log names the URL as the client sent it.
 */
import { API_VERSION, expect, test } from './fixtures/emulator.fixture.js';

const rows = [
  { url: `//services/data/v${API_VERSION}/limits`, status: 200 },
  { url: '//services/data', status: 200 },
  { url: `/services//data///v${API_VERSION}/sobjects//Account/describe`, status: 200 },
  { url: `//services/data/v${API_VERSION}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'a//b'")}`, status: 200 },
  { url: `//services/data/v${API_VERSION}/no/such/resource`, status: 404 },
] as const;

for (const row of rows) {
  test(`GET ${row.url} -> ${row.status}`, async ({ admin, emulator }) => {
    const response = await fetch(`${emulator.url}${row.url}`, { headers: { Authorization: `Bearer ${admin.accessToken ?? ''}` } });
    expect(response.status).toBe(row.status);
    if (row.status === 404) {
      expect(await response.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      expect(emulator.log).toContain(`Unhandled request: GET ${row.url}`);
    }
  });
}
