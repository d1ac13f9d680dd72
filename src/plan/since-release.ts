/**
 * Since-release monitors: a failed `AsyncApexJob` or a row in an integration error log matters during the
 * first hour only if it is new, i.e. created after the release reached production. Each rerun then reports
 * what is new since the release rather than what was already there the day before.
 *
 * The bound is the configured release start (`SF_RELEASE_STARTED_AT`, which `npm run watch` sets for its runs);
 * a run started by hand without one looks back the plan's `jobs.noFailedApexJobsWithinHours`.
 */
import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { soqlParser } from './soql-parser.js';

export interface ReleaseWindow {
  /** ISO 8601 instant, seconds precision, UTC (what SOQL accepts as a date-time literal). */
  since: string;
  /** How the bound was chosen, for titles and failure messages. */
  described: string;
  /** True when the release start is known (configured or set by the watch). */
  fromReleaseStart: boolean;
}

/** The instant since-release monitors count from. */
export function releaseWindow(releaseStartedAt: string | undefined, fallbackHours: number, now = new Date()): ReleaseWindow {
  if (releaseStartedAt) {
    const since = soqlDateTime(new Date(releaseStartedAt));
    return { since, described: `since the release started (${since})`, fromReleaseStart: true };
  }
  const since = soqlDateTime(new Date(now.getTime() - fallbackHours * 3_600_000));
  return {
    since,
    described: `in the last ${fallbackHours} hours (${since}; no release start known: set SF_RELEASE_STARTED_AT or use npm run watch)`,
    fromReleaseStart: false,
  };
}

/** `2026-11-27T10:00:00Z`: SOQL date-time literals take no milliseconds. */
export function soqlDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class SinceQueryError extends Error {}

/**
 * Adds `<field> >= <since>` to a query's WHERE clause, keeping what the team wrote intact (its own WHERE is
 * put in parentheses, so an OR in it cannot escape the bound). Parsed rather than spliced as text, so ORDER BY,
 * LIMIT and subqueries stay where they belong.
 *
 * @example
 * boundedSince("SELECT Id FROM Case WHERE Origin = 'ERP'", 'CreatedDate', '2026-11-27T10:00:00Z')
 * // SELECT Id FROM Case WHERE CreatedDate >= 2026-11-27T10:00:00Z AND (Origin = 'ERP')
 */
export function boundedSince(soql: string, field: string, since: string): string {
  const { composeQuery, parseQuery } = soqlParser();
  let query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    throw new SinceQueryError(`not a SOQL query: ${(error as Error).message.split('\n')[0]}`);
  }
  const bound: Condition = { field, operator: '>=', value: since, literalType: 'DATETIME' };
  const existing = query.where;
  query.where = existing ? { left: bound, operator: 'AND', right: parenthesized(existing) } : { left: bound };
  return composeQuery(query);
}

function parenthesized(where: WhereClause): WhereClause {
  const copy = structuredClone(where);
  // The parser marks parentheses as counts on the first and last condition of a group.
  // A leading NOT has no left condition; the parser then carries the parenthesis on an empty one.
  const first = (copy.left ?? {}) as { openParen?: number };
  first.openParen = (first.openParen ?? 0) + 1;
  copy.left = first as Condition;
  let last: WhereClause = copy;
  while ('right' in last && last.right) last = last.right;
  const end = last.left as { closeParen?: number } | null;
  if (end) end.closeParen = (end.closeParen ?? 0) + 1;
  return copy;
}
