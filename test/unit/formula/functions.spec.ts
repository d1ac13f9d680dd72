import { test, expect } from '@playwright/test';
import { compileFormula } from '../../../emulator/formula/index.js';
import { compileContext, run, runtime, type FormulaCase } from './formula-harness.js';

const logical: FormulaCase[] = [
  ['AND(TRUE, TRUE, TRUE)', {}, true],
  ['AND(TRUE, FALSE)', {}, false],
  ['OR(FALSE, FALSE)', {}, false],
  ['OR(FALSE, TRUE)', {}, true],
  ['NOT(FALSE)', {}, true],
  ['IF(Amount > 100, "big", "small")', { Amount: 500 }, 'big'],
  ['IF(Amount > 100, "big", "small")', { Amount: null }, 'small'],
  ['IF(IsPrivate, NULL, 5)', { IsPrivate: true }, null],
  ['CASE(StageName, "Closed Won", 1, "Closed Lost", 2, 0)', { StageName: 'Closed Lost' }, 2],
  ['CASE(StageName, "Closed Won", 1, "Closed Lost", 2, 0)', { StageName: 'Prospecting' }, 0],
  ['CASE(Seats__c, 1, "one", 2, "two", "many")', { Seats__c: 2 }, 'two'],
  ['CASE(MONTH(CloseDate), 12, "Q4", 1, "Q1", "other")', { CloseDate: '2024-12-24' }, 'Q4'],
  ['ISBLANK(Name)', { Name: '' }, true],
  ['ISBLANK(Name)', { Name: 'x' }, false],
  ['ISBLANK(Amount)', { Amount: 0 }, false],
  ['ISBLANK(Amount)', { Amount: null }, true],
  ['ISBLANK(StageName)', { StageName: null }, true],
  ['ISBLANK(Interests__c)', { Interests__c: 'A;B' }, false],
  ['ISBLANK(CloseDate)', {}, true],
  ['ISNULL(Amount)', { Amount: null }, true],
  // Salesforce: text is never null for ISNULL.
  ['ISNULL(Name)', { Name: null }, false],
  ['BLANKVALUE(Name, "n/a")', { Name: '' }, 'n/a'],
  ['BLANKVALUE(Name, "n/a")', { Name: 'Acme' }, 'Acme'],
  ['BLANKVALUE(Amount, 0) + 1', { Amount: null }, 1],
  ['NULLVALUE(Amount, 7)', { Amount: null }, 7],
  ['NULLVALUE(CloseDate, DATE(2024,1,1))', {}, '2024-01-01'],
  ['ISNUMBER("12.5")', {}, true],
  ['ISNUMBER("-3")', {}, true],
  ['ISNUMBER("12a")', {}, false],
  ['ISNUMBER(Name)', { Name: null }, false],
];

const text: FormulaCase[] = [
  ['LEN("hello")', {}, 5],
  ['LEN(Name)', { Name: null }, 0],
  ['LEFT("Salesforce", 5)', {}, 'Sales'],
  ['RIGHT("Salesforce", 5)', {}, 'force'],
  ['RIGHT("abc", 10)', {}, 'abc'],
  ['MID("Salesforce", 6, 3)', {}, 'for'],
  ['UPPER("abc")', {}, 'ABC'],
  ['LOWER("ABC")', {}, 'abc'],
  ['TRIM("  a b  ")', {}, 'a b'],
  ['CONTAINS("Salesforce", "force")', {}, true],
  ['CONTAINS(Name, "x")', { Name: null }, false],
  ['BEGINS("Salesforce", "Sales")', {}, true],
  ['BEGINS("Salesforce", "sales")', {}, false],
  ['SUBSTITUTE("a-b-c", "-", "+")', {}, 'a+b+c'],
  ['FIND("c", "abcabc")', {}, 3],
  ['FIND("c", "abcabc", 4)', {}, 6],
  ['FIND("z", "abc")', {}, 0],
  ['TEXT(Amount)', { Amount: 1500.5 }, '1500.5'],
  ['TEXT(StageName)', { StageName: 'Closed Won' }, 'Closed Won'],
  ['TEXT(CloseDate)', { CloseDate: '2024-05-01' }, '2024-05-01'],
  ['TEXT(LastModifiedDate)', { LastModifiedDate: '2024-05-01T12:34:56.000+0000' }, '2024-05-01 12:34:56Z'],
  ['TEXT(Amount)', { Amount: null }, null],
  ['VALUE("42.5") + 1', {}, 43.5],
  ['VALUE("abc")', {}, null],
  ['LPAD("7", 3, "0")', {}, '007'],
  ['LPAD("abcdef", 3)', {}, 'abc'],
  ['RPAD("ab", 4, "*")', {}, 'ab**'],
  ['RPAD("ab", 4)', {}, 'ab  '],
  ['"a" & BR() & "b"', {}, 'a\nb'],
  ['HYPERLINK("/" & Id, Name)', { Id: '006000000000001AAA', Name: 'Deal' }, '<a href="/006000000000001AAA" target="_blank">Deal</a>'],
  ['HYPERLINK("https://x.test", "X", "_self")', {}, '<a href="https://x.test" target="_self">X</a>'],
  ['REGEX("ABC-1234", "[A-Z]{3}-\\\\d{4}")', {}, true],
  ['REGEX("xABC-1234", "[A-Z]{3}-\\\\d{4}")', {}, false],
  ['REGEX(Name, "[0-9]*")', { Name: null }, true],
  ['ISPICKVAL(StageName, "Closed Won")', { StageName: 'Closed Won' }, true],
  ['ISPICKVAL(StageName, "Closed Won")', { StageName: null }, false],
  ['ISPICKVAL(Account.Type, "Customer")', { 'Account.Type': 'Customer' }, true],
  ['INCLUDES(Interests__c, "Golf")', { Interests__c: 'Tennis;Golf' }, true],
  ['INCLUDES(Interests__c, "Gol")', { Interests__c: 'Tennis;Golf' }, false],
  ['INCLUDES(Interests__c, "Golf")', { Interests__c: null }, false],
];

const math: FormulaCase[] = [
  ['ABS(-3.5)', {}, 3.5],
  ['ROUND(1.005, 2)', {}, 1.01],
  ['ROUND(-1.5, 0)', {}, -2],
  ['ROUND(1250, -2)', {}, 1300],
  ['ROUND(Amount, 0)', { Amount: null }, null],
  ['CEILING(2.1)', {}, 3],
  ['CEILING(-2.5)', {}, -3],
  ['FLOOR(2.9)', {}, 2],
  ['FLOOR(-2.5)', {}, -2],
  ['MAX(1, 5, 3)', {}, 5],
  ['MIN(4, -1, 3)', {}, -1],
  ['MAX(Amount, 1)', { Amount: null }, null],
  ['MOD(10, 3)', {}, 1],
  ['MOD(-5, 3)', {}, -2],
  ['MOD(1, 0)', {}, null],
  ['SQRT(16)', {}, 4],
  ['SQRT(-1)', {}, null],
  ['EXP(0)', {}, 1],
  ['LN(EXP(2))', {}, 2],
  ['LOG(1000)', {}, 3],
  ['LN(0)', {}, null],
];

const dates: FormulaCase[] = [
  ['TODAY()', {}, '2024-05-01'],
  ['NOW()', {}, '2024-05-01T12:34:56.000+0000'],
  ['DATE(2024, 2, 29)', {}, '2024-02-29'],
  ['DATE(2023, 2, 29)', {}, null],
  ['DATEVALUE("2024-03-15")', {}, '2024-03-15'],
  ['DATEVALUE(LastModifiedDate)', { LastModifiedDate: '2024-03-15T23:30:00.000+0000' }, '2024-03-15'],
  ['DATEVALUE("not a date")', {}, null],
  ['DATETIMEVALUE("2024-03-15 08:30:00")', {}, '2024-03-15T08:30:00.000+0000'],
  ['DATETIMEVALUE(CloseDate)', { CloseDate: '2024-03-15' }, '2024-03-15T00:00:00.000+0000'],
  ['YEAR(CloseDate)', { CloseDate: '2024-03-15' }, 2024],
  ['MONTH(CloseDate)', { CloseDate: '2024-03-15' }, 3],
  ['DAY(CloseDate)', { CloseDate: '2024-03-15' }, 15],
  ['YEAR(CloseDate)', { CloseDate: null }, null],
  // 2024-05-01 is a Wednesday; WEEKDAY counts Sunday as 1.
  ['WEEKDAY(TODAY())', {}, 4],
  ['WEEKDAY(DATE(2024, 5, 5))', {}, 1],
  ['ADDMONTHS(DATE(2024, 1, 15), 1)', {}, '2024-02-15'],
  ['ADDMONTHS(DATE(2024, 1, 31), 1)', {}, '2024-02-29'],
  ['ADDMONTHS(DATE(2024, 2, 29), 1)', {}, '2024-03-31'],
  ['ADDMONTHS(DATE(2024, 3, 30), -1)', {}, '2024-02-29'],
  ['ADDMONTHS(DATE(2024, 11, 15), 3)', {}, '2025-02-15'],
  ['ADDMONTHS(LastModifiedDate, 1)', { LastModifiedDate: '2024-01-10T08:00:00.000Z' }, '2024-02-10T08:00:00.000+0000'],
  ['TODAY() - CloseDate', { CloseDate: '2024-04-01' }, 30],
];

for (const [group, cases] of [['logical', logical], ['text', text], ['math', math], ['date', dates]] as const) {
  for (const [formula, record, expected] of cases) {
    test(`${group}: ${formula} with ${JSON.stringify(record)} is ${JSON.stringify(expected)}`, () => {
      expect(run(formula, record)).toEqual(expected);
    });
  }
}

test('TODAY() follows the user time zone', () => {
  expect(run('TODAY()', {}, { now: '2024-05-01T02:00:00Z', timeZone: 'America/Los_Angeles' })).toBe('2024-04-30');
  expect(run('TODAY()', {}, { now: '2024-05-01T23:00:00Z', timeZone: 'Asia/Tokyo' })).toBe('2024-05-02');
});

test('IF evaluates only the branch it takes', () => {
  const read: string[] = [];
  const ctx = runtime({ Amount: 5, Name: 'x' });
  const spy = { ...ctx, get: (path: string[]) => { read.push(path.join('.')); return ctx.get(path); } };
  const formula = compileFormula('IF(TRUE, Amount, LEN(Name))', compileContext());
  expect(formula.evaluate(spy)).toBe(5);
  expect(read).toEqual(['Amount']);
});
