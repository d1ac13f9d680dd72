/**
 * Removing test data: the run's own records in reverse creation order (children before parents), and the
 * sweeper that removes leftovers of earlier runs that died before their teardown.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { runIdOf, TAGGED_FIELDS } from './tagging.js';

/** sObject Collections take at most 200 records per request. */
const COLLECTION_LIMIT = 200;

export interface CleanupOutcome {
  deleted: number;
  /** Records that could not be deleted, with the org's words. */
  failures: string[];
}

/** Deletes records in the reverse of the given order; records already gone count as deleted. */
export async function deleteInReverse(conn: Connection, records: readonly { object: string; id: string }[]): Promise<CleanupOutcome> {
  const outcome: CleanupOutcome = { deleted: 0, failures: [] };
  const seen = new Set<string>();
  const ordered = [...records].reverse().filter((r) => !seen.has(r.id) && seen.add(r.id));
  for (let start = 0; start < ordered.length; start += COLLECTION_LIMIT) {
    const chunk = ordered.slice(start, start + COLLECTION_LIMIT);
    const first = chunk[0];
    if (!first) continue;
    // A collection delete takes ids of any type; the type argument only routes jsforce's call.
    const results = await conn.destroy(first.object, chunk.map((r) => r.id), { allOrNone: false });
    results.forEach((result, index) => {
      const record = chunk[index];
      if (!record) return;
      const errors = result.success ? [] : (result.errors as unknown as { statusCode?: string; errorCode?: string; message: string }[]);
      const alreadyGone = errors.some((e) => ['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND'].includes(e.statusCode ?? e.errorCode ?? ''));
      if (result.success || alreadyGone) outcome.deleted += 1;
      else outcome.failures.push(`${record.object} ${record.id}: ${errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}`).join('; ')}`);
    });
  }
  return outcome;
}

export interface SweepOutcome extends CleanupOutcome {
  /** Leftovers found per object. */
  found: Record<string, number>;
  /** Objects that could not be searched (absent in this org, or the field is not readable), with why. */
  skipped: string[];
}

/**
 * Finds records named with a run id that `doomed` selects and deletes them, children first.
 * One selective query per object (`LIKE 'PF-%'` on the name field), then collection deletes.
 *
 * Runs against one org are meant to be sequential (scheduled reruns wait for each other): the sweeper at the
 * start of a run treats every other run's records as leftovers.
 */
export async function sweepTagged(conn: Connection, doomedRun: (runId: string) => boolean, fields = TAGGED_FIELDS): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { deleted: 0, failures: [], found: {}, skipped: [] };
  const doomed: { object: string; id: string }[] = [];
  for (const { object, field } of fields) {
    let records: { Id: string; [field: string]: unknown }[];
    try {
      const result = await conn.query<{ Id: string }>(`SELECT Id, ${field} FROM ${object} WHERE ${field} LIKE 'PF-%'`).autoFetch(true).maxFetch(50_000);
      records = result.records as typeof records;
    } catch (error) {
      const code = (error as { errorCode?: string }).errorCode;
      if (code === 'INVALID_TYPE' || code === 'INVALID_FIELD') {
        outcome.skipped.push(`${object}.${field}: ${code}`);
        continue;
      }
      throw error;
    }
    const stale = records.filter((r) => {
      const runId = runIdOf(r[field]);
      return runId !== undefined && doomedRun(runId);
    });
    outcome.found[object] = stale.length;
    // TAGGED_FIELDS lists children first; deleteInReverse reverses, so collect parents first.
    doomed.unshift(...stale.map((r) => ({ object, id: r.Id })));
  }
  const deletion = await deleteInReverse(conn, doomed);
  outcome.deleted = deletion.deleted;
  outcome.failures = deletion.failures;
  return outcome;
}

/** Leftovers of every run but the current one. */
export function sweepLeftovers(conn: Connection, currentRunId: string): Promise<SweepOutcome> {
  return sweepTagged(conn, (runId) => runId !== currentRunId);
}
