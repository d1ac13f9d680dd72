import { test, expect } from '@playwright/test';
import { run, type FormulaCase } from './formula-harness.js';

const cases: FormulaCase[] = [
  // arithmetic and precedence
  ['1 + 2 * 3', {}, 7],
  ['(1 + 2) * 3', {}, 9],
  ['10 / 4', {}, 2.5],
  ['2 ^ 3', {}, 8],
  ['-2 ^ 2', {}, -4],
  ['2 ^ -1', {}, 0.5],
  ['0.1 + 0.2', {}, 0.3],
  ['7 - 2 - 1', {}, 4],
  ['+5', {}, 5],
  ['Amount * 2', { Amount: 150.5 }, 301],
  ['Amount + 1', { Amount: null }, null],
  ['1 / 0', {}, null],
  // percent fields read as decimals: 15% is 0.15
  ['Discount__c', { Discount__c: 15 }, 0.15],
  ['Discount__c > 0.1', { Discount__c: 15 }, true],
  // text concatenation with & and +
  ['Name & " - " & $User.Department', { Name: 'Acme', '$User.Department': 'Sales' }, 'Acme - Sales'],
  ['Name + "!"', { Name: 'Acme' }, 'Acme!'],
  ['Name & Description', { Name: null, Description: null }, null],
  // comparisons
  ['1 = 1', {}, true],
  ['1 == 2', {}, false],
  ['1 != 2', {}, true],
  ['1 <> 1', {}, false],
  ['2 < 3', {}, true],
  ['3 <= 3', {}, true],
  ['4 > 5', {}, false],
  ['5 >= 5', {}, true],
  ['"abc" < "abd"', {}, true],
  ['Name = "acme"', { Name: 'Acme' }, false],
  // blank text equals the empty string; blank numbers make a comparison blank (false)
  ['Name = ""', { Name: null }, true],
  ['Name <> ""', { Name: '' }, false],
  ['Amount > 100', { Amount: null }, false],
  ['Amount != 1', { Amount: null }, false],
  ['Amount = NULL', { Amount: 5 }, false],
  ['IsPrivate = TRUE', { IsPrivate: true }, true],
  ['IsPrivate = false', { IsPrivate: false }, true],
  ['CloseDate > DATE(2024, 1, 1)', { CloseDate: '2024-05-01' }, true],
  ['LastModifiedDate < NOW()', { LastModifiedDate: '2024-05-01T12:00:00.000+0000' }, true],
  // logical operators
  ['TRUE && FALSE', {}, false],
  ['TRUE || FALSE', {}, true],
  ['!FALSE', {}, true],
  ['NOT(TRUE) || 1 = 1 && 2 = 2', {}, true],
  ['Amount > 10 && Amount < 20', { Amount: 15 }, true],
  // date arithmetic
  ['CloseDate + 30', { CloseDate: '2024-01-15' }, '2024-02-14'],
  ['CloseDate - 15', { CloseDate: '2024-03-01' }, '2024-02-15'],
  ['5 + CloseDate', { CloseDate: '2024-12-30' }, '2025-01-04'],
  ['CloseDate - Start__c', { CloseDate: '2024-03-01', Start__c: '2024-02-01' }, 29],
  ['LastModifiedDate + 1.5', { LastModifiedDate: '2024-05-01T00:00:00.000+0000' }, '2024-05-02T12:00:00.000+0000'],
  ['LastModifiedDate - 1', { LastModifiedDate: '2024-05-01T10:00:00Z' }, '2024-04-30T10:00:00.000+0000'],
  ['NOW() - LastModifiedDate', { LastModifiedDate: '2024-04-30T12:34:56.000+0000' }, 1],
  ['Meeting_Time__c + 3600000', { Meeting_Time__c: '23:30:00.000Z' }, '00:30:00.000Z'],
  ['Meeting_Time__c - Meeting_Time__c', { Meeting_Time__c: '08:00:00.000Z' }, 0],
  ['CloseDate + 1', { CloseDate: null }, null],
  // comments and whitespace
  ['/* the limit */ Amount > 100', { Amount: 101 }, true],
];

for (const [formula, record, expected] of cases) {
  test(`${formula} with ${JSON.stringify(record)} is ${JSON.stringify(expected)}`, () => {
    expect(run(formula, record)).toEqual(expected);
  });
}

test('treat blanks as zero makes blank number fields read as 0', () => {
  expect(run('Amount + Quantity__c', { Amount: 10, Quantity__c: null }, { treatBlanksAsZero: true })).toBe(10);
  expect(run('Amount + Quantity__c', { Amount: 10, Quantity__c: null })).toBeNull();
});

test('a percent result is returned in percent units, like a percent field', () => {
  expect(run('Discount__c * 2', { Discount__c: 12.5 }, { returnType: 'percent' })).toBe(25);
});

test('a boolean formula with a blank result is false, never null', () => {
  expect(run('Amount > 1', { Amount: null }, { returnType: 'boolean' })).toBe(false);
});
