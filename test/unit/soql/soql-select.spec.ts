import { test, expect } from '@playwright/test';
import { seededOrg } from './seeded-org.js';

const url = (type: string, id: string) => `/services/data/v60.0/sobjects/${type}/${id}`;

test.describe('SOQL select shapes', () => {
  test('fields come back canonically spelled, attributes first', () => {
    const org = seededOrg();
    const result = org.query("select id, NAME, annualrevenue, active__c from account where name = 'acme'");
    expect(result).toMatchObject({ totalSize: 1, aggregate: false, objectName: 'Account' });
    const record = result.records[0]!;
    expect(Object.keys(record)).toEqual(['attributes', 'Id', 'Name', 'AnnualRevenue', 'Active__c']);
    expect(record).toEqual({
      attributes: { type: 'Account', url: url('Account', org.ids['acme']!) },
      Id: org.ids['acme'], Name: 'Acme', AnnualRevenue: 1000, Active__c: true,
    });
  });

  test('parent paths nest over several levels; an empty lookup is null', () => {
    const org = seededOrg();
    const { records } = org.query('SELECT Name, Account.Name, Account.Owner.Name, Account.Parent.Name FROM Contact ORDER BY LastName');
    expect(records.map((r) => [r['Name'], r['Account']])).toEqual([
      ['Jane Doe', {
        attributes: { type: 'Account', url: url('Account', org.ids['acme']!) },
        Name: 'Acme',
        Owner: { attributes: { type: 'User', url: url('User', org.ids['alice']!) }, Name: 'Alice Admin' },
        Parent: null,
      }],
      ["Pat O'Brien", null],
      ['John Smith', expect.objectContaining({ Name: 'Acme' })],
    ]);
  });

  test('polymorphic lookups report the Name entity with a url to the real type', () => {
    const org = seededOrg();
    const { records } = org.query('SELECT Subject, What.Name, Owner.Name FROM Task ORDER BY Subject');
    expect(records[0]).toMatchObject({
      Subject: 'Call',
      What: { attributes: { type: 'Name', url: url('Account', org.ids['acme']!) }, Name: 'Acme' },
      Owner: { attributes: { type: 'Name', url: url('User', org.ids['alice']!) }, Name: 'Alice Admin' },
    });
    expect(records[1]).toMatchObject({
      What: { attributes: { type: 'Name', url: url('Opportunity', org.ids['bigDeal']!) }, Name: 'Big Deal' },
      Owner: { attributes: { type: 'Name', url: url('Group', org.ids['queue']!) }, Name: 'Sales Queue' },
    });
  });

  test('TYPEOF picks fields by the real type of the record', () => {
    const org = seededOrg();
    const { records } = org.query('SELECT Subject, TYPEOF What WHEN Account THEN Industry WHEN Opportunity THEN Amount ELSE Name END FROM Task ORDER BY Subject');
    expect(records.map((r) => r['What'])).toEqual([
      { attributes: { type: 'Account', url: url('Account', org.ids['acme']!) }, Industry: 'Tech' },
      { attributes: { type: 'Opportunity', url: url('Opportunity', org.ids['bigDeal']!) }, Amount: 100 },
    ]);
  });

  test('child subqueries return a query result per parent, or null without children', () => {
    const org = seededOrg();
    const { records } = org.query("SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName), (SELECT Name FROM Opportunities WHERE StageName = 'Closed Won') FROM Account ORDER BY Name");
    expect(records[0]).toMatchObject({
      Name: 'Acme',
      Contacts: { totalSize: 2, done: true, records: [
        { attributes: { type: 'Contact', url: url('Contact', org.ids['jane']!) }, LastName: 'Doe' },
        { attributes: { type: 'Contact', url: url('Contact', org.ids['john']!) }, LastName: 'Smith' },
      ] },
      Opportunities: { totalSize: 1, done: true, records: [expect.objectContaining({ Name: 'Mid Deal' })] },
    });
    expect(records[1]).toMatchObject({ Name: 'Globex', Contacts: null, Opportunities: { totalSize: 1 } });
    expect(records[2]).toMatchObject({ Name: 'Initech', Contacts: null, Opportunities: null });
  });

  test('formula fields are computed through the hook, compound addresses are assembled', () => {
    const org = seededOrg();
    const { records } = org.query("SELECT Name_Length__c, BillingAddress FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name", {
      formula: (object, field, record) => (object === 'Account' && field === 'Name_Length__c' ? String(record['Name']).length : null),
    });
    expect(records.map((r) => [r['Name_Length__c'], r['BillingAddress']])).toEqual([
      [4, { street: '1 Rue de la Paix', city: 'Paris', postalCode: null }],
      [6, null],
    ]);
  });

  test('formula fields can be filtered and sorted on', () => {
    const org = seededOrg();
    const formula = (_object: string, _field: string, record: Record<string, unknown>) => String(record['Name']).length;
    expect(org.names('SELECT Name FROM Account WHERE Name_Length__c > 4 ORDER BY Name_Length__c DESC', { formula })).toEqual(['Initech', 'Globex']);
  });

  test('toLabel returns the picklist label', () => {
    const org = seededOrg();
    const { records } = org.query("SELECT toLabel(Type) FROM Account WHERE Name = 'Acme'");
    expect(records[0]).toMatchObject({ Type: 'Customer - Direct' });
  });

  test('ORDER BY with NULLS FIRST/LAST, parent paths, LIMIT and OFFSET', () => {
    const org = seededOrg();
    expect(org.names('SELECT Name FROM Account ORDER BY Industry')).toEqual(['Initech', 'Globex', 'Acme']);
    expect(org.names('SELECT Name FROM Account ORDER BY Industry DESC')).toEqual(['Acme', 'Globex', 'Initech']);
    expect(org.names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST')).toEqual(['Globex', 'Acme', 'Initech']);
    expect(org.names('SELECT Name FROM Opportunity ORDER BY Account.Name DESC, Amount')).toEqual(['Small Deal', 'Mid Deal', 'Big Deal']);
    expect(org.names('SELECT Name FROM Opportunity ORDER BY Amount DESC LIMIT 2')).toEqual(['Big Deal', 'Mid Deal']);
    expect(org.names('SELECT Name FROM Opportunity ORDER BY Amount DESC LIMIT 1 OFFSET 1')).toEqual(['Mid Deal']);
    expect(org.names('SELECT Name FROM Opportunity WHERE Account.Name = \'Acme\' ORDER BY Amount LIMIT 1')).toEqual(['Mid Deal']);
  });

  test('FOR UPDATE and FOR VIEW are accepted and change nothing', () => {
    const org = seededOrg();
    expect(org.query("SELECT Id FROM Account WHERE Name = 'Acme' FOR UPDATE").totalSize).toBe(1);
    expect(org.query('SELECT Id FROM Account FOR VIEW').totalSize).toBe(3);
  });

  test('queryAll (scanAll) includes the recycle bin, query does not', () => {
    const org = seededOrg();
    org.store.softDelete('Account', org.ids['initech']!, new Date());
    expect(org.names('SELECT Name FROM Account ORDER BY Name')).toEqual(['Acme', 'Globex']);
    const all = org.query('SELECT Name, IsDeleted FROM Account ORDER BY Name', { scanAll: true });
    expect(all.records.map((r) => [r['Name'], r['IsDeleted']])).toEqual([['Acme', false], ['Globex', false], ['Initech', true]]);
    expect(org.query('SELECT COUNT() FROM Account WHERE IsDeleted = true', { scanAll: true }).totalSize).toBe(1);
  });
});

test('FIELDS(STANDARD) and FIELDS(CUSTOM) expand to the readable fields of the object', () => {
  const org = seededOrg();
  const access = {
    canReadObject: () => true,
    canReadField: (_object: string, field: string) => field !== 'Regions__c',
    rowScope: () => ({ kind: 'all' as const }),
  };
  const custom = org.query("SELECT FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme' LIMIT 200", { access }).records[0]!;
  expect(Object.keys(custom)).toEqual(['attributes', 'ERP_Id__c', 'Active__c', 'Name_Length__c', 'Open_Amount__c']);
  const standard = org.query("SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Acme' LIMIT 200").records[0]!;
  expect(standard).toMatchObject({ Id: org.ids['acme'], Name: 'Acme', BillingAddress: { city: 'Paris' } });
  expect(standard).not.toHaveProperty('ERP_Id__c');
});
