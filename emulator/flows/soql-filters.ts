/**
 * Get/Update/Delete Records filters rendered as SOQL, so that record matching happens in the org's own
 * query engine (case-insensitive text, picklists, dates) exactly as a real flow's generated query would.
 */
import { SalesforceError } from '../contracts.js';
import { parseConditionLogic, renderLogic } from './filter-logic.js';
import { getField, isRecord, looksLikeDate, looksLikeDateTime, type FlowValue } from './values.js';

export interface ResolvedFilter {
  field: string;
  operator: string;
  value: FlowValue;
}

/** Quotes a value as a SOQL literal. */
export function soqlLiteral(value: FlowValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) return soqlLiteral(getField(value, 'Id'));
  if (Array.isArray(value)) return `(${value.map(soqlLiteral).join(', ')})`;
  // Date and datetime literals are unquoted in SOQL. Flow values carry no type tag, so an ISO-shaped
  // string is taken as a date; a text field holding a bare ISO date is the rare case this gets wrong.
  if (looksLikeDate(value)) return value;
  if (looksLikeDateTime(value)) return new Date(value).toISOString().replace('.000Z', 'Z');
  return `'${escapeSoql(value)}'`;
}

function escapeSoql(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function escapeLike(value: string): string {
  return escapeSoql(value).replace(/%/g, '\\%').replace(/_/g, '\\_');
}

export function renderFilterClause(filter: ResolvedFilter): string {
  const { field, operator, value } = filter;
  switch (operator) {
    case 'EqualTo': return `${field} = ${soqlLiteral(value)}`;
    case 'NotEqualTo': return `${field} != ${soqlLiteral(value)}`;
    case 'GreaterThan': return `${field} > ${soqlLiteral(value)}`;
    case 'LessThan': return `${field} < ${soqlLiteral(value)}`;
    case 'GreaterThanOrEqualTo': return `${field} >= ${soqlLiteral(value)}`;
    case 'LessThanOrEqualTo': return `${field} <= ${soqlLiteral(value)}`;
    case 'Contains': return `${field} LIKE '%${escapeLike(String(value ?? ''))}%'`;
    case 'StartsWith': return `${field} LIKE '${escapeLike(String(value ?? ''))}%'`;
    case 'EndsWith': return `${field} LIKE '%${escapeLike(String(value ?? ''))}'`;
    case 'IsNull': return value === true || value === 'true' ? `${field} = null` : `${field} != null`;
    case 'In':
    case 'NotIn': {
      const items = (Array.isArray(value) ? value : [value]).filter((item) => item !== null && item !== undefined);
      // An empty IN list is a SOQL syntax error; a real flow's In with an empty collection matches nothing.
      if (items.length === 0) return operator === 'In' ? 'Id = null' : 'Id != null';
      return `${field} ${operator === 'In' ? 'IN' : 'NOT IN'} ${soqlLiteral(items)}`;
    }
    default:
      throw new SalesforceError('INVALID_OPERATION', `The record filter operator ${operator} is not supported.`);
  }
}

/** `WHERE` body for filters combined by `filterLogic` (empty string when there are no filters). */
export function renderWhere(filters: ResolvedFilter[], filterLogic: string | undefined): string {
  if (filters.length === 0) return '';
  const logic = parseConditionLogic(filterLogic, filters.length);
  return renderLogic(logic, (index) => {
    const filter = filters[index];
    if (!filter) throw new SalesforceError('INVALID_FIELD', `Filter ${index + 1} does not exist.`);
    return renderFilterClause(filter);
  });
}
