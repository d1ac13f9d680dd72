/**
 * A criteria sharing rule's criteria compiled twice with one meaning, through the SOQL executor's own
 * predicates (case-insensitive text, ids, blanks as SOQL treats them): as SQL over the object's columns,
 * so that a query's row scope widens inside SQLite, and as a test over a record in hand, for record-level
 * access. Both read the record's current values, so a rule follows the record when it changes.
 */
import type { WireRecord, WireValue } from '../contracts.js';
import { evaluateLogic, parseConditionLogic, renderLogic } from '../flows/filter-logic.js';
import { normalizeId } from '../ids.js';
import { compilePredicate, type CompiledPredicate } from './predicates.js';
import type { SqlValue } from '../store/column-codec.js';
import { quoteIdent } from '../store/sql-identifiers.js';
import type { FieldDef, SharingCriteriaDef, SharingCriterionDef, SObjectDef } from '../metadata/types.js';

export interface CompiledSharingCriteria {
  /** A two-valued SQL condition over the object's own (unqualified) columns. */
  sql: { text: string; params: SqlValue[] };
  test(record: WireRecord): boolean;
}

const compiled = new WeakMap<SharingCriteriaDef, CompiledSharingCriteria>();

/** Compiles (once per rule) the criteria of a rule on `object`; the loader has checked every field and operation. */
export function compileSharingCriteria(object: SObjectDef, criteria: SharingCriteriaDef): CompiledSharingCriteria {
  const cached = compiled.get(criteria);
  if (cached) return cached;
  const items = criteria.items.map((item) => compileCriterion(object, item));
  const logic = parseConditionLogic(criteria.booleanFilter, items.length);
  const params: SqlValue[] = [];
  // renderLogic visits the items in the order they appear in the text, so parameters line up.
  const text = renderLogic(logic, (index) => {
    const sql = items[index]?.sql ?? { text: '0', params: [] };
    params.push(...sql.params);
    return sql.text;
  });
  const result: CompiledSharingCriteria = {
    sql: { text, params },
    test: (record) => evaluateLogic(logic, (index) => items[index]?.test(record) ?? false),
  };
  compiled.set(criteria, result);
  return result;
}

interface CompiledCriterion {
  sql: { text: string; params: SqlValue[] };
  test(record: WireRecord): boolean;
}

function compileCriterion(object: SObjectDef, item: SharingCriterionDef): CompiledCriterion {
  const field = object.fields.get(item.field.toLowerCase());
  if (!field) return { sql: { text: '0', params: [] }, test: () => false };
  const column = quoteIdent(field.name);
  const read = (record: WireRecord): WireValue => (record[field.name] ?? null) as WireValue;
  if (field.type === 'multipicklist') return multiSelectCriterion(column, item, read);
  const values = item.values.map((raw) => literalValue(field, raw));
  const single = (operator: string, value: WireValue) => compilePredicate(field, column, operator, { kind: 'value', value });
  switch (item.operation) {
    case 'equals':
      return fromPredicate(compilePredicate(field, column, 'IN', { kind: 'list', values }), read);
    case 'notEqual':
      // "not equal to a, b" matches records that are neither (Salesforce's list filters read it so).
      return fromPredicate(compilePredicate(field, column, 'NOT IN', { kind: 'list', values }), read);
    case 'lessThan':
      return anyOf(values.map((v) => single('<', v)), read);
    case 'greaterThan':
      return anyOf(values.map((v) => single('>', v)), read);
    case 'lessOrEqual':
      return anyOf(values.map((v) => single('<=', v)), read);
    case 'greaterOrEqual':
      return anyOf(values.map((v) => single('>=', v)), read);
    case 'contains':
      return anyOf(item.values.map((v) => single('LIKE', `%${escapeLike(v)}%`)), read);
    case 'startsWith':
      return anyOf(item.values.map((v) => single('LIKE', `${escapeLike(v)}%`)), read);
    case 'notContain':
      // A blank value contains nothing, so "does not contain" matches it.
      return negate(anyOf(item.values.map((v) => single('LIKE', `%${escapeLike(v)}%`)), read));
    default:
      return { sql: { text: '0', params: [] }, test: () => false };
  }
}

/** A metadata value typed for the field, as a SOQL literal would be (blank -> null). */
function literalValue(field: FieldDef, raw: string): WireValue {
  if (raw === '') return null;
  switch (field.type) {
    case 'boolean':
      return raw.toLowerCase() === 'true';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return Number(raw);
    case 'date':
      return raw.slice(0, 10);
    case 'id':
    case 'reference':
      // A 15-character id in metadata matches the 18-character id the store holds.
      return normalizeId(raw) ?? raw;
    default:
      return raw;
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function fromPredicate(predicate: CompiledPredicate, read: (record: WireRecord) => WireValue): CompiledCriterion {
  return { sql: predicate.sql ?? { text: '0', params: [] }, test: (record) => predicate.test(read(record)) };
}

function anyOf(predicates: CompiledPredicate[], read: (record: WireRecord) => WireValue): CompiledCriterion {
  if (predicates.length === 0) return { sql: { text: '0', params: [] }, test: () => false };
  const sqls = predicates.map((p) => p.sql ?? { text: '0', params: [] });
  return {
    sql: { text: `(${sqls.map((s) => s.text).join(' OR ')})`, params: sqls.flatMap((s) => s.params) },
    test: (record) => {
      const value = read(record);
      return predicates.some((p) => p.test(value));
    },
  };
}

function negate(criterion: CompiledCriterion): CompiledCriterion {
  return { sql: { text: `NOT ${criterion.sql.text}`, params: criterion.sql.params }, test: (record) => !criterion.test(record) };
}

/**
 * Multi-select picklists are stored as `a;b;c` (column-codec). `includes a, b` matches a record holding a
 * or b; `equals` compares the whole selection (values in any order); negations match blanks too.
 * The SOQL predicates have no SQL form for these, so it is written here: the column is wrapped in `;` so
 * that `;a;` finds a whole value only. [UNVERIFIED] how Salesforce reads `equals a, b` on a multi-select in a
 * sharing rule; the emulator takes it as "exactly a, or exactly b", the comma being an OR as elsewhere.
 */
function multiSelectCriterion(column: string, item: SharingCriterionDef, read: (record: WireRecord) => WireValue): CompiledCriterion {
  const wanted = item.values.map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  const selected = (record: WireRecord): Set<string> => {
    const value = read(record);
    return new Set(typeof value === 'string' ? value.split(';').map((v) => v.trim().toLowerCase()).filter((v) => v !== '') : []);
  };
  const wrapped = `(';' || lower(${column}) || ';')`;
  const holds = wanted.map((v) => ({ text: `${wrapped} LIKE ? ESCAPE '\\'`, param: `%;${escapeLike(v)};%` }));
  const holdsAny: CompiledCriterion = {
    sql: holds.length === 0 ? { text: '0', params: [] } : {
      text: `(${column} IS NOT NULL AND (${holds.map((h) => h.text).join(' OR ')}))`,
      params: holds.map((h) => h.param),
    },
    test: (record) => {
      const values = selected(record);
      return wanted.some((v) => values.has(v));
    },
  };
  // `equals a, b` is "exactly one of these values selected": one value held and nothing else.
  const exactlyOne: CompiledCriterion = {
    sql: wanted.length === 0 ? { text: `${column} IS NULL`, params: [] } : {
      text: `(lower(${column}) IN (${wanted.map(() => '?').join(', ')}) AND ${column} IS NOT NULL)`,
      params: wanted,
    },
    test: (record) => {
      const values = selected(record);
      return wanted.length === 0 ? values.size === 0 : values.size === 1 && wanted.some((v) => values.has(v));
    },
  };
  switch (item.operation) {
    case 'includes':
      return holdsAny;
    case 'excludes':
      return negate(holdsAny);
    case 'equals':
      return exactlyOne;
    case 'notEqual':
      return negate(exactlyOne);
    default:
      return { sql: { text: '0', params: [] }, test: () => false };
  }
}
