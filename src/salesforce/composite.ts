/**
 * The requests of one check, sent together: one `/composite` call when batching is on (Salesforce counts it as
 * one API request, whatever its subrequests), or one request each when it is off (SF_BATCHING=false, the
 * benchmark's naive baseline). Either way every subrequest gets its own result, in order, and a later one may
 * use an earlier one's answer as `@{ref.id}` or `@{ref.records[0].Id}`, in its path or its body.
 *
 * With `allOrNone: false` (always, here) each subrequest stands on its own: one that fails does not undo the
 * others, and only those that refer to it are not run (PROCESSING_HALTED), as Salesforce does.
 *
 * @example
 * const results = await sendTogether(conn, [
 *   createRequest('account', 'Account', { Name: 'Acme' }),
 *   queryRequest('seen', "SELECT Id FROM Account WHERE Id = '@{account.id}'"),
 * ], { batching: true });
 * savedId(results.account); // '001...'
 */
import type { Connection } from '@jsforce/jsforce-node';

/** Salesforce takes at most 25 subrequests per composite call. */
export const MAX_SUBREQUESTS = 25;

export interface Subrequest {
  /** Names the result; later subrequests refer to it as `@{ref...}` (letters, digits and underscores). */
  ref: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the API version: `/sobjects/Account`, `/query?q=...`. */
  path: string;
  body?: unknown;
}

export interface SubResult {
  ref: string;
  status: number;
  ok: boolean;
  body: unknown;
}

export interface OrgErrorWords {
  errorCode: string;
  message: string;
}

/** A subrequest the org refused, carrying its words (`errorCode`, like jsforce's own errors). */
export class SubrequestError extends Error {
  readonly errorCode: string;

  constructor(words: OrgErrorWords) {
    super(words.message);
    this.name = words.errorCode;
    this.errorCode = words.errorCode;
  }
}

export async function sendTogether(conn: Connection, requests: readonly Subrequest[], options: { batching: boolean }): Promise<Record<string, SubResult>> {
  const refs = new Set<string>();
  for (const r of requests) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(r.ref) || refs.has(r.ref)) throw new Error(`sendTogether: "${r.ref}" is not a unique reference name`);
    refs.add(r.ref);
  }
  return options.batching ? sendAsComposite(conn, requests) : sendOneByOne(conn, requests);
}

async function sendAsComposite(conn: Connection, requests: readonly Subrequest[]): Promise<Record<string, SubResult>> {
  const dependent = requests.some((r) => REFERENCE.test(r.path) || REFERENCE.test(JSON.stringify(r.body ?? null)));
  if (dependent && requests.length > MAX_SUBREQUESTS) throw new Error(`sendTogether: ${requests.length} dependent subrequests do not fit one composite call (${MAX_SUBREQUESTS})`);
  const results: Record<string, SubResult> = {};
  for (let start = 0; start < requests.length; start += MAX_SUBREQUESTS) {
    const chunk = requests.slice(start, start + MAX_SUBREQUESTS);
    const answer = await conn.request<{ compositeResponse: { referenceId: string; httpStatusCode: number; body: unknown }[] }>({
      method: 'POST',
      url: '/composite',
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: chunk.map((r) => ({ method: r.method, url: `/services/data/v${conn.version}${r.path}`, referenceId: r.ref, ...(r.body === undefined ? {} : { body: r.body }) })),
      }),
      headers: { 'content-type': 'application/json' },
    });
    for (const item of answer.compositeResponse) {
      results[item.referenceId] = { ref: item.referenceId, status: item.httpStatusCode, ok: item.httpStatusCode < 400, body: item.body };
    }
  }
  return results;
}

async function sendOneByOne(conn: Connection, requests: readonly Subrequest[]): Promise<Record<string, SubResult>> {
  const results: Record<string, SubResult> = {};
  for (const r of requests) {
    let path: string;
    let body: unknown;
    try {
      path = String(resolve(r.path, results, true));
      body = resolve(r.body, results, false);
    } catch (error) {
      if (!(error instanceof UnresolvedReference)) throw error;
      results[r.ref] = { ref: r.ref, status: 400, ok: false, body: [{ errorCode: 'PROCESSING_HALTED', message: error.message }] };
      continue;
    }
    try {
      const answer = await conn.request({
        method: r.method,
        url: path,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      results[r.ref] = { ref: r.ref, status: 200, ok: true, body: answer ?? null };
    } catch (error) {
      // jsforce turns an error answer into an Error with the org's errorCode; the status is not kept.
      const e = error as { errorCode?: string; name?: string; message?: string };
      results[r.ref] = { ref: r.ref, status: 400, ok: false, body: [{ errorCode: e.errorCode ?? e.name ?? 'UNKNOWN_EXCEPTION', message: e.message ?? String(error) }] };
    }
  }
  return results;
}

// --- building subrequests ---------------------------------------------------------------------------------

export function createRequest(ref: string, object: string, values: Record<string, unknown>): Subrequest {
  return { ref, method: 'POST', path: `/sobjects/${object}`, body: values };
}

export function updateRequest(ref: string, object: string, id: string, values: Record<string, unknown>): Subrequest {
  return { ref, method: 'PATCH', path: `/sobjects/${object}/${id}`, body: values };
}

export function queryRequest(ref: string, soql: string): Subrequest {
  // References stay readable for the composite resolver: only what is not part of `@{...}` is encoded.
  return { ref, method: 'GET', path: `/query?q=${encodeKeepingReferences(soql)}` };
}

export function describeRequest(ref: string, object: string): Subrequest {
  return { ref, method: 'GET', path: `/sobjects/${object}/describe` };
}

/** Upsert of one record by an external id field (the field's value goes in the URL, as jsforce sends it). */
export function upsertRequest(ref: string, object: string, externalIdField: string, record: Record<string, unknown>): Subrequest {
  const value = Object.entries(record).find(([k]) => k.toLowerCase() === externalIdField.toLowerCase())?.[1];
  if (value === undefined || value === null || value === '') throw new Error(`upsertRequest: the ${object} record has no ${externalIdField}`);
  const body = Object.fromEntries(Object.entries(record).filter(([k]) => k.toLowerCase() !== externalIdField.toLowerCase()));
  return { ref, method: 'PATCH', path: `/sobjects/${object}/${externalIdField}/${encodeURIComponent(String(value))}`, body };
}

/** Upsert of many records through sObject Collections (one subrequest, up to 200 records). */
export function upsertManyRequest(ref: string, object: string, externalIdField: string, records: Record<string, unknown>[]): Subrequest {
  return { ref, method: 'PATCH', path: `/composite/sobjects/${object}/${externalIdField}`, body: { allOrNone: false, records: records.map((r) => ({ attributes: { type: object }, ...r })) } };
}

// --- reading results --------------------------------------------------------------------------------------

/** The org's words when a subrequest failed (the first error), else undefined. */
export function errorOf(result: SubResult | undefined): OrgErrorWords | undefined {
  if (!result) return { errorCode: 'NO_RESULT', message: 'the org returned no result for this subrequest' };
  if (result.ok) return undefined;
  const first = (Array.isArray(result.body) ? result.body[0] : result.body) as { errorCode?: string; message?: string } | undefined;
  return { errorCode: first?.errorCode ?? `HTTP_${result.status}`, message: first?.message ?? JSON.stringify(result.body) };
}

/** The id a create or upsert answered; throws the org's error when it failed. */
export function savedId(result: SubResult | undefined): string {
  const error = errorOf(result);
  if (error) throw new SubrequestError(error);
  const id = (result?.body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw new SubrequestError({ errorCode: 'NO_ID', message: `the org answered without an id: ${JSON.stringify(result?.body)}` });
  return id;
}

/** The records a query answered; throws the org's error when it failed. */
export function recordsOf<T = Record<string, unknown>>(result: SubResult | undefined): T[] {
  const error = errorOf(result);
  if (error) throw new SubrequestError(error);
  return ((result?.body as { records?: T[] } | null)?.records ?? []) as T[];
}

/**
 * Every record a query answered, following `nextRecordsUrl` (a query answers 2,000 records at a time, and a
 * composite subrequest only the first page) up to `max` records.
 */
export async function allRecordsOf<T = Record<string, unknown>>(conn: Connection, result: SubResult | undefined, max = 50_000): Promise<T[]> {
  const records = recordsOf<T>(result);
  let next = (result?.body as { nextRecordsUrl?: string } | null)?.nextRecordsUrl;
  while (next && records.length < max) {
    const page = await conn.request<{ records: T[]; nextRecordsUrl?: string }>(next);
    records.push(...page.records);
    next = page.nextRecordsUrl;
  }
  return records;
}

// --- references, for the one-by-one path (the composite call resolves its own) ---------------------------

const REFERENCE = /@\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/;
const REFERENCES = new RegExp(REFERENCE.source, 'g');

class UnresolvedReference extends Error {}

function resolve(value: unknown, results: Record<string, SubResult>, inPath: boolean): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REFERENCE.source}$`).exec(value);
    if (whole && !inPath) return lookup(whole[1] ?? '', whole[2] ?? '', results);
    return value.replace(REFERENCES, (_m, ref: string, path: string) => {
      const found = lookup(ref, path, results);
      const text = typeof found === 'string' ? found : JSON.stringify(found);
      return inPath ? encodeURIComponent(text) : text;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, results, inPath));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results, inPath)]));
  return value;
}

function lookup(ref: string, path: string, results: Record<string, SubResult>): unknown {
  const missing = () => new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
  const result = results[ref];
  if (!result?.ok) throw missing();
  let current: unknown = result.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') throw missing();
    current = (current as Record<string | number, unknown>)[step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1)];
    if (current === undefined) throw missing();
  }
  return current;
}

function encodeKeepingReferences(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(REFERENCES)) {
    out += encodeURIComponent(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + encodeURIComponent(text.slice(last));
}
