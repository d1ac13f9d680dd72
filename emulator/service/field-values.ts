/**
 * Turns a value from a request body into the field's wire value, or fails the way the REST API does.
 * JSON bodies are deserialised against the field type first, so a value of the wrong type is a
 * `JSON_PARSER_ERROR` (reference §8), a bad id is `MALFORMED_ID`, a bad email `INVALID_EMAIL_ADDRESS`.
 */
import { SalesforceError, type WireValue } from '../contracts.js';
import { normalizeId } from '../ids.js';
import type { FieldDef, FieldType } from '../metadata/types.js';

/** The type names Salesforce's JSON deserialiser uses in its messages. */
const JSON_TYPE_NAMES: Partial<Record<FieldType, string>> = {
  boolean: 'boolean', int: 'int', double: 'double', currency: 'currency', percent: 'double',
  date: 'date', datetime: 'datetime', time: 'time',
};

function parserError(field: FieldDef, value: unknown): SalesforceError {
  const token = typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER_INT'
    : typeof value === 'boolean' ? `VALUE_${String(value).toUpperCase()}` : Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT';
  const typeName = JSON_TYPE_NAMES[field.type] ?? 'String';
  // The real message ends with `at [line:1, column:N]`; the service never sees the raw JSON text, so
  // it leaves the position out. `fields` names the field so that the Lightning UI can place the error.
  return new SalesforceError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${typeName} from ${token} value ${String(value)} or request may be missing a required field`,
    [field.name],
  );
}

/** `2024-05-01T12:34:56.000+0000`. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function parseDateTime(text: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return null;
  const [, day, time, zone] = match;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${day}T${time ?? '00:00:00'}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function isValidDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Coerces one body value for `field`; `null` and `''` clear the field (checkboxes become false). */
export function coerceFieldValue(field: FieldDef, value: unknown): WireValue {
  if (value === undefined || value === null || (value === '' && field.type !== 'string' && field.type !== 'textarea')) {
    return field.type === 'boolean' ? false : null;
  }
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw parserError(field, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw parserError(field, value);
      if (field.type === 'int' && !Number.isInteger(n)) throw parserError(field, value);
      return checkNumberRange(field, n);
    }
    case 'date': {
      if (typeof value !== 'string') throw parserError(field, value);
      const day = value.trim().slice(0, 10);
      if (!isValidDate(day) || (value.trim().length > 10 && !parseDateTime(value))) throw parserError(field, value);
      return day;
    }
    case 'datetime': {
      if (typeof value !== 'string') throw parserError(field, value);
      const date = parseDateTime(value);
      if (!date) throw parserError(field, value);
      return formatDateTime(date);
    }
    case 'time': {
      if (typeof value !== 'string') throw parserError(field, value);
      const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?Z?$/.exec(value.trim());
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) throw parserError(field, value);
      return `${match[1]}:${match[2]}:${match[3] ?? '00'}.${(match[4] ?? '0').padEnd(3, '0')}Z`;
    }
    case 'id':
    case 'reference': {
      const id = typeof value === 'string' ? normalizeId(value) : null;
      if (!id) throw new SalesforceError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [field.name]);
      return id;
    }
    case 'email': {
      if (typeof value !== 'string') throw parserError(field, value);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        throw new SalesforceError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [field.name]);
      }
      return value;
    }
    case 'multipicklist': {
      if (typeof value !== 'string') throw parserError(field, value);
      // Salesforce stores the selected values ;-separated, without blanks or duplicates.
      return [...new Set(value.split(';').map((v) => v.trim()).filter((v) => v !== ''))].join(';') || null;
    }
    case 'address':
    case 'location':
    case 'anyType':
      return typeof value === 'object' ? JSON.stringify(value) : (value as WireValue);
    default:
      if (typeof value === 'object') throw parserError(field, value);
      return String(value);
  }
}

/**
 * Numbers must fit the field's precision (digits left of the point = precision - scale) and are rounded
 * to its scale, as Salesforce stores them. Fields without a precision (some standard ones) keep the value.
 */
function checkNumberRange(field: FieldDef, n: number): number {
  if (field.type === 'int' || field.precision <= 0) return n;
  const integerDigits = field.precision - field.scale;
  if (Math.abs(Math.trunc(n)) >= 10 ** integerDigits) {
    throw new SalesforceError('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${n}`, [field.name]);
  }
  const factor = 10 ** Math.max(field.scale, 0);
  return Math.round(n * factor) / factor;
}

/** Types whose value length counts against `length` (STRING_TOO_LONG). */
export const LENGTH_CHECKED: ReadonlySet<FieldType> = new Set<FieldType>([
  'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring',
]);
