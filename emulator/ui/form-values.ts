/**
 * What the browser submits (the text a person typed, in their locale) -> wire values for the org
 * service. Lightning parses input on the client; the emulator does it here so that every page shares
 * one parser and the client script stays free of locale logic.
 *
 * Datetime inputs arrive as two parts, `Field.date` and `Field.time`, like `lightning-datetimepicker`'s
 * separate Date and Time inputs.
 */
import type { WireRecord } from '../contracts.js';
import type { FieldInfo } from './object-info.js';
import { toWireDateTime, zonedWallClockToUtc, type Viewer } from './formatting.js';

export type SubmittedValue = string | string[] | boolean | null;

export interface ParsedForm {
  values: WireRecord;
  /** Field API name -> message shown under that input. */
  fieldErrors: Record<string, string>;
}

// lightning-input's messageWhenBadInput texts (protocol reference §10.5; exact wording UNVERIFIED).
const BAD_DATE = 'Your entry does not match the allowed format MMM d, yyyy.';
const BAD_TIME = 'Your entry does not match the allowed format h:mm a.';
const BAD_NUMBER = 'Enter a valid value.';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** True when the locale writes numeric dates day first (`15/01/2025` in en_GB, `1/15/2025` in en_US). */
function dayFirst(locale: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2025, 0, 15)));
    return parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month');
  } catch {
    return false;
  }
}

/**
 * Accepts `2025-01-15`, the locale's numeric form (`1/15/2025` en_US, `15/01/2025` en_GB) and the
 * medium/long forms `Jan 15, 2025`, `January 15, 2025`, `15 Jan 2025`.
 */
export function parseDateInput(text: string, locale = 'en-US'): { y: number; m: number; d: number } | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const monthOf = (name: string | undefined): number => MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [y, m, d] = dayFirst(locale) ? [Number(match[3]), b, a] : [Number(match[3]), a, b];
  } else if ((match = /^([A-Za-z]{3,})\.? (\d{1,2}),? (\d{4})$/.exec(t))) [y, m, d] = [Number(match[3]), monthOf(match[1]), Number(match[2])];
  else if ((match = /^(\d{1,2}) ([A-Za-z]{3,})\.?,? (\d{4})$/.exec(t))) [y, m, d] = [Number(match[3]), monthOf(match[2]), Number(match[1])];
  else return null;
  if (m < 1) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** Accepts `10:00 AM`, `10:00:00 PM` and 24-hour `22:00`. */
export function parseTimeInput(text: string): { h: number; mi: number } | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(text.trim());
  if (!match) return null;
  let h = Number(match[1]);
  const mi = Number(match[2]);
  const ampm = match[3]?.toUpperCase();
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'PM' ? 12 : 0);
  }
  if (h > 23 || mi > 59) return null;
  return { h, mi };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function asText(v: SubmittedValue | undefined): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join(';');
  if (typeof v === 'boolean') return String(v);
  return '';
}

/**
 * Parses the submitted fields. Only fields present in `fields` are sent: the caller (the client) sends
 * what the user could edit, so untouched defaults are left to the org's own default-value logic.
 */
export function parseForm(submitted: Record<string, SubmittedValue>, fields: FieldInfo[], viewer: Viewer): ParsedForm {
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const values: WireRecord = {};
  const fieldErrors: Record<string, string> = {};
  const datetimeParts = new Map<string, { date?: string; time?: string }>();

  for (const [key, raw] of Object.entries(submitted)) {
    const dot = key.lastIndexOf('.');
    if (dot > 0 && (key.endsWith('.date') || key.endsWith('.time'))) {
      const base = key.slice(0, dot);
      const parts = datetimeParts.get(base) ?? {};
      parts[key.endsWith('.date') ? 'date' : 'time'] = asText(raw);
      datetimeParts.set(base, parts);
      continue;
    }
    const field = byName.get(key.toLowerCase());
    // Unknown names are passed through: the org service answers them in Salesforce's words (INVALID_FIELD).
    const name = field?.name ?? key;
    const text = asText(raw).trim();
    switch (field?.type) {
      case 'boolean':
        values[name] = raw === true || text === 'true' || text === 'on';
        break;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent': {
        if (text === '') { values[name] = null; break; }
        const n = Number(text.replace(/[,$%\s]/g, ''));
        if (Number.isFinite(n)) values[name] = field.type === 'int' ? Math.trunc(n) : n;
        else fieldErrors[name] = BAD_NUMBER;
        break;
      }
      case 'date': {
        if (text === '') { values[name] = null; break; }
        const d = parseDateInput(text, viewer.locale);
        if (d) values[name] = `${d.y}-${pad(d.m)}-${pad(d.d)}`;
        else fieldErrors[name] = BAD_DATE;
        break;
      }
      case 'time': {
        if (text === '') { values[name] = null; break; }
        const t = parseTimeInput(text);
        if (t) values[name] = `${pad(t.h)}:${pad(t.mi)}:00.000Z`;
        else fieldErrors[name] = BAD_TIME;
        break;
      }
      case 'multipicklist':
        values[name] = Array.isArray(raw) ? (raw.length ? raw.join(';') : null) : text || null;
        break;
      default:
        values[name] = text === '' ? null : asText(raw);
    }
  }

  for (const [key, parts] of datetimeParts) {
    const field = byName.get(key.toLowerCase());
    const name = field?.name ?? key;
    const dateText = (parts.date ?? '').trim();
    const timeText = (parts.time ?? '').trim();
    if (dateText === '' && timeText === '') { values[name] = null; continue; }
    const d = parseDateInput(dateText, viewer.locale);
    if (!d) { fieldErrors[name] = BAD_DATE; continue; }
    // A date with no time means midnight, as the datetimepicker fills it.
    const t = timeText === '' ? { h: 0, mi: 0 } : parseTimeInput(timeText);
    if (!t) { fieldErrors[name] = BAD_TIME; continue; }
    values[name] = toWireDateTime(zonedWallClockToUtc(d.y, d.m, d.d, t.h, t.mi, viewer));
  }
  return { values, fieldErrors };
}
