import { test, expect } from '@playwright/test';
import { seededOrg } from './seeded-org.js';

const aggregate = { type: 'AggregateResult' };

test.describe('SOQL aggregates', () => {
  test('COUNT() answers with totalSize and no records', () => {
    const org = seededOrg();
    expect(org.query('SELECT COUNT() FROM Opportunity')).toEqual({ records: [], totalSize: 3, aggregate: false, objectName: 'Opportunity' });
    expect(org.query('SELECT count() FROM Opportunity WHERE Amount > 60').totalSize).toBe(2);
    expect(org.query("SELECT COUNT() FROM Opportunity WHERE Account.Name = 'Acme'").totalSize).toBe(2);
    expect(org.query('SELECT COUNT() FROM Opportunity LIMIT 1').totalSize).toBe(1);
  });

  test('aggregates without GROUP BY give one row with expr0.. names', () => {
    const org = seededOrg();
    const result = org.query('SELECT COUNT(Id), COUNT_DISTINCT(StageName), AVG(Amount), MIN(Name), MAX(CloseDate), SUM(Amount) total FROM Opportunity');
    expect(result).toMatchObject({ totalSize: 1, aggregate: true });
    expect(result.records).toEqual([{ attributes: aggregate, expr0: 3, expr1: 2, expr2: 75, expr3: 'Big Deal', expr4: '2024-06-20', total: 225 }]);
  });

  test('aggregates over no rows: COUNT is 0 and SUM is null', () => {
    const org = seededOrg();
    expect(org.query('SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Amount > 1000').records)
      .toEqual([{ attributes: aggregate, expr0: 0, expr1: null }]);
  });

  test('GROUP BY with HAVING, aliases and ORDER BY an aggregate', () => {
    const org = seededOrg();
    const { records } = org.query('SELECT StageName, COUNT(Id) deals, SUM(Amount) FROM Opportunity GROUP BY StageName HAVING COUNT(Id) > 0 ORDER BY COUNT(Id) DESC');
    expect(records).toEqual([
      { attributes: aggregate, StageName: 'Closed Won', deals: 2, expr0: 125 },
      { attributes: aggregate, StageName: 'Prospecting', deals: 1, expr0: 100 },
    ]);
    expect(org.query('SELECT StageName FROM Opportunity GROUP BY StageName HAVING SUM(Amount) > 110').records)
      .toEqual([{ attributes: aggregate, StageName: 'Closed Won' }]);
  });

  test('GROUP BY a parent path and a date function', () => {
    const org = seededOrg();
    expect(org.query('SELECT Account.Name, SUM(Amount) FROM Opportunity GROUP BY Account.Name ORDER BY Account.Name').records).toEqual([
      { attributes: aggregate, Name: 'Acme', expr0: 175 },
      { attributes: aggregate, Name: 'Globex', expr0: 50 },
    ]);
    expect(org.query('SELECT CALENDAR_MONTH(CloseDate), COUNT(Id) FROM Opportunity GROUP BY CALENDAR_MONTH(CloseDate) ORDER BY CALENDAR_MONTH(CloseDate)').records).toEqual([
      { attributes: aggregate, expr0: 5, expr1: 1 },
      { attributes: aggregate, expr0: 6, expr1: 2 },
    ]);
  });

  test('a field neither grouped nor aggregated is refused', () => {
    const org = seededOrg();
    expect(() => org.query('SELECT Name, COUNT(Id) FROM Account')).toThrow(expect.objectContaining({
      errorCode: 'MALFORMED_QUERY',
      message: '\nSELECT Name, COUNT(Id) FROM Account\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name',
    }) as Error);
  });
});
