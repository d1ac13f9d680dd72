/**
 * Query, queryAll, locator paging and search (reference §6): 2000-record pages, jsforce's rebuilt
 * `/query/{locator}` urls, error codes for bad SOQL.
 */
import { API_VERSION, expect, test, unique } from './fixtures/emulator.fixture.js';

test('paging: 2000-record pages through /query/{locator}; autoFetch collects everything', async ({ admin }) => {
  const tag = unique('Page').replace(/\s/g, '_');
  for (let chunk = 0; chunk < 11; chunk++) {
    const records = Array.from({ length: 200 }, (_, i) => ({ Name: `${tag} ${chunk * 200 + i}` }));
    await admin.sobject('Account').create(records, { allOrNone: true });
  }
  const soql = `SELECT Id, Name FROM Account WHERE Name LIKE '${tag}%'`;
  const first = await admin.query(soql);
  expect(first).toMatchObject({ totalSize: 2200, done: false });
  expect(first.records).toHaveLength(2000);
  expect(first.nextRecordsUrl).toMatch(new RegExp(`/services/data/v${API_VERSION}/query/01g[A-Za-z0-9]{15}-2000$`));
  const second = await admin.queryMore(first.nextRecordsUrl as string);
  expect(second).toMatchObject({ done: true });
  expect(second.records).toHaveLength(200);
  const all = await admin.query(soql).autoFetch(true).maxFetch(5000).run();
  expect(all.records).toHaveLength(2200);
  expect(new Set(all.records.map((r) => r.Id)).size).toBe(2200);
});

test('Sforce-Query-Options batchSize shrinks pages', async ({ admin }) => {
  const tag = unique('Small').replace(/\s/g, '_');
  await admin.sobject('Account').create(Array.from({ length: 201 }, (_, i) => ({ Name: `${tag} ${i}` })).slice(0, 200), { allOrNone: true });
  await admin.sobject('Account').create({ Name: `${tag} last` });
  const page = await admin.request<{ records: unknown[]; done: boolean }>({
    method: 'GET',
    url: `/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Name LIKE '${tag}%'`)}`,
    headers: { 'Sforce-Query-Options': 'batchSize=200' },
  });
  expect(page.records).toHaveLength(200);
  expect(page.done).toBe(false);
});

test('queryAll sees deleted rows; query does not', async ({ admin }) => {
  const name = unique('Gone');
  const created = await admin.sobject('Account').create({ Name: name });
  await admin.sobject('Account').destroy(created.id as string);
  const soql = `SELECT Id, IsDeleted FROM Account WHERE Name = '${name}'`;
  expect((await admin.query(soql)).totalSize).toBe(0);
  const all = await admin.query(soql, { scanAll: true });
  expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
});

test('records carry attributes with the request version; relationships nest', async ({ admin }) => {
  const name = unique('Rel');
  await admin.sobject('Account').create({ Name: name });
  const result = await admin.query<{ attributes: { type: string; url: string }; Owner: { Name: string } }>(`SELECT Id, Owner.Name FROM Account WHERE Name = '${name}'`);
  const record = result.records[0];
  expect(record?.attributes.type).toBe('Account');
  expect(record?.attributes.url).toMatch(new RegExp(`^/services/data/v${API_VERSION}/sobjects/Account/001`));
  expect(record?.Owner.Name).toBe('Ada Admin');
});

const errorRows = [
  { soql: 'SELECT Id, Foo FROM Account', errorCode: 'INVALID_FIELD', message: /No such column 'Foo' on entity 'Account'/ },
  { soql: 'SELECT Id FROM Widget__c', errorCode: 'INVALID_TYPE', message: /sObject type 'Widget__c' is not supported/ },
  { soql: 'SELECT Id FORM Account', errorCode: 'MALFORMED_QUERY', message: /./ },
];
for (const row of errorRows) {
  test(`bad SOQL "${row.soql}" -> ${row.errorCode} 400`, async ({ admin, outcome }) => {
    const result = await outcome(() => admin.query(row.soql));
    expect(result.status).toBe(400);
    expect(result.errorCode).toBe(row.errorCode);
    expect(result.message).toMatch(row.message);
  });
}

test('an unknown query locator -> 4xx, never a retried 5xx', async ({ admin, outcome }) => {
  const result = await outcome(() => admin.queryMore('01g000000000000AAA-2000'));
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(result.errorCode).toMatch(/INVALID_QUERY_LOCATOR|NOT_FOUND/);
});

test('count() and COUNT()', async ({ admin }) => {
  const name = unique('Count');
  await admin.sobject('Account').create([{ Name: name }, { Name: name }]);
  expect(await admin.sobject('Account').count({ Name: name })).toBe(2);
});

test('search (SOSL) answers searchRecords', async ({ admin }) => {
  const word = `Zebra${Date.now().toString(36)}`;
  const created = await admin.sobject('Account').create({ Name: `${word} Industries` });
  const result = await admin.search(`FIND {${word}} IN NAME FIELDS RETURNING Account(Id, Name)`);
  expect(result.searchRecords).toEqual([expect.objectContaining({ Id: created.id, attributes: expect.objectContaining({ type: 'Account' }) })]);
});
