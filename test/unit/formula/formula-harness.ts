/**
 * A small org for formula tests: a schema that answers `typeOf` for Opportunity-like fields and the
 * usual globals, and a runtime built from a plain record (keys are dotted paths, any case).
 */
import type { FormulaCompileContext, FormulaRuntimeContext, WireValue } from '../../../emulator/contracts.js';
import { compileFormula, type CompileFormulaOptions } from '../../../emulator/formula/index.js';
import type { FieldType } from '../../../emulator/metadata/types.js';

const SCHEMA: Record<string, FieldType> = {
  id: 'id',
  name: 'string',
  description: 'textarea',
  amount: 'currency',
  quantity__c: 'double',
  seats__c: 'int',
  discount__c: 'percent',
  isprivate: 'boolean',
  stagename: 'picklist',
  interests__c: 'multipicklist',
  closedate: 'date',
  start__c: 'date',
  lastmodifieddate: 'datetime',
  meeting_time__c: 'time',
  website__c: 'url',
  accountid: 'reference',
  billingaddress: 'address',
  'account.name': 'string',
  'account.type': 'picklist',
  'account.owner.name': 'string',
  'parent__r.field__c': 'string',
  '$user.id': 'id',
  '$user.department': 'string',
  '$user.approval_limit__c': 'currency',
  '$profile.name': 'string',
  '$userrole.name': 'string',
  '$permission.discount_exempt': 'boolean',
  '$recordtype.developername': 'string',
  '$recordtype.name': 'string',
  '$setup.release_settings__c.enabled__c': 'boolean',
  '$organization.name': 'string',
  '$record.amount': 'currency',
  where__c: 'location',
  where__latitude__s: 'double',
  where__longitude__s: 'double',
  lunch_time__c: 'time',
  '$objecttype.zip_code__c.fields.city__c': 'string',
  '$objecttype.zip_code__c.fields.name': 'string',
  '$objecttype.zip_code__c.fields.rate__c': 'percent',
  '$objecttype.account.fields.industry': 'picklist',
};

const key = (path: string[]): string => path.join('.').toLowerCase();

export function compileContext(where = 'ValidationRule Opportunity.Test_Rule'): FormulaCompileContext {
  return { object: 'Opportunity', where, typeOf: (path) => SCHEMA[key(path)] ?? null };
}

export interface RuntimeOptions {
  prior?: Record<string, WireValue>;
  isNew?: boolean;
  now?: string;
  timeZone?: string;
  /** Records VLOOKUP searches: object -> rows (field -> value). */
  lookupRows?: Record<string, Record<string, WireValue>[]>;
  isClone?: boolean;
}

/** The emulator clock in these tests: 2024-05-01T12:34:56Z, a Wednesday. */
export const TEST_NOW = '2024-05-01T12:34:56.000Z';

export function runtime(record: Record<string, WireValue>, options: RuntimeOptions = {}): FormulaRuntimeContext {
  const lower = (values: Record<string, WireValue>): Map<string, WireValue> =>
    new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  const current = lower(record);
  const prior = options.prior ? lower(options.prior) : undefined;
  return {
    get: (path) => current.get(key(path)),
    prior: (path) => prior?.get(key(path)),
    isNew: options.isNew ?? false,
    now: () => new Date(options.now ?? TEST_NOW),
    timeZone: options.timeZone,
    isClone: options.isClone,
    vlookup: (object, matchField, value, returnField) => {
      const rows = options.lookupRows?.[object] ?? [];
      const row = rows.find((r) => r[matchField] === value);
      return row ? (row[returnField] ?? null) : null;
    },
  };
}

/** Compiles against the test schema and evaluates against one record. */
export function run(
  formula: string,
  record: Record<string, WireValue> = {},
  options: RuntimeOptions & CompileFormulaOptions = {},
): WireValue {
  const compiled = compileFormula(formula, compileContext(), {
    returnType: options.returnType,
    treatBlanksAsZero: options.treatBlanksAsZero,
  });
  return compiled.evaluate(runtime(record, options));
}

/** One row of a formula table: formula, record, expected wire result. */
export type FormulaCase = [formula: string, record: Record<string, WireValue>, expected: WireValue];
