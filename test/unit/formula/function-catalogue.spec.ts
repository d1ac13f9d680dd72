/**
 * The functions added to cover Salesforce's whole function list, each with a value and a blank case,
 * and the catalogue that the load summary counts.
 */
import { test, expect } from '@playwright/test';
import { compileFormula } from '../../../emulator/formula/index.js';
import { catalogueEntry, describeFunctionCoverage, FUNCTION_CATALOGUE, functionCoverage } from '../../../emulator/formula/functions/catalogue.js';
import { FORMULA_FUNCTIONS } from '../../../emulator/formula/functions/index.js';
import { compileContext, run, type FormulaCase } from './formula-harness.js';

const html: FormulaCase[] = [
  ['IMAGE("/img/samples/flag_green.gif", "Green")', {}, '<img src="/img/samples/flag_green.gif" alt="Green" border="0"/>'],
  ['IMAGE("/img/samples/flag_green.gif", "Green", 16, 20)', {}, '<img src="/img/samples/flag_green.gif" alt="Green" style="height:16px; width:20px;" border="0"/>'],
  // The URL and the alternate text are escaped, as a real org's `&amp;` in src shows (html.ts).
  ['IMAGE("https://x.test/q?a=1&b=2", Name)', { Name: 'A "quoted" <b>' }, '<img src="https://x.test/q?a=1&amp;b=2" alt="A &quot;quoted&quot; &lt;b&gt;" border="0"/>'],
  ['IF(Amount > 100, IMAGE("/big.png", "Big"), "")', { Amount: 5 }, null],
  ['HYPERLINK("/" & Id, Name)', { Id: '006000000000001AAA', Name: 'R&D' }, '<a href="/006000000000001AAA" target="_blank">R&amp;D</a>'],
];

const text: FormulaCase[] = [
  // 15 -> 18 characters (suffix per protocol reference §9.2: 001D000000IqhSL -> IAZ).
  ['CASESAFEID(Id)', { Id: '001D000000IqhSL' }, '001D000000IqhSLIAZ'],
  ['CASESAFEID(Id)', { Id: '001D000000IqhSLIAZ' }, '001D000000IqhSLIAZ'],
  ['CASESAFEID(Id)', { Id: '0055g0000000002' }, '0055g0000000002AAA'],
  ['CASESAFEID(Name)', { Name: null }, null],
  ['INITCAP("hello WORLD, it\'s o\'neil")', {}, 'Hello World, It\'S O\'Neil'],
  ['INITCAP(Name)', { Name: null }, null],
  ['REVERSE("abc")', {}, 'cba'],
  ['REVERSE(Name)', { Name: null }, null],
  ['ASCII("A")', {}, 65],
  ['ASCII(Name)', { Name: null }, null],
  ['CHR(65)', {}, 'A'],
  ['CHR(0)', {}, null],
  ['HTMLENCODE("<a href=\'x\'>&</a>")', {}, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
  ['JSENCODE("it\'s \\"x\\"")', {}, 'it\\\'s \\"x\\"'],
  ['JSENCODE("</script>")', {}, '\\u003C/script\\u003E'],
  ['JSINHTMLENCODE("<\'>")', {}, '&lt;&#39;&gt;'],
  ['URLENCODE("a b!c/é")', {}, 'a%20b%21c%2F%C3%A9'],
  ['URLENCODE(Name)', { Name: null }, null],
  ['PICKLISTCOUNT(Interests__c)', { Interests__c: 'Golf;Tennis;Chess' }, 3],
  ['PICKLISTCOUNT(Interests__c)', { Interests__c: null }, 0],
];

const math: FormulaCase[] = [
  ['TRUNC(12.789, 2)', {}, 12.78],
  ['TRUNC(-12.789)', {}, -12],
  ['TRUNC(1255, -2)', {}, 1200],
  ['MCEILING(-2.5)', {}, -2],
  ['MFLOOR(-2.5)', {}, -3],
  ['MCEILING(2.1)', {}, 3],
  ['ROUND(PI(), 4)', {}, 3.1416],
  ['ROUND(SIN(PI() / 2), 6)', {}, 1],
  ['ROUND(COS(0), 6)', {}, 1],
  ['ROUND(TAN(0), 6)', {}, 0],
  ['ROUND(ASIN(1), 4)', {}, 1.5708],
  ['ASIN(2)', {}, null],
  ['ROUND(ACOS(1), 4)', {}, 0],
  ['ACOS(-1.5)', {}, null],
  ['ROUND(ATAN(1), 4)', {}, 0.7854],
  ['ROUND(ATAN2(1, 0), 4)', {}, 1.5708],
  ['ATAN2(0, 0)', {}, null],
  ['SIN(Amount)', { Amount: null }, null],
  // London to Paris: about 344 km / 213 mi.
  ['ROUND(DISTANCE(GEOLOCATION(51.5074, -0.1278), GEOLOCATION(48.8566, 2.3522), "km"), 0)', {}, 344],
  ['ROUND(DISTANCE(GEOLOCATION(51.5074, -0.1278), GEOLOCATION(48.8566, 2.3522), "mi"), 0)', {}, 213],
  ['ROUND(DISTANCE(Where__c, GEOLOCATION(48.8566, 2.3522), "km"), 0)', { Where__Latitude__s: 51.5074, Where__Longitude__s: -0.1278 }, 344],
  ['DISTANCE(Where__c, GEOLOCATION(48.8566, 2.3522), "km")', { Where__Latitude__s: null, Where__Longitude__s: -0.1278 }, null],
  ['ISBLANK(Where__c)', {}, true],
  ['DISTANCE(GEOLOCATION(91, 0), GEOLOCATION(0, 0), "km")', {}, null],
  ['CURRENCYRATE("EUR")', {}, 1],
];

const dates: FormulaCase[] = [
  ['DAYOFYEAR(DATE(2024, 12, 31))', {}, 366],
  ['DAYOFYEAR(DATE(2023, 3, 1))', {}, 60],
  ['DAYOFYEAR(CloseDate)', { CloseDate: null }, null],
  // ISO weeks: 2021-01-03 (a Sunday) still belongs to 2020's week 53; 2024-12-30 is week 1 of 2025.
  ['ISOWEEK(DATE(2021, 1, 3))', {}, 53],
  ['ISOYEAR(DATE(2021, 1, 3))', {}, 2020],
  ['ISOWEEK(DATE(2024, 12, 30))', {}, 1],
  ['ISOYEAR(DATE(2024, 12, 30))', {}, 2025],
  ['ISOWEEK(TODAY())', {}, 18],
  ['UNIXTIMESTAMP(DATE(1970, 1, 2))', {}, 86400],
  ['UNIXTIMESTAMP(NOW())', {}, 1714566896],
  ['UNIXTIMESTAMP(TIMEVALUE("01:00:00.000"))', {}, 3600],
  ['FROMUNIXTIME(1714566896)', {}, '2024-05-01T12:34:56.000+0000'],
  ['FROMUNIXTIME(Amount)', { Amount: null }, null],
  ['TIMENOW()', {}, '12:34:56.000Z'],
  ['TIMEVALUE("17:30:45.125")', {}, '17:30:45.125Z'],
  ['TIMEVALUE(LastModifiedDate)', { LastModifiedDate: '2024-03-15T23:30:00.000+0000' }, '23:30:00.000Z'],
  ['HOUR(Lunch_Time__c)', { Lunch_Time__c: '13:45:30.250Z' }, 13],
  ['MINUTE(Lunch_Time__c)', { Lunch_Time__c: '13:45:30.250Z' }, 45],
  ['SECOND(Lunch_Time__c)', { Lunch_Time__c: '13:45:30.250Z' }, 30],
  ['MILLISECOND(Lunch_Time__c)', { Lunch_Time__c: '13:45:30.250Z' }, 250],
  ['HOUR(Lunch_Time__c)', { Lunch_Time__c: '00:15:00.000Z' }, 0],
  ['HOUR(Lunch_Time__c)', { Lunch_Time__c: null }, null],
  ['FORMATDURATION(3661)', {}, '01:01:01'],
  ['FORMATDURATION(90061, TRUE)', {}, '1:01:01:01'],
  ['FORMATDURATION(90061)', {}, '25:01:01'],
  // Two Date/Times give days, as a real org shows `0:00:30:00` for 08:30 -> 09:00.
  ['FORMATDURATION(DATETIMEVALUE("2024-01-01 08:30:00"), DATETIMEVALUE("2024-01-01 09:00:00"))', {}, '0:00:30:00'],
  ['FORMATDURATION(TIMEVALUE("08:00:00.000"), TIMEVALUE("09:30:15.000"))', {}, '01:30:15'],
  ['FORMATDURATION(Amount)', { Amount: null }, null],
];

for (const [group, cases] of [['html', html], ['text', text], ['math', math], ['date and time', dates]] as const) {
  for (const [formula, record, expected] of cases) {
    test(`${group}: ${formula} with ${JSON.stringify(record)} is ${JSON.stringify(expected)}`, () => {
      expect(run(formula, record)).toEqual(expected);
    });
  }
}

test('VLOOKUP returns a field of the record whose Name matches, blank when none does', () => {
  const lookupRows = { Zip_Code__c: [{ Name: '94105', City__c: 'San Francisco', Rate__c: 8.5 }, { Name: '10001', City__c: 'New York', Rate__c: 4 }] };
  const formula = 'VLOOKUP($ObjectType.Zip_Code__c.Fields.City__c, $ObjectType.Zip_Code__c.Fields.Name, LEFT(Name, 5))';
  expect(run(formula, { Name: '94105-1234' }, { lookupRows })).toBe('San Francisco');
  expect(run(formula, { Name: '99999' }, { lookupRows })).toBeNull();
  expect(run(formula, { Name: null }, { lookupRows })).toBeNull();
  // A percent reads as a decimal, like any percent field in a formula.
  expect(run('VLOOKUP($ObjectType.Zip_Code__c.Fields.Rate__c, $ObjectType.Zip_Code__c.Fields.Name, "10001")', {}, { lookupRows })).toBe(0.04);
});

test('VLOOKUP searches the Name field of the object it returns from', () => {
  expect(() => compileFormula('VLOOKUP($ObjectType.Zip_Code__c.Fields.City__c, $ObjectType.Zip_Code__c.Fields.City__c, "x")', compileContext()))
    .toThrow('VLOOKUP() searches the Name field of Zip_Code__c, not City__c');
  expect(() => compileFormula('VLOOKUP($ObjectType.Account.Fields.Industry, $ObjectType.Zip_Code__c.Fields.Name, "x")', compileContext()))
    .toThrow('VLOOKUP() must return a field of the object it searches: Account is not Zip_Code__c');
  expect(() => compileFormula('VLOOKUP(Name, $ObjectType.Zip_Code__c.Fields.Name, "x")', compileContext()))
    .toThrow('VLOOKUP() takes $ObjectType.Object__c.Fields.Field__c references, received Name');
});

test('ISCLONE is true only while saving a clone', () => {
  expect(run('ISCLONE()', {}, { isClone: true })).toBe(true);
  expect(run('ISCLONE()', {})).toBe(false);
});

test('a text formula is HTML-formatted when it calls IMAGE or HYPERLINK, and only then', () => {
  const compile = (source: string): boolean | undefined => compileFormula(source, compileContext(), { returnType: 'string' }).htmlFormatted;
  expect(compile('IF(IsPrivate, IMAGE("/a.png", "a"), "")')).toBe(true);
  expect(compile('"See " & HYPERLINK("/" & Id, Name)')).toBe(true);
  expect(compile('UPPER(Name)')).toBe(false);
  // HYPERLINK inside a number formula's condition does not make the number markup.
  expect(compileFormula('IF(LEN(HYPERLINK("/", "x")) > 3, 1, 0)', compileContext(), { returnType: 'double' }).htmlFormatted).toBe(false);
});

test('the catalogue lists every function the engine runs, and says why each other one is not run', () => {
  const names = FUNCTION_CATALOGUE.map((entry) => entry.name);
  expect(new Set(names).size).toBe(names.length);
  for (const name of FORMULA_FUNCTIONS.keys()) expect(catalogueEntry(name), name).toBeDefined();
  for (const entry of FUNCTION_CATALOGUE) {
    // Implemented, or a reason: never both, never neither.
    expect(FORMULA_FUNCTIONS.has(entry.name) !== (entry.notImplemented !== undefined), entry.name).toBe(true);
  }
  const coverage = functionCoverage();
  expect(coverage.total).toBe(104);
  expect(coverage.implemented).toBe(93);
  expect(coverage.missing.map((m) => m.name)).toEqual([
    'GETSESSIONID', 'PARENTGROUPVAL', 'PREVGROUPVAL', 'GETRECORDIDS', 'IMAGEPROXYURL', 'INCLUDE', 'JUNCTIONIDLIST', 'LINKTO', 'PREDICT',
    'REQUIRESCRIPT', 'URLFOR',
  ]);
  expect(describeFunctionCoverage()).toBe(
    'formula functions: 93 of 104 implemented; not implemented (page, report, button or model only): GETSESSIONID, PARENTGROUPVAL, '
    + 'PREVGROUPVAL, GETRECORDIDS, IMAGEPROXYURL, INCLUDE, JUNCTIONIDLIST, LINKTO, PREDICT, REQUIRESCRIPT, URLFOR',
  );
});

test('polymorphic paths tokenize with their target object, in formulas and in flow merge fields', () => {
  const seen: string[][] = [];
  const ctx = { object: 'Job__c', where: 'CustomField Job__c.X__c', typeOf: (path: string[]) => { seen.push(path); return 'string' as const; } };
  compileFormula('Owner:User.FirstName & Project__r.Owner:Queue.QueueName & {!$Record.Owner:User.LastName}', ctx);
  expect(seen).toEqual([['Owner:User', 'FirstName'], ['Project__r', 'Owner:Queue', 'QueueName'], ['$Record', 'Owner:User', 'LastName']]);
});
