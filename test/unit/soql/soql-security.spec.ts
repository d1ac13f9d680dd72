import { test, expect } from '@playwright/test';
import type { SoqlAccess } from '../../../emulator/soql/execute-soql.js';
import { seededOrg, type SeededOrg } from './seeded-org.js';

/** Bob: owns Globex and Initech, cannot see AnnualRevenue or Groups; Contacts follow their Account. */
function bobAccess(org: SeededOrg): SoqlAccess {
  return {
    canReadObject: (object) => object !== 'Group',
    canReadField: (object, field) => !(object === 'Account' && field === 'AnnualRevenue'),
    rowScope: (object) => {
      if (object === 'Account' || object === 'Opportunity') return { kind: 'owners', ownerIds: [org.ids['bob']!] };
      if (object === 'Contact') return { kind: 'parent', field: 'AccountId', parentObject: 'Account' };
      return { kind: 'all' };
    },
  };
}

test.describe('SOQL under a user\'s security', () => {
  test('row scope by owner applies to queries, counts, subqueries and semi-joins', () => {
    const org = seededOrg();
    const access = bobAccess(org);
    expect(org.names('SELECT Name FROM Account ORDER BY Name', { access })).toEqual(['Globex', 'Initech']);
    expect(org.query('SELECT COUNT() FROM Account', { access }).totalSize).toBe(2);
    expect(org.names('SELECT Name FROM Opportunity ORDER BY Name', { access })).toEqual(['Mid Deal', 'Small Deal']);
    expect(org.names('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)', { access })).toEqual(['Globex']);
    const { records } = org.query("SELECT Name, (SELECT Name FROM Opportunities) FROM Account WHERE Name = 'Globex'", { access });
    expect(records[0]!['Opportunities']).toMatchObject({ totalSize: 1, records: [{ Name: 'Small Deal' }] });
  });

  test('ControlledByParent records are visible when their parent is', () => {
    const org = seededOrg();
    const access = bobAccess(org);
    expect(org.names('SELECT Name FROM Contact', { access })).toEqual([]);
    org.store.update('Contact', org.ids['jane']!, { AccountId: org.ids['globex'] });
    expect(org.names('SELECT Name FROM Contact', { access })).toEqual(['Jane Doe']);
    // Without an access object the executor runs in system context and sees every row.
    expect(org.names('SELECT Name FROM Contact')).toHaveLength(3);
  });

  test('an unreadable field is "No such column", with or without WITH SECURITY_ENFORCED', () => {
    const org = seededOrg();
    const access = bobAccess(org);
    for (const soql of ['SELECT Name, AnnualRevenue FROM Account', 'SELECT Name, AnnualRevenue FROM Account WITH SECURITY_ENFORCED', 'SELECT Name FROM Account WHERE AnnualRevenue > 0']) {
      expect(() => org.query(soql, { access })).toThrow(expect.objectContaining({
        errorCode: 'INVALID_FIELD',
        message: expect.stringContaining("No such column 'AnnualRevenue' on entity 'Account'")
      }) as Error);
    }
    expect(org.query('SELECT Name, AnnualRevenue FROM Account WITH SECURITY_ENFORCED').totalSize).toBe(3);
  });

  test('an unreadable object is INVALID_TYPE', () => {
    const org = seededOrg();
    expect(() => org.query('SELECT Id FROM Group', { access: bobAccess(org) })).toThrow(expect.objectContaining({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Group' is not supported.")
    }) as Error);
  });
});
