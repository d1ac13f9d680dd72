/**
 * UserRecordAccess is a virtual object: a real org computes its rows from a query's
 * `WHERE UserId = '005…' AND RecordId = '…'` (or `RecordId IN (…)`, at most 200 ids) and has no rows
 * otherwise (field notes: "UserRecordAccess answers record-level access"). The service computes the
 * rows for the query's user and records, lets the SOQL executor run against them, and discards them.
 */
import { SalesforceError, type WireRecord } from '../contracts.js';
import { keyPrefixOf, normalizeId } from '../ids.js';
import type { OrgSchema } from '../metadata/types.js';
import type { StorePort } from './ports.js';
import type { SecurityModel } from './security.js';

const FROM_USER_RECORD_ACCESS = /\bFROM\s+UserRecordAccess\b/i;

export function queriesUserRecordAccess(soql: string): boolean {
  return FROM_USER_RECORD_ACCESS.test(soql);
}

/**
 * The rows the query asks for. Salesforce refuses a query without both filters; the wording here is
 * the emulator's (UNVERIFIED against a real org).
 */
export function userRecordAccessRows(soql: string, schema: OrgSchema, store: StorePort, security: SecurityModel): WireRecord[] {
  const userMatch = /\bUserId\s*=\s*'([^']*)'/i.exec(soql);
  const single = /\bRecordId\s*=\s*'([^']*)'/i.exec(soql);
  const list = /\bRecordId\s+IN\s*\(([^)]*)\)/i.exec(soql);
  const recordIds = single ? [single[1]!] : list ? [...list[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : [];
  const userId = userMatch ? normalizeId(userMatch[1]!) : null;
  if (!userId || recordIds.length === 0) {
    throw new SalesforceError('MALFORMED_QUERY', 'UserRecordAccess can only be queried with UserId = and RecordId = (or RecordId IN) filters', [], 400);
  }
  if (recordIds.length > 200) throw new SalesforceError('MALFORMED_QUERY', 'UserRecordAccess accepts at most 200 record ids', [], 400);
  const access = security.accessFor(userId);
  const rows: WireRecord[] = [];
  // One row per record: `RecordId IN ('a', 'a')` (or a 15- and an 18-character spelling) asks once.
  const seen = new Set<string>();
  for (const raw of recordIds) {
    const recordId = normalizeId(raw);
    if (!recordId || seen.has(recordId)) continue;
    seen.add(recordId);
    const object = [...schema.objects.values()].find((o) => o.keyPrefix !== '' && o.keyPrefix === keyPrefixOf(recordId));
    const record = object ? store.get(object.name, recordId) : null;
    const level = object && record ? access.recordAccess(object.name, record) : 'none';
    const canDelete = level === 'full' && object !== undefined && access.canDelete(object.name);
    rows.push({
      Id: recordId,
      UserId: userId,
      RecordId: recordId,
      HasReadAccess: level !== 'none',
      HasEditAccess: level === 'edit' || level === 'full',
      HasDeleteAccess: canDelete,
      HasTransferAccess: level === 'full',
      HasAllAccess: level === 'full',
      MaxAccessLevel: level === 'full' ? 'All' : level === 'edit' ? 'Edit' : level === 'read' ? 'Read' : 'None',
    });
  }
  return rows;
}
