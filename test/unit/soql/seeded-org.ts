/**
 * A store over the hand-built test schema, seeded with a few related records whose ids the specs
 * can name, plus a `query` helper with the executor's options filled in.
 */
import type { WireRecord } from '../../../emulator/contracts.js';
import { IdMinter } from '../../../emulator/ids.js';
import type { OrgSchema } from '../../../emulator/metadata/types.js';
import { executeSoql, type SoqlOptions, type SoqlResult } from '../../../emulator/soql/execute-soql.js';
import { Store } from '../../../emulator/store/store.js';
import { testSchema } from '../store/test-schema.js';

/** The clock of every query in these specs: Saturday 15 June 2024, noon UTC. */
export const NOW = new Date('2024-06-15T12:00:00.000Z');

export interface SeededOrg {
  store: Store;
  schema: OrgSchema;
  ids: Record<string, string>;
  query(soql: string, options?: Partial<SoqlOptions>): SoqlResult;
  names(soql: string, options?: Partial<SoqlOptions>): unknown[];
}

export function seededOrg(): SeededOrg {
  const schema = testSchema();
  const store = new Store(schema);
  const minter = new IdMinter();
  const ids: Record<string, string> = {
    alice: minter.next('005'), bob: minter.next('005'), queue: minter.next('00G'),
    acme: minter.next('001'), globex: minter.next('001'), initech: minter.next('001'),
    john: minter.next('003'), jane: minter.next('003'), orphan: minter.next('003'),
    bigDeal: minter.next('006'), smallDeal: minter.next('006'), midDeal: minter.next('006'),
    call: minter.next('00T'), email: minter.next('00T'),
  };
  const id = (name: string): string => ids[name]!;
  const insert = (object: string, records: WireRecord[]) => store.bulkInsert(object, records);

  insert('User', [
    { Id: id('alice'), Name: 'Alice Admin', FirstName: 'Alice', LastName: 'Admin', Username: 'alice@example.com', IsActive: true },
    { Id: id('bob'), Name: 'Bob Rep', FirstName: 'Bob', LastName: 'Rep', Username: 'bob@example.com', IsActive: true },
  ]);
  insert('Group', [{ Id: id('queue'), Name: 'Sales Queue', Type: 'Queue' }]);
  insert('Account', [
    { Id: id('acme'), Name: 'Acme', Industry: 'Tech', Type: 'Customer', AnnualRevenue: 1000, NumberOfEmployees: 50, OwnerId: id('alice'),
      ERP_Id__c: 'A-1', Regions__c: 'EMEA;APAC', Active__c: true, BillingStreet: '1 Rue de la Paix', BillingCity: 'Paris',
      CreatedDate: '2024-06-01T10:00:00.000+0000' },
    { Id: id('globex'), Name: 'Globex', Industry: 'Retail', AnnualRevenue: 500, NumberOfEmployees: 10, OwnerId: id('bob'),
      ParentId: id('acme'), ERP_Id__c: 'G-1', Regions__c: 'AMER', Active__c: false, CreatedDate: '2024-03-01T10:00:00.000+0000' },
    { Id: id('initech'), Name: 'Initech', OwnerId: id('bob'), ERP_Id__c: 'I-1', CreatedDate: '2023-12-31T23:59:59.000+0000' },
  ]);
  insert('Contact', [
    { Id: id('john'), FirstName: 'John', LastName: 'Smith', Name: 'John Smith', Email: 'john@acme.test', Birthdate: '1990-01-15',
      AccountId: id('acme'), OwnerId: id('alice') },
    { Id: id('jane'), FirstName: 'Jane', LastName: 'Doe', Name: 'Jane Doe', Birthdate: '2001-07-04', AccountId: id('acme'), OwnerId: id('bob') },
    { Id: id('orphan'), FirstName: 'Pat', LastName: "O'Brien", Name: "Pat O'Brien", OwnerId: id('bob') },
  ]);
  insert('Opportunity', [
    { Id: id('bigDeal'), Name: 'Big Deal', StageName: 'Prospecting', Amount: 100, CloseDate: '2024-06-20', AccountId: id('acme'), OwnerId: id('alice') },
    { Id: id('smallDeal'), Name: 'Small Deal', StageName: 'Closed Won', Amount: 50, CloseDate: '2024-05-02', AccountId: id('globex'), OwnerId: id('bob'), IsClosed: true },
    { Id: id('midDeal'), Name: 'Mid Deal', StageName: 'Closed Won', Amount: 75, CloseDate: '2024-06-01', AccountId: id('acme'), OwnerId: id('bob'), IsClosed: true },
  ]);
  insert('Task', [
    { Id: id('call'), Subject: 'Call', WhatId: id('acme'), OwnerId: id('alice') },
    { Id: id('email'), Subject: 'Email', WhatId: id('bigDeal'), OwnerId: id('queue') },
  ]);

  const query = (soql: string, options: Partial<SoqlOptions> = {}) =>
    executeSoql(store, schema, soql, { apiVersion: '60.0', now: NOW, ...options });
  const names = (soql: string, options: Partial<SoqlOptions> = {}) =>
    query(soql, options).records.map((r) => r['Name'] ?? r['Subject']);
  return { store, schema, ids, query, names };
}
