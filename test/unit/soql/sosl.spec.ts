import { test, expect } from '@playwright/test';
import type { SoqlOptions } from '../../../emulator/soql/execute-soql.js';
import { executeSosl } from '../../../emulator/soql/execute-sosl.js';
import { NOW, seededOrg, type SeededOrg } from './seeded-org.js';

function search(org: SeededOrg, sosl: string, options: Partial<SoqlOptions> = {}) {
  return executeSosl(org.store, org.schema, sosl, { apiVersion: '60.0', now: NOW, ...options }).searchRecords;
}

test.describe('SOSL', () => {
  test('FIND IN NAME FIELDS RETURNING several objects, with attributes and the chosen fields', () => {
    const org = seededOrg();
    const records = search(org, 'FIND {acme} IN NAME FIELDS RETURNING Account(Id, Name), Contact(Name)');
    expect(records).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${org.ids['acme']!}` }, Id: org.ids['acme'], Name: 'Acme' },
    ]);
  });

  test('ALL FIELDS searches every text field; email words match', () => {
    const org = seededOrg();
    const records = search(org, 'FIND {acme} RETURNING Account(Name), Contact(Name)');
    expect(records.map((r) => [(r['attributes'] as { type: string }).type, r['Name']])).toEqual([
      ['Account', 'Acme'],
      ['Contact', 'John Smith'],
    ]);
  });

  test('wildcards, OR, implicit AND, WHERE/ORDER BY/LIMIT inside RETURNING and an overall LIMIT', () => {
    const org = seededOrg();
    const names = (sosl: string) => search(org, sosl).map((r) => r['Name']);
    expect(names('FIND {Glo*} IN NAME FIELDS RETURNING Account(Name)')).toEqual(['Globex']);
    expect(names('FIND {Acme OR Globex} IN NAME FIELDS RETURNING Account(Name ORDER BY Name DESC)')).toEqual(['Globex', 'Acme']);
    expect(names('FIND {John Smith} IN NAME FIELDS RETURNING Contact(Name)')).toEqual(['John Smith']);
    expect(names('FIND {John Doe} IN NAME FIELDS RETURNING Contact(Name)')).toEqual([]);
    expect(names("FIND {Deal} RETURNING Opportunity(Name WHERE StageName = 'Closed Won' ORDER BY Amount LIMIT 1)")).toEqual(['Small Deal']);
    expect(names('FIND {Deal} RETURNING Opportunity(Name ORDER BY Name) LIMIT 2')).toEqual(['Big Deal', 'Mid Deal']);
  });

  test('the same row scope as SOQL applies', () => {
    const org = seededOrg();
    const access = {
      canReadObject: () => true,
      canReadField: () => true,
      rowScope: () => ({ kind: 'owners' as const, ownerIds: [org.ids['bob']!] }),
    };
    expect(search(org, 'FIND {Deal} RETURNING Opportunity(Name ORDER BY Name)', { access }).map((r) => r['Name'])).toEqual(['Mid Deal', 'Small Deal']);
  });

  test('bad searches fail in Salesforce words', () => {
    const org = seededOrg();
    expect(() => search(org, 'FIND {a} RETURNING Account')).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_SEARCH' }) as Error);
    expect(() => search(org, 'SEARCH {acme}')).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_SEARCH' }) as Error);
    expect(() => search(org, 'FIND {acme} RETURNING Widget__c')).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE' }) as Error);
  });
});
