/**
 * Did a write whose answer never came (the connection dropped, the org did not answer in time) reach the org?
 * A client cannot tell "the org never saw it" from "the org saved it and the answer was lost", and Salesforce's
 * REST API has no idempotency key for a create, so repeating a create blindly can make a second record. The
 * request path asks the org instead, with one query, and only repeats what surely did not land:
 *
 * - a create (`POST /sobjects/T`): records of T this user created since just before the request, whose fields
 *   hold what was sent, not already known to this process. One -> it landed (its id is the answer); none -> it
 *   did not (send it again); several, or a query the org refuses -> cannot tell (not repeated).
 * - an update or upsert (`PATCH /sobjects/T/id`, `PATCH /sobjects/T/Field/value`): the record already holds
 *   every sent value -> nothing to repeat; otherwise it is sent again (a PATCH sets values, so a second one
 *   leaves the same record; checking first keeps update-triggered automation from running twice).
 *
 * Only scalar values are compared (text, numbers, booleans); a create whose body has none cannot be checked.
 */
import type { HttpResponse } from './request-path.js';

export type WriteCheck =
  | { kind: 'create'; object: string; values: Record<string, unknown> }
  | { kind: 'patch'; object: string; where: string; values: Record<string, unknown> };

export type Landed = { landed: true; response: HttpResponse } | { landed: false } | { unknown: string };

const SOBJECTS = /^\/services\/data\/(v\d+\.\d+)\/(tooling\/)?sobjects\/([A-Za-z0-9_]+)(?:\/([^/?]+))?(?:\/([^/?]+))?$/;

/** The check for a request, or undefined when it is not a single-record create, update or upsert. */
export function writeCheckFor(method: string, path: string, body: unknown): WriteCheck | undefined {
  const match = SOBJECTS.exec(path);
  if (!match || typeof body !== 'string') return undefined;
  const [, , , object = '', idOrField, value] = match;
  let values: unknown;
  try {
    values = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return undefined;
  const record = values as Record<string, unknown>;
  if (method === 'POST' && idOrField === undefined) return { kind: 'create', object, values: record };
  if (method === 'PATCH' && idOrField !== undefined && value === undefined && /^[a-zA-Z0-9]{15,18}$/.test(idOrField)) {
    return { kind: 'patch', object, where: `Id = ${soqlString(idOrField)}`, values: record };
  }
  if (method === 'PATCH' && idOrField !== undefined && value !== undefined && /^[A-Za-z0-9_]+$/.test(idOrField)) {
    return { kind: 'patch', object, where: `${idOrField} = ${soqlString(decodeURIComponent(value))}`, values: record };
  }
  return undefined;
}

export interface LandedContext {
  /** Sends a GET below the API version (`/query?q=...`) with the failed request's session; one attempt. */
  ask(pathBelowVersion: string): Promise<HttpResponse>;
  /** The org's clock when the failed request was sent (learned from its `Date` headers). */
  sentAtOrgTime: number;
  /** The user the request ran as, when known. */
  userId?: string;
  /** Records this process already knows it created (their answers arrived). */
  knownIds: ReadonlySet<string>;
}

export async function didWriteLand(check: WriteCheck, context: LandedContext): Promise<Landed> {
  const sent = Object.entries(check.values).filter(([name]) => name !== 'attributes');
  const fields = sent.filter((entry): entry is [string, string | number | boolean] => isScalar(entry[1]));
  if (check.kind === 'create' && fields.length === 0) return { unknown: `the ${check.object} create sent no value to look it up by` };
  // A PATCH with a value that cannot be compared here (a nested Metadata object, a null) is simply sent again.
  if (check.kind === 'patch' && (fields.length === 0 || fields.length < sent.length)) return { landed: false };
  const select = ['Id', ...fields.map(([name]) => name)].join(', ');
  let where = check.kind === 'patch' ? check.where : `CreatedDate >= ${soqlDateTime(context.sentAtOrgTime - CLOCK_SLACK_MS)}`;
  if (check.kind === 'create' && context.userId) where += ` AND CreatedById = ${soqlString(context.userId)}`;
  // Every record in the window, newest first, page after page: a busy user (a data load, a parallel test) can
  // create hundreds in the seconds the window spans, and a first page alone could miss the one sent.
  const soql = `SELECT ${select} FROM ${check.object} WHERE ${where}${check.kind === 'create' ? ' ORDER BY CreatedDate DESC' : ''}`;
  const records: Record<string, unknown>[] = [];
  let next: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
  for (let page = 0; next !== undefined; page++) {
    if (page === MAX_LOOK_UP_PAGES) return { unknown: `more than ${page} pages of ${check.object} records were created in the look-up's window` };
    let answer: HttpResponse;
    try {
      answer = await context.ask(next);
    } catch (error) {
      return { unknown: `the look-up query failed too (${(error as Error).message})` };
    }
    if (answer.statusCode !== 200) return { unknown: `the org refused the look-up query (HTTP ${answer.statusCode}: ${answer.body.slice(0, 200)})` };
    const result = JSON.parse(answer.body) as { records?: Record<string, unknown>[]; done?: boolean; nextRecordsUrl?: string | null };
    records.push(...(result.records ?? []));
    next = result.done === false && result.nextRecordsUrl ? belowVersion(result.nextRecordsUrl) : undefined;
  }
  const holding = records.filter((r) => typeof r['Id'] === 'string' && fields.every(([name, sent]) => sameValue(fieldOf(r, name), sent)));
  if (check.kind === 'patch') return holding.length > 0 ? { landed: true, response: noContent() } : { landed: false };
  const fresh = holding.filter((r) => !context.knownIds.has(String(r['Id'])));
  if (fresh.length === 0) return { landed: false };
  if (fresh.length > 1) return { unknown: `${fresh.length} ${check.object} records this user just created hold the sent values` };
  const id = String(fresh[0]?.['Id']);
  return { landed: true, response: { statusCode: 201, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify({ id, success: true, errors: [] }) } };
}

/** Ten pages of 2,000: far beyond what one user creates in a few seconds, short of an endless look-up. */
const MAX_LOOK_UP_PAGES = 10;

/** `/services/data/v62.0/query/01g...-2000` -> `/query/01g...-2000` (the look-up asks below the API version). */
function belowVersion(url: string): string {
  return url.replace(/^.*?\/services\/data\/v\d+\.\d+/, '');
}

/** The `Date` header has whole seconds, and CreatedDate is compared in whole seconds too. */
export const CLOCK_SLACK_MS = 2_000;

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function fieldOf(record: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/** What the org reads back for what was sent: numbers as numbers, dates and date-times by their instant. */
function sameValue(stored: unknown, sent: string | number | boolean): boolean {
  if (stored === sent) return true;
  if (typeof sent === 'number') return Number(stored) === sent;
  if (typeof sent === 'string' && typeof stored === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(sent) && /^\d{4}-\d{2}-\d{2}T/.test(stored)) return Date.parse(sent) === Date.parse(stored);
    // 15- and 18-character ids of the same record.
    if (/^[a-zA-Z0-9]{15}$/.test(sent) && /^[a-zA-Z0-9]{18}$/.test(stored)) return stored.startsWith(sent);
  }
  return false;
}

function noContent(): HttpResponse {
  return { statusCode: 204, headers: {}, body: '' };
}

export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function soqlDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
