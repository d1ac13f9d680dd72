/**
 * The real Salesforce CLI (`sf` 2.146.3, tools/sf-cli) against the emulator, as a team points it at their
 * org: login with an access token, then the everyday commands with `--json`. Every write is checked through
 * jsforce (the record really is created, changed, deleted), and every failure must look like a real org's:
 * a refused tree import leaves nothing behind, and `sf apex run` exits non-zero saying the emulator runs no Apex.
 *
 * Needs `npm run setup:sf-cli` (npm test runs it first); without the CLI every test fails saying so.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { ORG_ALIAS, expect, test, unique } from './fixtures/salesforce-cli.fixture.js';

const o = ['-o', ORG_ALIAS];

// Every `sf` command is a new process that loads the CLI's ~700 packages: 2-3 s on an idle 2-core machine,
// several times that when the machine is shared. A test here runs up to six of them.
test.describe.configure({ timeout: 120_000 });

interface TreeImportRow {
  refId: string;
  type: string;
  id: string;
}

/** Accounts (with their contacts) named `name`, read through jsforce. */
async function accountsNamed(admin: Connection, name: string) {
  const result = await admin.query<{ Id: string; Name: string; Seats__c: number | null; Contacts: { records: { Id: string; LastName: string; AccountId: string }[] } | null }>(
    `SELECT Id, Name, Seats__c, (SELECT Id, LastName, AccountId FROM Contacts ORDER BY LastName) FROM Account WHERE Name = '${name}' ORDER BY CreatedDate`,
  );
  return result.records;
}

test('org login access-token and org display: connected, auth stored (encrypted) in the CLI home only', async ({ sf, emulator, admin }) => {
  const display = await sf.run(['org', 'display', ...o]);
  expect(display.exitCode).toBe(0);
  const identity = await admin.identity();
  expect(display.json['result']).toMatchObject({
    connectedStatus: 'Connected',
    username: sf.username,
    alias: ORG_ALIAS,
    id: identity.organization_id,
    instanceUrl: `${emulator.url}/`,
  });
  // The CLI keeps its auth file in the temporary HOME, with the access token encrypted, never in clear.
  const authFile = path.join(sf.home, '.sfdx', `${sf.username}.json`);
  expect(existsSync(authFile)).toBe(true);
  const stored = JSON.parse(readFileSync(authFile, 'utf8')) as { accessToken?: string; instanceUrl?: string };
  expect(stored.instanceUrl).toBe(`${emulator.url}/`);
  expect(stored.accessToken).toBeTruthy();
  expect(stored.accessToken).not.toBe(admin.accessToken);
  expect(JSON.stringify(display.json)).not.toContain(admin.accessToken ?? 'no token');
  // Offline: the update plugin never claimed an autoupdate run, telemetry never started its cache.
  const cache = path.join(sf.home, '.cache', 'sf');
  const cached = existsSync(cache) ? readdirSync(cache) : [];
  expect(cached.filter((f) => /autoupdate|telemetry|CLIID/i.test(f))).toEqual([]);
});

test('data create / get / update / delete record really write the org', async ({ sf, admin }) => {
  const name = unique('CLI record');
  const created = await sf.run(['data', 'create', 'record', ...o, '-s', 'Account', '-v', `Name='${name}' Seats__c=4`]);
  expect(created.exitCode).toBe(0);
  const id = (created.json['result'] as { id: string; success: boolean }).id;
  expect(created.json['result']).toMatchObject({ success: true, errors: [] });
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Id: id, Name: name, Seats__c: 4 });

  const got = await sf.run(['data', 'get', 'record', ...o, '-s', 'Account', '-i', id]);
  expect(got.exitCode).toBe(0);
  expect(got.json['result']).toMatchObject({ attributes: { type: 'Account' }, Id: id, Name: name, Seats__c: 4 });

  const updated = await sf.run(['data', 'update', 'record', ...o, '-s', 'Account', '-w', `Name='${name}'`, '-v', 'Seats__c=9']);
  expect(updated.exitCode).toBe(0);
  expect(updated.json['result']).toMatchObject({ id, success: true });
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Seats__c: 9 });

  // A validation rule refuses the update, and the CLI reports the org's own error.
  const refused = await sf.run(['data', 'update', 'record', ...o, '-s', 'Account', '-i', id, '-v', 'Seats__c=-1']);
  expect(refused.exitCode).not.toBe(0);
  expect(JSON.stringify(refused.json)).toContain('Seats cannot be negative.');
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Seats__c: 9 });

  const deleted = await sf.run(['data', 'delete', 'record', ...o, '-s', 'Account', '-i', id]);
  expect(deleted.exitCode).toBe(0);
  expect(deleted.json['result']).toMatchObject({ id, success: true });
  expect(await accountsNamed(admin, name)).toEqual([]);
});

test('data query: records with parent and child relationships, also laid out as CSV', async ({ sf, admin }) => {
  const name = unique('CLI query');
  const account = await admin.sobject('Account').create({ Name: name, Seats__c: 3 });
  await admin.sobject('Contact').create([
    { LastName: 'Alpha', AccountId: account.id },
    { LastName: 'Beta', AccountId: account.id },
  ]);
  const soql = `SELECT Name, Seats__c, Owner.Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name = '${name}'`;
  const result = await sf.run(['data', 'query', ...o, '-q', soql]);
  expect(result.exitCode).toBe(0);
  expect(result.json['result']).toMatchObject({
    totalSize: 1,
    done: true,
    records: [{
      attributes: { type: 'Account' },
      Name: name,
      Seats__c: 3,
      Owner: { Name: expect.any(String) },
      Contacts: { totalSize: 2, records: [{ LastName: 'Alpha' }, { LastName: 'Beta' }] },
    }],
  });

  // The CSV and table layouts come from the query's column metadata (`/query?columns=true`).
  const csv = await sf.run(['data', 'query', ...o, '-q', `SELECT Name, Seats__c, Owner.Name FROM Account WHERE Name = '${name}'`, '--result-format', 'csv'], { raw: true });
  expect(csv.exitCode).toBe(0);
  const lines = csv.stdout.trim().split('\n');
  expect(lines[0]).toBe('Name,Seats__c,Owner.Name');
  expect(lines[1]).toMatch(new RegExp(`^${name},3,\\S`));

  const aggregate = await sf.run(['data', 'query', ...o, '-q', `SELECT COUNT(Id), MAX(Seats__c) FROM Account WHERE Name = '${name}'`, '--result-format', 'csv'], { raw: true });
  expect(aggregate.stdout.trim().split('\n')).toEqual(['COUNT(Id),MAX(Seats__c)', '1,3']);

  const unknownField = await sf.run(['data', 'query', ...o, '-q', 'SELECT NoSuchField__c FROM Account']);
  expect(unknownField.exitCode).not.toBe(0);
  expect(unknownField.json).toMatchObject({ name: 'INVALID_FIELD' });
});

test('sobject describe: the fields and child relationships of the org', async ({ sf }) => {
  const result = await sf.run(['sobject', 'describe', ...o, '-s', 'Account']);
  expect(result.exitCode).toBe(0);
  const describe = result.json['result'] as { name: string; fields: { name: string; type: string; custom: boolean }[]; childRelationships: { relationshipName: string | null }[] };
  expect(describe.name).toBe('Account');
  expect(describe.fields).toEqual(expect.arrayContaining([
    expect.objectContaining({ name: 'Name', type: 'string' }),
    expect.objectContaining({ name: 'Seats__c', type: 'double', custom: true }),
    expect.objectContaining({ name: 'External_Key__c', custom: true }),
  ]));
  expect(describe.childRelationships.map((r) => r.relationshipName)).toContain('Contacts');
});

test('org list limits: DailyApiRequests counts the API calls made', async ({ sf }) => {
  const result = await sf.run(['org', 'list', 'limits', ...o]);
  expect(result.exitCode).toBe(0);
  const limits = result.json['result'] as { name: string; max: number; remaining: number }[];
  const daily = limits.find((l) => l.name === 'DailyApiRequests');
  expect(daily).toMatchObject({ max: 15000 });
  expect(daily?.remaining).toBeLessThan(15000);
});

test('data export tree --plan then data import tree --plan round-trips parents and children', async ({ sf, admin }) => {
  const name = unique('CLI tree plan');
  const account = await admin.sobject('Account').create({ Name: name, Seats__c: 7 });
  await admin.sobject('Contact').create([{ LastName: 'Child One', AccountId: account.id }, { LastName: 'Child Two', AccountId: account.id }]);
  const dir = `export-plan-${Date.now().toString(36)}`;

  const exported = await sf.run(['data', 'export', 'tree', ...o, '--plan', '--output-dir', dir, '-q',
    `SELECT Name, Seats__c, (SELECT LastName FROM Contacts) FROM Account WHERE Name = '${name}'`]);
  expect(exported.exitCode).toBe(0);
  const planFile = readdirSync(path.join(sf.home, dir)).find((f) => f.endsWith('-plan.json'));
  expect(planFile).toBe('Account-Contact-plan.json');
  const contacts = JSON.parse(readFileSync(path.join(sf.home, dir, 'Contact.json'), 'utf8')) as { records: { AccountId: string }[] };
  expect(contacts.records.map((r) => r.AccountId)).toEqual(['@AccountRef1', '@AccountRef1']);

  const imported = await sf.run(['data', 'import', 'tree', ...o, '--plan', path.join(dir, planFile ?? '')]);
  expect(imported.exitCode).toBe(0);
  const rows = imported.json['result'] as TreeImportRow[];
  expect(rows.map((r) => `${r.type} ${r.refId}`)).toEqual(['Account AccountRef1', 'Contact ContactRef1', 'Contact ContactRef2']);

  const accounts = await accountsNamed(admin, name);
  expect(accounts).toHaveLength(2);
  const copy = accounts.find((a) => a.Id === rows[0]?.id);
  expect(copy).toMatchObject({ Name: name, Seats__c: 7 });
  expect(copy?.Contacts?.records.map((c) => [c.LastName, c.AccountId])).toEqual([['Child One', copy?.Id], ['Child Two', copy?.Id]]);
});

test('data export tree then data import tree --files: nested children are created under their new parent', async ({ sf, admin }) => {
  const name = unique('CLI tree files');
  const account = await admin.sobject('Account').create({ Name: name });
  await admin.sobject('Contact').create({ LastName: 'Nested', AccountId: account.id });
  const dir = `export-files-${Date.now().toString(36)}`;

  const exported = await sf.run(['data', 'export', 'tree', ...o, '--output-dir', dir, '-q',
    `SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = '${name}'`]);
  expect(exported.exitCode).toBe(0);
  const imported = await sf.run(['data', 'import', 'tree', ...o, '--files', path.join(dir, 'Account-Contact.json')]);
  expect(imported.exitCode).toBe(0);
  const rows = imported.json['result'] as TreeImportRow[];
  expect(rows.map((r) => r.type)).toEqual(['Account', 'Contact']);

  const copy = (await accountsNamed(admin, name)).find((a) => a.Id === rows[0]?.id);
  expect(copy?.Contacts?.records).toEqual([expect.objectContaining({ Id: rows[1]?.id, LastName: 'Nested', AccountId: rows[0]?.id })]);
});

test('data import tree refused by a validation rule: the CLI lists the error, exits non-zero, nothing is saved', async ({ sf, admin }) => {
  const name = unique('CLI tree refused');
  const dir = path.join(sf.home, `refused-${Date.now().toString(36)}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'Account.json'), JSON.stringify({
    records: [
      { attributes: { type: 'Account', referenceId: 'GoodRef' }, Name: name, Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'KidRef' }, LastName: 'Kid' }] } },
      { attributes: { type: 'Account', referenceId: 'BadRef' }, Name: name, Seats__c: -1 },
    ],
  }));
  const result = await sf.run(['data', 'import', 'tree', ...o, '--files', path.join(dir, 'Account.json')]);
  expect(result.exitCode).not.toBe(0);
  expect(result.json).toMatchObject({
    message: 'Data Import failed',
    data: [{ referenceId: 'BadRef', StatusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', Message: 'Seats cannot be negative.', fields: 'Seats__c' }],
  });
  expect(await accountsNamed(admin, name)).toEqual([]);
});

test('apex run: exits non-zero with an honest "no Apex in the org emulator" compile failure', async ({ sf }) => {
  const file = path.join(sf.home, 'hello.apex');
  writeFileSync(file, "System.debug('hello');\n");
  const result = await sf.run(['apex', 'run', ...o, '--file', file]);
  expect(result.exitCode).toBe(1);
  expect(result.json).toMatchObject({ name: 'executeCompileFailure', data: { compiled: false, success: false } });
  expect(String(result.json['message'])).toMatch(/^Compilation failed at Line 1 column 1 with the error:\s+The org emulator does not run Apex: /);
});
