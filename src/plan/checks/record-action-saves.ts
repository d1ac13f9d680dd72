/**
 * A record action's API saves, sent together (one `/composite` call with batching on, one request each with
 * SF_BATCHING=false): the legitimate save (a create, and the plan's update of it when there is one) and its
 * illegitimate twin, which the org must refuse (a create with the refused values on top, or, after an update,
 * a further update of the saved record). The twin goes after the legitimate saves in the same chain, so a rule
 * that judges a change (`ISCHANGED`, `PRIORVALUE`) sees the record as the legitimate update left it, as it
 * would with separate requests: the org runs subrequests in order, each in its own transaction.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { createRequest, errorOf, sendTogether, updateRequest, type OrgErrorWords, type Subrequest } from '../../salesforce/composite.js';
import { resolveTokens, type Values } from '../record-values.js';
import type { RecordActionEntry } from '../schema.js';

export interface RecordActionOutcome {
  /** Why the legitimate save (or its update) failed, in the check's words; undefined when it saved. */
  legitimateFailure?: string;
  /** The org's refusal of the twin; undefined when it was saved (or there is no twin). */
  refusal?: OrgErrorWords;
}

export function recordActionRequests(entry: RecordActionEntry, values: Values): Subrequest[] {
  const requests = [createRequest('legitimate', entry.object, values)];
  if (entry.update) requests.push(updateRequest('legitimateUpdate', entry.object, '@{legitimate.id}', resolveTokens(entry.update)));
  if (entry.refused) {
    const refused = resolveTokens(entry.refused.values);
    requests.push(entry.update ? updateRequest('refused', entry.object, '@{legitimate.id}', refused) : createRequest('refused', entry.object, { ...values, ...refused }));
  }
  return requests;
}

/**
 * Sends the saves; every record created (the twin too, when the org wrongly took it) is handed to `adopt`
 * before anything is judged.
 */
export async function saveRecordAction(
  conn: Connection,
  entry: RecordActionEntry,
  values: Values,
  adopt: (object: string, id: string) => void,
  options: { batching: boolean },
): Promise<RecordActionOutcome> {
  const results = await sendTogether(conn, recordActionRequests(entry, values), options);
  for (const ref of ['legitimate', entry.update ? undefined : 'refused']) {
    const result = ref ? results[ref] : undefined;
    const id = result?.ok ? (result.body as { id?: unknown } | null)?.id : undefined;
    if (typeof id === 'string') adopt(entry.object, id);
  }
  const outcome: RecordActionOutcome = {};
  const created = errorOf(results.legitimate);
  const updated = entry.update ? errorOf(results.legitimateUpdate) : undefined;
  if (created) outcome.legitimateFailure = `could not save a legitimate ${entry.object} (${JSON.stringify(entry.values)}): ${created.errorCode}: ${created.message}`;
  else if (updated) outcome.legitimateFailure = `could not save a legitimate update of the ${entry.object} (${JSON.stringify(entry.update)}): ${updated.errorCode}: ${updated.message}`;
  if (entry.refused) outcome.refusal = errorOf(results.refused);
  return outcome;
}
