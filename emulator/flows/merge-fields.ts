/**
 * Flow merge fields (`{!resource}`) in text templates and formula resources.
 *
 * Formulas: `{!$Record.X}` becomes the field reference `X` on the start object, so the formula engine
 * type-checks and reads it like a formula field (and ISCHANGED/ISPICKVAL work on it). Every other
 * resource (variables, Get Records output, `$Record__Prior`) is substituted as a typed literal, because
 * the formula engine's compile context only knows the object's fields, not the flow's resources.
 */
import { SalesforceError } from '../contracts.js';
import { isRecord, looksLikeDate, looksLikeDateTime, type FlowValue } from './values.js';

const MERGE_FIELD = /\{!\s*([^}]+?)\s*\}/g;

/** Globals the formula engine resolves itself (through its runtime context). */
const FORMULA_GLOBALS = /^\$(User|Profile|Organization|Permission|Setup|Label|Api|System|UserRole|CustomMetadata)\./i;

/** Replaces every merge field in a text template with the resource's text value (blank for null). */
export function renderMergeFields(template: string, resolve: (reference: string) => FlowValue): string {
  return template.replace(MERGE_FIELD, (_match, reference: string) => textOf(resolve(reference)));
}

function textOf(value: FlowValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(textOf).join('; ');
  if (isRecord(value)) return String(value['Id'] ?? '');
  return String(value);
}

/** The distinct references merged into `source`. */
export function mergeFieldReferences(source: string): string[] {
  return [...new Set([...source.matchAll(MERGE_FIELD)].map((match) => (match[1] ?? '').trim()))];
}

/**
 * Turns a flow formula into formula-engine source. `resolve` supplies values of non-`$Record` resources.
 * Example: `IF({!$Record.Amount} > {!Threshold}, "Big", "Small")` -> `IF(Amount > 5000, "Big", "Small")`.
 */
export function translateFlowFormula(source: string, resolve: (reference: string) => FlowValue): string {
  return source.replace(MERGE_FIELD, (_match, raw: string) => {
    const reference = raw.trim();
    const lower = reference.toLowerCase();
    if (lower.startsWith('$record.')) return reference.slice('$Record.'.length);
    if (lower === '$flow.currentdate') return 'TODAY()';
    if (lower === '$flow.currentdatetime') return 'NOW()';
    if (lower === '$globalconstant.true') return 'TRUE';
    if (lower === '$globalconstant.false') return 'FALSE';
    if (lower === '$globalconstant.emptystring') return '""';
    if (FORMULA_GLOBALS.test(reference)) return reference;
    return formulaLiteral(resolve(reference), reference);
  });
}

/** A value written as formula source. */
export function formulaLiteral(value: FlowValue, reference: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    if (looksLikeDate(value)) {
      const [year, month, day] = value.split('-').map(Number);
      return `DATE(${year}, ${month}, ${day})`;
    }
    if (looksLikeDateTime(value)) {
      return `DATETIMEVALUE("${new Date(value).toISOString().slice(0, 19).replace('T', ' ')}")`;
    }
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  throw new SalesforceError('INVALID_TYPE', `The formula references {!${reference}}, which is a record or collection, not a value.`);
}
