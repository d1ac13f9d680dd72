/**
 * Date functions: TODAY NOW DATE DATEVALUE DATETIMEVALUE YEAR MONTH DAY WEEKDAY DAYOFYEAR ISOWEEK
 * ISOYEAR ADDMONTHS UNIXTIMESTAMP FROMUNIXTIME. Dates are UTC-midnight milliseconds, datetimes epoch
 * milliseconds, times milliseconds of the day (see wire-values.ts).
 */
import { expectArgType, makeNode, numbersOf } from '../compiled-node.js';
import {
  MS_PER_DAY, parseWireDate, parseWireDateTime, utcDate, type FormulaValue,
} from '../wire-values.js';
import type { FunctionDef, FunctionTable } from './function-def.js';

/** Today's date in the user's time zone (Salesforce: TODAY() is the current date in the user's zone). */
export function todayIn(now: Date, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(now);
  return parseWireDate(parts) ?? Math.floor(now.getTime() / MS_PER_DAY) * MS_PER_DAY;
}

function lastDayOfMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Salesforce help (ADDMONTHS): "If the specified date is the last day of the month, the resulting date
 * is the last day of the resulting month. Otherwise, the result has the same date component", clamped
 * to the end of a shorter month. Time of day is kept for datetimes. Fractional months are truncated
 * ([UNVERIFIED]).
 */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(year, month + Math.trunc(months), 1));
  const targetYear = target.getUTCFullYear();
  const targetMonth = target.getUTCMonth();
  const targetLast = lastDayOfMonth(targetYear, targetMonth);
  const targetDay = day === lastDayOfMonth(year, month) ? targetLast : Math.min(day, targetLast);
  const timeOfDay = ms - Date.UTC(year, month, day);
  return Date.UTC(targetYear, targetMonth, targetDay) + timeOfDay;
}

/** A function of one date returning a number (YEAR, MONTH, DAY, WEEKDAY). */
function datePart(part: (d: Date) => number): FunctionDef {
  return {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['date']);
      return makeNode('number', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        return typeof value === 'number' ? part(new Date(value)) : null;
      });
    },
  };
}

/** The ISO 8601 week (Monday first; week 1 holds the year's first Thursday) and its year. */
export function isoWeek(ms: number): { week: number; year: number } {
  const d = new Date(ms);
  const dayOfWeek = (d.getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = new Date(ms - dayOfWeek * MS_PER_DAY + 3 * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / MS_PER_DAY / 7) + 1;
  return { week, year };
}

const toDate = (ms: FormulaValue): number | null =>
  typeof ms === 'number' ? Math.floor(ms / MS_PER_DAY) * MS_PER_DAY : null;

export const DATE_FUNCTIONS: FunctionTable = {
  TODAY: {
    minArgs: 0, maxArgs: 0,
    compile(_args, _scope, name) {
      return makeNode('date', name, (ctx) => todayIn(ctx.now(), ctx.timeZone));
    },
  },
  NOW: {
    minArgs: 0, maxArgs: 0,
    compile(_args, _scope, name) {
      return makeNode('datetime', name, (ctx) => ctx.now().getTime());
    },
  },
  DATE: {
    minArgs: 3, maxArgs: 3,
    compile(args, scope, name) {
      for (const arg of args) expectArgType(scope, name, arg, ['number']);
      // An impossible date (DATE(2023, 2, 30)) is #Error! in Salesforce; it reads as blank here.
      return makeNode('date', name, (ctx) => {
        const values = numbersOf(args, ctx);
        if (values === null) return null;
        const [year, month, day] = values.map(Math.trunc);
        return utcDate(year!, month!, day!);
      });
    },
  },
  DATEVALUE: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text', 'date', 'datetime']);
      // Salesforce help (DATEVALUE): a Date/Time converts to its date in GMT, not the user's zone.
      return makeNode('date', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        if (value === null) return null;
        if (arg!.type === 'text') return parseWireDate(String(value).trim());
        return toDate(value);
      });
    },
  },
  DATETIMEVALUE: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text', 'date', 'datetime']);
      // Text is `YYYY-MM-DD HH:MM:SS` in GMT; a date becomes its midnight GMT.
      return makeNode('datetime', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        if (value === null) return null;
        return arg!.type === 'text' ? parseWireDateTime(String(value)) : value;
      });
    },
  },
  YEAR: datePart((d) => d.getUTCFullYear()),
  MONTH: datePart((d) => d.getUTCMonth() + 1),
  DAY: datePart((d) => d.getUTCDate()),
  // 1 = Sunday ... 7 = Saturday (Salesforce help, WEEKDAY).
  WEEKDAY: datePart((d) => d.getUTCDay() + 1),
  DAYOFYEAR: datePart((d) => Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1),
  ISOWEEK: datePart((d) => isoWeek(d.getTime()).week),
  ISOYEAR: datePart((d) => isoWeek(d.getTime()).year),
  UNIXTIMESTAMP: {
    minArgs: 1, maxArgs: 1,
    // Salesforce help: "the number of seconds since 1 Jan 1970 for the given date, or number of seconds
    // in the day for a time". A date counts from its midnight GMT.
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['date', 'datetime', 'time']);
      return makeNode('number', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        return typeof value === 'number' ? Math.floor(value / 1000) : null;
      });
    },
  },
  FROMUNIXTIME: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['number']);
      // Whole seconds: a datetime's precision is the second (Salesforce help, date/time formulas).
      return makeNode('datetime', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        return typeof value === 'number' ? Math.trunc(value) * 1000 : null;
      });
    },
  },
  ADDMONTHS: {
    minArgs: 2, maxArgs: 2,
    compile([date, months], scope, name) {
      expectArgType(scope, name, date!, ['date', 'datetime']);
      expectArgType(scope, name, months!, ['number']);
      return makeNode(date!.type === 'null' ? 'date' : date!.type, name, (ctx) => {
        const start = date!.evaluate(ctx);
        const count = months!.evaluate(ctx);
        return typeof start === 'number' && typeof count === 'number' ? addMonths(start, count) : null;
      });
    },
  },
};
