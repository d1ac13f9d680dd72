/**
 * Workflow rule criteria items evaluated against a record, with the semantics of Salesforce's filter
 * criteria (workflow rules, approval processes and list views share them):
 *
 * - text compares case-insensitively; a comma-separated value is a list ("equals a,b" means a or b, and
 *   "not equal to a,b" means neither); a blank value tests for blank;
 * - numbers, dates and date-times compare by value; dates may be TODAY, YESTERDAY or TOMORROW;
 * - a lookup is compared by the name of the record it points to (`User.ProfileId equals System
 *   Administrator`, a record type by its label), or by id when the value is an id;
 * - multi-select picklists: `includes a;b` holds when both a and b are selected, `equals` when exactly them.
 *
 * [UNVERIFIED] that an order comparison (`lessThan`...) on a blank field is false, as SOQL treats null.
 */
import type { FormulaRuntimeContext, WireValue } from '../contracts.js';
import type { WorkflowCriterionDef } from '../metadata/types.js';

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function criterionHolds(criterion: WorkflowCriterionDef, ctx: FormulaRuntimeContext): boolean {
  const { operation } = criterion;
  const byName = criterion.namePath !== undefined && criterion.values.some((v) => v !== '' && !ID.test(v));
  const actual = normalize(ctx.get(byName ? criterion.namePath! : criterion.path), criterion.type, byName);
  const wanted = criterion.valuePath
    ? [normalize(ctx.get(criterion.valuePath), criterion.type, false)]
    : criterion.values.map((v) => literal(v, criterion.type, ctx));

  if (criterion.type === 'multipicklist') return multiHolds(operation, actual, wanted);
  switch (operation) {
    case 'equals': return wanted.some((w) => same(actual, w));
    case 'notEqual': return !wanted.some((w) => same(actual, w));
    case 'contains': return actual !== null && wanted.some((w) => w !== null && String(actual).includes(String(w)));
    case 'notContain': return actual === null || !wanted.some((w) => w !== null && String(actual).includes(String(w)));
    case 'startsWith': return actual !== null && wanted.some((w) => w !== null && String(actual).startsWith(String(w)));
    case 'lessThan':
    case 'greaterThan':
    case 'lessOrEqual':
    case 'greaterOrEqual': {
      const w = wanted[0];
      if (actual === null || w === null || w === undefined) return false;
      if (operation === 'lessThan') return actual < w;
      if (operation === 'greaterThan') return actual > w;
      if (operation === 'lessOrEqual') return actual <= w;
      return actual >= w;
    }
    default:
      return false;
  }
}

type Comparable = string | number | null;

function same(a: Comparable, b: Comparable): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' && typeof b === 'string' && ID.test(a) && ID.test(b)) return a.slice(0, 15) === b.slice(0, 15);
  return a === b;
}

/** A record value made comparable: text lower-cased, blank as null, date-times as instants. */
function normalize(value: WireValue | undefined, type: WorkflowCriterionDef['type'], byName: boolean): Comparable {
  if (value === undefined || value === null || value === '') return null;
  if (byName) return String(value).toLowerCase();
  switch (type) {
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return Number(value);
    case 'boolean':
      return value === true || String(value).toLowerCase() === 'true' ? 'true' : 'false';
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime':
      return Date.parse(String(value).replace(/\+0000$/, 'Z'));
    case 'reference':
    case 'id':
      return String(value);
    default:
      return String(value).toLowerCase();
  }
}

/** A criteria value made comparable with `normalize`d record values. */
function literal(value: string, type: WorkflowCriterionDef['type'], ctx: FormulaRuntimeContext): Comparable {
  if (value === '') return null;
  switch (type) {
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return Number(value);
    case 'boolean':
      return value.toLowerCase() === 'true' ? 'true' : 'false';
    case 'date':
      return dateValue(value, ctx);
    case 'datetime': {
      const day = dateValue(value, ctx);
      return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : value);
    }
    case 'reference':
    case 'id':
      return ID.test(value) ? value : value.toLowerCase();
    default:
      return value.toLowerCase();
  }
}

function dateValue(value: string, ctx: FormulaRuntimeContext): string {
  const offset = { TODAY: 0, YESTERDAY: -1, TOMORROW: 1 }[value.toUpperCase()];
  if (offset === undefined) return value.slice(0, 10);
  const day = new Date(ctx.now().getTime() + offset * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function multiHolds(operation: WorkflowCriterionDef['operation'], actual: Comparable, wanted: Comparable[]): boolean {
  const selected = new Set(actual === null ? [] : String(actual).split(';').map((v) => v.trim()));
  const sets = wanted.map((w) => (w === null ? [] : String(w).split(';').map((v) => v.trim())));
  const includes = (values: string[]): boolean => values.length > 0 && values.every((v) => selected.has(v));
  const equals = (values: string[]): boolean => values.length === selected.size && values.every((v) => selected.has(v));
  switch (operation) {
    case 'includes': return sets.some(includes);
    case 'excludes': return !sets.some(includes);
    case 'equals': return sets.some(equals);
    case 'notEqual': return !sets.some(equals);
    default: return false;
  }
}
