/**
 * Removing test data: the run's own records in reverse creation order (children before parents), and the
 * sweeper that removes leftovers of earlier runs that died before their teardown.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { allRecordsOf, errorOf, queryRequest, sendTogether } from '../salesforce/composite.js';
import { runIdOf, TAGGED_FIELDS } from './tagging.js';

/** sObject Collections take at most 200 records per request. */
const COLLECTION_LIMIT = 200;

export interface CleanupOutcome {
  deleted: number;
  /** Records that could not be deleted, with the org's words. */
  failures: string[];
}

export interface CleanupOptions {
  /**
   * On (the default): sObject Collections, 200 records per request, and the sweeper's queries in one composite
   * call. Off (SF_BATCHING=false, the benchmark's naive baseline): one request per record and per query.
   */
  batching?: boolean;
}

/** Deletes records in the reverse of the given order; records already gone count as deleted. */
export async function deleteInReverse(conn: Connection, records: readonly { object: string; id: string }[], options: CleanupOptions = {}): Promise<CleanupOutcome> {
  const outcome: CleanupOutcome = { deleted: 0, failures: [] };
  const refused: { record: { object: string; id: string }; why: string }[] = [];
  const seen = new Set<string>();
  const ordered = [...records].reverse().filter((r) => !seen.has(r.id) && seen.add(r.id));
  const size = options.batching === false ? 1 : COLLECTION_LIMIT;
  for (let start = 0; start < ordered.length; start += size) {
    const chunk = ordered.slice(start, start + size);
    const first = chunk[0];
    if (!first) continue;
    // A collection delete takes ids of any type; the type argument only routes jsforce's call. One id alone is
    // a plain DELETE of that record.
    const results = size === 1 ? [await destroyOne(conn, first)] : await conn.destroy(first.object, chunk.map((r) => r.id), { allOrNone: false });
    results.forEach((result, index) => {
      const record = chunk[index];
      if (!record) return;
      const errors = result.success ? [] : (result.errors as unknown as { statusCode?: string; errorCode?: string; message: string }[]);
      const alreadyGone = errors.some((e) => ALREADY_GONE.includes(e.statusCode ?? e.errorCode ?? ''));
      if (result.success || alreadyGone) outcome.deleted += 1;
      else refused.push({ record, why: errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}`).join('; ') });
    });
  }
  // A child whose own delete was refused (a before-delete flow guarding it, say) may still have gone with its
  // parent, deleted later in the same teardown (master-detail cascade): only what is still there failed.
  const remaining = await stillThere(conn, refused.map((r) => r.record), options);
  for (const { record, why } of refused) {
    if (remaining.has(record.id)) outcome.failures.push(`${record.object} ${record.id}: ${why}`);
    else outcome.deleted += 1;
  }
  return outcome;
}

/** Which of these records still exist: one query per object, all in one composite call when batching is on. */
async function stillThere(conn: Connection, records: readonly { object: string; id: string }[], options: CleanupOptions): Promise<Set<string>> {
  const byObject = new Map<string, string[]>();
  for (const { object, id } of records) byObject.set(object, [...(byObject.get(object) ?? []), id]);
  if (byObject.size === 0) return new Set();
  const objects = [...byObject.keys()];
  const queries = objects.map((object, i) => queryRequest(`q${i}`, `SELECT Id FROM ${object} WHERE Id IN (${byObject.get(object)!.map((id) => `'${id}'`).join(', ')})`));
  const results = await sendTogether(conn, queries, { batching: options.batching !== false });
  const found = new Set<string>();
  for (const [i, object] of objects.entries()) {
    const result = results[`q${i}`];
    // A query that fails cannot prove the record gone: it still counts as a failure.
    if (errorOf(result)) for (const id of byObject.get(object)!) found.add(id);
    else for (const row of await allRecordsOf<{ Id: string }>(conn, result)) found.add(row.Id);
  }
  return found;
}

const ALREADY_GONE = ['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND'];

/** A single DELETE answers failures by throwing: turned into a result like a collection's. */
async function destroyOne(conn: Connection, record: { object: string; id: string }): Promise<{ success: boolean; errors: unknown[] }> {
  try {
    await conn.sobject(record.object).destroy(record.id);
    return { success: true, errors: [] };
  } catch (error) {
    const e = error as { errorCode?: string; name?: string; message?: string };
    return { success: false, errors: [{ errorCode: e.errorCode ?? e.name ?? 'UNKNOWN_EXCEPTION', message: e.message ?? String(error) }] };
  }
}

export interface TaggedRecords {
  /** Parents first (deleteInReverse turns them children first). */
  records: { object: string; id: string }[];
  /** Records found per object. */
  found: Record<string, number>;
  /** Objects that could not be searched (absent in this org, or the field is not readable), with why. */
  skipped: string[];
}

/**
 * Records named with a run id that `doomed` selects: one selective query per object (`LIKE 'PF-%'` on the
 * name field), all of them in one composite call when batching is on.
 */
export async function findTagged(conn: Connection, doomedRun: (runId: string) => boolean, fields = TAGGED_FIELDS, options: CleanupOptions = {}): Promise<TaggedRecords> {
  const outcome: TaggedRecords = { records: [], found: {}, skipped: [] };
  const queries = fields.map(({ object, field }, i) => queryRequest(`q${i}`, `SELECT Id, ${field} FROM ${object} WHERE ${field} LIKE 'PF-%'`));
  const results = await sendTogether(conn, queries, { batching: options.batching !== false });
  for (const [i, { object, field }] of fields.entries()) {
    const result = results[`q${i}`];
    const error = errorOf(result);
    if (error?.errorCode === 'INVALID_TYPE' || error?.errorCode === 'INVALID_FIELD') {
      outcome.skipped.push(`${object}.${field}: ${error.errorCode}`);
      continue;
    }
    const records = await allRecordsOf<{ Id: string; [field: string]: unknown }>(conn, result);
    const stale = records.filter((r) => {
      const runId = runIdOf(r[field]);
      return runId !== undefined && doomedRun(runId);
    });
    outcome.found[object] = stale.length;
    // TAGGED_FIELDS lists children first; deleteInReverse reverses, so collect parents first.
    outcome.records.unshift(...stale.map((r) => ({ object, id: r.Id })));
  }
  return outcome;
}

export interface SweepOutcome extends CleanupOutcome, Omit<TaggedRecords, 'records'> {}

/**
 * Finds records named with a run id that `doomed` selects and deletes them, children first.
 *
 * Runs against one org are meant to be sequential (scheduled reruns wait for each other): the sweeper at the
 * start of a run treats every other run's records as leftovers.
 */
export async function sweepTagged(conn: Connection, doomedRun: (runId: string) => boolean, fields = TAGGED_FIELDS, options: CleanupOptions = {}): Promise<SweepOutcome> {
  const { records, found, skipped } = await findTagged(conn, doomedRun, fields, options);
  const deletion = await deleteInReverse(conn, records, options);
  return { ...deletion, found, skipped };
}

/** Leftovers of every run but the current one. */
export function sweepLeftovers(conn: Connection, currentRunId: string, options: CleanupOptions = {}): Promise<SweepOutcome> {
  return sweepTagged(conn, (runId) => runId !== currentRunId, TAGGED_FIELDS, options);
}
