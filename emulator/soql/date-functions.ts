/**
 * SOQL date functions (`CALENDAR_YEAR(CloseDate)`, `DAY_ONLY(CreatedDate)`, ...) evaluated in UTC, for
 * WHERE, GROUP BY and HAVING. Fiscal functions use the default fiscal year (starting in January).
 */
import type { WireValue } from '../contracts.js';

const DATE_FUNCTIONS = new Set([
  'CALENDAR_MONTH', 'CALENDAR_QUARTER', 'CALENDAR_YEAR', 'DAY_IN_MONTH', 'DAY_IN_WEEK', 'DAY_IN_YEAR', 'DAY_ONLY',
  'FISCAL_MONTH', 'FISCAL_QUARTER', 'FISCAL_YEAR', 'HOUR_IN_DAY', 'WEEK_IN_MONTH', 'WEEK_IN_YEAR',
]);

export function isDateFunction(name: string): boolean {
  return DATE_FUNCTIONS.has(name.toUpperCase());
}

/** Applies a date function to a date (`YYYY-MM-DD`) or datetime wire value; null stays null. */
export function applyDateFunction(name: string, value: WireValue): WireValue {
  if (typeof value !== 'string') return null;
  const date = new Date(value.length <= 10 ? `${value}T00:00:00Z` : value.replace('+0000', 'Z'));
  if (Number.isNaN(date.getTime())) return null;
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((date.getTime() - startOfYear) / 86_400_000) + 1;
  switch (name.toUpperCase()) {
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return date.getUTCMonth() + 1;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return date.getUTCFullYear();
    case 'DAY_IN_MONTH':
      return date.getUTCDate();
    case 'DAY_IN_WEEK':
      // 1 = Sunday, as in the SOQL reference.
      return date.getUTCDay() + 1;
    case 'DAY_IN_YEAR':
      return dayOfYear;
    case 'DAY_ONLY':
      return date.toISOString().slice(0, 10);
    case 'HOUR_IN_DAY':
      return date.getUTCHours();
    case 'WEEK_IN_MONTH':
      return Math.floor((date.getUTCDate() - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dayOfYear - 1) / 7) + 1;
    default:
      return null;
  }
}
