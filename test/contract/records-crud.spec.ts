/**
 * Single-record REST through jsforce (reference §5.1, §8): create, retrieve, update, destroy, upsert by
 * external id, updated/deleted. Each row: call -> HTTP status and result or error code and message.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { API_VERSION, expect, test, unique } from './fixtures/emulator.fixture.js';

const BAD_CHECKSUM_ID = '001900K0001pPuOAAU'; // reference §8: the [DOC] example whose suffix is wrong

interface Row {
  name: string;
  call: (conn: Connection, ctx: { accountId: string }) => Promise<unknown>;
  status: number;
  errorCode?: string;
  message?: string | RegExp;
  check?: (value: unknown, ctx: { accountId: string }) => void;
}

const rows: Row[] = [
  {
    name: 'create -> 201 {id, success, errors}',
    call: (c) => c.sobject('Account').create({ Name: unique('Acme') }),
    status: 201,
    check: (v) => expect(v).toMatchObject({ id: expect.stringMatching(/^001[A-Za-z0-9]{15}$/), success: true, errors: [] }),
  },
  {
    name: 'create without required Name -> REQUIRED_FIELD_MISSING',
    call: (c) => c.sobject('Account').create({ Phone: '555' }),
    status: 400,
    errorCode: 'REQUIRED_FIELD_MISSING',
    message: 'Required fields are missing: [Name]',
  },
  {
    name: 'create hitting a validation rule -> FIELD_CUSTOM_VALIDATION_EXCEPTION',
    call: (c) => c.sobject('Account').create({ Name: 'Forbidden' }),
    status: 400,
    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    message: 'The name Forbidden is not allowed.',
  },
  {
    name: 'create with an unknown field -> INVALID_FIELD',
    call: (c) => c.sobject('Account').create({ Name: unique('Acme'), Foo__c: 1 }),
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: "No such column 'Foo__c' on sobject of type Account",
  },
  {
    name: 'create of an unknown object -> NOT_FOUND 404',
    call: (c) => c.sobject('Widget__c').create({ Name: 'x' }),
    status: 404,
    errorCode: 'NOT_FOUND',
  },
  {
    name: 'retrieve -> record with attributes echoing the request version',
    call: (c, { accountId }) => c.sobject('Account').retrieve(accountId),
    status: 200,
    check: (v, { accountId }) =>
      expect(v).toMatchObject({ attributes: { type: 'Account', url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId}` }, Id: accountId }),
  },
  {
    name: 'retrieve with fields -> only those fields',
    call: (c, { accountId }) => c.sobject('Account').retrieve(accountId, { fields: ['Name'] }),
    status: 200,
    check: (v) => {
      expect(v).toHaveProperty('Name');
      expect(v).not.toHaveProperty('Phone');
    },
  },
  {
    name: 'retrieve with a 15-character id -> the 18-character record',
    call: (c, { accountId }) => c.sobject('Account').retrieve(accountId.slice(0, 15)),
    status: 200,
    check: (v, { accountId }) => expect((v as { Id: string }).Id).toBe(accountId),
  },
  {
    name: 'retrieve with a bad checksum -> MALFORMED_ID',
    call: (c) => c.sobject('Account').retrieve(BAD_CHECKSUM_ID),
    status: 400,
    errorCode: 'MALFORMED_ID',
    message: `Account ID: id value of incorrect type: ${BAD_CHECKSUM_ID}`,
  },
  {
    name: 'retrieve of a well-formed id that does not exist -> NOT_FOUND 404',
    call: (c) => c.sobject('Account').retrieve('001000000000000AAA'),
    status: 404,
    errorCode: 'NOT_FOUND',
  },
  {
    name: 'update -> 204, jsforce answers {id, success, errors}',
    call: (c, { accountId }) => c.sobject('Account').update({ Id: accountId, Phone: '555-0100' }),
    status: 204,
    check: (v, { accountId }) => expect(v).toEqual({ id: accountId, success: true, errors: [] }),
  },
  {
    name: 'update of the required field to null -> REQUIRED_FIELD_MISSING',
    call: (c, { accountId }) => c.sobject('Account').update({ Id: accountId, Name: null }),
    status: 400,
    errorCode: 'REQUIRED_FIELD_MISSING',
  },
  {
    name: 'update of a read-only system field -> INVALID_FIELD_FOR_INSERT_UPDATE',
    call: (c, { accountId }) => c.sobject('Account').update({ Id: accountId, CreatedDate: '2020-01-01T00:00:00.000+0000' }),
    status: 400,
    errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
  },
];

test.describe('single-record REST', () => {
  let accountId = '';
  test.beforeEach(async ({ admin }) => {
    const created = await admin.sobject('Account').create({ Name: unique('Row Account'), Phone: '555-0000' });
    accountId = created.id as string;
  });

  for (const row of rows) {
    test(row.name, async ({ admin, outcome }) => {
      const result = await outcome(() => row.call(admin, { accountId }));
      expect(result.status).toBe(row.status);
      if (row.errorCode) {
        expect(result.errorCode).toBe(row.errorCode);
        if (typeof row.message === 'string') expect(result.message).toBe(row.message);
        else if (row.message) expect(result.message).toMatch(row.message);
      } else {
        expect(result.errorCode, result.message).toBeUndefined();
        row.check?.(result.value, { accountId });
      }
    });
  }

  test('destroy -> 204, then retrieve NOT_FOUND and update ENTITY_IS_DELETED', async ({ admin, outcome }) => {
    const destroyed = await outcome(() => admin.sobject('Account').destroy(accountId));
    expect(destroyed).toMatchObject({ status: 204, value: { id: accountId, success: true, errors: [] } });
    const retrieved = await outcome(() => admin.sobject('Account').retrieve(accountId));
    expect(retrieved).toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
    const updated = await outcome(() => admin.sobject('Account').update({ Id: accountId, Phone: '1' }));
    expect(updated.errorCode).toBe('ENTITY_IS_DELETED');
    expect(updated.status).toBeGreaterThanOrEqual(400);
    expect(updated.status).toBeLessThan(500);
  });

  test('update then read back the change', async ({ admin }) => {
    await admin.sobject('Account').update({ Id: accountId, Phone: '555-0199', Seats__c: 12 });
    const record = await admin.sobject('Account').retrieve(accountId, { fields: ['Phone', 'Seats__c'] });
    expect(record).toMatchObject({ Phone: '555-0199', Seats__c: 12 });
  });
});

test.describe('upsert by external id', () => {
  test('created 201, then updated 200 (API >= 46)', async ({ admin, outcome }) => {
    const key = unique('KEY').replace(/\s/g, '-');
    const created = await outcome(() => admin.sobject('Account').upsert({ Name: 'Upserted', External_Key__c: key }, 'External_Key__c'));
    expect(created).toMatchObject({ status: 201, value: { success: true, created: true, errors: [] } });
    const id = (created.value as { id: string }).id;

    const updated = await outcome(() => admin.sobject('Account').upsert({ Name: 'Upserted again', External_Key__c: key }, 'External_Key__c'));
    expect(updated).toMatchObject({ status: 200, value: { id, success: true, created: false, errors: [] } });
    expect((await admin.sobject('Account').retrieve(id, { fields: ['Name'] }))['Name']).toBe('Upserted again');
  });

  test('two records sharing a non-unique external id -> 300 MULTIPLE_CHOICES with their urls', async ({ admin, outcome }) => {
    const key = unique('KEY').replace(/\s/g, '-');
    const first = await admin.sobject('Account').create({ Name: 'One', External_Key__c: key });
    const second = await admin.sobject('Account').create({ Name: 'Twin', External_Key__c: key });
    const multiple = await outcome(() => admin.sobject('Account').upsert({ Name: 'Which?', External_Key__c: key }, 'External_Key__c'));
    expect(multiple.status).toBe(300);
    expect(multiple.errorCode).toBe('MULTIPLE_CHOICES');
    expect(multiple.data).toEqual(
      expect.arrayContaining([`/services/data/v${API_VERSION}/sobjects/Account/${first.id as string}`, `/services/data/v${API_VERSION}/sobjects/Account/${second.id as string}`]),
    );
  });

  test('before API 46 an upsert that updates answers 204', async ({ connect, outcome }) => {
    const conn = connect({ version: '45.0' });
    await conn.login('admin@contract.test', 'contract-admin-1');
    const key = unique('OLD').replace(/\s/g, '-');
    await conn.sobject('Account').upsert({ Name: 'Old API', External_Key__c: key }, 'External_Key__c');
    const updated = await outcome(() => conn.sobject('Account').upsert({ Name: 'Old API 2', External_Key__c: key }, 'External_Key__c'));
    expect(updated).toMatchObject({ status: 204, value: { success: true, errors: [] } });
  });

  test('upsert on a field that is not an external id -> error, nothing created', async ({ admin, outcome }) => {
    const before = (await admin.query('SELECT COUNT() FROM Account')).totalSize;
    const result = await outcome(() => admin.sobject('Account').upsert({ Name: 'Nope', Phone: '42' }, 'Phone'));
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.errorCode).toMatch(/^(NOT_FOUND|INVALID_FIELD)$/);
    expect((await admin.query('SELECT COUNT() FROM Account')).totalSize).toBe(before);
  });
});

test('updated / deleted report ids in the window', async ({ admin }) => {
  const start = new Date(Date.now() - 60_000).toISOString();
  const created = await admin.sobject('Account').create({ Name: unique('Window') });
  const id = created.id as string;
  const end = (): string => new Date(Date.now() + 60_000).toISOString();
  const updated = await admin.sobject('Account').updated(start, end());
  expect(updated.ids).toContain(id);
  expect(updated.latestDateCovered).toEqual(expect.any(String));
  await admin.sobject('Account').destroy(id);
  const deleted = await admin.sobject('Account').deleted(start, end());
  expect(deleted.deletedRecords.map((r) => r.id)).toContain(id);
  expect(deleted.earliestDateAvailable).toEqual(expect.any(String));
});
