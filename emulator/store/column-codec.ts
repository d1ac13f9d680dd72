/**
 * How one Salesforce field lives in a SQLite column: its column type and the conversion between the
 * wire format (what REST returns) and a SQLite-friendly value.
 *
 * Text-like fields use `COLLATE NOCASE` because SOQL compares strings case-insensitively
 * (`WHERE Name = 'acme'` matches `Acme`); ids and references stay binary because ids are
 * case-sensitive (reference §9).
 */
import type { FieldDef, FieldType, SObjectDef } from '../metadata/types.js';
import type { WireValue } from '../contracts.js';

export type SqlValue = string | number | bigint | null;

/** Field types whose value is a piece of text that SOQL compares without regard to case. */
const CASE_INSENSITIVE_TEXT: ReadonlySet<FieldType> = new Set<FieldType>([
  'string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url', 'combobox', 'encryptedstring',
]);

/**
 * Compound fields (`BillingAddress`, `Location__c`) are views over their component fields
 * (`BillingStreet`, ...), and formula fields are computed on read by the service: neither is stored.
 * Roll-up summaries ARE stored (the service recomputes them on child saves).
 */
export function isStoredField(field: FieldDef): boolean {
  if (field.type === 'address' || field.type === 'location') return false;
  return field.formula === undefined;
}

export function storedFields(object: SObjectDef): FieldDef[] {
  return [...object.fields.values()].filter(isStoredField);
}

export function isCaseInsensitiveText(field: FieldDef): boolean {
  return CASE_INSENSITIVE_TEXT.has(field.type) && !field.caseSensitive;
}

export function columnDeclaration(field: FieldDef): string {
  switch (field.type) {
    case 'boolean':
      // NOT NULL DEFAULT 0 also fills the column for existing rows when a newer schema adds it.
      return 'INTEGER NOT NULL DEFAULT 0';
    case 'int':
      return 'INTEGER';
    case 'double':
    case 'currency':
    case 'percent':
      return 'REAL';
    default:
      return isCaseInsensitiveText(field) ? 'TEXT COLLATE NOCASE' : 'TEXT';
  }
}

/** `2024-05-01T12:34:56.000+0000`: the datetime format of every Salesforce REST response. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Parses any ISO-8601 datetime Salesforce accepts (`Z`, `+0000`, `+02:00`, no millis). */
export function parseDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!match) return null;
  const [, day, time, zone] = match;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = new Date(`${day}T${time ?? '00:00:00'}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * The last text converted by `canonicalDateTime`, and its answer. A save stamps CreatedDate,
 * LastModifiedDate and SystemModstamp with one instant, and a bulk chunk shares it too, so most calls
 * repeat the previous one: this spares a regex, a Date and a format per value.
 */
let lastDateTimeText: string | undefined;
let lastDateTimeAnswer: string | null = null;

/** The canonical stored (and wire) form of a datetime, or null when the value is not a datetime. */
export function canonicalDateTime(value: unknown): string | null {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'number') return formatDateTime(new Date(value));
  if (typeof value !== 'string') return null;
  if (value === lastDateTimeText) return lastDateTimeAnswer;
  const parsed = parseDateTime(value);
  lastDateTimeText = value;
  lastDateTimeAnswer = parsed ? formatDateTime(parsed) : null;
  return lastDateTimeAnswer;
}

function canonicalDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match?.[1] ?? null;
}

/**
 * Wire value -> column value. Salesforce stores an empty string as null for text fields, so `''`
 * becomes NULL here and reads back as `null`, like a real org.
 */
export function encodeValue(field: FieldDef, value: unknown): SqlValue {
  // A checkbox is never null in Salesforce: unset is false.
  if (field.type === 'boolean') return value === true || value === 1 || value === 'true' || value === '1' ? 1 : 0;
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'int': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? Math.trunc(n) : null;
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'date':
      return canonicalDate(value);
    case 'datetime':
      return canonicalDateTime(value);
    case 'multipicklist':
      return Array.isArray(value) ? value.map(String).join(';') : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  }
}

/** Column value -> wire value. */
export function decodeValue(field: FieldDef, raw: unknown): WireValue {
  // A checkbox is never null in Salesforce: an unset one reads as false.
  if (field.type === 'boolean') return raw === 1 || raw === 1n || raw === true;
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return typeof raw === 'bigint' ? Number(raw) : (raw as number);
    default:
      return raw as string;
  }
}
