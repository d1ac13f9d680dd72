/**
 * Discovery and describe (reference §3, §4): versions, resources by version, limits, describeGlobal,
 * describe, `Sforce-Limit-Info`, and versions echoed in every url.
 */
import { API_VERSION, expect, test } from './fixtures/emulator.fixture.js';

test('GET /services/data lists versions oldest first, without a session', async ({ connect }) => {
  const conn = connect();
  const versions = await conn.request<{ label: string; url: string; version: string }[]>('/services/data');
  expect(versions[0]).toEqual({ label: "Winter '21", url: '/services/data/v50.0', version: '50.0' });
  expect(versions).toContainEqual({ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' });
  expect(versions.at(-1)?.version).toBe('65.0');
});

test('resources by version point under the requested version', async ({ admin }) => {
  const resources = await admin.request<Record<string, string>>('/');
  expect(resources).toMatchObject({
    sobjects: `/services/data/v${API_VERSION}/sobjects`,
    query: `/services/data/v${API_VERSION}/query`,
    tooling: `/services/data/v${API_VERSION}/tooling`,
    limits: `/services/data/v${API_VERSION}/limits`,
  });
});

test('limits: DailyApiRequests counts requests; Sforce-Limit-Info feeds conn.limitInfo', async ({ admin }) => {
  const first = await admin.limits();
  const daily = first['DailyApiRequests'] as { Max: number; Remaining: number };
  expect(daily.Max).toBe(15000);
  await admin.query('SELECT Id FROM Account LIMIT 1');
  const second = (await admin.limits())['DailyApiRequests'] as { Max: number; Remaining: number };
  expect(second.Remaining).toBeLessThan(daily.Remaining);
  expect(admin.limitInfo.apiUsage?.limit).toBe(15000);
  expect(admin.limitInfo.apiUsage?.used).toBe(15000 - second.Remaining);
});

test('describeGlobal lists the objects with version-echoing urls', async ({ admin }) => {
  const global = await admin.describeGlobal();
  expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
  const account = global.sobjects.find((o) => o.name === 'Account');
  expect(account).toMatchObject({ keyPrefix: '001', label: 'Account', createable: true, queryable: true });
  expect(account?.urls).toMatchObject({
    sobject: `/services/data/v${API_VERSION}/sobjects/Account`,
    describe: `/services/data/v${API_VERSION}/sobjects/Account/describe`,
    rowTemplate: `/services/data/v${API_VERSION}/sobjects/Account/{ID}`,
  });
});

const describeRows = [
  { field: 'Id', expected: { type: 'id', createable: false, updateable: false, nillable: false, soapType: 'tns:ID' } },
  { field: 'Name', expected: { type: 'string', nameField: true, createable: true, nillable: false, defaultedOnCreate: false } },
  { field: 'External_Key__c', expected: { type: 'string', custom: true, externalId: true, length: 40, idLookup: true } },
  { field: 'Seats__c', expected: { type: 'double', custom: true, precision: 6, scale: 0 } },
  { field: 'OwnerId', expected: { type: 'reference', relationshipName: 'Owner' } },
];

test.describe('describe Account', () => {
  for (const row of describeRows) {
    test(`field ${row.field}`, async ({ admin }) => {
      const describe = await admin.sobject('Account').describe();
      const field = describe.fields.find((f) => f.name === row.field);
      expect(field).toMatchObject(row.expected);
    });
  }

  test('urls echo the version; unknown object -> NOT_FOUND 404', async ({ admin, connect, outcome }) => {
    const describe = await admin.sobject('Account').describe();
    expect(describe.urls['describe']).toBe(`/services/data/v${API_VERSION}/sobjects/Account/describe`);
    const old = connect({ version: '52.0', instanceUrl: admin.instanceUrl, accessToken: admin.accessToken as string });
    expect((await old.sobject('Account').describe()).urls['describe']).toBe('/services/data/v52.0/sobjects/Account/describe');
    expect(await outcome(() => admin.sobject('Widget__c').describe())).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
      message: 'The requested resource does not exist',
    });
  });

  test('find() without fields selects every describe field (jsforce expands * through describe)', async ({ admin }) => {
    const records = await admin.sobject('Account').find({}, '*').limit(1);
    const describe = await admin.sobject('Account').describe();
    if (records[0]) for (const field of describe.fields) expect(records[0]).toHaveProperty(field.name);
  });
});

test('recent: GET /sobjects/{T} answers objectDescribe and recentItems', async ({ admin }) => {
  await admin.sobject('Account').create({ Name: 'Recently touched' });
  const recent = await admin.request<{ objectDescribe: { name: string }; recentItems: { Id: string }[] }>('/sobjects/Account');
  expect(recent.objectDescribe.name).toBe('Account');
  expect(recent.recentItems.length).toBeGreaterThan(0);
});
