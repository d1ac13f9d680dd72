/**
 * Wire values -> the text Lightning shows, in the user's locale and time zone.
 *
 * Record detail (output) uses the short forms (`1/15/2025`, `1/15/2025, 10:00 AM`); the date input of
 * `lightning-input type="date"` shows the medium form (`Jan 15, 2025`, its default `date-style`).
 * The org's currency is not part of the service contract, so amounts are shown in USD (the default
 * currency of an en_US org) — UNVERIFIED for orgs with another corporate currency.
 */
import type { UserSummary } from '../contracts.js';

export interface Viewer {
  locale: string;
  timeZone: string;
}

export function viewerOf(user: UserSummary): Viewer {
  return { locale: (user.locale || 'en_US').replace('_', '-'), timeZone: user.timeZone || 'UTC' };
}

function safeLocale(v: Viewer): string {
  try {
    return Intl.getCanonicalLocales(v.locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function safeZone(v: Viewer): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v.timeZone });
    return v.timeZone;
  } catch {
    return 'UTC';
  }
}

/** `2025-01-15` -> a Date at UTC midnight (dates have no time zone in Salesforce). */
function dateOnly(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** Salesforce datetimes travel as `2025-01-15T10:00:00.000+0000`; JS wants `+00:00`. */
export function parseWireDateTime(value: string): Date | null {
  const d = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateShort(value: string, v: Viewer): string {
  const d = dateOnly(value);
  return d ? new Intl.DateTimeFormat(safeLocale(v), { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).format(d) : value;
}

export function formatDateMedium(value: string, v: Viewer): string {
  const d = dateOnly(value);
  return d ? new Intl.DateTimeFormat(safeLocale(v), { timeZone: 'UTC', dateStyle: 'medium' }).format(d) : value;
}

export function formatDateTimeShort(value: string, v: Viewer): string {
  const d = parseWireDateTime(value);
  if (!d) return value;
  const date = new Intl.DateTimeFormat(safeLocale(v), { timeZone: safeZone(v), year: 'numeric', month: 'numeric', day: 'numeric' }).format(d);
  return `${date}, ${formatTimeOfDay(d, v)}`;
}

export function formatTimeOfDay(d: Date, v: Viewer): string {
  return new Intl.DateTimeFormat(safeLocale(v), { timeZone: safeZone(v), hour: 'numeric', minute: '2-digit' }).format(d);
}

/** The user's local calendar date of an instant, as `YYYY-MM-DD`. */
export function localDateOf(d: Date, v: Viewer): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: safeZone(v), year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return parts;
}

export function formatNumber(value: number, scale: number, v: Viewer): string {
  return new Intl.NumberFormat(safeLocale(v), { minimumFractionDigits: 0, maximumFractionDigits: Math.max(scale, 0) }).format(value);
}

export function formatCurrency(value: number, scale: number, v: Viewer): string {
  const digits = Math.max(scale, 0);
  return new Intl.NumberFormat(safeLocale(v), { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Percent fields hold the number shown (10 means 10%), not a fraction. */
export function formatPercent(value: number, scale: number, v: Viewer): string {
  const digits = Math.max(scale, 0);
  return `${new Intl.NumberFormat(safeLocale(v), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)}%`;
}

/** Offset (ms) of a time zone from UTC at an instant. */
function zoneOffset(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instantMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instantMs / 1000) * 1000;
}

/** A wall-clock time in the user's zone -> the UTC instant (two passes settle DST edges). */
export function zonedWallClockToUtc(y: number, mo: number, d: number, h: number, mi: number, v: Viewer): Date {
  const zone = safeZone(v);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let utc = guess - zoneOffset(guess, zone);
  utc = guess - zoneOffset(utc, zone);
  return new Date(utc);
}

/** Salesforce's wire form of a datetime: `2025-01-15T10:00:00.000+0000`. */
export function toWireDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}
