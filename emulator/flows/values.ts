/**
 * Flow values in memory: wire scalars (dates as ISO strings), sObject records (plain objects keyed by
 * field name, relationship fields nested) and collections (arrays). Field names are case-insensitive in
 * Salesforce, so record access goes through `getField`/`setField`.
 */
import type { WireValue } from '../contracts.js';
import { SalesforceError } from '../contracts.js';
import { child, text, type XmlNode } from './flow-xml.js';

export type FlowRecord = Record<string, unknown>;
export type FlowValue = WireValue | FlowRecord | FlowValue[] | undefined;

export function isRecord(value: unknown): value is FlowRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key actually used in `record` for `field` (case-insensitive), if any. */
export function fieldKey(record: FlowRecord, field: string): string | undefined {
  if (field in record) return field;
  const lower = field.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === lower);
}

export function hasField(record: FlowRecord, field: string): boolean {
  return fieldKey(record, field) !== undefined;
}

export function getField(record: FlowRecord, field: string): FlowValue {
  const key = fieldKey(record, field);
  return key === undefined ? undefined : (record[key] as FlowValue);
}

export function setField(record: FlowRecord, field: string, value: FlowValue): void {
  record[fieldKey(record, field) ?? field] = value;
}

/** A typed literal from a `<value>` element (elementReference and formulaExpression are resolved by the interview). */
export function literalValue(value: XmlNode): { found: boolean; value: FlowValue } {
  const stringValue = text(value, 'stringValue');
  if (stringValue !== undefined) return { found: true, value: stringValue === '' ? null : stringValue };
  const numberValue = text(value, 'numberValue');
  if (numberValue !== undefined) return { found: true, value: numberValue.trim() === '' ? null : Number(numberValue) };
  const booleanValue = text(value, 'booleanValue');
  if (booleanValue !== undefined) return { found: true, value: booleanValue.trim() === '' ? null : booleanValue.trim().toLowerCase() === 'true' };
  const dateValue = text(value, 'dateValue');
  if (dateValue !== undefined) return { found: true, value: dateValue === '' ? null : dateValue.slice(0, 10) };
  const dateTimeValue = text(value, 'dateTimeValue');
  if (dateTimeValue !== undefined) return { found: true, value: dateTimeValue === '' ? null : new Date(dateTimeValue).toISOString() };
  return { found: false, value: undefined };
}

/** The `<value>` child of an element (`value` or `rightValue`). */
export function valueNode(node: XmlNode, key = 'value'): XmlNode | undefined {
  return child(node, key);
}

export function isBlank(value: FlowValue): boolean {
  if (value === null || value === undefined || value === '') return true;
  return Array.isArray(value) && value.length === 0;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function looksLikeDate(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATE.test(value);
}

export function looksLikeDateTime(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATETIME.test(value);
}

/** Normalises two scalars to a comparable pair (numbers with numbers, dates as instants). */
function comparable(left: FlowValue, right: FlowValue): [string | number | boolean, string | number | boolean] | undefined {
  if (left === null || left === undefined || right === null || right === undefined) return undefined;
  if (isRecord(left) || isRecord(right) || Array.isArray(left) || Array.isArray(right)) return undefined;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = Number(left);
    const b = Number(right);
    return Number.isNaN(a) || Number.isNaN(b) ? [String(left), String(right)] : [a, b];
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    return [String(left).toLowerCase() === 'true', String(right).toLowerCase() === 'true'];
  }
  if (looksLikeDateTime(left) && looksLikeDateTime(right)) return [Date.parse(left), Date.parse(right)];
  // A date compared with a datetime compares on the date part.
  if ((looksLikeDate(left) && looksLikeDateTime(right)) || (looksLikeDateTime(left) && looksLikeDate(right))) {
    return [left.slice(0, 10), right.slice(0, 10)];
  }
  return [left, right];
}

/** Equality as a flow decision sees it: text is compared case-sensitively (Salesforce Help, "Flow Operators in Conditions"). */
export function flowEquals(left: FlowValue, right: FlowValue): boolean {
  // Flows store an empty Text value as null, so blank and null are the same value.
  const leftBlank = left === null || left === undefined || left === '';
  const rightBlank = right === null || right === undefined || right === '';
  if (leftBlank || rightBlank) return leftBlank && rightBlank;
  if (isRecord(left) || isRecord(right)) {
    const leftId = isRecord(left) ? getField(left, 'Id') : left;
    const rightId = isRecord(right) ? getField(right, 'Id') : right;
    return leftId !== undefined && leftId !== null && leftId === rightId;
  }
  if (Array.isArray(left) || Array.isArray(right)) return false;
  const pair = comparable(left, right);
  if (!pair) return false;
  // Ids compare 15 against 18 characters.
  if (typeof pair[0] === 'string' && typeof pair[1] === 'string' && isIdPair(pair[0], pair[1])) {
    return pair[0].slice(0, 15) === pair[1].slice(0, 15);
  }
  return pair[0] === pair[1];
}

function isIdPair(a: string, b: string): boolean {
  const id = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
  return a.length !== b.length && id.test(a) && id.test(b);
}

/** Evaluates one condition operator (IsChanged is resolved by the caller, which knows the prior record). */
export function evaluateOperator(operator: string, left: FlowValue, right: FlowValue): boolean {
  switch (operator) {
    case 'EqualTo': return flowEquals(left, right);
    case 'NotEqualTo': return !flowEquals(left, right);
    case 'GreaterThan':
    case 'LessThan':
    case 'GreaterThanOrEqualTo':
    case 'LessThanOrEqualTo': {
      const pair = comparable(left, right);
      if (!pair) return false;
      const [a, b] = pair;
      if (operator === 'GreaterThan') return a > b;
      if (operator === 'LessThan') return a < b;
      if (operator === 'GreaterThanOrEqualTo') return a >= b;
      return a <= b;
    }
    case 'Contains':
      if (Array.isArray(left)) return left.some((item) => flowEquals(item, right));
      // Contains is case-sensitive in flow conditions (Salesforce Help, "Flow Operators in Conditions").
      return typeof left === 'string' && right !== null && right !== undefined && left.includes(String(right));
    case 'StartsWith':
      return typeof left === 'string' && right !== null && right !== undefined && left.startsWith(String(right));
    case 'EndsWith':
      return typeof left === 'string' && right !== null && right !== undefined && left.endsWith(String(right));
    case 'IsNull':
      return (left === null || left === undefined) === truthy(right);
    case 'IsBlank':
      return isBlank(left) === truthy(right);
    case 'IsEmpty':
      return (Array.isArray(left) ? left.length === 0 : isBlank(left)) === truthy(right);
    case 'In':
      return Array.isArray(right) && right.some((item) => flowEquals(left, item));
    case 'NotIn':
      return !(Array.isArray(right) && right.some((item) => flowEquals(left, item)));
    default:
      throw new SalesforceError('INVALID_OPERATION', `The flow condition operator ${operator} is not supported.`);
  }
}

export function truthy(value: FlowValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  if (typeof value === 'number') return value !== 0;
  return false;
}

/** Coerces a value to a variable's declared data type (flow variables are typed; assignments convert). */
export function coerceToDataType(value: FlowValue, dataType: string | undefined): FlowValue {
  if (value === null || value === undefined || Array.isArray(value) || isRecord(value)) return value ?? null;
  switch (dataType) {
    case 'Number':
    case 'Currency': {
      if (value === '') return null;
      const number = Number(value);
      return Number.isNaN(number) ? value : number;
    }
    case 'Boolean': return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
      return typeof value === 'string' ? value : String(value);
    case 'Date': return typeof value === 'string' && looksLikeDateTime(value) ? value.slice(0, 10) : value;
    case 'DateTime': return looksLikeDate(value) ? `${value}T00:00:00.000Z` : value;
    default: return value;
  }
}

/** A copy of a record without nested relationship objects (what DML may send). */
export function dmlFields(record: FlowRecord, options: { withoutId: boolean }): FlowRecord {
  const out: FlowRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' || isRecord(value) || Array.isArray(value)) continue;
    if (options.withoutId && key.toLowerCase() === 'id') continue;
    out[key] = value;
  }
  return out;
}
