/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:30`, `THIS_MONTH`, ...) as half-open ranges [start, end)
 * of UTC days. The emulator runs its users in UTC (FormulaRuntimeContext allows it); a real org uses
 * the user's time zone.
 *
 * Semantics from the SOQL reference "Date Formats and Date Literals": `LAST_N_DAYS:n` is the n days
 * before today AND today; `NEXT_N_DAYS:n` starts tomorrow; weeks start on Sunday (en_US locale);
 * fiscal periods equal calendar periods (the default fiscal year starts in January).
 */

/** A range of whole days, as `YYYY-MM-DD` bounds: start inclusive, end exclusive. */
export interface DayRange {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function range(start: Date, end: Date): DayRange {
  return { start: iso(start), end: iso(end) };
}

/** Returns the range of a literal such as `TODAY` or `LAST_N_DAYS` with `n`, or null if unknown. */
export function dateLiteralRange(literal: string, now: Date, n = 0): DayRange | null {
  const today = utcDay(now);
  const weekStart = addDays(today, -today.getUTCDay());
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1));
  const yearStart = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const name = literal.toUpperCase().replace(/:.*$/, '').replace('_FISCAL_', '_');

  switch (name) {
    case 'YESTERDAY': return range(addDays(today, -1), today);
    case 'TODAY': return range(today, addDays(today, 1));
    case 'TOMORROW': return range(addDays(today, 1), addDays(today, 2));
    case 'LAST_WEEK': return range(addDays(weekStart, -7), weekStart);
    case 'THIS_WEEK': return range(weekStart, addDays(weekStart, 7));
    case 'NEXT_WEEK': return range(addDays(weekStart, 7), addDays(weekStart, 14));
    case 'LAST_MONTH': return range(addMonths(monthStart, -1), monthStart);
    case 'THIS_MONTH': return range(monthStart, addMonths(monthStart, 1));
    case 'NEXT_MONTH': return range(addMonths(monthStart, 1), addMonths(monthStart, 2));
    case 'LAST_90_DAYS': return range(addDays(today, -90), addDays(today, 1));
    case 'NEXT_90_DAYS': return range(addDays(today, 1), addDays(today, 91));
    case 'LAST_QUARTER': return range(addMonths(quarterStart, -3), quarterStart);
    case 'THIS_QUARTER': return range(quarterStart, addMonths(quarterStart, 3));
    case 'NEXT_QUARTER': return range(addMonths(quarterStart, 3), addMonths(quarterStart, 6));
    case 'LAST_YEAR': return range(addMonths(yearStart, -12), yearStart);
    case 'THIS_YEAR': return range(yearStart, addMonths(yearStart, 12));
    case 'NEXT_YEAR': return range(addMonths(yearStart, 12), addMonths(yearStart, 24));
    case 'LAST_N_DAYS': return range(addDays(today, -n), addDays(today, 1));
    case 'NEXT_N_DAYS': return range(addDays(today, 1), addDays(today, n + 1));
    case 'N_DAYS_AGO': return range(addDays(today, -n), addDays(today, -n + 1));
    case 'LAST_N_WEEKS': return range(addDays(weekStart, -7 * n), weekStart);
    case 'NEXT_N_WEEKS': return range(addDays(weekStart, 7), addDays(weekStart, 7 * (n + 1)));
    case 'N_WEEKS_AGO': return range(addDays(weekStart, -7 * n), addDays(weekStart, -7 * n + 7));
    case 'LAST_N_MONTHS': return range(addMonths(monthStart, -n), monthStart);
    case 'NEXT_N_MONTHS': return range(addMonths(monthStart, 1), addMonths(monthStart, n + 1));
    case 'N_MONTHS_AGO': return range(addMonths(monthStart, -n), addMonths(monthStart, -n + 1));
    case 'LAST_N_QUARTERS': return range(addMonths(quarterStart, -3 * n), quarterStart);
    case 'NEXT_N_QUARTERS': return range(addMonths(quarterStart, 3), addMonths(quarterStart, 3 * (n + 1)));
    case 'N_QUARTERS_AGO': return range(addMonths(quarterStart, -3 * n), addMonths(quarterStart, -3 * n + 3));
    case 'LAST_N_YEARS': return range(addMonths(yearStart, -12 * n), yearStart);
    case 'NEXT_N_YEARS': return range(addMonths(yearStart, 12), addMonths(yearStart, 12 * (n + 1)));
    case 'N_YEARS_AGO': return range(addMonths(yearStart, -12 * n), addMonths(yearStart, -12 * n + 12));
    default: return null;
  }
}
