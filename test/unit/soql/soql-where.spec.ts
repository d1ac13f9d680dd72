import { test, expect } from '@playwright/test';
import { seededOrg } from './seeded-org.js';

/**
 * One row per WHERE clause: the Account names it selects, in creation order. Rows that filter on a
 * stored column run in SQLite; rows on parent paths run in JS; both must agree on SOQL semantics.
 */
const accountFilters: [string, string[]][] = [
  ["Name = 'acme'", ['Acme']],
  ["Name != 'Acme'", ['Globex', 'Initech']],
  ["Industry != 'Tech'", ['Globex', 'Initech']],
  ['Industry = null', ['Initech']],
  ['Industry != null', ['Acme', 'Globex']],
  ['AnnualRevenue > 500', ['Acme']],
  ['AnnualRevenue >= 500', ['Acme', 'Globex']],
  ['AnnualRevenue < 1000', ['Globex']],
  ['AnnualRevenue <= 1000.0', ['Acme', 'Globex']],
  ["Name LIKE 'g%'", ['Globex']],
  ["Name LIKE '%OB%'", ['Globex']],
  ["Name LIKE '%e%'", ['Acme', 'Globex', 'Initech']],
  ["Name LIKE '_cme'", ['Acme']],
  ["NOT Name LIKE 'A%'", ['Globex', 'Initech']],
  ["Industry IN ('tech', 'Retail')", ['Acme', 'Globex']],
  ["Industry NOT IN ('Tech')", ['Globex', 'Initech']],
  ["Regions__c INCLUDES ('APAC')", ['Acme']],
  ["Regions__c INCLUDES ('AMER', 'EMEA;APAC')", ['Acme', 'Globex']],
  ["Regions__c INCLUDES ('EMEA;AMER')", []],
  ["Regions__c EXCLUDES ('EMEA')", ['Globex', 'Initech']],
  ["Regions__c = 'APAC;EMEA'", ['Acme']],
  ['Active__c = true', ['Acme']],
  ['Active__c = FALSE', ['Globex', 'Initech']],
  ["Industry = 'Tech' OR AnnualRevenue < 600", ['Acme', 'Globex']],
  ["(Industry = 'Tech' OR Industry = 'Retail') AND NOT (AnnualRevenue > 600)", ['Globex']],
  ["NOT (Industry = 'Tech' OR Industry = null)", ['Globex']],
  ["Owner.Name = 'Bob Rep'", ['Globex', 'Initech']],
  ["Owner.Name = 'Bob Rep' AND Name LIKE 'G%'", ['Globex']],
  ["Parent.Name = 'Acme'", ['Globex']],
  ["Parent.Name != 'Acme'", ['Acme', 'Initech']],
  ["Parent.Industry = 'Tech' OR Industry = null", ['Globex', 'Initech']],
  ['CreatedDate = LAST_N_DAYS:30', ['Acme']],
  ['CreatedDate = THIS_YEAR', ['Acme', 'Globex']],
  ['CreatedDate < THIS_YEAR', ['Initech']],
  ['CreatedDate = LAST_YEAR', ['Initech']],
  ['CreatedDate > 2024-03-01T10:00:00Z', ['Acme']],
  ['CreatedDate >= 2024-03-01T12:00:00+02:00', ['Acme', 'Globex']],
  ['CALENDAR_YEAR(CreatedDate) = 2023', ['Initech']],
  ["Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Smith')", ['Acme']],
  ["Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')", ['Acme', 'Globex']],
  ['Id NOT IN (SELECT AccountId FROM Opportunity)', ['Initech']],
];

test.describe('SOQL WHERE', () => {
  for (const [where, expected] of accountFilters) {
    test(`Account WHERE ${where}`, () => {
      const org = seededOrg();
      expect(org.names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
    });
  }

  test('ids compare exactly, and a 15-character id literal matches its 18-character form', () => {
    const org = seededOrg();
    const acme = org.ids['acme']!;
    expect(org.names(`SELECT Name FROM Account WHERE Id = '${acme.slice(0, 15)}'`)).toEqual(['Acme']);
    expect(org.names(`SELECT Name FROM Account WHERE Id IN ('${acme}', '${org.ids['initech']!}')`)).toEqual(['Acme', 'Initech']);
    expect(org.names(`SELECT Name FROM Contact WHERE AccountId = '${acme}' ORDER BY Name`)).toEqual(['Jane Doe', 'John Smith']);
  });

  test('string literals unescape quotes', () => {
    const org = seededOrg();
    expect(org.names("SELECT Name FROM Contact WHERE LastName = 'O\\'Brien'")).toEqual(["Pat O'Brien"]);
  });

  test('date fields compare with date literals and YYYY-MM-DD', () => {
    const org = seededOrg();
    expect(org.names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_MONTH ORDER BY CloseDate')).toEqual(['Mid Deal', 'Big Deal']);
    expect(org.names('SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:7')).toEqual(['Big Deal']);
    expect(org.names('SELECT Name FROM Opportunity WHERE CloseDate < TODAY ORDER BY CloseDate')).toEqual(['Small Deal', 'Mid Deal']);
    expect(org.names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_MONTH')).toEqual(['Small Deal']);
    expect(org.names('SELECT Name FROM Contact WHERE Birthdate < 2000-01-01')).toEqual(['John Smith']);
  });

  test('a null parent path compares as null in JS, like a blank column in SQL', () => {
    const org = seededOrg();
    expect(org.names("SELECT Name FROM Contact WHERE Account.Industry != 'Tech'")).toEqual(["Pat O'Brien"]);
    expect(org.names('SELECT Name FROM Contact WHERE Account.Name = null')).toEqual(["Pat O'Brien"]);
  });

  test('child subquery filters and limits apply per parent', () => {
    const org = seededOrg();
    const { records } = org.query("SELECT Name, (SELECT Name FROM Contacts ORDER BY Name DESC LIMIT 1) FROM Account WHERE Name = 'Acme'");
    expect(records[0]!['Contacts']).toMatchObject({ totalSize: 1, records: [{ Name: 'John Smith' }] });
  });
});
