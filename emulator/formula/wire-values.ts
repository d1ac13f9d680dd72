/**
 * Conversions between wire values (what the store and the API hold) and the values the evaluator
 * computes with. Inside a formula a date is the UTC epoch millisecond of its midnight, a datetime is
 * an epoch millisecond and a time is the millisecond of its day, so that date arithmetic is plain
 * arithmetic.
 */
import type { WireValue } from '../contracts.js';
import type { FormulaType } from './formula-types.js';

/** A value inside the evaluator: text, number, boolean, or a date/datetime/time as milliseconds. */
export type FormulaValue = string | number | boolean | null;

export const MS_PER_DAY = 86_400_000;

/**
 * Salesforce computes with decimals, JavaScript with binary doubles: `0.1 + 0.2` must equal `0.3` in a
 * formula. Rounding every arithmetic result to 15 significant digits removes the binary noise.
 */
export function normaliseNumber(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/;

/** `YYYY-MM-DD` (or the date part of a datetime string) -> UTC midnight in ms; null when malformed. */
export function parseWireDate(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  return utcDate(Number(year), Number(month), Number(day));
}

/** UTC midnight of a calendar day, or null when the day does not exist (Feb 30). */
export function utcDate(year: number, month: number, day: number): number | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  check.setUTCFullYear(year);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return check.getTime();
}

/**
 * ISO datetimes as the API sends them: `2024-05-01T12:34:56.000+0000`, `...Z`, `...+02:00`; also the
 * `2024-05-01 12:34:56` form that DATETIMEVALUE accepts (GMT).
 */
export function parseWireDateTime(text: string): number | null {
  let iso = text.trim().replace(' ', 'T');
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** `HH:mm:ss.SSSZ` (the API's time format), `HH:mm:ss` or `HH:mm` -> ms of the day. */
export function parseWireTime(text: string): number | null {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, h, m, s, ms] = match;
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = Number(s ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Number((ms ?? '0').padEnd(3, '0'));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The API's datetime form, always in GMT: `2024-05-01T12:34:56.000+0000`. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** The API's time form: `12:34:56.000Z`. */
export function formatTime(msOfDay: number): string {
  const ms = ((msOfDay % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}Z`;
}

/**
 * Reads a wire value as a formula type. Blank text stays `''` only when it is text: Salesforce treats
 * an empty text field as blank, and the evaluator represents every blank as null. Values the type
 * cannot hold (a malformed date) read as null rather than throwing, as a real org would never store
 * them in the first place.
 */
export function fromWire(value: WireValue | undefined, type: FormulaType): FormulaValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'text': case 'picklist': case 'multipicklist':
      return value === '' ? null : String(value);
    case 'number': {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return null;
    }
    case 'boolean':
      return value === true || value === 'true';
    case 'date':
      return typeof value === 'string' ? parseWireDate(value) : null;
    case 'datetime':
      return typeof value === 'string' ? parseWireDateTime(value) : null;
    case 'time':
      return typeof value === 'string' ? parseWireTime(value) : null;
    // A location travels inside the evaluator as `lat,lon` (geolocation.ts); it never reaches the wire.
    case 'location':
      return typeof value === 'string' ? value : null;
    case 'null':
      return null;
  }
}

/** Writes an evaluator value back in wire format. */
export function toWire(value: FormulaValue, type: FormulaType): WireValue {
  if (value === null) return null;
  switch (type) {
    case 'number': return typeof value === 'number' ? normaliseNumber(value) : null;
    case 'date': return typeof value === 'number' ? formatDate(value) : null;
    case 'datetime': return typeof value === 'number' ? formatDateTime(value) : null;
    case 'time': return typeof value === 'number' ? formatTime(value) : null;
    default: return value;
  }
}
