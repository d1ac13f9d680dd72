/**
 * sObject Tree `POST /composite/tree/{Type}` ([DOC] REST API guide), what `sf data import tree` sends: nested
 * children under their child relationship, all or nothing, 201 `{hasErrors: false, results}` in save order
 * (every root, then every child level) or 400 `{hasErrors: true, results}` naming only the failing records.
 * Raw HTTP here, because the status and the exact body are the contract.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { API_VERSION, expect, test, unique } from './fixtures/emulator.fixture.js';

interface TreeAnswer {
  status: number;
  body: { hasErrors?: boolean; results?: { referenceId: string; id?: string; errors?: { statusCode: string; message: string; fields: string[] }[] }[] } & unknown[];
}

async function postTree(url: string, admin: Connection, type: string, body: unknown): Promise<TreeAnswer> {
  const response = await fetch(`${url}/services/data/v${API_VERSION}/composite/tree/${type}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin.accessToken ?? ''}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TreeAnswer['body'] };
}

const account = (referenceId: string, fields: Record<string, unknown>, contacts?: Record<string, unknown>[]) => ({
  attributes: { type: 'Account', referenceId },
  ...fields,
  ...(contacts ? { Contacts: { records: contacts.map((c, i) => ({ attributes: { type: 'Contact', referenceId: `${referenceId}c${i}` }, ...c })) } } : {}),
});

test('two trees: 201, roots first then children, each child under its own new parent', async ({ admin, emulator }) => {
  const name = unique('Tree');
  const answer = await postTree(emulator.url, admin, 'Account', {
    records: [
      account('a1', { Name: name, Seats__c: 1 }, [{ LastName: 'One' }, { LastName: 'Two' }]),
      account('a2', { name: name, seats__c: 2 }, [{ lastname: 'Three' }]),
    ],
  });
  expect(answer.status).toBe(201);
  expect(answer.body.hasErrors).toBe(false);
  expect(answer.body.results?.map((r) => r.referenceId)).toEqual(['a1', 'a2', 'a1c0', 'a1c1', 'a2c0']);
  const ids = Object.fromEntries((answer.body.results ?? []).map((r) => [r.referenceId, r.id]));
  const contacts = await admin.query<{ Id: string; LastName: string; AccountId: string }>(
    `SELECT Id, LastName, AccountId FROM Contact WHERE AccountId IN ('${ids['a1']}', '${ids['a2']}') ORDER BY LastName`,
  );
  expect(contacts.records.map((c) => [c.LastName, c.AccountId, c.Id])).toEqual([
    ['One', ids['a1'], ids['a1c0']],
    ['Three', ids['a2'], ids['a2c0']],
    ['Two', ids['a1'], ids['a1c1']],
  ]);
});

const refusals = [
  {
    case: 'a validation rule on one child: only that record is named, with the rule error',
    body: (name: string) => ({ records: [account('ok', { Name: name }), account('bad', { Name: name, Seats__c: -5 })] }),
    results: [{ referenceId: 'bad', errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Seats cannot be negative.', fields: ['Seats__c'] }] }],
  },
  {
    case: 'a failing child rolls its saved parent back',
    body: (name: string) => ({ records: [account('p', { Name: name }, [{ FirstName: 'No last name' }])] }),
    results: [{ referenceId: 'pc0', errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }] }],
  },
  {
    case: 'a duplicate reference id is reported once per use',
    body: (name: string) => ({ records: [account('same', { Name: name }), account('same', { Name: name })] }),
    results: [
      { referenceId: 'same', errors: [{ statusCode: 'INVALID_INPUT', message: 'Duplicate ReferenceId provided in the request: same' }] },
      { referenceId: 'same', errors: [{ statusCode: 'INVALID_INPUT' }] },
    ],
  },
  {
    case: 'a root of another type than the URL names',
    body: (name: string) => ({ records: [{ attributes: { type: 'Contact', referenceId: 'c' }, LastName: name }] }),
    results: [{ referenceId: 'c', errors: [{ statusCode: 'INVALID_INPUT', message: expect.stringContaining('Contact') }] }],
  },
  {
    case: 'an unknown field',
    body: (name: string) => ({ records: [account('f', { Name: name, NoSuchField__c: 1 })] }),
    results: [{ referenceId: 'f', errors: [{ statusCode: 'INVALID_FIELD', message: "No such column 'NoSuchField__c' on sobject of type Account" }] }],
  },
];

for (const row of refusals) {
  test(`refused, 400 and nothing saved: ${row.case}`, async ({ admin, emulator }) => {
    const name = unique('Tree refused');
    const answer = await postTree(emulator.url, admin, 'Account', row.body(name));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ hasErrors: true, results: row.results });
    expect(answer.body.results).toHaveLength(row.results.length);
    expect((await admin.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).totalSize).toBe(0);
  });
}

test('more than 200 records: 400 INVALID_INPUT for the whole request, nothing saved', async ({ admin, emulator }) => {
  const name = unique('Tree too many');
  const records = Array.from({ length: 201 }, (_, i) => account(`r${i}`, { Name: name }));
  const answer = await postTree(emulator.url, admin, 'Account', { records });
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_INPUT' })]);
  expect((await admin.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).totalSize).toBe(0);
});

test('a body without records: 400 JSON_PARSER_ERROR', async ({ admin, emulator }) => {
  const answer = await postTree(emulator.url, admin, 'Account', { Name: 'no records' });
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
});
