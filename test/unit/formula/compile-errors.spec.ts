import { test, expect } from '@playwright/test';
import type { FieldType } from '../../../emulator/metadata/types.js';
import { compileFormula, FormulaError } from '../../../emulator/formula/index.js';
import { compileContext } from './formula-harness.js';

const WHERE = 'ValidationRule Opportunity.Discount_Limit';

const errors: [formula: string, message: string, returnType?: FieldType][] = [
  // unsupported and unknown functions: a Salesforce function the emulator does not run says why
  ['foobar(1)', 'unsupported function FOOBAR'],
  ['URLFOR("/apex/Page")', 'unsupported function URLFOR (a Visualforce page and s-control function; no page runs in the emulator)'],
  ['PARENTGROUPVAL(Amount, "x")', 'unsupported function PARENTGROUPVAL (a report summary formula function; reports are not emulated)'],
  // a location only goes into DISTANCE
  ['GEOLOCATION(1, 2)', 'GEOLOCATION is a location: a formula can only use it in DISTANCE()'],
  ['GEOLOCATION(1, 2) = GEOLOCATION(1, 2)', "Incorrect parameter type for operator '='. Received Location and Location"],
  ['DISTANCE(GEOLOCATION(1, 2), GEOLOCATION(3, 4), "miles")', 'DISTANCE() unit must be the text "mi" or "km", received "miles"'],
  ['DISTANCE(1, GEOLOCATION(3, 4), "mi")', "Incorrect parameter type for function 'DISTANCE()'. Expected Location, received Number"],
  // $ObjectType names a field: VLOOKUP only
  ['$ObjectType.Account.Fields.Name', '$ObjectType.Account.Fields.Name names a field; only VLOOKUP() takes $ObjectType references'],
  // unknown references
  ['Foo__c > 1', 'unknown field Foo__c'],
  ['Account.Foo__c = "x"', 'unknown field Account.Foo__c'],
  ['$User.Nope__c', 'unknown field $User.Nope__c'],
  ['$Permission.Not_A_Permission', 'unknown field $Permission.Not_A_Permission'],
  ['BillingAddress', 'field BillingAddress of type address cannot be used in a formula'],
  // picklist misuse
  ['StageName = "Closed Won"', 'Field StageName is a picklist field. Picklist fields are only supported in certain functions.'],
  ['LEN(StageName)', 'Field StageName is a picklist field. Picklist fields are only supported in certain functions.'],
  ['StageName & "x"', 'Field StageName is a picklist field. Picklist fields are only supported in certain functions.'],
  ['IF(TRUE, StageName, "x")', 'Field StageName is a picklist field. Picklist fields are only supported in certain functions.'],
  ['Account.Type', 'Field Account.Type is a picklist field. Picklist fields are only supported in certain functions.'],
  ['Interests__c = "Golf"', 'Field Interests__c is a multi-select picklist field. Multi-select picklist fields are only supported in certain functions.'],
  ['ISPICKVAL(Interests__c, "Golf")', 'Field Interests__c is a multi-select picklist field. Multi-select picklist fields are only supported in certain functions.'],
  ['INCLUDES(StageName, "x")', 'Field StageName is a picklist field. Picklist fields are only supported in certain functions.'],
  // wrong arity
  ['IF(TRUE)', "Incorrect number of parameters for function 'IF()'. Expected 3, received 1"],
  ['LEFT("abc")', "Incorrect number of parameters for function 'LEFT()'. Expected 2, received 1"],
  ['TODAY(1)', "Incorrect number of parameters for function 'TODAY()'. Expected 0, received 1"],
  ['FIND("a")', "Incorrect number of parameters for function 'FIND()'. Expected 2 to 3, received 1"],
  ['AND()', "Incorrect number of parameters for function 'AND()'. Expected at least 1, received 0"],
  ['CASE(Seats__c, 1, "a", 2, "b")', "Incorrect number of parameters for function 'CASE()'. Expected an even number, received 5"],
  // type errors
  ['LEN(Amount)', "Incorrect parameter type for function 'LEN()'. Expected Text, received Number"],
  ['Name & 1', "Incorrect parameter type for operator '&'. Received Text and Number"],
  ['Amount + "x"', "Incorrect parameter type for operator '+'. Received Number and Text"],
  ['Amount = "x"', "Incorrect parameter type for operator '='. Received Number and Text"],
  ['IF(Amount, 1, 2)', "Incorrect parameter type for function 'IF()'. Expected Boolean, received Number"],
  ['IF(TRUE, 1, "a")', "Incorrect parameter type for function 'IF()'. Expected Number, received Text"],
  ['YEAR(LastModifiedDate)', "Incorrect parameter type for function 'YEAR()'. Expected Date, received Date/Time"],
  ['CASE(Seats__c, "1", "a", "b")', "Incorrect parameter type for function 'CASE()'. Expected Number, received Text"],
  ['ISCHANGED(Amount + 1)', 'ISCHANGED() needs a field reference, received +'],
  ['ISCHANGED($User.Department)', 'ISCHANGED() cannot read $User.Department: only fields of the record can change'],
  // result type
  ['Amount', 'Formula result is data type (Number), incompatible with expected data type (Boolean)', 'boolean'],
  ['Amount > 1', 'Formula result is data type (Boolean), incompatible with expected data type (Text)', 'string'],
  // syntax
  ['', 'syntax error: the formula is empty'],
  ['(1 + 2', "syntax error: missing ')', found end of formula at position 6"],
  ['1 +', 'syntax error: the formula ends too early'],
  ['1 2', "syntax error: extra '2' at position 2"],
  ['"open', 'syntax error: unterminated text literal at position 0'],
  ['Amount # 2', "syntax error: unexpected character '#' at position 7"],
  ['Account.Name(1)', "syntax error: 'Account.Name' is not a function name"],
];

for (const [formula, message, returnType] of errors) {
  test(`${JSON.stringify(formula)} fails to compile: ${message}`, () => {
    let caught: unknown;
    try {
      compileFormula(formula, compileContext(WHERE), { returnType });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FormulaError);
    expect((caught as FormulaError).message).toBe(`${WHERE}: ${message}`);
    expect((caught as FormulaError).where).toBe(WHERE);
  });
}

test('picklists are accepted by ISPICKVAL, TEXT, CASE, ISBLANK, ISCHANGED and PRIORVALUE', () => {
  for (const formula of [
    'ISPICKVAL(StageName, "x")', 'TEXT(StageName) = "x"', 'CASE(StageName, "x", 1, 0) = 1',
    'ISBLANK(StageName)', 'ISCHANGED(StageName)', 'ISPICKVAL(PRIORVALUE(StageName), "x")',
    'INCLUDES(Interests__c, "x")', 'ISBLANK(Interests__c)',
  ]) {
    expect(() => compileFormula(formula, compileContext(), { returnType: 'boolean' }), formula).not.toThrow();
  }
});

test('a literal REGEX pattern that does not compile fails at load', () => {
  expect(() => compileFormula('REGEX(Name, "(")', compileContext(WHERE)))
    .toThrow(new RegExp(`^${WHERE}: REGEX\\(\\): invalid regular expression "\\("`));
});
