/**
 * Unknown routes fail loudly in Salesforce's words (style guide, msw's onUnhandledRequest spirit):
 * 404 NOT_FOUND naming nothing on the wire, and a stderr line naming method and path.
 */
import { expect, test } from './fixtures/emulator.fixture.js';

const rows = [
  { method: 'GET', url: '/services/data/v62.0/no/such/resource', status: 404, errorCode: 'NOT_FOUND' },
  { method: 'GET', url: '/services/apexrest/Whatever', status: 404, errorCode: 'NOT_FOUND' },
  { method: 'GET', url: '/services/data/vX/sobjects', status: 404, errorCode: 'NOT_FOUND' },
  { method: 'DELETE', url: '/services/data/v62.0/limits', status: 405, errorCode: 'METHOD_NOT_ALLOWED' },
] as const;

for (const row of rows) {
  test(`${row.method} ${row.url} -> ${row.status} ${row.errorCode}`, async ({ admin, emulator, outcome }) => {
    const result = await outcome(() => admin.request({ method: row.method, url: row.url }));
    expect(result).toMatchObject({ status: row.status, errorCode: row.errorCode });
    if (row.status === 404) {
      expect(result.message).toBe('The requested resource does not exist');
      expect(emulator.log).toContain(`Unhandled request: ${row.method} ${row.url}`);
    }
  });
}

test('malformed JSON -> JSON_PARSER_ERROR 400, not a 5xx', async ({ admin, outcome }) => {
  const result = await outcome(() =>
    admin.request({ method: 'POST', url: '/sobjects/Account', body: '{"Name": ', headers: { 'content-type': 'application/json' } }),
  );
  expect(result).toMatchObject({ status: 400, errorCode: 'JSON_PARSER_ERROR' });
});

test('the log line of an unhandled request keeps no credential from its query string', async ({ admin, emulator, outcome }) => {
  const token = '00D000000000000!AQ4AQLoggedTokenMustNotAppear';
  await outcome(() => admin.request({ method: 'GET', url: `/services/data/v62.0/no/such/resource?oauth_token=${token}&sid=${token}&q=kept` }));
  const line = emulator.log.find((l) => l.includes('/no/such/resource?'));
  expect(line).toBe('Unhandled request: GET /services/data/v62.0/no/such/resource?oauth_token=[redacted]&sid=[redacted]&q=kept');
});
