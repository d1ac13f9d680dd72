/**
 * sObject Collections through jsforce's array calls (reference §5.1-§5.2): item results keyed
 * `statusCode`, allOrNone rolling every write back with ALL_OR_NONE_OPERATION_ROLLED_BACK siblings.
 */
import { expect, test, unique } from './fixtures/emulator.fixture.js';

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

test.describe('create many', () => {
  const rows = [
    { name: 'allOrNone false: good items commit, the bad one reports statusCode', allOrNone: false, committed: 2 },
    { name: 'allOrNone true: nothing commits, siblings are rolled back', allOrNone: true, committed: 0 },
  ];
  for (const row of rows) {
    test(row.name, async ({ admin, outcome }) => {
      const tag = unique('Batch');
      const result = await outcome(() =>
        admin.sobject('Account').create([{ Name: `${tag} a` }, { Name: 'Forbidden' }, { Name: `${tag} c` }], { allOrNone: row.allOrNone }),
      );
      expect(result.status).toBe(200);
      const items = result.value as { id?: string; success: boolean; errors: { statusCode: string; message: string; fields: string[] }[] }[];
      expect(items).toHaveLength(3);
      expect(items[1]).toMatchObject({
        success: false,
        errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'The name Forbidden is not allowed.', fields: ['Name'] }],
      });
      if (row.allOrNone) {
        expect(items[0]).toMatchObject({ success: false, errors: [ROLLED_BACK] });
        expect(items[2]).toMatchObject({ success: false, errors: [ROLLED_BACK] });
      } else {
        expect(items[0]).toMatchObject({ success: true, errors: [], id: expect.stringMatching(/^001/) });
        expect(items[2]).toMatchObject({ success: true, errors: [] });
      }
      const count = await admin.query(`SELECT COUNT() FROM Account WHERE Name LIKE '${tag}%'`);
      expect(count.totalSize).toBe(row.committed);
    });
  }

  test('more than 200 records -> request-level EXCEEDED_ID_LIMIT 400', async ({ admin, outcome }) => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Too many ${i}` }));
    const result = await outcome(() => admin.request({ method: 'POST', url: '/composite/sobjects', body: JSON.stringify({ allOrNone: false, records }), headers: { 'content-type': 'application/json' } }));
    expect(result).toMatchObject({ status: 400, errorCode: 'EXCEEDED_ID_LIMIT' });
  });

  test('an Id in a record to create -> item INVALID_FIELD', async ({ admin }) => {
    const body = { allOrNone: false, records: [{ attributes: { type: 'Account' }, Id: '001000000000000AAA', Name: 'x' }] };
    const items = await admin.request<{ success: boolean; errors: { statusCode: string }[] }[]>({ method: 'POST', url: '/composite/sobjects', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(items[0]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_FIELD' }] });
  });
});

test('retrieve many: records in id order, null for a deleted id', async ({ admin }) => {
  const [a, b] = await admin.sobject('Account').create([{ Name: unique('R1') }, { Name: unique('R2') }]);
  await admin.sobject('Account').destroy(b?.id as string);
  const records = await admin.sobject('Account').retrieve([a?.id as string, b?.id as string], { fields: ['Name'] });
  expect(records[0]).toMatchObject({ Id: a?.id, attributes: { type: 'Account' } });
  expect(records[1]).toBeNull();
});

test.describe('update many', () => {
  for (const allOrNone of [false, true]) {
    test(`allOrNone ${allOrNone}: a malformed id fails its item with MALFORMED_ID`, async ({ admin }) => {
      const [a] = await admin.sobject('Account').create([{ Name: unique('U1') }]);
      const results = await admin.sobject('Account').update(
        [
          { Id: a?.id as string, Phone: '555-7777' },
          { Id: '001900K0001pPuOAAU', Phone: '1' },
        ],
        { allOrNone },
      );
      expect(results[1]).toMatchObject({ success: false, errors: [{ statusCode: 'MALFORMED_ID', fields: ['Id'] }] });
      const phone = (await admin.sobject('Account').retrieve(a?.id as string, { fields: ['Phone'] }))['Phone'];
      if (allOrNone) {
        expect(results[0]).toMatchObject({ success: false, errors: [ROLLED_BACK] });
        expect(phone).toBeNull();
      } else {
        expect(results[0]).toMatchObject({ id: a?.id, success: true, errors: [] });
        expect(phone).toBe('555-7777');
      }
    });
  }
});

test('upsert many on an external id: created flags, and rolled-back items keep created', async ({ admin }) => {
  const key = unique('UK').replace(/\s/g, '-');
  const first = await admin.sobject('Account').upsert([{ Name: 'U-a', External_Key__c: `${key}-a` }, { Name: 'U-b', External_Key__c: `${key}-b` }], 'External_Key__c');
  expect(first.map((r) => r.success && (r as { created?: boolean }).created)).toEqual([true, true]);
  const second = await admin.sobject('Account').upsert(
    [
      { Name: 'U-a2', External_Key__c: `${key}-a` },
      { Name: 'Forbidden', External_Key__c: `${key}-c` },
    ],
    'External_Key__c',
    { allOrNone: true },
  );
  expect(second[0]).toMatchObject({ success: false, created: false, errors: [ROLLED_BACK] });
  expect(second[1]).toMatchObject({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }] });
  const names = await admin.query<{ Name: string }>(`SELECT Name FROM Account WHERE External_Key__c = '${key}-a'`);
  expect(names.records.map((r) => r.Name)).toEqual(['U-a']);
});

test('delete many: ids echoed, a second delete reports the error per item', async ({ admin }) => {
  const created = await admin.sobject('Account').create([{ Name: unique('D1') }, { Name: unique('D2') }]);
  const ids = created.map((r) => r.id as string);
  const results = await admin.sobject('Account').destroy(ids);
  expect(results).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
  const again = await admin.sobject('Account').destroy(ids);
  expect(again.map((r) => [r.id, r.success, r.errors[0] && (r.errors[0] as unknown as { statusCode: string }).statusCode])).toEqual(
    ids.map((id) => [id, false, 'ENTITY_IS_DELETED']),
  );
});
