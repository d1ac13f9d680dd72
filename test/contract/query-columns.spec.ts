/**
 * `GET /query?q=...&columns=true`: a SOQL statement's columns without running it, which the Salesforce CLI's
 * `sf data query` reads to lay out every result. Shapes follow the recorded answers in the CLI's own tests
 * (salesforcecli/plugin-data `queryFields.exemplars.ts`); names resolve and fail exactly as the query would.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { API_VERSION, expect, test } from './fixtures/emulator.fixture.js';

interface Column {
  aggregate: boolean;
  apexType: string | null;
  columnName: string;
  displayName: string;
  foreignKeyName: string | null;
  joinColumns: Column[];
  numberType: boolean;
  textType: boolean;
  custom: boolean;
}

const columnsOf = (admin: Connection, soql: string) =>
  admin.request<{ columnMetadata: Column[]; entityName: string; groupBy: boolean; idSelected: boolean; keyPrefix: string }>(
    `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}&columns=true`,
  );

/** `Owner.Name` -> `Owner.Name`, `Contacts` -> `Contacts(LastName)`: the tree of names, for compact rows. */
const names = (columns: Column[]): string[] =>
  columns.map((c) => (c.joinColumns.length === 0 ? c.columnName : c.aggregate ? `${c.columnName}(${names(c.joinColumns).join(',')})` : names(c.joinColumns).map((n) => `${c.columnName}.${n}`).join(',')));

const rows = [
  { soql: 'SELECT Id, Name, Seats__c FROM Account', names: ['Id', 'Name', 'Seats__c'] },
  { soql: 'SELECT name, owner.name FROM account', names: ['Name', 'Owner.Name'] },
  { soql: 'SELECT Name, (SELECT LastName, Account.Name FROM Contacts) FROM Account', names: ['Name', 'Contacts(LastName,Account.Name)'] },
  { soql: 'SELECT COUNT(Id), MAX(Seats__c) biggest FROM Account', names: ['expr0', 'biggest'] },
  { soql: 'SELECT Owner.Name, COUNT(Id) FROM Account GROUP BY Owner.Name', names: ['Name', 'expr0'] },
] as const;

for (const row of rows) {
  test(`columns of ${row.soql}`, async ({ admin }) => {
    const answer = await columnsOf(admin, row.soql);
    expect(names(answer.columnMetadata)).toEqual(row.names);
    expect(answer).toMatchObject({ entityName: 'Account', keyPrefix: '001' });
  });
}

test('column details: Apex types, the lookup behind a parent path, a subquery as an aggregate column', async ({ admin }) => {
  expect((await columnsOf(admin, 'SELECT Owner.Name, COUNT(Id) FROM Account GROUP BY Owner.Name')).groupBy).toBe(true);
  const plain = await columnsOf(admin, 'SELECT Id, Seats__c, Owner.Name, (SELECT LastName FROM Contacts) FROM Account');
  expect(plain).toMatchObject({ groupBy: false, idSelected: true });
  const [id, seats, owner, contacts] = plain.columnMetadata;
  expect(id).toMatchObject({ columnName: 'Id', apexType: 'Id', textType: false, aggregate: false, foreignKeyName: null });
  expect(seats).toMatchObject({ columnName: 'Seats__c', apexType: 'Decimal', numberType: true, custom: true });
  expect(owner).toMatchObject({ columnName: 'Owner', apexType: null, foreignKeyName: 'OwnerId', joinColumns: [{ columnName: 'Name', apexType: 'String', textType: true }] });
  expect(contacts).toMatchObject({ columnName: 'Contacts', aggregate: true, apexType: null, joinColumns: [{ columnName: 'LastName', aggregate: false }] });
  const [aggregate] = (await columnsOf(admin, 'SELECT AVG(Seats__c) FROM Account')).columnMetadata;
  expect(aggregate).toMatchObject({ columnName: 'expr0', displayName: 'AVG(Seats__c)', aggregate: true, numberType: true });
});

test('a field the query cannot read fails as the query does (INVALID_FIELD), and the query is not run', async ({ admin, outcome }) => {
  const result = await outcome(() => columnsOf(admin, 'SELECT NoSuchField__c FROM Account'));
  expect(result).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
  expect(result.message).toContain("No such column 'NoSuchField__c' on entity 'Account'");
  const unknownObject = await outcome(() => columnsOf(admin, 'SELECT Id FROM NoSuchObject__c'));
  expect(unknownObject).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
});
