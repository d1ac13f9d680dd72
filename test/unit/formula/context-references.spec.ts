import { test, expect } from '@playwright/test';
import { compileFormula } from '../../../emulator/formula/index.js';
import { compileContext, run, type FormulaCase } from './formula-harness.js';

const globalsAndPaths: FormulaCase[] = [
  ['$User.Department = "Sales"', { '$User.Department': 'Sales' }, true],
  ['$Profile.Name = "System Administrator"', { '$Profile.Name': 'System Administrator' }, true],
  ['$UserRole.Name', { '$UserRole.Name': 'CEO' }, 'CEO'],
  ['$Permission.Discount_Exempt', { '$Permission.Discount_Exempt': true }, true],
  ['NOT($Permission.Discount_Exempt)', { '$Permission.Discount_Exempt': false }, true],
  ['$RecordType.DeveloperName = "Enterprise"', { '$RecordType.DeveloperName': 'Enterprise' }, true],
  ['$RecordType.Name', { '$RecordType.Name': 'Enterprise Deal' }, 'Enterprise Deal'],
  ['$Setup.Release_Settings__c.Enabled__c', { '$Setup.Release_Settings__c.Enabled__c': true }, true],
  ['$Organization.Name', { '$Organization.Name': 'Postflight' }, 'Postflight'],
  ['Account.Name', { 'Account.Name': 'Acme' }, 'Acme'],
  ['Account.Owner.Name', { 'Account.Owner.Name': 'Ada' }, 'Ada'],
  ['Parent__r.Field__c', { 'Parent__r.Field__c': 'v' }, 'v'],
  // a null relationship reads as blank
  ['ISBLANK(Account.Name)', {}, true],
  // references and function names are case-insensitive
  ['isblank(AMOUNT)', { Amount: 1 }, false],
  ['$user.DEPARTMENT', { '$User.Department': 'Ops' }, 'Ops'],
  ['If(true, "a", "b")', {}, 'a'],
  // flow merge-field syntax
  ['{!$Record.Amount} > 100', { '$Record.Amount': 150 }, true],
  ['Amount > $User.Approval_Limit__c', { Amount: 500, '$User.Approval_Limit__c': 1000 }, false],
  // the project's own rules (org/force-app .../Opportunity/validationRules/Discount_Limit, overlay Discount_Finance_Review)
  ['AND(Discount__c > 0.20, NOT($Permission.Discount_Exempt))', { Discount__c: 25, '$Permission.Discount_Exempt': false }, true],
  ['AND(Discount__c > 0.20, NOT($Permission.Discount_Exempt))', { Discount__c: 25, '$Permission.Discount_Exempt': true }, false],
  ['AND(Discount__c > 0.20, NOT($Permission.Discount_Exempt))', { Discount__c: 20, '$Permission.Discount_Exempt': false }, false],
  ['AND(Discount__c > 0, NOT(IsPrivate), $User.Department = "Sales")', { Discount__c: 5, IsPrivate: false, '$User.Department': 'Sales' }, true],
];

for (const [formula, record, expected] of globalsAndPaths) {
  test(`${formula} with ${JSON.stringify(record)} is ${JSON.stringify(expected)}`, () => {
    expect(run(formula, record)).toEqual(expected);
  });
}

const recordChange: [formula: string, current: Record<string, string | number | null>, prior: Record<string, string | number | null> | undefined, isNew: boolean, expected: unknown][] = [
  ['ISNEW()', {}, undefined, true, true],
  ['ISNEW()', {}, {}, false, false],
  ['ISCHANGED(Amount)', { Amount: 200 }, { Amount: 100 }, false, true],
  ['ISCHANGED(Amount)', { Amount: 100 }, { Amount: 100 }, false, false],
  ['ISCHANGED(Amount)', { Amount: 100 }, undefined, true, false],
  ['ISCHANGED(Name)', { Name: '' }, { Name: null }, false, false],
  ['ISCHANGED(StageName)', { StageName: 'Closed Won' }, { StageName: 'Prospecting' }, false, true],
  ['ISCHANGED(CloseDate)', { CloseDate: '2024-05-01' }, { CloseDate: '2024-05-01' }, false, false],
  ['PRIORVALUE(Amount)', { Amount: 200 }, { Amount: 100 }, false, 100],
  ['PRIORVALUE(Amount)', { Amount: 200 }, undefined, true, null],
  ['ISPICKVAL(PRIORVALUE(StageName), "Closed Won") && NOT(ISPICKVAL(StageName, "Closed Won"))',
    { StageName: 'Prospecting' }, { StageName: 'Closed Won' }, false, true],
  ['AND(ISCHANGED(Amount), Amount > PRIORVALUE(Amount) * 1.1)', { Amount: 120 }, { Amount: 100 }, false, true],
];

for (const [formula, current, prior, isNew, expected] of recordChange) {
  test(`${formula} (${isNew ? 'insert' : 'update'}) is ${JSON.stringify(expected)}`, () => {
    expect(run(formula, current, { prior, isNew })).toEqual(expected);
  });
}

test('references lists every path once, in first spelling', () => {
  const formula = compileFormula(
    'AND(ISCHANGED(Amount), amount > $User.Approval_Limit__c, ISPICKVAL(Account.Type, "Customer"))',
    compileContext(),
  );
  expect(formula.references).toEqual([['Amount'], ['$User', 'Approval_Limit__c'], ['Account', 'Type']]);
});

test('the compiled formula keeps its source and reports its result type', () => {
  const formula = compileFormula('CloseDate + 1', compileContext());
  expect(formula.source).toBe('CloseDate + 1');
  expect(formula.resultType).toBe('date');
});
