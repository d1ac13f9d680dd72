import { test, expect } from '@playwright/test';
import { compileFormula } from '../../../emulator/formula/index.js';
import type { FormulaCompileContext } from '../../../emulator/contracts.js';
import { runtime } from './formula-harness.js';
import { SampleSchema } from './sample-project-schema.js';

const schema = new SampleSchema();

function contextFor(object: string, where: string): FormulaCompileContext {
  return { object, where, typeOf: (path) => schema.typeOf(object, path) };
}

const rules = schema.validationRules();

test('the sample project has the six validation rules this suite expects', () => {
  expect(rules.map((r) => `${r.object}.${r.name}`).sort()).toEqual([
    'TTS_Inventor__c.TTS_Alternative_Distribution_Check',
    'TTS_Mentoring_Opportunity__c.Dates_Check',
    'TTS_Mentoring_Opportunity__c.Ensure_Only_One_Selected_Mentor',
    'TTS_Space_Tenant__c.Ensure_a_tenant_is_provided',
    'TTS_Technology__c.TTS_TotalContributionShareChecker',
    'TTS_Technology__c.TTS_TotalPrimaryContributersCheck',
  ]);
});

for (const rule of rules) {
  test(`validation rule ${rule.object}.${rule.name} compiles as a boolean formula`, () => {
    const compiled = compileFormula(rule.errorConditionFormula, contextFor(rule.object, `ValidationRule ${rule.object}.${rule.name}`), { returnType: 'boolean' });
    expect(compiled.references.length).toBeGreaterThan(0);
    for (const path of compiled.references) expect(schema.typeOf(rule.object, path), path.join('.')).not.toBeNull();
  });
}

for (const { object, field } of schema.formulaFields()) {
  test(`formula field ${object}.${field.name} compiles to its ${field.type} type`, () => {
    const compiled = compileFormula(field.formula ?? '', contextFor(object, `CustomField ${object}.${field.name}`), {
      returnType: field.type,
      treatBlanksAsZero: field.treatBlanksAsZero,
    });
    expect(compiled.source).toBe(field.formula);
  });
}

/** Each rule against a record that should fire it and one that should not. */
const ruleBehaviour: [rule: string, fires: Record<string, string | number | null>, passes: Record<string, string | number | null>][] = [
  ['Dates_Check', { Mentoring_Start_Date__c: '2024-05-10', Mentoring_End_Date__c: '2024-05-01' },
    { Mentoring_Start_Date__c: '2024-05-01', Mentoring_End_Date__c: null }],
  ['Ensure_Only_One_Selected_Mentor', { Total_Selected_Interests__c: 2 }, { Total_Selected_Interests__c: 1 }],
  ['TTS_TotalContributionShareChecker', { IP_Total_Percentage_Share__c: 120 }, { IP_Total_Percentage_Share__c: 100 }],
  ['TTS_TotalPrimaryContributersCheck', { IP_Total_Primary_Contributions__c: 2 }, { IP_Total_Primary_Contributions__c: 0 }],
  ['Ensure_a_tenant_is_provided', { Account__c: null, Contact__c: null }, { Account__c: '001000000000001AAA', Contact__c: null }],
  ['TTS_Alternative_Distribution_Check', { IP_AlternativeContact__c: '003000000000001AAA', IP_Original_Inventor_Name__c: '003000000000001AAA' },
    { IP_AlternativeContact__c: '003000000000002AAA', IP_Original_Inventor_Name__c: '003000000000001AAA' }],
];

for (const [name, fires, passes] of ruleBehaviour) {
  test(`validation rule ${name} fires on a bad record and not on a good one`, () => {
    const rule = rules.find((r) => r.name === name);
    expect(rule).toBeDefined();
    const compiled = compileFormula(rule!.errorConditionFormula, contextFor(rule!.object, name), { returnType: 'boolean' });
    expect(compiled.evaluate(runtime(fires))).toBe(true);
    expect(compiled.evaluate(runtime(passes))).toBe(false);
  });
}

test('formula field Tenant_Name__c picks the contact or account name by type', () => {
  const field = schema.formulaFields().find((f) => f.field.name === 'Tenant_Name__c')!.field;
  const compiled = compileFormula(field.formula!, contextFor('TTS_Space_Tenant__c', 'Tenant_Name__c'), { returnType: field.type });
  expect(compiled.evaluate(runtime({
    Type__c: 'Individual', Contact__c: '003000000000001AAA', 'Contact__r.FirstName': 'Ada', 'Contact__r.LastName': 'Lovelace',
  }))).toBe('Ada Lovelace');
  expect(compiled.evaluate(runtime({ Type__c: null, Account__c: '001000000000001AAA', 'Account__r.Name': 'Acme' }))).toBe('Acme');
  expect(compiled.evaluate(runtime({ Type__c: 'Company' }))).toBeNull();
});

test('formula field Expiration_Date__c adds the patent term in years', () => {
  const field = schema.formulaFields().find((f) => f.field.name === 'Expiration_Date__c')!.field;
  const compiled = compileFormula(field.formula!, contextFor('TTS_Protection__c', 'Expiration_Date__c'), {
    returnType: field.type, treatBlanksAsZero: field.treatBlanksAsZero,
  });
  expect(compiled.evaluate(runtime({ Filing_Date__c: '2010-03-15', Patent_Term__c: 20 }))).toBe('2030-03-15');
});
