/**
 * The formula reader behind the proposals: it reads what Salesforce rules are written in (escapes in REGEX
 * patterns, unary minus, merge fields in flow formulas) and evaluates with blanks as blanks.
 */
import { test, expect } from '@playwright/test';
import { Day, evaluate, FormulaProblem, namesIn, parseFormula, type FormulaValue } from '../../../src/coverage/proposals/formula.js';

function run(formula: string, values: Record<string, FormulaValue>, options: { prior?: Record<string, FormulaValue>; isNew?: boolean } = {}): FormulaValue {
  const read = (source: Record<string, FormulaValue>) => (name: string) => {
    if (!(name in source)) throw new FormulaProblem(`${name}: not known`);
    return source[name]!;
  };
  return evaluate(parseFormula(formula), { value: read(values), prior: read(options.prior ?? values), isNew: options.isNew ?? true });
}

const CASES: { formula: string; values: Record<string, FormulaValue>; expected: FormulaValue; prior?: Record<string, FormulaValue>; isNew?: boolean }[] = [
  { formula: 'AND(Discount__c > 0.20, NOT($Permission.Discount_Exempt))', values: { Discount__c: 0.21, '$Permission.Discount_Exempt': false }, expected: true },
  { formula: 'AND(Discount__c > 0.20, NOT($Permission.Discount_Exempt))', values: { Discount__c: 0.2, '$Permission.Discount_Exempt': false }, expected: false },
  // Blank is not greater than anything: the rule stays quiet on a record without a discount.
  { formula: 'Discount__c > 0', values: { Discount__c: null }, expected: false },
  { formula: 'ISBLANK(TEXT(Discount_Reason__c))', values: { Discount_Reason__c: null }, expected: true },
  { formula: 'NOT(REGEX(SuppliedPhone, "\\\\+?[0-9 ()-]{7,20}"))', values: { SuppliedPhone: '+44 20 7946 0001' }, expected: false },
  { formula: 'NOT(REGEX(SuppliedPhone, "\\\\+?[0-9 ()-]{7,20}"))', values: { SuppliedPhone: 'call me' }, expected: true },
  { formula: 'Mentoring_End_Date__c <= Mentoring_Start_Date__c', values: { Mentoring_End_Date__c: new Day(7), Mentoring_Start_Date__c: new Day(30) }, expected: true },
  { formula: 'TODAY() + 3 > Due__c', values: { Due__c: new Day(2) }, expected: true },
  { formula: '-Amount < 0 && Amount <> 0', values: { Amount: 5 }, expected: true },
  { formula: 'IF(ISPICKVAL(Status, "Closed"), "done", "open") & "!"', values: { Status: 'Closed' }, expected: 'done!' },
  { formula: 'CASE(Tier, "Gold", 1, "Silver", 2, 0)', values: { Tier: 'Silver' }, expected: 2 },
  { formula: 'AND(NOT(ISNEW()), ISCHANGED(Status), TEXT(PRIORVALUE(Status)) = "Closed")', values: { Status: 'Working' }, prior: { Status: 'Closed' }, isNew: false, expected: true },
  { formula: 'AND(NOT(ISNEW()), ISCHANGED(Status))', values: { Status: 'Working' }, isNew: true, expected: false },
  // Flow entry formulas: merge fields read the record, and an unknown name does not matter once OR is decided.
  { formula: '{!$Record.RecordType.DeveloperName} = "Onboarding"', values: { 'RecordType.DeveloperName': 'Onboarding' }, expected: true },
  { formula: 'OR(Unknown__c = 1, Known__c)', values: { Known__c: true }, expected: true },
];

for (const c of CASES) {
  test(`${c.formula} with ${JSON.stringify(c.values)} is ${JSON.stringify(c.expected)}`, () => {
    expect(run(c.formula, c.values, { prior: c.prior, isNew: c.isNew })).toEqual(c.expected);
  });
}

test('what a formula reads, and what it cannot be read for', () => {
  expect(namesIn(parseFormula('AND(Discount__c > 0.20, NOT($Setup.Release_Settings__c.Bypass_Validation_Rules__c), Account.Tier__c = "A")'))).toEqual([
    'Discount__c',
    '$Setup.Release_Settings__c.Bypass_Validation_Rules__c',
    'Account.Tier__c',
  ]);
  expect(() => parseFormula('AND(a, "open')).toThrow(/a string is not closed/);
  expect(() => parseFormula('a > > 1')).toThrow(/unexpected ">"/);
  expect(() => run('OR(Unknown__c = 1, FALSE)', {})).toThrow(/Unknown__c: not known/);
  expect(() => run('VLOOKUP(a, b, c)', { a: 1, b: 1, c: 1 })).toThrow(/the function VLOOKUP is not understood here/);
});
